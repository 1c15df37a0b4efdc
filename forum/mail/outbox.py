"""Notices wait on the database session until the change that caused them is committed.

An action adds a notice while it changes rows (say, a reply becomes published); a rollback drops it,
a commit makes it ready, and the web layer hands ready notices to delivery.py once the view is done.
So no e-mail announces a change that never happened, whichever view, API route or command committed it.
"""
from dataclasses import dataclass

from sqlalchemy import event
from sqlalchemy.orm import Session

_PENDING = "parley_outbox_pending"
_READY = "parley_outbox_ready"


@dataclass(frozen=True)
class Notice:
    kind: str  # "reply": the comment `ident` was published as a reply
    ident: int


def add(session: Session, notice: Notice) -> None:
    session.info.setdefault(_PENDING, []).append(notice)


def take_ready(session: Session) -> list[Notice]:
    """Committed notices, each once; the caller delivers them."""
    return session.info.pop(_READY, [])


@event.listens_for(Session, "after_commit")
def _commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, [])
    if pending:
        session.info.setdefault(_READY, []).extend(pending)


@event.listens_for(Session, "after_soft_rollback")
def _rollback(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint inside it
        session.info.pop(_PENDING, None)
