"""Warn, suspend, ban, unban and notes: who may sanction whom, the log rows, and what the sanctioned user sees and cannot do."""
import html
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from forum.actions import Forbidden, Refused
from forum.actions import sanctions
from forum.actions.appeals import appeal
from forum.actions.comments import delete_comment, edit_comment, post_comment, toggle_reaction
from forum.actions.moderation import flag_comment
from forum.models import (
    CommentStatus, FlagReason, ModerationAction, ModNote, ReactionKind, Role, User, Verb, Warning,
)
from forum.models.base import utcnow
from forum.moderation.scorer import NullScorer
from tests.conftest import csrf_token
from tests.factories import policy_with

pytestmark = pytest.mark.usefixtures("own_sessions")  # each request in a session of its own


def log_rows(db, user) -> list[ModerationAction]:
    return db.session.scalars(sa.select(ModerationAction).where(ModerationAction.target_user_id == user.id)
                              .order_by(ModerationAction.id)).all()


def refreshed(db, user) -> User:
    db.session.refresh(user)
    return user


ATTACKS = sanctions.SANCTION_REASONS[0]


@pytest.fixture
def moderator(make):
    return make.user("moderator")


# The acts and their log rows

def test_warn_leaves_a_warning_to_acknowledge_and_a_log_row(db, make, moderator):
    reader = make.user()
    warning = sanctions.warn(moderator, reader, "  Argue with the idea, not the person.  ")
    assert (warning.user_id, warning.moderator_id, warning.message) == (
        reader.id, moderator.id, "Argue with the idea, not the person.")
    assert reader.has_unread_warning
    [row] = log_rows(db, reader)
    assert (row.actor_id, row.verb, row.reason) == (moderator.id, Verb.WARN, "Argue with the idea, not the person.")
    assert sanctions.unread_warnings(reader) == [warning]
    sanctions.acknowledge_warnings(reader)
    assert not reader.has_unread_warning
    assert sanctions.unread_warnings(reader) == []
    assert db.session.get(Warning, warning.id).acknowledged_at is not None


def test_every_sanction_needs_a_reason(make, moderator):
    reader = make.user()
    with pytest.raises(Refused) as refused:
        sanctions.warn(moderator, reader, " ")
    assert refused.value.field == "message"
    for act in (lambda: sanctions.suspend(moderator, reader, utcnow() + timedelta(days=1), ""),
                lambda: sanctions.ban(moderator, reader, ""), lambda: sanctions.unban(moderator, reader, "")):
        with pytest.raises(Refused) as refused:
            act()
        assert refused.value.field == "reason"


def test_suspend_until_a_date_is_logged_with_the_date(db, make, moderator):
    reader = make.user()
    until = utcnow() + timedelta(days=3)
    sanctions.suspend(moderator, reader, until, ATTACKS)
    assert (reader.suspended_until, reader.sanction_reason) == (until, ATTACKS)
    [row] = log_rows(db, reader)
    assert (row.verb, row.reason, row.details) == (Verb.SUSPEND, ATTACKS, {"until": until.isoformat()})


def test_a_sanction_gives_a_standard_reason_and_the_person_alone_reads_the_message(db, make, moderator):
    """The public log prints a sanction's reason: it is one of a fixed list, and words about the person go in a
    message that they read with it (users.sanction_reason) and that the log row keeps aside (details)."""
    reader = make.user()
    sanctions.ban(moderator, reader, ATTACKS, message="  Three replies to Bao today called him names.  ")
    assert reader.sanction_reason == f"{ATTACKS} — Three replies to Bao today called him names."
    [row] = log_rows(db, reader)
    assert (row.reason, row.details) == (ATTACKS, {"reject_pending": False,
                                                   "message": "Three replies to Bao today called him names."})
    for typed in ("Bao's stalker", ""):
        with pytest.raises(Refused) as refused:
            sanctions.suspend(moderator, make.user(), utcnow() + timedelta(days=1), typed)
        assert refused.value.field == "reason"
    with pytest.raises(Refused) as refused:
        sanctions.ban(moderator, make.user(), ATTACKS, message="x" * (sanctions.MESSAGE_MAX_CHARS + 1))
    assert refused.value.field == "message"
    with pytest.raises(Refused):  # lifting has reasons of its own
        sanctions.unban(moderator, reader, ATTACKS)
    sanctions.unban(moderator, reader, "The sanction was a mistake", message="It was his brother's account.")
    assert log_rows(db, reader)[-1].details == {"note": "It was his brother's account."}


def test_a_suspension_ends_in_the_future(make, moderator):
    with pytest.raises(Refused) as refused:
        sanctions.suspend(moderator, make.user(), utcnow() - timedelta(minutes=1), ATTACKS)
    assert refused.value.field == "until"


def test_a_date_without_a_zone_is_read_as_utc(make, moderator):
    reader = make.user()
    naive = datetime.now() + timedelta(days=2)  # as the form's datetime-local field gives it
    sanctions.suspend(moderator, reader, naive.replace(tzinfo=None), ATTACKS)
    assert reader.suspended_until.utcoffset() == timedelta(0)
    assert reader.suspended_until.replace(tzinfo=None) == naive


def test_ban_can_reject_every_pending_comment(db, make, moderator):
    reader, article = make.user(), make.article()
    pending = [make.comment(article, status="pending", author=reader) for _ in range(2)]
    published = make.comment(article, status="published", author=reader)
    assert sanctions.ban(moderator, reader, "Spam or advertising", reject_pending=True) == 2
    assert reader.is_banned and reader.sanction_reason == "Spam or advertising"
    for comment in pending:
        db.session.refresh(comment)
        assert comment.status == CommentStatus.REJECTED
        assert comment.rejection_reason == "Author banned: Spam or advertising"
    db.session.refresh(published)
    assert published.status == CommentStatus.PUBLISHED
    rows = db.session.scalars(sa.select(ModerationAction.verb).where(
        sa.or_(ModerationAction.target_user_id == reader.id,
               ModerationAction.comment_id.in_([c.id for c in pending])))).all()
    assert sorted(rows) == sorted([Verb.BAN, Verb.REJECT, Verb.REJECT])


def test_ban_without_rejecting_leaves_pending_comments_for_review(db, make, moderator):
    reader = make.user()
    comment = make.comment(make.article(), status="pending", author=reader)
    assert sanctions.ban(moderator, reader, "Spam or advertising") == 0
    db.session.refresh(comment)
    assert comment.status == CommentStatus.PENDING
    assert log_rows(db, reader)[-1].details == {"reject_pending": False}


def test_unban_lifts_a_ban_and_a_suspension(db, make, moderator):
    reader = make.user(banned_reason="Spam")
    reader.suspended_until = utcnow() + timedelta(days=1)
    sanctions.unban(moderator, reader, "Granted on appeal")
    assert (reader.banned_at, reader.suspended_until, reader.sanction_reason) == (None, None, None)
    assert log_rows(db, reader)[-1].verb == Verb.UNBAN
    assert post_comment(reader, make.article(), "Glad to be back.", policy_with(), scorer=NullScorer()).status == CommentStatus.PUBLISHED


def test_notes_are_for_moderators_and_stay_out_of_the_log(db, make, moderator):
    reader = make.user()
    note = sanctions.add_note(moderator, reader, "Same person as the account banned last week?")
    assert db.session.get(ModNote, note.id).author_id == moderator.id
    assert log_rows(db, reader) == []
    with pytest.raises(Forbidden):
        sanctions.add_note(make.user(), reader, "Readers keep no notes.")
    with pytest.raises(Refused):
        sanctions.add_note(moderator, reader, "")


# Who may sanction whom

SANCTIONS = {
    "warn": lambda actor, user: sanctions.warn(actor, user, "Careful."),
    "suspend": lambda actor, user: sanctions.suspend(actor, user, utcnow() + timedelta(days=1), ATTACKS),
    "ban": lambda actor, user: sanctions.ban(actor, user, ATTACKS),
    "unban": lambda actor, user: sanctions.unban(actor, user, "The sanction was a mistake"),
}


@pytest.mark.parametrize("act", SANCTIONS)
@pytest.mark.parametrize("actor_role, target_role, allowed", [
    ("moderator", "reader", True),
    ("moderator", "moderator", False),
    ("moderator", "admin", False),
    ("admin", "reader", True),
    ("admin", "moderator", True),
    ("admin", "admin", False),
    ("reader", "reader", False),
])
def test_who_may_sanction_whom(db, make, act, actor_role, target_role, allowed):
    actor, target = make.user(actor_role), make.user(target_role)
    if allowed:
        SANCTIONS[act](actor, target)
        assert log_rows(db, target)[-1].verb == Verb(act)
    else:
        with pytest.raises(Forbidden):
            SANCTIONS[act](actor, target)
        assert log_rows(db, target) == []


@pytest.mark.parametrize("role", ["moderator", "admin"])
def test_nobody_sanctions_themself(make, role):
    actor = make.user(role)
    with pytest.raises(Forbidden):
        sanctions.warn(actor, actor, "Note to self.")


# What a suspended or banned reader cannot do, and can still do

@pytest.mark.parametrize("sanction", ["suspended", "banned"])
def test_a_sanctioned_reader_cannot_post_reply_edit_react_or_flag(db, make, sanction):
    article, policy = make.article(), policy_with()
    reader = make.user()
    own = make.comment(article, status="published", author=reader)
    rejected = make.comment(article, status="rejected", author=reader)
    other = make.comment(article, status="published")
    if sanction == "suspended":
        reader.suspended_until, reader.sanction_reason = utcnow() + timedelta(days=1), "Cooling off"
    else:
        reader.banned_at, reader.sanction_reason = utcnow(), "Troll"
    for act in (
        lambda: post_comment(reader, article, "Let me in.", policy, scorer=NullScorer()),
        lambda: post_comment(reader, article, "A reply.", policy, parent=other, scorer=NullScorer()),
        lambda: edit_comment(reader, own, "Edited.", policy, scorer=NullScorer()),
        lambda: toggle_reaction(reader, other, ReactionKind.UP, policy),
        lambda: flag_comment(reader, other, FlagReason.SPAM, "", policy),
    ):
        with pytest.raises(Forbidden):
            act()
    # Reading, withdrawing one's own words and appealing stay open.
    appeal(reader, rejected, "Please look again.")
    delete_comment(reader, own)
    assert own.status == CommentStatus.DELETED


def test_a_suspension_ends_by_itself(make):
    reader = make.user(suspended_until=utcnow() + timedelta(days=1))
    article = make.article()
    later = utcnow() + timedelta(days=1, minutes=1)
    comment = post_comment(reader, article, "Back again.", policy_with(), scorer=NullScorer(), now=later)
    assert comment.status == CommentStatus.PUBLISHED


# What the user sees (over HTTP)

def test_a_warned_user_must_acknowledge_before_going_on(db, make, client, auth, moderator):
    reader = make.user()
    article = make.article()
    sanctions.warn(moderator, reader, "Argue with the idea, not the person.")
    auth.login(reader)
    for path in ("/", f"/articles/{article.slug}", f"/users/{reader.username}", "/moderation/log"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.location.startswith("/auth/warning"), path
    page = client.get("/auth/warning").get_data(as_text=True)
    assert "Argue with the idea, not the person." in html.unescape(page)

    response = client.post("/auth/warning?next=/articles/" + article.slug,
                           data={"csrf_token": csrf_token(client, "/auth/warning")})
    assert response.status_code == 302
    assert response.location == f"/articles/{article.slug}"
    assert client.get("/").status_code == 200
    assert not refreshed(db, reader).has_unread_warning


def test_a_warned_user_can_still_sign_out(make, client, auth, moderator):
    reader = make.user()
    sanctions.warn(moderator, reader, "Careful.")
    auth.login(reader)
    response = client.post("/auth/logout", data={"csrf_token": csrf_token(client, "/auth/warning")})
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # signed out: no warning to read


def test_a_suspended_reader_sees_why_and_until_when_and_cannot_post(db, make, client, auth):
    until = utcnow() + timedelta(days=2)
    reader = make.user(suspended_until=until, sanction_reason="Three personal attacks today")
    article = make.article()
    other = make.comment(article, status="published")
    auth.login(reader)
    page = html.unescape(client.get(f"/articles/{article.slug}").get_data(as_text=True))
    assert f"Your account is suspended from commenting until {until.strftime('%-d %B %Y, %H:%M')} UTC." in page
    assert "Reason: Three personal attacks today." in page
    assert 'id="comment-form"' in page and "<textarea" not in page
    assert "Reply</a>" not in page and "Flag</a>" not in page

    token = csrf_token(client, f"/articles/{article.slug}")
    response = client.post(f"/articles/{article.slug}/comments", data={"body": "Let me in.", "csrf_token": token})
    assert response.status_code == 403
    assert client.post(f"/comments/{other.id}/react", data={"kind": "up", "csrf_token": token}).status_code == 403
    assert client.get(f"/comments/{other.id}/flag").status_code == 403
    assert client.post(f"/comments/{other.id}/flag", data={"reason": "spam", "csrf_token": token}).status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User).where(User.id == reader.id)) == 1


def test_a_banned_reader_sees_the_ban_and_its_reason(make, client, auth):
    reader = make.user(banned_reason="Troll account")
    article = make.article()
    auth.login(reader)
    page = html.unescape(client.get(f"/articles/{article.slug}").get_data(as_text=True))
    assert "Your account is banned from commenting. Reason: Troll account." in page
    token = csrf_token(client, f"/articles/{article.slug}")
    assert client.post(f"/articles/{article.slug}/comments",
                       data={"body": "Let me in.", "csrf_token": token}).status_code == 403


def test_ban_through_the_moderation_page_rejects_pending_comments(db, make, client, auth):
    moderator = auth.login(make.user("moderator"))
    reader = make.user()
    pending = make.comment(make.article(), status="pending", author=reader)
    response = client.post(f"/moderation/users/{reader.username}/ban", data={
        "ban_form-reason": ATTACKS, "ban_form-reject_pending": "y",
        "csrf_token": csrf_token(client, f"/moderation/users/{reader.username}"),
    })
    assert response.status_code == 302
    assert refreshed(db, reader).is_banned
    db.session.refresh(pending)
    assert pending.status == CommentStatus.REJECTED
    assert log_rows(db, reader)[-1].actor_id == moderator.id


@pytest.mark.parametrize("target_role", ["admin", "moderator"])
def test_a_moderator_gets_403_sanctioning_staff(db, make, client, auth, target_role):
    auth.login(make.user("moderator"))
    target = make.user(target_role)
    page = client.get(f"/moderation/users/{target.username}")
    assert page.status_code == 200
    assert "Sanctions" not in page.get_data(as_text=True)  # no forms offered
    token = csrf_token(client, f"/moderation/users/{target.username}")
    for action, data in (("warn", {"warn_form-message": "Careful."}), ("ban", {"ban_form-reason": ATTACKS}),
                         ("suspend", {"suspend_form-until": (utcnow() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
                                      "suspend_form-reason": ATTACKS})):
        response = client.post(f"/moderation/users/{target.username}/{action}", data={**data, "csrf_token": token})
        assert response.status_code == 403, action
        # An empty form is refused for who sends it, before what is missing from it.
        empty = client.post(f"/moderation/users/{target.username}/{action}", data={"csrf_token": token})
        assert empty.status_code == 403, action
    assert not refreshed(db, target).is_banned and target.suspended_until is None
    assert log_rows(db, target) == []


def test_an_admin_can_suspend_a_moderator(db, make, client, auth):
    auth.login(make.user("admin"))
    target = make.user("moderator")
    until = (utcnow() + timedelta(days=1)).replace(second=0, microsecond=0)
    response = client.post(f"/moderation/users/{target.username}/suspend", data={
        "suspend_form-until": until.strftime("%Y-%m-%dT%H:%M"), "suspend_form-reason": "Misuse of flags",
        "csrf_token": csrf_token(client, f"/moderation/users/{target.username}"),
    })
    assert response.status_code == 302
    assert refreshed(db, target).suspended_until == until


@pytest.mark.parametrize("length, expected", [("24h", timedelta(hours=24)), ("7d", timedelta(days=7)), ("30d", timedelta(days=30))])
def test_a_suspension_can_be_chosen_by_length(db, make, client, auth, length, expected):
    auth.login(make.user("moderator"))
    target = make.user()
    before = utcnow()
    response = client.post(f"/moderation/users/{target.username}/suspend", data={
        "suspend_form-length": length, "suspend_form-reason": "Misuse of flags",
        "csrf_token": csrf_token(client, f"/moderation/users/{target.username}"),
    })
    assert response.status_code == 302
    ends = refreshed(db, target).suspended_until
    assert before + expected <= ends <= utcnow() + expected


def test_a_typed_end_wins_over_the_chosen_length_and_an_unknown_length_is_refused(db, make, client, auth):
    auth.login(make.user("moderator"))
    target = make.user()
    until = (utcnow() + timedelta(days=2)).replace(second=0, microsecond=0)
    page = f"/moderation/users/{target.username}"
    client.post(f"{page}/suspend", data={"suspend_form-length": "30d", "suspend_form-until": until.strftime("%Y-%m-%dT%H:%M"),
                                         "suspend_form-reason": "Misuse of flags", "csrf_token": csrf_token(client, page)})
    assert refreshed(db, target).suspended_until == until
    response = client.post(f"{page}/suspend", data={"suspend_form-length": "1y", "suspend_form-reason": "Misuse of flags",
                                                    "csrf_token": csrf_token(client, page)})
    assert response.status_code == 400 and b"Not a valid choice" in response.data
    assert refreshed(db, target).suspended_until == until


def test_only_admins_change_roles_through_the_admin_page(db, make, client, auth):
    reader = make.user()
    auth.login(make.user("moderator"))
    token = csrf_token(client)
    assert client.post(f"/admin/users/{reader.id}/role", data={"role": "moderator", "csrf_token": token}).status_code == 403
    assert refreshed(db, reader).role == Role.READER
    auth.logout()
    admin = auth.login(make.user("admin"))
    response = client.post(f"/admin/users/{reader.id}/role", data={"role": "moderator", "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert refreshed(db, reader).role == Role.MODERATOR
    row = log_rows(db, reader)[-1]
    assert (row.actor_id, row.verb, row.details) == (admin.id, Verb.ROLE_CHANGE, {"from": "reader", "to": "moderator"})
