"""Toxicity scoring behind a small interface, so that another local model can be plugged in.

The shipped scorer is alt-profanity-check's model: a linear model over words whose weights come
from that PyPI package (MIT licence). It runs in this process; no reader's words leave the server.
It knows profanity well and insults, threats or dehumanising talk without swear words poorly,
which is why the pipeline also has word lists and never relies on the score alone.

The package keeps its model as scikit-learn objects in joblib files, and loading them costs a
web worker scikit-learn, SciPy and NumPy: about 100 MB of RSS. So `python -m
forum.moderation.flatten_profanity` reads the installed package once and writes the numbers
the arithmetic needs to models/profanity-v1.json.gz (committed), and this module reads that file
with the standard library alone. tests/moderation/test_scorer.py checks the scores against the
package's own `predict_prob`; tests/test_architecture.py checks that a worker imports none of those
libraries.
"""
import gzip
import json
import math
from array import array
from collections import Counter
from itertools import compress, count
from pathlib import Path
from typing import Protocol

from forum.moderation.vocabulary import Vocabulary, settled
from forum.patterns import CharacterTable

PROFANITY_MODEL = Path(__file__).resolve().parent / "models" / "profanity-v1.json.gz"
PROFANITY_FORMAT = 1  # the layout this module reads; flatten_profanity.py writes the same number


class Scorer(Protocol):
    """Scores a comment. A scorer may also have load(): work done once per process (reading a model),
    which decide() calls before it starts timing the comment."""

    def score(self, text: str) -> float:
        """How likely `text` is abusive, from 0 to 1."""


# The vectoriser's words: runs of two or more word characters (its pattern, (?u)\b\w\w+\b), found
# with str.translate and str.split rather than a regex over the reader's text.
_NOT_WORD_TO_SPACE = CharacterTable(
    lambda char: char if char.isalnum() else " ",
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")},
)


class LocalScorer:
    """alt-profanity-check's model, evaluated term by term in plain Python from its flattened file.

    The package's own `predict_prob` goes through scikit-learn for every call: input validation,
    a sparse matrix for one row, five calibrated classifiers. That costs about 4 ms a comment on
    this hardware, while the arithmetic itself is a few dozen multiplications, so a comment is
    scored by summing over its words.
    """

    def __init__(self, path: Path = PROFANITY_MODEL):
        self.path = path
        self._model: _FlatModel | None = None

    def load(self) -> None:
        """Read the model file, once (a fifth of a second)."""
        if self._model is None:
            self._model = _FlatModel.read(self.path)

    def score(self, text: str) -> float:
        """The model's probability for the text without its names (without_names)."""
        return self.model_probability(without_names(text))

    def model_probability(self, text: str) -> float:
        """The package's own probability for exactly this text."""
        self.load()
        return self._model.probability(text)


# Before a capitalised word, these make it a common noun put on someone ("you Dick", "such a Prick"), not a name.
_NOT_BEFORE_A_NAME = frozenset({"a", "an", "you", "your", "ur", "u", "such", "what", "ya", "ye", "the"})
_SENTENCE_ENDS = ".!?:"
_PUNCTUATION = ".,;:!?\"'()"


def without_names(text: str) -> str:
    """The text without the capitalised words that are names ("Dick Van Dyke", "Moby Dick", "uncle Dick").

    The profanity model reads words without their case, so a name that is also a swear word scores as
    the swear word: a sentence about Dick Van Dyke scored 0.92. A word counts as a name when it is
    capitalised (first letter only) and either is not the first word of its sentence or is followed by
    another capitalised word, unless "a", "you", "such"... comes just before it. A sentence mostly in
    capitals ("Go Fuck Yourself") has no names: there the capitals are shouting, not naming.
    """
    words = text.split()
    bare = [word.strip(_PUNCTUATION) for word in words]
    capitalised = [len(word) > 1 and word[0].isupper() and word[1:].islower() for word in bare]
    if not words or sum(capitalised) * 2 > len(words):
        return text
    names = set()
    for number in compress(count(), capitalised):  # only a capitalised word can be a name: a few in a comment
        starts_sentence = number == 0 or words[number - 1][-1] in _SENTENCE_ENDS
        next_capitalised = number + 1 < len(words) and capitalised[number + 1]
        put_on_someone = number > 0 and bare[number - 1].lower() in _NOT_BEFORE_A_NAME
        if not put_on_someone and (next_capitalised or not starts_sentence):
            names.add(number)
    return " ".join(word for number, word in enumerate(words) if number not in names) if names else " ".join(words)


class _FlatModel:
    """A TF-IDF vectoriser (l2 norm, raw counts) followed by sigmoid-calibrated linear classifiers, averaged."""

    def __init__(self, terms: list[str], idf: list[float], coefficients: list[list[float]],
                 intercepts: list[float], calibration: list[list[float]]):
        self._index = Vocabulary(terms)  # a word's number, in an eighth of a dict's memory
        self._idf = array("d", idf)
        self._members = len(intercepts)
        # idf × coefficient, member after member for each term: one term's weights sit together.
        self._weights = array("d", [term_idf * member[number] for number, term_idf in enumerate(idf)
                                    for member in coefficients])
        self._intercepts = tuple(intercepts)
        self._calibration = tuple((a, b) for a, b in calibration)  # each member's sigmoid

    @classmethod
    def read(cls, path: Path) -> "_FlatModel":
        return settled(lambda: cls._parse(path))  # none of the parse's memory stays held (vocabulary.py)

    @classmethod
    def _parse(cls, path: Path) -> "_FlatModel":
        with gzip.open(path, "rt", encoding="utf-8") as source:
            flat = json.load(source)
        if flat["format"] != PROFANITY_FORMAT:
            raise RuntimeError(f"{path.name}: a model file of a layout this scorer cannot read")
        return cls(flat["terms"], flat["idf"], flat["coefficients"], flat["intercepts"], flat["calibration"])

    def probability(self, text: str) -> float:
        # The vocabulary holds no stop word and no one-character token, so a lookup alone filters both.
        # Each distinct token is looked up once (a Vocabulary lookup costs several dict lookups), in the order
        # of its first occurrence, as counting token by token would insert it.
        counts: dict[int, int] = {}
        index = self._index
        for token, times in Counter(text.lower().translate(_NOT_WORD_TO_SPACE).split()).items():
            number = index.get(token)
            if number is not None:
                counts[number] = times
        # The vectoriser scales each row to unit length; a row with no known word stays all zeros.
        idf, weights, members = self._idf, self._weights, self._members
        norm = math.sqrt(sum((count * idf[number]) ** 2 for number, count in counts.items()))
        decisions = list(self._intercepts)
        if norm:
            for number, count in counts.items():
                share = count / norm
                first = number * members
                for member in range(members):
                    decisions[member] += share * weights[first + member]
        probabilities = [
            _expit(-(a * decision + b)) for decision, (a, b) in zip(decisions, self._calibration)
        ]
        return min(sum(probabilities) / len(probabilities), 1.0)


def _expit(x: float) -> float:
    # The logistic function, written so that neither branch overflows.
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    exp_x = math.exp(x)
    return exp_x / (1.0 + exp_x)


class NullScorer:
    """Scores everything 0: for sites that switch the model off, and for tests of other rules."""

    def score(self, text: str) -> float:
        return 0.0


_local = LocalScorer()


def default_scorer() -> Scorer:
    """The process-wide local scorer (one model in memory per worker)."""
    return _local
