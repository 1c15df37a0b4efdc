"""What the author of a held comment reads: the rule at stake in plain words, never the reasons behind it."""
import re

import pytest

from forum.models import CommentStatus, SitePolicy
from forum.moderation.classifier import default_classifier
from forum.moderation.evaluation import pipeline_judge
from forum.moderation.notices import (
    ABUSE, HARASSMENT, HATE, PERSONAL_ATTACKS, SPAM, THREATS, message_to_author, rules_at_stake, why_for_author,
)
from forum.moderation.scorer import NullScorer

ATTACK_REASONS = [
    "banned word: 'kill yourself'", "suspect word: 'moron'", "contempt: 'basement dweller'",
    "insult: 'the IQ of a houseplant'", "name-calling: 'snowflakes, the lot of you'",
]
SCORE_REASONS = ["toxicity 0.93 ≥ 0.80", "model: abusive 0.91 ('gutless', 'get lost')"]
THREAT_REASONS = ["threat: 'see what happens to you'", "veiled threat: 'watch your back'"]
HARASSMENT_REASONS = ["harassment: named @mark in 3 threads today", "harassment: 'still at 14 Marlow Close'"]
HATE_REASONS = ["dehumanising: 'like rats'", "identity attack: 'are a cancer'"]
SPAM_REASONS = [
    "3 links > 2", "link shortener: bit.ly", "phone number", "same text as comment 77 by another account",
    "work-from-home pitch", "crypto promotion", "phishing pattern", "model: spam 0.88 ('telegram', 'signals')",
    "pitch: first person with a link: 'my newsletter' (example.com)", "crypto or investment pitch: '100x'",
]


@pytest.mark.parametrize("reason", ATTACK_REASONS)
def test_abuse_reasons_name_the_rule_on_personal_attacks(reason):
    assert rules_at_stake([reason]) == [PERSONAL_ATTACKS]


@pytest.mark.parametrize("reason", SCORE_REASONS)
def test_a_score_alone_names_abuse_without_guessing_its_kind(reason):
    """Outside test 5: a veiled threat only the model held was called a personal attack; a score knows a
    comment reads as abusive, not which rule it breaks."""
    assert rules_at_stake([reason]) == [ABUSE]
    assert why_for_author([reason]) == "It may break the rule on abusive comments."


@pytest.mark.parametrize("rule_reasons,rule", [(ATTACK_REASONS, PERSONAL_ATTACKS), (THREAT_REASONS, THREATS),
                                               (HATE_REASONS, HATE), (HARASSMENT_REASONS, HARASSMENT)])
def test_a_score_beside_a_rule_leaves_the_rule_to_name_the_abuse(rule_reasons, rule):
    assert rules_at_stake(SCORE_REASONS + rule_reasons[:1]) == [rule]


@pytest.mark.parametrize("reason", SPAM_REASONS)
def test_spam_reasons_name_the_rule_on_spam(reason):
    assert rules_at_stake([reason]) == [SPAM]


@pytest.mark.parametrize("reasons,rule", [(THREAT_REASONS, THREATS), (HARASSMENT_REASONS, HARASSMENT),
                                          (HATE_REASONS, HATE)])
def test_threats_harassment_and_hate_each_name_their_own_rule(reasons, rule):
    for reason in reasons:
        assert rules_at_stake([reason]) == [rule]


def test_three_rules_are_listed_in_one_sentence():
    reasons = [THREAT_REASONS[1], HARASSMENT_REASONS[0], SPAM_REASONS[0]]
    assert message_to_author(CommentStatus.PENDING, reasons) == (
        "Your comment is held for a moderator: it may break the rules on threats, on harassment and private details "
        "and on spam and advertising.")


def test_both_rules_are_named_once_each():
    reasons = ATTACK_REASONS[:2] + SPAM_REASONS[:3]
    assert message_to_author(CommentStatus.PENDING, reasons) == (
        "Your comment is held for a moderator: it may break the rules on personal attacks and on spam and advertising.")


def test_a_rejection_says_the_rule_is_broken():
    assert message_to_author(CommentStatus.REJECTED, ["banned word: 'kill yourself'"]) == (
        "Your comment was not published: it breaks the rule on personal attacks.")


def test_reasons_about_the_account_or_article_are_shown_as_they_are():
    reasons = ["new reader: held until 3 comments are approved"]
    assert why_for_author(reasons) == "New reader: held until 3 comments are approved."


@pytest.mark.parametrize("reasons", [[], None, ["hidden by flags: weight 3 ≥ 3"], ["a reason from a newer rule"]])
def test_anything_else_is_only_said_to_be_reviewed(reasons):
    assert message_to_author(CommentStatus.PENDING, reasons) == "Your comment is held for a moderator: it will be reviewed."


def test_a_published_comment_has_no_message():
    assert message_to_author(CommentStatus.PUBLISHED, ATTACK_REASONS) is None


@pytest.mark.parametrize("reasons", [ATTACK_REASONS, SCORE_REASONS, SPAM_REASONS, ATTACK_REASONS + SPAM_REASONS,
                                     THREAT_REASONS + HARASSMENT_REASONS + HATE_REASONS])
def test_no_word_score_or_threshold_reaches_the_author(reasons):
    for status in (CommentStatus.PENDING, CommentStatus.REJECTED):
        message = message_to_author(status, reasons)
        assert "'" not in message and not re.search(r"\d", message), message
        for reason in reasons:
            assert reason not in message


def test_a_comment_the_model_holds_tells_its_author_only_the_rule():
    judge = pipeline_judge(SitePolicy.with_defaults(), NullScorer(), default_classifier())
    abusive = judge("You are a gutless coward and a clown, get lost.")
    spammy = judge("Great article! I made $8,000 last month working from home, DM me on Telegram to learn how.")
    assert any(reason.startswith("model: abusive") for reason in abusive.reasons)
    assert abusive.message_to_author == "Your comment is held for a moderator: it may break the rule on personal attacks."
    assert any(reason.startswith("model: spam") for reason in spammy.reasons)
    assert spammy.message_to_author.endswith("the rule on spam and advertising.")
