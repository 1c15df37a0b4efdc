"""Whether a display name may be shown.

A display name appears beside every comment its reader writes, on every page, and no moderator
reviews it first: there is no queue for names. So a name is refused outright when the rules would
hold it as a comment (outsider review: a crypto pitch with its domain and "you idiots", and a phone
number, were accepted as names). The learned classifier is left out: it is fitted on comments, and
on two or three words its scores say little. For the same reason the local toxicity score counts
only when it is near certain: it scores innocent names such as "Dick Smith" 0.94.
"""
from forum.models import ModerationMode, SitePolicy
from forum.moderation.evaluation import reader_in_good_standing
from forum.moderation.pipeline import decide
from forum.moderation.scorer import Scorer

NEAR_CERTAIN = 0.98


class _NearCertainOnly:
    """A scorer that reports the toxicity score only when it is at least NEAR_CERTAIN, else 0."""

    def __init__(self, scorer: Scorer):
        self.scorer = scorer

    def load(self) -> None:
        load = getattr(self.scorer, "load", None)
        if load is not None:
            load()

    def score(self, text: str) -> float:
        score = self.scorer.score(text)
        return score if score >= NEAR_CERTAIN else 0.0


def reasons_to_refuse(name: str, policy: SitePolicy, scorer: Scorer) -> list[str]:
    """What would hold `name` if a reader in good standing posted it as a comment (empty: it may be shown)."""
    return decide(name, reader_in_good_standing(), ModerationMode.POST.value, policy, _NearCertainOnly(scorer)).reasons
