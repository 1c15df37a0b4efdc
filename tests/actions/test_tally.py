"""The stance tally counts readers, once each per article (forum/actions/tally.py), without a request."""
from datetime import timedelta
from importlib import import_module

import sqlalchemy as sa

from forum.actions.account_data import CommentChoice, delete_account
from forum.actions.articles import ArticleDraft, save_article
from forum.actions.comments import delete_comment, edit_comment
from forum.actions.visibility import recount, set_status
from forum.models import ArticleStance, Comment, CommentStatus, StanceReader, load_policy
from forum.models.base import utcnow
from tests.factories import DEFAULT_PASSWORD

STANCES = ["Yes", "No", "It depends"]
PUBLISHED, PENDING, REJECTED = CommentStatus.PUBLISHED, CommentStatus.PENDING, CommentStatus.REJECTED


def tally(db, article) -> dict[str, int]:
    return dict(db.session.execute(
        sa.select(ArticleStance.key, ArticleStance.reader_count).where(ArticleStance.article_id == article.id)
    ).all())


def counted(db, article) -> dict[int, tuple[str, int]]:
    """user id -> (stance key, comment id) as the tally's table holds it."""
    rows = db.session.execute(
        sa.select(StanceReader.user_id, ArticleStance.key, StanceReader.comment_id)
        .join(ArticleStance, ArticleStance.id == StanceReader.stance_id).where(StanceReader.article_id == article.id)
    ).all()
    return {user_id: (key, comment_id) for user_id, key, comment_id in rows}


def said(make, article, reader, stance_key, minutes_ago, status=PUBLISHED, parent=None):
    return make.comment(article, author=reader, stance_key=stance_key, status=status, parent=parent,
                        now=utcnow() - timedelta(minutes=minutes_ago))


def test_a_reader_who_posts_three_times_counts_once(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    talker, quiet = make.user(), make.user()
    for minutes_ago in (30, 20, 10):
        said(make, article, talker, "it-depends", minutes_ago)
    said(make, article, quiet, "yes", 25)
    said(make, article, quiet, None, 5)  # no stance: keeps the one taken before
    assert tally(db, article) == {"yes": 1, "no": 0, "it-depends": 1}


def test_a_later_comment_with_another_stance_moves_the_reader(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    reader = make.user()
    said(make, article, reader, "yes", 20)
    later = said(make, article, reader, "no", 10)
    assert tally(db, article) == {"yes": 0, "no": 1, "it-depends": 0}
    assert counted(db, article) == {reader.id: ("no", later.id)}


def test_an_older_comment_published_late_does_not_overrule_a_newer_one(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    reader = make.user()
    older = said(make, article, reader, "yes", 20, status=PENDING)
    said(make, article, reader, "no", 10)
    set_status(older, PUBLISHED)  # a moderator approves the older comment after the newer one
    assert tally(db, article) == {"yes": 0, "no": 1, "it-depends": 0}


def test_when_the_latest_is_rejected_the_reader_falls_back_to_the_one_before(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    reader = make.user()
    first = said(make, article, reader, "yes", 20)
    latest = said(make, article, reader, "no", 10)
    set_status(latest, REJECTED)
    assert tally(db, article) == {"yes": 1, "no": 0, "it-depends": 0}
    assert counted(db, article) == {reader.id: ("yes", first.id)}
    set_status(latest, PUBLISHED)  # the appeal is granted
    assert tally(db, article) == {"yes": 0, "no": 1, "it-depends": 0}
    set_status(latest, PENDING)  # and the approval undone
    assert tally(db, article) == {"yes": 1, "no": 0, "it-depends": 0}


def test_a_reader_whose_only_stance_comment_is_deleted_counts_for_none(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    reader = make.user()
    only = said(make, article, reader, "yes", 10)
    said(make, article, reader, None, 5, parent=only)  # replies never take a stance
    delete_comment(reader, only)
    assert tally(db, article) == {"yes": 0, "no": 0, "it-depends": 0}
    assert counted(db, article) == {}


def test_editing_the_stance_of_the_latest_comment_moves_the_reader_and_of_an_older_one_does_not(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    reader = make.user()
    older = said(make, article, reader, "yes", 3)
    latest = said(make, article, reader, "no", 1)
    policy = load_policy(db.session)
    edit_comment(reader, older, older.body_source, policy, stance_key="it-depends")
    assert tally(db, article) == {"yes": 0, "no": 1, "it-depends": 0}
    edit_comment(reader, latest, latest.body_source, policy, stance_key="yes")
    assert tally(db, article) == {"yes": 1, "no": 0, "it-depends": 0}
    edit_comment(reader, latest, latest.body_source, policy, stance_key=None)  # falls back to the older one
    assert tally(db, article) == {"yes": 0, "no": 0, "it-depends": 1}


def test_a_deleted_account_counts_for_none_whether_its_comments_stay_or_go(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    stays, goes, other = make.user(), make.user(), make.user()
    for reader, key in ((stays, "yes"), (goes, "no"), (other, "no")):
        said(make, article, reader, key, 10)
    delete_account(stays, stays, DEFAULT_PASSWORD, CommentChoice.KEEP)
    delete_account(goes, goes, DEFAULT_PASSWORD, CommentChoice.REMOVE)
    assert tally(db, article) == {"yes": 0, "no": 1, "it-depends": 0}
    assert set(counted(db, article)) == {other.id}


def test_a_dropped_stance_sends_its_readers_back_to_their_earlier_one(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    reader = make.user()
    said(make, article, reader, "yes", 20)
    said(make, article, reader, "it-depends", 10)
    draft = ArticleDraft(title=article.title, body=article.body_source, slug=article.slug, summary=article.summary,
                         question=article.question, stances=["Yes", "No"])
    save_article(article.author, article, draft)
    assert tally(db, article) == {"yes": 1, "no": 0}


def test_the_bulk_rebuild_and_the_migration_backfill_agree_with_the_kept_tally(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    readers = [make.user() for _ in range(3)]
    said(make, article, readers[0], "yes", 30)
    said(make, article, readers[0], "no", 20)
    said(make, article, readers[1], "no", 25)
    rejected = said(make, article, readers[1], "yes", 15)
    set_status(rejected, REJECTED)
    said(make, article, readers[2], "it-depends", 10)
    anonymous = said(make, article, make.user(), "yes", 5)
    db.session.execute(sa.update(Comment).where(Comment.id == anonymous.id).values(author_id=None))
    kept = (tally(db, article), counted(db, article))
    assert kept[0] == {"yes": 1, "no": 2, "it-depends": 1}

    recount({article.id}, set())  # what imports and restores use; anonymous comments count for no one
    readers_with_an_author = {r.id for r in readers}
    assert tally(db, article) == {"yes": 0, "no": 2, "it-depends": 1}
    assert counted(db, article) == {user: row for user, row in kept[1].items() if user in readers_with_an_author}

    db.session.execute(sa.delete(StanceReader).where(StanceReader.article_id == article.id))
    for statement in import_module("migrations.versions.0019_tally").BACKFILL:
        db.session.execute(sa.text(statement))
    assert (tally(db, article), set(counted(db, article))) == ({"yes": 0, "no": 2, "it-depends": 1},
                                                               readers_with_an_author)


def test_posting_with_a_stance_costs_three_statements_more_than_without(make, db):
    from forum.actions.comments import post_comment
    from tests.conftest import recorded_sql

    article = make.article(question="Will it work?", stances=STANCES)
    policy = load_policy(db.session)
    costs = {}
    for stance_key in (None, "yes"):
        reader = make.user(published_count=50)
        with recorded_sql(db.session.connection()) as statements:
            post_comment(reader, article, f"My view, stance {stance_key}: it turns on the details.", policy,
                         stance_key=stance_key)
        costs[stance_key] = statements
    # Read what counts and what should, write the reader's row, move the count (one statement before).
    assert len(costs["yes"]) - len(costs[None]) == 3
