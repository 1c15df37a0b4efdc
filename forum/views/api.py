"""The JSON API under /api/v1: another thin view layer over the same loaders, actions and rules.

Who is asking: a personal token (Authorization: Bearer …), or the browser's session, which must
then send its CSRF token in the X-CSRFToken header on every change. Every change goes through
forum/actions, as the HTML views' do; errors come back in one shape (forum/errors.py), an action's
refusal too (views/refusals.py: 422 with the field at fault, 409 for a state that forbids it, 403).
"""
from __future__ import annotations  # the annotations name api_models' classes, imported on first use (_Models)

import re
from functools import wraps
from typing import TYPE_CHECKING

from flask import Blueprint, current_app, g, jsonify, request
from flask_login import current_user

from forum import visibility
from forum.actions import comments as comment_acts
from forum.actions import moderation as mod_acts
from forum.actions.tokens import user_for_secret
from forum.errors import ApiError
from forum.extensions import csrf, db, limiter
from forum.models import Article, Verb
from forum.models.base import MAX_ID
from forum.moderation import queues
from forum.pagination import keyset_page
from forum.permissions import Action, can, comments_closed
from forum.security import config_limit
from forum.threads import load_replies_page, load_thread_page
from forum.views.api_doc import build_document, operation
from forum.views.helpers import (
    NO_SUCH_COMMENT, absolute_url, current_policy, lock_comment, get_article_or_404, get_comment_or_404, int_arg, own_articles,
)
from forum.views.thread_pages import thread_params

if TYPE_CHECKING:
    from pydantic import BaseModel


class _Models:
    """forum/views/api_models.py, imported when an API call first needs it: pydantic and the models cost
    each web worker 9 MB of memory (issue 15), and most workers never answer an API call."""

    def __getattr__(self, name: str):
        from forum.views import api_models

        return getattr(api_models, name)


m = _Models()
bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)  # checked below, for sessions only: a bearer token is not sent by browsers on their own

CHANGES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@bp.before_request
def authenticate():
    """A bearer token names the user for this request alone; a session must prove its CSRF token on changes."""
    if request.endpoint == "api.openapi":
        return
    header = request.headers.get("Authorization")
    if header is not None:
        scheme, _, secret = header.strip().partition(" ")
        user = user_for_secret(secret.strip()) if scheme.lower() == "bearer" and secret.strip() else None
        if user is None:
            raise ApiError(401, "The API token is missing, unknown or revoked.", "invalid_token")
        db.session.commit()  # its last_used_at
        g._login_user = user  # Flask-Login's current user for this request; no session cookie is written
        g.actor = f"user {user.id} (token)"
    elif current_user.is_authenticated and request.method in CHANGES and current_app.config["WTF_CSRF_ENABLED"]:
        csrf.protect()
    if current_user.is_authenticated and current_user.has_unread_warning:
        raise ApiError(403, "A moderator's warning waits to be read: open the site, read it, and carry on.",
                       "unread_warning")


def _signed_in():
    if not current_user.is_authenticated:
        raise ApiError(401, "Sign in first: send Authorization: Bearer <token>, or use the site's session.")
    return current_user._get_current_object()


def moderators_only(view):
    """The moderation operations: 401 for nobody, 403 for readers, before anything else is looked at."""
    @wraps(view)
    def guarded(*args, **kwargs):
        if not can(_signed_in(), Action.MODERATION_AREA):
            raise ApiError(403, "Only moderators and admins may use the moderation operations.")
        return view(*args, **kwargs)
    return guarded


# No request body of this API nests deeper than 2; the parser recurses once per level, and
# 100,000 "[" ran it out of stack (issue 11). Checked before parsing, in one pass over the body.
MAX_JSON_DEPTH = 16
# A string runs to its closing quote or, unterminated, to the end: the scan never starts again inside it.
_JSON_NESTING = re.compile(r'"(?:[^"\\]|\\.)*+(?:"|\\?\Z)|[\[\]{}]', re.DOTALL)


def _json_too_deep(text: str) -> bool:
    """Whether brackets outside strings nest deeper than MAX_JSON_DEPTH (malformed text is json's to refuse)."""
    depth = 0
    for token in _JSON_NESTING.finditer(text):
        mark = token.group()
        if mark in "[{":
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        elif mark in "]}":
            depth -= 1
    return False


MAX_FIELD_ERRORS = 20  # fields named in one 422: enough to fix a request, too few to amplify one


def _body(model: type[BaseModel]):
    if request.is_json and _json_too_deep(request.get_data(as_text=True)):
        raise ApiError(400, f"The JSON body nests deeper than {MAX_JSON_DEPTH} levels; no request needs that.")
    data = request.get_json(silent=True)
    if data is None:
        raise ApiError(400, "Send a JSON object with Content-Type: application/json.")
    # Validating (and answering) 90,000 made-up keys one by one took most of a second and 3.6 MB.
    unknown = [key for key in data if key not in model.model_fields] if isinstance(data, dict) else []
    if len(unknown) > MAX_FIELD_ERRORS:
        raise ApiError(422, f"The body has {len(unknown):,} fields this operation does not take; "
                            f"the first {MAX_FIELD_ERRORS} are listed.",
                       fields={key[:100]: "Not a field of this operation." for key in unknown[:MAX_FIELD_ERRORS]})
    from pydantic import ValidationError  # loaded with the model

    try:
        return model.model_validate(data)
    except ValidationError as exc:
        fields = {(".".join(str(part) for part in e["loc"]) or "body")[:100]: e["msg"]
                  for e in exc.errors()[:MAX_FIELD_ERRORS]}
        raise ApiError(422, "Some fields are missing or wrong; see fields.", fields=fields) from None


def _json(model: BaseModel, status: int = 200):
    return current_app.response_class(model.model_dump_json(), status=status, mimetype="application/json")


def _article_out(article: Article) -> m.ArticleOut:
    return m.article_out(article, absolute_url("public.article", slug=article.slug),
                         comments_closed(article, current_policy()))


def _own_comment_out(comment) -> m.CommentOut:
    return m.comment_out(comment, m.stance_keys_of(comment.article), private=True)


@bp.route("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of this API."""
    if "api_document" not in current_app.extensions:  # the routes are fixed once the app is built
        current_app.extensions["api_document"] = build_document(current_app)
    return jsonify(current_app.extensions["api_document"])


CURSOR = ("after", {"type": "string"}, "The next_cursor of the previous page.")


@bp.route("/articles")
@operation("List published articles, newest first", {200: "ArticlePage"}, query=[CURSOR], signed_in=False)
def list_articles():
    page = keyset_page(
        db.session, own_articles(), [Article.published_at, Article.id], request.args.get("after"),
        current_app.config["ARTICLES_PER_PAGE"],
    )
    return _json(m.ArticlePage(articles=[_article_out(a) for a in page.items], next_cursor=page.next_cursor))


@bp.route("/articles/<slug>/comments")
@operation("Read a page of an article's thread", {200: "ThreadPage"}, signed_in=False, query=[
    ("sort", {"type": "string", "enum": ["best", "newest", "oldest", "replies"]}, "Order of top-level comments."),
    ("stance", {"type": "string"}, "Only top-level comments taking this stance (its key)."),
    CURSOR,
], description="The same page as the HTML thread: top-level comments by keyset, each with its visible replies.")
def thread(slug: str):
    article = get_article_or_404(slug)
    sort, stance, cursor = thread_params(article)
    page = load_thread_page(db.session, article, current_user, sort, stance, cursor)
    viewer_id = current_user.id if current_user.is_authenticated else None
    moderator = current_user.is_authenticated and current_user.is_moderator
    keys = m.stance_keys_of(article)
    return _json(m.ThreadPage(
        article=_article_out(article), sort=sort.value, stance=stance.key if stance else None,
        comments=[m.node_out(node, keys, page.reactions, viewer_id, _replies_url, moderator) for node in page.roots],
        next_cursor=page.next_cursor,
    ))


def _replies_url(node) -> str:
    return absolute_url("api.replies", comment_id=node.comment.id, after=node.more_cursor)


@bp.route("/comments/<int:comment_id>/replies")
@operation("Read a page of the replies under a top-level comment", {200: "ReplyPage"}, signed_in=False,
           query=[CURSOR], description="Oldest first and listed flat: the replies a thread page leaves out "
                                       "(its comments' replies_url) and the rest.")
def replies(comment_id: int):
    root = _visible_comment(comment_id)
    if root.root_id is not None:
        raise ApiError(404, "Replies are read under their top-level comment; this comment is a reply.")
    page = load_replies_page(db.session, root, current_user, request.args.get("after"))
    [node] = page.roots
    viewer_id = current_user.id if current_user.is_authenticated else None
    moderator = current_user.is_authenticated and current_user.is_moderator
    keys = m.stance_keys_of(root.article)
    replies = [m.node_out(child, keys, page.reactions, viewer_id, _replies_url, moderator) for child in node.children]
    node.children = []
    return _json(m.ReplyPage(comment=m.node_out(node, keys, page.reactions, viewer_id, _replies_url, moderator),
                             replies=replies, next_cursor=page.next_cursor))


@bp.route("/articles/<slug>/comments", methods=["POST"])
@operation("Post a comment or a reply", {201: "CommentOut", 409: "Error"}, body="NewComment", limited=True,
           description="The moderation pipeline decides its status (published or pending) and says why in reasons.")
@limiter.shared_limit(config_limit("RATELIMIT_POST"), scope="comments.create", methods=["POST"])
def post_comment(slug: str):
    user = _signed_in()
    article = get_article_or_404(slug)
    data = _body(m.NewComment)
    parent = _visible_comment(data.parent_id) if data.parent_id else None
    comment = comment_acts.post_comment(user, article, data.body, current_policy(), parent=parent,
                                        stance_key=data.stance)
    db.session.commit()
    return _json(_own_comment_out(comment), 201)


@bp.route("/comments/<int:comment_id>", methods=["PATCH"])
@operation("Edit one's own comment", {200: "CommentOut", 409: "Error"}, body="CommentEdit", limited=True)
@limiter.shared_limit(config_limit("RATELIMIT_EDIT"), scope="comments.edit", methods=["PATCH"])
def edit_comment(comment_id: int):
    user = _signed_in()
    comment = _visible_comment(comment_id)
    data = _body(m.CommentEdit)
    comment_acts.edit_comment(user, comment, data.body, current_policy(), stance_key=data.stance)
    db.session.commit()
    return _json(_own_comment_out(comment))


@bp.route("/comments/<int:comment_id>", methods=["DELETE"])
@operation("Delete one's own comment", {204: None})
def delete_comment(comment_id: int):
    user = _signed_in()
    comment = _visible_comment(comment_id)
    comment_acts.delete_comment(user, comment)
    db.session.commit()
    return "", 204


@bp.route("/comments/<int:comment_id>/reactions", methods=["POST"])
@operation("React to a comment (again to take it back)", {200: "ReactionOut"}, body="ReactionRequest", limited=True)
@limiter.shared_limit(config_limit("RATELIMIT_REACT"), scope="comments.react", methods=["POST"])
def react(comment_id: int):
    user = _signed_in()
    comment = _visible_comment(comment_id)
    data = _body(m.ReactionRequest)
    held = comment_acts.toggle_reaction(user, comment, data.kind, current_policy())
    db.session.commit()
    # One never reacts to one's own comment: only a moderator reacting reads the not-helpful count back.
    down = comment.down_count if user.is_moderator else None
    return _json(m.ReactionOut(held=held, up=comment.up_count, down=down))


@bp.route("/comments/<int:comment_id>/flags", methods=["POST"])
@operation("Flag a comment for the moderators", {201: "FlagOut", 409: "Error"}, body="FlagRequest", limited=True)
@limiter.shared_limit(config_limit("RATELIMIT_FLAG"), scope="comments.flag", methods=["POST"])
def flag(comment_id: int):
    user = _signed_in()
    comment = _visible_comment(comment_id)
    data = _body(m.FlagRequest)
    row = mod_acts.flag_comment(user, comment, data.reason, data.note, current_policy())
    db.session.commit()
    return _json(m.FlagOut(comment_id=comment.id, reason=row.reason, note=row.note), 201)


def _visible_comment(comment_id: int):
    """The comment, or the same 404 as its permalink when the caller may not see it (someone else's
    held comment): the API tells no more than the thread does."""
    comment = get_comment_or_404(comment_id)
    if not can(current_user, Action.COMMENT_VIEW, comment):
        raise ApiError(404, NO_SUCH_COMMENT)
    return comment


ARTICLE_FILTER = ("article", {"type": "integer", "minimum": 1, "maximum": MAX_ID}, "Only this article's comments.")


@bp.route("/moderation/queues")
@operation("How many items wait in each moderation queue", {200: "QueueCounts"}, query=[ARTICLE_FILTER])
@moderators_only
def queue_counts():
    counts = queues.counts(db.session, int_arg("article"), visibility.viewer_of(current_user))
    return _json(m.QueueCounts(counts=counts, cap=queues.COUNT_CAP))


@bp.route("/moderation/queues/<queue>")
@operation("A page of a moderation queue, oldest first", {200: "QueuePageOut"}, query=[ARTICLE_FILTER, CURSOR],
           path={"queue": {"type": "string", "enum": [q.value for q in queues.Queue]}})
@moderators_only
def queue(queue: str):
    try:
        chosen = queues.Queue(queue)
    except ValueError:
        raise ApiError(404, "No such queue; the queues are: " + ", ".join(q.value for q in queues.Queue) + ".") from None
    page = queues.load_queue(db.session, chosen, int_arg("article"), request.args.get("after"),
                             viewer=visibility.viewer_of(current_user))
    return _json(m.QueuePageOut(queue=chosen, items=[m.queue_entry(item) for item in page.items],
                                next_cursor=page.next_cursor))


def _moderate(comment_id: int, verb: Verb, reason: str = "", seen: m.SeenRequest | None = None):
    """One of actions/moderation.py's ACTS, as the HTML moderation views do it: the row locked, and a decision
    that says what the moderator saw (seen_status, seen_body) refused with a 409 if the comment moved on since."""
    comment = get_comment_or_404(comment_id)
    lock_comment(comment)
    if seen is not None:
        mod_acts.require_unchanged(comment, seen.seen_status or "",
                                   mod_acts.text_mark(seen.seen_body) if seen.seen_body is not None else "")
    act = mod_acts.ACTS[verb]
    act.perform(current_user._get_current_object(), comment, reason)
    db.session.commit()
    return _json(m.ModerationDone(message=act.done.format(id=comment.id), comment=_own_comment_out(comment)))


def _seen():
    """The optional body of approve and spam: what the moderator saw (m.SeenRequest), or None when none is sent."""
    return _body(m.SeenRequest) if request.get_data() else None


SEEN_NOTE = ("Optionally send {\"seen_status\": …, \"seen_body\": …} as the comment was shown: "
             "if it has been decided or edited since, the answer is a 409 and nothing changes.")


MODERATED = {200: "ModerationDone", 409: "Error"}


def _summary(verb: Verb) -> str:
    return mod_acts.ACTS[verb].summary


@bp.route("/moderation/comments/<int:comment_id>/approve", methods=["POST"])
@operation(_summary(Verb.APPROVE), MODERATED, description=SEEN_NOTE)
@moderators_only
def approve(comment_id: int):
    return _moderate(comment_id, Verb.APPROVE, seen=_seen())


@bp.route("/moderation/comments/<int:comment_id>/reject", methods=["POST"])
@operation(_summary(Verb.REJECT), MODERATED, body="RejectRequest")
@moderators_only
def reject(comment_id: int):
    get_comment_or_404(comment_id)  # a missing comment is a 404 whatever the body
    data = _body(m.RejectRequest)
    return _moderate(comment_id, Verb.REJECT, data.reason, seen=data)


@bp.route("/moderation/comments/<int:comment_id>/spam", methods=["POST"])
@operation(_summary(Verb.SPAM), MODERATED, description=SEEN_NOTE)
@moderators_only
def spam(comment_id: int):
    return _moderate(comment_id, Verb.SPAM, seen=_seen())


@bp.route("/moderation/comments/<int:comment_id>/feature", methods=["POST"])
@operation(_summary(Verb.FEATURE), MODERATED)
@moderators_only
def feature(comment_id: int):
    return _moderate(comment_id, Verb.FEATURE)


@bp.route("/moderation/comments/<int:comment_id>/feature", methods=["DELETE"])
@operation(_summary(Verb.UNFEATURE), MODERATED)
@moderators_only
def unfeature(comment_id: int):
    return _moderate(comment_id, Verb.UNFEATURE)


@bp.route("/moderation/comments/<int:comment_id>/undo", methods=["POST"])
@operation(_summary(Verb.UNDO), MODERATED)
@moderators_only
def undo(comment_id: int):
    return _moderate(comment_id, Verb.UNDO)
