"""The JSON API: each operation, both ways of signing in, the error shape, permissions and what each viewer sees."""
import re

import pytest
import sqlalchemy as sa

from forum import create_app
from forum.actions import sanctions
from forum.actions.tokens import create_token, hash_secret, revoke_token
from forum.config import TestConfig
from forum.models import ApiToken, Comment, CommentStatus, Flag, ModerationAction, Reaction, Verb
from forum.models.base import utcnow
from tests.conftest import csrf_token, recorded_sql
from tests.views.test_comments import insert_thread

API = "/api/v1"


class Api:
    """JSON requests, each in an app context (and database session) of its own, as in production."""

    def __init__(self, app, client, db):
        self.app, self.client, self.db = app, client, db

    def call(self, method, path, json=None, token=None, headers=None, **kwargs):
        headers = dict(headers or {})
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        self.db.session.flush()
        with self.app.app_context():
            response = self.client.open(API + path, method=method, json=json, headers=headers, **kwargs)
        self.db.session.expire_all()
        return response

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.call("POST", path, json=json, **kwargs)


@pytest.fixture
def api(app, client, db):
    return Api(app, client, db)


@pytest.fixture
def token_for(make):
    """token_for(user) -> a fresh bearer secret for that user."""
    return lambda user, name="tests": create_token(user, name)[1]


@pytest.fixture
def quiet(site_policy):
    """Posting tests are not about automatic slow mode."""
    site_policy(auto_slow_posts_per_minute=0)


def assert_error(response, status, code=None):
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert set(error) <= {"code", "message", "fields"} and error["message"]
    if code:
        assert error["code"] == code
    return error


# --- Tokens: made and revoked on the profile, stored hashed, shown once ---

def test_a_reader_makes_a_token_on_their_profile_uses_it_and_revokes_it(make, db, client, auth, api):
    reader = auth.login(make.user())
    profile = client.get(f"/users/{reader.username}").get_data(as_text=True)
    assert 'href="/auth/tokens/"' in profile
    page = client.post("/auth/tokens/", data={"name": "my script", "csrf_token": csrf_token(client, "/auth/tokens/")})
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    secret = re.search(r'<code class="token-secret">(prl_[^<]+)</code>', page.get_data(as_text=True)).group(1)
    stored = db.session.scalar(sa.select(ApiToken).where(ApiToken.user_id == reader.id))
    assert stored.token_hash == hash_secret(secret) and secret not in (stored.prefix, stored.token_hash)
    assert secret.startswith(stored.prefix) and stored.last_used_at is None
    listing = client.get("/auth/tokens/").get_data(as_text=True)
    assert "my script" in listing and secret not in listing  # shown once: never again

    auth.logout()
    assert api.get("/articles", token=secret).status_code == 200
    db.session.refresh(stored)
    assert stored.last_used_at is not None

    auth.login(reader)
    client.post(f"/auth/tokens/{stored.id}/revoke", data={"csrf_token": csrf_token(client, "/auth/tokens/")})
    auth.logout()
    assert_error(api.get("/articles", token=secret), 401, "invalid_token")


def test_nobody_revokes_someone_elses_token(make, client, auth, db):
    token, _ = create_token(make.user(), "theirs")
    auth.login(make.user())
    response = client.post(f"/auth/tokens/{token.id}/revoke", data={"csrf_token": csrf_token(client, "/auth/tokens/")})
    assert response.status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None


def test_changing_the_password_ends_every_token(make, db):
    from forum.actions.accounts import change_password
    from tests.factories import DEFAULT_PASSWORD

    user = make.user()
    token, _secret = create_token(user, "laptop")
    change_password(user, DEFAULT_PASSWORD, "a completely new passphrase 93")
    db.session.refresh(token)
    assert token.revoked_at is not None


def test_a_token_needs_a_name(make, client, auth):
    auth.login(make.user())
    response = client.post("/auth/tokens/", data={"name": "  ", "csrf_token": csrf_token(client, "/auth/tokens/")})
    assert response.status_code == 400 and "Give the token a name" in response.get_data(as_text=True)


@pytest.mark.parametrize("header", ["Bearer prl_not-a-real-token", "Bearer ", "Basic dXNlcjpwYXNz", "prl_x"])
def test_a_bad_authorization_header_is_a_401_even_on_public_operations(api, header):
    error = assert_error(api.get("/articles", headers={"Authorization": header}), 401, "invalid_token")
    assert "revoked" in error["message"]


def test_a_revoked_token_stops_working_at_once(make, api, quiet):
    reader, article = make.user(), make.article()
    token, secret = create_token(reader, "laptop")
    assert api.post(f"/articles/{article.slug}/comments", {"body": "Before revoking."}, token=secret).status_code == 201
    revoke_token(reader, token)
    assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "After."}, token=secret), 401)


# --- Signing in with the session: CSRF header on every change ---

def test_a_session_must_send_its_csrf_token_on_changes_but_a_bearer_token_need_not(make, client, auth, api, token_for,
                                                                                    quiet):
    article = make.article()
    reader = auth.login(make.user())
    assert api.get(f"/articles/{article.slug}/comments").status_code == 200  # reading needs none
    assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "No header."}), 400, "csrf_failed")
    assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "Bad header."},
                          headers={"X-CSRFToken": "forged"}), 400, "csrf_failed")
    ok = api.post(f"/articles/{article.slug}/comments", {"body": "With the page's token."},
                  headers={"X-CSRFToken": csrf_token(client)})
    assert ok.status_code == 201 and ok.get_json()["author"]["username"] == reader.username
    auth.logout()
    other = make.user()
    response = api.post(f"/articles/{article.slug}/comments", {"body": "By token, no CSRF."}, token=token_for(other))
    assert response.status_code == 201 and response.get_json()["author"]["username"] == other.username


def test_a_bearer_token_wins_over_a_session_and_sets_no_cookie(make, auth, api, token_for, quiet):
    article = make.article()
    auth.login(make.user())
    other = make.user()
    response = api.post(f"/articles/{article.slug}/comments", {"body": "Who am I?"}, token=token_for(other))
    assert response.get_json()["author"]["username"] == other.username
    assert "Set-Cookie" not in response.headers


def test_anonymous_callers_read_but_get_401_for_changes(make, api):
    article = make.article()
    comment = make.comment(article, status="published")
    assert api.get("/articles").status_code == 200
    assert api.get(f"/articles/{article.slug}/comments").status_code == 200
    for method, path, body in [
        ("POST", f"/articles/{article.slug}/comments", {"body": "hi"}),
        ("PATCH", f"/comments/{comment.id}", {"body": "hi"}),
        ("DELETE", f"/comments/{comment.id}", None),
        ("POST", f"/comments/{comment.id}/reactions", {"kind": "up"}),
        ("POST", f"/comments/{comment.id}/flags", {"reason": "spam"}),
        ("GET", "/moderation/queues", None),
        ("POST", f"/moderation/comments/{comment.id}/approve", None),
    ]:
        response = api.call(method, path, json=body)
        assert_error(response, 401, "unauthorized")
        assert response.headers["WWW-Authenticate"].startswith("Bearer")


# --- Articles and threads ---

def test_articles_are_listed_newest_first_by_keyset_without_drafts(app, make, api, monkeypatch):
    monkeypatch.setitem(app.config, "ARTICLES_PER_PAGE", 2)
    made = [make.article(title=f"Listed {n}") for n in range(3)]
    draft = make.article(published=False)
    first = api.get("/articles").get_json()
    assert [a["slug"] for a in first["articles"]] == [made[2].slug, made[1].slug]
    second = api.get("/articles", query_string={"after": first["next_cursor"]}).get_json()
    assert second["articles"][0]["slug"] == made[0].slug
    slugs = {a["slug"] for a in first["articles"] + second["articles"]}
    assert draft.slug not in slugs
    assert_error(api.get("/articles", query_string={"after": "garbage"}), 400, "bad_request")


def test_the_thread_reads_like_the_html_thread(make, api, token_for, quiet):
    article = make.article(question="Agree?", stances=["Yes", "No"])
    author, reader = make.user(), make.user()
    yes = make.comment(article, author=author, body="First, and yes.", stance_key="yes")
    make.comment(article, author=author, body="Second, and no.", stance_key="no")
    reply = make.comment(article, author=reader, body="A reply to the first.", parent=yes)
    body = api.get(f"/articles/{article.slug}/comments", query_string={"sort": "oldest"}).get_json()
    assert body["sort"] == "oldest" and body["article"]["question"] == "Agree?"
    # One reader, counted once at their latest stance; the filter below still finds each comment.
    assert [(s["key"], s["reader_count"]) for s in body["article"]["stances"]] == [("yes", 0), ("no", 1)]
    assert [c["body"] for c in body["comments"]] == ["First, and yes.", "Second, and no."]
    assert body["comments"][0]["replies"][0]["id"] == reply.id and body["comments"][0]["stance"] == "yes"
    assert body["comments"][0]["reasons"] is None  # reasons are for the author and moderators

    filtered = api.get(f"/articles/{article.slug}/comments", query_string={"stance": "no"}).get_json()
    assert [c["body"] for c in filtered["comments"]] == ["Second, and no."] and filtered["stance"] == "no"
    assert_error(api.get(f"/articles/{article.slug}/comments", query_string={"stance": "maybe"}), 400)
    assert_error(api.get(f"/articles/{article.slug}/comments", query_string={"sort": "random"}), 400)
    assert_error(api.get("/articles/no-such-article/comments"), 404, "not_found")


def test_the_thread_pages_by_keyset(make, db, api):
    article = make.article()
    insert_thread(db, article, [make.user()], top_level=55)
    first = api.get(f"/articles/{article.slug}/comments", query_string={"sort": "newest"}).get_json()
    assert len(first["comments"]) == 50 and first["next_cursor"]
    rest = api.get(f"/articles/{article.slug}/comments",
                   query_string={"sort": "newest", "after": first["next_cursor"]}).get_json()
    assert len(rest["comments"]) == 5 and rest["next_cursor"] is None
    assert not {c["id"] for c in first["comments"]} & {c["id"] for c in rest["comments"]}


def test_held_and_rejected_comments_show_only_to_their_author_and_moderators(make, api, token_for):
    article = make.article()
    author = make.user()
    pending = make.comment(article, status="pending", author=author, body="Held for a look.")
    rejected = make.comment(article, status="rejected", author=author, body="Not published.")
    replied = make.comment(article, status="published", body="Soon withdrawn by a moderator.")
    make.comment(article, status="published", parent=replied, body="A reply that keeps it as a tombstone.")
    from forum.actions.visibility import set_status
    set_status(replied, CommentStatus.SPAM)

    def seen(token=None):
        comments = api.get(f"/articles/{article.slug}/comments", token=token).get_json()["comments"]
        return {c["id"]: c for c in comments}

    for viewer in (None, token_for(make.user())):
        shown = seen(viewer)
        assert pending.id not in shown and rejected.id not in shown
        tombstone = shown[replied.id]
        assert tombstone["tombstone"] and tombstone["status"] == "removed"
        assert tombstone["body"] is None and tombstone["body_html"] is None and tombstone["author"] is None
    # Moderators see them where their permalinks lead (issue 12: one rule for the thread and can()).
    moderators = seen(token_for(make.user("moderator")))
    assert (moderators[pending.id]["status"], moderators[rejected.id]["status"]) == ("pending", "rejected")
    assert moderators[replied.id]["status"] == "spam" and not moderators[replied.id]["tombstone"]
    own = seen(token_for(author))
    assert own[pending.id]["status"] == "pending" and own[pending.id]["notice"].startswith("Your comment is held")
    assert own[pending.id]["reasons"] is None  # the rules' reasons and scores are for moderators
    assert own[rejected.id]["status"] == "rejected"


def test_a_thread_page_costs_the_same_queries_for_10_and_100_comments(make, db, api, token_for):
    reader = make.user()
    token = token_for(reader)
    api.get("/articles", token=token)  # last_used_at is written now, not during the measured requests
    authors = [make.user() for _ in range(3)]
    small, large = make.article(), make.article()
    insert_thread(db, small, authors, top_level=7, chains=1, chain_length=3)
    insert_thread(db, large, authors, top_level=70, chains=10, chain_length=3)
    counts = {}
    for article in (small, large):
        path = f"/articles/{article.slug}/comments"
        db.session.flush()
        with recorded_sql(db.session.connection()) as statements:
            response = api.get(path, token=token)
        assert response.status_code == 200
        counts[article.comment_count] = len(statements)
    print(f"\nGET /api/v1/articles/<slug>/comments with a token: queries by comment count {counts}")
    assert counts[10] == counts[100]


# --- Posting, editing, deleting, reacting, flagging ---

def test_posting_goes_through_the_moderation_pipeline_and_keeps_the_counters(make, db, api, token_for, quiet):
    article = make.article(question="Agree?", stances=["Yes", "No"])
    token = token_for(make.user())
    created = api.post(f"/articles/{article.slug}/comments", {"body": "I *agree*.", "stance": "yes"}, token=token)
    assert created.status_code == 201
    body = created.get_json()
    assert body["status"] == "published" and body["body_html"] == "<p>I <em>agree</em>.</p>\n" and body["stance"] == "yes"
    db.session.refresh(article)
    assert article.comment_count == 1 and article.stances[0].reader_count == 1

    reply = api.post(f"/articles/{article.slug}/comments", {"body": "Why?", "parent_id": body["id"]}, token=token)
    assert reply.status_code == 201 and reply.get_json()["parent_id"] == body["id"]


def test_a_new_account_under_pre_moderation_is_held_with_a_notice(make, api, token_for, site_policy):
    site_policy(moderation_mode="pre", auto_slow_posts_per_minute=0)
    article = make.article()
    held = api.post(f"/articles/{article.slug}/comments", {"body": "Hello there."}, token=token_for(make.user()))
    assert held.status_code == 201
    assert held.get_json()["status"] == "pending" and held.get_json()["notice"] == (
        "Your comment is held for a moderator: pre-moderation: every comment on this article is reviewed.")


def test_the_author_of_a_held_comment_reads_the_rule_but_not_the_reasons(make, api, token_for, site_policy):
    site_policy(suspect_words="wombat", banned_words="", auto_slow_posts_per_minute=0)
    article = make.article()
    held = api.post(f"/articles/{article.slug}/comments", {"body": "Only a wombat would build it."},
                    token=token_for(make.user())).get_json()
    assert held["status"] == "pending" and held["reasons"] is None
    assert held["notice"] == "Your comment is held for a moderator: it may break the rule on personal attacks."
    queue = api.get("/moderation/queues/pending", token=token_for(make.user("moderator"))).get_json()
    [entry] = [item for item in queue["items"] if item["comment"]["id"] == held["id"]]
    assert "suspect word: 'wombat'" in entry["comment"]["reasons"]


def test_posting_refusals_answer_with_fields(make, api, token_for, quiet):
    article = make.article()
    token = token_for(make.user())
    error = assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "   "}, token=token), 422, "invalid")
    assert "empty" in error["fields"]["body"]
    error = assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "x", "colour": "red"}, token=token), 422)
    assert "colour" in error["fields"]
    error = assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "a\x00b"}, token=token), 422)
    assert "NUL" in error["fields"]["body"]
    assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "x", "parent_id": 999_999_999}, token=token), 404)
    for not_a_number in ("9", 9.5, True):  # an id is a JSON integer, never coerced from a string or a float
        error = assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "x", "parent_id": not_a_number},
                                      token=token), 422)
        assert "parent_id" in error["fields"]
    assert_error(api.call("POST", f"/articles/{article.slug}/comments", data="body=x", token=token), 400, "bad_request")
    assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "x" * (1024 * 1024)}, token=token), 413, "too_large")


def test_slow_mode_and_closed_threads_apply(make, db, api, token_for, quiet):
    article = make.article()
    article.slow_mode_minutes = 5
    token = token_for(make.user())
    assert api.post(f"/articles/{article.slug}/comments", {"body": "First."}, token=token).status_code == 201
    error = assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "Second."}, token=token), 422)
    assert "Slow mode" in error["fields"]["body"]
    article.comments_closed = True
    assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "Closed?"}, token=token_for(make.user())), 403)


@pytest.mark.parametrize("sanction", ["banned", "suspended"])
def test_sanctioned_readers_may_read_and_delete_their_own_but_not_post_or_react(make, api, token_for, sanction):
    article = make.article()
    person = make.user()
    own = make.comment(article, status="published", author=person)
    other = make.comment(article, status="published")
    admin = make.user("admin")
    if sanction == "banned":
        sanctions.ban(admin, person, "Spam or advertising")
    else:
        from datetime import timedelta
        sanctions.suspend(admin, person, utcnow() + timedelta(days=1), "Misuse of flags")
    token = token_for(person)
    assert api.get(f"/articles/{article.slug}/comments", token=token).status_code == 200
    error = assert_error(api.post(f"/articles/{article.slug}/comments", {"body": "Still here."}, token=token), 403)
    assert f"Your account is {sanction}" in error["message"]
    assert_error(api.post(f"/comments/{other.id}/reactions", {"kind": "up"}, token=token), 403)
    assert_error(api.post(f"/comments/{other.id}/flags", {"reason": "spam"}, token=token), 403)
    assert api.call("DELETE", f"/comments/{own.id}", token=token).status_code == 204


def test_editing_and_deleting_ones_own_comment(make, db, api, token_for, quiet):
    article = make.article()
    author = make.user()
    comment = make.comment(article, status="published", author=author, body="Frist.")
    token = token_for(author)
    edited = api.call("PATCH", f"/comments/{comment.id}", json={"body": "First."}, token=token)
    assert edited.status_code == 200 and edited.get_json()["body"] == "First." and edited.get_json()["edited_at"]
    assert_error(api.call("PATCH", f"/comments/{comment.id}", json={"body": "Mine now."}, token=token_for(make.user())), 403)
    assert_error(api.call("DELETE", f"/comments/{comment.id}", token=token_for(make.user())), 403)
    assert api.call("DELETE", f"/comments/{comment.id}", token=token).status_code == 204
    db.session.refresh(comment)
    assert comment.status == CommentStatus.DELETED
    assert api.get(f"/articles/{article.slug}/comments").get_json()["comments"] == []
    assert_error(api.call("PATCH", "/comments/999999999", json={"body": "x"}, token=token), 404)


def test_reacting_toggles_and_counts_in_sql(make, db, api, token_for):
    article = make.article()
    author = make.user()
    comment = make.comment(article, status="published", author=author)
    token = token_for(make.user())
    first = api.post(f"/comments/{comment.id}/reactions", {"kind": "up"}, token=token)
    # The not-helpful count is not the reacting reader's to read (see the test below).
    assert first.status_code == 200 and first.get_json() == {"held": "up", "up": 1, "down": None}
    switched = api.post(f"/comments/{comment.id}/reactions", {"kind": "down"}, token=token).get_json()
    db.session.refresh(comment)
    assert switched == {"held": "down", "up": 0, "down": None} and comment.down_count == 1
    taken_back = api.post(f"/comments/{comment.id}/reactions", {"kind": "down"}, token=token).get_json()
    db.session.refresh(comment)
    assert taken_back == {"held": None, "up": 0, "down": None} and comment.down_count == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Reaction).where(Reaction.comment_id == comment.id)) == 0
    assert_error(api.post(f"/comments/{comment.id}/reactions", {"kind": "up"}, token=token_for(author)), 403)
    assert_error(api.post(f"/comments/{comment.id}/reactions", {"kind": "love"}, token=token), 422)


def test_the_not_helpful_count_is_for_moderators_and_the_author_as_on_the_page(make, db, api, token_for):
    article = make.article()
    author = make.user()
    root = make.comment(article, status="published", author=author, body="A comment some did not like.")
    reply = make.comment(article, status="published", author=author, parent=root, body="And its author's reply.")
    for voter in (make.user(), make.user()):
        assert api.post(f"/comments/{root.id}/reactions", {"kind": "down"}, token=token_for(voter)).status_code == 200
    assert api.post(f"/comments/{reply.id}/reactions", {"kind": "down"}, token=token_for(make.user())).status_code == 200

    def downs(token=None):
        thread = api.get(f"/articles/{article.slug}/comments", token=token).get_json()["comments"]
        replies = api.get(f"/comments/{root.id}/replies", token=token).get_json()["replies"]
        return thread[0]["down"], thread[0]["replies"][0]["down"], replies[0]["down"]

    assert downs() == (None, None, None)
    assert downs(token_for(make.user())) == (None, None, None)
    assert downs(token_for(author)) == (2, 1, 1)
    moderator = make.user("moderator")
    assert downs(token_for(moderator)) == (2, 1, 1)
    # A moderator reacting reads the count back; the up count stays everyone's.
    answer = api.post(f"/comments/{root.id}/reactions", {"kind": "up"}, token=token_for(moderator)).get_json()
    assert answer == {"held": "up", "up": 1, "down": 2}
    document = api.get("/openapi.json").get_json()
    for schema in ("CommentOut", "ReactionOut"):
        down = document["components"]["schemas"][schema]["properties"]["down"]
        assert {"type": "null"} in down["anyOf"], schema  # the document says it may be null


def test_authors_carry_their_display_name_next_to_their_username(make, db, api):
    article = make.article()
    named, plain = make.user(), make.user()
    named.display_name = "Ada Lovelace"
    make.comment(article, status="published", author=named, body="With a name.")
    make.comment(article, status="published", author=plain, body="Without one.")
    comments = api.get(f"/articles/{article.slug}/comments", query_string={"sort": "oldest"}).get_json()["comments"]
    assert [c["author"] for c in comments] == [{"username": named.username, "display_name": "Ada Lovelace"},
                                               {"username": plain.username, "display_name": None}]


def test_flagging_once_with_a_reason(make, db, api, token_for):
    article = make.article()
    comment = make.comment(article, status="published")
    token = token_for(make.user())
    flagged = api.post(f"/comments/{comment.id}/flags", {"reason": "spam"}, token=token)
    assert flagged.status_code == 201 and flagged.get_json() == {"comment_id": comment.id, "reason": "spam", "note": ""}
    assert_error(api.post(f"/comments/{comment.id}/flags", {"reason": "spam"}, token=token), 409, "conflict")
    other = token_for(make.user())
    error = assert_error(api.post(f"/comments/{comment.id}/flags", {"reason": "other"}, token=other), 422)
    assert "note" in error["fields"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Flag).where(Flag.comment_id == comment.id)) == 1


def test_pending_comments_of_others_are_not_reachable(make, api, token_for):
    article = make.article()
    pending = make.comment(article, status="pending", body="Nobody sees this yet.")
    token = token_for(make.user())
    for method, path, body in [
        ("POST", f"/comments/{pending.id}/reactions", {"kind": "up"}),
        ("POST", f"/comments/{pending.id}/flags", {"reason": "spam"}),
        ("PATCH", f"/comments/{pending.id}", {"body": "Edited."}),
        ("POST", f"/articles/{article.slug}/comments", {"body": "A reply.", "parent_id": pending.id}),
    ]:
        response = api.call(method, path, json=body, token=token)
        assert response.status_code == 404, (path, response.status_code)  # as its permalink: no such comment
        assert "Nobody sees this yet." not in response.get_data(as_text=True)


# --- Moderation ---

MODERATION_CALLS = [
    ("GET", "/moderation/queues", None),
    ("GET", "/moderation/queues/pending", None),
    ("POST", "/moderation/comments/{id}/approve", None),
    ("POST", "/moderation/comments/{id}/reject", {"reason": "Off-topic"}),
    ("POST", "/moderation/comments/{id}/spam", None),
    ("POST", "/moderation/comments/{id}/feature", None),
    ("DELETE", "/moderation/comments/{id}/feature", None),
]


@pytest.mark.parametrize("method,path,body", MODERATION_CALLS)
def test_readers_cannot_reach_moderation_operations(make, db, api, token_for, method, path, body):
    pending = make.comment(make.article(), status="pending")
    response = api.call(method, path.format(id=pending.id), json=body, token=token_for(make.user()))
    assert_error(response, 403, "forbidden")
    db.session.refresh(pending)
    assert pending.status == CommentStatus.PENDING


def test_a_moderator_works_the_queue_and_every_act_is_logged(make, db, api, token_for):
    article = make.article()
    moderator = make.user("moderator")
    token = token_for(moderator)
    held = [make.comment(article, status="pending", body=f"Held {n}.") for n in range(3)]
    counts = api.get("/moderation/queues", token=token).get_json()
    assert counts["counts"]["pending"] >= 3 and counts["cap"] == 1000
    page = api.get("/moderation/queues/pending", token=token, query_string={"article": article.id}).get_json()
    assert [item["comment"]["id"] for item in page["items"]] == [c.id for c in held]
    assert page["items"][0]["comment"]["reasons"]  # moderators read why it was held

    approved = api.post(f"/moderation/comments/{held[0].id}/approve", token=token)
    assert approved.status_code == 200 and approved.get_json()["comment"]["status"] == "published"
    assert_error(api.post(f"/moderation/comments/{held[1].id}/reject", {"reason": ""}, token=token), 422)
    rejected = api.post(f"/moderation/comments/{held[1].id}/reject", {"reason": "Off-topic"}, token=token).get_json()
    assert rejected["comment"]["status"] == "rejected" and rejected["comment"]["rejection_reason"] == "Off-topic"
    assert api.post(f"/moderation/comments/{held[2].id}/spam", token=token).get_json()["comment"]["status"] == "spam"
    assert_error(api.post(f"/moderation/comments/{held[2].id}/feature", token=token), 409)
    featured = api.post(f"/moderation/comments/{held[0].id}/feature", token=token).get_json()
    assert featured["comment"]["featured"] is True
    thread = api.get(f"/articles/{article.slug}/comments").get_json()
    assert thread["comments"][0]["id"] == held[0].id and thread["comments"][0]["featured"]
    assert api.call("DELETE", f"/moderation/comments/{held[0].id}/feature", token=token).status_code == 200

    verbs = db.session.scalars(sa.select(ModerationAction.verb).where(ModerationAction.actor_id == moderator.id)
                               .order_by(ModerationAction.id)).all()
    assert verbs == [Verb.APPROVE, Verb.REJECT, Verb.SPAM, Verb.FEATURE, Verb.UNFEATURE]
    db.session.refresh(article)
    assert article.comment_count == 1
    assert_error(api.get("/moderation/queues/nonsense", token=token), 404)
    assert_error(api.post("/moderation/comments/999999999/approve", token=token), 404)


def test_the_appeals_queue_shows_the_appeal(make, api, token_for):
    from forum.actions.appeals import appeal
    from forum.actions.moderation import reject
    moderator = make.user("moderator")
    comment = make.comment(make.article(), status="published")
    reject(moderator, comment, "Off-topic")
    appeal(comment.author, comment, "It was on topic.")
    page = api.get("/moderation/queues/appeals", token=token_for(moderator)).get_json()
    entry = next(item for item in page["items"] if item["comment"]["id"] == comment.id)
    assert entry["appeal"]["body"] == "It was on topic."


def test_a_warned_reader_must_read_the_warning_first(make, api, token_for):
    reader = make.user()
    sanctions.warn(make.user("moderator"), reader, "Keep it civil.")
    assert_error(api.get("/articles", token=token_for(reader)), 403, "unread_warning")


# --- The error shape everywhere under /api/ ---

def test_errors_under_api_are_json_in_one_shape(api):
    assert_error(api.get("/no-such-thing"), 404, "not_found")
    response = api.call("PUT", "/articles")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]
    assert_error(api.get("/articles", query_string={"after": "a\x00"}), 400)


def test_rate_limits_apply_and_share_the_html_budget(app, database_url):
    limited = create_app(type("LimitedConfig", (TestConfig,), {
        "SQLALCHEMY_DATABASE_URI": database_url, "RATELIMIT_ENABLED": True, "WTF_CSRF_ENABLED": False,
        "RATELIMIT_POST": "2 per minute", "RATELIMIT_STORAGE_URI": "memory://",
    }))
    client = limited.test_client()
    # Anonymous callers are counted by address; the limit is checked before anything else is read.
    assert client.post("/articles/no-such-article/comments", data={"body": "hi"}).status_code == 404
    assert client.post(f"{API}/articles/no-such-article/comments", json={"body": "hi"}).status_code == 401
    response = client.post(f"{API}/articles/no-such-article/comments", json={"body": "hi"})
    error = assert_error(response, 429, "rate_limited")
    assert int(response.headers["Retry-After"]) > 0 and error["message"].startswith("Too many attempts")
    assert "go back" not in error["message"]  # a program has no form to go back to


def test_a_token_user_is_limited_as_their_account_not_as_an_address(app, make, api, token_for, quiet, monkeypatch):
    from forum.extensions import limiter

    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    limiter.reset()
    limiter.enabled = True  # the autouse fixture in conftest.py switches it off again
    article = make.article()
    first, second = token_for(make.user()), token_for(make.user())
    codes = [api.post(f"/articles/{article.slug}/comments", {"body": f"Point {n}."}, token=first).status_code
             for n in range(3)]
    assert codes == [201, 201, 429]
    assert api.post(f"/articles/{article.slug}/comments", {"body": "Mine."}, token=second).status_code == 201


@pytest.mark.parametrize("method, path, body", [
    ("GET", "/comments/{id}/replies", None),
    ("POST", "/comments/{id}/reactions", {"kind": "up"}),
    ("POST", "/comments/{id}/flags", {"reason": "spam"}),
    ("DELETE", "/comments/{id}", None),
])
def test_a_held_comment_and_a_missing_one_get_the_same_404_byte_for_byte(make, db, api, token_for, method, path, body):
    """Outsider review: 'There is no such comment.' against Werkzeug's default text told held ids from unused ones."""
    held = make.comment(make.article(), status="rejected", body="Removed.")
    reader = token_for(make.user())
    db.session.flush()
    answers = [api.call(method, path.format(id=comment_id), json=body, token=reader)
               for comment_id in (held.id, held.id + 1000)]
    assert [a.status_code for a in answers] == [404, 404]
    assert answers[0].get_data() == answers[1].get_data()


def test_a_moderators_decision_on_a_text_edited_since_they_read_it_is_a_409(db, make, api, token_for):
    """Outsider review F4: the API's decisions may say what the moderator saw (seen_status, seen_body);
    an author's edit or another moderator's decision since then refuses the decision and changes nothing."""
    moderator, admin = make.user("moderator"), make.user("admin")
    comment = make.comment(make.article(), status="pending", body="You are a fool, Bao.")
    shown = {"seen_status": "pending", "seen_body": comment.body_source}
    comment.body_source = "Buy cheap pills at example.com"
    db.session.commit()

    edited = api.post(f"/moderation/comments/{comment.id}/approve", json=shown, token=token_for(moderator))
    assert_error(edited, 409)
    assert "changed since you loaded it" in edited.get_json()["error"]["message"]
    assert db.session.get(Comment, comment.id).status == CommentStatus.PENDING

    shown["seen_body"] = comment.body_source
    assert api.post(f"/moderation/comments/{comment.id}/reject", json={"reason": "Spam or advertising", **shown},
                    token=token_for(moderator)).status_code == 200
    stale = api.post(f"/moderation/comments/{comment.id}/approve", json=shown, token=token_for(admin))
    assert_error(stale, 409)
    assert db.session.get(Comment, comment.id).status == CommentStatus.REJECTED
    assert api.post(f"/moderation/comments/{comment.id}/spam", token=token_for(admin)).status_code == 200  # no body: as before
