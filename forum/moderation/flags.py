"""How much a reader's flag counts, and when flags hide a comment. Pure."""
from forum.models import SitePolicy, User
from forum.moderation.pipeline import is_trusted

TRUSTED_FLAG_WEIGHT = 2  # a trusted reader has shown judgement; their flag counts double
# A new account's flag still puts the comment in the reported queue, but weighs nothing towards hiding it:
# accounts cost nothing to make, and a few made for the purpose could otherwise hide any comment on the site.
UNTRUSTED_FLAG_WEIGHT = 0


def flag_weight(flagger: User, policy: SitePolicy) -> int:
    return TRUSTED_FLAG_WEIGHT if is_trusted(flagger, policy) else UNTRUSTED_FLAG_WEIGHT


def hides(total_weight: int, policy: SitePolicy) -> bool:
    """Whether open flags of this total weight hide a published comment until a moderator looks."""
    return policy.flags_to_hide > 0 and total_weight >= policy.flags_to_hide
