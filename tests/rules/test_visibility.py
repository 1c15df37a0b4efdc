"""forum/visibility.py: who sees which comment and article, the same as a predicate and as SQL, and the life cycle."""
import itertools

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from forum import visibility
from forum.actions.articles import unpublish_article
from forum.models import Article, Comment, CommentStatus
from forum.permissions import Action, can
from forum.visibility import TRANSITIONS, Viewer

STATUSES = list(CommentStatus)


@pytest.fixture
def rows(make, db):
    """A comment in every status by one author on a published article, the same on an unpublished one, and
    the people who look at them."""
    author = make.user()
    published, unpublished = make.article(), make.article()
    comments = [make.comment(article, status=status, author=author)
                for article in (published, unpublished) for status in STATUSES]
    unpublish_article(None, unpublished)
    viewers = {"visitor": None, "author": author, "reader": make.user(), "moderator": make.user("moderator"),
               "admin": make.user("admin")}
    return comments, viewers


def _seen_in_sql(db, viewer, ids) -> set[int]:
    return set(db.session.scalars(sa.select(Comment.id).where(Comment.id.in_(ids),
                                                             visibility.comments_seen_by(viewer))))


@pytest.mark.parametrize("who", ["visitor", "author", "reader", "moderator", "admin"])
def test_the_predicate_and_the_sql_clause_agree_for_every_viewer_status_and_article(db, rows, who):
    comments, viewers = rows
    viewer = viewers[who]
    loaded = db.session.scalars(sa.select(Comment).options(joinedload(Comment.article))
                                .where(Comment.id.in_([c.id for c in comments]))).all()
    by_predicate = {c.id for c in loaded if visibility.can_see_comment(viewer, c)}
    assert by_predicate == _seen_in_sql(db, viewer, [c.id for c in comments])
    articles = {c.article for c in loaded}
    assert {a.id for a in articles if visibility.can_see_article(viewer, a)} == set(db.session.scalars(
        sa.select(Article.id).where(Article.id.in_([a.id for a in articles]), visibility.articles_seen_by(viewer))))


def test_what_each_viewer_sees(db, rows):
    comments, viewers = rows
    on_published = {c.status: c.id for c in comments[:len(STATUSES)]}
    on_draft = {c.status: c.id for c in comments[len(STATUSES):]}
    every_but_deleted = {on_published[s] for s in STATUSES if s != CommentStatus.DELETED}
    expected = {
        "visitor": {on_published[CommentStatus.PUBLISHED]},
        "reader": {on_published[CommentStatus.PUBLISHED]},
        "author": every_but_deleted,  # and not on the unpublished article, not even their own
        "moderator": every_but_deleted,
        "admin": every_but_deleted | {on_draft[s] for s in STATUSES if s != CommentStatus.DELETED},
    }
    for who, ids in expected.items():
        assert _seen_in_sql(db, viewers[who], [c.id for c in comments]) == ids, who


def test_can_comment_view_is_the_visibility_rule(db, rows):
    """The permalink's check (can COMMENT_VIEW) and the rule never disagree, tombstones aside."""
    comments, viewers = rows
    for comment, viewer in itertools.product(comments, viewers.values()):
        if not visibility.shows_as_tombstone(comment):
            assert can(viewer, Action.COMMENT_VIEW, comment) == visibility.can_see_comment(viewer, comment)


def test_viewers_are_made_from_users_or_nobody(make):
    assert visibility.viewer_of(None) == visibility.VISITOR
    moderator = make.user("moderator")
    assert visibility.viewer_of(moderator) == Viewer(moderator.id, staff=True, admin=False)
    assert visibility.viewer_of(visibility.viewer_of(moderator)) == Viewer(moderator.id, staff=True)


# The life cycle as data (set_status's refusals are tested in tests/actions/test_visibility.py)

def test_deleted_is_final_and_every_other_status_can_be_deleted():
    assert TRANSITIONS[CommentStatus.DELETED] == frozenset()
    assert all(CommentStatus.DELETED in TRANSITIONS[s] for s in STATUSES if s != CommentStatus.DELETED)
    assert set(TRANSITIONS) == set(STATUSES)


def test_every_refusal_says_why():
    for old, new in itertools.product(STATUSES, STATUSES):
        refusal = visibility.transition_refusal(old, new)
        assert (refusal is None) == (new in TRANSITIONS[old])
    assert "deleted" in visibility.transition_refusal(CommentStatus.DELETED, CommentStatus.PUBLISHED)
    assert visibility.transition_refusal(None, CommentStatus.PUBLISHED) is None  # a new comment starts anywhere


def test_bulk_deletion_reaches_every_status_a_deletion_may_leave():
    may = visibility.statuses_that_may_become(CommentStatus.DELETED)
    assert {s for s in STATUSES if s in may} == {s for s in STATUSES if s != CommentStatus.DELETED}
