"""The site policy: admins change it, actions read it."""
from forum.actions.errors import Forbidden, Refused
from forum.extensions import db
from forum.models import SitePolicy, User, Verb
from forum.moderation import log
from forum.models.policy import POLICY_ID
from forum.actions.moderation import MAX_SLOW_MODE_MINUTES
from forum.permissions import Action, can

# The values each number of the policy may take (the admin's form offers the same).
RANGES = {
    "max_links": range(0, 51),
    "toxicity_threshold": (0.0, 1.0),
    "trusted_after": range(0, 1001),
    "flags_to_hide": range(0, 101),
    "edit_window_minutes": range(0, 24 * 60 + 1),
    "auto_close_days": range(1, 3651),  # or None: threads stay open
    "auto_slow_posts_per_minute": range(0, 10_001),
    "auto_slow_flags_per_minute": range(0, 10_001),
    "auto_slow_minutes": range(1, MAX_SLOW_MODE_MINUTES + 1),
    "auto_slow_quiet_minutes": range(1, MAX_SLOW_MODE_MINUTES + 1),
}
WORD_LIST_MAX_CHARS = 20_000  # banned and suspect words: a long list, not a dictionary
DOMAIN_LIST_MAX_CHARS = 5000  # sign-up domains and embedding origins, one per line


def bounds(name: str) -> tuple:
    """(lowest, highest) a policy number may be."""
    allowed = RANGES[name]
    return (allowed.start, allowed.stop - 1) if isinstance(allowed, range) else allowed


def update_policy(actor: User, **changes) -> SitePolicy:
    """Set the named policy fields; the row is created the first time."""
    if not can(actor, Action.POLICY_EDIT):
        raise Forbidden("Only admins set the policy.")
    for name, value in changes.items():
        if name in RANGES and value is not None and not bounds(name)[0] <= value <= bounds(name)[1]:
            low, high = bounds(name)
            raise Refused(f"Choose a number from {low} to {high}.", field=name)
    policy = db.session.get(SitePolicy, POLICY_ID)
    if policy is None:
        policy = SitePolicy.with_defaults()
        db.session.add(policy)
    changed = {}
    for name, value in changes.items():
        if not hasattr(SitePolicy, name):
            raise AttributeError(f"the policy has no field {name!r}")
        if getattr(policy, name) != value:
            changed[name] = value if not isinstance(value, str) or len(value) < 200 else f"{len(value)} characters"
        setattr(policy, name, value)
    db.session.flush()
    if changed:
        log.record(actor, Verb.POLICY_CHANGE, details={"changed": changed},
                   reason="changed: " + ", ".join(name.replace("_", " ") for name in changed))
    return policy
