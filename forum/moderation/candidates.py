"""A retrain's candidate: the learned classifier fitted on the seed set and a site's decisions (retraining.py).

Imports scikit-learn through training.py: the command line and the retrain worker only.
"""
import numpy as np
import sklearn
from threadpoolctl import threadpool_limits

from forum.moderation.evaluation import Item
from forum.moderation.training import (
    CHOSEN, CIVIL_BUDGET, CLASSES, FOLDS, THRESHOLD_GRID, artifact_of, choose_thresholds, cross_validated, figures,
    fitted,
)
from forum.ranking import wilson_lower_bound

# The least a site decision weighs in a retrain (site_weights): however many abusive decisions there are
# for each approved one, the site's own examples still teach something.
MIN_SITE_WEIGHT = 0.25


def site_weights(seed: list[Item], decisions: list[Item]) -> list[float]:
    """How much each of a site's decisions weighs in a retrain, so that together they keep the seed set's class shares.

    The decisions are not a sample of the site's comments: nearly all are abusive or spam (what something held
    or a reader reported), and the civil ones are the few held then approved. Taken at full weight they teach
    the model that whatever the site's readers write about, and however they write it, is abuse. Weighed so,
    each class adds in proportion to the seed set's share of it: the civil decisions keep weight 1, the abusive
    and spam ones weigh less the more they outnumber them, but never less than MIN_SITE_WEIGHT."""
    shares = {label: sum(item.label == label for item in seed) / max(len(seed), 1) for label in CLASSES}
    counts = {label: sum(item.label == label for item in decisions) for label in CLASSES}
    # The largest total that no class exceeds at weight 1, with each class at its seed share.
    total = min((counts[label] / shares[label] for label in CLASSES if shares[label] and counts[label]), default=0.0)
    return [max(MIN_SITE_WEIGHT, min(1.0, shares[item.label] * total / counts[item.label])) for item in decisions]


def fit_candidate(seed: list[Item], decisions: list[Item], held_by_rules: list[bool], metadata: dict,
                  folds: int = FOLDS, published: list[Item] = ()) -> dict:
    """The chosen design fitted on the seed set and a site's decisions, for a retrain; its artifact.

    Lighter than train(): no writer-by-writer run (site comments have no writer), and fewer folds may be
    asked for, since a retrain may run every few days on a busy machine. The decisions weigh as
    site_weights() says. `held_by_rules`: for the seed items, the decisions, then `published` (the site's
    settled published comments nobody reported). These are not learned from (a few are abuse nobody
    reported, and a model taught that they are civil lets their like through for good), but the thresholds
    are chosen on them: the most of the seed set's abusive and spam comments held within a civil budget
    counted over the seed set's civil comments and the site's (approved and published), since the seed set
    may lack the site's readers' voices. The budget is CIVIL_BUDGET, or the share of the site's civil
    comments the current pipeline surely held if that is larger (the gate compares the two models there)."""
    items = seed + list(decisions)
    weights = [1.0] * len(seed) + site_weights(seed, decisions)
    # The share of the site's civil comments the current pipeline held as they were posted (each approved
    # decision was held or reported; each published one was not), at the low end of its 95 % Wilson interval
    # (a few dozen comments say little): the candidate may hold as many, so that it is judged at the
    # operating point the site already has.
    approved = sum(item.label == "civil" for item in decisions)
    budget = max(CIVIL_BUDGET, wilson_lower_bound(approved, len(published)))
    with threadpool_limits(limits=1):
        predictions = cross_validated(CHOSEN, items, folds=folds, weights=weights)
        model, documents = fitted(CHOSEN, items, weights)
        # A published comment's probability from the final model, which did not learn from it.
        scored = np.vstack([predictions.items] + ([model.predict_proba([item.text for item in published])]
                                                  if published else []))
        judged = [i for i, item in enumerate(items + list(published)) if i < len(seed) or item.label == "civil"]
        # None when even the highest thresholds hold too many civil comments (the rules alone do): the highest.
        thresholds = choose_thresholds(scored[judged], [(items + list(published))[i] for i in judged],
                                       [held_by_rules[i] for i in judged], budget) or {
            "abusive": THRESHOLD_GRID[-1], "spam": THRESHOLD_GRID[-1]}
    cross_validation = figures(predictions, items, held_by_rules[:len(items)], thresholds).as_dict()
    return artifact_of(model, documents, thresholds, {
        **metadata, "design": CHOSEN, "scikit_learn": sklearn.__version__, "civil_budget": CIVIL_BUDGET,
        "civil_budget_used": round(budget, 4), "cross_validation": {f"{folds}-fold": cross_validation}})
