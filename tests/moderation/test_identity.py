"""Generalisations about a whole people are held; fair talk about peoples, governments and crime figures is not."""

import pytest

from forum.models import CommentStatus, ModerationMode, Role, User
from forum.moderation.identity import identity_attack_reasons
from forum.moderation.notices import HATE, rules_at_stake
from forum.moderation.pipeline import decide
from forum.moderation.scorer import NullScorer
from tests.factories import policy_with
from tests.conftest import cpu_seconds

# Written for these tests from the structure (group + generaliser + bad thing), not copied from any labelled set.
HELD = [
    # A people said, as a whole, to be or do something bad.
    "Roma don't value the law, they never have.",
    "Pakistanis all stick together and cover for each other.",
    "Women are too emotional to run anything important.",
    "Every Chinese student here is a thief, every single one.",
    "Indians can't code, they just copy and paste.",
    "Kikuyus only look after their own, it's bred into them.",
    "Gays want your kids, that's what they're after.",
    "Dalits are dirty by nature, it's in their blood.",
    "That culture breeds violence, everyone knows it.",
    "Jamaicans are lazy, always have been.",
    "Disabled kids cost the council a fortune and will never contribute anything.",
    # Dressed as statistics or a question.
    "Somalis commit 5 times more crime than anyone else. Do the math.",
    "Just asking, why is it always Muslims blowing things up?",
    "Statistically speaking, certain communities just have lower IQs. Not my fault, it's the data.",
    "Ever notice who's committing the knife crime? Same lot off the boats every time.",
    # Disclaimed.
    "I'm not racist but Nigerians are all scammers.",
    # "they" with a people named just before, and a generaliser by nature.
    "The Irish moved in next door. They're drunks, the lot of them.",
    "It's a national pastime for them, scamming pensioners.",
    # Dog-whistles and signs.
    "Globalists with the usual surnames own the media.",
    "It's not immigration, it's replacement.",
    "Their holy book tells them lying to us is fine. Look up taqiyya.",
    "13 percent, 50 percent. Look it up.",
    "What do you call a Mexican with a job?",
    "Afghans commit ten times more sexual assaults than locals. Do the math.",
    "Brahmins have always looted the lower castes and always will.",
    "Igbos will cheat you the moment you turn your back, it's in their blood.",
    "Women can't handle pressure, biology is biology.",
    "Deaf people are useless in any job that matters.",
    "Wherever Muslims go, the crime follows.",
    "We are being replaced in our own country.",
    "Look up the small tribe behind every central bank.",
    "Haitians moved onto our street. Bikes gone, sheds broken into. Everyone who has lived near them knows.",
]
DEHUMANISING = [
    "Refugees are rats, every one of them.",
    "They breed like that because they're animals, the whole lot of them. Somalis, I mean.",
]
# Civil comments about the same peoples: fair discussion, figures cited neutrally, denial, reported speech,
# governments and parties, one's own people, history quoted.
PUBLISHED = [
    "Migrants are twice as likely to be victims of crime as to commit it, the ONS says.",
    "The statistics show immigrants commit crime at lower rates than the native-born.",
    "Every study I've read says refugees pay more in tax than they take out over a lifetime.",
    "The CCP lies about its data, always has. Chinese people deserve better than that regime.",
    "China's government can't be trusted on AI safety, and every deal needs inspections.",
    "The Chinese government always lies about its figures.",
    "The Israeli government's conduct is indefensible, but Jews in Leeds are not responsible for it.",
    "Just asking: why do asylum seekers wait three years for a decision? The Home Office is broken.",
    "Someone in this thread called Muslims 'invaders'. That's vile and I've reported it.",
    "My grandfather was told that Irish people were all drunks and thieves when he arrived in 1955.",
    "In the 1930s newspapers claimed Jews controlled the banks; that lie ended in genocide.",
    "Nazi propaganda said Jews control the banks, and people believed it.",
    "As a Nigerian, I'm tired of every story about us being about scams.",
    "Women are underrepresented in engineering, and the reasons are mostly about hiring.",
    "Roma families in the town have faced eviction every winter for a decade.",
    "Knife crime is up in every city, and the cuts to youth services are the reason.",
    "Caste discrimination is real and Dalits still face it in every Indian city.",
    "Immigrants don't take jobs, they create them, every serious study agrees.",
    "Most migrants who come here work, pay tax and never claim a penny.",
    "Refugees always get blamed when the council runs out of money.",
    "Gay couples have been able to marry here for a decade and the sky hasn't fallen.",
    "Trans people are among the most likely to be attacked, every survey shows.",
    "Not all Catholics agree with the bishops, and many never go to Mass.",
    "I don't think disabled people should lose benefits because the council can't budget.",
    "Every Sikh I know volunteered at the food bank during the floods.",
    "The government keeps saying migrants are a burden, but it cut the very services they paid for.",
    "Calling Tutsis 'cockroaches' on the radio came before the genocide; words like that matter.",
    "Immigrants aren't the reason the houses weren't built, every council knows that.",
    "The Nigerian federal government always promises power and delivers blackouts.",
    "Crime rose in every town where migrants settled, yet the data shows migrants commit less crime.",
    "I'm a Hindu and I'm tired of being told we all worship cows and hate Muslims.",
    "Yes, because immigrants famously cause the potholes.",
    "The 1990s replacement of the bridge was a disaster for the whole town.",
    "The CCP steals technology and every Western lab should guard its data, but Chinese students are not the CCP.",
    "Muslims, Hindus and Sikhs all marched together against the violence last night.",
    "The British Empire stole from every country it ruled; that's just history.",
    "The Irish were called dirty and lazy in the 1800s; today it's someone else.",
    "Every time a Muslim commits a crime the papers print his religion; they never do it for Christians.",
    "Migrants do the dirty jobs nobody else wants, every farmer will tell you that.",
    "Brahmins have always dominated the temple boards, and the reservation debate is about that history.",
    "Statistically, Black women are four times more likely to die in childbirth, a national disgrace.",
    "Funny how every budget cut lands on disabled kids first.",
    "Do the math: net migration of 700,000 needs 250,000 homes a year and we build 200,000.",
    # Words a dog-whistle uses, said plainly or condemned.
    "The old boiler has been replaced.",
    "Grades follow a bell curve.",
    "The great replacement is a racist conspiracy theory that inspired the Christchurch shooter.",
    "The kids wore little hats at the parade.",
    "Who owns the media matters for democracy.",
    "Taqiyya is a doctrine in Shia Islam about concealment under persecution.",
]


@pytest.mark.parametrize("text", HELD)
def test_a_generalisation_about_a_people_is_an_identity_attack(text):
    reasons = identity_attack_reasons(text)
    assert len(reasons) == 1 and reasons[0].startswith("identity attack: '"), reasons


@pytest.mark.parametrize("text", DEHUMANISING)
def test_a_people_called_animals_is_dehumanising(text):
    reasons = identity_attack_reasons(text)
    assert len(reasons) == 1 and reasons[0].startswith("dehumanising: '"), reasons


@pytest.mark.parametrize("text", PUBLISHED)
def test_fair_talk_about_peoples_and_governments_is_left_alone(text):
    assert identity_attack_reasons(text) == []


def test_the_reason_quotes_the_words_that_made_it():
    assert identity_attack_reasons("Roma don't value the law, they never have.") == [
        "identity attack: 'Roma don't value the law'"]


def test_the_reason_quotes_a_typographic_apostrophe_as_written():
    assert identity_attack_reasons("Roma don\u2019t value the law, they never have.") == [
        "identity attack: 'Roma don\u2019t value the law'"]


def test_the_pipeline_holds_an_identity_attack_and_tells_the_author_which_rule():
    reader = User(username="someone", role=Role.READER, published_count=50, rejected_count=0)
    policy = policy_with(banned_words="kill yourself", suspect_words="moron", moderation_mode=ModerationMode.POST)
    held = decide("Roma don't value the law, they never have.", reader, None, policy, NullScorer())
    assert held.status is CommentStatus.PENDING
    assert "identity attack: 'Roma don't value the law'" in held.reasons and rules_at_stake(held.reasons) == [HATE]
    published = decide("Roma families in the town have faced eviction every winter for a decade.", reader, None, policy,
                       NullScorer())
    assert published.status is CommentStatus.PUBLISHED


@pytest.mark.parametrize("text", [
    "Muslims are all " * 700, "they " * 2_000, "Immigrants. " * 900, "Immigrants are all criminals, not. " * 300,
    "not criminals " * 800, "'a' \"b\" " * 1_400, "some Roma are lazy. " * 600, "." * 10_000, ". " * 5_000,
    "a" * 10_000, "don't " * 1_700, "\n" * 10_000, "Roma every not lazy some Chinese government they them. " * 130,
    "\u2019" * 10_000, ".\u201d" * 5_000,
])
def test_a_long_hostile_comment_is_read_in_linear_time(text):
    """10,000 characters written to be slow take milliseconds, not the seconds a quadratic scan would."""
    text = text[:10_000]
    identity_attack_reasons("warm-up")
    assert cpu_seconds(lambda: identity_attack_reasons(text)) < 0.25
