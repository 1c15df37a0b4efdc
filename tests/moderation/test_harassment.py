"""Doxxing hints, pile-on calls and following are held; place names, civic calls and stories are not."""
import pytest

from forum.moderation.harassment import FOLLOWING_THREADS, Following, harassment_reasons, mentioned_names

HARASSMENT = [
    "Evening @jen_w, still living at 22 Orchard Road? Thought so.",
    "Lovely garden on Station Road you have there, @PaulM.",
    "Does your manager at the depot know you spend all day posting this, Kev?",
    "Your son plays for the under-12s on Sundays, doesn't he, @Dana?",
    "Here's his private email since he won't reply to anyone: find it on my profile.",
    "Everybody go and message her and tell her what you think of this column.",
    "Her Instagram is @priya.writes, fill her inbox, lads.",
    "Let him hear from all of us until he deletes this rubbish.",
    "Spotted you on the stadium thread as well, @Liam. You can't hide from me.",
    "The reporter lives on the road behind the leisure centre and drives a red Fiat. Just saying.",
    "I know where you work, Dave.",
    "I'll keep replying until you stop posting, @Meg.",
    "Screenshotted every one of your comments, @Ola.",
    "Emailed your headteacher about this thread, Mr Reid.",
    "Wonder what your boss would think of these opinions, Sam.",
    "Found your Facebook, @tomk. Nice holiday snaps.",
    "Checked the electoral roll, @Ade. Same flat as last year?",
    "Can someone find out where this guy works?",
    "Your car's the blue Polo outside the surgery, isn't it. Thought so.",
    "@Lena you're cute when you're cross, send me a pic.",
    "Hey gorgeous, what are you wearing tonight?",
    "Let's mass report her account until it's gone.",
    "ada ada ada ada ada, answer me, why are you ignoring me, answer me right now, I am not going away",  # outside test 7
]
CIVIL = [
    "I grew up at 12 Elm Street and the flooding there was just as bad in 1987.",
    "Everyone should email their councillor before Thursday's vote.",
    "Let's all write to the council and tell them what we think of the closure.",
    "If you live on Chapel Street you'll know how bad the parking is.",
    "She lives in Leeds now and says the trams there are no better.",
    "He drives a bus on the route the bridge closure cut, and his shifts doubled.",
    "Does your boss know about the new flexible working rules? Worth asking.",
    "Her Twitter is full of good threads on export controls, worth a follow.",
    "You can't hide from the heat in these flats, they face south.",
    "I saw you at the council meeting too, great question about the budget!",
    "Day and night the traffic noise from the bypass keeps us awake.",
    "The personal mobile numbers of councillors should never be published.",
    "My daughter goes to the school in the article and the roof really does leak.",
    "I've replied to all your points above, so let's agree to differ.",
    "I've saved all your recipes, the lemon tart is a family favourite.",
    "I checked his Twitter and he never said that, the quote is made up.",
    "You were at the meeting, weren't you? Then you heard the vote.",
    "Send me a pic of the pothole and I'll forward it to the council.",
    "What a great figure in the town's history he was.",
    "Parents might like to know the school budget falls again next year.",
    "Answer me this: why would Beijing ever agree to inspections?",
    "Why are you ignoring me? Answer me, it is a simple question.",
    "I am not going away until the council answers me on the bus route.",
]


@pytest.mark.parametrize("text", HARASSMENT)
def test_doxxing_pile_ons_and_following_in_words_are_harassment(text):
    assert any(reason.startswith("harassment: ") for reason in harassment_reasons(text)), text


@pytest.mark.parametrize("text", CIVIL)
def test_places_civic_calls_and_stories_are_not(text):
    assert harassment_reasons(text) == []


def test_following_found_by_the_caller_names_the_target_and_the_count():
    following = Following("mark", FOLLOWING_THREADS)
    assert harassment_reasons("Morning @mark.", following) == [
        f"harassment: named @mark in {FOLLOWING_THREADS} threads today"]


def test_fewer_threads_than_the_limit_is_not_following():
    assert harassment_reasons("Morning @mark.", Following("mark", FOLLOWING_THREADS - 1)) == []


def test_mentioned_names_are_lower_case_once_each_and_bounded():
    text = "@Ann and @ann, also @Bob_1, @cy, @dee; not mail@example.com"
    assert mentioned_names(text) == ["ann", "bob_1", "cy"]
