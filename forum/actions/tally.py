"""The stance tally: each reader counts once per article, with the stance of their most recent published
top-level comment that takes one.

StanceReader holds each reader's counted stance and ArticleStance.reader_count the readers per stance. Both
change in the transaction that changes a comment's visibility or stance (retally, called by
actions/visibility.py and actions/comments.py), in SQL, and the recomputation reads only that reader's
comments on that article (ix_comments_author_article, from the newest): never the thread. Bulk changes
(imports, a restore, a deleted account, an article's stances edited) rebuild the threads they touched.

Comments without an author (anonymous imports, a deleted account's kept comments) count for no one: the
tally says "N readers", and such a comment cannot be told apart from another by the same unknown person.
"""
import sqlalchemy as sa

from forum import visibility
from forum.actions.batches import chunks
from forum.extensions import db
from forum.models import ArticleStance, Comment, StanceReader

# A concurrent change to the same reader's row (two moderators deciding two of their comments at once, an edit
# meanwhile) makes a guarded write miss; the reader is then read again. Each miss means another transaction's
# change for this reader committed, so this bounds how many may race for one reader (the test races eight).
MAX_TRIES = 10
READERS = StanceReader.__table__


class TallyConflict(RuntimeError):
    """The reader's counted stance kept changing under us: the transaction must be retried."""


def counts_in_tally(comment: Comment) -> bool:
    """Whether `comment` can set its author's counted stance at all (published or not)."""
    return comment.parent_id is None and comment.author_id is not None


def retally(article_id: int, user_id: int) -> None:
    """Set the reader's counted stance on the article from their comments, moving the tally if it changed."""
    for _ in range(MAX_TRIES):
        if _settle(article_id, user_id):
            return
    raise TallyConflict(f"the counted stance of reader {user_id} on article {article_id} kept changing")


def _settle(article_id: int, user_id: int) -> bool:
    """One read and at most two writes; False when a concurrent change made a guarded write miss."""
    # What should count (bounded: this reader's comments on this article) and what counts now, in one round trip.
    latest = (
        sa.select(Comment.id, Comment.stance_id)
        .where(Comment.article_id == article_id, Comment.author_id == user_id, Comment.parent_id.is_(None),
               Comment.stance_id.is_not(None), visibility.PUBLIC.clause())
        .order_by(Comment.created_at.desc(), Comment.id.desc())
        .limit(1)
        .subquery()
    )
    counted = sa.select(StanceReader.comment_id, StanceReader.stance_id).where(
        StanceReader.article_id == article_id, StanceReader.user_id == user_id).subquery()
    one = sa.select(sa.literal_column("1").label("one")).subquery()
    row = db.session.execute(
        sa.select(latest.c.id, latest.c.stance_id, counted.c.comment_id, counted.c.stance_id)
        .select_from(one).outerjoin(latest, sa.true()).outerjoin(counted, sa.true())
    ).one()
    new_comment, new_stance, old_comment, old_stance = row
    if new_comment == old_comment and new_stance == old_stance:
        return True
    mine = (READERS.c.article_id == article_id) & (READERS.c.user_id == user_id)
    if old_comment is None:
        written = _insert_if_absent(article_id, user_id, new_stance, new_comment)
    elif new_comment is None:
        written = db.session.execute(sa.delete(READERS).where(mine, READERS.c.comment_id == old_comment,
                                                              READERS.c.stance_id == old_stance)).rowcount
    else:
        written = db.session.execute(
            sa.update(READERS).where(mine, READERS.c.comment_id == old_comment, READERS.c.stance_id == old_stance)
            .values(comment_id=new_comment, stance_id=new_stance)
        ).rowcount
    if not written:
        return False
    _move(old_stance, new_stance)
    return True


def _insert_if_absent(article_id: int, user_id: int, stance_id: int, comment_id: int) -> int:
    """Insert the reader's row unless a concurrent transaction just did; the rows inserted (0 or 1)."""
    values = dict(article_id=article_id, user_id=user_id, stance_id=stance_id, comment_id=comment_id)
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    statement = (insert(READERS).values(**values).on_conflict_do_nothing(index_elements=["article_id", "user_id"])
                 .returning(READERS.c.id))
    # RETURNING rather than the row count, which this INSERT leaves at -1 on PostgreSQL.
    return len(db.session.execute(statement).all())


def _move(old_stance: int | None, new_stance: int | None) -> None:
    """One reader leaves `old_stance` and joins `new_stance` (either may be None): one UPDATE."""
    if old_stance == new_stance:
        return
    ids = [s for s in (old_stance, new_stance) if s is not None]
    db.session.execute(
        sa.update(ArticleStance).where(ArticleStance.id.in_(ids))
        .values(reader_count=ArticleStance.reader_count + sa.case((ArticleStance.id == new_stance, 1), else_=-1))
        .execution_options(synchronize_session=False)
    )


def forget_reader(user_id: int) -> None:
    """A deleted account counts for no stance any more (its kept comments lose their author)."""
    db.session.execute(
        sa.update(ArticleStance)
        .where(ArticleStance.id.in_(sa.select(StanceReader.stance_id).where(StanceReader.user_id == user_id)))
        .values(reader_count=ArticleStance.reader_count - 1)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(sa.delete(StanceReader).where(StanceReader.user_id == user_id))


def rebuild(article_ids) -> None:
    """Set these articles' counted stances and tallies from their comments (bulk changes only: this reads
    each whole thread)."""
    for part in chunks(sorted(set(article_ids))):
        db.session.execute(sa.delete(StanceReader).where(StanceReader.article_id.in_(part)))
        db.session.execute(sa.insert(StanceReader).from_select(
            ["article_id", "user_id", "stance_id", "comment_id"], latest_stance_comments(part)))
        db.session.execute(
            sa.update(ArticleStance).where(ArticleStance.article_id.in_(part))
            .values(reader_count=sa.select(sa.func.count()).where(StanceReader.stance_id == ArticleStance.id)
                    .scalar_subquery())
            .execution_options(synchronize_session=False)
        )


def latest_stance_comments(article_ids):
    """(article_id, user_id, stance_id, comment_id) of each reader's counted comment on these articles."""
    ranked = (
        sa.select(Comment.article_id, Comment.author_id, Comment.stance_id, Comment.id,
                  sa.func.row_number().over(partition_by=(Comment.article_id, Comment.author_id),
                                            order_by=(Comment.created_at.desc(), Comment.id.desc())).label("rank"))
        .where(Comment.article_id.in_(article_ids), Comment.author_id.is_not(None), Comment.parent_id.is_(None),
               Comment.stance_id.is_not(None), visibility.PUBLIC.clause())
        .subquery()
    )
    return sa.select(ranked.c.article_id, ranked.c.author_id, ranked.c.stance_id, ranked.c.id).where(ranked.c.rank == 1)
