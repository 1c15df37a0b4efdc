"""The moderation figures an admin reads at a glance: how much waits and for how long, how long a decision
takes, and how many acts a day. Each figure is one SQL query (the same on PostgreSQL and SQLite), so the
page costs a fixed number of queries however large the site.

Percentiles are "nearest rank" (the smallest value with at least p % of the values at or below it),
computed with window functions: SQLite has no percentile_cont, and a value that exists is easier to
explain than an interpolated one.
"""
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.orm import aliased
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.expression import FunctionElement

from forum import visibility
from forum.models import Comment, ModerationAction, Verb
from forum.moderation import queues

DECISION_VERBS = (Verb.APPROVE, Verb.REJECT, Verb.SPAM)
WINDOW_DAYS = 30  # a month of days: long enough for a trend, short enough to be about now
# Buckets of time from posting to decision, in seconds: (upper bound, label); the last one is open.
DECISION_BUCKETS = ((3600, "under 1 h"), (6 * 3600, "1–6 h"), (24 * 3600, "6–24 h"), (72 * 3600, "1–3 days"),
                    (None, "over 3 days"))


class epoch_seconds(FunctionElement):
    """Seconds since 1970 of a timestamp column, as a float, on either database."""

    type = sa.Float()
    inherit_cache = True


@compiles(epoch_seconds, "postgresql")
def _epoch_postgresql(element, compiler, **kw):
    return f"EXTRACT(EPOCH FROM {compiler.process(element.clauses, **kw)})"


@compiles(epoch_seconds, "sqlite")
def _epoch_sqlite(element, compiler, **kw):
    # julianday counts days from noon, 24 November 4714 BC; 2440587.5 of them had passed by 1970.
    return f"((julianday({compiler.process(element.clauses, **kw)}) - 2440587.5) * 86400.0)"


class utc_day(FunctionElement):
    """The UTC calendar day of a timestamp column, as 'YYYY-MM-DD' text on either database."""

    type = sa.String()
    inherit_cache = True


@compiles(utc_day, "postgresql")
def _day_postgresql(element, compiler, **kw):
    return f"to_char({compiler.process(element.clauses, **kw)} AT TIME ZONE 'UTC', 'YYYY-MM-DD')"


@compiles(utc_day, "sqlite")
def _day_sqlite(element, compiler, **kw):
    return f"date({compiler.process(element.clauses, **kw)})"


@dataclass
class QueueFigure:
    queue: queues.Queue
    label: str
    count: int
    oldest: datetime | None  # when the item waiting longest came in (None: nothing waits)


@dataclass
class DecisionTimes:
    decisions: int
    median_seconds: float | None
    p90_seconds: float | None
    buckets: list[tuple[str, int]]


@dataclass
class DayOfActs:
    day: date
    by_people: int
    automatic: int


def waiting(session, viewer=visibility.MODERATOR) -> list[QueueFigure]:
    """The queues where items wait for a person: each one's size and oldest item (four queries)."""
    oldest = queues.oldest_waiting(session, viewer)
    return [QueueFigure(queue, queues.QUEUE_LABELS[queue], queues.count(session, queue, None, viewer), oldest[queue])
            for queue in queues.WAITING]


def _not_undone():
    """The clause: no undo took this log row back (an undone spam mark decided nothing)."""
    undo = aliased(ModerationAction)
    return ~sa.exists().where(undo.reverts_id == ModerationAction.id)


def _decisions_since(since: datetime):
    """(seconds from posting to decision) of every person's decision on a comment since `since` that
    was not undone."""
    seconds = (epoch_seconds(ModerationAction.created_at) - epoch_seconds(Comment.created_at)).label("seconds")
    return (sa.select(seconds).select_from(ModerationAction)
            .join(Comment, Comment.id == ModerationAction.comment_id)
            .where(ModerationAction.verb.in_(DECISION_VERBS), ModerationAction.actor_id.is_not(None),
                   ModerationAction.created_at >= since, _not_undone()))


def decision_times(session, now: datetime, days: int = WINDOW_DAYS) -> DecisionTimes:
    """Median and 90th percentile of the time from posting to a person's decision over `days`, and how
    many decisions fell in each of DECISION_BUCKETS: two queries."""
    decided = _decisions_since(now - timedelta(days=days)).subquery()
    ranked = sa.select(
        decided.c.seconds,
        sa.func.row_number().over(order_by=decided.c.seconds).label("rank"),
        sa.func.count().over().label("n"),
    ).subquery()

    def nearest_rank(percent: int):
        # The ceiling of percent·n/100 in integer arithmetic (SQLite has no CEIL in every build).
        wanted = (percent * ranked.c.n + 99) // 100
        return sa.func.max(sa.case((ranked.c.rank == wanted, ranked.c.seconds)))

    median, p90, n = session.execute(
        sa.select(nearest_rank(50), nearest_rank(90), sa.func.max(ranked.c.n))
    ).one()
    bucket = sa.case(*[(decided.c.seconds < bound, index) for index, (bound, _) in enumerate(DECISION_BUCKETS)
                       if bound is not None], else_=len(DECISION_BUCKETS) - 1).label("bucket")
    in_bucket = dict(session.execute(sa.select(bucket, sa.func.count()).group_by(bucket)).all())
    return DecisionTimes(n or 0, median, p90,
                         [(label, in_bucket.get(index, 0)) for index, (_, label) in enumerate(DECISION_BUCKETS)])


def acts_per_day(session, today: date, days: int = WINDOW_DAYS) -> list[DayOfActs]:
    """Log rows per UTC day over the last `days` days (today included), people's and automatic apart;
    days without acts are there with zeros. An act that was undone and the undo that took it back count
    for nothing: together they changed nothing. One query."""
    first = today - timedelta(days=days - 1)
    day = utc_day(ModerationAction.created_at).label("day")
    automatic = ModerationAction.actor_id.is_(None)
    rows = session.execute(
        sa.select(day, sa.func.count().filter(~automatic), sa.func.count().filter(automatic))
        .where(ModerationAction.created_at >= datetime(first.year, first.month, first.day, tzinfo=timezone.utc),
               ModerationAction.verb != Verb.UNDO, _not_undone())
        .group_by(day)
    ).all()
    found = {str(row[0])[:10]: (row[1], row[2]) for row in rows}
    return [DayOfActs(d, *found.get(d.isoformat(), (0, 0)))
            for d in (first + timedelta(days=i) for i in range(days))]


def human_duration(seconds: float | None) -> str:
    """A span of time as a person says it, to two units at most: "45 s", "3 h 20 min", "2 days 4 h"."""
    if seconds is None:
        return "—"
    seconds = max(0, int(seconds))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    if minutes:
        return f"{minutes} min"
    return f"{secs} s"
