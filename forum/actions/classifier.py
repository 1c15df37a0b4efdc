"""Admins' acts on the learned classifier: ask for a retrain, roll back to an earlier model, set the schedule.

A switch of model is a change of the site's policy (its row names the active model), so it is logged
as one, under the admin's name; a retrain that switches by itself is logged in the system's name.
"""
from datetime import datetime, timezone

from forum.actions.errors import Forbidden, Refused
from forum.actions.policy import update_policy
from forum.extensions import db
from forum.models import ClassifierModel, ModelState, RetrainOrigin, RetrainRequest, SitePolicy, User, Verb
from forum.moderation import log, registry, retrain_jobs
from forum.permissions import Action, can

RETRAIN_EVERY_DAYS = range(1, 366)  # at least daily (a retrain takes minutes of CPU), at most yearly


def _require_admin(actor: User) -> None:
    if not can(actor, Action.POLICY_EDIT):
        raise Forbidden("Only admins manage the classifier.")


def request_retrain(actor: User) -> RetrainRequest:
    """Queue a retrain for the worker (one already waiting is returned instead)."""
    _require_admin(actor)
    return retrain_jobs.request_retrain(db.session, RetrainOrigin.ADMIN, actor, datetime.now(timezone.utc))


def roll_back(actor: User, policy: SitePolicy, model: ClassifierModel | None) -> None:
    """Score with an earlier accepted model again (None: the model shipped with Parley)."""
    _require_admin(actor)
    if model is not None and model.state != ModelState.RETIRED:
        raise Refused("Only an earlier accepted model can be rolled back to." if model.state == ModelState.REFUSED
                      else "That model is already the active one.")
    if model is None and policy.active_classifier_id is None:
        raise Refused("The shipped model is already the active one.")
    name = f"model {model.id} ({model.version})" if model is not None else "the shipped model"
    registry.activate(db.session, model, f"rolled back to by {actor.username}")
    log.record(actor, Verb.POLICY_CHANGE, details={"changed": {"active_classifier_id": model.id if model else None}},
               reason=f"changed: classifier, rolled back to {name}")


def set_schedule(actor: User, every_days: int | None) -> None:
    """Retrain every `every_days` days by itself (None: only when asked)."""
    _require_admin(actor)
    if every_days is not None and every_days not in RETRAIN_EVERY_DAYS:
        raise Refused(f"Choose a number of days from {RETRAIN_EVERY_DAYS.start} to {RETRAIN_EVERY_DAYS.stop - 1}, "
                      "or leave it empty.", field="every_days")
    update_policy(actor, retrain_every_days=every_days)
