"""The site policy: admins change it, actions read it."""
from forum.actions.errors import Forbidden
from forum.extensions import db
from forum.models import SitePolicy, User, Verb
from forum.moderation import log
from forum.models.policy import POLICY_ID
from forum.permissions import Action, can


def update_policy(actor: User, **changes) -> SitePolicy:
    """Set the named policy fields; the row is created the first time."""
    if not can(actor, Action.POLICY_EDIT):
        raise Forbidden("Only admins set the policy.")
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
