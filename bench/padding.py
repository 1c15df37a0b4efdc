"""Whether abuse only the learned classifier holds stays held with ordinary text around it (attack report 5, finding 1).

    python -m bench.padding

The development set is judged out of fold by writer, as `flask moderation evaluate --set dev --by-writer`
judges it: each writer's comments by the pipeline with a classifier fitted on the other writers, at the
thresholds chosen on the out-of-fold probabilities. Of the abusive comments the model holds and the rules
do not, each is then judged again with a civil sentence of at least MIN_PADDING characters by the same
writer (which its classifier never read either) put before it, and after it. Prints the shares still held.
"""
import random

import numpy as np
from threadpoolctl import threadpool_limits

from forum import visibility
from forum.models import SitePolicy
from forum.moderation import training
from forum.moderation.classifier import LearnedClassifier, encode_artifact
from forum.moderation.evaluation import SETS, load_items, pipeline_judge
from forum.moderation.scorer import default_scorer

MIN_PADDING = 150


def _probabilities(model, texts: list[str]) -> np.ndarray:
    # How the code being measured scores a comment (an older training.py has no predicted(): whole texts).
    predicted = getattr(training, "predicted", None)
    return predicted(model, texts) if predicted else model.predict_proba(texts)


def main(seed: int = 5) -> None:
    items = load_items(SETS["dev"])
    policy, scorer = SitePolicy.with_defaults(), default_scorer()
    rules = pipeline_judge(policy, scorer, None)
    held_by_rules = [not visibility.PUBLIC(rules(item.text)) for item in items]
    with threadpool_limits(limits=1):
        fitted = list(training.fold_models(training.CHOSEN, items, by_writer=True))
    probabilities = np.zeros((len(items), len(training.CLASSES)))
    for test, model, _documents in fitted:
        probabilities[test] = _probabilities(model, [items[i].text for i in test])
    thresholds = training.choose_thresholds(probabilities, items, held_by_rules, each_writer=True)
    rng = random.Random(seed)
    counts = {"model alone holds": 0, "held, civil sentence before": 0, "held, civil sentence after": 0}
    for test, model, documents in fitted:
        artifact = training.artifact_of(model, documents, thresholds, {})
        judge = pipeline_judge(policy, scorer, LearnedClassifier.from_bytes(encode_artifact(artifact), "fold"))
        padding = [sentence.strip() for i in test if items[i].label == "civil"
                   for sentence in (training.sentences(items[i].text) or [items[i].text])
                   if len(sentence.strip()) >= MIN_PADDING]
        for i in test:
            item = items[i]
            if item.label != "abusive" or held_by_rules[i] or visibility.PUBLIC(judge(item.text)):
                continue
            counts["model alone holds"] += 1
            civil = rng.choice(padding)
            counts["held, civil sentence before"] += not visibility.PUBLIC(judge(f"{civil} {item.text}"))
            counts["held, civil sentence after"] += not visibility.PUBLIC(judge(f"{item.text} {civil}"))
    alone = counts["model alone holds"]
    print(f"thresholds: {thresholds}")
    print(f"abusive dev comments the model alone holds (out of fold by writer): {alone}")
    for name in ("held, civil sentence before", "held, civil sentence after"):
        print(f"  {name}: {counts[name]} ({counts[name] / alone:.1%})")


if __name__ == "__main__":
    main()
