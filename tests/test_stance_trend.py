"""The stance tally over time (forum/stance_trend.py) and the avatars' initials (forum/avatars.py)."""
from datetime import date
from types import SimpleNamespace

from forum.avatars import AVATAR_COLOURS, colour_index, initials
from forum.stance_trend import MAX_POINTS, PLOT_BOTTOM, PLOT_TOP, trend_chart

YES, NO = SimpleNamespace(id=1, position=0, label="Yes"), SimpleNamespace(id=2, position=1, label="No")


def points(line) -> list[tuple[float, float]]:
    return [tuple(map(float, pair.split(","))) for pair in line.points.split()]


def test_the_lines_climb_with_the_running_total_of_each_stance():
    chart = trend_chart([(date(2026, 12, 1), 1, 2), (date(2026, 12, 3), 1, 1), (date(2026, 12, 2), 2, 1)], [YES, NO])
    yes, no = chart.lines
    assert (yes.total, no.total, chart.peak) == (3, 1, 3)
    def height(n: int) -> float:
        return round(PLOT_BOTTOM - (PLOT_BOTTOM - PLOT_TOP) * n / 3, 1)

    assert [y for _, y in points(yes)] == [height(2), height(2), height(3)]
    assert [y for _, y in points(no)] == [height(0), height(1), height(1)]
    assert chart.summary == ("Readers by the day they took the stance they hold now, 1 December to 3 December 2026: "
                             "Yes 3, No 1.")


def test_one_day_draws_no_chart_and_a_long_life_is_grouped():
    assert trend_chart([], [YES]) is None
    assert trend_chart([(date(2026, 12, 1), 1, 5)], [YES]) is None
    year = [(date(2025, 1, 1).fromordinal(date(2025, 1, 1).toordinal() + n), 1, 1) for n in range(365)]
    chart = trend_chart(year, [YES, NO])
    assert len(points(chart.lines[0])) <= MAX_POINTS and chart.lines[0].total == 365


def test_avatars_are_initials_on_a_colour_that_stays_with_the_name():
    assert [initials(name) for name in ("alice", "mara_moderator", "j.r.r", "", "Zoë")] == ["Al", "MM", "JR", "?", "Zo"]
    assert colour_index("alice") == colour_index("Alice") and 0 <= colour_index("bob") < AVATAR_COLOURS
