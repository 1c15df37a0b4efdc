"""Classifier artifacts written by hand, for tests that need a model of a known behaviour without fitting one."""
from forum.moderation.classifier import FORMAT, LABELS


def constant_artifact(version: str, abusive: float = -10.0, spam: float = -10.0) -> dict:
    """A model that knows no word: every comment gets the same probabilities, from the two intercepts
    (logits against civil). The defaults hold nothing; spam=10 holds everything as spam."""
    block = {"analyzer": "word", "ngram_range": [1, 1], "sublinear_tf": True, "documents": 1,
             "terms": [], "idf": [], "weights": []}
    return {"format": FORMAT, "version": version, "labels": list(LABELS), "blocks": [block],
            "intercepts": [abusive, spam], "thresholds": {"abusive": 0.5, "spam": 0.5}, "metadata": {}}


def word_artifact(version: str, weights: dict[str, tuple[float, float, float]], documents: int = 100) -> dict:
    """A model of word 1–2-grams only, each given as {term: (idf, weight towards abusive, towards spam)};
    the weights are the artifact's folded ones (idf times the coefficient), the intercepts neutral."""
    terms = sorted(weights)
    block = {"analyzer": "word", "ngram_range": [1, 2], "sublinear_tf": True, "documents": documents,
             "terms": terms, "idf": [weights[term][0] for term in terms],
             "weights": [value for term in terms for value in weights[term][1:]]}
    return {"format": FORMAT, "version": version, "labels": list(LABELS), "blocks": [block],
            "intercepts": [0.0, 0.0], "thresholds": {"abusive": 0.5, "spam": 0.5}, "metadata": {}}
