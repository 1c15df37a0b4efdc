"""forum/moderation/figures.py: the admin's moderation figures, computed in SQL on SQLite and PostgreSQL."""
from datetime import timedelta

import pytest

from forum.models import Appeal, ModerationAction, Verb
from forum.models.base import utcnow
from forum.moderation import figures
from forum.moderation.queues import Queue
from tests.conftest import recorded_sql


def decided(db, make, moderator, *, hours_after_posting: float, decided_at, verb=Verb.APPROVE, actor="moderator"):
    comment = make.comment(make.article(), status="published")
    comment.created_at = decided_at - timedelta(hours=hours_after_posting)
    db.session.add(ModerationAction(actor_id=moderator.id if actor else None, verb=verb, comment_id=comment.id,
                                    created_at=decided_at))
    db.session.flush()


def test_median_and_90th_percentile_are_nearest_ranks_of_peoples_decisions_in_the_window(db, make):
    moderator, now = make.user("moderator"), utcnow()
    for hours in (3, 1, 10, 2, 9, 4, 8, 5, 7, 6):  # ten decisions, 1½ to 10½ hours after posting
        decided(db, make, moderator, hours_after_posting=hours + 0.5, decided_at=now - timedelta(days=1))
    decided(db, make, moderator, hours_after_posting=500, decided_at=now - timedelta(days=40))  # too old
    decided(db, make, moderator, hours_after_posting=500, decided_at=now, actor=None)  # not a person's
    decided(db, make, moderator, hours_after_posting=500, decided_at=now, verb=Verb.FEATURE)  # not a decision
    times = figures.decision_times(db.session, now)
    assert times.decisions == 10
    assert times.median_seconds == pytest.approx(5.5 * 3600, abs=1)  # rank ⌈0.5·10⌉ = 5
    assert times.p90_seconds == pytest.approx(9.5 * 3600, abs=1)  # rank ⌈0.9·10⌉ = 9
    assert times.buckets == [("under 1 h", 0), ("1–6 h", 5), ("6–24 h", 5), ("1–3 days", 0), ("over 3 days", 0)]


def test_percentiles_of_one_decision_and_of_none(db, make):
    moderator, now = make.user("moderator"), utcnow()
    assert figures.decision_times(db.session, now).median_seconds is None
    decided(db, make, moderator, hours_after_posting=0.5, decided_at=now)
    times = figures.decision_times(db.session, now)
    assert times.median_seconds == times.p90_seconds == pytest.approx(1800, abs=1)


def test_acts_per_day_count_people_and_automatic_acts_by_utc_day_with_empty_days(db, make):
    moderator, now = make.user("moderator"), utcnow()
    today = now.date()
    midday = now.replace(hour=12, minute=0, second=0, microsecond=0)
    for days_ago, actor in ((0, moderator), (0, moderator), (0, None), (2, moderator), (31, moderator)):
        db.session.add(ModerationAction(actor_id=actor.id if actor else None, verb=Verb.WARN,
                                        created_at=midday - timedelta(days=days_ago)))
    db.session.flush()
    days = figures.acts_per_day(db.session, today)
    assert len(days) == 30 and days[-1].day == today and days[0].day == today - timedelta(days=29)
    assert (days[-1].by_people, days[-1].automatic) == (2, 1)
    assert (days[-3].by_people, days[-3].automatic) == (1, 0)
    assert sum(d.by_people + d.automatic for d in days) == 4  # the one 31 days ago is outside


def test_waiting_queues_say_how_many_and_since_when(db, make):
    now = utcnow()
    article = make.article()
    old = make.comment(article, status="pending")
    old.created_at = now - timedelta(hours=5)
    make.comment(article, status="pending")
    flagged = make.comment(article, status="published")
    flagged.flagged_at = now - timedelta(hours=2)
    db.session.flush()
    waiting = {figure.queue: figure for figure in figures.waiting(db.session)}
    assert list(waiting) == [Queue.PENDING, Queue.REPORTED, Queue.APPEALS]
    assert waiting[Queue.PENDING].count == 2
    assert abs((waiting[Queue.PENDING].oldest - old.created_at).total_seconds()) < 1
    assert waiting[Queue.REPORTED].count == 1
    assert abs((waiting[Queue.REPORTED].oldest - flagged.flagged_at).total_seconds()) < 1
    assert (waiting[Queue.APPEALS].count, waiting[Queue.APPEALS].oldest) == (0, None)


def test_a_duration_reads_as_a_person_says_it():
    assert [figures.human_duration(s) for s in (None, 45, 600, 3 * 3600 + 1200, 86400, 2 * 86400 + 4 * 3600)] == \
        ["—", "45 s", "10 min", "3 h 20 min", "1 day", "2 days 4 h"]


def test_the_figures_page_costs_the_same_for_few_and_many_acts(db, make, own_sessions, auth):
    admin, now = auth.login(make.user("admin")), utcnow()

    def cost():
        db.session.flush()
        with recorded_sql(db.session.connection()) as statements:
            response = own_sessions.get("/admin/activity")
        assert response.status_code == 200
        return len(statements), response.get_data(as_text=True)

    decided(db, make, admin, hours_after_posting=2, decided_at=now)
    few, _ = cost()
    for n in range(30):
        decided(db, make, admin, hours_after_posting=n + 1, decided_at=now - timedelta(days=n % 20))
    many, page = cost()
    assert many == few
    assert 'role="img" aria-labelledby="acts-per-day-title acts-per-day-desc"' in page
    assert "<th scope=\"col\">Time from posting</th>" in page


def test_an_undone_decision_is_no_decision_and_neither_it_nor_its_undo_is_an_act(db, make):
    """Walk-through finding 13: a spam mark taken back still counted as the sixth of five decisions."""
    moderator, now = make.user("moderator"), utcnow()
    article = make.article()
    first, second = make.comment(article, status="published"), make.comment(article, status="published")

    def acts() -> tuple[int, int]:
        days = figures.acts_per_day(db.session, now.date())
        return sum(d.by_people for d in days), sum(d.automatic for d in days)

    before = acts()
    spam = ModerationAction(actor_id=moderator.id, verb=Verb.SPAM, comment_id=second.id, created_at=now)
    db.session.add_all([ModerationAction(actor_id=moderator.id, verb=Verb.APPROVE, comment_id=first.id, created_at=now),
                        spam, ModerationAction(actor_id=None, verb=Verb.HIDE, comment_id=first.id, created_at=now)])
    db.session.flush()
    db.session.add(ModerationAction(actor_id=moderator.id, verb=Verb.UNDO, comment_id=second.id, reverts_id=spam.id,
                                    created_at=now))
    db.session.flush()
    assert figures.decision_times(db.session, now).decisions == 1
    assert acts() == (before[0] + 1, before[1] + 1)
