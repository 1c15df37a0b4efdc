"""Long lists in slices, for IN (…) lists and multi-row INSERTs (imports, restores, recounts)."""
from collections.abc import Iterable

CHUNK = 500  # ids or names per IN (…) list: far below SQLite's and PostgreSQL's parameter limits


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    """`items` in slices of `size`."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
