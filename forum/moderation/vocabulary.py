"""A model's vocabulary held compactly, and model files read without leaving the parse's memory behind.

A dict of the learned classifier's 35,000 words and word pairs costs a web worker about 4 MB: a str
and an int object for each entry, and the table. A Vocabulary holds the same in one bytes string
and three arrays, about 1 MB. The n-grams are grouped by their hash into buckets of about two; a bucket is its
n-grams in UTF-8, each after a 0xFF byte (a byte UTF-8 never uses, so no n-gram holds it). A lookup
is a hash, one bytes.find over the bucket's few bytes and a count of the separators before the match
(its rank in the bucket): constant time, and each step in C.

Python salts str hashes per interpreter: a Vocabulary is valid in the process that built it and in
the processes it forks (gunicorn's workers), and is never written out.
"""
import ctypes
import gc
import pickle
from array import array
from collections.abc import Callable, Sequence

_SEPARATOR = b"\xff"
_TERMS_PER_BUCKET = 2  # at most, on average: fewer would take more array, more would make lookups scan further


class Vocabulary:
    """n-gram → its number in the model's arrays, as a dict would answer: get(), [] and `in`."""

    def __init__(self, terms: Sequence[str]):
        buckets = 1 << (len(terms) // _TERMS_PER_BUCKET).bit_length()  # a power of two: a mask picks the bucket
        members: list[list[int]] = [[] for _ in range(buckets)]
        for number, term in enumerate(terms):
            members[hash(term) & (buckets - 1)].append(number)
        parts: list[bytes] = []
        starts = array("I")  # where each bucket begins in joined (and, last, where the last one ends)
        firsts = array("I")  # the position in numbers of each bucket's first n-gram
        numbers = array("I")  # the n-grams' numbers, bucket after bucket
        offset = 0
        for bucket in members:
            starts.append(offset)
            firsts.append(len(numbers))
            for number in bucket:
                part = _SEPARATOR + terms[number].encode("utf-8", "surrogatepass")
                parts.append(part)
                offset += len(part)
            numbers.extend(bucket)
        starts.append(offset)
        parts.append(_SEPARATOR)  # ends the last n-gram, as the next bucket's first separator ends the others
        self._state = (b"".join(parts), starts, firsts, numbers, len(terms))
        self._bind()

    def _bind(self) -> None:
        joined, starts, firsts, numbers, _ = self._state
        mask, find, count = len(starts) - 2, joined.find, joined.count

        def get(term: str, default: int | None = None) -> int | None:
            """The n-gram's number, or `default` when the model does not know it."""
            bucket = hash(term) & mask
            start = starts[bucket]
            found = find(_SEPARATOR + term.encode("utf-8", "surrogatepass") + _SEPARATOR, start, starts[bucket + 1] + 1)
            if found < 0:
                return default
            if found == start:  # the bucket's first n-gram (most are): no separators to count
                return numbers[firsts[bucket]]
            return numbers[firsts[bucket] + count(_SEPARATOR, start, found)]

        self.get = get  # a closure: the hot loops call it per n-gram, and locals are the fastest lookups

    def __getstate__(self):
        return self._state  # settled() copies a Vocabulary within the process; the hashes stay valid there

    def __setstate__(self, state) -> None:
        self._state = state
        self._bind()

    def __getitem__(self, term: str) -> int:
        number = self.get(term)
        if number is None:
            raise KeyError(term)
        return number

    def __contains__(self, term: str) -> bool:
        return self.get(term) is not None

    def __len__(self) -> int:
        return self._state[-1]


def settled(read: Callable[[], object]):
    """What read() returns, rebuilt after everything read() made in passing is freed.

    Parsing a model file makes hundreds of thousands of small objects. Python's allocator gives a
    1 MB arena back to the system only when nothing in it is alive, so a kept object made among the
    parse's (a threshold, an array's header) holds its arena, and a worker kept about 6 MB of a
    freed parse. Copied after the parse is gone, the kept objects take their memory afresh.

    The interpreter's free lists (of floats, tuples, lists, dicts) keep up to thousands of the parse's
    freed objects for reuse, each one holding its arena too: a full collection empties them before the
    copy is made (the learned classifier's load left 9 MB of free pools in arenas held so)."""
    copy = pickle.dumps(read(), protocol=pickle.HIGHEST_PROTOCOL)
    gc.collect()
    kept = pickle.loads(copy)
    del copy
    _give_back_free_memory()
    return kept


def _give_back_free_memory() -> None:
    """Return the C library's freed heap pages to the system (glibc's malloc_trim; elsewhere nothing).

    The parse's large buffers (the file's text, its lists) are freed into the C heap, which glibc
    keeps mapped: without this, a worker holds another 7 MB it no longer uses."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc
        return
    trim(0)
