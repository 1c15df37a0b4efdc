"""Fit the learned classifier on the development set and write its artifact (`flask moderation train`).

This module imports scikit-learn and numpy; only the command line uses it, never a web worker
(which reads the artifact through classifier.py). Everything is seeded, so the same data and the
same library versions give the same artifact.

The thresholds are chosen on cross-validated probabilities, so that no item is judged by a model
that saw it, and together with the rest of the pipeline: a civil comment the rules already hold
costs the model nothing, and one the model would hold on top of them counts against its budget.
They are computed as the classifier judges a comment (predicted(): its most abusive and most spammy
part, the whole among them), since the highest of several parts' probabilities runs higher than the
whole's.
"""
import gzip
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from forum.moderation.classifier import FORMAT, LABELS
from forum.moderation.evaluation import Item
from forum.moderation.model_text import model_text
from forum.moderation.parts import parts, sentences

SEED = 0
FOLDS = 5
# The share of the set's civil comments the whole pipeline may hold in cross-validation. Below the
# issue's 3 %: comments by writers the model never read cost more false holds than the folds show.
# How many more, the development set says (unseen_writer()): thresholds chosen on four of its writers
# held 3.0 % of the fifth's civil comments at a budget of 2.5 %, and 2.2 % at 2.0 %.
CIVIL_BUDGET = 0.02
# Writers whose briefs asked for nothing but the civil comments a filter holds (the shape of a threat with a kind
# meaning, "stupid" said of a plan, a public phone line): their civil comments count in the pooled budget, but not
# each in a budget of its own. A site's readers do not write like that, and holding one such writer's civil
# comments within 2 % on its own pushed the abusive threshold from 0.83 to 0.93: on two new writers of the
# usual brief (dt, du), before anything was tuned on them, abusive held fell 92.8 → 84.4 % and 91.7 → 90.0 % (at
# 0.83 / 0.30 against 0.93 / 0.20), and civil held stayed 0.5 % and 2.5 %.
FILTER_TRAP_WRITERS = frozenset({"dp", "dq", "dr", "ds"})
THRESHOLD_GRID = [round(0.20 + 0.01 * step, 2) for step in range(76)]  # 0.20 … 0.95
CLASSES = ("abusive", "civil", "spam")  # scikit-learn sorts the labels so
SIGNIFICANT_DIGITS = 10  # far below the 1e-6 the scores must match scikit-learn's to; keeps the file small


def features(word_min_df: int = 1, char_min_df: int = 2, words: tuple[int, int] = (1, 2),
             chars: tuple[int, int] = (2, 5)) -> FeatureUnion:
    """Word n-grams and character n-grams inside words (1–2 and 2–5 by default), each block TF-IDF with sublinear tf."""
    return FeatureUnion([
        ("word", TfidfVectorizer(analyzer="word", ngram_range=words, sublinear_tf=True, min_df=word_min_df)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=chars, sublinear_tf=True, min_df=char_min_df)),
    ])


def _logistic(c: float, balanced: bool = False) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, random_state=SEED, class_weight="balanced" if balanced else None)


@dataclass(frozen=True)
class Design:
    make: Callable[[], Pipeline]
    # The development set's civil comments are long and its insults short, so a model fitted on it alone
    # learns that a short comment is abusive: it held a fifth of single civil sentences ("Thanks!",
    # "Wrong again.") in cross-validation. Each sentence of a civil training comment is civil too, so
    # the sentences are added as civil examples; that costs a few points of abusive comments held. So are the
    # parts the classifier reads on their own (civil_pieces()), since a comment is held for its worst part.
    civil_sentences: bool = True


def _with_features(model, **settings) -> Callable[[], Pipeline]:
    return lambda: Pipeline([("features", features(**settings)), ("model", model())])


# Every design compared by `flask moderation train --compare`; CHOSEN is the one shipped.
DESIGNS = {
    "words+chars → logistic regression, C=10": Design(_with_features(lambda: _logistic(10))),
    "words+chars → logistic regression, C=30": Design(_with_features(lambda: _logistic(30))),
    "words+chars → logistic regression, C=100": Design(_with_features(lambda: _logistic(100))),
    "words+chars → logistic regression, C=30, no sentences": Design(_with_features(lambda: _logistic(30)), False),
    "words+chars → two binary logistic regressions, C=30": Design(
        _with_features(lambda: OneVsRestClassifier(_logistic(30)))),
    "words+chars → linear SVM, sigmoid-calibrated": Design(_with_features(
        lambda: CalibratedClassifierCV(LinearSVC(C=0.5, random_state=SEED), method="sigmoid", cv=FOLDS))),
    "words only → logistic regression, C=30": Design(lambda: Pipeline([
        ("features", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)), ("model", _logistic(30))])),
    "words+chars → logistic regression, C=30, balanced": Design(_with_features(lambda: _logistic(30, True))),
    "words 1–3+chars → logistic regression, C=30": Design(_with_features(lambda: _logistic(30), words=(1, 3))),
    "words 1–3 (min_df 2)+chars → logistic regression, C=30": Design(
        _with_features(lambda: _logistic(30), words=(1, 3), word_min_df=2)),
    "words+chars 1–6 → logistic regression, C=30": Design(_with_features(lambda: _logistic(30), chars=(1, 6))),
}
CHOSEN = "words+chars → logistic regression, C=30"
def training_examples(items: list[Item], design: Design) -> tuple[list[str], list[str]]:
    """The texts and labels a design is fitted on: the items as the classifier reads them (model_text.py), and the
    sentences and parts of civil ones if it takes them."""
    texts, labels = [model_text(item.text) for item in items], [item.label for item in items]
    if design.civil_sentences:
        for item in items:
            if item.label == "civil":
                extra = civil_pieces(model_text(item.text))
                texts += extra
                labels += ["civil"] * len(extra)
    return texts, labels


def civil_pieces(text: str) -> list[str]:
    """The pieces of a civil comment that are civil examples besides the whole: its sentences, and the parts the
    classifier reads on their own (parts.py: windows of neighbouring sentences, windows of a long one). A comment is
    held for its most abusive part, so the model learns from the parts of civil comments what a civil part reads
    like: a personal story's "if one shows up at your house" read alone was taken for a threat.

    On the development set, each writer judged with a model fitted on the others (with model_text.py too; civil
    comments held by the pipeline at the same number of abusive ones held, 2190 / 2200 / 2205 / 2210 / 2215 of
    2288): 23 / 27 / 33 / 36 / 47 of 2102 before, 20 / 25 / 30 / 34 / 40 after. At the shipped thresholds
    (0.85 / 0.29) the difference is within what refitting moves (29 before; 27 and 30 in two fits after)."""
    pieces = sentences(text)
    return pieces + [part for part in parts(text) if part not in pieces]


@dataclass
class Figures:
    """How a design did on cross-validated probabilities, at thresholds chosen on them."""

    accuracy: float
    thresholds: dict[str, float]
    model_held: dict[str, float]  # share of each label the model alone holds
    pipeline_held: dict[str, float]  # share held by the rules or the model
    worst_kind: tuple[str, float]  # the abusive or spam kind held least by the pipeline
    civil_sentences_held: float  # share of single sentences of civil comments the model holds

    def as_dict(self) -> dict:
        return {"accuracy": round(self.accuracy, 4), "thresholds": self.thresholds,
                "model_held": _rounded(self.model_held), "pipeline_held": _rounded(self.pipeline_held),
                "worst_kind": [self.worst_kind[0], round(self.worst_kind[1], 4)],
                "civil_sentences_held": round(self.civil_sentences_held, 4)}


def _rounded(shares: dict[str, float]) -> dict[str, float]:
    return {label: round(share, 4) for label, share in shares.items()}


def data_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def writer_of(item: Item) -> str:
    """The writer an item came from: its id's prefix ("da-0001" → "da")."""
    return item.id.split("-")[0]


@dataclass
class Predictions:
    """Cross-validated class probabilities (columns in CLASSES order) of the items, and of the single
    sentences of civil items, each from a model that did not see the item."""

    items: np.ndarray
    civil_sentences: np.ndarray


def fold_splits(items: list[Item], by_writer: bool = False, folds: int = FOLDS):
    """(train, test) index arrays: `folds` stratified folds, or one writer left out in turn."""
    texts, labels = [item.text for item in items], [item.label for item in items]
    if by_writer:
        writers = [writer_of(item) for item in items]
        return GroupKFold(n_splits=len(set(writers))).split(texts, labels, writers)
    return StratifiedKFold(n_splits=folds, shuffle=True, random_state=SEED).split(texts, labels)


def fitted(design: str, items: list[Item], weights: list[float] | None = None) -> tuple[Pipeline, int]:
    """The design fitted on the items (each weighing `weights[i]`, else 1), and how many texts it was fitted on."""
    model = DESIGNS[design].make()
    texts, labels = training_examples(items, DESIGNS[design])
    if weights is None:
        model.fit(texts, labels)
    else:  # the civil sentences training_examples adds after the items weigh what their comment does
        civil = [weight for item, weight in zip(items, weights) if item.label == "civil"
                 for _sentence in (civil_pieces(model_text(item.text)) if DESIGNS[design].civil_sentences else [])]
        model.fit(texts, labels, model__sample_weight=np.array(list(weights) + civil))
    assert tuple(model.classes_) == CLASSES
    return model, len(texts)


def fold_models(design: str, items: list[Item], by_writer: bool = False, folds: int = FOLDS,
                weights: list[float] | None = None, splits=None):
    """For each fold, its test indices, the design fitted on the other folds, and how many texts it was fitted on.

    `splits`: (train, test) index arrays to use instead of fold_splits()'s."""
    for train, test in (splits if splits is not None else fold_splits(items, by_writer, folds)):
        model, documents = fitted(design, [items[i] for i in train],
                                  None if weights is None else [weights[i] for i in train])
        yield test, model, documents


def predicted(model: Pipeline, texts: list[str]) -> np.ndarray:
    """Class probabilities of the texts (columns in CLASSES order) as the classifier judges a comment:
    abusive and spam those of its most abusive and most spammy part (the whole among them: parts.py),
    civil that of its least civil part. Thresholds chosen on anything else would be wrong for it."""
    pieces, owners = [], []
    for number, text in enumerate(map(model_text, texts)):
        for piece in [text] + parts(text):
            pieces.append(piece)
            owners.append(number)
    if not pieces:
        return np.zeros((0, len(CLASSES)))
    probabilities, owners = model.predict_proba(pieces), np.array(owners)
    judged = np.zeros((len(texts), len(CLASSES)))
    for column, label in enumerate(CLASSES):
        if label == "civil":
            judged[:, column] = 1.0
            np.minimum.at(judged[:, column], owners, probabilities[:, column])
        else:
            np.maximum.at(judged[:, column], owners, probabilities[:, column])
    return judged


def cross_validated(design: str, items: list[Item], by_writer: bool = False, folds: int = FOLDS,
                    weights: list[float] | None = None, splits=None) -> Predictions:
    """Each item's class probabilities from a model fitted on the other folds.

    by_writer: leave one writer out in turn, the nearer stand-in for comments by people the model
    never read; otherwise five stratified folds."""
    texts, labels = [item.text for item in items], [item.label for item in items]
    probabilities = np.zeros((len(items), len(CLASSES)))
    held_out_sentences = []
    for test, model, _documents in fold_models(design, items, by_writer, folds, weights, splits):
        probabilities[test] = predicted(model, [texts[i] for i in test])
        civil = [sentence for i in test if labels[i] == "civil" for sentence in sentences(model_text(texts[i]))]
        if civil:
            held_out_sentences.append(predicted(model, civil))
    return Predictions(probabilities, np.vstack(held_out_sentences) if held_out_sentences else np.zeros((0, 3)))


def held_by_model(probabilities: np.ndarray, thresholds: dict[str, float]) -> np.ndarray:
    """For each row of class probabilities, whether the model alone holds it at these thresholds."""
    return ((probabilities[:, CLASSES.index("abusive")] >= thresholds["abusive"])
            | (probabilities[:, CLASSES.index("spam")] >= thresholds["spam"]))


def choose_thresholds(probabilities: np.ndarray, items: list[Item], held_by_rules: list[bool],
                      budget: float = CIVIL_BUDGET, each_writer: bool = False) -> dict[str, float]:
    """The thresholds that hold the most abusive and spam comments with the rules, within the civil budget.

    each_writer: the model's own civil holds (those the rules did not make) must also stay within the
    budget of each writer's civil comments (at least one; not for FILTER_TRAP_WRITERS), not only of all of them. A pooled budget can be
    spent on one writer: on dev, thresholds chosen on the other writers held 7.5 % of the newest writer's
    civil comments. Writers stand in for a site's different readers, whose civil comments should not pay
    for everyone's.
    Among equally good pairs the highest are taken: they hold the fewest comments nobody labelled."""
    labels = np.array([item.label for item in items])
    rules, civil = np.array(held_by_rules), labels == "civil"
    allowed = int(budget * civil.sum())
    names, writers = np.unique([writer_of(item) for item in items], return_inverse=True)
    allowed_per_writer = np.maximum(1, (budget * np.bincount(writers, weights=civil)).astype(int))
    allowed_per_writer[np.isin(names, list(FILTER_TRAP_WRITERS))] = len(items)  # pooled only (FILTER_TRAP_WRITERS)
    best, best_key = None, None
    for abusive in THRESHOLD_GRID:
        for spam in THRESHOLD_GRID:
            held = rules | held_by_model(probabilities, {"abusive": abusive, "spam": spam})
            if held[civil].sum() > allowed:
                continue
            if each_writer and (np.bincount(writers, weights=held & ~rules & civil,
                                            minlength=len(allowed_per_writer)) > allowed_per_writer).any():
                continue
            key = (held[~civil].sum(), abusive + spam)
            if best_key is None or key > best_key:
                best, best_key = {"abusive": abusive, "spam": spam}, key
    return best


def figures(predictions: Predictions, items: list[Item], held_by_rules: list[bool],
            thresholds: dict[str, float]) -> Figures:
    labels, kinds = np.array([item.label for item in items]), np.array([item.kind for item in items])
    model = held_by_model(predictions.items, thresholds)
    pipeline = model | np.array(held_by_rules)
    accuracy = float((np.array(CLASSES)[predictions.items.argmax(axis=1)] == labels).mean())
    worst = min((float(pipeline[kinds == kind].mean()), kind) for kind in set(kinds[labels != "civil"]))
    sentences_held = held_by_model(predictions.civil_sentences, thresholds)
    return Figures(
        accuracy, thresholds,
        {label: float(model[labels == label].mean()) for label in ("abusive", "spam", "civil")},
        {label: float(pipeline[labels == label].mean()) for label in ("abusive", "spam", "civil")},
        (worst[1], worst[0]),
        float(sentences_held.mean()) if len(sentences_held) else 0.0,
    )


def unseen_writer(probabilities: np.ndarray, items: list[Item], held_by_rules: list[bool]) -> dict[str, float]:
    """The share of each label held for each writer at thresholds chosen on the other writers alone, pooled.

    Comments from a site's readers come from writers the thresholds never saw: this is how much of
    the civil budget such a writer's comments use, and how many of the others are held."""
    writers = np.array([writer_of(item) for item in items])
    labels, rules = np.array([item.label for item in items]), np.array(held_by_rules)
    held = np.zeros(len(items), dtype=bool)
    for writer in sorted(set(writers)):
        others = np.flatnonzero(writers != writer)
        thresholds = choose_thresholds(probabilities[others], [items[i] for i in others], list(rules[others]),
                                       each_writer=True) or {
            "abusive": THRESHOLD_GRID[-1], "spam": THRESHOLD_GRID[-1]}
        own = writers == writer
        held[own] = (rules | held_by_model(probabilities, thresholds))[own]
    return {label: round(float(held[labels == label].mean()), 4) for label in ("abusive", "spam", "civil")}


def compare(items: list[Item], held_by_rules: list[bool]) -> dict[str, dict[str, Figures]]:
    """Every design's cross-validated figures, five folds and writer by writer, each at its own thresholds."""
    results = {}
    for design in DESIGNS:
        results[design] = {}
        for name, by_writer in (("5-fold", False), ("by writer", True)):
            predictions = cross_validated(design, items, by_writer)
            thresholds = choose_thresholds(predictions.items, items, held_by_rules)
            results[design][name] = figures(predictions, items, held_by_rules, thresholds)
    return results


def train(items: list[Item], held_by_rules: list[bool], data_path: Path) -> tuple[Pipeline, dict]:
    """The chosen design fitted on every item, and its artifact (thresholds from leave-one-writer-out probabilities)."""
    # One BLAS thread: sums taken in another order by more threads change the last digits of the weights.
    with threadpool_limits(limits=1):
        return _train(items, held_by_rules, data_path)


def _train(items: list[Item], held_by_rules: list[bool], data_path: Path) -> tuple[Pipeline, dict]:
    five_fold = cross_validated(CHOSEN, items)
    by_writer = cross_validated(CHOSEN, items, by_writer=True)
    # The thresholds are chosen on each item's probability from a model that never read its writer: a
    # site's comments come from writers the model never read, and their abusive comments score lower than
    # five-fold probabilities (which have seen each writer's voice) show. On the development set, each
    # writer judged at thresholds chosen so on the others: abusive held 89.5 % → 90.7 %, civil 2.2 % → 2.3 %
    # (the newest writer, df: 72.4 % → 75.2 %, civil 0.9 % both).
    # Each writer's civil comments within the budget too (choose_thresholds): on dev, with thresholds chosen on
    # the other writers, civil held 2.4 % → 2.1 % (the newest writer, dg: 7.5 % → 5.5 %, most of it word lists),
    # abusive and spam held the same.
    thresholds = choose_thresholds(by_writer.items, items, held_by_rules, each_writer=True)
    model, documents = fitted(CHOSEN, items)
    metadata = {
        "design": CHOSEN,
        "trained_on": date.today().isoformat(),
        "data": {"file": data_path.name, "sha256": data_hash(data_path), "items": len(items),
                 "civil_sentences_added": documents - len(items)},
        "scikit_learn": sklearn.__version__,
        "civil_budget": CIVIL_BUDGET,
        "cross_validation": {
            "5-fold": figures(five_fold, items, held_by_rules, thresholds).as_dict(),
            "by writer, at the same thresholds": figures(by_writer, items, held_by_rules, thresholds).as_dict(),
        },
        "thresholds_from": "by writer",
        "thresholds_within_each_writers_budget": True,
        "thresholds chosen without the writer": unseen_writer(by_writer.items, items, held_by_rules),
    }
    return model, artifact_of(model, documents, thresholds, metadata)


def artifact_of(model: Pipeline, documents: int, thresholds: dict[str, float], metadata: dict) -> dict:
    """The fitted pipeline as plain data: per block, n-grams with idf and folded weights relative to civil."""
    union, regression = model.named_steps["features"], model.named_steps["model"]
    if tuple(regression.classes_) != CLASSES or regression.coef_.shape[0] != len(CLASSES):
        raise ValueError("classifier.py evaluates a three-class multinomial model only")
    civil = CLASSES.index("civil")
    relative = [regression.coef_[CLASSES.index(label)] - regression.coef_[civil] for label in LABELS]
    blocks, offset = [], 0
    for _name, vectoriser in union.transformer_list:
        if not (vectoriser.lowercase and vectoriser.norm == "l2" and vectoriser.use_idf
                and vectoriser.strip_accents is None and vectoriser.preprocessor is None
                and vectoriser.tokenizer is None and vectoriser.stop_words is None
                and vectoriser.token_pattern == r"(?u)\b\w\w+\b" and vectoriser.analyzer in ("word", "char_wb")):
            raise ValueError("classifier.py cannot evaluate this vectoriser's settings")
        terms = sorted(vectoriser.vocabulary_, key=vectoriser.vocabulary_.get)
        idf = vectoriser.idf_
        weights = []
        for column in range(len(terms)):
            weights += [_short(idf[column] * row[offset + column]) for row in relative]
        blocks.append({
            "analyzer": vectoriser.analyzer, "ngram_range": list(vectoriser.ngram_range),
            "sublinear_tf": bool(vectoriser.sublinear_tf), "documents": documents,
            "terms": terms, "idf": [_short(value) for value in idf], "weights": weights,
        })
        offset += len(terms)
    intercepts = [_short(regression.intercept_[CLASSES.index(label)] - regression.intercept_[civil]) for label in LABELS]
    return {"format": FORMAT, "version": "classifier-v1", "labels": list(LABELS), "blocks": blocks,
            "intercepts": intercepts, "thresholds": thresholds, "metadata": metadata}


def _short(value: float) -> float:
    return float(f"{float(value):.{SIGNIFICANT_DIGITS}g}")


def write_artifact(artifact: dict, path: Path) -> None:
    """Gzipped JSON with no timestamp in the gzip header, so the same model gives the same bytes."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(artifact, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    partial = path.with_name(path.name + ".partial")
    with open(partial, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as out:
        out.write(payload)
    partial.replace(path)
