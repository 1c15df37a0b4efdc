"""Death wished on a person, veiled threats by consequence or isolation, pile-ons, sweeping claims about a group and
insults at the author without a swear word are held; their civil look-alikes are not."""
import pytest

from forum.moderation.harassment import harassment_reasons
from forum.moderation.insults import insult_reasons
from forum.moderation.threats import threat_reasons

WISHED_DEATH = [
    "I hope the columnist gets cancer and dies slow.",
    "That landlord deserves to choke to death on his own rent book.",
    "If there's any justice the mayor drops dead before the vote.",
    "I hope his family gets him back in a box.",
    "Wouldn't piss on you if you were on fire, @kev.",
    "I'd dance at your funeral, Gary.",
]
VEILED = [
    "Keep writing these articles and one day you won't be writing anything at all.",
    "Accidents happen out on the moor. Nobody ever finds anything.",
    "There are always consequences. Ask around.",
    "Lovely farm. The nearest neighbour is three miles off and the sheriff's forty minutes away.",
    "Tick tock, Maureen. We're coming.",
    "Enjoy your last week of freedom, councillor.",
    "Let's see what happens when the editor meets me in a dark alley.",
    "@roz you might want to find a new route home, just saying.",
]
PILE_ON = [
    "Let's all flood Marta's inbox until she deletes her account.",
    "Everyone report @dunc and message his employer at the depot.",
    "send nudes @lily_p",
    "@omar is a paedophile, everyone here knows it.",
    "I'll read every comment you post, block me all you like.",
]
IDENTITY = [
    "Albanians all stick together, that's how they run the car washes.",
    "Refugees get everything for free while pensioners freeze.",
    "Travellers will have the copper stripped off that church by Sunday.",
    "Somalis fill half the court lists. Not hate, just math.",
    "Why do Jews control every bank? Asking for a friend.",
    "Funny how the Roma always turn up near the allotments. Just saying.",
    "Gay 'teachers' always want to work with kids.",
]
INSULT = [
    "The author should find another career.",
    "This writer has a gift for stupidity.",
    "Y'all pay this fool to write?",
    "It reads like a teenager's book report.",
    "I'd explain it to the writer but I didn't bring crayons.",
    "Nobody sober writes a column like this.",
]
CIVIL = [
    "I hope the bill dies in committee.",
    "This plan deserves to die, and quickly.",
    "I hope cancer research gets the funding it needs.",
    "I hope he doesn't die waiting for that ambulance.",
    "Cut the school budget and there will be consequences for every classroom.",
    "Accidents happen on that junction every winter; the council needs a roundabout.",
    "The nearest garage is forty miles away, so check your tyres before the mountain road.",
    "Everyone should write to their MP about the closure.",
    "Please report potholes to the council on their website.",
    "Don't pile on him, he apologised.",
    "Refugees don't get free houses; that claim has been checked a dozen times.",
    "Jewish groups condemned the attack on the mosque.",
    "Disabled students need more funding, not less.",
    "Black residents are stopped twice as often, according to the force's own figures.",
    "The Chinese government always says one thing and does another.",
    "This analysis is naive, and the author ignores the data.",
    "The author should find another example; the 2019 figures were revised.",
    "Immigrants run half the small shops on our high street, and thank goodness they do.",
]


def _all_reasons(text):
    return threat_reasons(text) + harassment_reasons(text) + insult_reasons(text)


@pytest.mark.parametrize("text", WISHED_DEATH)
def test_death_or_disease_wished_on_a_person_is_held(text):
    assert any(r.startswith(("wished harm:", "threat:")) for r in threat_reasons(text)), text


@pytest.mark.parametrize("text", VEILED)
def test_consequences_isolation_and_accidents_aimed_at_a_person_are_veiled_threats(text):
    assert any(r.startswith("veiled threat:") for r in threat_reasons(text)), text


@pytest.mark.parametrize("text", PILE_ON)
def test_pile_ons_employers_sexual_remarks_and_accusations_are_harassment(text):
    assert any(r.startswith("harassment:") for r in harassment_reasons(text)), text


@pytest.mark.parametrize("text", IDENTITY)
def test_sweeping_claims_about_a_group_are_identity_attacks(text):
    assert any(r.startswith("identity attack:") for r in insult_reasons(text)), text


@pytest.mark.parametrize("text", INSULT)
def test_insults_at_the_author_without_swear_words(text):
    assert any(r.startswith("insult:") for r in insult_reasons(text)), text


@pytest.mark.parametrize("text", CIVIL)
def test_civil_counterparts_stay_published(text):
    assert _all_reasons(text) == [], text
