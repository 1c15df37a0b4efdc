"""Moderators' acts and the reader-facing rules around them, called without HTTP: each act, its counters and its log row."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from forum.actions import Forbidden, Refused
from forum.actions.accounts import register_reader, set_role
from forum.actions.appeals import APPEAL_REASONS, appeal, decide_appeal
from forum.actions.comments import post_comment
from forum.actions.moderation import (
    StaleDecision, approve, bulk_decide, flag_comment, mark_spam, reject, set_comments_closed, set_featured,
    set_slow_mode, text_mark, undo_last,
)
from forum.models import (
    Appeal, AppealOutcome, Article, Comment, CommentStatus, Flag, FlagReason, ModerationAction, Role, User, Verb,
)
from forum.models.base import utcnow
from forum.moderation.scorer import NullScorer
from tests.factories import DEFAULT_PASSWORD, policy_with

GRANTED = APPEAL_REASONS[AppealOutcome.GRANTED][0]

def last_log_row(db, **where) -> ModerationAction:
    query = sa.select(ModerationAction).order_by(ModerationAction.id.desc()).limit(1)
    for name, value in where.items():
        query = query.where(getattr(ModerationAction, name) == value)
    return db.session.scalar(query)


def comment_count(db, article) -> int:
    return db.session.scalar(sa.select(Article.comment_count).where(Article.id == article.id))


def standing(db, user) -> tuple[int, int]:
    db.session.refresh(user)
    return user.published_count, user.rejected_count


def loaded_appeal(db, row: Appeal) -> Appeal:
    """An appeal with its comment, as the moderation view loads it."""
    return db.session.scalar(sa.select(Appeal).options(joinedload(Appeal.comment)).where(Appeal.id == row.id))


@pytest.fixture
def moderator(make):
    return make.user("moderator")


@pytest.fixture
def article(make):
    return make.article()


# Approve, reject, spam

def test_approve_publishes_counts_and_logs(db, make, moderator, article):
    author = make.user()
    comment = make.comment(article, status="pending", author=author)
    row = approve(moderator, comment)
    assert comment.status == CommentStatus.PUBLISHED
    assert comment_count(db, article) == 1
    assert standing(db, author) == (1, 0)
    assert (row.actor_id, row.verb, row.comment_id, row.reason) == (moderator.id, Verb.APPROVE, comment.id, "")


def test_reject_keeps_the_reason_for_the_author_and_logs_it(db, make, moderator, article):
    author = make.user()
    comment = make.comment(article, status="published", author=author)
    row = reject(moderator, comment, "  Personal attack on another reader ")
    assert comment.status == CommentStatus.REJECTED
    assert comment.rejection_reason == "Personal attack on another reader"
    assert comment_count(db, article) == 0
    assert standing(db, author) == (1, 1)
    assert (row.actor_id, row.verb, row.comment_id, row.reason) == (
        moderator.id, Verb.REJECT, comment.id, "Personal attack on another reader")


def test_a_rejection_needs_a_reason(make, moderator, article):
    comment = make.comment(article, status="pending")
    with pytest.raises(Refused) as refused:
        reject(moderator, comment, "  ")
    assert refused.value.field == "reason"
    assert comment.status == CommentStatus.PENDING


def test_spam_removes_and_logs(db, make, moderator, article):
    author = make.user()
    comment = make.comment(article, status="published", author=author)
    row = mark_spam(moderator, comment)
    assert comment.status == CommentStatus.SPAM
    assert comment_count(db, article) == 0
    assert standing(db, author) == (1, 1)
    assert (row.verb, row.comment_id, row.reason) == (Verb.SPAM, comment.id, "Spam")


@pytest.mark.parametrize("act", [
    lambda user, c: approve(user, c), lambda user, c: reject(user, c, "No"), lambda user, c: mark_spam(user, c),
    lambda user, c: set_featured(user, c, True), lambda user, c: undo_last(user, c),
])
def test_readers_cannot_moderate(make, article, act):
    comment = make.comment(article, status="published")
    with pytest.raises(Forbidden):
        act(make.user(), comment)


# Featuring

def test_feature_pins_a_published_top_level_comment_and_logs(db, make, moderator, article):
    comment = make.comment(article, status="published")
    row = set_featured(moderator, comment, True)
    assert comment.featured_at is not None
    assert (row.verb, row.comment_id) == (Verb.FEATURE, comment.id)
    row = set_featured(moderator, comment, False)
    assert comment.featured_at is None
    assert (row.verb, row.comment_id) == (Verb.UNFEATURE, comment.id)


def test_only_a_published_top_level_comment_can_be_featured(make, moderator, article):
    parent = make.comment(article, status="published")
    reply = make.comment(article, status="published", parent=parent)
    held = make.comment(article, status="pending")
    for comment in (reply, held):
        with pytest.raises(Refused):
            set_featured(moderator, comment, True)


# Undo

@pytest.mark.parametrize("start, act", [
    ("pending", lambda m, c: approve(m, c)),
    ("pending", lambda m, c: reject(m, c, "Off-topic")),
    ("published", lambda m, c: reject(m, c, "Off-topic")),
    ("published", lambda m, c: mark_spam(m, c)),
    ("rejected", lambda m, c: approve(m, c)),
])
def test_undo_restores_the_status_and_every_counter(db, make, moderator, article, start, act):
    author = make.user()
    comment = make.comment(article, status=start, author=author)
    before = (comment.status, comment_count(db, article), standing(db, author))
    act(moderator, comment)
    row = undo_last(moderator, comment)
    assert (comment.status, comment_count(db, article), standing(db, author)) == before
    assert row.verb == Verb.UNDO and row.reverts_id is not None
    assert db.session.get(ModerationAction, row.reverts_id).comment_id == comment.id


def test_undo_of_a_rejection_forgets_its_reason(make, moderator, article):
    comment = make.comment(article, status="pending")
    reject(moderator, comment, "Off-topic")
    undo_last(moderator, comment)
    assert comment.rejection_reason is None


def test_undo_of_an_approval_brings_back_the_flags_it_settled(db, make, moderator, article):
    comment = make.comment(article, status="published")
    policy = policy_with(flags_to_hide=3, auto_slow_flags_per_minute=0)
    for _ in range(2):  # two trusted readers: 2 + 2 ≥ 3
        flag_comment(make.trusted_flagger(), comment, FlagReason.ABUSE, "", policy)
    assert comment.status == CommentStatus.PENDING
    approve(moderator, comment)
    assert (comment.flag_weight, comment.flagged_at) == (0, None)
    undo_last(moderator, comment)
    assert comment.status == CommentStatus.PENDING
    assert comment.flag_weight == 4 and comment.flagged_at is not None
    open_flags = db.session.scalar(sa.select(sa.func.count()).select_from(Flag)
                                   .where(Flag.comment_id == comment.id, Flag.resolved_at.is_(None)))
    assert open_flags == 2


def test_undo_of_a_feature_unpins_and_of_an_unfeature_pins_again(make, moderator, article):
    comment = make.comment(article, status="published")
    set_featured(moderator, comment, True)
    undo_last(moderator, comment)
    assert comment.featured_at is None
    set_featured(moderator, comment, True)
    set_featured(moderator, comment, False)
    undo_last(moderator, comment)
    assert comment.featured_at is not None


def test_undo_takes_back_only_ones_own_acts_one_at_a_time(make, moderator, article):
    comment = make.comment(article, status="pending")
    approve(moderator, comment)
    reject(moderator, comment, "Second thoughts")
    undo_last(moderator, comment)
    assert comment.status == CommentStatus.PUBLISHED
    undo_last(moderator, comment)
    assert comment.status == CommentStatus.PENDING
    with pytest.raises(Refused, match="no act on this comment left to undo"):
        undo_last(moderator, comment)
    with pytest.raises(Refused):
        undo_last(make.user("moderator"), comment)


def test_undo_of_a_named_act_takes_back_that_act_and_never_an_older_one(make, moderator, article):
    """The queue's "u" names the act it made on the page: once that act is undone (here, or in another tab),
    pressing it again must not reach the moderator's earlier act on the same comment."""
    comment = make.comment(article, status="pending")
    older = approve(moderator, comment)
    newer = reject(moderator, comment, "Off-topic")
    with pytest.raises(StaleDecision, match="not your last one there any more"):
        undo_last(moderator, comment, only=older.id)
    undo_last(moderator, comment, only=newer.id)
    assert comment.status == CommentStatus.PUBLISHED
    with pytest.raises(StaleDecision):
        undo_last(moderator, comment, only=newer.id)
    assert comment.status == CommentStatus.PUBLISHED  # the approval made before stands


# Correcting a decision

def test_rejecting_again_corrects_the_reason_and_the_log_keeps_both_rows(db, make, moderator, article):
    author = make.user()
    comment = make.comment(article, status="pending", author=author)
    wrong = reject(moderator, comment, "Off-topic")
    right = reject(moderator, comment, "Threat or incitement")
    assert (comment.status, comment.rejection_reason) == (CommentStatus.REJECTED, "Threat or incitement")
    assert right.details["corrects"] == wrong.id and "corrects" not in wrong.details
    assert db.session.get(ModerationAction, wrong.id).reason == "Off-topic"  # the earlier row is kept as it was
    assert standing(db, author) == (0, 1)  # one rejected comment, not two


def test_the_same_reason_again_is_refused_rather_than_logged_twice(make, moderator, article):
    comment = make.comment(article, status="pending")
    reject(moderator, comment, "Off-topic")
    with pytest.raises(Refused, match="already rejected for that reason"):
        reject(moderator, comment, "Off-topic")


def test_undoing_a_correction_brings_back_the_earlier_reason(make, moderator, article):
    comment = make.comment(article, status="pending")
    reject(moderator, comment, "Off-topic")
    reject(moderator, comment, "Spam or advertising")
    undo_last(moderator, comment)
    assert (comment.status, comment.rejection_reason) == (CommentStatus.REJECTED, "Off-topic")


def test_a_decision_after_flags_hid_an_approved_comment_is_new_not_a_correction(db, make, moderator, article):
    comment = make.comment(article, status="pending")
    approve(moderator, comment)
    policy = policy_with(flags_to_hide=1, auto_slow_flags_per_minute=0)
    flag_comment(make.trusted_flagger(), comment, FlagReason.ABUSE, "", policy)
    assert comment.status == CommentStatus.PENDING
    assert "corrects" not in reject(moderator, comment, "Personal attack on another reader").details


def test_spam_after_a_rejection_corrects_it(make, moderator, article):
    comment = make.comment(article, status="pending")
    rejected = reject(moderator, comment, "Off-topic")
    assert mark_spam(moderator, comment).details["corrects"] == rejected.id


def test_undo_is_refused_once_someone_else_has_acted_since(make, moderator, article):
    """Undoing a rejection a colleague has since overturned would silently throw their approval away."""
    comment = make.comment(article, status="pending")
    reject(moderator, comment, "Off-topic")
    approve(make.user("moderator"), comment)
    with pytest.raises(StaleDecision, match="Someone else has acted on this comment since"):
        undo_last(moderator, comment)
    assert comment.status == CommentStatus.PUBLISHED


# Bulk

def test_bulk_approve_and_reject_decide_each_and_log_each(db, make, moderator, article):
    comments = [make.comment(article, status="pending") for _ in range(4)]
    assert bulk_decide(moderator, comments[:2], Verb.APPROVE).decided == comments[:2]
    assert bulk_decide(moderator, comments[2:], Verb.REJECT, "Spam or advertising").decided == comments[2:]
    assert [c.status for c in comments] == [CommentStatus.PUBLISHED] * 2 + [CommentStatus.REJECTED] * 2
    assert [c.rejection_reason for c in comments[2:]] == ["Spam or advertising"] * 2
    for comment, verb in zip(comments, [Verb.APPROVE, Verb.APPROVE, Verb.REJECT, Verb.REJECT]):
        assert last_log_row(db, comment_id=comment.id).verb == verb


def test_bulk_skips_what_changed_since_the_moderator_saw_it_and_says_why(db, make, moderator, article):
    """A single decision made on what the moderator saw is refused once the comment has moved on; a bulk one
    decides the rest and skips those, each with its reason."""
    kept, decided_meanwhile, edited = (make.comment(article, status="pending", body=f"Text {i}") for i in range(3))
    seen = {c.id: ("pending", text_mark(c.body_source)) for c in (kept, decided_meanwhile, edited)}
    approve(make.user("moderator"), decided_meanwhile)
    edited.body_source = "Text 2, now with a link to buy pills"
    outcome = bulk_decide(moderator, [kept, decided_meanwhile, edited], Verb.REJECT, "Off-topic", seen)
    assert outcome.decided == [kept] and kept.status == CommentStatus.REJECTED
    assert outcome.skipped == [(decided_meanwhile, "it was decided meanwhile (it is published now, not pending)"),
                               (edited, "its author edited the text after you loaded the queue")]
    assert (decided_meanwhile.status, edited.status) == (CommentStatus.PUBLISHED, CommentStatus.PENDING)
    assert last_log_row(db, comment_id=edited.id) is None


def test_bulk_acts_are_approve_and_reject_only_and_reject_needs_a_reason(make, moderator, article):
    comments = [make.comment(article, status="pending")]
    with pytest.raises(Refused):
        bulk_decide(moderator, comments, Verb.SPAM)
    with pytest.raises(Refused):
        bulk_decide(moderator, comments, Verb.REJECT, "")


# Flags

def flag(make, comment, policy, flagger=None, reason=FlagReason.ABUSE, note=""):
    return flag_comment(flagger or make.user(), comment, reason, note, policy)


def test_a_reader_flags_a_comment_once(db, make, article):
    comment = make.comment(article, status="published")
    flagger, policy = make.user(), policy_with()
    saved = flag(make, comment, policy, flagger, FlagReason.OFF_TOPIC)
    # A new reader's flag reports the comment (flagged_at: the reported queue) but weighs nothing towards hiding it.
    assert (saved.user_id, saved.reason, saved.weight) == (flagger.id, FlagReason.OFF_TOPIC, 0)
    assert comment.flag_weight == 0 and comment.flagged_at is not None
    assert comment.status == CommentStatus.PUBLISHED
    with pytest.raises(Refused, match="flagged this comment already"):
        flag(make, comment, policy, flagger)


def test_other_needs_a_short_note(make, article):
    comment = make.comment(article, status="published")
    with pytest.raises(Refused) as refused:
        flag(make, comment, policy_with(), reason=FlagReason.OTHER)
    assert refused.value.field == "note"
    assert flag(make, comment, policy_with(), reason=FlagReason.OTHER, note="Doxxing").note == "Doxxing"


def test_a_trusted_readers_flag_counts_double(make, article):
    comment = make.comment(article, status="published")
    trusted = make.trusted_flagger(article)
    assert flag(make, comment, policy_with(trusted_after=3, flags_to_hide=10), trusted).weight == 2
    assert comment.flag_weight == 2


def test_flags_reaching_the_threshold_hide_the_comment_in_the_systems_name(db, make, article):
    comment = make.comment(article, status="published")
    policy = policy_with(flags_to_hide=3, trusted_after=3, auto_slow_flags_per_minute=0)
    flag(make, comment, policy, make.trusted_flagger())
    assert comment.status == CommentStatus.PUBLISHED
    flag(make, comment, policy, make.trusted_flagger())  # 2 + 2 = 4
    assert comment.status == CommentStatus.PENDING
    assert comment.reasons[-1] == "hidden by flags: weight 4 ≥ 3"
    assert comment_count(db, article) == 0
    row = last_log_row(db, comment_id=comment.id)
    assert (row.actor_id, row.verb, row.reason) == (None, Verb.HIDE, "flag weight 4")


# Outside test, finding 5: two readers registered half an hour earlier, with a few comments published
# automatically, hid the admin's and a moderator's comments with two flags.

def _reader_with(make, article, joined_days_ago: float, comments: int = 5, published_hours_ago: float = 0,
                 approved_by=None):
    reader = make.user(published_count=comments)
    reader.created_at = utcnow() - timedelta(days=joined_days_ago)
    for _ in range(comments):
        comment = make.comment(article, author=reader, status="published" if approved_by is None else "pending")
        if approved_by is not None:
            approve(approved_by, comment)
        comment.published_at = utcnow() - timedelta(hours=published_hours_ago)
    return reader


@pytest.mark.parametrize("joined_days_ago, published_hours_ago, trusted", [
    (0.02, 0, False),  # the sock puppets: half an hour old, comments just published
    (3, 24 * 3, False),  # comments that stood, but the account is days old, not a week
    (30, 1, False),  # an old account whose comments were published automatically an hour ago
    (30, 24 * 3, True),  # an old account whose comments have stood for days
])
def test_a_flag_counts_double_only_from_an_account_a_week_old_with_comments_that_stood(
        make, article, joined_days_ago, published_hours_ago, trusted):
    reader = _reader_with(make, article, joined_days_ago, published_hours_ago=published_hours_ago)
    target = make.comment(article, status="published")
    weight = flag(make, target, policy_with(trusted_after=3, flags_to_hide=10), reader).weight
    assert weight == (2 if trusted else 0)


def test_comments_a_moderator_approved_count_towards_trust_at_once(make, article, moderator):
    reader = _reader_with(make, article, joined_days_ago=30, comments=3, approved_by=moderator)
    target = make.comment(article, status="published")
    assert flag(make, target, policy_with(trusted_after=3, flags_to_hide=10), reader).weight == 2


def test_rejected_comments_still_outweigh_comments_that_stood(make, article):
    reader = make.trusted_flagger(article, standing=4)
    reader.rejected_count = 1  # 4 - 2 × 1 < 3
    target = make.comment(article, status="published")
    assert flag(make, target, policy_with(trusted_after=3, flags_to_hide=10), reader).weight == 0


def test_sock_puppets_do_not_hide_a_comment(make, article):
    policy = policy_with(flags_to_hide=3, trusted_after=3, auto_slow_flags_per_minute=0)
    target = make.comment(article, status="published")
    for _ in range(2):
        flag(make, target, policy, _reader_with(make, article, joined_days_ago=0.02, comments=9))
    assert target.status == CommentStatus.PUBLISHED and target.flag_weight == 0
    assert target.flagged_at is not None  # in the reported queue for a person


@pytest.mark.parametrize("who", ["moderator", "admin", "featured"])
def test_staff_and_featured_comments_wait_for_a_person_instead_of_being_hidden(db, make, article, moderator, who):
    policy = policy_with(flags_to_hide=3, trusted_after=3, auto_slow_flags_per_minute=0)
    author = make.user("reader" if who == "featured" else who)
    target = make.comment(article, author=author, status="published")
    if who == "featured":
        set_featured(moderator, target, True)
    for _ in range(3):
        flag(make, target, policy, make.trusted_flagger(article))
    assert target.flag_weight == 6 and target.status == CommentStatus.PUBLISHED
    assert target.flagged_at is not None  # the reported queue shows it
    assert last_log_row(db, comment_id=target.id, verb=Verb.HIDE) is None


def test_a_threshold_of_zero_never_hides(make, article):
    comment = make.comment(article, status="published")
    policy = policy_with(flags_to_hide=0, auto_slow_flags_per_minute=0)
    for _ in range(4):
        flag(make, comment, policy)
    assert comment.status == CommentStatus.PUBLISHED


def test_nobody_flags_their_own_comment_or_an_unpublished_one(make, article):
    author = make.user()
    own = make.comment(article, status="published", author=author)
    held = make.comment(article, status="pending")
    with pytest.raises(Forbidden):
        flag(make, own, policy_with(), author)
    with pytest.raises(Forbidden):
        flag(make, held, policy_with())


def test_a_flag_storm_switches_slow_mode_on_in_the_systems_name(db, make, article):
    policy = policy_with(flags_to_hide=0, auto_slow_flags_per_minute=2, auto_slow_minutes=4)
    flag(make, make.comment(article, status="published"), policy)
    assert article.slow_mode_minutes is None
    flag(make, make.comment(article, status="published"), policy)
    assert article.slow_mode_minutes == 4
    row = last_log_row(db, article_id=article.id)
    assert (row.actor_id, row.verb) == (None, Verb.SLOW_MODE)
    assert row.reason == "automatic: 2 flags from 2 readers in the last minute"


# Heat: slow mode, closing, commenting off

def test_slow_mode_allows_one_comment_per_reader_per_period(db, make, moderator, article):
    set_slow_mode(moderator, article, 10, "Heated thread")
    row = last_log_row(db, article_id=article.id)
    assert (row.actor_id, row.verb, row.reason, row.details) == (
        moderator.id, Verb.SLOW_MODE, "Heated thread", {"minutes": 10})
    policy, reader = policy_with(auto_slow_posts_per_minute=0), make.user()
    start = utcnow()
    post_comment(reader, article, "First thought.", policy, scorer=NullScorer(), now=start)
    with pytest.raises(Refused) as refused:
        post_comment(reader, article, "Second thought.", policy, scorer=NullScorer(), now=start + timedelta(minutes=3))
    allowed_at = (start + timedelta(minutes=10)).strftime("%H:%M:%S UTC")
    assert refused.value.field == "body"
    assert f"You can post again at {allowed_at}" in refused.value.message
    assert "(Heated thread)" in refused.value.message
    post_comment(make.user(), article, "Another reader is not held back.", policy, scorer=NullScorer(), now=start)
    later = post_comment(reader, article, "Later thought.", policy, scorer=NullScorer(),
                         now=start + timedelta(minutes=10, seconds=1))
    assert later.status == CommentStatus.PUBLISHED


def test_slow_mode_does_not_hold_back_the_moderators_calming_the_thread(db, make, moderator, article):
    set_slow_mode(moderator, article, 10, "Heated thread")
    policy, start = policy_with(auto_slow_posts_per_minute=0), utcnow()
    post_comment(moderator, article, "Please keep it civil.", policy, scorer=NullScorer(), now=start)
    again = post_comment(moderator, article, "And on topic, thank you.", policy, scorer=NullScorer(),
                         now=start + timedelta(minutes=1))
    assert again.status == CommentStatus.PUBLISHED


def test_slow_mode_switches_off_and_refuses_odd_periods(db, make, moderator, article):
    set_slow_mode(moderator, article, 5)
    set_slow_mode(moderator, article, None)
    assert (article.slow_mode_minutes, article.slow_mode_reason) == (None, None)
    assert last_log_row(db, article_id=article.id).verb == Verb.NORMAL_MODE
    for minutes in (0, 24 * 60 + 1):
        with pytest.raises(Refused):
            set_slow_mode(moderator, article, minutes)


def test_fast_posting_switches_slow_mode_on_with_a_system_log_row(db, make, article):
    policy = policy_with(auto_slow_posts_per_minute=3, auto_slow_minutes=2)
    first_reader = make.user()
    post_comment(first_reader, article, "One.", policy, scorer=NullScorer())
    post_comment(make.user(), article, "Two.", policy, scorer=NullScorer())
    assert article.slow_mode_minutes is None
    post_comment(make.user(), article, "Three.", policy, scorer=NullScorer())
    assert article.slow_mode_minutes == 2
    assert article.slow_mode_reason == "automatic: 3 comments from 3 readers in the last minute"
    row = last_log_row(db, article_id=article.id)
    assert (row.actor_id, row.verb, row.details["minutes"]) == (None, Verb.SLOW_MODE, 2)
    with pytest.raises(Refused, match="Slow mode is on"):
        post_comment(first_reader, article, "Four.", policy, scorer=NullScorer())


def test_closing_and_reopening_are_logged_and_closing_stops_comments(db, make, moderator, article):
    set_comments_closed(moderator, article, True, "Discussion has run its course")
    row = last_log_row(db, article_id=article.id)
    assert (row.verb, row.reason) == (Verb.CLOSE, "Discussion has run its course")
    with pytest.raises(Forbidden, match="closed"):
        post_comment(make.user(), article, "Too late?", policy_with(), scorer=NullScorer())
    set_comments_closed(moderator, article, False)
    assert last_log_row(db, article_id=article.id).verb == Verb.REOPEN


def test_commenting_switched_off_site_wide_refuses_with_its_message(make, article):
    policy = policy_with(commenting_enabled=False, commenting_off_message="Back on Monday after the election.")
    with pytest.raises(Forbidden, match="^Back on Monday after the election.$"):
        post_comment(make.user(), article, "Hello?", policy, scorer=NullScorer())
    with pytest.raises(Forbidden, match="switched off"):
        post_comment(make.user(), article, "Hello?", policy_with(commenting_enabled=False), scorer=NullScorer())


# Sign-up domains

def test_sign_ups_from_a_refused_domain_are_refused_on_the_email_field(db, make):
    policy = policy_with(signup_refuse_domains="@Spam.Example\njunk.example")
    with pytest.raises(Refused) as refused:
        register_reader("newcomer1", "someone@spam.example", DEFAULT_PASSWORD, policy)
    assert refused.value.field == "email"
    assert "not accepted" in refused.value.message
    assert db.session.scalar(sa.select(User).where(User.username == "newcomer1")) is None


def test_sign_ups_from_a_held_domain_have_every_comment_held(db, make, article):
    policy = policy_with(signup_hold_domains="watched.example", auto_slow_posts_per_minute=0)
    held = register_reader("newcomer2", "someone@Watched.Example", DEFAULT_PASSWORD, policy)
    free = register_reader("newcomer3", "someone@fine.example", DEFAULT_PASSWORD, policy)
    assert held.review_all_comments and not free.review_all_comments
    held.published_count = 50  # even a long record does not lift the hold
    comment = post_comment(held, article, "A perfectly civil remark.", policy, scorer=NullScorer())
    assert comment.status == CommentStatus.PENDING
    assert comment.reasons == ["account from a watched e-mail domain: every comment is reviewed"]
    assert post_comment(free, article, "Another civil remark.", policy, scorer=NullScorer()).status == CommentStatus.PUBLISHED


# Appeals

def test_an_author_appeals_a_rejection_once(make, moderator, article):
    author = make.user()
    comment = make.comment(article, status="pending", author=author)
    reject(moderator, comment, "Off-topic")
    row = appeal(author, comment, "  It answers the article's question directly.  ")
    assert row.body == "It answers the article's question directly."
    with pytest.raises(Refused, match="one appeal"):
        appeal(author, comment, "Again, please.")


def test_only_the_author_of_a_rejected_comment_may_appeal(make, moderator, article):
    author = make.user()
    published = make.comment(article, status="published", author=author)
    with pytest.raises(Forbidden):
        appeal(author, published, "Why?")
    rejected = make.comment(article, status="rejected", author=author)
    with pytest.raises(Forbidden):
        appeal(make.user(), rejected, "On their behalf.")


def test_granting_an_appeal_publishes_the_comment_and_logs_the_decision(db, make, moderator, article):
    author = make.user()
    comment = make.comment(article, status="pending", author=author)
    reject(moderator, comment, "Off-topic")
    row = appeal(author, comment, "It is on topic.")  # as created: its comment relationship is not loaded
    decide_appeal(moderator, row, AppealOutcome.GRANTED, GRANTED, "It answers the article's question.")
    row = loaded_appeal(db, row)
    assert row.comment.status == CommentStatus.PUBLISHED and row.comment.rejection_reason is None
    assert (row.outcome, row.decision_reason, row.decided_by_id) == (
        AppealOutcome.GRANTED, f"{GRANTED} — It answers the article's question.", moderator.id)
    assert comment_count(db, article) == 1
    logged = last_log_row(db, comment_id=comment.id)
    assert (logged.actor_id, logged.verb, logged.reason, logged.details) == (
        moderator.id, Verb.APPEAL_GRANTED, GRANTED, {"message": "It answers the article's question."})


def test_upholding_keeps_the_rejection_and_an_appeal_is_decided_once(db, make, moderator, article):
    author = make.user()
    comment = make.comment(article, status="pending", author=author)
    reject(moderator, comment, "Personal attack on another reader")
    row = loaded_appeal(db, appeal(author, comment, "I was provoked."))
    for typed in (" ", "Provocation does not excuse it.", GRANTED):  # a standard reason, for this decision
        with pytest.raises(Refused) as refused:
            decide_appeal(moderator, row, AppealOutcome.UPHELD, typed)
        assert refused.value.field == "reason"
    with pytest.raises(Forbidden):
        decide_appeal(make.user(), row, AppealOutcome.GRANTED, GRANTED)
    decide_appeal(moderator, row, AppealOutcome.UPHELD, APPEAL_REASONS[AppealOutcome.UPHELD][0])
    assert comment.status == CommentStatus.REJECTED
    assert last_log_row(db, comment_id=comment.id).verb == Verb.APPEAL_UPHELD
    with pytest.raises(Refused, match="decided already"):
        decide_appeal(moderator, row, AppealOutcome.GRANTED, GRANTED)


# Roles

def test_only_admins_change_roles_and_never_their_own(make):
    admin, moderator, reader = make.user("admin"), make.user("moderator"), make.user()
    with pytest.raises(Forbidden):
        set_role(moderator, reader, Role.MODERATOR)
    with pytest.raises(Forbidden):
        set_role(reader, reader, Role.ADMIN)
    with pytest.raises(Forbidden):
        set_role(admin, admin, Role.READER)
    set_role(admin, moderator, Role.READER)
    assert moderator.role == Role.READER


def test_a_comment_by_a_deleted_account_can_still_be_moderated(db, make, moderator, article):
    comment = make.comment(article, status="pending")
    db.session.execute(sa.update(Comment).where(Comment.id == comment.id).values(author_id=None))
    db.session.refresh(comment)
    approve(moderator, comment)
    assert comment.status == CommentStatus.PUBLISHED


def test_new_accounts_cannot_hide_a_civil_comment_but_trusted_readers_can(db, make, article):
    """Outsider review F13: one throwaway account and one reader hid a civil comment. New accounts' flags
    put it in the reported queue and weigh nothing towards hiding it; readers with a record still can."""
    comment = make.comment(article, status="published", body="I would love to be proved wrong.")
    policy = policy_with(flags_to_hide=3, trusted_after=3, auto_slow_flags_per_minute=0)
    for _ in range(6):
        flag(make, comment, policy, make.user())
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.flagged_at is not None  # reported, for a moderator to look at
    flag(make, comment, policy, make.trusted_flagger())
    assert comment.status == CommentStatus.PUBLISHED
    flag(make, comment, policy, make.trusted_flagger())
    assert comment.status == CommentStatus.PENDING
