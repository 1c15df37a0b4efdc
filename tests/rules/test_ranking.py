"""Ranking arithmetic: the Wilson lower bound behind "best", and the sort names a URL may carry."""
import math

import pytest

from forum.ranking import DEFAULT_SORT, SORT_LABELS, Z_95, Sort, wilson_lower_bound


def test_no_reactions_score_zero():
    assert wilson_lower_bound(0, 0) == 0.0


@pytest.mark.parametrize("up,down", [(1, 0), (10, 1), (3, 3), (40, 2), (0, 5), (250, 17)])
def test_the_bound_solves_the_wilson_interval_equation(up, down):
    # The Wilson interval's ends are the p with n·(p̂ − p)² = z²·p·(1 − p); the lower one lies below p̂.
    n = up + down
    observed = up / n
    bound = wilson_lower_bound(up, down)
    assert 0.0 <= bound <= observed
    assert n * (observed - bound) ** 2 == pytest.approx(Z_95 ** 2 * bound * (1 - bound), abs=1e-9)


def test_known_values():
    # 1 up of 1 at 95 %: the textbook 0.2065; 5 of 10: 0.2366.
    assert wilson_lower_bound(1, 0) == pytest.approx(0.2065, abs=1e-4)
    assert wilson_lower_bound(5, 5) == pytest.approx(0.2366, abs=1e-4)
    assert wilson_lower_bound(0, 7) == pytest.approx(0.0, abs=1e-12)


def test_many_mostly_positive_reactions_beat_a_single_one():
    assert wilson_lower_bound(10, 1) > wilson_lower_bound(1, 0)
    assert wilson_lower_bound(40, 2) > wilson_lower_bound(2, 0)


def test_not_raw_counts_and_not_raw_ratios():
    # Raw counts would put 60 up / 60 down above 10 / 0; raw ratios would put 1 / 0 above 95 / 5.
    assert wilson_lower_bound(10, 0) > wilson_lower_bound(60, 60)
    assert wilson_lower_bound(95, 5) > wilson_lower_bound(1, 0)


def test_more_up_raises_and_more_down_lowers_the_score():
    for up in range(0, 30):
        for down in range(0, 30):
            here = wilson_lower_bound(up, down)
            assert wilson_lower_bound(up + 1, down) > here or math.isclose(here, 1.0)
            if up:
                assert wilson_lower_bound(up, down + 1) < here


def test_sort_parse():
    assert Sort.parse(None) is DEFAULT_SORT is Sort.BEST
    assert Sort.parse("") is Sort.BEST
    assert [Sort.parse(value) for value in ("best", "newest", "oldest", "replies")] == [
        Sort.BEST, Sort.NEWEST, Sort.OLDEST, Sort.REPLIES,
    ]
    with pytest.raises(ValueError):
        Sort.parse("loudest")


def test_every_sort_has_a_label():
    assert set(SORT_LABELS) == set(Sort)
