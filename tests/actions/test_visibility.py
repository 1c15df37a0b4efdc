"""visibility.set_status: the one way a comment's status changes, its life cycle, and what a move takes with it."""
import itertools
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.actions import Forbidden, Refused
from forum.actions.appeals import appeal, decide_appeal
from forum.actions.comments import delete_comment, edit_comment, post_comment
from forum.actions.moderation import approve, flag_comment, reject, set_featured, undo_last
from forum.actions.visibility import APPEAL_CLOSED_BY_DELETION, IllegalTransition, set_status
from forum.models import (
    Appeal, AppealOutcome, Article, Comment, CommentRevision, CommentStatus, FlagReason, ModerationAction,
)
from forum.models.base import utcnow
from forum.moderation.scorer import NullScorer
from forum.threads import load_thread_page
from forum.ranking import Sort
from forum.visibility import TRANSITIONS
from tests.factories import policy_with

STATUSES = list(CommentStatus)


@pytest.mark.parametrize("old,new", list(itertools.product(STATUSES, STATUSES)), ids=lambda s: s.value)
def test_exactly_the_moves_of_the_life_cycle_are_allowed(db, make, old, new):
    comment = make.comment(make.article(), status=old)
    if new in TRANSITIONS[old]:
        set_status(comment, new)
        assert db.session.scalar(sa.select(Comment.status).where(Comment.id == comment.id)) == new
    else:
        with pytest.raises(IllegalTransition):
            set_status(comment, new)
        assert db.session.scalar(sa.select(Comment.status).where(Comment.id == comment.id)) == old


def test_the_table_allows_what_moderators_authors_and_flags_do_and_keeps_deleted_final():
    assert TRANSITIONS[CommentStatus.DELETED] == frozenset()
    assert {CommentStatus.PUBLISHED, CommentStatus.REJECTED, CommentStatus.SPAM} <= TRANSITIONS[CommentStatus.PENDING]
    assert {CommentStatus.PENDING, CommentStatus.REJECTED, CommentStatus.DELETED} <= TRANSITIONS[CommentStatus.PUBLISHED]
    assert {CommentStatus.PUBLISHED, CommentStatus.DELETED} <= TRANSITIONS[CommentStatus.REJECTED]


# Defect 1: authors undid a flag-hide by editing

@pytest.fixture
def flag_hidden(db, make, site_policy):
    """A published comment with a reply under it, hidden by two trusted readers' flags."""
    policy = site_policy(flags_to_hide=4, auto_slow_flags_per_minute=0)
    article = make.article()
    author = make.user()
    comment = make.comment(article, status="published", author=author, body="The original point.")
    make.comment(article, status="published", parent=comment, body="I answer the original point.")
    for _ in range(2):
        flag_comment(make.trusted_flagger(), comment, FlagReason.ABUSE, "", policy)
    assert comment.status == CommentStatus.PENDING
    return comment, author, policy


def test_an_edit_leaves_a_flag_hidden_comment_held_and_unlogged(db, flag_hidden):
    comment, author, policy = flag_hidden
    rows_before = db.session.scalar(sa.select(sa.func.count()).select_from(ModerationAction))
    edit_comment(author, comment, "A milder version of the point.", policy, scorer=NullScorer())
    assert comment.status == CommentStatus.PENDING  # on main the pipeline published it again
    assert any("hidden by flags" in reason for reason in comment.reasons)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ModerationAction)) == rows_before
    assert db.session.scalar(sa.select(Article.comment_count).where(Article.id == comment.article_id)) == 1


def test_a_held_comment_is_not_editable_past_the_window(db, make, flag_hidden):
    comment, author, policy = flag_hidden
    comment.created_at = utcnow() - timedelta(minutes=policy.edit_window_minutes + 1)
    with pytest.raises(Forbidden):  # on main a held comment stayed editable for ever, under its replies
        edit_comment(author, comment, "A different text under the same replies.", policy, scorer=NullScorer())


def test_an_edit_leaves_a_comment_a_moderator_held_again_held(db, make):
    moderator, author, policy = make.user("moderator"), make.user(), policy_with()
    comment = make.comment(make.article(), status="pending", author=author)
    approve(moderator, comment)
    undo_last(moderator, comment)  # the moderator took the approval back: held by a moderator
    edit_comment(author, comment, "Reworded, but still the moderator's to decide.", policy, scorer=NullScorer())
    assert comment.status == CommentStatus.PENDING


def test_an_edit_never_releases_what_the_pipeline_held(db, make):
    """Outside test 6: a troll reworded a held insult until a version passed, and it went out unseen. The
    edited text waits for a moderator, with the reasons it was first held for; a published comment edited
    into something the rules hold is held."""
    author, policy = make.user(), policy_with(suspect_words="dolt", auto_slow_posts_per_minute=0)
    comment = post_comment(author, make.article(), "Only a dolt would say so.", policy, scorer=NullScorer())
    assert comment.status == CommentStatus.PENDING
    edit_comment(author, comment, "Only a hasty reader would say so.", policy, scorer=NullScorer())
    assert comment.status == CommentStatus.PENDING
    assert "suspect word: 'dolt'" in comment.reasons
    assert db.session.scalars(sa.select(CommentRevision.body_source).where(
        CommentRevision.comment_id == comment.id)).all() == ["Only a dolt would say so."]

    published = post_comment(author, make.article(), "A fair point about the buses.", policy, scorer=NullScorer())
    assert published.status == CommentStatus.PUBLISHED
    edit_comment(author, published, "A fair point, you dolt.", policy, scorer=NullScorer())
    assert published.status == CommentStatus.PENDING


# Defect 2: deleted comments came back

def test_a_deleted_comment_cannot_be_approved_and_keeps_no_text(db, make):
    author = make.user()
    comment = make.comment(make.article(), status="pending", author=author, body="Second thoughts.")
    edit_comment(author, comment, "Third thoughts.", policy_with(), scorer=NullScorer())
    delete_comment(author, comment)
    with pytest.raises(Refused, match="deleted"):  # on main: published, with its text
        approve(make.user("moderator"), comment)
    db.session.refresh(comment)
    assert (comment.status, comment.body_source, comment.body_html) == (CommentStatus.DELETED, "", "")
    assert not db.session.scalars(sa.select(CommentRevision).where(CommentRevision.comment_id == comment.id)).all()


def test_deleting_a_rejected_comment_closes_its_appeal_and_no_grant_publishes_it(db, make):
    moderator, author = make.user("moderator"), make.user()
    comment = make.comment(make.article(), status="pending", author=author, body="The text to be withdrawn.")
    reject(moderator, comment, "Off-topic")
    row = appeal(author, comment, "It was on topic.")
    delete_comment(author, comment)
    assert (row.decided_at is not None, row.outcome, row.decision_reason) == (True, None, APPEAL_CLOSED_BY_DELETION)
    with pytest.raises(Refused, match="closed"):
        decide_appeal(moderator, row, AppealOutcome.GRANTED, "On a second reading the comment is within the rules")
    db.session.refresh(comment)
    assert comment.status == CommentStatus.DELETED and comment.body_source == ""
    assert db.session.scalar(sa.select(Appeal.outcome).where(Appeal.id == row.id)) is None


def test_undo_cannot_bring_back_a_deleted_comment(db, make):
    moderator, author = make.user("moderator"), make.user()
    comment = make.comment(make.article(), status="pending", author=author)
    approve(moderator, comment)
    delete_comment(author, comment)
    with pytest.raises(IllegalTransition):
        undo_last(moderator, comment)


# Defect 5: a featured comment that left published hid all its replies

def test_a_featured_comment_that_leaves_published_is_unpinned_and_its_replies_stay_under_a_tombstone(db, make):
    moderator = make.user("moderator")
    article = make.article()
    featured = make.comment(article, status="published", body="Pinned at the top.")
    replies = [make.comment(article, status="published", parent=featured) for _ in range(2)]
    set_featured(moderator, featured, True)
    reject(moderator, featured, "Misinformation presented as fact")
    assert featured.featured_at is None  # on main it stayed set, and the thread showed neither it nor its replies
    page = load_thread_page(db.session, article, None, Sort.OLDEST)
    [root] = page.roots
    assert root.tombstone and root.comment.id == featured.id
    assert [node.comment.id for node in root.children] == [reply.id for reply in replies]
    assert db.session.scalar(sa.select(Article.comment_count).where(Article.id == article.id)) == len(replies)


@pytest.mark.parametrize("leaves_to", [CommentStatus.PENDING, CommentStatus.SPAM, CommentStatus.DELETED])
def test_replies_of_any_comment_that_leaves_published_stay_under_a_tombstone(db, make, leaves_to):
    article = make.article()
    root = make.comment(article, status="published")
    reply = make.comment(article, status="published", parent=root)
    set_status(root, leaves_to)
    for viewer in (None, make.user()):
        [node] = load_thread_page(db.session, article, viewer, Sort.OLDEST).roots
        assert node.tombstone and [child.comment.id for child in node.children] == [reply.id]
