"""One writer's development comments judged by the pipeline: the share held of each label and kind, never an item.

    python -m bench.writer_figures dl [shipped] [rules] [without]

For measuring a writer before reading their items (issue 13): `shipped` judges with the shipped classifier (which
learned from every development comment, that writer's too: in-sample), `rules` with no classifier, and `without`
with a classifier fitted on the development set less that writer, at the shipped thresholds (the honest figure for
a writer the model never read). Default: all three. Loads scikit-learn for `without` only.
"""
import sys

from forum.models import SitePolicy
from forum.moderation.classifier import LearnedClassifier, encode_artifact
from forum.moderation.evaluation import SETS, evaluate, format_report, load_items, pipeline_judge
from forum.moderation.scorer import default_scorer


def classifier_without(writer: str, items, shipped: LearnedClassifier) -> LearnedClassifier:
    from threadpoolctl import threadpool_limits

    from forum.moderation import training
    with threadpool_limits(limits=1):
        model, documents = training.fitted(training.CHOSEN, [item for item in items
                                                              if training.writer_of(item) != writer])
    artifact = training.artifact_of(model, documents, dict(shipped.thresholds), {})
    classifier = LearnedClassifier.from_bytes(encode_artifact(artifact), f"fitted without {writer}")
    classifier.verdicts("warm-up")
    return classifier


def main(writer: str, modes: list[str]) -> None:
    items = load_items(SETS["dev"])
    mine = [item for item in items if item.id.startswith(writer + "-")]
    scorer = default_scorer()
    scorer.score("warm-up")
    shipped = LearnedClassifier()
    shipped.verdicts("warm-up")
    for mode in modes:
        if mode == "shipped":
            classifier, name = shipped, f"{writer}, shipped classifier (in-sample: it learned from {writer})"
        elif mode == "rules":
            classifier, name = None, f"{writer}, rules and profanity model only"
        elif mode == "without":
            classifier = classifier_without(writer, items, shipped)
            name = f"{writer}, classifier fitted without {writer} (thresholds {classifier.thresholds})"
        else:
            raise SystemExit(f"unknown mode {mode!r}: shipped, rules or without")
        print(format_report(name, evaluate(mine, pipeline_judge(SitePolicy.with_defaults(), scorer, classifier))))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2:] or ["shipped", "rules", "without"])
