"""Which learned classifier the site scores with, kept in the database so that every app host agrees.

The policy row names the active model (site_policy.active_classifier_id, None: the model shipped in
forum/moderation/models/). Every post reads that row already, so a worker learns of a switch at no
cost, and loads the new artifact once: a per-process cache keyed by the model's id holds one model.
The registry's rows record every trained model, accepted or refused, with its figures.
"""
import threading

import sqlalchemy as sa

from forum.models import ClassifierModel, ModelState, SitePolicy
from forum.models.policy import POLICY_ID
from forum.moderation.classifier import LearnedClassifier, default_classifier, encode_artifact

_lock = threading.Lock()
_cached: tuple[int, LearnedClassifier] | None = None


def active_classifier(session, policy: SitePolicy) -> LearnedClassifier:
    """The classifier the policy names, read from the database the first time this process meets its id."""
    global _cached
    model_id = policy.active_classifier_id
    if model_id is None:
        return default_classifier()
    cached = _cached
    if cached is not None and cached[0] == model_id:
        return cached[1]
    with _lock:  # threads of one worker meeting a switch together load it once
        if _cached is not None and _cached[0] == model_id:
            return _cached[1]
        with session.no_autoflush:  # a comment being posted is not written before the pipeline has decided
            row = session.execute(
                sa.select(ClassifierModel.version, ClassifierModel.artifact).where(ClassifierModel.id == model_id)
            ).first()
        if row is None:  # a pointer to nothing (a restored database): the shipped model rather than no model
            return default_classifier()
        classifier = LearnedClassifier.from_bytes(row.artifact, f"{row.version} (model {model_id})")
        classifier.load()
        _cached = (model_id, classifier)  # the previous model is dropped: one in memory per process
        return classifier


def forget_cached() -> None:
    """Drop this process's loaded model (tests; a worker never needs to)."""
    global _cached
    _cached = None


def store(session, artifact: dict, *, accepted: bool, reason: str, seed_sha256: str, site_decisions: int,
          figures: dict) -> ClassifierModel:
    """A new row for a trained artifact, refused or accepted; an accepted one is made active by activate()."""
    row = ClassifierModel(
        version=artifact["version"], state=ModelState.RETIRED if accepted else ModelState.REFUSED,
        state_reason=reason, seed_sha256=seed_sha256, site_decisions=site_decisions, figures=figures,
        artifact=encode_artifact(artifact),
    )
    session.add(row)
    session.flush()
    return row


def policy_row(session) -> SitePolicy:
    """The stored policy row, created with the defaults the first time something is saved in it."""
    policy = session.get(SitePolicy, POLICY_ID)
    if policy is None:
        policy = SitePolicy.with_defaults()
        session.add(policy)
    return policy


def activate(session, model: ClassifierModel | None, reason: str) -> None:
    """Make `model` the one the site scores with (None: the shipped model); the one it replaces is retired."""
    session.execute(
        sa.update(ClassifierModel).where(ClassifierModel.state == ModelState.ACTIVE)
        .values(state=ModelState.RETIRED).execution_options(synchronize_session="fetch")
    )
    if model is not None:
        if model.state == ModelState.REFUSED:
            raise ValueError("a refused model is never made active")
        model.state = ModelState.ACTIVE
        model.state_reason = reason
    policy_row(session).active_classifier_id = model.id if model is not None else None
    session.flush()


def current(session, policy: SitePolicy) -> ClassifierModel | None:
    """The active model's row (without its artifact), or None while the shipped model serves."""
    if policy.active_classifier_id is None:
        return None
    return session.get(ClassifierModel, policy.active_classifier_id)


def current_artifact_bytes(session, policy: SitePolicy) -> bytes | None:
    """The active model's artifact, or None for the shipped file."""
    if policy.active_classifier_id is None:
        return None
    return session.scalar(sa.select(ClassifierModel.artifact).where(ClassifierModel.id == policy.active_classifier_id))
