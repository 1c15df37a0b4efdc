"""The learned classifier's registry: every trained model with its figures, and the retrains asked for.

Several app hosts share one database, so a model lives here rather than in a file on one host: each
web worker loads the artifact of the model the site policy names (site_policy.active_classifier_id),
once per switch (forum/moderation/registry.py).
"""
from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from forum.extensions import db
from forum.models.base import UTCDateTime, str_enum, utcnow


class ModelState(StrEnum):
    ACTIVE = "active"  # the one the site scores with (the policy row names it too)
    RETIRED = "retired"  # was accepted and active once; an admin may roll back to it
    REFUSED = "refused"  # the retrain gate found it worse than the model it was to replace


class ClassifierModel(db.Model):
    """One trained artifact (gzipped JSON, as classifier.py reads it), what it learned from and how it did."""

    __tablename__ = "classifier_models"
    __table_args__ = (sa.Index("ix_classifier_models_state", "state", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    state: Mapped[ModelState] = mapped_column(str_enum(ModelState, 8))
    state_reason: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    # What it was trained on: the seed set's sha256, and how many site decisions (those held back to judge it apart).
    seed_sha256: Mapped[str] = mapped_column(sa.String(64))
    site_decisions: Mapped[int] = mapped_column(default=0, server_default="0")
    # {"thresholds", "heldout": {...}, "site_recent": {...}, "baseline": the replaced model's on the same sets}
    figures: Mapped[dict] = mapped_column(sa.JSON, default=dict, server_default=sa.text("'{}'"))
    # Deferred: the list on the admin page never reads the megabyte of weights.
    artifact: Mapped[bytes] = deferred(mapped_column(sa.LargeBinary, nullable=False))

    def __repr__(self) -> str:
        return f"<ClassifierModel {self.id} {self.version} {self.state}>"


class RetrainOrigin(StrEnum):
    ADMIN = "admin"  # "Retrain now" on the admin page
    SCHEDULE = "schedule"  # the worker, as the policy's retrain_every_days asks
    COMMAND = "command"  # `flask moderation retrain`


class RetrainOutcome(StrEnum):
    ACCEPTED = "accepted"
    REFUSED = "refused"
    FAILED = "failed"  # an error stopped it (the message says which)


class RetrainRequest(db.Model):
    """A retrain asked for, claimed by one worker, and what came of it: the job queue and its history at once."""

    __tablename__ = "classifier_retrains"
    __table_args__ = (sa.Index("ix_classifier_retrains_waiting", "finished_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    origin: Mapped[RetrainOrigin] = mapped_column(str_enum(RetrainOrigin, 8))
    requested_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A scheduled request names its period ("every 7 days: slot 2920"): two workers queueing it at
    # once collide on this key, so the schedule asks once per period however many workers run.
    schedule_slot: Mapped[str | None] = mapped_column(sa.String(40), unique=True)
    claimed_by: Mapped[str | None] = mapped_column(sa.String(32))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[RetrainOutcome | None] = mapped_column(str_enum(RetrainOutcome, 8))
    message: Mapped[str] = mapped_column(sa.Text, default="", server_default="")
    model_id: Mapped[int | None] = mapped_column(sa.ForeignKey("classifier_models.id"))

    requested_by = relationship("User", lazy="raise")
    model = relationship("ClassifierModel", lazy="raise")

    def __repr__(self) -> str:
        return f"<RetrainRequest {self.id} {self.origin} {self.outcome or 'waiting'}>"
