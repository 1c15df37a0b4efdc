"""The linear-time matching helpers: the ASCII view, windows kept by Near, and resumed searches."""
import re

import pytest

from forum.moderation import spam
from forum.patterns import Near, after_each, ascii_view, compile, first_span


def test_the_view_keeps_every_position_and_what_each_character_is_to_a_pattern():
    text = "Caf\u00e9 \u0663\u00a0\u20ac5 \u2014 \u0130d"
    view = ascii_view(text)
    assert len(view) == len(text)
    assert view == b"Caf_ 0 $5 \x00 id"  # letter, digit, space, currency, other; I-with-dot reads as i


@pytest.mark.parametrize("text, found", [
    ("caf\u00e9 casino", True),     # a word after a word with an accent
    ("caf\u00e9casino", False),     # no boundary inside a word, accented or not
    ("\u201ccasino\u201d", True),   # curly quotes are not letters
])
def test_word_boundaries_follow_unicode_letters(text, found):
    assert (compile(r"\bcasino\b").search(ascii_view(text)) is not None) is found


WINDOW = Near(r"\bwork\b", r"\bmoney\b", 10, stops=".")


@pytest.mark.parametrize("text, span", [
    ("work for money", (0, 14)),
    ("work" + " " * 10 + "money", (0, 19)),     # ten characters between: inside the window
    ("work" + " " * 11 + "money", None),        # eleven: outside
    ("work. money", None),                      # a stop between
    ("money, then work", None),                 # the wrong order
    ("work money money", (0, 16)),              # as far as the window reaches
    ("work work money", (0, 15)),               # from the first `work` close enough
])
def test_near_finds_what_the_windowed_pattern_would(text, span):
    assert WINDOW.span(ascii_view(text)) == span
    python = re.search(r"\bwork\b[^.]{0,10}\bmoney\b", text)  # what it stands for, backtracking
    assert (python.span() if python else None) == span


def test_the_leftmost_alternative_wins_and_the_earlier_one_on_a_tie():
    view = ascii_view("ab cd")
    assert first_span([compile("cd"), compile("ab")], view) == (0, 2)
    assert first_span([compile("ab c"), compile("ab")], view) == (0, 4)
    assert first_span([compile("zz"), WINDOW], view) is None


def test_a_boundary_consumed_after_one_match_can_open_the_next():
    pattern = compile(r"(?:^|[^\d])(\d\d)(?:[^\d]|$)")
    assert list(after_each(pattern, b"12 34 56")) == [(0, 2), (3, 5), (6, 8)]
    # So a phone number right after a range of years, one space between, is still found.
    assert spam.has_phone_number("2023-2024-2025 5550102030")
