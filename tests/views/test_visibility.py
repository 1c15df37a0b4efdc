"""Who sees what, over HTTP (issue 12): profiles, permalinks, the moderation area and the API follow one rule,
and a move the life cycle refuses is answered with a message (HTML) or a 409 (API)."""
import html
import re

import pytest
import sqlalchemy as sa

from forum.actions.articles import unpublish_article
from forum.actions.moderation import reject
from forum.actions.tokens import create_token
from forum.models import Appeal, Comment, CommentStatus, ModerationAction, Verb
from tests.conftest import csrf_token

pytestmark = pytest.mark.usefixtures("own_sessions")  # each request in a session of its own, as in production

API = "/api/v1"


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def thread_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', page)]


def stored(db, comment) -> Comment:
    db.session.expire_all()
    return db.session.get(Comment, comment.id)


@pytest.fixture
def token(client):
    return lambda path="/": csrf_token(client, path)


def log_rows(db, **where) -> list[ModerationAction]:
    query = sa.select(ModerationAction)
    for name, value in where.items():
        query = query.where(getattr(ModerationAction, name) == value)
    return db.session.scalars(query).all()


# Defect 2, through the interface: rejected → the author appeals → deletes → a moderator grants

def test_a_deleted_comment_stays_deleted_when_its_appeal_is_granted(db, make, client, auth, token):
    author, moderator = make.user(), make.user("moderator")
    article = make.article()
    comment = make.comment(article, status="pending", author=author, body="Words I take back.")
    reject(moderator, comment, "Off-topic")
    db.session.commit()

    auth.login(author)
    assert client.post(f"/comments/{comment.id}/appeal", data={"csrf_token": token(), "body": "Please."}).status_code == 302
    assert client.post(f"/comments/{comment.id}/delete", data={"csrf_token": token()}).status_code == 302
    assert "Closed without a decision" in text_of(client.get(f"/comments/{comment.id}/appeal"))
    auth.logout()

    auth.login(moderator)
    appeal_id = db.session.scalar(sa.select(Appeal.id).where(Appeal.comment_id == comment.id))
    response = client.post(f"/moderation/appeals/{appeal_id}/decide",
                           data={"csrf_token": token(), "outcome": "granted",
                                 "reason": "On a second reading the comment is within the rules"})
    assert response.status_code == 303  # refused, with its message on the queue
    assert "its author deleted the comment" in text_of(client.get("/moderation/"))
    auth.logout()
    after = stored(db, comment)
    assert (after.status, after.body_source) == (CommentStatus.DELETED, "")  # on main: published, text and all
    assert "Words I take back." not in text_of(client.get(f"/articles/{article.slug}"))


def test_approving_a_deleted_comment_is_a_message_in_html_and_a_409_in_the_api(db, make, client, auth, token):
    author, moderator = make.user(), make.user("moderator")
    comment = make.comment(make.article(), status="pending", author=author)
    from forum.actions.comments import delete_comment

    delete_comment(author, comment)
    secret = create_token(moderator, "tests")[1]
    db.session.commit()
    response = client.post(f"{API}/moderation/comments/{comment.id}/approve",
                           headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "conflict"
    auth.login(moderator)
    response = client.post(f"/moderation/comments/{comment.id}/approve", data={"csrf_token": token()})
    assert response.status_code == 303
    assert "nothing can bring it back" in text_of(client.get(response.location))
    assert stored(db, comment).status == CommentStatus.DELETED
    assert not log_rows(db, comment_id=comment.id, verb=Verb.APPROVE)


# Defect 3: comments on unpublished articles stayed on public profiles

def test_a_profile_leaves_out_comments_on_articles_the_viewer_may_not_read(db, make, client, auth):
    author = make.user()
    kept, withdrawn = make.article(title="Still out"), make.article(title="Pulled back to draft")
    make.comment(kept, status="published", author=author, body="On the live article.")
    make.comment(withdrawn, status="published", author=author, body="On the one taken back.")
    unpublish_article(None, withdrawn)
    db.session.commit()
    for viewer in (None, make.user(), author, make.user("moderator")):
        if viewer is not None:
            db.session.commit()
            auth.login(viewer)
        page = text_of(client.get(f"/users/{author.username}"))
        assert "On the live article." in page
        assert "On the one taken back." not in page and "Pulled back to draft" not in page  # both shown on main
        if viewer is not None:
            auth.logout()
    auth.login(make.user("admin"))
    assert "On the one taken back." in text_of(client.get(f"/users/{author.username}"))


# Defect 4: moderators could close or slow down a draft, whose title then went into the public log

@pytest.mark.parametrize("act,data", [("close", {}), ("reopen", {}), ("slow-mode", {"minutes": "5"})])
def test_no_moderator_act_reaches_a_draft(db, make, client, auth, token, act, data):
    draft = make.article(title="A secret draft title", published=False)
    db.session.commit()
    auth.login(make.user("moderator"))
    assert client.post(f"/moderation/articles/{draft.id}/{act}", data={"csrf_token": token(), **data}).status_code == 404
    auth.logout()
    auth.login(make.user("admin"))  # admins may read drafts, but a draft has no discussion to act on yet
    assert client.post(f"/moderation/articles/{draft.id}/{act}", data={"csrf_token": token(), **data}).status_code == 403
    assert not log_rows(db, article_id=draft.id)
    assert "A secret draft title" not in text_of(client.get("/moderation/log"))


def test_the_bulk_route_answers_comments_on_unpublished_articles_as_the_single_route_does(db, make, client, auth,
                                                                                          token):
    article = make.article()
    held = make.comment(article, status="pending")
    unpublish_article(None, article)
    db.session.commit()
    auth.login(make.user("moderator"))
    single = client.post(f"/moderation/comments/{held.id}/reject", data={"csrf_token": token(), "reason": "Off-topic"})
    bulk = client.post("/moderation/bulk", data={"csrf_token": token(), "verb": "reject", "reason": "Off-topic",
                                                 "ids": [str(held.id)]})
    assert (single.status_code, bulk.status_code) == (404, 404)  # bulk: 302, and rejected, on main
    assert stored(db, held).status == CommentStatus.PENDING
    assert "Off-topic" not in text_of(client.get("/moderation/log"))


def test_the_public_log_names_no_unpublished_article(db, make, client):
    article = make.article(title="Published, then withdrawn")
    unpublish_article(None, article)
    db.session.commit()
    page = text_of(client.get("/moderation/log"))
    assert "Published, then withdrawn" not in page and "an unpublished article" in page


# Defect 6: a moderator following a held comment's permalink landed on a page without it

@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_a_moderator_following_a_held_comments_permalink_finds_it_on_the_page(db, make, client, auth, status):
    article = make.article()
    make.comment(article, status="published")
    held = make.comment(article, status=status, body="Waiting for a decision.")
    db.session.commit()
    auth.login(make.user("moderator"))
    response = client.get(f"/comments/{held.id}")
    assert response.status_code == 302
    page = text_of(client.get(response.location))
    assert held.id in thread_ids(page)  # on main the thread's filter left it out
    assert "Waiting for a decision." in page and "readers do not see it" in page


def test_a_reply_held_under_a_deleted_comment_is_on_its_permalinks_page_for_its_author(db, make, client, auth):
    article = make.article()
    root_author, author = make.user(), make.user()
    root = make.comment(article, status="published", author=root_author)
    reply = make.comment(article, status="pending", author=author, parent=root, body="My held answer.")
    from forum.actions.comments import delete_comment

    delete_comment(root_author, root)
    db.session.commit()
    auth.login(author)
    response = client.get(f"/comments/{reply.id}")
    assert response.status_code == 302
    page = text_of(client.get(response.location))
    assert reply.id in thread_ids(page) and "Deleted by its author." in page


@pytest.mark.parametrize("page", ["flag", "edit", "delete", "history", "appeal"])
def test_someone_elses_held_comment_is_missing_on_every_readers_route_not_forbidden(db, make, client, auth, page):
    """Outsider review: a 403 from a held comment's flag page, against a 404 for an unused id, told that it existed."""
    held = make.comment(make.article(), status="pending", body="Waiting.")
    auth.login(make.user())
    assert client.get(f"/comments/{held.id}/{page}").status_code == 404
    assert client.get(f"/comments/{held.id + 1000}/{page}").status_code == 404
