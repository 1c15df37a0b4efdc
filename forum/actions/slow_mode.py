"""Automatic slow mode: switched on by a burst of comments or flags on one article, and off again by itself
once the article has been quiet for the policy's period.

A burst counts people as well as acts: each reader (or flagger) counts for at most
AUTO_SLOW_ACTS_PER_PERSON acts in the minute, so two readers posting at the per-reader rate limit
cannot slow a thread for everyone. Both switches are conditional UPDATEs of the article row, so two
workers that see the same burst at once switch it (and log it) once.
"""
from datetime import datetime, timedelta

import sqlalchemy as sa

from forum import visibility
from forum.actions.visibility import bump_version
from forum.extensions import db
from forum.models import Article, Comment, Flag, SitePolicy, Verb
from forum.moderation import log

AUTO_SLOW_WINDOW = timedelta(minutes=1)  # the rates that switch slow mode on are per minute
# A reader in a lively back-and-forth writes two or three replies a minute; more than that from one
# person is that person's burst, which their own rate limit deals with, not the whole thread's.
AUTO_SLOW_ACTS_PER_PERSON = 3


def _burst(model, person_column, article_id: int, since: datetime, *where) -> tuple[int, int, int]:
    """(acts counted, all acts, people) on the article since `since`, each person counting for at most
    AUTO_SLOW_ACTS_PER_PERSON acts; one query."""
    per_person = (
        sa.select(sa.func.count().label("acts"))
        .select_from(model)
        .where(model.article_id == article_id, model.created_at > since, *where)
        .group_by(person_column)
        .subquery()
    )
    capped = sa.case((per_person.c.acts > AUTO_SLOW_ACTS_PER_PERSON, AUTO_SLOW_ACTS_PER_PERSON),
                     else_=per_person.c.acts)
    counted, everything, people = db.session.execute(sa.select(
        sa.func.coalesce(sa.func.sum(capped), 0), sa.func.coalesce(sa.func.sum(per_person.c.acts), 0),
        sa.func.count(),
    )).one()
    return int(counted), int(everything), int(people)


def slow_down_if_commenting_boils(article: Article, policy: SitePolicy, now: datetime) -> None:
    """After a comment: slow the article down if accepted comments arrive faster than the policy allows."""
    _slow_down_if_over(article, policy, now, policy.auto_slow_posts_per_minute, "comments",
                       lambda since: _burst(Comment, Comment.author_id, article.id, since,
                                            visibility.ACCEPTED.clause()))


def slow_down_if_flag_storm(article: Article, policy: SitePolicy, now: datetime) -> None:
    """After a flag: the same, for flags."""
    _slow_down_if_over(article, policy, now, policy.auto_slow_flags_per_minute, "flags",
                       lambda since: _burst(Flag, Flag.user_id, article.id, since))


def _slow_down_if_over(article: Article, policy: SitePolicy, now: datetime, per_minute: int, what: str,
                       burst) -> None:
    if not per_minute:
        return
    automatic = article.slow_mode_until is not None
    if article.slow_mode_minutes and not automatic:
        return  # a moderator's slow mode: theirs to lift
    counted, everything, people = burst(now - AUTO_SLOW_WINDOW)
    if counted < per_minute:
        return
    until = now + timedelta(minutes=policy.auto_slow_quiet_minutes)
    if automatic:
        # Still boiling: the quiet period starts again; one act was logged when it began.
        _update_article(article, Article.slow_mode_until.is_not(None), slow_mode_until=until)
        return
    reason = f"automatic: {everything} {what} from {people} {'reader' if people == 1 else 'readers'} in the last minute"
    switched = _update_article(article, Article.slow_mode_minutes.is_(None), slow_mode_minutes=policy.auto_slow_minutes,
                               slow_mode_reason=reason, slow_mode_until=until)
    if switched:
        log.record(None, Verb.SLOW_MODE, article=article, reason=reason,
                   details={"minutes": policy.auto_slow_minutes, "until": until.isoformat()})
        bump_version(article.id)


def end_automatic_slow_mode_if_due(article: Article, policy: SitePolicy, now: datetime) -> None:
    """Switch an automatic slow mode off once its quiet period is over (read on the row the caller loaded:
    no query unless it is due)."""
    until = article.slow_mode_until
    if until is None or until > now:
        return
    ended = _update_article(article, Article.slow_mode_until.is_not(None) & (Article.slow_mode_until <= now),
                            slow_mode_minutes=None, slow_mode_reason=None, slow_mode_until=None)
    if ended:
        log.record(None, Verb.NORMAL_MODE, article=article,
                   reason=f"automatic: no burst for {policy.auto_slow_quiet_minutes} minutes "
                          f"(since {until - timedelta(minutes=policy.auto_slow_quiet_minutes):%H:%M} UTC)",
                   details={"minutes": None, "ended_at": until.isoformat()})
        bump_version(article.id)


def _update_article(article: Article, condition, **values) -> bool:
    """One UPDATE of the article's row if `condition` still holds there (another worker may have got there
    first); the loaded row is refreshed either way. True when this call changed it."""
    result = db.session.execute(
        sa.update(Article).where(Article.id == article.id, condition).values(**values)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(article, ["slow_mode_minutes", "slow_mode_reason", "slow_mode_until"])
    return result.rowcount == 1
