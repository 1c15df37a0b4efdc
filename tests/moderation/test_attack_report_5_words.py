"""Attack report 5: letter-spaced abuse with wider gaps between words, and civil words held without a target.

The example texts are written for these tests, after the report's shapes; none is from a labelled set.
"""
import pytest

from forum.models import CommentStatus, ModerationMode, Role, User
from forum.moderation.hidden_words import spaced_letters_joined
from forum.moderation.pipeline import decide
from forum.moderation.scorer import LocalScorer, NullScorer
from forum.moderation.word_context import aimed_at_someone, toxicity_reading
from tests.factories import policy_with


def reader() -> User:
    return User(username="someone", role=Role.READER, published_count=100, rejected_count=0, review_all_comments=False)


def decided(text, scorer=None):
    return decide(text, reader(), ModerationMode.POST.value, policy_with(), scorer or NullScorer())


_scorer = LocalScorer()


# 1. Letter by letter, with two or three spaces between the words

@pytest.mark.parametrize("text, read", [
    ("g o  t o  h e l l  m o d s", "go to hell mods"),
    ("y o u  a r e  a  s p i n e l e s s  t w a t", "you are a spineless twat"),
    ("E A T   S H I T   Y O U   P R I C K", "EAT SHIT YOU PRICK"),
    ("w e  k n o w  w h e r e  y o u  l i v e ,  e d i t o r", "we know where you live, editor"),
    ("f u c k  y o u\nand the rest", "fuck you\nand the rest"),
    ("a dull hack.  t w a t.", "a dull hack. twat."),
])
def test_letters_a_space_apart_read_as_words_and_wider_gaps_as_word_breaks(text, read):
    assert spaced_letters_joined(text) == read


@pytest.mark.parametrize("text", [
    "The treaty is signed by the U S A and the E U, and N A T O watches.",
    "I want to s h o u t this from the rooftops: read the annex first.",
    "Plan B is the only plan, and I think it is a good one.",
    "Indented  with two spaces  between phrases, as some people type.",
])
def test_civil_spelling_out_is_left_published(text):
    assert decided(text, _scorer).status is CommentStatus.PUBLISHED, decided(text, _scorer).reasons


@pytest.mark.parametrize("text", [
    "g o  t o  h e l l  m o d s",
    "y o u  a r e  a  s p i n e l e s s  t w a t",
    "E A T   S H I T   Y O U   P R I C K",
    "w e  k n o w  w h e r e  y o u  l i v e ,  e d i t o r",
    "s h u t  u p ,  y o u  u s e l e s s  b i t c h",
])
def test_letter_spaced_abuse_with_wider_gaps_is_held(text):
    assert decided(text, _scorer).status is not CommentStatus.PUBLISHED


def test_a_letter_spaced_threat_reaches_the_threat_phrases():
    reasons = decided("w e  k n o w  w h e r e  y o u  l i v e ,  e d i t o r").reasons
    assert any(reason.startswith(("threat", "veiled threat")) for reason in reasons), reasons


# 2. A label denied, said of a thing, or of oneself; swearing at a thing

@pytest.mark.parametrize("text", [
    "Pensioners are not sheep; they read the small print on every leaflet.",
    "We are not idiots, and the consultation should stop treating us as if we were.",
    "They're not stupid, they're tired of being ignored.",
    "Don't be a sheep: read the minutes of the meeting yourself.",
    "The select committee was a clown show from start to finish.",
    "This budget is a clown car with no driver.",
    "What a stupid, stupid rule. It only moved the traffic to the next street.",
    "Counting the ballots by hand was an idiot's errand, and I volunteered for it.",
    "The new kiosks are idiot-proof, apparently.",
    "I'm an idiot: I read the chart in thousands, not millions.",
    "My sister died of it in spring. Fuck leukaemia.",
    "Shit happens on building sites; that is why the inspections exist.",
    "I cycled over this damn bridge every morning for twenty years.",
    "Bloody hell, 41 degrees on the platform and not a single fan working.",
])
def test_a_word_without_a_target_is_not_held_by_the_word_lists_or_the_score(text):
    decision = decided(text, _scorer)
    assert decision.status is CommentStatus.PUBLISHED, decision.reasons


@pytest.mark.parametrize("text", [
    "fuck you",
    "you shit",
    "Fuck the councillor and his cronies.",
    "The mayor is a lying sack of shit.",
    "You're not just an idiot, you're a liar.",
    "Pensioners are sheep.",
    "You are a clown.",
    "Whoever wrote this can go fuck themselves.",
])
def test_a_word_aimed_at_someone_still_holds(text):
    assert decided(text, _scorer).status is not CommentStatus.PUBLISHED


def test_swearing_is_left_out_of_the_score_only_in_sentences_aimed_at_nobody():
    assert toxicity_reading("Fuck cancer. Fuck you.", []) == ("cancer. Fuck you.", True)
    assert toxicity_reading("The meters are idiot-proof.", ["idiot"]) == ("The meters are", False)


# 3. The score alone holds a comment aimed at nobody only when it is very high

def test_the_score_alone_needs_a_higher_bar_when_the_comment_names_nobody():
    assert not aimed_at_someone("Bloody hell, the trains again.")
    assert aimed_at_someone("The author should be ashamed.")
    text = "The trains were late again this morning."
    assert decided(text, FixedScorer(0.9)).status is CommentStatus.PUBLISHED
    assert decided(text, FixedScorer(0.96)).reasons == ["toxicity 0.96 ≥ 0.95"]
    assert decided("You were late again this morning.", FixedScorer(0.9)).reasons == ["toxicity 0.90 ≥ 0.80"]


class FixedScorer:
    def __init__(self, value):
        self.value = value

    def score(self, text):
        return self.value
