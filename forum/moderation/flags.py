"""How much a reader's flag counts, and when flags hide a comment. Pure."""
from forum.models import SitePolicy, User
from forum.moderation.pipeline import is_trusted

TRUSTED_FLAG_WEIGHT = 2  # a trusted reader has shown judgement; their flag counts double


def flag_weight(flagger: User, policy: SitePolicy) -> int:
    return TRUSTED_FLAG_WEIGHT if is_trusted(flagger, policy) else 1


def hides(total_weight: int, policy: SitePolicy) -> bool:
    """Whether open flags of this total weight hide a published comment until a moderator looks."""
    return policy.flags_to_hide > 0 and total_weight >= policy.flags_to_hide
