"""The parts of a comment the classifier reads on their own: sentences, windows of long ones, a bounded count."""
import pytest

from forum.moderation.parts import MAX_PARTS, PAIR_CHARS, PART_CHARS, parts, sentences


def test_a_single_short_sentence_has_no_parts_besides_the_whole():
    assert parts("You are a clown.") == []
    assert parts("  Thanks!  ") == []
    assert sentences("Only one sentence here.") == []


def test_neighbouring_sentences_are_read_together_while_they_fit_and_a_long_one_apart():
    text = "The figures are wrong. Page 12 says otherwise!\nAnd the map is old… Sorry?"
    assert parts(text) == []  # one window: the whole
    short = "The figures are wrong. " * 10 + "Page 12 says otherwise!"
    cut = parts(short)
    assert len(cut) == 2 and all(len(part) <= PAIR_CHARS for part in cut) and " ".join(cut) == short
    prose = "I took the number 14 bus to the library every weekday last winter, " * 3 + "and it was always late."
    assert len(prose) + len(" You are a clown.") > PAIR_CHARS
    assert parts(f"{prose} You are a clown.") == [prose, "You are a clown."]


def test_a_long_sentence_is_read_in_overlapping_windows_of_whole_words():
    words = [f"word{number}" for number in range(200)]
    windows = parts(" ".join(words))
    assert len(windows) > 2
    assert all(len(window) <= PART_CHARS for window in windows)
    assert all(set(window.split()) <= set(words) for window in windows)  # no word is cut
    # Each window starts about half a window after the one before, so any stretch of half a window
    # is read whole in one of them.
    for first, second in zip(windows, windows[1:]):
        assert first.split()[-1] in second.split()
    assert windows[-1].split()[-1] == "word199"


@pytest.mark.parametrize("text", [
    "a. " * 3_333, "a" * 10_000, "a " * 5_000, "\n" * 10_000, ". " * 5_000, "word " * 2_000, "x? y! " * 1_666,
])
def test_the_parts_are_few_and_add_up_to_about_twice_the_text_at_most(text):
    """What scoring them costs grows with the text's length, not its square, and each part's fixed cost is paid
    at most MAX_PARTS times."""
    cut = parts(text)
    assert len(cut) <= MAX_PARTS
    assert sum(len(part) for part in cut) <= 2 * len(text) + MAX_PARTS
