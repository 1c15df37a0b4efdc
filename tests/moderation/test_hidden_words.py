"""Listed words starred out, run together or written backwards; and spam written as one run."""
import time

import pytest

from forum.moderation.default_words import DEFAULT_BANNED_WORDS, DEFAULT_SUSPECT_WORDS
from forum.moderation.hidden_words import hidden_words, run_together_spam
from tests.moderation.test_words import TRAPS

ENTRIES = DEFAULT_SUSPECT_WORDS + DEFAULT_BANNED_WORDS


@pytest.mark.parametrize("text,word", [
    ("youareanidiot", "idiot"), ("@dan youaresuchaloser", "loser"), ("shutupidiot!", "idiot"),
    ("toidi", "idiot"), ("what a norom", "moron"),
    ("you a**hole", "asshole"), ("what a c**t", "cunt"), ("only a d*ckhead would", "dickhead"), ("r*tard", "retard"),
])
def test_a_hidden_listed_word_is_found(text, word):
    [reason] = hidden_words(text, ENTRIES)
    assert reason.startswith(f"{word} (")


@pytest.mark.parametrize("text", [
    "Scunthorpe", "assassination", "my therapist", "Penistone", "a cocktail of sanctions", "Middlesex",
    "internationalisation", "counterproductive", "misunderstandings", "Drat, the bridge is shut again.",
    "stressed", "the reward", "T*** is the word", "a ****", "5*", "*** spoilers ***", "Essex and Sussex",
    "Dickens", "analysis", "bookkeeper", "harassment", "raccoons", "Pakistan", "Niger and Nigeria",
])
def test_innocent_words_are_not_read_as_hidden_ones(text):
    assert hidden_words(text, ENTRIES + TRAPS) == []
    assert run_together_spam(text) == []


def test_a_listed_word_written_plainly_is_left_to_the_word_matcher():
    assert hidden_words("you idiot", ENTRIES) == []


def test_spam_words_run_together_are_a_spam_sign():
    assert run_together_spam("Go to visitcheapviagraonline now") == ["spam words run together: 'visit cheap viagra online'"]
    assert run_together_spam("www.buybitcoinnow.com") == ["spam words run together: 'www buy bitcoin now com'"]
    assert run_together_spam("I read about viagra online in the paper") == []


@pytest.mark.parametrize("text", ["youare" * 1_700, "a" * 10_000, "a*" * 5_000, "toidi " * 1_700])
def test_a_long_comment_is_read_in_linear_time(text):
    """10,000 characters (the longest comment) take milliseconds; splitting runs in quadratic time would take seconds."""
    started = time.perf_counter()
    hidden_words(text, ENTRIES)
    run_together_spam(text)
    assert time.perf_counter() - started < 1.0
