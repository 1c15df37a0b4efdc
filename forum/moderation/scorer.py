"""Toxicity scoring behind a small interface, so that another local model can be plugged in.

The shipped scorer is alt-profanity-check: a linear model over word n-grams whose weights ship
inside the PyPI package. It runs in this process; no reader's words leave the server. It knows
profanity well and insults, threats or dehumanising talk without swear words poorly, which is
why the pipeline also has word lists and never relies on the score alone.
"""
from typing import Protocol


class Scorer(Protocol):
    def score(self, text: str) -> float:
        """How likely `text` is abusive, from 0 to 1."""


class LocalScorer:
    """alt-profanity-check's model, loaded on first use (loading takes about a second)."""

    def __init__(self):
        self._predict = None

    def _load(self):
        from profanity_check import predict_prob

        self._predict = predict_prob

    def score(self, text: str) -> float:
        if self._predict is None:
            self._load()
        return float(self._predict([text])[0])


class NullScorer:
    """Scores everything 0: for sites that switch the model off, and for tests of other rules."""

    def score(self, text: str) -> float:
        return 0.0


_local = LocalScorer()


def default_scorer() -> Scorer:
    """The process-wide local scorer (one model in memory per worker)."""
    return _local
