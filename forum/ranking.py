"""How comments are ordered. Pure arithmetic: no database, no request."""
import math
from enum import StrEnum

# 95 % confidence: the usual choice for ranking, as in Evan Miller's "How Not To Sort By Average Rating".
Z_95 = 1.959963984540054


def wilson_lower_bound(up: int, down: int, z: float = Z_95) -> float:
    """The lower bound of the Wilson score interval for the share of positive reactions.

    A comment with 40 up and 2 down outranks one with 2 up and 0 down: raw ratios would not
    say so, and raw counts would favour whatever has been seen longest.
    https://www.evanmiller.org/how-not-to-sort-by-average-rating.html
    """
    n = up + down
    if n == 0:
        return 0.0
    p = up / n
    centre = p + z * z / (2 * n)
    spread = z * math.sqrt((p * (1 - p) + z * z / (4 * n)) / n)
    return (centre - spread) / (1 + z * z / n)


class Sort(StrEnum):
    """The orders a reader may choose for a thread's top-level comments; the URL says which."""

    BEST = "best"
    NEWEST = "newest"
    OLDEST = "oldest"
    REPLIES = "replies"

    @classmethod
    def parse(cls, value: str | None) -> "Sort":
        """The sort named in a URL (the default when absent); ValueError for an unknown one."""
        return cls(value) if value else DEFAULT_SORT


DEFAULT_SORT = Sort.BEST

SORT_LABELS = {
    Sort.BEST: "Best",
    Sort.NEWEST: "Newest",
    Sort.OLDEST: "Oldest",
    Sort.REPLIES: "Most replies",
}
