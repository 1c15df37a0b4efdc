"""The retrain gate: a candidate classifier replaces the current one only if it is not worse on any set.

Both are judged by the whole pipeline (rules and model) on the same sets: the held-out set (its
aggregate figures only) and the site's most recent decisions, which the candidate did not learn from.
"Not worse" on a set means both of:
- the share of abusive and spam comments held (together) is not lower than the current model's, and
- the share of civil comments held is not higher,
each within a tolerance. Both models judge the same comments, so the comparison is paired: what
counts is how many comments only one of them holds. If the current model alone holds c of a kind
and the candidate alone b, two equally good models give c − b around 0 with a spread of √(b + c)
(McNemar's test), so the candidate is worse only if it loses more than max(1, 1.645·√(b + c))
comments: a loss a model no better than the current one would show less than one time in twenty,
and never less than one comment's worth. Without the paired counts (figures stored before them, and
the reference below) the tolerance is one percentage point, or one comment when the set has fewer
than a hundred of that kind.
A set with no comment of a kind says nothing about that kind. On the held-out set the candidate is
also held to the figures of the model the current chain of retrains started from (the reference),
so that small steps within the tolerance cannot add up. Pure: figures in, verdict out.

The recent decisions lean towards the current model: most are comments it held (a moderator saw
them because it did), so it looks good on their abusive and spam and bad on their civil ones. The
held-out set has no such lean; the recent set is there to catch a candidate that forgot what this
site's moderators taught it.
"""
import math
from dataclasses import dataclass

HARMFUL = ("abusive", "spam")
TOLERANCE_SHARE = 0.01
Z_ONE_SIDED_95 = 1.645


@dataclass(frozen=True)
class Verdict:
    accepted: bool
    reasons: list[str]  # why it was refused (empty when accepted)
    summary: list[str]  # the comparison, one line per set, for the command's output and the admin page


def _share(by_label: dict, labels) -> tuple[float, int]:
    count = sum(by_label.get(label, {}).get("count", 0) for label in labels)
    held = sum(by_label.get(label, {}).get("held", 0) for label in labels)
    return (held / count if count else 0.0), count


def tolerance(count: int) -> float:
    """How far a share may move the wrong way before it counts as worse, for a group of `count` comments."""
    return max(TOLERANCE_SHARE, 1 / count) if count else 0.0


def paired_tolerance(only_candidate: int, only_current: int) -> float:
    """How many comments a candidate may lose, net, against the current model before it counts as worse."""
    return max(1.0, Z_ONE_SIDED_95 * math.sqrt(only_candidate + only_current))


def _worse(figures: dict, group: str, shares: tuple[float, float], count: int) -> bool:
    """Whether the candidate is worse on a group ("harmful": holds fewer, "civil": holds more)."""
    ours, theirs = shares
    paired = figures.get("paired", {}).get(group)
    if paired is None:
        lost = theirs - ours if group == "harmful" else ours - theirs
        return bool(count) and lost > tolerance(count) + 1e-9  # a share exactly at the tolerance is within it
    gained, lost = ((paired["only_candidate"], paired["only_current"]) if group == "harmful"
                    else (paired["only_current"], paired["only_candidate"]))
    return lost - gained > paired_tolerance(paired["only_candidate"], paired["only_current"])


def judge(candidate: dict, current: dict, reference: dict | None = None) -> Verdict:
    """Compare figures of the form {set name: {"by_label": {label: {"count", "held"}}}} set by set.

    `reference`: held-out figures ({"heldout": …}) the candidate must not be worse than either. Without
    it, a chain of candidates each within the tolerance of the one before could drift a point per
    retrain; with the figures of the model the chain started from, the drift stays within one tolerance."""
    reasons, summary = [], []
    comparisons = [(name, figures, current.get(name)) for name, figures in candidate.items()]
    comparisons += [(f"{name} against the reference", candidate[name], figures)
                    for name, figures in (reference or {}).items() if name in candidate]
    for name, figures, theirs in comparisons:
        if theirs is None:
            continue
        if name.endswith("against the reference"):  # no paired counts against a model that is not running
            figures = {"by_label": figures["by_label"]}
        caught, harmful = _share(figures["by_label"], HARMFUL)
        caught_before, _ = _share(theirs["by_label"], HARMFUL)
        civil, civil_count = _share(figures["by_label"], ("civil",))
        civil_before, _ = _share(theirs["by_label"], ("civil",))
        summary.append(f"{name}: abusive+spam held {caught_before:.1%} → {caught:.1%} (of {harmful}), "
                       f"civil held {civil_before:.1%} → {civil:.1%} (of {civil_count})"
                       + "".join(f"; {group} held only by the candidate {counts['only_candidate']}, only by the "
                                 f"current model {counts['only_current']}"
                                 for group, counts in figures.get("paired", {}).items()))
        if harmful and _worse(figures, "harmful", (caught, caught_before), harmful):
            reasons.append(f"{name}: holds less abusive and spam ({caught:.1%} < {caught_before:.1%})")
        if civil_count and _worse(figures, "civil", (civil, civil_before), civil_count):
            reasons.append(f"{name}: holds more civil comments ({civil:.1%} > {civil_before:.1%})")
    return Verdict(not reasons, reasons, summary)
