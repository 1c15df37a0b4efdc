"""A first-person pitch with a link, sales talk with a link and crypto shapes are spam; sources and stories are not."""
import pytest

from forum.moderation.promotion import is_source, links, promotion_reasons

PITCHES = [
    "Agree with every word. I wrote a longer take on my own blog: quietpolicy-notes.net/ai-rivals",
    "We've just launched a course on AI compliance for small firms, details at complyready.academy",
    "Subscribe for the full breakdown of the stadium deal: stadiumfiles.substack.com",
    "Cheapest air conditioners in town, free delivery this week only at coolnow-deals.shop",
    "Skip the heatwave misery, best fans on the market ★★★★★ breezeking.store",
]
MONEY = [
    "Forget chips, $ZETA is the play. Listing next week.",
    "My wallet is up 220% since I joined Marco's signals group, ask me how.",
    "The official club NFT drop starts minting tonight, floor will explode after kick-off.",
    "Join my forex mentor's circle, returns of 12% a week, no experience needed.",
]
CIVIL = [
    "The NIST framework the article mentions is here: https://www.nist.gov/itl/ai-risk-management-framework",
    "The full judgment is on the judiciary's site: https://www.judiciary.uk/judgments/",
    "I run a small bakery and the energy bills nearly finished us off this winter.",
    "My blog post about the bridge got more readers than I expected, honestly.",
    "Bitcoin is up 40% this year and I still don't understand why.",
    "My portfolio is up 8% but that's just the index fund doing its thing.",
    "Our new community garden on Mill Lane opens Saturday, everyone welcome, details at millgarden.org",
    "The best analysis I've read on this is at reuters.com, worth a look.",
    "Prices rose $40 billion in subsidies, e.g. the chip act; see Node.js for the tooling.",
]


@pytest.mark.parametrize("text", PITCHES)
def test_a_pitch_with_a_link_is_spam(text):
    assert any(reason.startswith("pitch: ") for reason in promotion_reasons(text)), text


@pytest.mark.parametrize("text", MONEY)
def test_crypto_and_investment_shapes_are_spam_without_a_link(text):
    assert any(reason.startswith("crypto or investment pitch: ") for reason in promotion_reasons(text)), text


@pytest.mark.parametrize("text", CIVIL)
def test_sources_stories_and_money_talk_are_not(text):
    assert promotion_reasons(text) == []


def test_bare_hosts_count_as_links_but_words_with_dots_do_not():
    assert links("see aichn-token.io or https://bit.ly/x, e.g. Node.js, mail me@example.com") == ["bit.ly", "aichn-token.io"]


@pytest.mark.parametrize("host,expected", [("www.gov.uk", True), ("nist.gov", True), ("www.bbc.co.uk", True),
                                           ("cs.ox.ac.uk", True), ("nursefacts-blog.org", False),
                                           ("bbc.co.uk.offers.shop", False)])
def test_public_bodies_universities_and_newsrooms_are_sources(host, expected):
    assert is_source(host) is expected
