"""Contempt for the author or a reader and veiled threats are held; blunt criticism of the argument, self-mockery,
quotation, reported abuse, idioms and ordinary warnings are not (forum.moderation.personal_attacks)."""

import pytest

from forum.moderation.personal_attacks import personal_attack_reasons, veiled_threat, verdict_fragment
from forum.moderation.phrases import without_reported_quotes
from tests.conftest import cpu_seconds

AT_THE_AUTHOR = [
    # The writer's mind, measured against a vegetable, a pet or a child.
    "Whoever wrote this has the statistical literacy of a potato.",
    "The columnist's grasp of geography is about on par with a goldfish.",
    "My neighbour's spaniel could have written a better piece on the port strike.",
    "Was this typed up by a work-experience kid on their lunch break?",
    "Reads like a Year 8 project on the water cycle. Dire.",
    # Competence and career: the advice is to stop.
    "Honestly, please retire. Nobody needs another column on 'kids these days'.",
    "The writer needs to find another line of work, this is beyond him.",
    "Stick to the restaurant reviews, love, the budget is not your area.",
    "Who keeps commissioning this person? Every week, the same nonsense.",
    "How is she still employed? Three corrections in a month.",
    # Motives.
    "Bought and paid for by the developers, as usual. Not even subtle.",
    "The writer is clearly on the club's payroll.",
    # Character and age, said of the person.
    "You are a pompous, sneering little man and the piece shows it.",
    "The author is an intellectual lightweight with a press pass.",
    "Smug, posh, clueless. Exactly what we expect from this desk, Mr Hartley.",
    "Old man yells at cloud. Time to retire, grandpa.",
    # A verdict of a few words on a person.
    "Read the first paragraph and gave up. Grifter.",
    "Absolute muppet of a reporter, @Dan_Lowe.",
    "Who signs this guy's paychecks? Genuinely asking.",
    "This is what happens when you hire a J-school grad with zero life experience.",
    "This reporter couldn't find Ohio on a map.",
    "Maybe stick to the weather, Brad.",
    # Written after reading writer dk's items (dev): the same structures in other words.
    "Did they outsource this column to an intern?",
    "The columnist wouldn't know a balance sheet from a bus timetable.",
    "The columnist writes about farming like a teenager who once saw a tractor.",
]
AT_A_READER = [
    "@Kev_77 you're about as sharp as a bowling ball, mate.",
    "@Rita your reading comprehension is on par with a houseplant.",
    "@jon_b log off and let the adults talk.",
    "@Priya_N are you really this slow or is it a bit?",
    "@DerekM every comment you post is dumber than the last.",
    "@Sue_Anne you sound like you flunked primary school maths.",
    "@Tam_O bless your cotton socks, you must be very confused.",
    "@bigmike you smug, gormless careerist.",
    "@Lou_P you've never had an original thought in your life.",
    "@Hamza_R you're the kind of person who reads the headline and shouts.",
    "@TexasTom you have the reading level of a third grader.",
    "Your IQ must be room temperature, pal.",
    "@Ray take your meds and try again.",
    "@Lin logic has never been your strong suit, has it?",
]
VEILED_THREATS = [
    # Something of theirs, and a consequence left hanging.
    "Nice garden in your profile picture, @Jo_M. Would be a pity if someone took a dislike to it.",
    "Your boy goes to St Cuthbert's, doesn't he, councillor? Lovely school. Be careful out there.",
    "Keep posting, @Arun. Your shop has a big glass front and glass breaks, just saying.",
    "We know which gym you use after work, Mr Doyle. Sleep well.",
    # Watched and remembered, in a small place.
    "Small town, this. People remember who wrote what, @Gemma. I'd keep my head down if I were you.",
    "Some of us have taken down the names of every councillor who voted yes. Elections aren't the only way to hold "
    "people to account.",
    # A routine and the dark.
    "You walk your dog along the river path every night at ten, @Sam_P. Long walk, that. Dark too.",
    "You post a lot for someone whose address is that easy to find. Careful, mate.",
    # A reckoning.
    "Your time will come, Councillor. Count on it.",
    "You'll get yours, Andrea. Karma's got your address.",
    "Reporters who write stuff like this tend to learn the hard way, and then who knows what happens.",
    "Keep talking, buddy. We know what you drive.",
    "We'll see how tough you are when you're not behind a screen.",
    "Careful, lady. People around here don't take kindly to outsiders running their mouth.",
    "Nice truck. Be a real shame if somebody keyed it.",
    "Word of advice: don't show your face at the county fair this year.",
    "Pretty sure everybody in town knows where you park your Tesla now.",
    "Somebody ought to pay this clown a visit.",
    "Heard the councillor jogs along the canal every morning. Anything could happen on that path.",
    "Lovely cabin you've got by the lake, Judge. Would be terrible if something found its way in some night.",
    "Some of us haven't forgotten how you voted, Trustee. Things have a way of evening out.",
]
# Blunt about the argument, not the person; about the writer's own mind; quoting or reporting abuse; idioms.
CIVIL = [
    "This article is lazy and the author should have checked the figures.",
    "You're wrong about the bridge, and here's why: the load tests were done in 2019.",
    "The writer has clearly never run a business, but the point about rates stands.",
    "Lazy. Sloppy. Wrong. This policy will hurt the poorest families.",
    "Embarrassing piece, honestly. The figures are from 2016.",
    "Absolute shambles. The council should be ashamed.",
    "Stick to the facts, please, not the council's spin.",
    "Time to retire the old buses, they're falling apart.",
    "Who hired this contractor? The bridge was supposed to open in June.",
    "Go back to the original study, it doesn't say what the article claims.",
    "The author is smart, but this argument is weak.",
    "You're not stupid, you're misinformed, and that's the paper's fault.",
    "I'm too thick to follow the maths in paragraph three, can someone explain?",
    "I'm a hack by trade, thirty years on local papers, and this is good reporting.",
    "As a dinosaur myself, I still read the paper edition every morning.",
    "My five-year-old asked why the bus stopped coming and I had no answer.",
    "The attention span of a goldfish is apparently a myth.",
    "The report was written by a child psychologist, which makes the findings more credible.",
    "He called me a 'talentless hack' in the comments last week and I reported it to the moderators.",
    "Get a life jacket if you're kayaking on the river this week, the current is strong.",
    "Asking people to learn English is hardly oppression, my grandparents did exactly that.",
    "You're a teacher, so you'll know how bad the budget cuts are.",
    "I was laid off in March and it took me a year to find another job.",
    # Everyday uses of the words the insults are made of.
    "Log out and log back in, that fixed it for me.",
    "The pound is worth less than the dollar now.",
    "They pack it in plastic and ship it from Leeds.",
    "She started a new career in nursing at 50.",
    "Get an adult to help you with the ladder, kids.",
    "Did you miss the class on Tuesday? The notes are online.",
    "He never finished school but built a business from nothing.",
    "My grandad wouldn't know a smartphone from a toaster, bless him.",
    "The article reads at a sixth-grade level, which is what editors aim for.",
    "Remember to take your meds in this heat, folks.",
    "He keeps the receipts in his back pocket.",
    "The contractor has been paid by the council twice for the same work.",
    "The writer is a 17-year-old student who won the prize, which is impressive.",
    "You were a child in 1990, so you won't remember the last strike.",
    "My son could do better in maths if the school had a teacher.",
]
CIVIL_WARNINGS = [
    "Be careful on the towpath after dark, you never know, the lights have been out for weeks.",
    "If I were you I'd stay indoors tonight, the storm is due at 9.",
    "It's a small town and people remember how the council voted. We'll see in May.",
    "The councillor lives on my street and I've always found her lovely, even if I disagree with this vote.",
    "Accidents happen on that bridge every winter. The council needs to grit it, full stop.",
    "We know exactly which councillors voted for the closure, it's in the minutes. Vote them out.",
    "My kids take the 7:45 bus from Greenfield Road and it's always late. Shame the council cut the later one.",
    "Lovely family photo, Pastor Jim! Hope the kids enjoyed the parade.",
    "Would be a real shame if the library closed after all the work the volunteers put in, you know.",
    "Keep writing pieces like this, they're the only reason I subscribe.",
    "Enjoy your retirement, Mr Patel, the shop won't be the same without you.",
    "I'd think twice before parking in the multi-storey at night, the lighting is awful.",
    "The judge lives in this town too and will have to live with the consequences, like the rest of us.",
    "People who write about the bridge should remember that some of us cross it every day.",
    "Hope your house insurance covers flood damage, mine didn't, and the river is rising again.",
    "My daughter lives in Leeds and my son works nights, so I walk home from the surgery alone.",
    "My son's school is on the closure list and I don't know how to tell him.",
    "Saw her at the farmers' market on Saturday, she's lovely in person. Great interview.",
]


@pytest.mark.parametrize("text", AT_THE_AUTHOR + AT_A_READER)
def test_contempt_for_the_author_or_a_reader_is_an_insult(text):
    assert any(reason.startswith("insult: ") for reason in personal_attack_reasons(text)), text


@pytest.mark.parametrize("text", VEILED_THREATS)
def test_a_life_and_a_consequence_left_unsaid_is_a_veiled_threat(text):
    assert any(reason.startswith("veiled threat: ") for reason in personal_attack_reasons(text)), text


@pytest.mark.parametrize("text", CIVIL + CIVIL_WARNINGS)
def test_blunt_criticism_self_mockery_quotes_and_warnings_are_not_held(text):
    assert personal_attack_reasons(text) == []


def test_a_quoted_threat_reported_as_abuse_is_a_mention():
    text = ("The councillor read out what she was sent: 'we know where your kids go to school, be careful'. "
            "It was reported to the police and it's vile.")
    assert personal_attack_reasons(text) == []


def test_a_verdict_is_a_short_sentence_about_a_person():
    assert verdict_fragment("Read it twice. Shameless mouthpiece.") == "Shameless mouthpiece"
    assert verdict_fragment("Pompous and clueless, @Ray.") == "Pompous and clueless, @Ray"
    assert verdict_fragment("Absolute shambles. The council should be ashamed.") is None  # said of a thing
    assert verdict_fragment("Hack.") is None  # nobody is named or addressed: a life hack, a hack job
    assert verdict_fragment("Grifter.") == "Grifter"  # said of nobody else


def test_one_kind_of_menace_alone_is_not_a_threat():
    assert veiled_threat("Be careful out there, @Sam, the roads are icy.") is None  # a caution
    assert veiled_threat("Long memories round here, councillor.") is None  # being remembered, nothing else
    assert veiled_threat("Your car is lovely, @Sam.") is None  # something of theirs, nothing else


HOSTILE = [
    "your kids " * 1_000, "you post a lot " * 700, "be careful. " * 850, "Hack. " * 1_700, "you , " * 2_000,
    "your brain of a goldfish " * 400, "a" * 10_000, "@x " * 3_000, "who hired this " * 700, "smug, " * 1_700,
    "We know where you live. Be careful. Just saying. Small town. Some of us remember. " * 130,
    "you're a " * 1_200, "'" * 10_000, ". " * 5_000, "my kid could write better than " * 350,
]


@pytest.mark.parametrize("text", HOSTILE)
def test_10000_hostile_characters_are_read_in_linear_time(text):
    """The longest comment costs milliseconds; a pairing of cues or sentences in quadratic time would cost seconds."""
    text = text[:10_000]
    personal_attack_reasons("warm-up: you're a pompous hack. Your kids, be careful.")
    assert cpu_seconds(lambda: personal_attack_reasons(text)) < 0.1


@pytest.mark.parametrize("text", [
    "The claim that the author is 'a bought and paid for shill' doesn't survive a look at her record.",
    "When I read comments like 'you're a sad little man' under every piece, I stop reading the comments.",
    "My daughter was called 'a brainless airhead' by a reader here. She has a doctorate.",
])
def test_a_claim_or_an_insult_quoted_to_rebut_it_is_a_mention(text):
    assert personal_attack_reasons(text) == []


def test_words_quoted_as_what_someone_was_called_are_blanked_but_the_rest_is_read():
    said = without_reported_quotes("People called them 'vermin' in this thread. Shameful.")
    assert "vermin" not in said and "Shameful" in said
    # Scare quotes in an attack come with no such words, and stay.
    assert "journalist" in without_reported_quotes("This 'journalist' is a grifter.")
