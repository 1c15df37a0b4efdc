"""How far can learning from the site's comments lower the replay's miss rate? (issue 13; bench/replay.py)

    python -m bench.replay_ceiling [--seed 13] [--weights 1,3,10] [--per-community 3]

The replay's stream (forum/moderation/data/site.jsonl, shuffled as bench/replay.py shuffles it) is cut into
its first and second halves. For each half in turn the chosen design is fitted on the whole development set
plus the *other* half with every true label (more than any moderator gives: every comment, each labelled
right), and judged on this half, which it never read, beside the shipped model on the same comments. That is a
ceiling for retraining this linear model on the site's decisions: if it does not halve the miss rate, no
retrain on moderator decisions will.

Judged as the pipeline judges (the rules' holds, from the whole pipeline without the classifier, or the
model's at its thresholds), at two operating points: the shipped thresholds, and, for each model, the lowest
thresholds that hold no more of the half's civil comments than the shipped model does (chosen on the very
comments judged: flattering the model, as a ceiling should). Site examples may weigh more than seed ones
(`--weights`: each site example's weight against 1 for a seed comment).

`--per-community W`: also one model per reader community (s1-s4), fitted on the development set and that
community's comments of the other half at weight W, judged on that community's comments of this half (a site
whose sections have readers of their own could keep a vocabulary per section).

Beside it, two memories of the site's decisions on the other half. Shingles (bench/rejected_memory.py): a
comment sharing at least MEMORY_OVERLAP of its word 3-shingles with a rejected comment is held for review.
Nearest neighbour: a comment whose most similar decided comment (cosine of the design's TF-IDF features) is a
rejected one at similarity NEIGHBOUR_SIMILARITY or more is held. The shingle memory is judged with everything
the replay's moderator would have rejected (held by the shipped pipeline, or published and reported: half of
those, as in the replay) and, as its ceiling, every abusive and spam comment of the other half; the neighbour
memory with the moderator's decisions, approvals included.

Prints counts and shares only. Uses scikit-learn (training.py): a benchmark, never imported by the app.
"""
import argparse
import random

import numpy as np
from threadpoolctl import threadpool_limits

from bench.replay import CIVIL_REPORT_SHARE, REPORT_SHARE, SITE, stream
from forum import visibility
from forum.models import SitePolicy
from forum.moderation import training
from forum.moderation.classifier import default_classifier
from forum.moderation.evaluation import SETS, Item, evaluate, load_items, pipeline_judge
from bench.rejected_memory import MEMORY_OVERLAP, RejectedMemory
from forum.moderation.scorer import default_scorer

NEIGHBOUR_SIMILARITY = 0.3  # the lowest of 0.3-0.6 tried on this stream: higher ones held nothing more


def held(report) -> np.ndarray:
    return np.array([not visibility.PUBLIC(decision) for _item, decision in report.outcomes])


def rate(held_now: np.ndarray, labels: np.ndarray) -> str:
    harmful, civil = labels != "civil", labels == "civil"
    missed = int((~held_now & harmful).sum())
    return (f"missed {missed}/{int(harmful.sum())} ({missed / max(harmful.sum(), 1):.1%}), civil held "
            f"{int((held_now & civil).sum())}/{int(civil.sum())} ({(held_now & civil).sum() / max(civil.sum(), 1):.1%})")


def matched_thresholds(probabilities: np.ndarray, labels: np.ndarray, rules: np.ndarray, civil_allowed: int) -> dict:
    """The thresholds holding the most abusive and spam comments with at most `civil_allowed` civil ones held."""
    civil, best, best_key = labels == "civil", None, None
    for abusive in training.THRESHOLD_GRID:
        for spam in training.THRESHOLD_GRID:
            now = rules | training.held_by_model(probabilities, {"abusive": abusive, "spam": spam})
            if now[civil].sum() > civil_allowed:
                continue
            key = (now[~civil].sum(), abusive + spam)
            if best_key is None or key > best_key:
                best, best_key = {"abusive": abusive, "spam": spam}, key
    return best


def nearest_rejected(vectoriser, decided: list[Item], texts: list[str]) -> np.ndarray:
    """Whether each text's most similar decided comment was rejected, at NEIGHBOUR_SIMILARITY or more."""
    labels = np.array([item.label for item in decided])
    similarity = (vectoriser.transform(texts) @ vectoriser.transform([item.text for item in decided]).T).toarray() / 2
    harmful = similarity[:, labels != "civil"].max(axis=1, initial=0.0)
    civil = similarity[:, labels == "civil"].max(axis=1, initial=0.0)
    return (harmful >= NEIGHBOUR_SIMILARITY) & (harmful > civil)


def per_community(dev, learned: list[Item], judged_half: list[Item], rules, by_shipped, thresholds, weight, add,
                  judged: int) -> None:
    """One model per community; the half's verdicts put back in its order."""
    at_shipped, matched_held = np.zeros(len(judged_half), bool), np.zeros(len(judged_half), bool)
    labels = np.array([item.label for item in judged_half])
    for community in sorted({item.id.split("-")[0] for item in judged_half}):
        own = np.array([item.id.startswith(community + "-") for item in judged_half])
        site = [item for item in learned if item.id.startswith(community + "-")]
        model, _documents = training.fitted(training.CHOSEN, dev + site, [1.0] * len(dev) + [weight] * len(site))
        probabilities = training.predicted(model, [item.text for item, mine in zip(judged_half, own) if mine])
        at_shipped[own] = rules[own] | training.held_by_model(probabilities, thresholds)
        matched = matched_thresholds(probabilities, labels[own], rules[own],
                                     int(by_shipped[own][labels[own] == "civil"].sum()))
        matched_held[own] = rules[own] | training.held_by_model(probabilities, matched)
    add(f"per community, site weight {weight:g}, shipped thresholds", judged, at_shipped)
    add(f"per community, site weight {weight:g}, civil held matched to shipped (per community)", judged, matched_held)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--weights", default="1,3,10")
    parser.add_argument("--per-community", type=float, default=None, metavar="WEIGHT")
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    dev = load_items(SETS["dev"])
    comments = stream(load_items(SITE), 2000, rng)
    halves = [comments[:len(comments) // 2], comments[len(comments) // 2:]]
    policy, scorer = SitePolicy.with_defaults(), default_scorer()
    shipped = default_classifier()
    shipped.load()
    thresholds = dict(shipped.thresholds)
    print(f"Stream: {len(comments)} comments in two halves of {len(halves[0])}; shipped thresholds {thresholds}.")
    rules = [held(evaluate(half, pipeline_judge(policy, scorer, None))) for half in halves]
    by_shipped = [held(evaluate(half, pipeline_judge(policy, scorer, shipped))) for half in halves]
    labels = [np.array([item.label for item in half]) for half in halves]
    whole = np.concatenate(by_shipped)
    print(f"The shipped model on the whole stream (the replay's 'before'): {rate(whole, np.concatenate(labels))}")
    for judged in (0, 1):
        print(f"  shipped, half {judged + 1}: {rate(by_shipped[judged], labels[judged])}")
    # What the replay's moderator would have rejected of each half under the shipped model: every held abusive or
    # spam comment, and about REPORT_SHARE of those published (a reader reported them).
    report_rng = random.Random(arguments.seed)
    decided = [[item for item, now in zip(half, shipped_held)
                if now or report_rng.random() < (CIVIL_REPORT_SHARE if item.label == "civil" else REPORT_SHARE)]
               for half, shipped_held in zip(halves, by_shipped)]
    rejected = [[item for item in half if item.label != "civil"] for half in decided]
    vectoriser = training.features().fit([item.text for item in dev + comments])  # no label read
    totals: dict[str, list[np.ndarray]] = {}

    def add(name: str, judged: int, held_now: np.ndarray) -> None:
        totals.setdefault(name, [None, None])[judged] = held_now

    with threadpool_limits(limits=1):
        for judged in (0, 1):
            learned = 1 - judged
            add("shipped", judged, by_shipped[judged])
            texts = [item.text for item in halves[judged]]
            civil_allowed = int(by_shipped[judged][labels[judged] == "civil"].sum())
            for name, source in (("memory of the moderator's rejections", rejected[learned]),
                                 ("memory of every abusive and spam comment (ceiling)",
                                  [item for item in halves[learned] if item.label != "civil"])):
                memory = RejectedMemory()
                for item in source:
                    memory.remember(item.text)
                near = np.array([memory.matches(text) for text in texts])
                add(f"shipped + {name}", judged, by_shipped[judged] | near)
            add("shipped + nearest decided comment rejected", judged,
                by_shipped[judged] | nearest_rejected(vectoriser, decided[learned], texts))
            for weight in [float(w) for w in arguments.weights.split(",")]:
                site = [Item(item.id, item.label, item.kind, item.text) for item in halves[learned]]
                model, _documents = training.fitted(training.CHOSEN, dev + site,
                                                    [1.0] * len(dev) + [weight] * len(site))
                probabilities = training.predicted(model, texts)
                at_shipped = rules[judged] | training.held_by_model(probabilities, thresholds)
                add(f"dev + other half, site weight {weight:g}, shipped thresholds", judged, at_shipped)
                matched = matched_thresholds(probabilities, labels[judged], rules[judged], civil_allowed)
                add(f"dev + other half, site weight {weight:g}, civil held matched to shipped", judged,
                    rules[judged] | training.held_by_model(probabilities, matched))
                print(f"  half {judged + 1}, site weight {weight:g}: matched thresholds {matched}")
            if arguments.per_community is not None:
                per_community(dev, halves[learned], halves[judged], rules[judged], by_shipped[judged], thresholds,
                              arguments.per_community, add, judged)
    everything = np.concatenate(labels)
    print("\nEach half judged by a model (or memory) that learned from the other half only, both halves pooled:")
    for name, (first, second) in totals.items():
        print(f"  {name}: {rate(np.concatenate([first, second]), everything)}")


if __name__ == "__main__":
    main()
