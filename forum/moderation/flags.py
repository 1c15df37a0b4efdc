"""How much a reader's flag counts, and when flags hide a comment. Pure."""
from datetime import datetime, timedelta, timezone

from forum.models import SitePolicy, User
from forum.moderation.pipeline import REJECTION_WEIGHT, is_staff

TRUSTED_FLAG_WEIGHT = 2  # a trusted reader has shown judgement; their flag counts double
# A new account's flag still puts the comment in the reported queue, but weighs nothing towards hiding it:
# accounts cost nothing to make, and a few made for the purpose could otherwise hide any comment on the site.
UNTRUSTED_FLAG_WEIGHT = 0
# Two accounts half an hour old, with a few comments published automatically, hid the admin's and a
# moderator's comments (outside test, finding 5): trust to hide others' words takes time that cannot be
# bought with more accounts, and comments that others had the time to judge.
FLAG_TRUST_MIN_ACCOUNT_AGE = timedelta(days=7)
# A comment still published this long after it appeared has stood: readers and moderators had days to act.
STANDING_AFTER = timedelta(days=2)


def flag_weight(flagger: User, policy: SitePolicy, standing_comments: int, now: datetime) -> int:
    """What `flagger`'s flag adds towards hiding a comment.

    `standing_comments`: their comments published and either approved by a moderator or still up after
    STANDING_AFTER (counted up to policy.trusted_after, which is all this needs)."""
    if is_staff(flagger):
        return TRUSTED_FLAG_WEIGHT
    joined = flagger.created_at if flagger.created_at.tzinfo else flagger.created_at.replace(tzinfo=timezone.utc)
    if now - joined < FLAG_TRUST_MIN_ACCOUNT_AGE:
        return UNTRUSTED_FLAG_WEIGHT
    if standing_comments - REJECTION_WEIGHT * flagger.rejected_count >= policy.trusted_after:
        return TRUSTED_FLAG_WEIGHT
    return UNTRUSTED_FLAG_WEIGHT


def hides(total_weight: int, policy: SitePolicy) -> bool:
    """Whether open flags of this total weight hide a published comment until a moderator looks."""
    return policy.flags_to_hide > 0 and total_weight >= policy.flags_to_hide


def shielded_from_hiding(author_is_staff: bool, featured: bool) -> bool:
    """Staff comments and featured ones wait in the reported queue for a person instead of being hidden:
    flags are how a group would silence the people who moderate it, and a featured comment was chosen by one."""
    return author_is_staff or featured
