"""Retrain requests: asked once, queued once per scheduled period, and claimed by one worker only."""
import threading
import uuid
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.extensions import db as _db
from forum.models import RetrainOrigin, RetrainOutcome, RetrainRequest, SitePolicy
from forum.models.base import utcnow
from forum.moderation import retrain_jobs


def test_asking_twice_while_one_waits_queues_one(db, make):
    admin, now = make.user("admin"), utcnow()
    first = retrain_jobs.request_retrain(db.session, RetrainOrigin.ADMIN, admin, now)
    assert retrain_jobs.request_retrain(db.session, RetrainOrigin.ADMIN, admin, now) is first
    assert retrain_jobs.claim(db.session, "worker-a", now) == first.id
    # Once a worker has it, a new request is a new retrain (the site may have decided more meanwhile).
    assert retrain_jobs.request_retrain(db.session, RetrainOrigin.ADMIN, admin, now).id != first.id


def test_the_schedule_queues_one_retrain_per_period(db):
    policy, now = SitePolicy.with_defaults(), utcnow()
    assert retrain_jobs.queue_if_due(db.session, policy, now) is None  # no schedule: only when asked
    policy.retrain_every_days = 7
    queued = retrain_jobs.queue_if_due(db.session, policy, now)
    assert queued is not None and queued.origin == RetrainOrigin.SCHEDULE
    assert retrain_jobs.queue_if_due(db.session, policy, now + timedelta(days=6)) is None
    assert retrain_jobs.queue_if_due(db.session, policy, now + timedelta(days=8)) is not None


def test_two_workers_queueing_the_same_period_queue_it_once(db):
    policy, now = SitePolicy.with_defaults(), utcnow()
    policy.retrain_every_days = 7
    # The other worker's row, as if it had committed a moment before this one looked.
    db.session.add(RetrainRequest(origin=RetrainOrigin.SCHEDULE, requested_at=now - timedelta(days=30),
                                  schedule_slot=retrain_jobs.schedule_slot(7, now)))
    db.session.flush()
    assert retrain_jobs.queue_if_due(db.session, policy, now) is None


def test_a_claim_lasts_its_lease_and_a_finished_retrain_is_not_claimed_again(db):
    now = utcnow()
    request = retrain_jobs.request_retrain(db.session, RetrainOrigin.COMMAND, None, now)
    assert retrain_jobs.claim(db.session, "a", now) == request.id
    assert retrain_jobs.claim(db.session, "b", now + timedelta(minutes=5)) is None
    later = now + timedelta(seconds=retrain_jobs.LEASE_SECONDS + 1)
    assert retrain_jobs.claim(db.session, "b", later) == request.id  # "a" died: "b" takes it over
    assert not retrain_jobs.finish(db.session, request.id, "a", RetrainOutcome.ACCEPTED, "", later)
    assert retrain_jobs.finish(db.session, request.id, "b", RetrainOutcome.REFUSED, "worse", later)
    assert retrain_jobs.claim(db.session, "c", later + timedelta(days=1)) is None


def test_two_workers_claiming_at_once_take_the_request_once(live_app):
    """Two hosts' workers, each in its own transaction on PostgreSQL: the second skips the row the first holds."""
    with live_app.app_context():
        if _db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite has one writer at a time: the second claim waits rather than skips")
        marker = f"claim-test-{uuid.uuid4().hex[:8]}"
        now = utcnow()
        _db.session.add(RetrainRequest(origin=RetrainOrigin.COMMAND, requested_at=now, message=marker))
        _db.session.commit()
        first, second = _db.engine.connect(), _db.engine.connect()
        try:
            with sa.orm.Session(first) as one, sa.orm.Session(second) as two:
                got_one = retrain_jobs.claim(one, "host-a", now)  # not committed yet: the row stays locked
                got_two = retrain_jobs.claim(two, "host-b", now)
                one.commit()
                two.commit()
                assert got_one is not None and got_two != got_one
                assert retrain_jobs.claim(two, "host-b", now) != got_one  # committed: leased to host-a
                two.rollback()
        finally:
            first.close()
            second.close()
            _db.session.execute(sa.delete(RetrainRequest).where(RetrainRequest.requested_at >= now - timedelta(seconds=1)))
            _db.session.commit()


def test_two_clicks_at_once_queue_one_retrain(live_app):
    """Two requests, each in its own transaction on PostgreSQL: the second waits for the first to commit, then
    finds its retrain waiting (outsider review F6: both found none and both queued)."""
    with live_app.app_context():
        if _db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite has one writer at a time")
        now = utcnow()
        first, second = _db.engine.connect(), _db.engine.connect()
        answers = {}
        try:
            with sa.orm.Session(first) as one, sa.orm.Session(second) as two:
                queued = retrain_jobs.request_retrain(one, RetrainOrigin.ADMIN, None, now)  # not committed yet
                assert queued.requested_at == now  # a new row, not one left waiting by something else

                def click_again():
                    answers["two"] = retrain_jobs.request_retrain(two, RetrainOrigin.ADMIN, None, now).id
                    two.commit()

                other = threading.Thread(target=click_again)
                other.start()
                other.join(0.5)  # long enough for the second to reach its check, were it not held back
                one.commit()
                other.join(10)
                assert answers["two"] == queued.id
        finally:
            first.close()
            second.close()
            _db.session.execute(sa.delete(RetrainRequest).where(RetrainRequest.requested_at >= now - timedelta(seconds=1)))
            _db.session.commit()
