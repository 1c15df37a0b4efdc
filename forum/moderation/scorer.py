"""Toxicity scoring behind a small interface, so that another local model can be plugged in.

The shipped scorer is alt-profanity-check: a linear model over word n-grams whose weights ship
inside the PyPI package. It runs in this process; no reader's words leave the server. It knows
profanity well and insults, threats or dehumanising talk without swear words poorly, which is
why the pipeline also has word lists and never relies on the score alone.
"""
import math
from typing import Protocol

from forum.patterns import CharacterTable


class Scorer(Protocol):
    """Scores a comment. A scorer may also have load(): work done once per process (reading a model),
    which decide() calls before it starts timing the comment."""

    def score(self, text: str) -> float:
        """How likely `text` is abusive, from 0 to 1."""


# The vectoriser's words: runs of two or more word characters (its pattern, (?u)\b\w\w+\b), found
# with str.translate and str.split rather than a regex over the reader's text.
_TOKEN_PATTERN = r"(?u)\b\w\w+\b"
_NOT_WORD_TO_SPACE = CharacterTable(
    lambda char: char if char.isalnum() else " ",
    {chr(code): " " for code in range(128) if not (chr(code).isalnum() or chr(code) == "_")},
)


class LocalScorer:
    """alt-profanity-check's model, evaluated term by term in plain Python.

    The package's own `predict_prob` goes through scikit-learn for every call: input validation,
    a sparse matrix for one row, five calibrated classifiers. That costs about 4 ms a comment on
    this hardware, while the arithmetic itself is a few dozen multiplications. So the model is
    loaded once (about a second), flattened into a dict from each known word to its weight in each
    ensemble member, and a comment is scored by summing over its words. The result is the same
    number as `predict_prob` gives, which tests/moderation/test_scorer.py checks.
    """

    def __init__(self):
        self._model: _FlatModel | None = None

    def load(self) -> None:
        """Read the model, once (about a second)."""
        if self._model is None:
            self._model = _FlatModel.from_package()

    def score(self, text: str) -> float:
        self.load()
        return self._model.probability(text)


class _FlatModel:
    """A TF-IDF vectoriser followed by sigmoid-calibrated linear classifiers, averaged."""

    def __init__(self, stop_words: frozenset[str], idf: dict[str, float],
                 weights: dict[str, tuple[float, ...]], intercepts: tuple[float, ...],
                 calibration: tuple[tuple[float, float], ...]):
        self._stop_words = stop_words
        self._idf = idf
        self._weights = weights  # idf × coefficient, per ensemble member
        self._intercepts = intercepts
        self._calibration = calibration  # (a, b) of each member's sigmoid

    @classmethod
    def from_package(cls) -> "_FlatModel":
        from profanity_check import profanity_check as package

        vectoriser, ensemble = package.vectorizer, package.model
        # The flattening below is only right for the model shape the package ships; refuse anything else
        # rather than score with the wrong arithmetic.
        if not (vectoriser.lowercase and vectoriser.ngram_range == (1, 1) and vectoriser.analyzer == "word"
                and vectoriser.norm == "l2" and vectoriser.use_idf and not vectoriser.sublinear_tf
                and vectoriser.strip_accents is None and vectoriser.preprocessor is None
                and vectoriser.tokenizer is None and vectoriser.token_pattern == _TOKEN_PATTERN
                and ensemble.method == "sigmoid"
                and list(ensemble.classes_) == [0, 1]):
            raise RuntimeError("alt-profanity-check ships a model of a shape this scorer does not know")
        members = ensemble.calibrated_classifiers_
        coefficients = [member.estimator.coef_.ravel() for member in members]
        idf = {}
        weights = {}
        for term, column in vectoriser.vocabulary_.items():
            term_idf = float(vectoriser.idf_[column])
            idf[term] = term_idf
            weights[term] = tuple(term_idf * float(coef[column]) for coef in coefficients)
        return cls(
            frozenset(vectoriser.get_stop_words() or ()), idf, weights,
            tuple(float(member.estimator.intercept_[0]) for member in members),
            tuple((float(member.calibrators[0].a_), float(member.calibrators[0].b_)) for member in members),
        )

    def probability(self, text: str) -> float:
        counts: dict[str, int] = {}
        for token in text.lower().translate(_NOT_WORD_TO_SPACE).split():
            if len(token) > 1 and token in self._idf and token not in self._stop_words:
                counts[token] = counts.get(token, 0) + 1
        # The vectoriser scales each row to unit length; a row with no known word stays all zeros.
        norm = math.sqrt(sum((count * self._idf[term]) ** 2 for term, count in counts.items()))
        decisions = list(self._intercepts)
        if norm:
            for term, count in counts.items():
                share = count / norm
                for member, weight in enumerate(self._weights[term]):
                    decisions[member] += share * weight
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
