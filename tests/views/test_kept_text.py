"""A form refused before it could be read (the session ended, the security token expired) hands back what
was written instead of losing it behind a redirect (outsider review)."""
import html5lib
import pytest

from forum.models import Article, Comment
from tests.conftest import csrf_token


def kept_text(response) -> str | None:
    tree = html5lib.parse(response.data, namespaceHTMLElements=False)
    kept = tree.find(".//textarea[@id='kept-text']")
    return None if kept is None else (kept.text or "")


def test_a_comment_sent_after_the_session_ended_comes_back_with_its_text(make, db, auth, client):
    article = make.article()
    auth.login(make.user())
    token = csrf_token(client, f"/articles/{article.slug}")
    auth.logout()

    response = client.post(f"/articles/{article.slug}/comments",
                           data={"body": "A long & careful <answer>.", "csrf_token": token})

    assert response.status_code in (400, 401)  # the token went with the session, or the session alone
    assert kept_text(response) == "A long & careful <answer>."
    assert db.session.get(Article, article.id).comment_count == 0


def test_a_comment_sent_without_a_session_at_all_comes_back_with_its_text(app, make, db, client, monkeypatch):
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)  # the token check is the other path, above
    article = make.article()

    response = client.post(f"/articles/{article.slug}/comments", data={"body": "Written, then signed out."})

    assert response.status_code == 401
    assert kept_text(response) == "Written, then signed out."
    assert b"/auth/login" in response.data


def test_an_edit_sent_after_the_session_ended_comes_back_with_its_text(make, db, auth, client):
    author = make.user()
    comment = make.comment(make.article(), author=author, status="published")
    auth.login(author)
    token = csrf_token(client, f"/comments/{comment.id}/edit")
    auth.logout()

    response = client.post(f"/comments/{comment.id}/edit", data={"body": "Second thoughts.", "csrf_token": token})

    assert response.status_code in (400, 401)
    assert kept_text(response) == "Second thoughts."
    assert db.session.get(Comment, comment.id).body_source != "Second thoughts."


@pytest.mark.parametrize("path", ["/", "/auth/login"])
def test_a_plain_page_for_a_signed_out_visitor_has_nothing_to_keep(client, path):
    assert kept_text(client.get(path)) is None


def test_a_reply_to_a_comment_removed_while_it_was_written_comes_back_with_its_text(make, db, auth, client):
    """Outsider review: the reply form's 404 (its parent held meanwhile) threw the reply away."""
    article = make.article()
    parent = make.comment(article, status="rejected", body="Gone now.")
    auth.login(make.user())
    token = csrf_token(client, f"/articles/{article.slug}")

    response = client.post(f"/articles/{article.slug}/comments",
                           data={"body": "My careful reply.", "parent_id": str(parent.id), "post": "1", "csrf_token": token})

    assert response.status_code == 404
    assert kept_text(response) == "My careful reply."


def test_signed_out_in_another_tab_the_reader_is_told_signs_in_here_and_posts_the_same_comment(make, db, auth,
                                                                                                  client):
    """Walk-through finding 5: a bare "400 That request was not understood", the stance lost, no way to sign in."""
    from forum.models import Comment as Posted
    from tests.factories import DEFAULT_PASSWORD
    from tests.html_forms import find_form, submit_form

    article = make.article(question="Can rivals cooperate?", stances=["Yes", "No", "It depends"])
    reader = auth.login(make.user())
    token = csrf_token(client, f"/articles/{article.slug}")
    auth.logout()  # in another tab

    sent = {"body": "My careful answer.", "stance": "no", "parent_id": "", "post": "1", "csrf_token": token}
    response = client.post(f"/articles/{article.slug}/comments", data=sent)
    page = response.get_data(as_text=True)
    assert response.status_code == 401 and "You were signed out" in page
    assert kept_text(response) == "My careful answer." and "your stance: No" in page
    sign_in = find_form(page)
    assert sign_in.get("action").startswith("/auth/login?next=")

    resumed = submit_form(client, f"/articles/{article.slug}/comments", page,
                          fill={"login": reader.username, "password": DEFAULT_PASSWORD})
    resumed_page = resumed.get_data(as_text=True)
    assert resumed.status_code == 200 and "Your comment is not sent yet" in resumed_page
    form = find_form(resumed_page, css_class="comment-form")
    checked = [i.get("value") for i in form.iter("input") if i.get("name") == "stance" and i.get("checked") is not None]
    assert checked == ["no"]
    posted = submit_form(client, "/auth/login", resumed_page, form_class="comment-form", button="post")
    assert posted.status_code == 302
    comment = db.session.query(Posted).filter_by(article_id=article.id).one()
    assert comment.body_source == "My careful answer." and comment.author_id == reader.id
    assert comment.stance_id == next(s.id for s in article.stances if s.key == "no")


def test_a_form_that_only_aged_comes_back_ready_to_post(app, make, db, auth, client, monkeypatch):
    article = make.article()
    auth.login(make.user())
    response = client.post(f"/articles/{article.slug}/comments",
                           data={"body": "Sent with a stale token.", "post": "1", "csrf_token": "stale"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "This form had expired" in page
    assert 'name="csrf_token"' in page and "Sent with a stale token." in page
