"""The stance tally over time, drawn on the article's page as a small SVG made here (no chart service).

It counts readers as the tally does (forum/actions/tally.py), each once, at the stance they hold now and
from the day they took it (the day of the comment that sets it): a reader who changed their mind moves
whole to the new line from that day on, so the last point of each line is the tally. The lines do not
replay past tallies, which would mean reading every comment of the thread on each page view.

load_stance_days reads, in one grouped query, how many readers took their current stance on each day;
trend_chart turns that into the lines' points and labels, pure and testable.
"""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from forum.models import Comment, StanceReader

CHART_WIDTH, CHART_HEIGHT = 600, 150  # the SVG's own units; it scales to the column's width
PLOT_TOP, PLOT_BOTTOM, PLOT_LEFT, PLOT_RIGHT = 12, 124, 34, 590
MAX_POINTS = 60  # a long-lived article's days are grouped so no line has more points than this
MIN_DAYS = 2  # one day of stances makes a dot, not a line: the tally above already says it


@dataclass
class TrendLine:
    position: int  # the stance's position, which picks its colour (.stance-N)
    label: str
    total: int
    points: str  # "x,y x,y …" for <polyline points>


@dataclass
class TrendChart:
    lines: list[TrendLine]
    first_day: date
    last_day: date
    peak: int
    peak_y: float
    summary: str  # what the chart shows, in words, for screen readers


def load_stance_days(session, article) -> list[tuple[date, int, int]]:
    """(day, stance id, readers who took the stance they hold now on that day)."""
    day = sa.func.date(Comment.created_at)
    rows = session.execute(
        sa.select(day, StanceReader.stance_id, sa.func.count())
        .join(Comment, Comment.id == StanceReader.comment_id)
        .where(StanceReader.article_id == article.id)
        .group_by(day, StanceReader.stance_id)
    ).all()
    # SQLite answers 'YYYY-MM-DD', PostgreSQL a date.
    return [(value if isinstance(value, date) else date.fromisoformat(str(value)[:10]), stance_id, count)
            for value, stance_id, count in rows]


def trend_chart(days: list[tuple[date, int, int]], stances) -> TrendChart | None:
    """Cumulative readers per stance from the first day to the last; None when under MIN_DAYS."""
    if not days:
        return None
    first, last = min(d for d, _, _ in days), max(d for d, _, _ in days)
    span = (last - first).days + 1
    if span < MIN_DAYS:
        return None
    days_per_point = -(-span // MAX_POINTS)  # ceiling division
    points = -(-span // days_per_point)
    added = {stance.id: [0] * points for stance in stances}
    for day, stance_id, count in days:
        if stance_id in added:
            added[stance_id][(day - first).days // days_per_point] += count
    running = {stance_id: _running_total(counts) for stance_id, counts in added.items()}
    peak = max([totals[-1] for totals in running.values()] + [1])
    x_step = (PLOT_RIGHT - PLOT_LEFT) / max(points - 1, 1)

    def y(value: int) -> float:
        return PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * value / peak

    lines = [
        TrendLine(stance.position, stance.label, running[stance.id][-1],
                  " ".join(f"{PLOT_LEFT + i * x_step:.1f},{y(v):.1f}" for i, v in enumerate(running[stance.id])))
        for stance in stances
    ]
    summary = (f"Readers by the day they took the stance they hold now, {first:%-d %B} to {last:%-d %B %Y}: "
               + ", ".join(f"{line.label} {line.total}" for line in lines) + ".")
    return TrendChart(lines, first, last, peak, y(peak), summary)


def _running_total(counts: list[int]) -> list[int]:
    total, out = 0, []
    for count in counts:
        total += count
        out.append(total)
    return out
