"""A model's vocabulary held compactly, and model files read without leaving the parse's memory behind.

A dict of the learned classifier's 35,000 words and word pairs costs a web worker about 4 MB: a str
and an int object for each entry, and the table. A Vocabulary holds the same in one bytes string
and three arrays, about 1 MB. The n-grams are grouped by their hash into buckets of about two; a bucket is its
n-grams in UTF-8, each after a 0xFF byte (a byte UTF-8 never uses, so no n-gram holds it). A lookup
is a hash, one bytes.find over the bucket's few bytes and a count of the separators before the match
(its rank in the bucket): constant time, and each step in C.

A SplitVocabulary keeps its commonest terms in a dict as well, for the classifier's character n-grams, which
are looked up too often for a Vocabulary alone.

Python salts str hashes per interpreter: a Vocabulary is valid in the process that built it and in
the processes it forks (gunicorn's workers), and is never written out.
"""
import ctypes
import gc
import pickle
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import compress, repeat
from operator import ge

_SEPARATOR = b"\xff"
_TERMS_PER_BUCKET = 2  # at most, on average: fewer would take more array, more would make lookups scan further


class _Numbered:
    """What both vocabularies share: a state that pickles (settled() copies one within the process, where the
    hashes stay valid), rebound to its lookup closures on unpickling, and dict-like reading through get()."""

    def __getstate__(self):
        return self._state

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


class Vocabulary(_Numbered):
    """n-gram → its number in the model's arrays, as a dict would answer: get(), [] and `in`."""

    def __init__(self, terms: Sequence[str], numbers: Sequence[int] | None = None):
        """`numbers`: each term's number, if not its position in `terms`."""
        buckets = 1 << (len(terms) // _TERMS_PER_BUCKET).bit_length()  # a power of two: a mask picks the bucket
        members: list[list[int]] = [[] for _ in range(buckets)]  # positions in terms, by bucket
        for position, term in enumerate(terms):
            members[hash(term) & (buckets - 1)].append(position)
        parts: list[bytes] = []
        starts = array("I")  # where each bucket begins in joined (and, last, where the last one ends)
        firsts = array("I")  # the position in numbers of each bucket's first n-gram
        ordered = array("I")  # the n-grams' numbers, bucket after bucket
        offset = 0
        for bucket in members:
            starts.append(offset)
            firsts.append(len(ordered))
            for position in bucket:
                part = _SEPARATOR + terms[position].encode("utf-8", "surrogatepass")
                parts.append(part)
                offset += len(part)
            ordered.extend(bucket if numbers is None else [numbers[position] for position in bucket])
        starts.append(offset)
        parts.append(_SEPARATOR)  # ends the last n-gram, as the next bucket's first separator ends the others
        self._state = (b"".join(parts), starts, firsts, ordered, len(terms))
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



class _Common(dict):
    """The common n-grams' numbers; any other is looked for in `rest`, and is -1 if not there either."""

    def __init__(self, items, rest: Vocabulary):
        super().__init__(items)
        self.rest = rest

    def __missing__(self, term: str) -> int:
        return self.rest.get(term, -1)


class SplitVocabulary(_Numbered):
    """n-gram → its number, for n-grams looked up so often that a Vocabulary's lookup would cost too much time.

    The classifier looks up each character n-gram of each word of a comment (about 5,000 for 2,000
    characters), and a Vocabulary lookup costs about ten times a dict's. A few n-grams make up most
    lookups (" th", "the", "he "), so the commonest (`common`, by number) sit in a dict, and the rest in
    a Vocabulary, searched only for what the dict does not have: a dict of all 62,000 of the classifier's
    character n-grams costs a worker about 7 MB, this about 3. known() looks up a word's n-grams together, in C
    for those in the dict."""

    def __init__(self, terms: Sequence[str], common: Iterable[int]):
        chosen = set(common)
        rest = [number for number in range(len(terms)) if number not in chosen]
        self._state = (_Common(((terms[number], number) for number in sorted(chosen)),
                               Vocabulary([terms[number] for number in rest], rest)), len(terms))
        self._bind()

    def _bind(self) -> None:
        number_of = self._state[0].__getitem__  # the dict's own lookup; _Common.__missing__ for the rest

        def get(term: str, default: int | None = None) -> int | None:
            """The n-gram's number, or `default` when the model does not know it."""
            number = number_of(term)
            return default if number < 0 else number

        def known(terms: Sequence[str]) -> tuple[int, ...]:
            """The numbers of those of `terms` that the model knows, in the order of `terms`."""
            numbers = tuple(map(number_of, terms))
            if -1 not in numbers:  # all known (a comparison of ints, cheaper than filtering out None)
                return numbers
            return tuple(compress(numbers, map(ge, numbers, repeat(0))))

        self.get, self.known = get, known  # closures: locals are the fastest lookups in the hot loops



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
