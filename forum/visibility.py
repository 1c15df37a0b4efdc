"""Who sees which comment and article, and how a comment's status may change.

Each rule is written once and given twice: as a predicate on a row in hand (a permalink, the
tree of a thread page) and as a SQL clause for queries (threads, profiles, feeds, queues), so
that no two pages can disagree about what a viewer sees (issue 12). This is the only module
that compares statuses; the others ask it. Pure: no request, no session, no writes.
"""
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum.models import Article, ArticleStatus, Comment, CommentStatus

PENDING, PUBLISHED, REJECTED, SPAM, DELETED = (
    CommentStatus.PENDING, CommentStatus.PUBLISHED, CommentStatus.REJECTED, CommentStatus.SPAM, CommentStatus.DELETED,
)


@dataclass(frozen=True)
class Statuses:
    """A named set of comment statuses: `rule(comment)` asks it of a row in hand, `rule.clause()` of rows in
    SQL, and `status in rule` of a bare status."""

    members: frozenset[CommentStatus]

    def __call__(self, comment) -> bool:
        return comment.status in self.members

    def __contains__(self, status) -> bool:
        return status in self.members

    def clause(self, entity=Comment):
        if len(self.members) == 1:
            [status] = self.members
            return entity.status == status
        return entity.status.in_(sorted(self.members))


PUBLIC = Statuses(frozenset({PUBLISHED}))  # everyone sees it, and it counts in the thread
HELD = Statuses(frozenset({PENDING}))  # waits for a moderator: the pipeline, the flags or an undo held it
REJECTED_ONLY = Statuses(frozenset({REJECTED}))  # refused with a reason its author may appeal against
SPAM_ONLY = Statuses(frozenset({SPAM}))
# Refused by a moderator or the rules: these count against the author's standing.
REMOVED = Statuses(frozenset({REJECTED, SPAM}))
WITHDRAWN = Statuses(frozenset({DELETED}))  # by its author: final, and its text is gone
# Reached the thread or a queue rather than being refused outright (what slow mode counts).
ACCEPTED = Statuses(frozenset({PUBLISHED, PENDING}))
EDITABLE = Statuses(frozenset({PUBLISHED, PENDING}))  # its author may still change the text (permissions.py)


# --- The life cycle of a comment ---

# Every move a comment's status may make, and who makes it. forum/actions/visibility.py's set_status
# refuses any other; a status may stay as it is only where an act re-decides without changing it.
TRANSITIONS: dict[CommentStatus, frozenset[CommentStatus]] = {
    # Held: a moderator approves, rejects or marks it as spam; an edit is checked again and stays held;
    # its author deletes it.
    PENDING: frozenset({PENDING, PUBLISHED, REJECTED, SPAM, DELETED}),
    # Published: flags, a held edit or an undone approval hold it; a moderator keeps it up (approving a
    # reported comment), rejects it or marks it as spam; an edit that passes keeps it; its author deletes it.
    PUBLISHED: frozenset({PUBLISHED, PENDING, REJECTED, SPAM, DELETED}),
    # Rejected: an appeal granted, a moderator's approval or an undo publish it; an undo holds it again;
    # a moderator calls it spam, or rejects it again to correct the reason; its author deletes it.
    REJECTED: frozenset({PUBLISHED, PENDING, REJECTED, SPAM, DELETED}),
    SPAM: frozenset({PUBLISHED, PENDING, REJECTED, DELETED}),
    DELETED: frozenset(),  # final: nothing brings back what its author withdrew
}
# The statuses a new comment may start in (the pipeline's decisions; imports also bring deleted ones).
INITIAL = frozenset({PENDING, PUBLISHED, REJECTED, SPAM, DELETED})


def transition_refusal(old: CommentStatus | None, new: CommentStatus) -> str | None:
    """Why a comment may not move from `old` (None: a new comment) to `new`, or None when it may."""
    allowed = INITIAL if old is None else TRANSITIONS[old]
    if new in allowed:
        return None
    if old is DELETED:
        return "Its author deleted this comment: nothing can bring it back."
    if old == new:
        return f"This comment is {new.value} already."
    return f"A {old.value} comment cannot become {new.value}."


def changed_since(comment, seen_status: str) -> bool:
    """Whether `comment` is no longer in the status (by value) someone saw it in: a decision made on
    what they saw no longer applies."""
    return comment.status.value != seen_status


def statuses_that_may_become(new: CommentStatus) -> Statuses:
    """Every status from which `new` may be reached: for changes made in bulk (a deleted account's comments)."""
    return Statuses(frozenset(old for old, allowed in TRANSITIONS.items() if new in allowed))


def status_after_edit(comment, decided: CommentStatus) -> CommentStatus:
    """The status an author's edit leaves: the pipeline's decision, except that an edit never lets a held
    comment out of its hold. People's holds stay theirs to lift (issue 12: editing undid a flag-hide,
    unlogged); and a hold the rules made stays too, or a troll rewords until something passes, and the
    moderators never see what was first written (outside test 6: "did a child write this?", held, went
    out on the second rewording). The moderator reads the edited text with its revisions."""
    return PENDING if was_held(comment) else decided


def was_held(comment) -> bool:
    """Whether a comment already stored waits for a moderator (a new one is not decided yet, whatever its status)."""
    return comment.id is not None and HELD(comment)


def tombstone_kind(comment) -> str:
    """What a withdrawn comment kept for its replies' sake says it is: "deleted" (by its author),
    "held" (waiting for a moderator) or "removed" (by a moderator or the rules)."""
    if WITHDRAWN(comment):
        return "deleted"
    return "held" if HELD(comment) else "removed"


# --- Articles ---

def article_is_public(article) -> bool:
    """Published: everyone may read it, and moderators may act on its thread. A draft is its writers' alone."""
    return article.status == ArticleStatus.PUBLISHED


def public_articles(entity=Article):
    return entity.status == ArticleStatus.PUBLISHED


def listed_articles():
    """Parley's own published articles, for its lists and feeds: external stories (threads embedded on
    other sites) live on their publishers' pages."""
    return sa.and_(public_articles(), Article.external_url.is_(None))


# --- Viewers ---

@dataclass(frozen=True)
class Viewer:
    """Who is looking, as far as seeing is concerned."""

    id: int | None = None  # None: a visitor who is not signed in
    staff: bool = False  # moderators and admins see every comment but the deleted ones
    admin: bool = False  # admins also see drafts


VISITOR = Viewer()
MODERATOR = Viewer(staff=True)  # any moderator: what the queues and the moderators' digest count


def viewer_of(user) -> Viewer:
    """The Viewer for a user, None, an anonymous visitor, or a Viewer already."""
    if isinstance(user, Viewer):
        return user
    if user is None or not getattr(user, "is_authenticated", False):
        return VISITOR
    return Viewer(user.id, user.is_moderator, user.is_admin)


def can_see_article(user, article) -> bool:
    return article_is_public(article) or viewer_of(user).admin


def articles_seen_by(user, entity=Article):
    return sa.true() if viewer_of(user).admin else public_articles(entity)


# --- Comments ---

def _sees_status(viewer: Viewer, comment) -> bool:
    if PUBLIC(comment):
        return True
    if WITHDRAWN(comment):
        return False  # its text is gone; where it has replies a tombstone stands in (shows_in_thread)
    return viewer.staff or (viewer.id is not None and comment.author_id == viewer.id)


def _status_clause(viewer: Viewer, entity):
    if viewer.staff:
        return entity.status != DELETED
    if viewer.id is None:
        return PUBLIC.clause(entity)
    return sa.or_(PUBLIC.clause(entity), sa.and_(entity.author_id == viewer.id, entity.status != DELETED))


def can_see_comment(user, comment, article=None) -> bool:
    """Whether `user` sees `comment` itself (not as a tombstone): published ones are everyone's, held,
    rejected and spam ones their author's and the moderators', deleted ones nobody's; and only on an
    article the user sees. `article` defaults to comment.article."""
    viewer = viewer_of(user)
    return can_see_article(viewer, article if article is not None else comment.article) and \
        _sees_status(viewer, comment)


def comments_seen_by(user, entity=Comment, articles_known_visible: bool = False):
    """The SQL form of can_see_comment. `articles_known_visible`: the query is confined to one article
    the viewer sees already (a thread), so the article's status need not be asked again."""
    viewer = viewer_of(user)
    clause = _status_clause(viewer, entity)
    if articles_known_visible or viewer.admin:
        return clause
    return sa.and_(clause, sa.exists().where(Article.id == entity.article_id, public_articles()))


def shows_as_tombstone(comment) -> bool:
    """A top-level comment nobody else sees any more, kept so that its published replies keep their place
    (reply_count counts them, on top-level comments only)."""
    return not PUBLIC(comment) and comment.reply_count > 0


def shows_in_thread(user, comment) -> bool:
    """What a permalink may open: the comment as the thread shows it to `user`, itself or as a tombstone."""
    return can_see_comment(user, comment) or (can_see_article(user, comment.article) and shows_as_tombstone(comment))


# Made once: the first use of each attribute of a fresh alias builds it (about 0.5 ms), and this clause
# is asked for on every page rendered for a signed-in reader and every comment posted.
_REPLY = aliased(Comment, name="reply")


def thread_roots_seen_by(user, entity=Comment):
    """Top-level comments a thread shows `user` (its article is known to be visible): the ones they see,
    and tombstones of the others under which they see a reply."""
    viewer = viewer_of(user)
    shown = [_status_clause(viewer, entity), sa.and_(~PUBLIC.clause(entity), entity.reply_count > 0)]
    if viewer.id is not None:
        # Replies reply_count leaves out: one's own held ones, and every held one for moderators.
        shown.append(sa.exists().where(_REPLY.root_id == entity.id, ~PUBLIC.clause(_REPLY),
                                       _status_clause(viewer, _REPLY)))
    return sa.or_(*shown)


def is_featured(comment) -> bool:
    """Pinned above the thread: featured and published (leaving published unpins it: set_status)."""
    return comment.featured_at is not None and PUBLIC(comment)


def featured_clause(entity=Comment):
    return sa.and_(entity.featured_at.is_not(None), PUBLIC.clause(entity))
