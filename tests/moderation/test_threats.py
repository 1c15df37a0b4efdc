"""Veiled and first-person threats are held; talk about threats, accidents and policy "killing" things is not."""
import pytest

from forum.moderation.threats import threat_reasons

VEILED = [
    "Lovely car you've got there, @sam. Would be a real shame if something happened to it overnight.",
    "Keep posting like this and you'd better watch your back when you leave the office.",
    "People like you usually end up learning the hard way, pal.",
    "Shame about all the fires round your way lately. These things happen, just saying.",
    "We know where you drink on Fridays. Have a think about that.",
    "I know a few lads who would love to have a word with the author after the match.",
    "A brick would go straight through your front window, councillor.",
    "Every councillor who voted for this should sleep with one eye open.",
    "Nice kids you've got, @Ben. Shame if they saw this thread.",
    "Lucky for you we can't find where you park. For now.",
    "Folk have been battered for less than that post, pal. People have been hurt for less.",
]
EXPLICIT = [
    "If he shows up at the school gates again I'll batter him, no question.",
    "Next council meeting I'm going to smash that smug mayor's face in.",
    "Any cyclist on my road gets a kicking, simple.",
    "Pray for a flood that finishes the job on that estate.",
    "Show your face at the ground again and we're sending you to intensive care.",
    "Say that at the meeting and I'm knocking your block off, Trev.",
    "I'll break his jaw if he comes near the allotments.",
    "The landlord deserves a bullet.",
    "Someone should string him up outside the town hall.",
    "Give me ten minutes alone with that referee.",
    "Any councillor who votes for it gets a brick through the window.",
    "The mayor deserves a good kicking and I'd happily do it myself.",
    "I'll be waiting outside your office on Friday, Colin.",
]
CIVIL = [
    "The threat of a veto hangs over the whole treaty, and the article understates it.",
    "This budget will kill the high street, mark my words.",
    "It would be a shame if the library lost its funding after all that volunteer work.",
    "Accidents happen at this junction every week, just saying, the council has to act.",
    "Watch your step on the new cobbles, they are lethal when wet.",
    "I know where the museum is, it's just behind the old post office.",
    "I'll kill for a cold beer in this heat.",
    "So sorry for your family's loss, the bridge collapse was avoidable.",
    "Your kids should be careful crossing that road until the lights are fixed.",
    "Someone is going to get hurt at that crossing before anything changes.",
    "We got slaughtered 4-0 and honestly we deserved it.",
    "Think about your kids before you vote for cutting the school budget.",
    "The hospital put my dad in intensive care for a week after the heatwave.",
    "Keep writing to your MP and see what happens, it worked for us.",
    "The council deserves a kicking at the ballot box in May.",
    "I'll shoot you an email with the minutes tonight.",
    "I'm smashing it at the new job, thanks for asking.",
    "Someone should kill the bill before it reaches the Lords.",
    "I'll gut the fish and fry them with lemon, as the column says.",
    "We'll beat them on the pitch on Saturday, no question.",
    "Enjoy your last term, Prime Minister, the polls are brutal.",
    "Voters will teach them a lesson at the election.",
    "I hope the new flats have good doors, the old ones let the draught in.",
    "Think twice before posting your address online, it's just common sense.",
    "He said 'watch your back' to the referee, which is exactly why he was banned for six games.",
]


@pytest.mark.parametrize("text", VEILED)
def test_veiled_threats_name_themselves(text):
    assert any(reason.startswith("veiled threat: ") for reason in threat_reasons(text)), text


@pytest.mark.parametrize("text", EXPLICIT)
def test_first_person_intent_to_hurt_is_a_threat(text):
    assert any(reason.startswith(("threat: ", "veiled threat: ")) for reason in threat_reasons(text)), text


@pytest.mark.parametrize("text", CIVIL[:-1])
def test_talk_about_threats_accidents_and_idioms_is_not_held(text):
    assert threat_reasons(text) == []


def test_a_threat_quoted_to_report_it_is_not_held():
    # The quotation is a mention: the rest of the comment reports it ("banned", "police", "threat").
    assert threat_reasons(CIVIL[-1]) == []


def test_a_threat_in_quotation_marks_with_nothing_reported_is_still_a_threat():
    assert threat_reasons('"Watch your back," @sam. Think on.')


# Issue 13: the families of veiled threats that dev's newest writers used, written afresh here.
VEILED_FAMILIES = [
    "Lovely conservatory you have, Margaret. Glass is so breakable.",  # what is theirs, and how easily it breaks
    "Hope your shop is well insured, Dev. Dry summer, sparks fly.",
    "Careful, Ruth, timber houses on your street go up very easily.",
    "Wouldn't want anything to go flat on his van on the bypass, would we.",
    "Plenty of us know where you get your coffee of a morning, @Sanjay.",  # knowing where someone is
    "We know which school your lot drop the kids at.",
    "We've got her home address now. Hope she enjoys the visit.",
    "Would hate for the fans to find out which hotel the referee is staying at.",
    "The lads in the north stand will remember your face, pal. Small town.",  # remembered, in a small place
    "Hide behind your byline all you like. Leeds is not that big.",
    "That columnist must be very careful in Bradford.",  # danger there, for the person
    "Not safe for you round here anymore, my friend.",
    "Next time he leaves the depot he might want to look over his shoulder.",
    "Councillors have home addresses too, you know.",
    "The planning chair should think very carefully about where she parks at night.",
    "Consequences don't always come at the ballot box, Councillor.",
    "There are penalties for traitors. And not the legal kind.",
    "If any of those protesters show up at the depot, they'll regret it.",  # a condition and a consequence
    "The ombudsman's morning jog runs past the quarry. Lonely spot, that.",  # a routine, and no one around
    "A quiet word with the author, somewhere nobody's watching, would do.",
    "Lot of angry people on this estate, and they all read the paper. Sleep well.",
    "If I were the planning officer I'd keep my head down for a while.",
]
EXPLICIT_FAMILIES = [
    "I'm going to kill the club chairman when he comes out of the AGM.",  # the target named by role
    "I'll torch the new depot before it opens.",
    "I'll put a brick through the councillor's windscreen myself.",
    "Going to the town hall with a crowbar, and for anyone who gets in my way.",  # a weapon, and for whom
    "Bringing my shotgun to the parish meeting. Let them try voting for it.",
    "If I ever see that landlord in town I'll batter him.",
    "Gonna wait for that ref in the car park after the match.",
    "I'll track that exec down and stab him myself.",
]
# Violent words used about policy, sport, work and history, and threats reported by the people who got them.
CIVIL_IDIOMS = [
    "Someone should kill the bill before the Lords sees it.",
    "We got slaughtered at home and the manager has to go.",
    "Shoot me an email with the figures and I'll have a look.",
    "This plan will murder small shops on the high street.",
    "I'll kill the lights when I leave the hall.",
    "I'm going to run down the list of objections one by one.",
    "I'll torch the old kitchen cupboards on the bonfire.",
    "I'm bringing my bat to the cricket club meeting next week.",
    "Going to the garden centre with my axe to get it sharpened, anyone know a good place?",
    "If I see the author in town I'll buy her a pint.",
    "If I were you I'd stay indoors during the heatwave and drink water.",
    "Her car went up in flames on the bypass; the fire brigade said it was a fault.",
    "Mind your tyres on that road, it's full of potholes and they go flat easily.",
    "We know where the money went: consultants.",
    "Plenty of us know where the council offices are, we go every month.",
    "Journalists must be careful when quoting anonymous sources.",
    "The author is about to learn what every new columnist learns: readers write in.",
    "Remember what happened to the last government that tried this? Voted out.",
    "Consequences come at the ballot box, councillor.",
    "Voters have long memories, minister.",
    "My gran's morning walk along the canal is lonely since grandad died.",
    "The judge will find out soon enough what that means for the appeal.",
    "The councillor got a letter saying 'people like you end up in the river', and she has gone to the police.",
    "In 1381 the rebels burned the Savoy Palace, and the museum tells it well.",
]


@pytest.mark.parametrize("text", VEILED_FAMILIES)
def test_each_family_of_veiled_threat_is_held(text):
    assert any(reason.startswith("veiled threat: ") for reason in threat_reasons(text)), text


@pytest.mark.parametrize("text", EXPLICIT_FAMILIES)
def test_each_family_of_explicit_threat_is_held(text):
    assert any(reason.startswith(("threat: ", "veiled threat: ")) for reason in threat_reasons(text)), text


@pytest.mark.parametrize("text", CIVIL_IDIOMS)
def test_violent_idioms_history_and_reported_threats_are_not(text):
    assert threat_reasons(text) == []


def test_the_reason_quotes_the_words_that_matched():
    assert threat_reasons("Better watch your back, mate.") == ["veiled threat: 'watch your back'"]


VEILED_MORE = [  # a dare, a deadline, an accident foretold, a warning about whom you are dealing with
    "Keep it up, @Jo, and see what happens.",
    "Your time is coming, councillor.",
    "Reporters have accidents too, you know.",
    "The chairman has to walk home some time.",
    "You don't know who you're messing with, pal.",
    "When it all goes dark, the ones who voted for this will be the first we visit.",
    "If I were the judge I'd check my brakes every morning.",
    "Opinions like that get people hurt round here.",
    "Councillors go home too, you know.",
    "He'd better hope I'm in a good mood when I see him.",
    "The treasurer has two kids at St Anne's, doesn't he. Just saying.",
]


@pytest.mark.parametrize("text", VEILED_MORE)
def test_dares_deadlines_and_foretold_accidents_are_veiled_threats(text):
    assert any(reason.startswith("veiled threat: ") for reason in threat_reasons(text)), text


WISHED = [  # harm wished on a named reader or on "you" (outsider review: these were published at once)
    "chidi would look better six feet under.",
    "Hope someone runs bao over in the car park tomorrow.",
    "I hope bao's house burns down with him inside.",
    "Somebody ought to teach bao a lesson he won't walk away from.",
    "Honestly I hope you choke on your own smugness and die.",
    "wishing he gets hit by a bus on the way home",
]
WISHED_CIVIL = [
    "I hope the bill dies in committee where it belongs.",
    "I hope they get hit with sanctions until they comply.",
    "I hope you get well soon, the heatwave has been brutal.",
    "My gran died last year and I hope she rests well.",
    "I hope someone runs the numbers again before the vote.",
    "I hope that he gets what he deserves in court.",
    "Hope the heatwave breaks soon, people are dying in those flats.",
]


@pytest.mark.parametrize("text", WISHED)
def test_harm_wished_on_a_person_is_held(text):
    assert any(reason.startswith("wished harm: ") for reason in threat_reasons(text)), text


@pytest.mark.parametrize("text", WISHED_CIVIL)
def test_hopes_about_bills_sanctions_health_and_courts_are_not(text):
    assert threat_reasons(text) == []
