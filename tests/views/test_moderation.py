"""The moderation area and the readers' side of moderation over HTTP: queues, acts, flags, appeals, heat, sign-ups."""
import html
import re
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from forum.actions.appeals import appeal
from forum.actions.moderation import flag_comment, reject
from forum.models import (
    Appeal, CommentStatus, Flag, FlagReason, ModerationAction, SitePolicy, User, Verb,
)
from forum.moderation import queues
from tests.conftest import csrf_token
from tests.factories import policy_with
from tests.html_forms import find_form, submit_form, unmet_required

pytestmark = pytest.mark.usefixtures("own_sessions")  # each request in a session of its own, as in production


def text_of(response) -> str:
    return html.unescape(response.get_data(as_text=True))


def queue_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="queue-item" id="item-(\d+)"', page)]


def thread_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', page)]


def nav_counts(page: str) -> dict[str, str]:
    return dict(re.findall(r'>(Pending|Reported|Rejected|Spam|Recent|Appeals) <span class="count"[^>]*>([\d,+]+)</span>', page))


def status_of(db, comment) -> CommentStatus:
    db.session.refresh(comment)
    return comment.status


def log_row(db, **where) -> ModerationAction:
    query = sa.select(ModerationAction).order_by(ModerationAction.id.desc()).limit(1)
    for name, value in where.items():
        query = query.where(getattr(ModerationAction, name) == value)
    return db.session.scalar(query)


@pytest.fixture
def moderator(make, auth):
    return auth.login(make.user("moderator"))


@pytest.fixture
def token(client):
    return lambda path="/": csrf_token(client, path)


# The queues

def test_a_queue_item_comes_with_its_context_reasons_standing_and_actions(db, make, client, moderator):
    article = make.article(title="Rail subsidies for rural lines")
    parent_author, troll = make.user(), make.user()
    parent = make.comment(article, status="published", author=parent_author, body="Buses are cheaper per seat.")
    make.comment(article, status="published", author=troll)
    held = make.comment(article, status="pending", author=troll, parent=parent, body="Nobody asked you.")
    page = text_of(client.get(f"/moderation/?article={article.id}"))
    assert queue_ids(page) == [held.id]
    assert "Rail subsidies for rural lines" in page
    assert f"In reply to {parent_author.username}:" in page and "Buses are cheaper per seat." in page
    assert "Nobody asked you." in page
    assert "<li>pre-moderation: every comment on this article is reviewed</li>" in page
    assert f'href="/moderation/users/{troll.username}"' in page
    assert "1 published · 0 rejected · 0 flags received" in page
    for act in ("approve", "reject", "spam"):
        assert f'action="/moderation/comments/{held.id}/{act}"' in page


def test_a_held_comment_edited_since_links_the_moderator_to_what_was_first_written(db, make, client, moderator):
    """An edit keeps a held comment held with the reasons it was held for (outside test 6); those may name words
    the new text no longer has, so the queue links to the earlier versions."""
    from forum.actions.comments import edit_comment, post_comment
    from forum.moderation.scorer import NullScorer

    article, author = make.article(), make.user()
    policy = policy_with(suspect_words="dolt", auto_slow_posts_per_minute=0)
    held = post_comment(author, article, "Only a dolt would say so.", policy, scorer=NullScorer())
    edit_comment(author, held, "Only a hasty reader would say so.", policy, scorer=NullScorer())
    db.session.commit()
    page = text_of(client.get(f"/moderation/?article={article.id}"))
    assert queue_ids(page) == [held.id]
    assert f'href="/comments/{held.id}/history"' in page and "Only a hasty reader" in page
    history = text_of(client.get(f"/comments/{held.id}/history"))
    assert "Only a dolt would say so." in history


def test_every_reason_is_shown_with_its_score(db, make, client, moderator):
    article = make.article()
    held = make.comment(article, status="pending", body="Watch your back, @dan.")
    held.reasons = ["veiled threat: 'Watch your back'", "toxicity 0.91 ≥ 0.80", "model: abusive 0.77 ('watch', 'back')"]
    db.session.commit()
    page = text_of(client.get(f"/moderation/?article={article.id}"))
    for reason in held.reasons:
        assert f"<li>{reason}</li>" in page, reason


def test_the_reasons_come_with_the_comment_as_typed_so_hidden_words_and_link_addresses_can_be_read(
        db, make, client, moderator):
    # Outsider review 5: a reason named a word the moderator could not find, in a Markdown comment the
    # page does not render; a link showed its text, not where it leads.
    article = make.article()
    body = ("Interesting article.\n\n[//]: # (the hidden insult)\n\n"
            "[Great analysis!](https://casino-bonus-777.example/free-spins)")
    held = make.comment(article, status="pending", body=body)
    held.reasons = ["suspect word: 'insult'"]
    db.session.commit()
    page = text_of(client.get(f"/moderation/?article={article.id}"))
    shown = page.split('class="comment-body queue-body"')[1].split("</div>")[0]
    assert "the hidden insult" not in shown  # the rendered comment hides it ...
    typed = page.split('<pre class="as-typed">')[1].split("</pre>")[0]
    assert html.unescape(typed) == body  # ... and the comment as typed shows it, escaped


def test_a_rejection_with_the_wrong_reason_is_corrected_from_the_rejected_queue(db, make, client, moderator, token):
    article = make.article()
    comment = make.comment(article, status="pending", body="Buy cheap watches at example-watches.shop")
    first = reject(moderator, comment, "Off-topic")
    db.session.commit()
    page = text_of(client.get(f"/moderation/?queue=rejected&article={article.id}"))
    assert f'action="/moderation/comments/{comment.id}/reject"' in page and "Correct the reason" in page
    response = client.post(f"/moderation/comments/{comment.id}/reject",
                           data={"csrf_token": token(), "reason": "Spam or advertising", "reason_text": ""})
    assert response.status_code == 302
    correction = log_row(db, comment_id=comment.id)
    assert (correction.reason, correction.details["corrects"]) == ("Spam or advertising", first.id)
    log = client.get("/moderation/log").get_data(as_text=True)
    assert f'<tr id="act-{first.id}">' in log
    assert f'Corrects the reason of <a href="#act-{first.id}">an earlier act</a>' in log
    assert "Off-topic" in log  # the earlier row stays


def test_the_reported_queue_shows_the_flags_and_who_made_them(db, make, client, moderator):
    article = make.article()
    comment = make.comment(article, status="published")
    reader, trusted = make.user(), make.trusted_flagger(article)
    policy = policy_with(flags_to_hide=10, trusted_after=3, auto_slow_flags_per_minute=0)
    flag_comment(reader, comment, FlagReason.OTHER, "Doxxes another reader", policy)
    flag_comment(trusted, comment, FlagReason.ABUSE, "", policy)
    page = text_of(client.get(f"/moderation/?queue=reported&article={article.id}"))
    assert queue_ids(page) == [comment.id]
    assert f"other: “Doxxes another reader” — {reader.username}" in page
    assert f"abuse — {trusted.username} (trusted, ×2)" in page


def test_every_queue_has_its_tab_and_its_count(db, make, client, moderator):
    article, author = make.article(), make.user()
    make.comment(article, status="pending", author=author)
    flagged = make.comment(article, status="published", author=author)
    flag_comment(make.user(), flagged, FlagReason.SPAM, "", policy_with(flags_to_hide=5))
    make.comment(article, status="published", author=author)
    appealed = make.comment(article, status="rejected", author=author)
    make.comment(article, status="rejected", author=author)
    make.comment(article, status="spam", author=author)
    appeal(author, appealed, "Please look again.")

    page = text_of(client.get(f"/moderation/?article={article.id}"))
    assert nav_counts(page) == {"Pending": "1", "Reported": "1", "Rejected": "2", "Spam": "1", "Recent": "2",
                                "Appeals": "1"}
    for queue, expected in (("reported", 1), ("rejected", 2), ("spam", 1), ("recent", 2), ("appeals", 1)):
        response = client.get(f"/moderation/?queue={queue}&article={article.id}")
        assert response.status_code == 200
        assert len(queue_ids(text_of(response))) == expected, queue
    assert "Please look again." in text_of(client.get(f"/moderation/?queue=appeals&article={article.id}"))


def test_a_count_past_the_cap_shows_the_cap_and_a_plus(make, client, moderator, monkeypatch):
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    article = make.article()
    for _ in range(5):
        make.comment(article, status="pending")
    assert nav_counts(text_of(client.get(f"/moderation/?article={article.id}")))["Pending"] == "3+"


def test_a_long_queue_opens_page_by_page_without_repeats_or_gaps(make, client, moderator):
    article, elsewhere, author = make.article(), make.article(), make.user()
    held = [make.comment(article, status="pending", author=author) for _ in range(2 * queues.QUEUE_PAGE_SIZE + 3)]
    make.comment(elsewhere, status="pending", author=author)
    seen, url, pages = [], f"/moderation/?queue=pending&article={article.id}", 0
    while url:
        page = text_of(client.get(url))
        seen += queue_ids(page)
        pages += 1
        found = re.search(r'<a class="button secondary" rel="next" href="([^"]+)"', page)
        url = found.group(1) if found else None
    assert pages == 3
    assert seen == [c.id for c in held]  # oldest first, each once, none from the other article


def test_the_keyboard_script_fetches_the_rest_of_a_long_queue_by_cursor(make, client, moderator):
    article, author = make.article(), make.user()
    held = [make.comment(article, status="pending", author=author) for _ in range(queues.QUEUE_PAGE_SIZE + 7)]
    page = text_of(client.get(f"/moderation/?queue=pending&article={article.id}"))
    more_url = html.unescape(re.search(r'data-more-url="([^"]+)"', page).group(1))
    cursor = re.search(r'data-next="([^"]+)"', page).group(1)
    answer = client.get(f"{more_url}&after={quote(cursor)}", headers={"Accept": "application/json"}).get_json()
    assert queue_ids(page) + queue_ids(answer["html"]) == [c.id for c in held]
    assert answer["next"] is None


def test_a_decision_on_a_comment_that_moved_on_since_it_was_shown_is_refused(db, make, client, moderator, token):
    """'a' then 'r' pressed back to back sent both to the same comment: approved, then rejected, two log rows.
    Each form says which status the moderator saw; the second decision finds it changed and changes nothing."""
    comment = make.comment(make.article(), status="pending")
    json = {"Accept": "application/json"}
    approved = client.post(f"/moderation/comments/{comment.id}/approve",
                           data={"csrf_token": token(), "seen_status": "pending"}, headers=json)
    assert approved.status_code == 200
    stale = client.post(f"/moderation/comments/{comment.id}/reject",
                        data={"csrf_token": token(), "seen_status": "pending", "reason": "Off-topic"}, headers=json)
    assert stale.status_code == 409
    assert "published now, not pending" in stale.get_json()["error"]["message"]
    assert status_of(db, comment) == CommentStatus.PUBLISHED
    assert db.session.scalars(sa.select(ModerationAction.verb).where(ModerationAction.comment_id == comment.id)).all() \
        == [Verb.APPROVE]


def test_reject_asks_for_a_reason_instead_of_preselecting_one(make, client, moderator):
    """Issue 13: "r" used whatever reason the list showed first. Nothing is chosen until the moderator chooses."""
    comment = make.comment(make.article(), status="pending")
    page = client.get("/moderation/").get_data(as_text=True)
    select = re.search(rf'<select name="reason" id="reason-{comment.id}">\s*<option value="">', page)
    assert select, "the reason list starts with an empty choice"
    assert " selected" not in page[select.start():page.index("</select>", select.start())]


def test_a_typed_reason_alone_can_be_sent_from_the_queue(db, make, client, moderator):
    """New-user walk: the list was `required`, so a browser would not send a reason typed instead of chosen."""
    comment = make.comment(make.article(), status="pending")
    page = client.get("/moderation/").get_data(as_text=True)
    typed = {"reason_text": "Please keep to the topic of the bridge"}
    assert unmet_required(find_form(page, f"reject-{comment.id}"), typed) == []
    response = submit_form(client, "/moderation/", page, form_id=f"reject-{comment.id}", fill=typed)
    assert response.status_code in (302, 303)
    db.session.refresh(comment)
    assert (comment.status, comment.rejection_reason) == (CommentStatus.REJECTED, typed["reason_text"])


def test_each_item_names_its_aside_and_says_why_it_cannot_be_featured(make, client, moderator):
    article, author = make.article(), make.user(username="rowdy")
    parent = make.comment(article, status="published")
    reply = make.comment(article, status="pending", author=author, parent=parent)
    page = text_of(client.get(f"/moderation/?article={article.id}"))
    assert f'<aside class="queue-side" aria-label="Comment {reply.id} by rowdy: author and decision">' in page
    assert 'data-feature-refusal="Only top-level comments can be featured; this one is a reply."' in page
    assert f'action="/moderation/comments/{reply.id}/feature"' not in page


def test_an_unknown_queue_is_a_bad_request(client, moderator):
    assert client.get("/moderation/?queue=everything").status_code == 400


# Acts

def test_approve_answers_a_form_with_a_redirect_and_the_script_with_json(db, make, client, moderator, token):
    article = make.article()
    first, second = (make.comment(article, status="pending") for _ in range(2))
    back = f"/moderation/?article={article.id}"
    response = client.post(f"/moderation/comments/{first.id}/approve", data={"csrf_token": token(), "next": back})
    assert response.status_code == 302 and response.location == back
    assert f"Comment {first.id} approved." in text_of(client.get(back))
    assert status_of(db, first) == CommentStatus.PUBLISHED
    row = log_row(db, comment_id=first.id)
    assert (row.actor_id, row.verb) == (moderator.id, Verb.APPROVE)

    response = client.post(f"/moderation/comments/{second.id}/approve",
                           data={"csrf_token": token(), "article": str(article.id)}, headers={"Accept": "application/json"})
    assert response.status_code == 200
    # The script's tabs follow: the counts of the queues it shows (this article's) come with the answer.
    # The act's log row names it, so that the keyboard's undo takes back that act and no other.
    assert response.get_json() == {"ok": True, "message": f"Comment {second.id} approved.", "status": "published",
                                   "counts": {"pending": "0", "reported": "0", "rejected": "0", "spam": "0",
                                              "recent": "2", "appeals": "0"},
                                   "act": log_row(db, comment_id=second.id).id}


def test_a_rejection_reason_is_shown_to_the_author_in_the_thread_and_on_the_profile(db, make, client, auth, moderator, token):
    article, author = make.article(), make.user()
    comment = make.comment(article, status="published", author=author, body="The minister is a fraud.")
    response = client.post(f"/moderation/comments/{comment.id}/reject", data={
        "csrf_token": token(), "reason": "Off-topic", "reason_text": "Criticise the policy, not the minister's honesty",
    })
    assert response.status_code == 302
    row = log_row(db, comment_id=comment.id)
    assert (row.verb, row.reason) == (Verb.REJECT, "Criticise the policy, not the minister's honesty")

    auth.logout()
    auth.login(author)
    page = text_of(client.get(f"/articles/{article.slug}"))
    assert "Not published: only you can see it. Criticise the policy, not the minister's honesty" in page
    assert f'href="/comments/{comment.id}/appeal"' in page
    assert "Criticise the policy, not the minister's honesty" in text_of(client.get(f"/users/{author.username}"))

    auth.logout()
    assert "The minister is a fraud." not in text_of(client.get(f"/articles/{article.slug}"))


def test_a_reason_chosen_from_the_list_is_used_when_none_is_typed(db, make, client, moderator, token):
    comment = make.comment(make.article(), status="pending")
    client.post(f"/moderation/comments/{comment.id}/reject", data={"csrf_token": token(), "reason": "Off-topic"})
    db.session.refresh(comment)
    assert (comment.status, comment.rejection_reason) == (CommentStatus.REJECTED, "Off-topic")


def test_a_rejection_without_a_reason_is_refused(db, make, client, moderator, token):
    comment = make.comment(make.article(), status="pending")
    response = client.post(f"/moderation/comments/{comment.id}/reject", data={"csrf_token": token()},
                           headers={"Accept": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["ok"] is False
    response = client.post(f"/moderation/comments/{comment.id}/reject", data={"csrf_token": token()})
    assert response.status_code == 303
    assert "Give the author a reason" in text_of(client.get("/moderation/"))
    assert status_of(db, comment) == CommentStatus.PENDING


def test_spam_removes_the_comment(db, make, client, moderator, token):
    comment = make.comment(make.article(), status="published")
    client.post(f"/moderation/comments/{comment.id}/spam", data={"csrf_token": token()})
    assert status_of(db, comment) == CommentStatus.SPAM
    assert log_row(db, comment_id=comment.id).verb == Verb.SPAM


def test_a_featured_comment_is_pinned_first_with_a_badge(db, make, client, moderator, token):
    article = make.article()
    comments = [make.comment(article, status="published") for _ in range(3)]
    assert thread_ids(text_of(client.get(f"/articles/{article.slug}?sort=oldest"))) == [c.id for c in comments]

    client.post(f"/moderation/comments/{comments[2].id}/feature", data={"csrf_token": token()})
    page = text_of(client.get(f"/articles/{article.slug}?sort=oldest"))
    assert thread_ids(page) == [comments[2].id, comments[0].id, comments[1].id]
    first = page[page.index(f'id="comment-{comments[2].id}"'):page.index(f'id="comment-{comments[0].id}"')]
    assert '<span class="featured-badge">Featured</span>' in first
    assert page.count('class="featured-badge"') == 1

    client.post(f"/moderation/comments/{comments[2].id}/unfeature", data={"csrf_token": token()})
    page = text_of(client.get(f"/articles/{article.slug}?sort=oldest"))
    assert thread_ids(page) == [c.id for c in comments] and "featured-badge" not in page
    assert [r.verb for r in db.session.scalars(sa.select(ModerationAction).where(
        ModerationAction.comment_id == comments[2].id).order_by(ModerationAction.id))] == [Verb.FEATURE, Verb.UNFEATURE]


def test_undo_restores_the_comment_and_the_threads_count(db, make, client, moderator, token):
    article = make.article()
    comment = make.comment(article, status="published")
    client.post(f"/moderation/comments/{comment.id}/reject", data={"csrf_token": token(), "reason": "Off-topic"})
    assert '<h2 id="comments-heading">0 comments</h2>' in text_of(client.get(f"/articles/{article.slug}"))
    response = client.post(f"/moderation/comments/{comment.id}/undo", data={"csrf_token": token()})
    assert response.status_code == 302
    assert status_of(db, comment) == CommentStatus.PUBLISHED
    assert '<h2 id="comments-heading">1 comment</h2>' in text_of(client.get(f"/articles/{article.slug}"))
    row = log_row(db, comment_id=comment.id)
    assert (row.verb, row.reason) == (Verb.UNDO, "undo reject")


def test_bulk_approve_and_reject_a_selection(db, make, client, moderator, token):
    article = make.article()
    held = [make.comment(article, status="pending") for _ in range(5)]
    response = client.post("/moderation/bulk", data={
        "csrf_token": token(), "verb": "approve", "ids": [str(held[0].id), str(held[1].id)]})
    assert response.status_code == 302
    client.post("/moderation/bulk", data={
        "csrf_token": token(), "verb": "reject", "reason": "Spam or advertising", "ids": [str(held[2].id), str(held[3].id)]})
    assert [status_of(db, c) for c in held] == [CommentStatus.PUBLISHED] * 2 + [CommentStatus.REJECTED] * 2 + [
        CommentStatus.PENDING]
    assert "2 comments rejected." in text_of(client.get("/moderation/"))
    assert client.post("/moderation/bulk", data={"csrf_token": token(), "verb": "approve"}).status_code == 303
    assert "Select at least one comment" in text_of(client.get("/moderation/"))
    assert client.post("/moderation/bulk", data={"csrf_token": token(), "verb": "spam",
                                                 "ids": [str(held[4].id)]}).status_code == 303
    assert status_of(db, held[4]) == CommentStatus.PENDING


def test_a_bulk_act_skips_what_changed_since_the_queue_was_shown_and_names_it(db, make, client, moderator, token):
    """Single decisions carry what the moderator saw and are refused once the comment moved on; a bulk one did not
    look. Each checkbox comes with its item's status and text mark (form="bulk-form"); the bulk act decides the
    rest and says which it skipped and why, on the page (without JavaScript) and in JSON."""
    article = make.article()
    held = [make.comment(article, status="pending", body=f"Held comment number {i} of three") for i in range(3)]
    page = client.get(f"/moderation/?article={article.id}").get_data(as_text=True)
    seen = dict(re.findall(r'<input type="hidden" name="(seen_(?:status|text)_\d+)" value="([^"]*)" form="bulk-form">',
                           page))
    assert set(seen) == {f"seen_{kind}_{c.id}" for c in held for kind in ("status", "text")}
    reject(make.user("moderator"), held[1], "Off-topic")  # another moderator, meanwhile
    held[2].body_source = "Held comment number 2, now selling pills"  # its author's edit, meanwhile
    db.session.commit()

    response = client.post("/moderation/bulk", data={"csrf_token": token(), "verb": "approve",
                                                      "ids": [str(c.id) for c in held], **seen})

    assert response.status_code == 302
    assert [status_of(db, c) for c in held] == [CommentStatus.PUBLISHED, CommentStatus.REJECTED, CommentStatus.PENDING]
    shown = text_of(client.get(response.location))
    assert "1 comment approved." in shown
    assert (f"Skipped 2, which changed since you loaded the queue: comment {held[1].id} (“Held comment number 1 of "
            f"three”): it was decided meanwhile (it is rejected now, not pending); comment {held[2].id} (“Held comment "
            "number 2, now selling pills”): its author edited the text after you loaded the queue.") in shown

    answer = client.post("/moderation/bulk", headers={"Accept": "application/json"}, data={
        "csrf_token": token(), "verb": "approve", "ids": [str(held[2].id)],
        f"seen_status_{held[2].id}": "pending", f"seen_text_{held[2].id}": seen[f"seen_text_{held[2].id}"]}).get_json()
    assert (answer["decided"], answer["skipped"]) == (
        [], [{"id": held[2].id, "why": "its author edited the text after you loaded the queue"}])
    assert status_of(db, held[2]) == CommentStatus.PENDING


def test_the_keyboards_undo_names_the_act_it_made_and_never_reaches_an_older_one(db, make, client, moderator, token):
    comment = make.comment(make.article(), status="pending")
    json = {"Accept": "application/json"}
    first = client.post(f"/moderation/comments/{comment.id}/approve", headers=json,
                        data={"csrf_token": token(), "seen_status": "pending"}).get_json()
    second = client.post(f"/moderation/comments/{comment.id}/reject", headers=json,
                         data={"csrf_token": token(), "seen_status": "published", "reason": "Off-topic"}).get_json()
    undo = f"/moderation/comments/{comment.id}/undo"
    assert client.post(undo, headers=json, data={"csrf_token": token(), "act": second["act"]}).status_code == 200
    again = client.post(undo, headers=json, data={"csrf_token": token(), "act": second["act"]})
    assert again.status_code == 409 and "not your last one there any more" in again.get_json()["error"]["message"]
    assert status_of(db, comment) == CommentStatus.PUBLISHED  # the earlier approval stands
    assert first["act"] < second["act"]


def test_a_moderators_page_about_a_user_shows_everything_and_takes_notes(db, make, client, moderator, token):
    article, reader = make.article(), make.user()
    make.comment(article, status="published", author=reader, body="A published thought.")
    make.comment(article, status="pending", author=reader, body="A held thought.")
    rejected = make.comment(article, status="pending", author=reader, body="A rejected thought.")
    reject(moderator, rejected, "Personal attack on another reader")
    flag_comment(reader, make.comment(article, status="published"), FlagReason.OTHER, "Looks like a bot",
                 policy_with())
    response = client.post(f"/moderation/users/{reader.username}/notes",
                           data={"csrf_token": token(), "note_form-body": "Possibly the banned account's return."})
    assert response.status_code == 302
    page = text_of(client.get(f"/moderation/users/{reader.username}"))
    for seen in ("A published thought.", "A held thought.", "A rejected thought.", "Looks like a bot",
                 "Personal attack on another reader", "Possibly the banned account's return.", "Sanctions"):
        assert seen in page, seen
    assert "Possibly the banned account's return." not in text_of(client.get("/moderation/log"))


@pytest.mark.parametrize("role,sees_address", [("moderator", False), ("admin", True)])
def test_only_admins_see_a_users_whole_email_address(db, make, client, auth, role, sees_address):
    viewer = auth.login(make.user(role))
    reader = make.user()
    make.comment(make.article(), status="pending", author=reader, body="Held for a look.")
    domain = reader.email.split("@")[1]
    page = text_of(client.get(f"/moderation/users/{reader.username}"))
    assert (reader.email in page) is sees_address
    assert f"…@{domain}" in page or sees_address
    queue = client.get("/api/v1/moderation/queues/pending").get_data(as_text=True)
    assert reader.username in queue and reader.email not in queue
    assert viewer.email in text_of(client.get(f"/moderation/users/{viewer.username}"))  # one's own, always


def test_an_empty_sanction_form_comes_back_with_its_error(make, client, moderator, token):
    reader = make.user()
    response = client.post(f"/moderation/users/{reader.username}/ban", data={"csrf_token": token()})
    assert response.status_code == 400
    assert 'id="ban_form-reason-error-1"' in response.get_data(as_text=True)


def test_a_ban_takes_a_standard_reason_from_the_list_and_a_message_only_its_reader_reads(db, make, client, auth,
                                                                                          moderator, token):
    reader, article = make.user(), make.article()
    page = text_of(client.get(f"/moderation/users/{reader.username}"))
    assert '<option value="Spam or advertising">Spam or advertising</option>' in page
    typed = client.post(f"/moderation/users/{reader.username}/ban",
                        data={"csrf_token": token(), "ban_form-reason": "Bao's troll"})
    assert typed.status_code == 400 and not db.session.get(User, reader.id).is_banned
    assert client.post(f"/moderation/users/{reader.username}/ban", data={
        "csrf_token": token(), "ban_form-reason": "Spam or advertising",
        "ban_form-message": "Forty links to the same shop in one day."}).status_code == 302
    assert "Spam or advertising — Forty links to the same shop in one day." in text_of(
        client.get(f"/moderation/users/{reader.username}"))
    public = text_of(client.get("/moderation/log"))
    assert "Spam or advertising (and a message written to the reader)" in public and "Forty links" not in public
    auth.logout()
    auth.login(reader)
    assert "Reason: Spam or advertising — Forty links to the same shop in one day." in text_of(
        client.get(f"/articles/{article.slug}"))


def test_closing_a_thread_from_the_article_page(db, make, client, moderator, token):
    article = make.article()
    client.post(f"/moderation/articles/{article.id}/close", data={"csrf_token": token()})
    assert "Comments are closed." in text_of(client.get(f"/articles/{article.slug}"))
    assert log_row(db, article_id=article.id).verb == Verb.CLOSE
    client.post(f"/moderation/articles/{article.id}/reopen", data={"csrf_token": token()})
    assert "Comments are closed." not in text_of(client.get(f"/articles/{article.slug}"))
    assert log_row(db, article_id=article.id).verb == Verb.REOPEN


# Slow mode, commenting off

def test_slow_mode_keeps_the_text_and_says_when_to_post_again(db, make, client, auth, moderator, token):
    article = make.article()
    response = client.post(f"/moderation/articles/{article.id}/slow-mode",
                           data={"csrf_token": token(), "minutes": "10", "reason": "The thread is heating up"})
    assert response.status_code == 302
    row = log_row(db, article_id=article.id)
    assert (row.actor_id, row.verb, row.reason) == (moderator.id, Verb.SLOW_MODE, "The thread is heating up")

    auth.logout()
    auth.login(make.user())
    page = text_of(client.get(f"/articles/{article.slug}"))
    assert "Slow mode: one comment per reader every 10 minutes (The thread is heating up)." in page
    path = f"/articles/{article.slug}/comments"
    assert client.post(path, data={"csrf_token": token(), "body": "My first point."}).status_code == 302
    response = client.post(path, data={"csrf_token": token(), "body": "My second point, typed with care."})
    assert response.status_code == 400
    page = text_of(response)
    assert re.search(r"one comment every 10 minutes\. You can post again at \d\d:\d\d:\d\d UTC", page)
    assert "My second point, typed with care.</textarea>" in page


def test_slow_mode_switched_off_is_logged(db, make, client, moderator, token):
    article = make.article()
    client.post(f"/moderation/articles/{article.id}/slow-mode", data={"csrf_token": token(), "minutes": "5"})
    client.post(f"/moderation/articles/{article.id}/slow-mode", data={"csrf_token": token(), "minutes": ""})
    assert log_row(db, article_id=article.id).verb == Verb.NORMAL_MODE
    assert "Slow mode: one comment" not in text_of(client.get(f"/articles/{article.slug}"))


def test_commenting_switched_off_site_wide_shows_its_message(make, client, auth, site_policy, token):
    site_policy(commenting_enabled=False, commenting_off_message="Comments are paused during the election count.")
    article = make.article()
    auth.login(make.user())
    page = text_of(client.get(f"/articles/{article.slug}"))
    assert "Comments are paused during the election count." in page
    assert "<textarea" not in page
    response = client.post(f"/articles/{article.slug}/comments", data={"csrf_token": token(), "body": "Hello?"})
    assert response.status_code == 403
    assert "Comments are paused during the election count." in text_of(response)


# The author's side: what the pipeline said, flags, appeals

def test_a_banned_word_tells_the_author_at_once_why_the_comment_is_not_published(db, make, client, auth, site_policy,
                                                                                 token):
    site_policy(banned_words="kill yourself", suspect_words="")
    article = make.article()
    author = auth.login(make.user())
    response = client.post(f"/articles/{article.slug}/comments", data={"csrf_token": token(), "body": "Kill yourself."},
                           follow_redirects=True)
    page = text_of(response)
    assert "Your comment was not published: it breaks the rule on personal attacks." in page
    assert "held for a moderator" not in page
    assert "Not published: only you can see it. It breaks the rule on personal attacks." in page
    assert "kill yourself'" not in page.lower()  # the word list is not shown to the author
    db.session.refresh(author)
    assert author.rejected_count == 1


def test_a_held_comment_tells_the_author_the_rule_and_moderators_the_reasons(make, client, auth, site_policy, token):
    """The author learns which rule is at stake, not which word or score tripped it: that would coach
    them past it. Moderators read every reason."""
    site_policy(suspect_words="wombat", banned_words="")
    article = make.article()
    auth.login(make.user())
    page = text_of(client.post(f"/articles/{article.slug}/comments",
                               data={"csrf_token": token(), "body": "Only a wombat would build it."},
                               follow_redirects=True))
    assert "Your comment is held for a moderator: it may break the rule on personal attacks." in page
    assert ("Held for review: only you can see it until a moderator approves it. "
            "It may break the rule on personal attacks.") in page
    assert "suspect word" not in page and "'wombat'" not in page
    auth.logout()
    auth.login_as("moderator")
    assert "suspect word: 'wombat'" in text_of(client.get("/moderation/"))


def test_a_reader_flags_once_and_is_thanked(db, make, client, auth, token):
    article = make.article()
    comment = make.comment(article, status="published")
    reader = auth.login(make.user())
    assert client.get(f"/comments/{comment.id}/flag").status_code == 200
    response = client.post(f"/comments/{comment.id}/flag", data={"csrf_token": token(), "reason": "abuse"},
                           follow_redirects=True)
    assert "Thank you: your flag was received" in text_of(response)
    assert db.session.scalar(sa.select(Flag.reason).where(Flag.comment_id == comment.id,
                                                           Flag.user_id == reader.id)) == FlagReason.ABUSE
    again = client.post(f"/comments/{comment.id}/flag", data={"csrf_token": token(), "reason": "spam"})
    assert again.status_code == 400
    assert "You have flagged this comment already" in text_of(again)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Flag).where(Flag.comment_id == comment.id)) == 1


def test_a_flag_for_something_else_needs_a_note(make, client, auth, token):
    comment = make.comment(make.article(), status="published")
    auth.login(make.user())
    response = client.post(f"/comments/{comment.id}/flag", data={"csrf_token": token(), "reason": "other"})
    assert response.status_code == 400
    assert "Say briefly what is wrong with it." in text_of(response)


def test_flags_hide_a_comment_from_the_thread_until_reviewed(db, make, client, auth, site_policy, token):
    site_policy(flags_to_hide=4, auto_slow_flags_per_minute=0)
    article = make.article()
    comment = make.comment(article, status="published", body="A comment readers dislike.")
    for _ in range(2):  # two trusted readers
        auth.logout()
        auth.login(make.trusted_flagger(article))
        client.post(f"/comments/{comment.id}/flag", data={"csrf_token": token(), "reason": "abuse"})
    assert status_of(db, comment) == CommentStatus.PENDING
    assert "A comment readers dislike." not in text_of(client.get(f"/articles/{article.slug}"))
    row = log_row(db, comment_id=comment.id)
    assert (row.actor_id, row.verb) == (None, Verb.HIDE)


def test_an_author_appeals_once_and_reads_the_decision(db, make, client, auth, token):
    article, author = make.article(), make.user()
    comment = make.comment(article, status="pending", author=author, body="Sharp but fair.")
    reject(make.user("moderator"), comment, "Personal attack on another reader")
    auth.login(author)
    page = text_of(client.get(f"/comments/{comment.id}/appeal"))
    assert "The moderator's reason: Personal attack on another reader" in page.replace("</strong>", "")
    response = client.post(f"/comments/{comment.id}/appeal", data={"csrf_token": token(), "body": "It criticised an argument."})
    assert response.status_code == 302
    client.post(f"/comments/{comment.id}/appeal", data={"csrf_token": token(), "body": "And again."})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Appeal).where(Appeal.comment_id == comment.id)) == 1
    assert "Waiting for a moderator. Each comment gets one appeal." in text_of(client.get(f"/comments/{comment.id}/appeal"))

    auth.logout()
    moderator = auth.login(make.user("moderator"))
    page = text_of(client.get(f"/moderation/?queue=appeals&article={article.id}"))
    assert "It criticised an argument." in page
    row = db.session.scalar(sa.select(Appeal).where(Appeal.comment_id == comment.id))
    response = client.post(f"/moderation/appeals/{row.id}/decide", data={
        "csrf_token": token(), "outcome": "granted", "reason": "On a second reading the comment is within the rules",
        "message": "Read again, it targets the argument."})
    assert response.status_code == 302
    assert status_of(db, comment) == CommentStatus.PUBLISHED
    logged = log_row(db, comment_id=comment.id)
    assert (logged.actor_id, logged.verb, logged.reason) == (moderator.id, Verb.APPEAL_GRANTED, "On a second reading the comment is within the rules")

    auth.logout()
    auth.login(author)
    page = " ".join(text_of(client.get(f"/comments/{comment.id}/appeal")).split())
    assert "Granted: your comment is published. On a second reading the comment is within the rules — Read again, it targets the argument." in page


def test_an_upheld_appeal_is_shown_as_upheld(db, make, client, auth, token):
    article, author = make.article(), make.user()
    comment = make.comment(article, status="pending", author=author)
    moderator = make.user("moderator")
    reject(moderator, comment, "Off-topic")
    appeal(author, comment, "It is on topic.")
    auth.login(moderator)
    row = db.session.scalar(sa.select(Appeal).where(Appeal.comment_id == comment.id))
    client.post(f"/moderation/appeals/{row.id}/decide",
                data={"csrf_token": token(), "outcome": "upheld", "reason": "The comment breaks the rule it was rejected under"})
    auth.logout()
    auth.login(author)
    page = " ".join(text_of(client.get(f"/comments/{comment.id}/appeal")).split())
    assert "Upheld: the comment stays rejected. The comment breaks the rule it was rejected under" in page
    assert status_of(db, comment) == CommentStatus.REJECTED


# Sign-ups from listed domains, and the policy page

def register(client, username, email):
    return client.post("/auth/register", data={
        "csrf_token": csrf_token(client, "/auth/register"), "username": username, "email": email,
        "password": "a long and unusual passphrase 42", "confirm": "a long and unusual passphrase 42",
    }, follow_redirects=True)


def test_a_refused_domain_is_refused_on_the_email_field(db, client, site_policy, unique):
    site_policy(signup_refuse_domains="spam-mail.example")
    name = unique("nw")
    response = client.post("/auth/register", data={
        "csrf_token": csrf_token(client, "/auth/register"), "username": name, "email": f"{name}@Spam-Mail.example",
        "password": "a long and unusual passphrase 42", "confirm": "a long and unusual passphrase 42",
    })
    assert response.status_code == 400
    error = re.search(r'<p class="error" id="email-error-1">([^<]+)</p>', response.get_data(as_text=True))
    assert error and "Sign-ups from this e-mail domain are not accepted here" in html.unescape(error.group(1))
    assert db.session.scalar(sa.select(User).where(User.username == name)) is None


def test_a_held_domain_signs_up_but_every_comment_waits(db, make, client, site_policy, unique, token):
    site_policy(signup_hold_domains="watched.example")
    article, name = make.article(), unique("nw")
    assert "Your comments will be reviewed before they appear." in text_of(register(client, name, f"{name}@watched.example"))
    page = text_of(client.post(f"/articles/{article.slug}/comments",
                               data={"csrf_token": token(), "body": "A perfectly civil first comment."},
                               follow_redirects=True))
    assert "Account from a watched e-mail domain: every comment is reviewed." in page
    user = db.session.scalar(sa.select(User).where(User.username == name))
    assert user.review_all_comments and user.published_count == 0


def test_a_policy_change_from_the_admin_page_is_logged_publicly(db, make, client, auth, token):
    admin = auth.login(make.user("admin"))
    form = {"csrf_token": token("/admin/policy")}
    for column in SitePolicy.__table__.columns:
        if column.key == "id" or column.default is None:
            continue
        value = SitePolicy.with_defaults().__dict__.get(column.key)
        if isinstance(value, bool):
            if value:
                form[column.key] = "y"
        elif value is not None:
            form[column.key] = str(value.value if hasattr(value, "value") else value)
    form["max_links"] = "4"
    form["toxicity_threshold"] = "0.7"
    response = client.post("/admin/policy", data=form)
    assert response.status_code == 302, text_of(response)
    row = log_row(db, verb=Verb.POLICY_CHANGE)
    assert row.actor_id == admin.id
    assert "max links" in row.reason and "toxicity threshold" in row.reason
    assert row.reason in text_of(client.get("/moderation/log?verb=policy_change"))


def test_saving_word_lists_that_differ_only_in_blank_lines_changes_and_logs_nothing(db, make, client, auth,
                                                                                     site_policy):
    """Outside test 7: a leading blank line was logged as new word lists, and each save stored one more."""
    policy = site_policy(banned_words="snarkle\nwombat", suspect_words="dolt")
    db.session.commit()
    auth.login(make.user("admin"))
    page = client.get("/admin/policy").get_data(as_text=True)

    for _ in range(2):  # the second save is of the page as the first left it
        response = submit_form(client, "/admin/policy", page, form_class="policy-form", fill={
            "banned_words": "\r\n  snarkle \r\n\r\nwombat\r\n", "suspect_words": "\r\ndolt\r\n"})
        assert response.status_code == 302, text_of(response)
        page = client.get("/admin/policy").get_data(as_text=True)

    db.session.refresh(policy)
    assert (policy.banned_words, policy.suspect_words) == ("snarkle\nwombat", "dolt")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ModerationAction)
                             .where(ModerationAction.verb == Verb.POLICY_CHANGE)) == 0


def test_a_decision_on_a_comment_edited_since_the_queue_was_loaded_is_refused(db, make, client, moderator, token):
    """Outsider review F4: a held comment, edited by its author after the queue showed it, was approved with
    its new text, unseen. The forms carry a mark of the text shown; an edit since makes the decision a 409."""
    author = make.user()
    comment = make.comment(make.article(), status="pending", author=author, body="You are a fool, Bao.")
    page = client.get("/moderation/?queue=pending").get_data(as_text=True)
    form = page[page.index(f'id="approve-{comment.id}"'):]
    form = form[:form.index("</form>")]
    shown = dict(re.findall(r'<input type="hidden" name="(seen_\w+)" value="([^"]*)"', form))
    assert set(shown) == {"seen_status", "seen_text"}
    comment.body_source = "Buy cheap pills at example.com"  # the author's edit, after the page was loaded
    db.session.commit()

    answer = client.post(f"/moderation/comments/{comment.id}/approve", data={"csrf_token": token(), **shown},
                         headers={"Accept": "application/json"})

    assert answer.status_code == 409
    assert "changed since you loaded it" in answer.get_json()["error"]["message"]
    assert status_of(db, comment) == CommentStatus.PENDING
    assert log_row(db, comment_id=comment.id) is None


def test_a_typed_rejection_reason_over_the_limit_is_refused_and_handed_back(db, make, client, moderator, token):
    """Outsider review F10: a typed reason of 600 characters was cut to 500 without a word."""
    comment = make.comment(make.article(), status="pending")
    typed = "KEEPTHIS " + "y" * 600
    data = {"csrf_token": token(), "seen_status": "pending", "reason": "Off-topic", "reason_text": typed}

    as_json = client.post(f"/moderation/comments/{comment.id}/reject", data=data, headers={"Accept": "application/json"})
    as_page = client.post(f"/moderation/comments/{comment.id}/reject", data=data)

    assert as_json.status_code == 400
    assert as_json.get_json()["kept"] == typed
    assert "500 characters" in as_json.get_json()["error"]["message"]
    assert as_page.status_code == 400
    assert typed in text_of(as_page)
    assert status_of(db, comment) == CommentStatus.PENDING
    assert comment.rejection_reason is None


def test_a_second_appeal_is_a_conflict_that_hands_back_its_text(db, make, client, auth, token):
    """Outsider review F12: a second appeal (a stale tab) answered 200 with the first one and dropped the text."""
    author = make.user()
    comment = make.comment(make.article(), status="pending", author=author)
    reject(make.user("moderator"), comment, "Off-topic")
    appeal(author, comment, "It was on topic.")
    auth.login(author)

    response = client.post(f"/comments/{comment.id}/appeal",
                           data={"csrf_token": token(), "body": "THIRD-APPEAL-TEXT with <new> information"})

    assert response.status_code == 409
    page = text_of(response)
    assert "already appealed" in page
    assert "THIRD-APPEAL-TEXT with <new> information" in page
    assert db.session.scalars(sa.select(Appeal.body).where(Appeal.comment_id == comment.id)).all() == ["It was on topic."]
