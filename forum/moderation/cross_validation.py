"""The whole pipeline judged out of fold on the development set (`flask moderation evaluate --set dev --folds 5`).

The shipped classifier learned from every development comment, so its figures there are in-sample.
Here the set is cut into folds; each fold's comments are decided by decide() (the rules, the
profanity model, and the chosen design fitted on the other folds, flattened and read back as a web
worker reads it), at the thresholds train() would choose from these same out-of-fold probabilities.
The rules were written from the development set, so for the items they were written from, the
rules' share is still in-sample: writers added since the last rule change are the better guide.
This module imports scikit-learn (through training.py): the command line only.
"""
import numpy as np
from threadpoolctl import threadpool_limits

from forum import visibility
from forum.models import SitePolicy
from forum.moderation import training
from forum.moderation.classifier import LearnedClassifier, encode_artifact
from forum.moderation.evaluation import Item, Report, evaluate, merge, pipeline_judge
from forum.moderation.scorer import Scorer


def out_of_fold(items: list[Item], policy: SitePolicy, scorer: Scorer, folds: int = training.FOLDS,
                by_writer: bool = False) -> tuple[Report, dict[str, float]]:
    """Every item decided by the pipeline with a classifier that did not see it, and the thresholds used."""
    rules_only = evaluate(items, pipeline_judge(policy, scorer, None))
    held_by_rules = [not visibility.PUBLIC(decision) for _item, decision in rules_only.outcomes]
    texts = [item.text for item in items]
    with threadpool_limits(limits=1):
        fitted = list(training.fold_models(training.CHOSEN, items, by_writer, folds))
    probabilities = np.zeros((len(items), len(training.CLASSES)))
    for test, model, _documents in fitted:
        probabilities[test] = training.predicted(model, [texts[i] for i in test])
    thresholds = training.choose_thresholds(probabilities, items, held_by_rules, each_writer=True) or {
        "abusive": training.THRESHOLD_GRID[-1], "spam": training.THRESHOLD_GRID[-1]}
    reports = []
    for number, (test, model, documents) in enumerate(fitted, start=1):
        artifact = training.artifact_of(model, documents, thresholds, {})
        classifier = LearnedClassifier.from_bytes(encode_artifact(artifact), f"fold {number}")
        classifier.verdicts("warm-up")  # reading the artifact is not part of the per-comment time
        reports.append(evaluate([items[i] for i in test], pipeline_judge(policy, scorer, classifier)))
    return merge(reports), thresholds


def by_writer_lines(report: Report) -> list[str]:
    """The share held of each label, writer by writer (an id's prefix), as lines of text."""
    tallies: dict[str, dict[str, list[int]]] = {}
    for item, decision in report.outcomes:
        tally = tallies.setdefault(training.writer_of(item), {}).setdefault(item.label, [0, 0])
        tally[0] += not visibility.PUBLIC(decision)
        tally[1] += 1
    lines = [f"  {'writer':<8} " + " ".join(f"{label + ' held':>20}" for label in ("abusive", "spam", "civil"))]
    for writer, labels in sorted(tallies.items()):
        cells = [f"{held / count:>7.1%} of {count:>4} ".rjust(20) if count else " " * 20
                 for held, count in (labels.get(label, [0, 0]) for label in ("abusive", "spam", "civil"))]
        lines.append(f"  {writer:<8} " + " ".join(cells))
    return lines
