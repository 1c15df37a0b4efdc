"""Patterns run on readers' text, in time linear in the length of the text (issue 11).

Python's `re` backtracks: nested or adjacent quantifiers let one comment cost seconds, or
minutes, of CPU. Every pattern the moderation pipeline runs on a comment is compiled here, for
RE2 (google-re2), which never backtracks: a search costs time linear in the text, whatever the
pattern. RE2 has no lookaround or backreferences, and its \\b, \\w, \\d and \\s know only ASCII;
the helpers below give the rules what they used to take from Python:

- ascii_view(text): the text with each character outside ASCII replaced by an ASCII one that
  patterns treat alike (a letter by "_", a digit by "0", a space by " ", € and £ by "$", anything
  else by NUL), so that \\b, \\w, \\d and \\s mean on the view what Python's mean on the text, and
  a position in the view is the same position in the text. (One difference: [0-9] now takes a
  digit of another script, as \\d always did.)
- Near: "first, then at most N characters without a stop, then second". As one pattern
  (a[^.!?\\n]{0,80}b) that is linear in RE2 too, but its automaton keeps a counter for every
  occurrence of `a` in the window; a text full of them exhausts its memory and RE2 falls back to
  a slower engine (30 ms for 10,000 characters of "make $1 make"). Near keeps the window in Python.
- after_each(pattern, view): a pattern's group 1 at each match, the search resuming where the
  group ends, so that a boundary character consumed after one match can open the next (what a
  lookbehind and lookahead around the group would have allowed).

The architecture test (tests/test_architecture.py) keeps `re` out of the pipeline's modules.
"""
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import lru_cache
from itertools import chain

import re2

Span = tuple[int, int]

# Characters worked out one by one and remembered, per table; a text that uses thousands of rare
# characters is still translated (each is worked out again), it only stops growing the table.
MAX_REMEMBERED_CHARACTERS = 20_000

_OPTIONS = re2.Options()
# A bad pattern still raises when its module loads; what is not logged is a search falling back
# from RE2's fast automaton to its slower one (still linear), which a comment can provoke at will.
_OPTIONS.log_errors = False


@lru_cache(maxsize=None)  # a pattern written in several rules is compiled, and grows its automaton, once
def compile(pattern: str):
    """An RE2 pattern (flags inline, e.g. "(?i)"); searches take bytes, strings are encoded each time."""
    return re2.compile(pattern, _OPTIONS)


def escape(text: str) -> str:
    """A pattern that matches `text` literally."""
    return re2.escape(text)


class CharacterTable(dict):
    """A str.translate table that works out each character outside ASCII the first time it is seen.

    str.translate looks characters up in C; only a character not yet in the table calls back into
    Python. ASCII characters are given up front (unchanged, unless `ascii` says otherwise).
    """

    def __init__(self, other: Callable[[str], str | None], ascii: dict[str, str | None] | None = None):
        super().__init__({code: code for code in range(128)})
        self.update({ord(char): value for char, value in (ascii or {}).items()})
        self._other = other

    def __missing__(self, code: int) -> str | None:
        value = self._other(chr(code))
        if len(self) < MAX_REMEMBERED_CHARACTERS:
            self[code] = value
        return value


# Letters outside ASCII that Python's case-insensitive matching takes for ASCII ones.
_CASE_INSENSITIVE_TWINS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}


def _ascii_stand_in(char: str) -> str:
    if char in _CASE_INSENSITIVE_TWINS:
        return _CASE_INSENSITIVE_TWINS[char]
    if char.isspace():
        return " "
    if char.isdecimal():
        return "0"
    if char.isalnum():
        return "_"
    if char in "€£":
        return "$"
    return "\x00"


# Python's \s also matches these ASCII controls; RE2's does not.
_VIEW = CharacterTable(_ascii_stand_in, {char: " " for char in "\v\x1c\x1d\x1e\x1f"})


@lru_cache(maxsize=8)  # decide() asks for the same comment's view in several rules
def ascii_view(text: str) -> bytes:
    """The text as the patterns read it, one ASCII byte per character (see the module docstring)."""
    return text.translate(_VIEW).encode("ascii")


def after_each(pattern, view: bytes) -> Iterator[Span]:
    """Group 1 of each match, searching on from the end of the group rather than of the match."""
    position = 0
    while (match := pattern.search(view, position)) is not None:
        start, end = match.span(1)
        yield start, end
        position = max(end, position + 1)


class Near:
    """What `first[^stops]{0,within}second` finds, with the window counted here rather than by RE2.

    span() gives the leftmost match, reaching as far as the pattern's greedy gap would: from the
    first `first` that some `second` follows closely enough, to the end of the last such `second`.
    """

    def __init__(self, first: str, second: str, within: int, stops: str = "\n"):
        self._first = compile(first)
        self._second = compile(second)
        self._within = within
        self._stops = [stop.encode() for stop in stops]

    def span(self, view: bytes) -> Span | None:
        firsts = self._first.finditer(view)
        first = next(firsts, None)
        if first is None:
            return None
        seconds = [match.span() for match in self._second.finditer(view)]
        starts = [start for start, _ in seconds]
        for match in chain([first], firsts) if seconds else ():
            gap_start = match.end()
            gap_end = gap_start + self._within
            for stop in self._stops:
                found = view.find(stop, gap_start, gap_end)
                if found >= 0:
                    gap_end = found
            last = bisect_right(starts, gap_end) - 1
            if last >= 0 and starts[last] >= gap_start:
                return match.start(), seconds[last][1]
        return None


def first_span(alternatives: list, view: bytes) -> Span | None:
    """The leftmost match of any alternative (RE2 patterns or Near), the earlier one on a tie, as `a|b` reads."""
    best: Span | None = None
    for alternative in alternatives:
        if hasattr(alternative, "span") and not hasattr(alternative, "search"):  # Near, or a wrapper with span()
            span = alternative.span(view)
        else:
            match = alternative.search(view)
            span = match.span() if match else None
        if span is not None and (best is None or span[0] < best[0]):
            best = span
    return best
