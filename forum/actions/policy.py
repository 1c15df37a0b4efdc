"""The site policy: admins change it, actions read it."""
from forum.actions.errors import Forbidden
from forum.extensions import db
from forum.models import SitePolicy, User
from forum.models.policy import POLICY_ID
from forum.permissions import Action, can


def update_policy(actor: User, **changes) -> SitePolicy:
    """Set the named policy fields; the row is created the first time."""
    if not can(actor, Action.POLICY_EDIT):
        raise Forbidden("Only admins set the policy.")
    policy = db.session.get(SitePolicy, POLICY_ID)
    if policy is None:
        policy = SitePolicy(id=POLICY_ID)
        db.session.add(policy)
    for name, value in changes.items():
        if not hasattr(SitePolicy, name):
            raise AttributeError(f"the policy has no field {name!r}")
        setattr(policy, name, value)
    db.session.flush()
    return policy
