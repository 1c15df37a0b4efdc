"""Signs of spam, one rule at a time, and the reason each one gives a moderator."""
import pytest

from forum.models import CommentStatus, Role, User
from forum.moderation import spam
from forum.moderation.pipeline import Duplicate, decide
from forum.moderation.scorer import NullScorer
from tests.factories import policy_with


def reader() -> User:
    return User(username="someone", role=Role.READER, published_count=10, rejected_count=0, review_all_comments=False)


def reasons_for(text: str, duplicate: Duplicate | None = None, **policy_changes) -> list[str]:
    decision = decide(text, reader(), None, policy_with(**policy_changes), NullScorer(), duplicate)
    return decision.reasons


# Links

def test_links_are_found_bare_and_inside_markdown():
    text = "See [the report](https://example.org/report) and http://example.net/data, or www.example.com."
    assert len(spam.find_urls(text)) == 3


# Outside test, finding 7: four protocol-relative links were published under a limit of two.
OFFSITE_LINKS = {
    "protocol-relative": "See [a](//shop-h.example) [b](//shop-i.example) [c](//shop-j.example) [d](//k.example/x)",
    "schemes in any case": "[a](HTTPS://a.example) [b](Http://b.example) [c](https:/c.example)",
    "autolinks": "<https://a.example> <http://b.example/x> <mailto:sales@c.example>",
    "bare addresses": "a.example.com/1 https://b.example.org and www.c.example.net/ too",
}


@pytest.mark.parametrize("text", OFFSITE_LINKS.values(), ids=OFFSITE_LINKS.keys())
def test_every_rendered_link_that_leaves_the_site_is_counted(text):
    assert "links > 2" in " ".join(reasons_for(text, max_links=2))


def test_links_within_the_site_are_not_counted():
    from forum.markup import Profile, render

    html = render("[a](b) [c](/articles/x) [d](#comment-3) [e](?sort=new) " * 5, Profile.COMMENT)
    assert spam.offsite_links(html) == 0
    assert reasons_for("[a](b) [c](/articles/x) [d](#comment-3) [e](?sort=new) " * 5, max_links=2) == []


def test_link_syntax_written_as_text_or_code_is_not_a_link():
    from forum.markup import Profile, render

    html = render('`<a href="//a.example">` and <a href="//b.example"> and `[c](//c.example)`', Profile.COMMENT)
    assert spam.offsite_links(html) == 0


def test_more_links_than_the_policy_allows_are_held_with_the_count():
    text = "Sources: https://a.example/1 https://b.example/2 https://c.example/3"
    decision = decide(text, reader(), None, policy_with(max_links=2), NullScorer())
    assert decision.status == CommentStatus.PENDING
    assert decision.reasons == ["3 links > 2"]


def test_links_up_to_the_limit_pass():
    assert reasons_for("Compare https://a.example/1 with https://b.example/2", max_links=2) == []


def test_the_limit_follows_the_policy():
    assert reasons_for("One source: https://a.example/1", max_links=0) == ["1 links > 0"]


def test_a_link_shortener_is_named_in_the_reason():
    assert spam.shortened_hosts("see https://bit.ly/3xYz and www.tinyurl.com/abc") == ["bit.ly", "tinyurl.com"]
    assert reasons_for("The full study: https://bit.ly/3xYz") == ["link shortener: bit.ly"]


def test_an_ordinary_link_is_not_a_shortener():
    assert spam.shortened_hosts("https://www.example.org/bit.ly/page") == []


# Phone numbers

@pytest.mark.parametrize("text", [
    "Call me on +1 (555) 010-2030 for details",
    "Ring 0044 20 7946 0958 now",
    "Text 555.010.2030",
    "Call me at five five five, oh one oh, nine nine nine nine for a loan today",
    "ring 0 seven 7 nine 1 one 2 three 4 five",
])
def test_phone_numbers_are_held(text):
    assert spam.has_phone_number(text)
    assert reasons_for(text) == ["phone number"]


@pytest.mark.parametrize("text", [
    "Between 2023-2024 2025 prices rose twice",
    "The bill passed 312-118 in 2021.",
    "Some 67,000,000 people live there.",
    "The archive is at https://example.org/item/12345678901234",
    "The book is ISBN 978-3-16-148410-0, and the older edition ISBN 0-306-40615-2.",
    "My toddler counts one, two, three, four, five, six, seven and then gives up.",
    "The vote was one to nine, then two to eight, and the motion fell.",
])
def test_years_votes_and_numbers_in_links_are_not_phone_numbers(text):
    assert not spam.has_phone_number(text)


# Pitches

@pytest.mark.parametrize("text, label", [
    ("Earn $500 a day working from home, no experience needed!", "work-from-home pitch"),
    ("Make $3000 per week with this one trick", "money per day or week"),
    ("I made $4,000 last month, ask me how", "promise of earnings"),
    ("Guaranteed returns of 20% every month", "guaranteed returns"),
    ("Double your bitcoin in a week", "promise to multiply money"),
    ("DM me on telegram for the signals", "off-site contact"),
    ("New token presale opens tonight", "crypto promotion"),
    ("This coin will pump 100x soon", "crypto promotion"),
    ("Click my link for more", "come-on to a link"),
])
def test_each_pitch_is_held_with_its_label(text, label):
    assert label in spam.pitches(text)
    decision = decide(text, reader(), None, policy_with(), NullScorer())
    assert decision.status == CommentStatus.PENDING
    assert label in decision.reasons


@pytest.mark.parametrize("text", [
    "The scheme costs $40 billion in subsidies over ten years.",
    "Bitcoin's energy use is a fair objection to the article's argument.",
    "Wages rose 3% a year, which the author leaves out.",
    "I work from home on Fridays, so I followed the hearing live.",
])
def test_money_and_crypto_talk_alone_is_civil(text):
    assert spam.pitches(text) == []


# The same text again (found by the caller, reported by the pipeline)

def test_a_duplicate_by_another_account_names_the_earlier_comment():
    assert reasons_for("Same words.", Duplicate(812, same_author=False)) == [
        "same text as comment 812 by another account"
    ]


def test_a_duplicate_by_the_same_account_says_so():
    decision = decide("Same words.", reader(), None, policy_with(), NullScorer(), Duplicate(77, same_author=True))
    assert decision.status == CommentStatus.PENDING
    assert decision.reasons == ["same text as comment 77 by the same account"]


def test_every_sign_found_is_listed():
    text = "Earn $200 per day from home: https://bit.ly/a https://b.example https://c.example call +1 555 010 2030"
    reasons = reasons_for(text)
    assert "3 links > 2" in reasons
    assert "link shortener: bit.ly" in reasons
    assert "phone number" in reasons
    assert "money per day or week" in reasons


def test_contact_offsite_written_in_chinese_is_a_pitch():
    """Outsider review: "add WeChat … free investment course, 100,000 a month" passed the ASCII patterns."""
    assert "off-site contact" in spam.pitches("加微信 abc12345 领取免费投资课程，月入十万")
    assert spam.pitches("我在上海工作，这座桥的事情很麻烦。") == []  # Chinese without a contact is not spam


@pytest.mark.parametrize("text", [
    "x" * 10_000, ">" * 10_000, "\u2603\u2764" * 3000, "ha" * 150, "x x x x " * 60,  # outsider review 5
])
def test_a_long_wall_with_next_to_no_words_is_filler(text):
    assert spam.is_filler(text)
    assert "filler: next to no words" in decide(text, reader(), None, policy_with(), NullScorer()).reasons


@pytest.mark.parametrize("text", [
    "A real comment about bus routes and who pays for them. " * 10,
    "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, " * 10,
    "| Year | Riders |\n|---|---|\n" + "| 2019 | 12,400 |\n" * 20,
    "😂" * 50, "?!",
    "公共交通的票价应该由市议会决定，而不是由私营公司决定。" * 10,
])
def test_prose_tables_numbers_other_scripts_and_short_reactions_are_not_filler(text):
    assert not spam.is_filler(text)
