"""Threads embedded on other sites: the loader script, the framed thread, the sign-in popup's last page.

What a framed page carries, and which answers a publisher may frame, is views/frames.py's; the thread
itself is rendered by views/thread_pages.py, as on the article page."""
from flask import Blueprint, current_app, render_template, request, send_from_directory
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from forum.actions import Forbidden, Refused
from forum.actions.embedding import create_external_story, find_external_story, story_url
from forum.extensions import db, limiter
from forum.permissions import Action, can
from forum.security import allow_framing_by, config_limit
from forum.views.frames import EmbedFrame, embed_frame
from forum.views.helpers import current_policy
from forum.views.thread_pages import render_article

bp = Blueprint("embed", __name__)

# The loader is a few lines that change rarely; publishers' readers fetch it on every page view.
SCRIPT_MAX_AGE_SECONDS = 7 * 24 * 60 * 60


@bp.route("/embed.js")
def script():
    """The loader publishers include; served from here so that its address never changes."""
    response = send_from_directory(current_app.static_folder, "embed.js", mimetype="text/javascript",
                                   max_age=SCRIPT_MAX_AGE_SECONDS)
    # Any page may load it, also with crossorigin="anonymous" or under a Cross-Origin-Embedder-Policy.
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    return response


def _refused(frame: EmbedFrame, code: int, title: str, message: str):
    return render_template("embed/refused.html", embed=frame, code=code, title=title, message=message), code


@bp.route("/embed/thread")
def thread():
    """The thread of the page at ?url=, for the publisher's frame. A GET that may write: the first
    view of an allowed page creates its thread, as Disqus and Isso do, since no one else announces it."""
    frame = embed_frame()
    allow_framing_by(frame.allowed)
    # Answered inside the frame, in its own words: the publisher's page shows this, not Parley's.
    try:
        url = story_url(request.args.get("url", ""), current_policy())
    except Refused as refusal:  # nothing was written: there is nothing to roll back
        return _refused(frame, 400, "That page address is not usable", refusal.message)
    except Forbidden as exc:
        return _refused(frame, 403, "This site may not embed comments", str(exc))
    story = find_external_story(url)
    if story is None:
        # Anyone can make up addresses on an allowed site: new threads are limited per address, views are not.
        with limiter.limit(config_limit("RATELIMIT_EMBED_STORY"), key_func=get_remote_address):
            story = create_external_story(url, request.args.get("title", ""), current_policy())
    if not can(current_user, Action.ARTICLE_VIEW, story):
        return _refused(frame, 404, "No discussion here", "The discussion of this page is not open.")
    db.session.commit()
    return render_article(story)


@bp.route("/embed/signed-in")
@login_required
def signed_in():
    """Where the sign-in popup ends: it tells the frame that opened it, then closes."""
    return render_template("embed/signed_in.html")
