"""The learned classifier: how likely a comment is abusive or spam, and which of its words weighed most.

`flask moderation train` (training.py) fits a TF-IDF over word 1–2-grams and character 2–5-grams
(inside words) into a three-class logistic regression with scikit-learn, on the development set,
and writes the result as a versioned artifact (models/classifier-v1.json.gz). This module reads that
file with the standard library alone and repeats the arithmetic in plain Python, so a web worker
imports neither scikit-learn nor numpy for it; tests/moderation/test_classifier.py checks that its
probabilities are scikit-learn's. Tokenising is a single pass over the characters (no regex), so a
comment costs time in proportion to its length.

A comment is judged by its most abusive and its most spammy part, the whole among them (parts.py cuts
it into sentences and windows of long ones): read only whole, an insult after a paragraph of ordinary
prose was diluted into a civil score. The words named to a moderator are those of that part.

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain, compress, repeat
from functools import lru_cache, partial
from operator import gt, is_not, itemgetter, mul, sub, truediv
from pathlib import Path
from typing import Protocol

from forum.moderation.parts import parts
from forum.moderation.vocabulary import SplitVocabulary, Vocabulary, settled

ARTIFACT = Path(__file__).resolve().parent / "models" / "classifier-v1.json.gz"
FORMAT = 1  # the artifact layout this module reads; training.py writes the same number
LABELS = ("abusive", "spam")  # the classes that hold a comment; the third, civil, is the reference
EVIDENCE_COUNT = 3  # words or phrases named in a reason: enough to see why, few enough to read
# A word in more than this share of the training comments ("you", "are") is not named as evidence:
# it weighs in the score, but tells a moderator nothing.
COMMON_WORD_SHARE = 0.05
# Nor is a word that only carries grammar ("should", "would", "this"), however rare in the training set:
# a phrase is named only if one of its words is neither of these.
STOP_WORDS = frozenset("""
a about above after again against all also am an and any are aren as at be because been before being below
between both but by can cannot could couldn did didn do does doesn doing don down during each either else even
ever every few for from further get gets getting got had hadn has hasn have haven having he her here hers herself
him himself his how however i if in into is isn it its itself just let ll me might mine more most much must
mustn my myself neither no nor not now of off on once one only or other ought our ours ourselves out over own
re same shall shan she should shouldn since so some such than that the their theirs them themselves then there
these they this those though through to too under until up upon us ve very was wasn we were weren what when
where whether which while who whom whose why will with within without won would wouldn yet you your yours
yourself yourselves
say says said saying write writes wrote written writing read reads reading make makes made making go goes went
going gone come comes came know knows knew think thinks thought see seen look looks like really still already
""".split())
PHRASE_SHARE = 0.5  # see _evidence: how much a two-word phrase must weigh itself to be named before its words
_KNOWN = partial(is_not, None)  # with filter(): the numbers a lookup found (0 among them), in C
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
    if len(padded) <= _KEPT_CUTTER_LENGTH:  # nearly every word: every slice taken in one call in C
        return list(_cutter(len(padded), low, high)(padded))
    grams = []
    for n in range(low, high + 1):
        if n >= len(padded):  # a short word counts once, whole, and not again for larger n
            grams.append(padded)
            break
        grams += [padded[offset:offset + n] for offset in range(len(padded) - n + 1)]
    return grams


# Padded words of up to this many characters (nearly every word of prose) are cut by an itemgetter of slices
# made once per length and kept: about 1,000 slices, some 60 kB, for every length. A longer word is cut slice by
# slice, as making its slices first would cost as much again.
_KEPT_CUTTER_LENGTH = 24


@lru_cache(maxsize=None)  # one per length up to _KEPT_CUTTER_LENGTH (and per n-gram range: one)
def _cutter(length: int, low: int, high: int) -> Callable[[str], tuple[str, ...]]:
    """What cuts a padded word of `length` characters into its n-grams, n by n and left to right, as _char_ngrams."""
    cuts: list[slice] = []
    for n in range(low, high + 1):
        if n >= length:
            cuts.append(slice(0, length))
            break
        cuts += [slice(offset, offset + n) for offset in range(length - n + 1)]
    return _items_at(cuts)


def _items_at(positions: list) -> Callable[[Sequence], tuple]:
    """What gives a sequence's (or a dict's) items at `positions`, in order, as a tuple, in one call in C:
    itemgetter takes half the time of map(array.__getitem__), which calls a method wrapper per item."""
    if len(positions) == 1:  # itemgetter of one position gives the item itself
        only = positions[0]
        return lambda items: (items[only],)
    return itemgetter(*positions)


class _Cuts(dict):
    """key -> cut(key), worked out the first time a key is asked for: a key asked for again is a dict lookup
    in C, even through map(cuts.__getitem__, keys). Made per comment (new_cache), so it never grows."""

    def __init__(self, cut):
        super().__init__()
        self._cut = cut

    def __missing__(self, key):
        value = self[key] = self._cut(key)
        return value


# How many character n-grams of the classifier sit in a dict (SplitVocabulary, vocabulary.py): those with the
# lowest idf, that is those the most training comments hold, which are also those a comment most often holds.
# 21,845 is the most a dict of 32,768 slots takes: the commonest 21,845 of the shipped model's 62,000 answer
# about nine lookups in ten in prose, and hold the whole n-gram index in about 3 MB per worker instead of 7.
_COMMON_CHARACTER_NGRAMS = 21_845


def _compact(spec: dict) -> dict:
    """A block as read from the artifact, its numbers in arrays and each term's number in a lookup table.

    Words are looked up once or twice per word of a comment, and a Vocabulary (vocabulary.py) holds
    them in a quarter of a dict's memory. Character n-grams are looked up once or twice per character,
    and a dict answers about ten times faster than a Vocabulary: the commonest are kept in one, the others in a
    Vocabulary (a SplitVocabulary). That saves each worker about 4 MB of the 7 a dict of them all took, and costs
    checking a 2,000-character comment (decide()) about 1.5 % more instructions (callgrind), where all of them in a
    Vocabulary cost about 18 % more time."""
    terms = spec["terms"]
    if spec["analyzer"] == "word":
        index = Vocabulary(terms)
    else:
        idf = spec["idf"]
        common = sorted(range(len(terms)), key=lambda number: (idf[number], number))[:_COMMON_CHARACTER_NGRAMS]
        index = SplitVocabulary(terms, common)
    # Abusive's and spam's weights apart (the artifact interleaves them), so that a piece's weights can be
    # gathered with map() rather than term by term.
    weights = spec.pop("weights")
    return {**spec, "terms": index, "idf": array("d", spec["idf"]),
            "weights": (array("d", weights[0::2]), array("d", weights[1::2]))}


class _Block:
    """One TF-IDF vectoriser's vocabulary: each n-gram's idf and its two folded weights, in flat arrays."""

    def __init__(self, spec: dict):
        self.analyzer = spec["analyzer"]
        self.low, self.high = spec["ngram_range"]
        self.sublinear_tf = spec["sublinear_tf"]
        self.index = spec["terms"]  # each n-gram's number: a Vocabulary or SplitVocabulary (get(): None if unknown)
        self.idf = spec["idf"]
        self.weights = spec["weights"]  # towards abusive, and towards spam: one array each, by term
        # scikit-learn's smooth idf is ln((1 + documents) / (1 + df)) + 1; above this, a word is rare enough to name.
        self.naming_idf = math.log((1 + spec["documents"]) / (1 + COMMON_WORD_SHARE * spec["documents"])) + 1

    def counts(self, lowered: str, words: Counter) -> Counter:
        """How often each n-gram occurs in the (lowercased) text; `words` counts its whitespace-separated words."""
        if self.analyzer == "word":
            tokens = _word_tokens(lowered)
            return Counter(" ".join(tokens[i:i + n]) for n in range(self.low, self.high + 1)
                           for i in range(len(tokens) - n + 1))
        grams: list[str] = []
        for word, times in words.items():  # a repeated word is cut into n-grams once
            cut = _char_ngrams(word, self.low, self.high)
            grams += cut if times == 1 else cut * times
        return Counter(grams)

    def _word_grams(self, tokens: list[str]) -> list[str]:
        """The word n-grams of a run of tokens, as counts() makes them: every unigram, then every bigram..."""
        grams: list[str] = []
        for n in range(self.low, self.high + 1):
            grams += tokens if n == 1 else map(" ".join, zip(*(tokens[i:] for i in range(n))))
        return grams

    def known_contributions(self, words: list[str], cache: "_Cuts", column: int, found: Counter | None = None
                            ) -> dict[str, float]:
        """As contributions(), for a piece given as known() takes it (its words found in `cache` already);
        `found`: what known() gave for it, if kept."""
        if found is None:
            found = self.known(words, cache)
        if not found:
            return {}
        # As a loop over the n-grams would work them out, each step in C (the whole of a long comment has
        # thousands).
        numbers, counts = list(found), list(found.values())
        at = _items_at(numbers)
        tfs = self._tfs(counts)
        length = math.sqrt(sum(map(pow, map(mul, tfs, at(self.idf)), repeat(2))))
        contributions = list(map(truediv, map(mul, at(self.weights[column]), tfs), repeat(length)))
        if self.analyzer == "word":
            added = dict(zip(numbers, contributions))
            grams = self._word_grams(list(chain.from_iterable(map(cache.__getitem__, words))))
            return {gram: added[number] for gram, number in zip(grams, map(cache.numbers.__getitem__, grams))
                    if number is not None}
        # Each occurrence's share of its n-gram's contribution, worked out once per n-gram rather than per word.
        each = dict(zip(numbers, map(truediv, contributions, counts)))
        totals: dict[str, float] = {}
        for word, times in Counter(words).items():
            unit = word.strip(_EDGE_PUNCTUATION) or word
            total = sum(map(each.__getitem__, cache[word]))
            totals[unit] = totals.get(unit, 0.0) + times * total
        return totals

    def new_cache(self) -> "_Cuts":
        """What known() remembers of one comment: each word's tokens or known character n-grams, and (word
        block) each word n-gram's number, worked out once however many of the comment's parts hold them. The
        whole and its parts hold the same words and phrases two or three times over, and a Vocabulary lookup
        (vocabulary.py) costs several times a dict's."""
        if self.analyzer == "word":
            cache = _Cuts(_word_tokens)
            cache.numbers = _Cuts(self.index.get)  # None for a phrase the model does not know
            return cache
        known, low, high = self.index.known, self.low, self.high
        return _Cuts(lambda word: known(_char_ngrams(word, low, high)))

    def known(self, words: list[str], cache: "_Cuts") -> Counter:
        """How often each known n-gram occurs in a piece of text given as its whitespace-separated (lowercased)
        words: the same counts as counts(), by number, with each word's tokens or character n-grams found once
        per `cache` (new_cache(), one comment), however many of its parts the word is in."""
        cuts = chain.from_iterable(map(cache.__getitem__, words))  # a word seen before is a lookup in C
        if self.analyzer == "word":
            return Counter(filter(_KNOWN, map(cache.numbers.__getitem__, self._word_grams(list(cuts)))))
        return Counter(cuts)

    def _tfs(self, counts: Sequence[int]) -> list[float]:
        """Each count's term frequency: 1 + ln(count) when sublinear (1.0 exactly for a count of 1), else the count.
        Worked out once per distinct count (a piece has thousands of counts, a few dozen of them distinct)."""
        if self.sublinear_tf:
            tf_of = {count: 1.0 + math.log(count) for count in set(counts)}
        else:
            tf_of = {count: float(count) for count in set(counts)}
        return list(map(tf_of.__getitem__, counts))

    def logits(self, found: Counter) -> tuple[float, float]:
        """What a piece's known n-grams (by number, with their counts) add to the abusive and the spam logit:
        the same as shares() and the weights give, summed with map() over the terms, then each repeated term's
        larger tf added on."""
        if not found:
            return 0.0, 0.0
        numbers = list(found)
        at = _items_at(numbers)
        idf = at(self.idf)
        abusive_weights, spam_weights = self.weights
        abusive = sum(at(abusive_weights))
        spam = sum(at(spam_weights))
        length = sum(map(mul, idf, idf))  # each term's tf counted as 1 so far
        # operator.gt rather than (1).__lt__, a method wrapper that costs an argument tuple per term
        repeated = list(compress(numbers, map(gt, found.values(), repeat(1))))
        if repeated:
            # Term by term, as a loop would add them (sum() with a start adds in order), but each step in C:
            # a long comment repeats hundreds of character n-grams.
            at = _items_at(repeated)
            tfs = self._tfs(at(found))
            more = list(map(sub, tfs, repeat(1.0)))
            abusive = sum(map(mul, more, at(abusive_weights)), abusive)
            spam = sum(map(mul, more, at(spam_weights)), spam)
            squares = map(pow, at(self.idf), repeat(2))
            length = sum(map(mul, map(sub, map(mul, tfs, tfs), repeat(1.0)), squares), length)
        length = math.sqrt(length)
        return abusive / length, spam / length

    def contributions(self, words: Counter, counts: Counter, shares: dict[str, float], column: int) -> dict[str, float]:
        """Each unit a moderator reads (a word or two-word phrase) with what its n-grams add to one logit.

        A word n-gram is its own unit; a character n-gram's contribution is split evenly over its
        occurrences and credited to each word it occurs in."""
        weights = self.weights[column]
        added = {term: weights[number] * share for term, (number, share) in shares.items()}
        if self.analyzer == "word":
            return added
        totals: dict[str, float] = {}
        for word, times in words.items():
            unit = word.strip(_EDGE_PUNCTUATION) or word
            total = sum(added[gram] / counts[gram] for gram in _char_ngrams(word, self.low, self.high) if gram in added)
            totals[unit] = totals.get(unit, 0.0) + times * total
        return totals

    def is_common(self, word: str, numbers: "_Cuts | None" = None) -> bool:
        """Whether `word` is one that many comments use (in more than COMMON_WORD_SHARE of the training set).
        `numbers`: a comment's word n-grams' numbers (new_cache()), which has most of its words looked up already."""
        number = numbers[word] if numbers is not None else self.index.get(word)
        return number is not None and self.idf[number] < self.naming_idf

    def shares(self, counts: dict[str, int]) -> dict[str, tuple[int, float]]:
        """Each known n-gram's number, and its term frequency over the length of the comment's TF-IDF row.

        Times an n-gram's folded weight (idf × coefficient) this is its contribution to a logit."""
        frequencies, length = {}, 0.0
        get, idf, sublinear, log = self.index.get, self.idf, self.sublinear_tf, math.log
        for term, count in counts.items():
            number = get(term)
            if number is not None:
                tf = (1.0 + log(count) if count > 1 else 1.0) if sublinear else float(count)
                frequencies[term] = (number, tf)
                length += (tf * idf[number]) ** 2
        if not length:  # nothing known: the row stays all zeros
            return {}
        length = math.sqrt(length)
        return {term: (number, tf / length) for term, (number, tf) in frequencies.items()}


class LearnedClassifier:
    """The trained artifact, loaded on first use; also a Scorer (score() is the chance of abuse)."""

    def __init__(self, path: Path = ARTIFACT, data: bytes | None = None):
        self.path = path
        self._data = data  # the gzipped artifact itself (a model from the database), read instead of `path`
        self._loaded = False

    @classmethod
    def from_bytes(cls, data: bytes, name: str) -> "LearnedClassifier":
        """A classifier whose artifact is `data` (as encode_artifact made it); `name` is for messages."""
        return cls(Path(name), data)

    def load(self) -> None:
        """Read the artifact now, if not yet (the pipeline calls it before starting its time budget)."""
        if not self._loaded:
            self._load()

    def _load(self) -> None:
        kept = settled(self._read)  # made after the parse is freed, so that none of its memory stays held
        self.version, self.metadata, self._intercepts, self.thresholds, blocks = kept
        self._blocks = [_Block(spec) for spec in blocks]
        self._loaded = True

    def _read(self) -> tuple:
        if self._data is not None:
            artifact = json.loads(gzip.decompress(self._data).decode("utf-8"))
            self._data = None  # the parsed form is what is kept
        else:
            with gzip.open(self.path, "rt", encoding="utf-8") as source:
                artifact = json.load(source)
        if artifact["format"] != FORMAT or tuple(artifact["labels"]) != LABELS:
            raise RuntimeError(f"{self.path.name}: an artifact of a layout this classifier cannot read")
        # The intercepts are abusive's and spam's, relative to civil.
        return (artifact["version"], artifact["metadata"], tuple(artifact["intercepts"]), dict(artifact["thresholds"]),
                [_compact(spec) for spec in artifact["blocks"]])

    def _analyse(self, text: str) -> tuple[Counter, list[tuple["_Block", Counter, dict[str, tuple[int, float]]]]]:
        """The text's words, and per block its n-gram counts and their shares of the row."""
        if not self._loaded:
            self._load()
        lowered = text.lower()
        words = Counter(lowered.split())
        analysed = []
        for block in self._blocks:
            counts = block.counts(lowered, words)
            analysed.append((block, counts, block.shares(counts)))
        return words, analysed

    def probabilities(self, text: str) -> dict[str, float]:
        """The chance of each class for the text read whole, civil included; they add up to 1."""
        return self._probabilities(self._analyse(text)[1])

    def _probabilities(self, analysed) -> dict[str, float]:
        logits = list(self._intercepts)
        for block, _counts, shares in analysed:
            abusive, spam = block.weights
            for number, share in shares.values():
                logits[0] += share * abusive[number]
                logits[1] += share * spam[number]
        return _softmax(logits)

    def part_probabilities(self, text: str) -> dict[str, float]:
        """The chance of abuse and of spam of the text's most abusive and most spammy part (the whole among
        them: parts.py), and the chance that its least civil part is civil. This is what holds a comment."""
        return {label: probability for label, (probability, _piece) in self._judged(text).items() if label != "caches"}

    def _judged(self, text: str) -> dict[str, tuple[float, tuple[list[str], list[Counter]]]]:
        """Per class, the probability of the part that leans furthest from civil (abusive and spam: the highest;
        civil: the lowest), and that part's (lowercased) words with its known n-grams' counts per block; under
        "caches", the n-grams found per block (kept with the result rather than on the classifier, which threads
        may share)."""
        if not self._loaded:
            self._load()
        best: dict[str, tuple[float, tuple]] = {}
        caches = [block.new_cache() for block in self._blocks]  # each word's tokens or n-grams, cut once per comment
        for piece in [text] + parts(text):
            words = piece.lower().split()
            logits = list(self._intercepts)
            found = [block.known(words, block_cache) for block, block_cache in zip(self._blocks, caches)]
            for block, block_found in zip(self._blocks, found):
                abusive, spam = block.logits(block_found)
                logits[0] += abusive
                logits[1] += spam
            probabilities = _softmax(logits)
            for label in LABELS:
                if label not in best or probabilities[label] > best[label][0]:
                    best[label] = (probabilities[label], (words, found))
            if "civil" not in best or probabilities["civil"] < best["civil"][0]:
                best["civil"] = (probabilities["civil"], (words, found))
        best["caches"] = (0.0, caches)  # for _piece_evidence: the n-grams found, of this comment only
        return best

    def _piece_evidence(self, judged: dict, label: str) -> tuple[str, ...]:
        """The evidence of the piece _judged() found leaning furthest towards `label`, from the n-grams it found."""
        (words, found), caches = judged[label][1], judged["caches"][1]
        column = LABELS.index(label)
        totals: dict[str, float] = {}
        for block, cache, block_found in zip(self._blocks, caches, found):
            for unit, value in block.known_contributions(words, cache, column, block_found).items():
                totals[unit] = totals.get(unit, 0.0) + value
        word_numbers = next((cache.numbers for block, cache in zip(self._blocks, caches) if block.analyzer == "word"),
                            None)
        return self._named(totals, word_numbers)

    def score(self, text: str) -> float:
        """How likely `text` (its most abusive part) is abusive, from 0 to 1 (the Scorer interface)."""
        return self._judged(text)["abusive"][0]

    def verdicts(self, text: str) -> list[Verdict]:
        judged = self._judged(text)
        held = [label for label in LABELS if judged[label][0] >= self.thresholds[label]]
        held.sort(key=lambda label: -judged[label][0])
        return [Verdict(label, judged[label][0], self._piece_evidence(judged, label)) for label in held]

    def evidence(self, text: str, label: str) -> tuple[str, ...]:
        """The words or phrases of `text`'s part that leans furthest towards `label` that pushed it there."""
        return self._piece_evidence(self._judged(text), label)

    def _evidence(self, words: Counter, analysed, label: str) -> tuple[str, ...]:
        # Each n-gram's contribution is its folded weight times its share of the row, summed per word
        # and per two-word phrase. A phrase that weighs as much as half its heaviest word is worth its own
        # weight plus its words' (so "get lost" is named rather than "lost" alone, but "coward and" is
        # not named for "coward"); a unit is named only if it leans towards the label and one of its words
        # is informative (not a stop word or a common one).
        column = LABELS.index(label)
        totals: dict[str, float] = {}
        for block, counts, shares in analysed:
            for unit, value in block.contributions(words, counts, shares, column).items():
                totals[unit] = totals.get(unit, 0.0) + value
        return self._named(totals)

    def _named(self, totals: dict[str, float], word_numbers: "_Cuts | None" = None) -> tuple[str, ...]:
        """The units named as evidence, of each unit's contribution to the label's logit (see _evidence).
        `word_numbers`: the comment's word n-grams' numbers, as the word block's new_cache() keeps them."""
        words_block = next((block for block in self._blocks if block.analyzer == "word"), None)

        def informative(word: str) -> bool:
            return word not in STOP_WORDS and len(word) > 1 and not word.isdigit() and not (
                words_block is not None and words_block.is_common(word, word_numbers))

        informative_words = _Cuts(informative)  # a word is in several units: its own, and the phrases around it
        scored = []
        for unit, total in totals.items():
            parts = unit.split()
            if total <= 0 or not any(map(informative_words.__getitem__, parts)):
                continue
            if len(parts) > 1 and total >= PHRASE_SHARE * max(totals.get(part, 0.0) for part in parts):
                total += sum(max(totals.get(part, 0.0), 0.0) for part in parts)
            scored.append((total, len(parts), unit))
        named: list[str] = []
        for _total, _length, unit in sorted(scored, key=lambda entry: (-entry[0], -entry[1], entry[2])):
            unit_words = set(unit.split())
            if not any(unit_words & set(chosen.split()) for chosen in named):
                named.append(unit[:40])
                if len(named) == EVIDENCE_COUNT:
                    break
        return tuple(named)


def _softmax(logits: list[float]) -> dict[str, float]:
    """The three classes' probabilities from abusive's and spam's logits relative to civil's (0)."""
    top = max(0.0, *logits)  # shifted so exp() cannot overflow
    exps = [math.exp(logit - top) for logit in logits]
    civil = math.exp(-top)
    total = civil + sum(exps)
    return {"abusive": exps[0] / total, "spam": exps[1] / total, "civil": civil / total}


def encode_artifact(artifact: dict) -> bytes:
    """An artifact as gzipped JSON with no timestamp in the gzip header, so the same model gives the same bytes."""
    payload = json.dumps(artifact, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    return gzip.compress(payload, mtime=0)


class NullClassifier:
    """Holds nothing: for tests of other rules, and for sites that switch the model off."""

    def verdicts(self, text: str) -> list[Verdict]:
        return []


_default = LearnedClassifier()


def default_classifier() -> LearnedClassifier:
    """The process-wide classifier (one artifact in memory per worker)."""
    return _default
