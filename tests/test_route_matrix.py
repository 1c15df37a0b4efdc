"""Every endpoint × {anonymous, reader, moderator, admin, suspended reader, banned reader}: what each one gets.

The table below names, for each endpoint, the request sent (with real ids) and the answer each
persona gets. A new route that is missing from the table fails the test until someone decides
who may use it. CSRF is off here, so that the permission layer is what answers.
"""
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Callable

import pytest
from flask import url_for

from forum.actions import sanctions
from forum.actions.appeals import appeal
from forum.actions.moderation import reject
from forum.models import Appeal, Article, ArticleStatus, Comment, User
from forum.models.base import utcnow

PERSONAS = ("anonymous", "reader", "moderator", "admin", "suspended", "banned")
LOGIN = "login"  # a 302 to the sign-in page, or (a form with text in it) a 401 that keeps the text and links there


@dataclass
class World:
    """Real rows for every kind of URL argument, and the personas who ask."""

    article: Article
    draft: Article
    author: User  # a reader whose comments the personas act on
    comment: Comment  # the author's published top-level comment
    pending: Comment
    rejected: Comment  # with an open appeal
    appeal: Appeal
    other_moderator: User
    other_admin: User
    personas: dict[str, User | None]
    own: dict[str, Comment] = field(default_factory=dict)  # each persona's published comment
    own_rejected: dict[str, Comment] = field(default_factory=dict)


def build_world(make) -> World:
    article, draft = make.article(), make.article(published=False)
    author = make.user()
    personas = {"anonymous": None}
    for persona in ("reader", "moderator", "admin", "suspended", "banned"):
        role = persona if persona in ("moderator", "admin") else "reader"
        personas[persona] = make.user(role)
    world = World(
        article=article, draft=draft, author=author,
        comment=make.comment(article, status="published", author=author),
        pending=make.comment(article, status="pending", author=author),
        rejected=make.comment(article, status="published", author=author),
        appeal=None, other_moderator=make.user("moderator"), other_admin=make.user("admin"),
        personas=personas,
    )
    for persona, user in personas.items():
        if user is not None:
            world.own[persona] = make.comment(article, status="published", author=user)
            world.own_rejected[persona] = make.comment(article, status="rejected", author=user)
    admin, moderator = personas["admin"], personas["moderator"]
    reject(moderator, world.rejected, "Personal attack on another reader")
    world.appeal = appeal(author, world.rejected, "I was quoting, not attacking.")
    sanctions.suspend(admin, personas["suspended"], utcnow() + timedelta(days=7), "Misuse of flags")
    sanctions.ban(admin, personas["banned"], "Spam or advertising")
    return world


@dataclass
class Case:
    endpoint: str
    method: str
    expected: tuple  # one answer per persona, in the order of PERSONAS
    args: Callable[[World, str], dict] = lambda world, persona: {}
    data: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    note: str = ""
    json: dict | None = None  # sent as a JSON body instead of `data` (the API)


def everyone(code):
    return (code,) * len(PERSONAS)


def staff_only(code):
    """The moderation area: anonymous visitors sign in, readers in any standing get 403."""
    return (LOGIN, 403, code, code, 403, 403)


def admin_only(code):
    return (LOGIN, 403, 403, code, 403, 403)


SLUG = lambda world, persona: {"slug": world.article.slug}  # noqa: E731
THEIR_COMMENT = lambda world, persona: {"comment_id": world.comment.id}  # noqa: E731
OWN_COMMENT = lambda world, persona: {"comment_id": (world.own.get(persona) or world.comment).id}  # noqa: E731
OWN_REJECTED = lambda world, persona: {"comment_id": (world.own_rejected.get(persona) or world.rejected).id}  # noqa: E731
PENDING = lambda world, persona: {"comment_id": world.pending.id}  # noqa: E731
ARTICLE_ID = lambda world, persona: {"article_id": world.article.id}  # noqa: E731
AUTHOR = lambda world, persona: {"username": world.author.username}  # noqa: E731
MODERATOR = lambda world, persona: {"username": world.other_moderator.username}  # noqa: E731
ADMIN = lambda world, persona: {"username": world.other_admin.username}  # noqa: E731
SOON = (utcnow() + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")


def OWN_TOKEN(world, persona):  # noqa: N802 (named like the other argument makers)
    """A token of the persona's own (the author's for a visitor, who is sent to sign in anyway)."""
    from forum.actions.tokens import create_token

    return {"token_id": create_token(world.personas[persona] or world.author, "matrix")[0].id}


def API_STAFF(code):  # noqa: N802
    """Moderation through the API: 401 for a visitor, 403 for readers in any standing."""
    return (401, 403, code, code, 403, 403)
BODY = {"body": "A calm and civil remark about the rail plan's costs."}

CASES = [
    # Public pages
    Case("public.index", "GET", everyone(200)),
    Case("public.article", "GET", everyone(200), SLUG),
    Case("public.profile", "GET", everyone(200), AUTHOR),
    Case("public.moderation_log", "GET", everyone(200)),
    Case("public.feed", "GET", everyone(200)),
    Case("public.comments_feed", "GET", everyone(200)),
    Case("public.article_comments_feed", "GET", everyone(200), SLUG),
    Case("public.healthz", "GET", everyone(200)),
    # Embedding threads on publishers' sites (allowed origins: tests/views/test_embed.py)
    Case("embed.script", "GET", everyone(200)),
    Case("embed.thread", "GET", everyone(403), query={"url": "https://not-allowed.example/story"},
         note="an origin no admin allowed"),
    Case("embed.signed_in", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    # Accounts
    Case("auth.login", "GET", (200, 302, 302, 302, 302, 302)),
    Case("auth.login", "POST", (400, 302, 302, 302, 302, 302), note="an empty form"),
    Case("auth.register", "GET", (200, 302, 302, 302, 302, 302)),
    Case("auth.register", "POST", (400, 302, 302, 302, 302, 302), note="an empty form"),
    Case("auth.password", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    Case("auth.password", "POST", (LOGIN, 400, 400, 400, 400, 400), note="an empty form"),
    Case("auth.warning", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    Case("auth.warning", "POST", (LOGIN, 302, 302, 302, 302, 302)),
    Case("auth.logout", "POST", everyone(302)),
    # One's own data: download it, delete the account (the empty form is refused before anything changes)
    Case("account.data", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    Case("account.delete", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    Case("account.delete", "POST", (LOGIN, 400, 400, 400, 400, 400), note="an empty form"),
    # One's display name: not while sanctioned (an empty form clears it)
    Case("account.profile", "GET", (LOGIN, 200, 200, 200, 403, 403)),
    Case("account.profile", "POST", (LOGIN, 302, 302, 302, 403, 403), note="an empty form: no display name"),
    # E-mail settings and one-click unsubscribe (a link without a valid signed token is a 400 for anyone)
    Case("notifications.replies", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    Case("notifications.settings", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    Case("notifications.settings", "POST", (LOGIN, 302, 302, 302, 302, 302), note="an empty form: all off"),
    Case("notifications.unsubscribe", "GET", everyone(400), note="no token"),
    Case("notifications.unsubscribe", "POST", everyone(400), query={"list": "replies", "token": "forged"}),
    # Reading and writing comments
    Case("comments.more", "GET", everyone(200), SLUG),
    Case("comments.new_count", "GET", everyone(200), SLUG, query={"since": "2020-01-01T00:00:00+00:00"}),
    Case("comments.permalink", "GET", everyone(302), THEIR_COMMENT),
    Case("comments.replies", "GET", everyone(200), THEIR_COMMENT),
    Case("comments.replies", "GET", (404, 404, 200, 200, 404, 404), PENDING, note="someone else's held comment"),
    Case("comments.create", "POST", (LOGIN, 302, 302, 302, 403, 403), SLUG, BODY),
    # Endpoints the scripts read answer only JSON: a visitor gets a JSON 401, not the sign-in page (errors.JSON_ENDPOINTS)
    Case("comments.preview", "POST", (401, 200, 200, 200, 200, 200), data=BODY),
    Case("comments.edit", "GET", (LOGIN, 403, 403, 403, 403, 403), THEIR_COMMENT, note="someone else's"),
    Case("comments.edit", "GET", (LOGIN, 200, 200, 200, 403, 403), OWN_COMMENT, note="one's own"),
    Case("comments.edit", "POST", (LOGIN, 302, 302, 302, 403, 403), OWN_COMMENT, BODY, note="one's own"),
    Case("comments.delete", "GET", (LOGIN, 403, 403, 403, 403, 403), THEIR_COMMENT, note="someone else's"),
    Case("comments.delete", "GET", (LOGIN, 200, 200, 200, 200, 200), OWN_COMMENT, note="one's own"),
    Case("comments.delete", "POST", (LOGIN, 302, 302, 302, 302, 302), OWN_COMMENT, note="one's own"),
    Case("comments.react", "POST", (LOGIN, 302, 302, 302, 403, 403), THEIR_COMMENT, {"kind": "up"}),
    Case("comments.history", "GET", (LOGIN, 403, 200, 200, 403, 403), THEIR_COMMENT),
    Case("comments.flag", "GET", (LOGIN, 200, 200, 200, 403, 403), THEIR_COMMENT),
    Case("comments.flag", "POST", (LOGIN, 302, 302, 302, 403, 403), THEIR_COMMENT, {"reason": "spam"}),
    # Someone else's rejected comment does not exist for a reader (as on its permalink); staff may see it.
    Case("comments.appeal", "GET", (LOGIN, 404, 403, 403, 404, 404),
         lambda world, persona: {"comment_id": world.rejected.id}, note="someone else's rejection"),
    Case("comments.appeal", "GET", (LOGIN, 200, 200, 200, 200, 200), OWN_REJECTED, note="one's own rejection"),
    Case("comments.appeal", "POST", (LOGIN, 302, 302, 302, 302, 302), OWN_REJECTED, {"body": "Please look again."}),
    # The moderation area
    Case("moderation.queue", "GET", staff_only(200)),
    Case("moderation.more_items", "GET", staff_only(200)),
    Case("moderation.log_name", "GET", staff_only(200)),
    Case("moderation.log_name", "POST", staff_only(302), note="an empty form: not named"),
    Case("moderation.approve", "POST", staff_only(302), PENDING),
    Case("moderation.reject", "POST", staff_only(302), PENDING, {"reason": "Off-topic"}),
    Case("moderation.spam", "POST", staff_only(302), PENDING),
    Case("moderation.feature", "POST", staff_only(302), THEIR_COMMENT),
    Case("moderation.unfeature", "POST", staff_only(302), THEIR_COMMENT),
    Case("moderation.undo", "POST", staff_only(303), THEIR_COMMENT, note="nothing of theirs to undo: refused"),
    Case("moderation.bulk", "POST", staff_only(302),
         data={"verb": "approve", "ids": "PENDING_ID"}),
    Case("moderation.decide", "POST", staff_only(302), lambda world, persona: {"appeal_id": world.appeal.id},
         {"outcome": "upheld", "reason": "The comment breaks the rule it was rejected under"}),
    Case("moderation.close_article", "POST", staff_only(302), ARTICLE_ID),
    Case("moderation.reopen_article", "POST", staff_only(302), ARTICLE_ID),
    Case("moderation.slow_mode", "POST", staff_only(302), ARTICLE_ID, {"minutes": "5", "reason": "Heated"}),
    Case("moderation.user", "GET", staff_only(200), AUTHOR),
    Case("moderation.add_note", "POST", staff_only(302), AUTHOR, {"note_form-body": "Watch this one."}),
    Case("moderation.warn", "POST", staff_only(302), AUTHOR, {"warn_form-message": "Keep it civil."}),
    Case("moderation.warn", "POST", (LOGIN, 403, 403, 302, 403, 403), MODERATOR,
         {"warn_form-message": "Keep it civil."}, note="a moderator: only admins sanction them"),
    Case("moderation.warn", "POST", (LOGIN, 403, 403, 403, 403, 403), ADMIN,
         {"warn_form-message": "Keep it civil."}, note="an admin: nobody sanctions them"),
    Case("moderation.suspend", "POST", staff_only(302), AUTHOR,
         {"suspend_form-until": SOON, "suspend_form-reason": "Misuse of flags"}),
    Case("moderation.suspend", "POST", (LOGIN, 403, 403, 302, 403, 403), MODERATOR,
         {"suspend_form-until": SOON, "suspend_form-reason": "Misuse of flags"}, note="a moderator"),
    Case("moderation.ban", "POST", staff_only(302), AUTHOR, {"ban_form-reason": "Spam or advertising"}),
    Case("moderation.ban", "POST", (LOGIN, 403, 403, 302, 403, 403), MODERATOR,
         {"ban_form-reason": "Misuse of flags"}, note="a moderator"),
    Case("moderation.ban", "POST", (LOGIN, 403, 403, 403, 403, 403), ADMIN,
         {"ban_form-reason": "Misuse of flags"}, note="an admin"),
    Case("moderation.unban", "POST", staff_only(302), AUTHOR, {"unban_form-reason": "The sanction has served its purpose"}),
    # The admin area
    Case("admin.dashboard", "GET", admin_only(200)),
    Case("admin.activity", "GET", admin_only(200)),
    Case("admin.users", "GET", admin_only(200)),
    Case("admin.new_article", "GET", admin_only(200)),
    Case("admin.new_article", "POST", admin_only(400), note="an empty form"),
    Case("admin.edit_article", "GET", admin_only(200), ARTICLE_ID),
    Case("admin.edit_article", "POST", admin_only(400), ARTICLE_ID, note="an empty form"),
    Case("admin.preview", "POST", admin_only(200), data={"body": "# Title"}),
    Case("admin.publish", "GET", admin_only(200), lambda world, persona: {"article_id": world.draft.id}),
    Case("admin.publish", "POST", admin_only(302), lambda world, persona: {"article_id": world.draft.id}),
    Case("admin.unpublish", "POST", admin_only(302), ARTICLE_ID),
    Case("admin.policy", "GET", admin_only(200)),
    Case("admin.policy", "POST", admin_only(400), note="an empty form"),
    Case("admin.classifier", "GET", admin_only(200)),
    Case("admin.classifier_retrain", "POST", admin_only(302)),
    Case("admin.classifier_rollback", "POST", admin_only(303), note="to the shipped model, already active: refused"),
    Case("admin.classifier_schedule", "POST", admin_only(302), note="empty: retrain only when asked"),
    Case("admin.change_role", "POST", admin_only(302), lambda world, persona: {"user_id": world.author.id},
         {"role": "moderator"}),
    Case("admin.change_role", "POST", admin_only(403),
         lambda world, persona: {"user_id": world.personas["admin"].id}, {"role": "reader"},
         note="an admin demoting themself"),
    # Personal API tokens (on one's profile)
    Case("tokens.index", "GET", (LOGIN, 200, 200, 200, 200, 200)),
    Case("tokens.create", "POST", (LOGIN, 200, 200, 200, 200, 200), data={"name": "matrix"}),
    Case("tokens.revoke", "POST", (LOGIN, 302, 302, 302, 302, 302), OWN_TOKEN, note="one's own"),
    # The JSON API, signed in by session (CSRF is off here): 401 where the HTML sends to sign in
    Case("api.openapi", "GET", everyone(200)),
    Case("api.list_articles", "GET", everyone(200)),
    Case("api.thread", "GET", everyone(200), SLUG),
    Case("api.replies", "GET", everyone(200), THEIR_COMMENT),
    Case("api.post_comment", "POST", (401, 201, 201, 201, 403, 403), SLUG, json=BODY),
    Case("api.edit_comment", "PATCH", (401, 403, 403, 403, 403, 403), THEIR_COMMENT, json=BODY, note="someone else's"),
    Case("api.edit_comment", "PATCH", (401, 200, 200, 200, 403, 403), OWN_COMMENT, json=BODY, note="one's own"),
    Case("api.delete_comment", "DELETE", (401, 403, 403, 403, 403, 403), THEIR_COMMENT, note="someone else's"),
    Case("api.delete_comment", "DELETE", (401, 204, 204, 204, 204, 204), OWN_COMMENT, note="one's own"),
    Case("api.react", "POST", (401, 200, 200, 200, 403, 403), THEIR_COMMENT, json={"kind": "up"}),
    Case("api.flag", "POST", (401, 201, 201, 201, 403, 403), THEIR_COMMENT, json={"reason": "spam"}),
    Case("api.queue_counts", "GET", API_STAFF(200)),
    Case("api.queue", "GET", API_STAFF(200), lambda world, persona: {"queue": "pending"}),
    Case("api.approve", "POST", API_STAFF(200), PENDING),
    Case("api.reject", "POST", API_STAFF(200), PENDING, json={"reason": "Off-topic"}),
    Case("api.spam", "POST", API_STAFF(200), PENDING),
    Case("api.feature", "POST", API_STAFF(200), THEIR_COMMENT),
    Case("api.unfeature", "DELETE", API_STAFF(200), THEIR_COMMENT),
    Case("api.undo", "POST", API_STAFF(409), THEIR_COMMENT, note="nothing of theirs to undo: refused"),
]


def form_data(case: Case, world: World) -> dict:
    return {name: (str(world.pending.id) if value == "PENDING_ID" else value) for name, value in case.data.items()}


def url_of(app, case: Case, world: World, persona: str) -> str:
    with app.test_request_context():
        return url_for(case.endpoint, **case.args(world, persona), **case.query)


@contextmanager
def undone(app, db):
    """Whatever the requests inside change is rolled back afterwards, so every case starts from the same world.

    The requests get an application context (and so a database session) of their own, as in production;
    it joins the test's connection inside a savepoint that is rolled back when the block ends.
    """
    savepoint = db.session.get_bind().begin_nested()
    try:
        with app.app_context():
            yield
    finally:
        savepoint.rollback()


def answer(response) -> int | str:
    if response.status_code == 302 and "/auth/login" in response.location:
        return LOGIN
    # A 401 that keeps the text and links to the sign-in page, or (a comment) carries it through a sign-in form there.
    sign_in = b'href="/auth/login"' in response.data or b'action="/auth/login?' in response.data
    if response.status_code == 401 and sign_in and b'id="kept-text"' in response.data:
        return LOGIN
    return response.status_code


def sign_in(auth, world: World, persona: str) -> None:
    auth.logout()
    if world.personas[persona] is not None:
        auth.login(world.personas[persona])


def test_every_endpoint_is_in_the_table(app):
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.endpoint != "static"}
    covered = {case.endpoint for case in CASES}
    missing = sorted(endpoints - covered)
    assert not missing, f"routes missing from the permission table in tests/test_route_matrix.py: {missing}"
    assert not covered - endpoints, f"the table names endpoints that no longer exist: {sorted(covered - endpoints)}"
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        methods = rule.methods - {"HEAD", "OPTIONS"}
        tested = {case.method for case in CASES if case.endpoint == rule.endpoint}
        assert methods <= tested, f"{rule.endpoint}: no case for {sorted(methods - tested)}"


@pytest.mark.parametrize("persona", PERSONAS)
def test_each_persona_gets_what_the_table_says(app, db, make, client, auth, monkeypatch, persona):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    world = build_world(make)
    sign_in(auth, world, persona)
    column = PERSONAS.index(persona)
    wrong = []
    # Signing out goes last: it ends the persona's session.
    for case in sorted(CASES, key=lambda c: c.endpoint == "auth.logout"):
        url = url_of(app, case, world, persona)
        with undone(app, db):
            body = {"json": case.json} if case.json is not None else {"data": form_data(case, world)}
            response = client.open(url, method=case.method, **body)
            got = answer(response)
        if got != case.expected[column]:
            wrong.append(f"{case.method} {url} ({case.endpoint}{', ' + case.note if case.note else ''}): "
                         f"expected {case.expected[column]}, got {got}")
    assert not wrong, f"{persona}:\n" + "\n".join(wrong)
    # Each case was rolled back: the world is as it was built.
    for row in (world.pending, world.article, world.draft, world.author):
        db.session.refresh(row)
    assert world.pending.status.value == "pending"
    assert world.article.status == ArticleStatus.PUBLISHED and not world.draft.status == ArticleStatus.PUBLISHED
    assert world.author.role.value == "reader" and not world.author.is_banned


MISSING = {"slug": "no-such-article", "comment_id": 999_999, "article_id": 999_999, "appeal_id": 999_999,
           "user_id": 999_999, "username": "no_such_person", "filename": "no-such-file.css", "token_id": 999_999,
           "queue": "no-such-queue"}


def test_a_route_asked_for_a_row_that_does_not_exist_answers_404(app, make, client, auth, monkeypatch):
    """As an admin, who may see everything: every id, slug or name that matches nothing is a 404."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    auth.login(make.user("admin"))
    wrong = []
    for rule in app.url_map.iter_rules():
        if not rule.arguments:
            continue
        url = rule.build({name: MISSING[name] for name in rule.arguments}, append_unknown=False)[1]
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            status = client.open(url, method=method, query_string={"since": "2020-01-01T00:00:00+00:00"}).status_code
            if status != 404:
                wrong.append(f"{method} {url}: {status}")
    assert not wrong, "\n".join(wrong)


def test_a_route_asked_with_the_wrong_method_answers_405(app, make, client, auth):
    """To a visitor and to an admin alike: the method is checked before anything else."""
    accepted: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        accepted.setdefault(rule.rule, set()).update(rule.methods)
    any_value = {"slug": "x", "comment_id": 1, "article_id": 1, "appeal_id": 1, "user_id": 1, "username": "x",
                 "filename": "style.css", "token_id": 1, "queue": "pending"}
    for signed_in in (False, True):
        if signed_in:
            auth.login(make.user("admin"))
        for address, methods in accepted.items():
            rule = next(r for r in app.url_map.iter_rules() if r.rule == address)
            url = rule.build({name: any_value[name] for name in rule.arguments}, append_unknown=False)[1]
            wrong_method = next(m for m in ("POST", "GET", "PUT") if m not in methods)
            assert client.open(url, method=wrong_method).status_code == 405, (wrong_method, url)
