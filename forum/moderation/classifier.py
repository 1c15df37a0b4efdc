"""The learned classifier: how likely a comment is abusive or spam, and which of its words weighed most.

`flask moderation train` (training.py) fits a TF-IDF over word 1–2-grams and character 2–5-grams
(inside words) into a three-class logistic regression with scikit-learn, on the development set,
and writes the result as a versioned artifact (models/classifier-v1.json.gz). This module reads that
file with the standard library alone and repeats the arithmetic in plain Python, so a web worker
imports neither scikit-learn nor numpy for it; tests/moderation/test_classifier.py checks that its
probabilities are scikit-learn's. Tokenising is a single pass over the characters (no regex), so a
comment costs time in proportion to its length.

The artifact stores, for each n-gram, its idf and its weight towards abusive and towards spam, both
relative to civil and multiplied by the idf: a softmax is unchanged when the same amount is taken
from every class's logit, so two weights per n-gram say what three did, and each weight times the
n-gram's share of the comment is that n-gram's contribution, which is what a moderator is shown.
"""
import gzip
import json
import math
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

ARTIFACT = Path(__file__).resolve().parent / "models" / "classifier-v1.json.gz"
FORMAT = 1  # the artifact layout this module reads; training.py writes the same number
LABELS = ("abusive", "spam")  # the classes that hold a comment; the third, civil, is the reference
EVIDENCE_COUNT = 3  # words or phrases named in a reason: enough to see why, few enough to read
# A word in more than this share of the training comments ("you", "are") is not named as evidence:
# it weighs in the score, but tells a moderator nothing.
COMMON_WORD_SHARE = 0.05
_EDGE_PUNCTUATION = ".,;:!?\"'()[]{}<>*_~`|/\\-–—…«»“”‘’"


@dataclass(frozen=True)
class Verdict:
    """One class the classifier holds a comment for, with its probability and what weighed most."""

    label: str
    probability: float
    evidence: tuple[str, ...]

    @property
    def reason(self) -> str:
        quoted = ", ".join(f"'{phrase}'" for phrase in self.evidence)
        return f"model: {self.label} {self.probability:.2f}" + (f" ({quoted})" if quoted else "")


class Classifier(Protocol):
    def verdicts(self, text: str) -> list[Verdict]:
        """The classes whose probability for `text` reaches their threshold, most likely first."""


def _word_tokens(text: str) -> list[str]:
    """Runs of two or more word characters, as scikit-learn's default token pattern (?u)\\b\\w\\w+\\b finds them."""
    tokens, start = [], None
    for position, char in enumerate(text):
        if char.isalnum() or char == "_":  # what \w matches in a str pattern
            if start is None:
                start = position
        elif start is not None:
            if position - start >= 2:
                tokens.append(text[start:position])
            start = None
    if start is not None and len(text) - start >= 2:
        tokens.append(text[start:])
    return tokens


def _char_ngrams(word: str, low: int, high: int) -> list[str]:
    """The n-grams of one whitespace-separated word padded with a space, as scikit-learn's char_wb makes them."""
    padded = f" {word} "
    grams = []
    for n in range(low, high + 1):
        if n >= len(padded):  # a short word counts once, whole, and not again for larger n
            grams.append(padded)
            break
        grams += [padded[offset:offset + n] for offset in range(len(padded) - n + 1)]
    return grams


class _Block:
    """One TF-IDF vectoriser's vocabulary: each n-gram's idf and its two folded weights, in flat arrays."""

    def __init__(self, spec: dict):
        self.analyzer = spec["analyzer"]
        self.low, self.high = spec["ngram_range"]
        self.sublinear_tf = spec["sublinear_tf"]
        self.index = {term: number for number, term in enumerate(spec["terms"])}
        self.idf = array("d", spec["idf"])
        self.weights = array("d", spec["weights"])  # abusive then spam, term after term
        # scikit-learn's smooth idf is ln((1 + documents) / (1 + df)) + 1; above this, a word is rare enough to name.
        self.naming_idf = math.log((1 + spec["documents"]) / (1 + COMMON_WORD_SHARE * spec["documents"])) + 1

    def grams(self, lowered: str) -> list[str]:
        """Every n-gram of the (lowercased) text, repeats included."""
        if self.analyzer == "word":
            tokens = _word_tokens(lowered)
            return [" ".join(tokens[i:i + n]) for n in range(self.low, self.high + 1) for i in range(len(tokens) - n + 1)]
        return [gram for word in lowered.split() for gram in _char_ngrams(word, self.low, self.high)]

    def grams_with_units(self, lowered: str) -> list[tuple[str, str]]:
        """Every n-gram with the unit a moderator would read it as: itself (a word or phrase) or its word."""
        if self.analyzer == "word":
            return [(gram, gram) for gram in self.grams(lowered)]
        pairs = []
        for word in lowered.split():
            unit = word.strip(_EDGE_PUNCTUATION) or word  # once per word: a long word must not cost its length per n-gram
            pairs += [(gram, unit) for gram in _char_ngrams(word, self.low, self.high)]
        return pairs

    def is_common(self, unit: str) -> bool:
        """Whether every word of `unit` is one that most comments use."""
        numbers = [self.index.get(word) for word in unit.split()]
        return all(number is not None and self.idf[number] < self.naming_idf for number in numbers)

    def shares(self, counts: dict[str, int]) -> dict[str, float]:
        """Each known n-gram's term frequency over the length of the comment's TF-IDF row.

        Times an n-gram's folded weight (idf × coefficient) this is its contribution to a logit."""
        frequencies, length = {}, 0.0
        for term, count in counts.items():
            number = self.index.get(term)
            if number is not None:
                tf = 1.0 + math.log(count) if self.sublinear_tf else float(count)
                frequencies[term] = tf
                length += (tf * self.idf[number]) ** 2
        if not length:  # nothing known: the row stays all zeros
            return {}
        length = math.sqrt(length)
        return {term: tf / length for term, tf in frequencies.items()}


class LearnedClassifier:
    """The trained artifact, loaded on first use; also a Scorer (score() is the chance of abuse)."""

    def __init__(self, path: Path = ARTIFACT):
        self.path = path
        self._loaded = False

    def _load(self) -> None:
        with gzip.open(self.path, "rt", encoding="utf-8") as source:
            artifact = json.load(source)
        if artifact["format"] != FORMAT or tuple(artifact["labels"]) != LABELS:
            raise RuntimeError(f"{self.path.name}: an artifact of a layout this classifier cannot read")
        self.version = artifact["version"]
        self.metadata = artifact["metadata"]
        self._blocks = [_Block(spec) for spec in artifact["blocks"]]
        self._intercepts = tuple(artifact["intercepts"])  # abusive and spam, relative to civil
        self.thresholds = dict(artifact["thresholds"])
        self._loaded = True

    def _block_counts(self, lowered: str) -> list[Counter]:
        return [Counter(block.grams(lowered)) for block in self._blocks]

    def probabilities(self, text: str) -> dict[str, float]:
        """The chance of each class, civil included; they add up to 1."""
        if not self._loaded:
            self._load()
        logits = list(self._intercepts)
        for block, counts in zip(self._blocks, self._block_counts(text.lower())):
            for term, share in block.shares(counts).items():
                number = block.index[term]
                logits[0] += share * block.weights[2 * number]
                logits[1] += share * block.weights[2 * number + 1]
        top = max(0.0, *logits)  # softmax against civil's logit of 0, shifted so exp() cannot overflow
        exps = [math.exp(logit - top) for logit in logits]
        civil = math.exp(-top)
        total = civil + sum(exps)
        return {"abusive": exps[0] / total, "spam": exps[1] / total, "civil": civil / total}

    def score(self, text: str) -> float:
        """How likely `text` is abusive, from 0 to 1 (the Scorer interface)."""
        return self.probabilities(text)["abusive"]

    def verdicts(self, text: str) -> list[Verdict]:
        probabilities = self.probabilities(text)
        held = [label for label in LABELS if probabilities[label] >= self.thresholds[label]]
        held.sort(key=lambda label: -probabilities[label])
        return [Verdict(label, probabilities[label], self.evidence(text, label)) for label in held]

    def evidence(self, text: str, label: str, count: int = EVIDENCE_COUNT) -> tuple[str, ...]:
        """The words or phrases of `text` that pushed it furthest towards `label`.

        Each n-gram's contribution (folded weight × its TF-IDF share) is split evenly over its
        occurrences and credited to the word it sits in (a character n-gram) or to itself (a word
        or a two-word phrase); the units with the largest positive totals are named."""
        if not self._loaded:
            self._load()
        column = LABELS.index(label)
        lowered = text.lower()
        totals: dict[str, float] = {}
        for block, counts in zip(self._blocks, self._block_counts(lowered)):
            shares = block.shares(counts)
            for gram, unit in block.grams_with_units(lowered):
                if gram in shares:
                    weight = block.weights[2 * block.index[gram] + column]
                    totals[unit] = totals.get(unit, 0.0) + weight * shares[gram] / counts[gram]
        words_block = next((block for block in self._blocks if block.analyzer == "word"), None)
        named: list[str] = []
        for unit, total in sorted(totals.items(), key=lambda item: -item[1]):
            if total <= 0 or len(named) == count:
                break
            if words_block is not None and words_block.is_common(unit):
                continue
            words = set(unit.split())
            if not any(words <= set(chosen.split()) or set(chosen.split()) <= words for chosen in named):
                named.append(unit[:40])
        return tuple(named)


class NullClassifier:
    """Holds nothing: for tests of other rules, and for sites that switch the model off."""

    def verdicts(self, text: str) -> list[Verdict]:
        return []


_default = LearnedClassifier()


def default_classifier() -> LearnedClassifier:
    """The process-wide classifier (one artifact in memory per worker)."""
    return _default
