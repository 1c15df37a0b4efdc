"""Word lists: normalising, parsing an admin's list, and whole-word matching through disguises."""
import time
from collections import Counter

import pytest

from forum.moderation.default_words import DEFAULT_BANNED_WORDS, DEFAULT_SUSPECT_WORDS
from forum.moderation.words import find_listed_words, normalise, parse_word_list
from tests.moderation.labelled_comments import LABELLED

INSULTS = ["idiot", "moron", "stupid", "buffoon", "kill yourself"]


@pytest.mark.parametrize("text,expected", [
    ("IDIOT", "idiot"),
    ("\uff29\uff24\uff29\uff2f\uff34", "idiot"),                 # full-width
    ("\U0001d422\U0001d41d\U0001d422\U0001d428\U0001d42d", "idiot"),  # mathematical bold
    ("\u0456diot", "idiot"),                                        # Cyrillic і
    ("\u0406D\u0406\u041eT", "idiot"),                                # Cyrillic capitals І and О
    ("m\u03bfr\u03bfn", "moron"),                                   # Greek omicron
    ("\u1d0d\u1d0f\u0280\u1d0f\u0274", "moron"),                    # small capitals
    ("id\u200biot", "idiot"),                                       # zero-width space
    ("mo\u00adron", "moron"),                                       # soft hyphen
    ("Caf\u00e9 cr\u00e8me", "cafe creme"),
    ("1d10t", "idiot"),
    ("$tup!d", "stupid"),
    ("a$$", "ass"),
    ("5h1t", "shit"),
    ("7r41t0r", "traitor"),
    ("h@ck3r", "hacker"),
    ("Idiot!", "idiot!"),                                          # a closing "!" stays punctuation
    ("$40 billion in 2025", "$40 billion in 2025"),                # numbers alone are not leetspeak
])
def test_normalise(text, expected):
    assert normalise(text) == expected


def test_parse_word_list_reads_lines_and_commas_and_skips_comments_blanks_and_repeats():
    text = "# insults\nIdiot\n\n  moron , Stupid\nidiot\n# threats\nkill   yourself\n,\nKILL YOURSELF\n"
    assert parse_word_list(text) == ["idiot", "moron", "stupid", "kill yourself"]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment", None])
def test_parse_word_list_of_nothing_is_empty(text):
    assert parse_word_list(text) == []


@pytest.mark.parametrize("text,expected", [
    ("What an idiot.", ["idiot"]),
    ("IDIOTS, all of them", ["idiot"]),                             # case and plural
    ("i.d.i.o.t", ["idiot"]),                                       # separators
    ("m-o-r-o-n", ["moron"]),
    ("i_d_i_o_t", ["idiot"]),
    ("s/t/u/p/i/d", ["stupid"]),
    ("i d i o t", ["idiot"]),                                       # spaced letters
    ("You are an i . d . i . o . t !", ["idiot"]),
    ("stuuupid", ["stupid"]),                                       # repeated letters
    ("idiooooot", ["idiot"]),
    ("morrrrron", ["moron"]),
    ("1d10t", ["idiot"]),                                           # leetspeak
    ("m0r0n", ["moron"]),
    ("$tup!d", ["stupid"]),
    ("\u0456diot", ["idiot"]),                                      # Cyrillic і
    ("m\u03bfr\u03bfn", ["moron"]),                                 # Greek ο
    ("\uff2d\uff2f\uff32\uff2f\uff2e", ["moron"]),                  # full-width
    ("mo\u200bron", ["moron"]),                                     # zero-width space
    ("i\u0337d\u0337i\u0337o\u0337t\u0337", ["idiot"]),                 # overlay marks
    ("1 d 1 0 t", ["idiot"]),                                       # mixes
    ("1d.1.0t", ["idiot"]),
    ("sss-tuuu-piiid", ["stupid"]),
    ("id.i.ot!!", ["idiot"]),
    ("(moron)", ["moron"]),
    ("buffoon", ["buffoon"]),                                       # double letters in the entry
    ("bufffoooon", ["buffoon"]),
    ("b.u.f.f.o.o.n", ["buffoon"]),
    ("BUFF00N", ["buffoon"]),
    ("moron, idiot and moron again", ["idiot", "moron"]),           # each once, in list order
])
def test_obfuscated_words_are_found(text, expected):
    assert find_listed_words(text, INSULTS) == expected


@pytest.mark.parametrize("text", [
    "kill yourself", "Just KILL   YOURSELF.", "kill-yourself", "killyourself", "k1ll y0urs3lf",
    "k i l l  y o u r s e l f", "kill\nyourself",
])
def test_phrases_are_found_however_spaced(text):
    assert find_listed_words(text, ["kill yourself"]) == ["kill yourself"]


@pytest.mark.parametrize("text", [
    "A kill switch in every GPU", "kill the bill yourself", "They said the skill is yours, self-taught.",
])
def test_phrases_need_their_words_in_a_row(text):
    assert find_listed_words(text, ["kill yourself"]) == []


# Entries that are substrings of innocent words, with the innocent words that contain them.
TRAPS = ["cunt", "ass", "dick", "kill yourself", "rapist", "rape", "cock", "sex", "anal", "bot", "loser",
         "tit", "hell", "nigger", "paki", "coon", "idiot"]


@pytest.mark.parametrize("text", [
    "Scunthorpe", "assassination", "class", "Dickens", "a kill switch", "my therapist", "grape",
    "a cocktail of sanctions", "Essex", "analysis", "bookkeeper", "assess", "passing", "harassment",
    "Middlesex", "title", "Shellfish", "hello", "boot", "looser export controls", "Niger and Nigeria",
    "Pakistan", "raccoons", "idiotic", "455 units",
])
def test_innocent_words_containing_a_listed_one_are_not_found(text):
    assert find_listed_words(text, TRAPS) == []


def test_leetspeak_needs_a_letter_in_the_token():
    assert find_listed_words("455 units at $5", ["ass"]) == []
    assert find_listed_words("a55", ["ass"]) == ["ass"]


def test_a_doubled_vowel_is_another_word():
    # Known limit, chosen on purpose: "stuupid" is missed so that "boot" is not "bot".
    assert find_listed_words("stuupid boot", ["stupid", "bot"]) == []
    assert find_listed_words("stuuupid booot", ["stupid", "bot"]) == ["stupid", "bot"]


def test_overlapping_entries_are_all_found():
    assert find_listed_words("fuck you bot", ["you bot", "fuck you"]) == ["you bot", "fuck you"]


@pytest.mark.parametrize("words", [[], ["#", "..."]])
def test_nothing_to_find(words):
    assert find_listed_words("idiot", words) == []


def test_a_list_and_a_tuple_give_the_same_answer():
    assert find_listed_words("m o r o n", list(INSULTS)) == find_listed_words("m o r o n", tuple(INSULTS))


def test_default_lists_are_clean_and_separate():
    for words in (DEFAULT_BANNED_WORDS, DEFAULT_SUSPECT_WORDS):
        assert parse_word_list("\n".join(words)) == words
    assert not set(DEFAULT_BANNED_WORDS) & set(DEFAULT_SUSPECT_WORDS)


def test_default_lists_leave_civil_security_vocabulary_alone():
    text = ("The kill switch widens the attack surface; war with the enemy is not inevitable, "
            "and bots, nukes and the NPC were all discussed in the analysis.")
    assert find_listed_words(text, DEFAULT_BANNED_WORDS + DEFAULT_SUSPECT_WORDS) == []


def test_a_long_comment_against_a_hundred_entries(capsys):
    civil_text = " ".join(text for label, text in LABELLED if label == "civil")
    comment = (civil_text[:1985] + " you 1.d.1.0.t")[:2000]
    words = tuple(DEFAULT_SUSPECT_WORDS[:100])
    assert find_listed_words(comment, words) == ["idiot"]  # also compiles and caches the list
    runs = 200
    started_cpu, started_wall = time.process_time(), time.perf_counter()
    for _ in range(runs):
        find_listed_words(comment, words)
    cpu_ms = 1000 * (time.process_time() - started_cpu) / runs
    wall_ms = 1000 * (time.perf_counter() - started_wall) / runs
    with capsys.disabled():
        print(f"\nfind_listed_words: {len(comment)} characters, {len(words)} entries: "
              f"{cpu_ms:.3f} ms CPU, {wall_ms:.3f} ms wall per comment")


def test_the_labelled_set_is_large_labelled_and_without_accidental_repeats():
    labels = Counter(label for label, _ in LABELLED)
    assert len(LABELLED) >= 200
    assert set(labels) == {"civil", "abusive", "spam"}
    repeated = Counter(text for _, text in LABELLED)
    # Spammers post the same text twice on purpose; nothing else is repeated.
    assert all(label == "spam" for label, text in LABELLED if repeated[text] > 1)
    assert any(count > 1 for count in repeated.values())


def _share_found(label: str, words: list[str]) -> tuple[int, int]:
    texts = [text for kind, text in LABELLED if kind == label]
    return sum(1 for text in texts if find_listed_words(text, words)), len(texts)


def test_default_lists_catch_most_abusive_comments_and_few_civil_ones(capsys):
    words = DEFAULT_BANNED_WORDS + DEFAULT_SUSPECT_WORDS
    abusive_found, abusive_total = _share_found("abusive", words)
    civil_found, civil_total = _share_found("civil", words)
    with capsys.disabled():
        print(f"\ndefault word lists: abusive {abusive_found}/{abusive_total} "
              f"({abusive_found / abusive_total:.1%}), civil {civil_found}/{civil_total} "
              f"({civil_found / civil_total:.1%})")
    assert abusive_found / abusive_total >= 0.60
    assert civil_found / civil_total <= 0.03
