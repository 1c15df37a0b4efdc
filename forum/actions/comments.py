"""Readers' comments: post, reply, edit, delete, react.

A new or edited comment goes through the moderation pipeline, which decides its status
and says why; the status then changes only through visibility.set_status, and an edit never
lets a held comment out of its hold (forum/visibility.py).
"""
import hashlib
import time
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa
from sqlalchemy.orm import aliased

from forum import visibility
from forum.actions.errors import Forbidden, Refused
from forum.actions import tally
from forum.actions.slow_mode import end_automatic_slow_mode_if_due, slow_down_if_commenting_boils
from forum.actions.visibility import bump_version, set_status
from forum.extensions import db
from forum.markup import RENDERER_VERSION, TooMuchFormatting, render_comment, shows_something
from forum.models import (
    Article, ArticleStance, Comment, CommentRevision, CommentStatus, Reaction, ReactionKind, SitePolicy, User, Verb,
)
from forum.moderation import log, registry
from forum.moderation.classifier import Classifier
from forum.moderation.harassment import FOLLOWING_WINDOW_HOURS, Following, mentioned_names
from forum.moderation.pipeline import (
    CHECK_BUDGET_SECONDS, Decision, Duplicate, classifier_reading, decide, is_staff, standing_refusal, uncollected,
)
from forum.moderation.scorer import Scorer, default_scorer
from forum.moderation.words import normalise
from forum.permissions import Action, can, comments_closed
from forum.ranking import wilson_lower_bound
from forum.wording import plural

MAX_COMMENT_CHARS = 10_000  # after trimming; a long essay fits, a pasted book does not
# Emphasis delimiters and link openers: each can open an element, and rendering costs grow with elements,
# not with prose (10,000 characters of `*[a](b)` took 50 times as long as prose; outside test, finding 4).
# An emphatic comment uses a few dozen, pasted code with snake_case names a few hundred.
MARKUP_MAX_CHARS = 1_000
MARKUP_CHARACTERS = "*_["
DUPLICATE_WINDOW = timedelta(days=1)  # the same text again within this time is held as spam
# How far back the following check reads one author's comments: more than a day's worth for nearly
# everyone, and a bound on the query's cost for an author who posts all day (ix_comments_author).
FOLLOWING_RECENT_COMMENTS = 200


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _clean_body(body: str) -> str:
    text = (body or "").strip()
    if not text:
        raise Refused("Write something first: the comment is empty.", field="body")
    if len(text) > MAX_COMMENT_CHARS:
        raise Refused(
            f"A comment may be at most {MAX_COMMENT_CHARS:,} characters; this one has {len(text):,}.",
            field="body",
        )
    markup = sum(text.count(char) for char in MARKUP_CHARACTERS)
    if markup > MARKUP_MAX_CHARS:
        raise Refused(f"This comment has {markup:,} formatting characters ({' '.join(MARKUP_CHARACTERS)}); a comment "
                      f"may have {MARKUP_MAX_CHARS:,} at most. Please simplify it; your text is kept below.",
                      field="body")
    if not shows_something(text):  # outside test, finding 14: a zero-width space was published as a blank comment
        raise Refused("Write something first: the comment has only spaces or invisible characters "
                      "(such as zero-width spaces), so nothing would show.", field="body")
    return text


def preview_comment(body: str) -> str:
    """The HTML `body` would be shown as. The length rule is checked first: the renderer's cost
    grows faster than the text (bleach on many entities), so an over-long text is never rendered."""
    return _render(_clean_body(body))


def _render(text: str) -> str:
    try:
        return render_comment(text)
    except TooMuchFormatting:
        raise Refused("This comment is almost all formatting (quotes, lists or emphasis on nearly every "
                      "character). Please simplify it; your text is kept below.", field="body") from None


def _stance_for(article: Article, stance_key: str | None, is_reply: bool) -> ArticleStance | None:
    if not stance_key:
        return None
    if is_reply:
        raise Refused("A stance goes with a top-level comment, not a reply.", field="stance")
    for stance in article.stances:
        if stance.key == stance_key:
            return stance
    raise Refused("Choose one of the article's stances, or none.", field="stance")


def _refuse_posting(author: User, article: Article, policy: SitePolicy, now: datetime) -> None:
    """Raise Forbidden with the reason a reader may not post here at all, if there is one."""
    refusal = standing_refusal(author, now)
    if refusal:
        raise Forbidden(refusal)
    if not policy.commenting_enabled:
        raise Forbidden(policy.commenting_off_message or "Commenting is switched off on this site for now.")
    if comments_closed(article, policy, now):
        raise Forbidden("Comments on this article are closed.")


def _refuse_too_soon(author: User, article: Article, now: datetime) -> None:
    """Slow mode: one comment per reader every N minutes on this article. Moderators and admins are
    not slowed: they calm a heated thread by writing in it."""
    if not article.slow_mode_minutes or author.is_moderator:
        return
    last = db.session.scalar(
        sa.select(sa.func.max(Comment.created_at))
        .where(Comment.author_id == author.id, Comment.article_id == article.id)
    )
    if last is None:
        return
    if last.tzinfo is None:
        last = last.replace(tzinfo=timezone.utc)
    next_allowed = last + timedelta(minutes=article.slow_mode_minutes)
    if now < next_allowed:
        why = f" ({article.slow_mode_reason})" if article.slow_mode_reason else ""
        raise Refused(
            f"Slow mode is on for this discussion{why}: one comment every "
            f"{plural(article.slow_mode_minutes, 'minute')}. You can post again at {next_allowed.strftime('%H:%M:%S UTC')}; your text is kept below.",
            field="body",
        )


def content_hash(text: str) -> str:
    """The same words, however cased, spaced or disguised, hash alike."""
    return hashlib.sha256(normalise(text).encode()).hexdigest()  # normalise() leaves single spaces


def _find_duplicate(comment: Comment, author: User, now: datetime) -> Duplicate | None:
    earlier = db.session.execute(
        sa.select(Comment.id, Comment.author_id)
        .where(Comment.content_hash == comment.content_hash, Comment.id != comment.id,
               Comment.created_at > now - DUPLICATE_WINDOW)
        .order_by(Comment.id)
        .limit(1)
    ).first()
    if earlier is None:
        return None
    return Duplicate(earlier.id, same_author=earlier.author_id == author.id)


def _find_following(comment: Comment, author: User, article: Article, now: datetime) -> Following | None:
    """Of the people this comment names (@name) or replies to, the one its author has named or replied to in
    the most other threads within the window, counting this thread too. One query over the author's
    latest comments."""
    names = mentioned_names(comment.body_source)
    if not names and comment.parent_id is None:
        return None
    earlier, their_parent = aliased(Comment), aliased(Comment)
    recent = (
        sa.select(earlier.article_id, earlier.body_source, their_parent.author_id.label("replied_to"))
        .outerjoin(their_parent, their_parent.id == earlier.parent_id)
        .where(earlier.author_id == author.id, earlier.article_id != article.id,
               earlier.created_at > now - timedelta(hours=FOLLOWING_WINDOW_HOURS))
        .order_by(earlier.created_at.desc())
        .limit(FOLLOWING_RECENT_COMMENTS)
        .subquery()
    )

    def threads_where(condition):
        return sa.func.count(sa.distinct(sa.case((condition, recent.c.article_id))))

    columns = [threads_where(recent.c.body_source.icontains("@" + name, autoescape=True)) for name in names]
    if comment.parent_id is not None:
        parent = aliased(Comment)
        parent_author = sa.select(parent.author_id).where(parent.id == comment.parent_id).scalar_subquery()
        columns += [threads_where(recent.c.replied_to == parent_author),
                    sa.func.max(sa.select(User.username).where(User.id == parent_author,
                                                                User.id != author.id).scalar_subquery())]
    row = db.session.execute(sa.select(*columns).select_from(recent)).one()
    found = list(zip(names, row[:len(names)]))
    if comment.parent_id is not None and row[-1] is not None:
        found.append((row[-1], row[-2]))
    if not found:
        return None
    target, others = max(found, key=lambda pair: pair[1])
    return Following(target, others + 1) if others else None


class _VerdictsInAdvance:
    """A classifier's verdicts on one text, worked out before the author's lock (post_comment): the model
    takes about a millisecond a comment, which the author's next post need not wait for under the lock.
    Any other text goes to the classifier."""

    def __init__(self, classifier: Classifier, text: str):
        load = getattr(classifier, "load", None)
        if load is not None:
            load()  # as decide() does: a model read once per process is not this comment's cost
        with uncollected():  # as decide() does: the process's collections are not this comment's cost
            started = time.thread_time()
            self.text = classifier_reading(text)  # what decide() will ask about (its quotes and @names left out)
            self.classifier, self.answer = classifier, classifier.verdicts(self.text)
            self.seconds = time.thread_time() - started  # counted in the pipeline's budget (_moderate)

    def verdicts(self, text: str):
        return self.answer if text == self.text else self.classifier.verdicts(text)


def _moderate(comment: Comment, author: User, article: Article, policy: SitePolicy, scorer: Scorer | None,
              classifier: Classifier | _VerdictsInAdvance | None, now: datetime) -> Decision:
    comment.content_hash = content_hash(comment.body_source)
    # Decide before the first write: the pipeline takes CPU time (a worker's first call loads the
    # model), and on SQLite a flushed INSERT holds the one write lock of the database until commit.
    with db.session.no_autoflush:
        duplicate = _find_duplicate(comment, author, now)  # a new comment has no id yet: any row counts
        following = _find_following(comment, author, article, now)
    spent = classifier.seconds if isinstance(classifier, _VerdictsInAdvance) else 0.0
    decision = decide(
        comment.body_source, author, article.moderation_mode, policy, scorer or default_scorer(), duplicate,
        classifier=classifier or registry.active_classifier(db.session, policy), following=following,
        html=comment.body_html, budget_seconds=CHECK_BUDGET_SECONDS - spent,
    )
    if comment.id is None and visibility.PUBLIC(decision):
        decision = _read_with_the_sentence_it_ends(comment, author, article, policy, scorer, classifier, now) or decision
    # Held, it stays held (visibility.status_after_edit), keeping the reasons it was held for and gaining the
    # pipeline's: its author is told the same rule, however it is reworded.
    kept = list(comment.reasons or []) if visibility.was_held(comment) else []
    comment.reasons = kept + [reason for reason in decision.reasons if reason not in kept]
    set_status(comment, visibility.status_after_edit(comment, decision.status))
    return decision


# A comment that goes on with the sentence its author's last comment left open, posted moments later, is read with
# it: "the person who wrote this" / "is a worthless" / "waste of space…" published its middle part (outside tests
# 6 and 7). It goes on when it starts in lower case and the earlier one ends without a full stop.
CONTINUATION_WINDOW = timedelta(minutes=10)
CONTINUED_TAIL_CHARS = 500  # of the earlier comment, read with this one: enough for the sentence it left open
# Only a short comment is read again so: a fragment is short, and a second reading of a long one would double its cost.
CONTINUATION_MAX_CHARS = 300
_SENTENCE_CLOSERS = frozenset(".!?…:;)]}\"'”’»")


def _read_with_the_sentence_it_ends(comment: Comment, author: User, article: Article, policy: SitePolicy,
                                     scorer: Scorer | None, classifier, now: datetime) -> Decision | None:
    """The decision on the author's open sentence and this comment read as one, if that holds what this alone did
    not; None otherwise. A query only for a comment that starts in lower case."""
    text = comment.body_source.lstrip()
    if not text[:1].islower() or len(text) > CONTINUATION_MAX_CHARS:
        return None
    with db.session.no_autoflush:
        earlier = db.session.scalar(
            sa.select(Comment.body_source)
            .where(Comment.author_id == author.id, Comment.article_id == article.id,
                   Comment.created_at > now - CONTINUATION_WINDOW)
            .order_by(Comment.created_at.desc(), Comment.id.desc())
            .limit(1))
    earlier = (earlier or "").rstrip()
    if not earlier or earlier[-1] in _SENTENCE_CLOSERS:
        return None
    joined = decide(earlier[-CONTINUED_TAIL_CHARS:] + " " + text, author, article.moderation_mode, policy,
                    scorer or default_scorer(), None,
                    classifier=classifier or registry.active_classifier(db.session, policy))
    if visibility.PUBLIC(joined):
        return None
    return Decision(joined.status, joined.reasons + ["read with the author's previous comment, whose sentence this one ends"])


def _one_post_at_a_time(author: User) -> None:
    """Hold the author's other posts until this one is stored or dropped.

    Slow mode and the same-text check read what the author posted before; two posts sent at once
    would both read before either was stored (outsider review: eight sent together in slow mode,
    five published). Writing the author's row takes its row lock on PostgreSQL and the write lock on
    SQLite until this transaction ends, so a second post checks after the first is in.
    """
    db.session.execute(sa.update(User).where(User.id == author.id).values(published_count=User.published_count)
                       .execution_options(synchronize_session=False))


def _refuse_reply_to_removed(author: User, parent: Comment, policy: SitePolicy, now: datetime, locked: bool) -> None:
    """Read the parent's status again, so that a rejection or deletion committed since the page was read is
    seen (outsider review: of nine replies sent while a moderator rejected their parent, eight were published).

    On PostgreSQL under the parent's row lock, taken before the author's as a moderator's decision takes the
    comment's row before its author's, so one still being written waits for this reply or this reply for it.
    SQLite has no row locks and reads outside its write transaction, so there it is read again once the
    write lock is held (`locked`)."""
    db.session.flush()  # a change to the parent made in this transaction is kept, not read over
    if sa.inspect(parent).persistent:  # (a parent made in this transaction has nothing newer to read)
        db.session.refresh(parent, attribute_names=["status"], with_for_update=not locked)
    if not can(author, Action.COMMENT_REPLY, parent, policy=policy, now=now):
        raise Forbidden("Only published comments take replies.")


def post_comment(author: User, article: Article, body: str, policy: SitePolicy,
                 parent: Comment | None = None, stance_key: str | None = None,
                 scorer: Scorer | None = None, now: datetime | None = None,
                 classifier: Classifier | None = None) -> Comment:
    """A new top-level comment (parent None) or reply; the pipeline decides whether it shows."""
    now = now or _now()
    _refuse_posting(author, article, policy, now)
    if parent is not None:
        if parent.article_id != article.id:
            raise Refused("That reply belongs to another article.")
        if not can(author, Action.COMMENT_REPLY, parent, policy=policy, now=now):
            raise Forbidden("Only published comments take replies.")
    elif not can(author, Action.COMMENT_POST, article, policy=policy, now=now):
        raise Forbidden("You may not comment on this article.")
    text = _clean_body(body)
    stance = _stance_for(article, stance_key, is_reply=parent is not None)
    html = _render(text)  # before the lock below: rendering a long text takes a while
    if not is_staff(author):  # whose comments the pipeline does not check
        classifier = _VerdictsInAdvance(classifier or registry.active_classifier(db.session, policy), text)
    on_sqlite = db.session.get_bind().dialect.name == "sqlite"
    if parent is not None and not on_sqlite:
        _refuse_reply_to_removed(author, parent, policy, now, locked=False)
    _one_post_at_a_time(author)
    if parent is not None and on_sqlite:
        _refuse_reply_to_removed(author, parent, policy, now, locked=True)
    end_automatic_slow_mode_if_due(article, policy, now)
    _refuse_too_soon(author, article, now)

    comment = Comment(
        article=article,
        author=author,
        parent_id=parent.id if parent else None,
        root_id=(parent.root_id or parent.id) if parent else None,
        parent_author_id=parent.author_id if parent else None,
        depth=parent.depth + 1 if parent else 0,
        stance_id=stance.id if stance else None,
        body_source=text,
        body_html=html,
        renderer_version=RENDERER_VERSION,
        status=CommentStatus.PENDING,
        created_at=now,
    )
    db.session.add(comment)
    _moderate(comment, author, article, policy, scorer, classifier, now)
    slow_down_if_commenting_boils(article, policy, now)
    return comment


def edit_comment(author: User, comment: Comment, body: str, policy: SitePolicy,
                 stance_key: str | None = None, scorer: Scorer | None = None,
                 classifier: Classifier | None = None) -> Comment:
    """Replace the text (and stance) of one's own comment; it goes through the pipeline again."""
    now = _now()
    refusal = standing_refusal(author, now)
    if refusal:
        raise Forbidden(refusal)
    if comment.author_id != author.id:
        raise Forbidden("Only its author can edit a comment.")
    if not can(author, Action.COMMENT_EDIT, comment, policy=policy, now=now):
        raise Forbidden("This comment can no longer be edited.")
    text = _clean_body(body)
    stance = _stance_for(comment.article, stance_key, is_reply=comment.is_reply)
    db.session.add(CommentRevision(
        comment_id=comment.id, body_source=comment.body_source, body_html=comment.body_html,
        stance_id=comment.stance_id, written_at=comment.edited_at or comment.created_at,
    ))
    new_stance_id = stance.id if stance else None
    if visibility.PUBLIC(comment) and new_stance_id != comment.stance_id and tally.counts_in_tally(comment):
        comment.stance_id = new_stance_id
        db.session.flush()  # the tally reads the reader's comments in SQL
        tally.retally(comment.article_id, comment.author_id)
    comment.stance_id = new_stance_id
    comment.body_source = text
    comment.body_html = _render(text)
    comment.body_format = "markdown"  # what was typed here, also over an imported comment's HTML
    comment.renderer_version = RENDERER_VERSION
    comment.edited_at = now
    _moderate(comment, author, comment.article, policy, scorer, classifier, now)
    return comment


def delete_comment(author: User, comment: Comment) -> None:
    """The author withdraws a comment for good: its text goes, and so does any appeal still open
    (set_status); a tombstone stands while it has replies."""
    if not can(author, Action.COMMENT_DELETE, comment):
        raise Forbidden("You may delete only your own comments.")
    set_status(comment, CommentStatus.DELETED)


def toggle_reaction(user: User, comment: Comment, kind: ReactionKind, policy: SitePolicy) -> ReactionKind | None:
    """Give, take back or switch one's reaction; returns the reaction now held (None: none)."""
    if not can(user, Action.COMMENT_REACT, comment, policy=policy):
        raise Forbidden("You cannot react to this comment.")
    # Lock the comment's row first (the counter update below takes it anyway): one reader's quick clicks
    # then run one after another and each sees the reaction the previous one committed, instead of
    # both inserting and one failing on the primary key (PostgreSQL, READ COMMITTED).
    db.session.execute(sa.select(Comment.id).where(Comment.id == comment.id).with_for_update(key_share=True))
    # Delete first and learn what was there, so two quick clicks can never count twice.
    removed = db.session.execute(
        sa.delete(Reaction)
        .where(Reaction.comment_id == comment.id, Reaction.user_id == user.id)
        .returning(Reaction.kind)
    ).scalar_one_or_none()
    held = None if removed == kind else kind
    if held is not None:
        db.session.add(Reaction(comment_id=comment.id, user_id=user.id, kind=held))
        db.session.flush()
    up = (held == ReactionKind.UP) - (removed == ReactionKind.UP)
    down = (held == ReactionKind.DOWN) - (removed == ReactionKind.DOWN)
    counts = db.session.execute(
        sa.update(Comment).where(Comment.id == comment.id)
        .values(up_count=Comment.up_count + up, down_count=Comment.down_count + down)
        .returning(Comment.up_count, Comment.down_count)
    ).one()
    db.session.execute(
        sa.update(Comment).where(Comment.id == comment.id)
        .values(score=wilson_lower_bound(counts.up_count, counts.down_count))
    )
    bump_version(comment.article_id)
    db.session.expire(comment, ["up_count", "down_count", "score"])
    return held
