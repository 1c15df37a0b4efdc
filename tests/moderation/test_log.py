"""The moderation log: its one writer, the public page, and that no route can change or delete a row."""
import html
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.actions import sanctions
from forum.actions.appeals import APPEAL_REASONS, appeal, decide_appeal
from forum.actions.accounts import set_role
from forum.actions.moderation import approve, flag_comment, reject, set_slow_mode
from forum.actions.policy import update_policy
from forum.models import AppealOutcome, FlagReason, ModerationAction, Role, Verb
from forum.models.base import utcnow
from forum.moderation import log
from tests.conftest import recorded_sql
from tests.factories import policy_with
from tests.test_route_matrix import CASES, build_world, form_data, sign_in, undone, url_of

pytestmark = pytest.mark.usefixtures("own_sessions")  # each request in a session of its own


def rows_about(db, **where) -> list[ModerationAction]:
    query = sa.select(ModerationAction).order_by(ModerationAction.id)
    for name, value in where.items():
        query = query.where(getattr(ModerationAction, name) == value)
    return db.session.scalars(query).all()


# The writer

def test_a_row_says_who_did_what_to_what_and_why(db, make):
    moderator, article = make.user("moderator"), make.article()
    comment = make.comment(article, status="pending")
    row = log.record(moderator, Verb.REJECT, comment=comment, reason="Off-topic")
    stored = db.session.get(ModerationAction, row.id)
    assert (stored.actor_id, stored.verb, stored.comment_id, stored.target_user_id, stored.article_id, stored.reason) == (
        moderator.id, Verb.REJECT, comment.id, None, None, "Off-topic")
    assert stored.created_at is not None


def test_the_system_acts_without_an_actor(db, make):
    row = log.record(None, Verb.SLOW_MODE, article=make.article(), reason="automatic: 3 comments in the last minute")
    assert row.actor_id is None


def test_a_row_names_one_target_at_most(db, make):
    with pytest.raises(ValueError):
        log.record(make.user("admin"), Verb.BAN, user=make.user(), article=make.article())


def test_a_policy_change_names_no_target(db, make):
    admin = make.user("admin")
    update_policy(admin, max_links=5, toxicity_threshold=0.7)
    row = rows_about(db, verb=Verb.POLICY_CHANGE, actor_id=admin.id)[-1]
    assert (row.comment_id, row.target_user_id, row.article_id) == (None, None, None)
    assert row.reason == "changed: max links, toxicity threshold"
    assert row.details == {"changed": {"max_links": 5, "toxicity_threshold": 0.7}}


def test_a_policy_saved_unchanged_is_not_logged(db, make):
    admin = make.user("admin")
    update_policy(admin, max_links=4)
    before = len(rows_about(db, verb=Verb.POLICY_CHANGE))
    update_policy(admin, max_links=4)
    assert len(rows_about(db, verb=Verb.POLICY_CHANGE)) == before


def test_a_role_change_is_logged_with_before_and_after(db, make):
    admin, user = make.user("admin"), make.user()
    set_role(admin, user, Role.MODERATOR)
    [row] = rows_about(db, verb=Verb.ROLE_CHANGE, target_user_id=user.id)
    assert row.actor_id == admin.id and row.details == {"from": "reader", "to": "moderator"}


def test_publishing_an_article_is_logged(db, make):
    admin = make.user("admin")
    article = make.article(author=admin)
    assert [row.verb for row in rows_about(db, article_id=article.id)] == [Verb.PUBLISH]


# The public page

SUSPENDED_FOR = "Repeated personal attacks on other readers"


@pytest.fixture
def logged_acts(db, make, site_policy):
    """A few acts of each kind, by staff and by the system, about a reader named 'visible_reader…'."""
    site_policy(log_shows_reader_names=False)
    moderator, admin = make.user("moderator"), make.user("admin")
    reader = make.user(username=f"visible_reader{make.user().id}")
    article = make.article(title="Rail subsidies")
    rejected = make.comment(article, status="pending", author=reader)
    hidden = make.comment(article, status="published", author=reader)
    reject(moderator, rejected, "Personal attack on another reader")
    approve(moderator, make.comment(article, status="pending", author=reader))
    sanctions.warn(moderator, reader, "Please argue with the idea, not the person.")
    sanctions.suspend(admin, reader, utcnow() + timedelta(days=2), SUSPENDED_FOR, "Second personal attack this week")
    set_slow_mode(moderator, article, 5, "The thread is heating up")
    for _ in range(2):
        flag_comment(make.trusted_flagger(), hidden, FlagReason.ABUSE, "", policy_with(flags_to_hide=3))
    return moderator, admin, reader


def test_the_log_is_public_and_shows_acts_with_their_reasons(client, logged_acts):
    moderator, admin, reader = logged_acts
    response = client.get("/moderation/log")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for reason in ("Personal attack on another reader", "a private message to the reader",
                   f"{SUSPENDED_FOR} (and a message written to the reader)", "The thread is heating up", "flag weight 4"):
        assert reason in page
    assert "Second personal attack this week" not in page
    for verb in ("reject", "approve", "warn", "suspend", "slow mode", "hide"):
        assert f">{verb}</span>" in page
    assert "Rail subsidies" in page
    assert "automatic" in page  # the system's acts (flags hid a comment)


def test_the_log_shows_staff_by_their_role_and_hides_readers(client, logged_acts):
    """Issue 14: a moderator's name in the public log is a name angry readers can follow; a role stands in."""
    moderator, admin, reader = logged_acts
    page = client.get("/moderation/log").get_data(as_text=True)
    assert moderator.username not in page and admin.username not in page
    assert "<td data-label=\"Who\">a moderator</td>" in page and "<td data-label=\"Who\">an admin</td>" in page
    assert reader.username not in page
    assert "a reader" in page
    assert "readers' names are not shown" in page


def test_a_moderator_who_chooses_to_be_named_is_named(db, client, auth, logged_acts):
    moderator, admin, _ = logged_acts
    auth.login(moderator)
    page = client.get("/moderation/log-name").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    assert client.post("/moderation/log-name", data={"csrf_token": token, "named_in_log": "y"}).status_code == 302
    db.session.refresh(moderator)
    assert moderator.named_in_log
    page = client.get("/moderation/log").get_data(as_text=True)
    assert f">{moderator.username}</a> <span class=\"role-label\">moderator</span>" in page
    assert admin.username not in page  # the others keep the default


def test_the_log_filters_by_who_acted(client, logged_acts):
    automatic = client.get("/moderation/log?by=automatic").get_data(as_text=True)
    assert "flag weight 4" in automatic and SUSPENDED_FOR not in automatic
    people = client.get("/moderation/log?by=people").get_data(as_text=True)
    assert "flag weight 4" not in people and SUSPENDED_FOR in people
    assert client.get("/moderation/log?by=robots").status_code == 400


def test_the_log_names_readers_when_the_policy_says_so(client, logged_acts, site_policy):
    _, _, reader = logged_acts
    site_policy(log_shows_reader_names=True)
    page = client.get("/moderation/log").get_data(as_text=True)
    assert reader.username in page


def test_the_log_filters_by_kind_of_act(client, logged_acts):
    page = client.get("/moderation/log?verb=suspend").get_data(as_text=True)
    assert SUSPENDED_FOR in page
    assert "Personal attack on another reader" not in page
    assert client.get("/moderation/log?verb=delete").status_code == 400


# No route changes the past

WRITES_TO_THE_LOG = re.compile(r"^\s*(UPDATE|DELETE\s+FROM)\s+\"?moderation_actions\b", re.IGNORECASE)


def snapshot(db) -> list[tuple]:
    return [tuple(row) for row in db.session.execute(
        sa.select(ModerationAction.__table__).order_by(ModerationAction.id)).all()]


@pytest.mark.parametrize("persona", ["admin", "moderator"])
def test_no_route_alters_or_deletes_a_log_row(app, db, make, client, auth, monkeypatch, persona):
    """Every route of the table, as staff: rows are only ever added, and those there stay as they were."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    world = build_world(make)
    before = snapshot(db)
    assert len(before) >= 4  # the world's rejection, suspension, ban and publications
    sign_in(auth, world, persona)
    grew = []
    for case in sorted(CASES, key=lambda c: c.endpoint == "auth.logout"):
        url = url_of(app, case, world, persona)
        with undone(app, db):
            with recorded_sql(db.session.get_bind()) as statements:
                client.open(url, method=case.method, data=form_data(case, world))
            after = snapshot(db)
        assert after[:len(before)] == before, f"{case.method} {url} changed the log"
        assert not [s for s in statements if WRITES_TO_THE_LOG.match(s)], f"{case.method} {url} updates the log"
        if len(after) > len(before):
            grew.append(case.endpoint)
    # The walk did reach the acts that add rows.
    assert {"moderation.approve", "moderation.reject", "moderation.ban", "moderation.slow_mode"} <= set(grew)


def test_a_correction_and_an_undo_are_shown_beside_the_act_they_put_right(db, client, make):
    """Rows are never edited: a later act that corrects a reason (details["corrects"]) or takes an act back
    (reverts_id) says so, and links to the row it puts right."""
    moderator, comment = make.user("moderator"), make.comment(make.article(), status="pending")
    wrong = reject(moderator, comment, "Spam or advertising")
    log.record(moderator, Verb.REJECT, comment=comment, reason="Personal attack on another reader",
               details={"corrects": wrong.id, "corrected_reason": "Spam or advertising"})
    db.session.flush()
    page = client.get("/moderation/log").get_data(as_text=True)
    assert f'Corrects the reason of <a href="#act-{wrong.id}">an earlier act</a>, which said “Spam or advertising”.' \
        in page
    assert f'<tr id="act-{wrong.id}">' in page


def test_the_public_log_keeps_words_written_to_one_person_private(db, client, auth, make, site_policy):
    """Outsider review F16: a warning's message and a typed rejection reason were printed word for word, and
    moderators address people by name. The public log says such a message was written; fixed reasons show as
    they are; the moderators' own pages keep the full text."""
    site_policy(log_shows_reader_names=False)
    moderator, reader = make.user("moderator"), make.user(username="rowdy")
    article = make.article()
    sanctions.warn(moderator, reader, "Please keep it civil, rowdy; your comments about bao crossed the line.")
    reject(moderator, make.comment(article, status="pending", author=reader), "Rowdy, stop naming bao here.")
    reject(moderator, make.comment(article, status="pending", author=reader), "Off-topic")
    db.session.flush()

    page = html.unescape(client.get("/moderation/log").get_data(as_text=True))

    assert "rowdy" not in page.lower() and "bao" not in page
    assert "a private message to the reader" in page
    assert "a reason written to the author" in page
    assert "Off-topic" in page
    auth.login(moderator)
    own = html.unescape(client.get("/moderation/users/rowdy").get_data(as_text=True))
    assert "Please keep it civil, rowdy; your comments about bao crossed the line." in own
    assert "Rowdy, stop naming bao here." in own


def test_sanctions_and_appeal_decisions_show_their_standard_reason_and_keep_typed_words_private(db, client, auth, make,
                                                                                              site_policy):
    """A suspension's, a ban's, a lifting's or an appeal decision's reason was typed, and printed in the public log
    word for word. They now give a standard reason, which the log shows; a message typed to the person is only
    said to exist; a row typed before the lists were fixed shows that a reason was written to the reader."""
    site_policy(log_shows_reader_names=False)
    moderator, reader = make.user("moderator"), make.user(username="rowdy2")
    article = make.article()
    sanctions.ban(moderator, reader, "Threats or incitement", message="Rowdy2, the threat against Bao crossed the line.",
                  reject_pending=False)
    sanctions.unban(moderator, reader, "The sanction was a mistake", message="Bao's own brother wrote it.")
    rejected = make.comment(article, status="pending", author=reader)
    reject(moderator, rejected, "Off-topic")
    decide_appeal(moderator, appeal(reader, rejected, "It was about the bus."), AppealOutcome.GRANTED,
                  APPEAL_REASONS[AppealOutcome.GRANTED][1], message="Rowdy2 is right about the 42 bus.")
    log.record(moderator, Verb.SUSPEND, user=reader, reason="Rowdy2 keeps insulting Bao")  # typed, as before
    db.session.flush()

    page = html.unescape(client.get("/moderation/log").get_data(as_text=True))

    assert "rowdy2" not in page.lower() and "bao" not in page.lower()
    assert "Threats or incitement (and a message written to the reader)" in page
    assert "The sanction was a mistake" in page and "The sanction was a mistake (and" not in page  # a note for moderators
    assert f"{APPEAL_REASONS[AppealOutcome.GRANTED][1]} (and a message written to the reader)" in page
    assert "a reason written to the reader" in page
    auth.login(moderator)
    own = html.unescape(client.get("/moderation/users/rowdy2").get_data(as_text=True))
    for typed in ("Rowdy2, the threat against Bao crossed the line.", "Bao's own brother wrote it.",
                  "Rowdy2 is right about the 42 bus."):
        assert typed in own
