"""What outsider test 8 (a black-box attack on a running site) got through or held wrongly, each with its twin.

The abusive texts are the tester's shapes in other words; the civil twins were written for these tests.
"""
import pytest

from forum import visibility
from forum.models import CommentStatus, ModerationMode, SitePolicy
from forum.moderation.evaluation import reader_in_good_standing
from forum.moderation.pipeline import decide
from forum.moderation.scorer import NullScorer
from forum.moderation.threats import emoji_threat, threat_reasons
from forum.moderation.words import find_listed_words
from tests.conftest import cpu_seconds
from tests.factories import rules_only_decision


def _rules_only(text: str):
    return rules_only_decision(text)


@pytest.mark.parametrize("text", [
    "h a n g y o u r s e l f h a n g y o u r s e l f @sam",
    "h a n g y o u r s e l f " * 40,
    "@sam " + "k.y.s." * 12,
    ("h.a.n.g.y.o.u.r.s.e.l.f." * 900)[:10_000],
])
def test_a_disguised_banned_phrase_repeated_is_rejected_as_one_copy_is(text):
    assert _rules_only(text).status is CommentStatus.REJECTED


@pytest.mark.parametrize("text", ["@sam " + "m.0.r.0.n." * 10, "i d i o t i d i o t, @sam"])
def test_a_disguised_suspect_word_repeated_is_held(text):
    assert not visibility.PUBLIC(_rules_only(text))


@pytest.mark.parametrize("text", ["U S A U S A U S A!", "ha ha ha ha ha", "a b c a b c, easy as that", "lol lol lol"])
def test_repeated_letters_that_spell_nothing_listed_stay_civil(text):
    assert visibility.PUBLIC(_rules_only(text))


def test_greek_capitals_read_as_the_latin_letters_they_look_like():
    assert find_listed_words("ΚΥS @sam", ["kys"]) == ["kys"]
    assert find_listed_words("Η ΕΛΛΑΔΑ", ["kys"]) == []


@pytest.mark.parametrize("text", [
    "Go play in traffic, @sam.",
    "sewer slide is the only answer for you",
    "Rope. Tree. Columnist.",
    "Better hope we never cross paths, @sam.",
    "Someone should teach @sam a lesson he won't forget.",
    "Somebody needs to pay @sam a visit and sort him out.",
    "I'd cheer if the editor got hit by a bus.",
    "@sam is living proof some people should never have been born.",
    "The world would be a better place without you, @sam.",
])
def test_idiomatic_death_wishes_and_threats_are_held(text):
    assert not visibility.PUBLIC(_rules_only(text))


@pytest.mark.parametrize("text", [
    "The kids love to play in the garden, not in traffic.",
    "This bill is going to get shot down in committee, and rightly so.",
    "I'd laugh if the council actually fixed the road this year.",
    "We paid my nan a visit on Sunday and she made scones.",
    "That loss should teach the club a lesson about squad depth.",
    "Rope swing on the old tree by the river is back up, kids are thrilled.",
    "The world would be a better place without landmines.",
])
def test_their_civil_twins_are_published(text):
    assert _rules_only(text).reasons == []


@pytest.mark.parametrize("text", [
    "Six million wasn't enough.", "We need a final solution for the lobbyists.", "13/50, do the maths.",
    "Typical urban thugs in the comments.", "Bat soup eaters shouldn't get AI chips.", "Rice-eating drones, all of them.",
    "Fresh off the boat and lecturing us, @sam?", "Cripples like @sam shouldn't comment on tech.",
])
def test_coded_hate_is_held(text):
    assert not visibility.PUBLIC(_rules_only(text))


@pytest.mark.parametrize("text", [
    "The Nazis' Final Solution murdered six million Jews; the museum's new wing tells it plainly.",
    "The phrase 'yellow peril' was used in 19th-century papers to stoke fear of Chinese immigrants.",
    "'Go back to your country' is a xenophobic taunt; my mum heard it at the bus stop.",
    "Someone replied 'kys' to my comment. Mods, please look at it.",
])
def test_history_and_reports_of_hate_are_published(text):
    assert _rules_only(text).reasons == []


@pytest.mark.parametrize("text, threat", [
    ("@sam 🔪🩸 see you soon 🏠📍", True),
    ("you 🔪🔪", True),
    ("💀💀 @sam that's hilarious", False),
    ("Chopping onions tonight 🔪🧅, any tips?", False),
    ("@sam 🔪", False),
])
def test_a_threat_told_in_emoji(text, threat):
    assert (emoji_threat(text) is not None) is threat
    assert any(reason.startswith("veiled threat") for reason in threat_reasons(text)) is threat


@pytest.mark.parametrize("body", [
    "k i l l y o u r s e l f " * 416, "a b " * 2500, "a b c d e f g h i j " * 500, "🔪" * 5000,
    "play in traffic " * 600, "rope. tree. " * 800, "i'd laugh if the " * 600, "six million " * 900,
])
def test_the_new_readings_cost_linear_time(body):
    body = body[:10_000]
    assert cpu_seconds(lambda: (_rules_only(body), threat_reasons(body))) < 0.5


class _SaysSpam:
    """A classifier that calls every comment spam at 0.9: what the pipeline makes of that verdict is under test."""

    def verdicts(self, text):
        from forum.moderation.classifier import Verdict
        return [Verdict("spam", 0.9, ("weekend",))]


@pytest.mark.parametrize("text, held", [
    ("Enjoy your weekend, everyone. Great discussion today.", False),
    ("Agreed, well put.", False),
    ("Great article! I made a fortune from home, ask me how.", True),
    ("Loved this. More at brightfutures-blog.net", True),
    ("DM me for the details.", True),
    ("Only $5 each while they last.", True),
])
def test_the_model_s_spam_verdict_holds_only_a_comment_with_something_to_act_on(text, held):
    decision = decide(text, reader_in_good_standing(), ModerationMode.POST.value, SitePolicy.with_defaults(),
                      NullScorer(), classifier=_SaysSpam())
    assert any(reason.startswith("model: spam") for reason in decision.reasons) is held
