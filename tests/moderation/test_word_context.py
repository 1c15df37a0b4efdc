"""Outsider review: labels used about a thing, oneself or as a word; names; documentation links; disguises."""
import pytest

from forum.models import CommentStatus, ModerationMode, Role, User
from forum.moderation.pipeline import decide
from forum.moderation.scorer import LocalScorer, NullScorer
from forum.moderation.spam import is_source, pitches
from tests.factories import policy_with


def reader() -> User:
    return User(username="someone", role=Role.READER, published_count=100, rejected_count=0, review_all_comments=False)


def decided(text, scorer=None):
    return decide(text, reader(), ModerationMode.POST.value, policy_with(), scorer or NullScorer())


@pytest.mark.parametrize("text", [
    "The losers in this trade deal are farmers, not the banks.",
    "Sheep farming is hard work in a wet winter.",
    "Grew up on a sheep station out past Gore.",
    "I felt like a loser after the exam, honestly.",
    "We are exceptional idiots for trusting the new meters.",
    "The meters were sold to the council as idiot-proof.",
    "The 'loser pays' costs rule is why the residents cannot appeal.",
    "Rwandan radio spent months calling Tutsis 'cockroaches' before the genocide.",
    "Vaccine hesitancy isn't solved by calling people stupid.",
    "Spent a week in Twatt on Orkney last July.",
    "The bastard sword in the armour gallery is worth the trip.",
    # Outside test 7: said of oneself, though the sentence goes on to name the author or a thing.
    "I'm an idiot for not reading the second half before commenting: the author does address verification.",
    "I am a total dinosaur about tech, so forgive me if this is naive: who would inspect the data centres?",
    "The dumbest thing I ever did was ignore the security team's warning. Lesson learned.",
])
def test_a_label_used_about_a_thing_oneself_or_as_a_word_is_not_held(text):
    assert decided(text).status is CommentStatus.PUBLISHED, decided(text).reasons


@pytest.mark.parametrize("text", [
    "You're a loser with nothing better to do.",
    "@Gary you absolute clown, nobody said that.",
    "His voters are brainless sheep.",
    "Anyone still defending this bike lane is a latte-sipping sheep.",
    "Clown.",
    "Vermin, the lot of them.",
    "The author is a complete idiot.",
    "I think you are an idiot.",
    "I'm not sure the author knows it, but he is an idiot.",
    "The author is a total dinosaur about tech.",
    "This is the dumbest take I've ever read.",
    "Dumbest article ever.",
])
def test_a_label_put_on_someone_is_still_held(text):
    assert decided(text).status is CommentStatus.PENDING


def test_a_slur_quoted_in_a_report_is_published_only_quoted_held_and_used_rejected():
    # A report of a slur (reported_quotes: "called") is a mention, as it is for every other list (dev dq-0405).
    assert decided('My son was called a "paki" at school.').status is CommentStatus.PUBLISHED
    # Quoted with no word of report around it: a person reads it rather than the comment being rejected.
    assert decided('The "paki" shop on the corner has closed.').status is CommentStatus.PENDING
    assert decided("typical paki").status is CommentStatus.REJECTED


@pytest.mark.parametrize("text", [
    "I loved Dick Van Dyke in Mary Poppins, even with that accent.",
    "Dick Van Dyke turned 99 this year and still dances.",
    "Moby Dick is the great American novel.",
])
def test_a_name_is_not_scored_as_the_swear_word_it_spells(text):
    assert LocalScorer().score(text) < 0.5


def test_a_swear_word_put_on_someone_in_capitals_still_scores():
    assert LocalScorer().score("You are a Dick.") >= 0.8


@pytest.mark.parametrize("text", [
    "You can read the official docs at https://docs.python.org/3/library/csv.html, the best reference.",
    "Check out the docs: https://docs.python.org/3/library/functions.html#sorted",
    "You can download it from https://www.python.org/downloads/ and install it.",
    "Register now at https://www.gov.uk/register-to-vote before the deadline.",
    "Check out the link https://www.ssa.gov/benefits/retirement/ for the full details.",
    "Full details at https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS",
])
def test_a_single_documentation_or_government_link_is_not_spam(text):
    assert decided(text).status is CommentStatus.PUBLISHED, decided(text).reasons


def test_a_come_on_to_a_sellers_link_is_still_spam():
    assert "come-on to a link" in pitches("Check out the link https://cheap-pills.shop for details")
    assert not is_source("gov.refunds-now.com") and is_source("www.gov.scot") and is_source("flask.readthedocs.io")


@pytest.mark.parametrize("text", [
    "you are an i.d.i.o.t", "you absolute m o r o n",
    "you are an id\u200biot", "you are a mor\u200con", "you are an idi\u200dot", "you are a mo\u2060ron",
    "you are an id\ufeffiot",
    "toidiuoyera", "uoyeratoidi", "what a toidi",
    "f**k you", "go f**k yourself", "you c*nt", "you are a sh*t", "@Sam what a pr*ck",
])
def test_disguised_abuse_is_held(text):
    assert decided(text).status is CommentStatus.PENDING


@pytest.mark.parametrize("text", [
    "We drove through Scunthorpe and Penistone on the way to Essex.",
    "The assassination of the archduke started it.", "A cocktail with my therapist.",
    "Dick Cheney was vice president.", "The U.S.A. and, e.g., the U.K. disagree.", "The N A T O summit.",
    "I want to s h o u t about this.", "Holy sh*t, 38 degrees in the classroom.",
])
def test_filter_traps_stay_published(text):
    assert decided(text, LocalScorer()).status is CommentStatus.PUBLISHED, decided(text, LocalScorer()).reasons


@pytest.mark.parametrize("text", [
    # No reported quote: the toxicity rule takes the suspect words the word rule found aimed (it read the same
    # text but for "stupid plan").
    "You are a moron and a clown. Fuck this stupid plan, you idiot.",
    # A reported quote: the word rule read the comment without it, so the toxicity rule reads it again, taking
    # the verdicts of the sentences that quote nothing.
    "He called me a 'fucking moron' at the meeting, I reported it. You are a clown. The idiot plan failed.",
    "Bloody hell, what a stupid policy. My son was called a 'stupid prick' at school, I reported it.",
    # The very text the word rule read, and nothing left out of the reading: its score is the text's.
    "Fuck you, you shit.",
])
def test_the_toxicity_rule_reads_the_same_whether_or_not_it_is_given_the_word_rules_findings(text):
    from forum.moderation import pipeline

    policy, scorer = policy_with(), LocalScorer()
    _banned, _suspect, found = pipeline._word_reasons(text, policy)
    assert pipeline._toxicity_reasons(text, policy, scorer, found) == pipeline._toxicity_reasons(text, policy, scorer)
