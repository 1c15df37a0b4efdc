"""Issue 13: threats in shapes the older writers did not use are held; stories, sport, farms and policy are not.

Each case is written here in words of its own, one per shape, so that a rule matching only one sentence fails
the others.
"""
import pytest

from forum.moderation.threats import threat_reasons
from forum.moderation.violence_at_things import said_of_things
from forum.moderation.word_context import toxicity_reading

EXPLICIT = [
    "If they pass the cuts I'm going in on Friday and shooting up the whole office.",
    "I'm ploughing my van straight into those protesters if they sit in the road again.",
    "Any picket who stands in front of my lorry is ending up under my wheels.",
    "Cancel the bus route and I will go to the depot and stab somebody.",
    "Close the ward and I'll see the chief executive of the trust in the ground.",
    "Next planning meeting I'm taking a hammer and using it on the chair.",
    "Gonna burn down the landlord's house, then him.",
    "The councillor deserves a proper beating. I'll do the honours.",
    "Every one of those fund managers ought to be taken outside and shot.",
    "String up the magistrate from the lamp post.",
    "I keep a length of rope in the shed with the editor's name on it.",
    "Whoever knocks on my door next is leaving on a stretcher.",
    "I'm going to make that reporter vanish, nobody will find a thing.",
    "Print my name again and I'll end you.",
    "I would happily pull the trigger on each of those executives.",
    "Sharpening my knives tonight for the councillors who voted for it.",
    "Write about my family again and you'll be drinking through a straw.",
    "The columnist won't be typing much with a broken jaw.",
    "Next time you're at the allotment you're getting a kicking.",
    "I'll be paying you a visit with a couple of my mates.",
]
VEILED = [
    "@tom_r you had better be careful.",
    "Not everybody on this thread is as patient as I am.",
    "The lads know where the surgery is, and so do I.",
    "Locals remember who signed off the quarry. Lanes round here are narrow and very dark.",
    "Nobody's threatening you, love. Just keeping a list.",
    "Remember what happened to the last inspector who came asking questions? Exactly.",
    "I've now got your number plate, pal.",
    "The magistrate who jailed my brother lives on our estate. I'm sure she'll get a very warm welcome.",
    "Folk have ended up in the canal for less.",
    "You're lucky I can't find where you live.",
    "Say that to my face and see what happens.",
    "Nobody would miss a columnist or two.",
]
CIVIL = [
    # Witnessed, feared, suffered: the writer's own story.
    "I watched a lad get stabbed outside the chippy in 2004 and I still cross the road there.",
    "I was terrified I'd get shot when the soldiers stopped our bus.",
    "She's getting shot at from both sides of this debate.",
    "I got her number plate and handed it to the police; the insurer paid in the end.",
    # Sport, games, plans, farms.
    "We'll batter them in the derby, their back four is a shambles.",
    "Tonight we drive straight through to Glasgow for the final.",
    "I'm bringing my rifle to the range for the club competition.",
    "The selectors need to be shot (figuratively, calm down mods).",
    # Everyday phrases near the new shapes.
    "Somebody's going to get hurt at that junction, and it won't be me, I walk the long way.",
    "You'll break your neck on those cobbles when it rains.",
    "Remember what happened to the last government that tried this? Wiped out.",
    "The board pulled the trigger on the chief executive after the third profit warning.",
    "My dentist warned me I'd be eating through a straw for a week.",
    "You can't play the fiddle with broken fingers, I learnt that at fourteen.",
    "Let's just say the commuters won't enjoy the drive home once the bridge shuts.",
    "My cousin lives in the village and she'll be made to feel very welcome at the choir.",
    "Not everyone is as patient as me with the bus timetable, so fix it.",
    "A man at the bus stop told me he was going to drive his car through the protest. I rang the police.",
    "Shoot him a message, he'll know the times.",
]


@pytest.mark.parametrize("text", EXPLICIT)
def test_plans_to_hurt_a_person_are_threats(text):
    assert any(reason.startswith("threat:") for reason in threat_reasons(text)), text


@pytest.mark.parametrize("text", VEILED)
def test_hints_at_a_person_are_veiled_threats(text):
    assert threat_reasons(text), text


@pytest.mark.parametrize("text", CIVIL)
def test_stories_sport_and_idioms_are_not_threats(text):
    assert threat_reasons(text) == [], text


@pytest.mark.parametrize("sentence, blanked", [
    ("We killed the pig in November", {"killed", "pig"}),
    ("I kill about four hundred pigs a shift", {"kill", "pigs"}),
    ("Kill the bill.", {"Kill"}),
    ("it will murder small bakeries with paperwork", {"murder"}),
])
def test_a_violent_verb_said_of_an_animal_or_a_thing_is_not_read(sentence, blanked):
    words = sentence.split()
    assert {words[index] for index in said_of_things(words)} == blanked


@pytest.mark.parametrize("sentence", [
    "I will kill your dog",        # someone's animal: a threat to its owner
    "Kill the pigs.",              # an order, and "pigs" is also said of the police
    "kill the pig farmer",         # a person
    "I will kill the author",
])
def test_a_violent_verb_said_of_someone_is_still_read(sentence):
    assert said_of_things(sentence.split(), frozenset({"author"})) == set()


def test_the_toxicity_reading_leaves_out_the_farm_work_but_not_the_threat():
    reading, _aimed = toxicity_reading("We killed the pig in November. I will kill you.", [])
    assert reading == "We the in November. I will kill you."


WISHED = [
    "I really hope whoever signed off this contract gets a tumour and dies slowly.",
    "Here's hoping the floods wipe out the entire planning committee.",
    "Those marchers should have been left to drown. Pity they weren't.",
    "Praying the next storm flattens the whole council. Good riddance.",
]
WISHED_CIVIL = [
    "I hope whoever stole my bike gets caught.",
    "I hope the storm doesn't take out the whole council estate.",
    "I hope the ruling kills the whole council scheme.",
    "The pilot should have died, by all accounts, but he walked away from the wreck.",
]


@pytest.mark.parametrize("text", WISHED)
def test_death_wished_on_whoever_did_it_or_on_a_whole_body_is_held(text):
    assert any(reason.startswith("wished harm:") for reason in threat_reasons(text)), text


@pytest.mark.parametrize("text", WISHED_CIVIL)
def test_hopes_about_thieves_storms_schemes_and_survivors_are_not(text):
    assert threat_reasons(text) == [], text


@pytest.mark.parametrize("text", [
    "At twelve I told my sister I'd strangle her if she touched my records. She's my best friend now.",
    "After the break-in I said I'd batter anyone who came through that window, which was fear talking.",
    "I once yelled that I would smash the printer. IT were not amused.",
])
def test_what_the_writer_once_said_they_would_do_is_a_memory(text):
    assert threat_reasons(text) == [], text


@pytest.mark.parametrize("text", [
    "I told you I'd find you, and I will batter you.",
    "I've told him I'll stab him if he comes back.",
    "I said it once and I'll say it again: I'll kill the next one who tries.",
])
def test_a_threat_still_standing_or_told_to_you_is_held(text):
    assert any(reason.startswith("threat:") for reason in threat_reasons(text)), text


MORE_THREATS = [
    "If they sack us I'm bringing my shotgun to the director's office.",
    "Cut my hours again and I'll put you through that shop window.",
    "We're going to torch the depot with the managers still inside.",
    "Next bailiff at my door is walking out without his teeth.",
    "Somebody should put that councillor in intensive care.",
    "Would love to see the minister swinging from a lamp post.",
    "I'd cut the linesman's throat for that flag.",
    "I know your school run by heart, love. See you soon.",
    "We're coming for your kids next, editor.",
    "Those pickets better hope we never meet in a quiet lane.",
    "Every judge who signed that order should keep an eye on their children.",
    "That landlord's going to have a nasty accident one of these nights.",
]
MORE_CIVIL = [
    "Every councillor should look after their family's health, the hours are brutal.",
    "I'd love to see the bunting hanging from the bridge again this summer.",
    "I'm taking my bat to the school for the match on Friday.",
    "I'll be at the school gate, and the kids won't be walking home alone any more.",
    "I know his shift pattern because he's my husband.",
    "The referee is going to have a nasty accident if he keeps running backwards like that.",
    "The crash put the driver in hospital for a month.",
]


@pytest.mark.parametrize("text", MORE_THREATS)
def test_weapons_at_doors_fires_with_people_inside_and_routines_known_are_held(text):
    assert threat_reasons(text), text


@pytest.mark.parametrize("text", MORE_CIVIL)
def test_bunting_cricket_school_gates_and_husbands_are_not(text):
    assert threat_reasons(text) == [], text
