"""A retrain's candidate: the learned classifier fitted on the seed set and a site's decisions (retraining.py).

Imports scikit-learn through training.py: the command line and the retrain worker only.
"""
import sklearn
from threadpoolctl import threadpool_limits

from forum.moderation.evaluation import Item
from forum.moderation.training import (
    CHOSEN, CIVIL_BUDGET, CLASSES, FOLDS, THRESHOLD_GRID, artifact_of, choose_thresholds, cross_validated, figures,
    fitted,
)
from forum.ranking import wilson_lower_bound

# How much a settled published comment nobody reported weighs as a civil example, against 1 for a seed item or
# a moderator's decision. A few of them are abuse nobody reported (whatever the current model missed and
# readers let pass), so they teach less than a decision does; but without them the site's civil comments
# are only the few held then approved, and a model fitted on its decisions learns that the site's readers'
# voice is abuse.
IMPLICIT_WEIGHT = 0.5


def training_weights(seed: list[Item], decisions: list[Item], published: list[Item]) -> list[float]:
    """Each example's weight in a retrain, in the order seed, decisions, published."""
    return [1.0] * (len(seed) + len(decisions)) + [IMPLICIT_WEIGHT] * len(published)


def fit_candidate(seed: list[Item], decisions: list[Item], held_by_rules: list[bool], metadata: dict,
                  folds: int = FOLDS, published: list[Item] = ()) -> dict:
    """The chosen design fitted on the seed set, a site's decisions and its settled published comments; its artifact.

    Lighter than train(): no writer-by-writer run (site comments have no writer), and fewer folds may be
    asked for, since a retrain may run every few days on a busy machine. `published`: the site's settled
    published comments nobody reported, learned from as civil at IMPLICIT_WEIGHT (as Coral and Discourse
    count an unflagged post as approved). `held_by_rules`: for the seed items, the decisions, then `published`.

    The thresholds are chosen on out-of-fold probabilities of all of them (no item judged by a model that
    learned from it): the most abusive and spam comments held, of the seed set and the site's decisions,
    within a civil budget counted over the seed set's civil comments and the site's (approved and published).
    The budget is for the model's holds beyond the rules' (the civil comments the rules hold are the same for
    any model): CIVIL_BUDGET, or the share of the site's civil comments the current model surely held if that
    is larger (the gate compares the two models there)."""
    published = list(published)
    items = seed + list(decisions) + published
    weights = training_weights(seed, list(decisions), published)
    # The share of the site's civil comments the current model held (or readers reported) as they were posted,
    # beyond the rules: each approved decision the rules do not hold; each published comment was not held.
    # At the low end of its 95 % Wilson interval (a few dozen comments say little): the candidate's model may
    # hold as many, so that it is judged at the operating point the site already has.
    approved = sum(item.label == "civil" and not held_by_rules[len(seed) + i] for i, item in enumerate(decisions))
    budget = max(CIVIL_BUDGET, wilson_lower_bound(approved, len(published)))
    # The budget is for what the model adds to the rules. The seed set's civil comments were written to pass
    # the rules, so the starting model had all of it; the site's approved comments include those the rules
    # held (that is how a moderator came to see them), and counted against the model they would leave a
    # candidate less room than the model it is compared with had, for holds that neither model causes.
    civil = [i for i, item in enumerate(items) if item.label == "civil"]
    held_by_rules_alone = sum(held_by_rules[i] for i in civil)
    allowance = budget + held_by_rules_alone / max(len(civil), 1)
    with threadpool_limits(limits=1):
        predictions = cross_validated(CHOSEN, items, folds=folds, weights=weights)
        model, documents = fitted(CHOSEN, items, weights)
        # None when even the highest thresholds hold too many civil comments (the rules alone do): the highest.
        thresholds = choose_thresholds(predictions.items, items, held_by_rules, allowance) or {
            "abusive": THRESHOLD_GRID[-1], "spam": THRESHOLD_GRID[-1]}
    cross_validation = figures(predictions, items, held_by_rules, thresholds).as_dict()
    return artifact_of(model, documents, thresholds, {
        **metadata, "design": CHOSEN, "scikit_learn": sklearn.__version__, "civil_budget": CIVIL_BUDGET,
        "civil_budget_used": round(budget, 4),
        "civil_held_by_rules": held_by_rules_alone, "implicit_weight": IMPLICIT_WEIGHT,
        "cross_validation": {f"{folds}-fold": cross_validation}})
