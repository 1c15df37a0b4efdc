"""Civil comments that read like abuse to a rule or to the model, and the abuse that must still be held (issue 13).

An outsider who attacked the running app found these kinds of civil comment held: abuse the writer received and
quotes in order to report it, an insult the writer aims at themselves, and a reply that opens with an @name. And
these kinds of abuse published: a people said to control the seats of power, a people's vote put in question, and
death wished on everyone of a kind. The texts here were written for these tests, not taken from any labelled set.
"""
import pytest

from forum.models import ModerationMode, Role, User
from forum.moderation.identity import identity_attack_reasons
from forum.moderation.personal_attacks import personal_attack_reasons
from forum.moderation.phrases import without_reported_quotes
from forum.moderation.pipeline import decide
from forum.moderation.scorer import NullScorer
from forum.moderation.threats import threat_reasons
from tests.factories import policy_with, rules_only_decision
from tests.conftest import cpu_seconds

REPORTED_ABUSE = [
    'Someone replied to me last night with "I know where you live and I\'ll be waiting" — mods, can you look at this?',
    'Got a DM saying "watch your back, we know your kids\' school". Reported it. This is not OK.',
    'A user messaged me "you\'ll regret posting this, I know your street". Screenshots sent to the admins.',
    'I received an anonymous email that just said "we are watching your house". Is this allowed here?',
]


def _rules_only(text: str):
    return rules_only_decision(text, policy_with(banned_words="kill yourself", suspect_words="i know where you live\nmoron"))


@pytest.mark.parametrize("text", REPORTED_ABUSE)
def test_abuse_received_and_reported_is_a_mention(text):
    assert without_reported_quotes(text) != text
    assert threat_reasons(text) == []
    assert personal_attack_reasons(text) == []
    assert _rules_only(text).reasons == []


@pytest.mark.parametrize("text", [
    '"I know where you live and I\'ll be waiting." See you soon.',
    'Watch your back, we know your kids\' school.',
    'You got my message: "I know where you live". Sleep well.',
    # Dressed as a report but handed to a reader (outside test 7).
    "Someone told me 'I know where you live, ada, and I'm coming for you'. Just passing it on, ada.",
    'A friend DMed me "watch your back, we know your kids\' school". @bao thought you should know.',
])
def test_the_same_threat_made_rather_than_reported_is_still_held(text):
    assert _rules_only(text).reasons != []


@pytest.mark.parametrize("text", [
    "I'm probably the dumbest person in this thread, but why can't they just share the safety tests?",
    "I must be the stupidest man alive for believing the timetable.",
    "Ha, I was the worst person at maths in my class, so take my sums with salt.",
    "I am just a sad old man who misses the trams.",
])
def test_an_insult_aimed_at_oneself_is_not_a_personal_attack(text):
    assert personal_attack_reasons(text) == []


@pytest.mark.parametrize("text", [
    "You are the dumbest person in this thread.",
    "I think you are the dumbest person in here.",
    "Honestly the author is the laziest writer on this paper.",
    "What a pathetic, bitter little man.",
    "I'm sure the author is the dumbest person alive.",
])
def test_an_insult_aimed_at_someone_else_is_still_held(text):
    assert personal_attack_reasons(text) != []


@pytest.mark.parametrize("text", [
    "Jews control the AI labs",
    "Jews control the AI labs and this article is just more of their propaganda.",  # outside test 7
    "Historically speaking, women have never been capable of strategic thinking, which is why this article is weak.",
    "Women are incapable of logical thinking.",
    "Zionists own both sides",
    "Muslims run half the councils in the north now, wake up.",
    "why do we let women vote anyway",
    "Letting women vote was the worst mistake this country ever made.",
])
def test_a_people_said_to_control_power_or_unfit_to_vote_is_an_identity_attack(text):
    assert identity_attack_reasons(text) != []


@pytest.mark.parametrize("text", [
    "The Chinese government controls the press and jails reporters.",
    "Big pharma companies control the narrative on drug pricing.",
    "Americans own more guns per person than anyone else.",
    "We should let immigrants vote in local elections, as New Zealand does.",
    "Why do we let 16-year-olds vote in Scotland but not in England?",
    "Women run the household budget in most of the families I interviewed.",
    "The CCP has jailed journalists and the party's record on Tibet is indefensible.",
    "For centuries women were not allowed to vote and were told they were incapable of reason; that was a lie.",
    "Most people are not capable of thinking clearly about exponential risk, me included.",
])
def test_fair_talk_of_peoples_governments_and_votes_is_not(text):
    assert identity_attack_reasons(text) == []


@pytest.mark.parametrize("text", [
    "the only good CCP member is a dead one, and their families too",
    "The only good landlord is a dead landlord.",
])
def test_death_wished_on_everyone_of_a_kind_is_held(text):
    assert threat_reasons(text) != []


def test_the_only_good_thing_is_not():
    assert threat_reasons("The only good thing about this budget is that it is short.") == []


@pytest.mark.parametrize("text", [
    'A US general is supposed to have said "the only good Indian is a dead Indian", and the army acted like it.',
    "The old wartime slogan that the only good German is a dead one still turns up in pub jokes here.",
])
def test_the_saying_quoted_or_named_as_history_is_not(text):
    assert threat_reasons(text) == []


def test_call_me_a_name_is_said_of_oneself():
    from forum.moderation.word_context import aimed_entries
    assert aimed_entries("Call me a moron but I still don't understand how the new parking zones work.", ["moron"]) == []
    assert aimed_entries("Go on, call me a moron again, you moron.", ["moron"]) == ["moron"]
    assert aimed_entries("Call him a moron, he is one.", ["moron"]) == ["moron"]


@pytest.mark.parametrize("text", REPORTED_ABUSE)
def test_the_model_reads_a_reported_quote_blanked(text):
    from forum.moderation.model_text import model_text
    blanked = model_text(text)
    assert len(blanked.split()) < len(text.split())
    assert not {"watch", "know", "regret", "watching"} & set(blanked.lower().split())


def test_the_model_reads_a_threat_made_in_quotation_marks_as_written():
    from forum.moderation.model_text import model_text
    text = '"I know where you live and I\'ll be waiting." See you soon.'
    assert model_text(text) == text


def test_the_model_reads_a_reply_without_the_name_it_answers():
    from forum.moderation.model_text import model_text
    assert model_text("@dave1971 Your point would be stronger with the right court.").split() == \
        "Your point would be stronger with the right court.".split()
    assert model_text("Thanks (@sam_k), and mail me at a@b.com") == "Thanks (), and mail me at a@b.com"
    assert model_text("@dave1971 you absolute idiot").split() == ["you", "absolute", "idiot"]


def test_decide_gives_the_classifier_what_model_text_reads():
    from forum.moderation.classifier import Verdict

    class Recording:
        def __init__(self):
            self.read = []

        def verdicts(self, text):
            self.read.append(text)
            return [Verdict("abusive", 0.99, ())] if "waiting" in text else []

    reader = User(username="someone", role=Role.READER, published_count=100, rejected_count=0,
                  review_all_comments=False)
    recording = Recording()
    decision = decide(REPORTED_ABUSE[0], reader, ModerationMode.POST.value, policy_with(suspect_words=""), NullScorer(),
                      classifier=recording)
    assert recording.read and "waiting" not in recording.read[0] and "@" not in recording.read[0]
    assert decision.reasons == []


def test_training_reads_what_the_classifier_reads_and_learns_civil_parts():
    training = pytest.importorskip("forum.moderation.training")
    from forum.moderation.evaluation import Item
    from forum.moderation.parts import parts
    story = ("Small shop, six staff, and the heat this week has been brutal in the stockroom. We put a fan in and a "
             "crate of water by the door. If a delivery driver shows up at your place today, offer them a drink. "
             "@kim_b thanks for the tip about the cooling vests, they arrived this morning and they work.")
    reported = 'Got a DM saying "watch your back, we know your street". Reported it to the mods.'
    items = [Item("x-1", "civil", "civil_personal_story", story), Item("x-2", "civil", "civil_filter_trap", reported),
             Item("x-3", "abusive", "insult_reader", "@kim_b you absolute clown")]
    texts, labels = training.training_examples(items, training.DESIGNS[training.CHOSEN])
    assert not any("@kim_b" in text or "watch your back" in text for text in texts)
    assert labels[:3] == ["civil", "civil", "abusive"] and set(labels[3:]) == {"civil"}
    assert parts(texts[0]) and set(parts(texts[0])) <= set(texts[3:])  # each part the classifier reads, as civil


@pytest.mark.parametrize("body", [
    "I'm the dumbest person in here. " * 320, "I'm probably the " * 600 + "dumbest person in", "@a " * 3400,
    "@" + "a" * 9999, "(@x" * 3400, 'mods "a" ' * 1200, "the only good cat is a dead one, said the general. " * 200,
    '"the only good cat is a dead one" ' * 300, "why do we let women vote " * 400, "Jews control the AI labs " * 400,
])
def test_the_new_readings_cost_linear_time(body):
    body = body[:10_000]
    from forum.moderation.model_text import model_text
    # A few ms each on the shared machine; quadratic would take seconds.
    assert cpu_seconds(lambda: (threat_reasons(body), personal_attack_reasons(body), identity_attack_reasons(body),
                                model_text(body))) < 0.1
