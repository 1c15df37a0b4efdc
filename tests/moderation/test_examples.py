"""Moderators' decisions become labelled examples: which acts teach what, the latest standing act, the text judged."""
from datetime import timedelta

import pytest

from forum.actions import moderation as acts
from forum.actions.comments import edit_comment
from forum.actions.moderation import REJECTION_REASONS
from forum.models import SitePolicy, Verb
from forum.models.base import utcnow
from forum.moderation.examples import REJECTION_LABELS, label_of, published_examples, site_examples
from tests.conftest import recorded_sql


def test_every_rejection_reason_offered_to_moderators_says_what_it_teaches():
    """A reason added to the queue's list must be placed here: abusive, spam, or deliberately nothing."""
    assert {" ".join(reason.lower().split()) for reason in REJECTION_REASONS} <= set(REJECTION_LABELS)


@pytest.mark.parametrize("verb,reason,label", [
    (Verb.APPROVE, "", "civil"),
    (Verb.APPEAL_GRANTED, "fair point after all", "civil"),
    (Verb.SPAM, "Spam", "spam"),
    (Verb.REJECT, "Personal attack on another reader", "abusive"),
    (Verb.REJECT, "  threat or   incitement ", "abusive"),
    (Verb.REJECT, "Spam or advertising", "spam"),
    (Verb.REJECT, "Off-topic", None),  # about the conversation, not the words: teaching it would hold civil text
    (Verb.REJECT, "you know why", None),  # a moderator's own words: nothing to read a label from
    (Verb.FEATURE, "", None),
])
def test_what_each_act_teaches(verb, reason, label):
    assert label_of(verb, reason) == label


def test_decisions_become_examples_the_latest_standing_act_winning(db, make):
    moderator, article = make.user("moderator"), make.article()
    approved, spam, attack, off_topic, changed, undone = (make.comment(article, status="pending") for _ in range(6))
    acts.approve(moderator, approved)
    acts.mark_spam(moderator, spam)
    acts.reject(moderator, attack, "Personal attack on another reader")
    acts.reject(moderator, off_topic, "Off-topic")
    acts.approve(moderator, changed)
    acts.mark_spam(moderator, changed)  # a second look: spam after all
    acts.reject(moderator, undone, "Threat or incitement")
    acts.undo_last(moderator, undone)  # taken back: the comment is undecided again
    labels = {example.comment_id: example.label for example in site_examples(db.session)}
    assert labels == {approved.id: "civil", spam.id: "spam", attack.id: "abusive", changed.id: "spam"}


def test_the_text_is_the_one_the_moderator_judged(db, make):
    moderator, author, article = make.user("moderator"), make.user(), make.article()
    comment = make.comment(article, author=author, body="The first version, which was approved.")
    acts.reject(moderator, comment, "Spam or advertising")
    acts.approve(moderator, comment)
    edit_comment(author, comment, "An edited version nobody has judged yet.", SitePolicy.with_defaults())
    [example] = site_examples(db.session)
    assert example.text == "The first version, which was approved." and example.label == "civil"


def test_examples_cost_one_query_however_many_decisions(db, make):
    moderator, article = make.user("moderator"), make.article()
    counts = []
    for total in (2, 20):
        while len(site_examples(db.session)) < total:
            acts.approve(moderator, make.comment(article, status="pending"))
        with recorded_sql(db.session.connection()) as statements:
            assert len(site_examples(db.session, limit=total)) == total
        counts.append(len(statements))
    assert counts == [1, 1]


def test_published_comments_nobody_reported_become_civil_examples_once_settled(db, make):
    """A site's decisions are mostly what something held; its ordinary comments are the ones left alone."""
    moderator, article = make.user("moderator"), make.article()
    then = utcnow() - timedelta(days=3)
    left_alone = make.comment(article, status="published", now=then, body="A plain remark about the bridge.")
    approved = make.comment(article, status="pending", now=then)
    acts.approve(moderator, approved)  # a decision, counted with the decisions
    reported = make.comment(article, status="published", now=then)
    reported.flag_weight, reported.flagged_at = 1, then  # a reader reported it; nobody has looked yet
    rejected = make.comment(article, status="published", now=then)
    acts.reject(moderator, rejected, "Personal attack on another reader")
    too_new = make.comment(article, status="published")
    db.session.flush()
    [example] = published_examples(db.session, utcnow() - timedelta(days=2), limit=10)
    assert (example.comment_id, example.label, example.text) == (left_alone.id, "civil", "A plain remark about the bridge.")
    assert published_examples(db.session, utcnow() + timedelta(minutes=1), limit=1)[0].comment_id == too_new.id
