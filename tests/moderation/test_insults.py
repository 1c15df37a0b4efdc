"""Identity attacks, name-calling and comparison insults are held; debate about groups and labels is not."""
import pytest

from forum.moderation.insults import insult_reasons

HELD = {
    "identity attack": [
        "Somalis are parasites, every last one, and the council keeps housing them.",
        "Refugees are a disease this town caught and can't shake.",
        "Catholics can't be trusted near a school, everyone knows it.",
        "Those people breed like flies and the schools are paying for it.",
        "Same bankers, same (((names))), every single time.",
        "Albanians are all drug dealers, ask anyone in the area.",
        "Nigerians are liars, every one of them.",
        "Women are too hysterical to lead a club like this.",
        "The Chinese are a race of copycats, they have never invented a thing.",
        "Every Chinese postgrad in this city is a spy.",
        "Ban every Muslim from standing for the council, simple.",
        "@Tariq if you can't stand our ways, go back to Pakistan.",
        "Kenyans are violent by nature, the figures prove it.",
        "Disabled people are a drain on the rest of us.",
        "Homosexuality is a disorder and the school shouldn't teach otherwise.",
        "Scratch any Catholic and you'll find a bigot underneath.",
        "Refugees are all beggars and thugs, the whole lot.",
        "Migrants aren't people like us.",
        "Bat eaters, the lot of them.",
    ],
    "name-calling": [
        "Cultists, the lot of you, chanting whatever the council says.",
        "What a pack of spineless fence-sitters in this thread.",
        "Typical snowflake, crying about a bit of paint on the road.",
        "The libtards are out in force again.",
        "Ok boomer, back to your crossword.",
        "A whole gaggle of sandal-wearing do-gooders in this thread.",
        "Absolute muppet of a referee.",
        "The mayor is a gutless little weasel.",
        "@Denise is such a sanctimonious busybody.",
        "Lazy, dishonest hack.",
        "The paper's resident clown strikes again.",
        "Only a bootlicker would cheer this ruling.",
        "Karen alert, the parking complaints have started.",
        "The housing officer is a jumped-up pen-pusher.",
        "What a pompous little man the treasurer is.",
    ],
    "insult": [
        "The columnist has the emotional intelligence of a traffic cone.",
        "Did a toddler write this? The numbers don't even add up.",
        "Honestly this reads like it was cobbled together by a parrot with a press pass.",
        "@Grace you couldn't find the offside rule if your life depended on it.",
        "The author is clearly a hack who has never set foot in a classroom.",
        "More insight on the back of a crisp packet than in this so-called analysis.",
        "Imagine being this clueless and still getting paid for it.",
        "Your brain is clearly the size of a pea.",
        "A first-year student could have written this better.",
        "Hey author, get a real job.",
        "She's getting dumber with every column.",
        "My cat understands interest rates better than this columnist.",
        "Why does this paper keep paying him?",
    ],
}
CIVIL = [
    "They shouldn't be allowed to close the bridge for fourteen months without a plan.",
    "Immigrants are not criminals, and the data in this article shows it plainly.",
    "Chinese labs are taking over the open-weights leaderboard, which should worry Washington.",
    "Muslims in our town raised thousands for the flood victims.",
    "The sheep on my uncle's farm suffered terribly in the heatwave.",
    "The clowns at the circus in the park were brilliant for the kids.",
    "The dinosaurs exhibit at the museum reopens next week.",
    "The lot of you should come to the meeting on Thursday, it matters.",
    "I'd say the NIMBY label is unfair to people with real concerns about the stadium.",
    "The attention span of a goldfish is apparently a myth.",
    "The reporter clearly did the research; the numbers check out.",
    "This is the most naive analysis of export controls I've read all year.",
    "My grandfather used words for the Japanese that I won't repeat; the war left that in him.",
    "Chinese coal plants are dirty and the article should say so.",
    "Teachers are all exhausted, the strike is about workload not pay.",
    "The report was written by a child psychologist, which makes the findings more credible.",
    "Jewish groups in the city called for calm after the ruling.",
    "Napoleon called the English a nation of shopkeepers.",
    "Americans are a nation of immigrants, which the article forgets.",
    "The Chinese balloon is a spy balloon, the Pentagon says.",
    "Chinese drones are cheaper than American ones.",
    "Ban all Chinese drones from government use until the audit is done.",
    "I'm hoping to go back to India next spring to see my grandmother.",
    "If you don't like the new lanes, go back to driving round the ring road.",
    "Chinese solar panels are only good for about twenty years.",
    "Chinese chips are not suited to training the largest models yet.",
    "Anorexia in women is a disorder that the NHS badly underfunds.",
    "Old people are not a burden; they built this town.",
    "Nigerians are by nature entrepreneurial, my dad always says.",
    "I'll go back to the kitchen and try it again with less salt.",
    "Not all Nigerians are scammers, and the article never says so.",
    "The judge is a former barrister from Leeds.",
    "The owner is a pig farmer from Devon who loves the club.",
    "This is an idiotic policy and the author is right to say so.",
    "A complete guide to the stadium plans would help.",
    "Only a snowflake of a chance the bridge reopens this year, says the engineer.",
    "My dog knows the park better than I do.",
    "Why does this paper keep paying for agency photos when it has staff?",
    "The housing officer is a former architect.",
]


@pytest.mark.parametrize("label,text", [(label, text) for label, texts in HELD.items() for text in texts])
def test_each_family_names_itself(label, text):
    assert any(reason.startswith(label + ": ") for reason in insult_reasons(text)), (label, text)


@pytest.mark.parametrize("text", CIVIL)
def test_debate_about_groups_labels_and_ideas_is_not_held(text):
    assert insult_reasons(text) == []


# Issue 13, outsider review: "In 1488 the …" was held as an identity attack. A number that hate groups use
# as a sign is also a year, a price, a route or a page; it counts only as a sign.
NUMBERS_AS_NUMBERS = [
    "In 1488 the first printed bible reached the abbey, and the museum has one of the copies.",
    "The museum's oldest printed book is dated 1488.",
    "The 1488 bus is the only one that still runs past the bridge.",
    "The repair quote came to £1488, which the council says it cannot find.",
    "See page 1488 of the consultation bundle for the traffic figures.",
    "Between 13% and 50% of households in the ward rent privately, depending on whose survey you read.",
    "We scored 14/88 on the pub quiz and still came third.",
]
NUMBERS_AS_SIGNS = [
    "Funny how the same surnames sit on every board. Check the early life section, folks. 14/88",
    "Proud of where I come from. 1488",
    "The crime map again. A certain demographic, 13% and 50%, every single time.",
]


@pytest.mark.parametrize("text", NUMBERS_AS_NUMBERS)
def test_a_year_price_route_or_page_is_not_a_dog_whistle(text):
    assert insult_reasons(text) == []


@pytest.mark.parametrize("text", NUMBERS_AS_SIGNS)
def test_a_number_signed_or_said_of_race_is_a_dog_whistle(text):
    assert any(reason.startswith("identity attack: ") for reason in insult_reasons(text)), text


# A comment that reports abuse quotes it; the quoted words are a mention, not an attack.
REPORTED = [
    "Rwandan radio called Tutsis 'cockroaches' before the genocide; notice when politicians call migrants an 'infestation'.",
    "Someone sprayed \"immigrants are vermin\" on the mosque wall last night. I've reported it to the police.",
]


@pytest.mark.parametrize("text", REPORTED)
def test_quoting_abuse_to_condemn_it_is_not_an_attack(text):
    assert insult_reasons(text) == []


# Issue 13: a people named in one sentence and dehumanised in the next, by its adjective and a noun for its
# people, or by what "they" are made for; written afresh from the shapes dev's newest writers used.
IDENTITY_FAMILIES = [
    "The Bulgarians will strip the lead off the church roof. It's in their blood.",
    "Albanian drivers again, I bet. The crash wouldn't have happened if they could actually drive.",
    "Some cultures just weren't built for civilisation. Stop sending them aid.",
    "Roma kids at our school are basically feral animals.",
    "Kids with autism in mainstream classes? They'll never be anything but a burden.",
    "These people are a disease on this country and the council keeps housing them.",
    "Arabs have contributed nothing to science in centuries except oil.",
]
CIVIL_ABOUT_GROUPS = [
    "Polish builders did the repairs on our street and they were excellent, on time and tidy.",
    "Indian coders at my firm are some of the best engineers I've worked with.",
    "The article says disabled kids cost the school budget more; that is why the council must fund it properly.",
    "Roma children are excluded from school at three times the national rate, which is a scandal.",
    "Disabled people are not a burden and the minister should apologise.",
    "Autistic kids in ordinary classrooms do better with aides, the study shows.",
    "Turkish workers built half of postwar Germany's industry; they'll never be thanked enough.",
]


@pytest.mark.parametrize("text", IDENTITY_FAMILIES)
def test_each_new_identity_attack_family_is_held(text):
    assert any(reason.startswith("identity attack: ") for reason in insult_reasons(text)), text


@pytest.mark.parametrize("text", CIVIL_ABOUT_GROUPS)
def test_talk_about_groups_in_the_new_families_words_is_not(text):
    assert insult_reasons(text) == []
