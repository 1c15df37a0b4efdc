"""Public pages: the article list, an article, a user's profile, the Atom feed."""
import sqlalchemy as sa
from feedgen.feed import FeedGenerator
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_login import current_user

from forum.extensions import db
from sqlalchemy.orm import joinedload

from forum.models import Article, ArticleStatus, Comment, ModerationAction, Verb
from forum.pagination import keyset_page
from forum.threads import load_user_comments
from forum.views.comments import render_article
from forum.views.helpers import current_policy, get_article_or_404, get_user_or_404

bp = Blueprint("public", __name__)

FEED_ENTRIES = 30  # the newest articles a feed reader sees; older ones are on the site


def _published_articles():
    return sa.select(Article).where(Article.status == ArticleStatus.PUBLISHED)


@bp.route("/")
def index():
    page = keyset_page(
        db.session, _published_articles(), [Article.published_at, Article.id],
        request.args.get("after"), current_app.config["ARTICLES_PER_PAGE"],
    )
    return render_template("public/index.html", page=page)


@bp.route("/articles/<slug>")
def article(slug: str):
    return render_article(get_article_or_404(slug))


@bp.route("/users/<username>")
def profile(username: str):
    user = get_user_or_404(username)
    page = load_user_comments(db.session, user, current_user, request.args.get("after"))
    return render_template("public/profile.html", user=user, page=page)


LOG_PAGE_SIZE = 50


@bp.route("/moderation/log")
def moderation_log():
    """The public moderation log: every act, with its reason, newest first."""
    query = sa.select(ModerationAction).options(
        joinedload(ModerationAction.actor), joinedload(ModerationAction.target_user),
        joinedload(ModerationAction.article),
        joinedload(ModerationAction.comment).joinedload(Comment.article),
        joinedload(ModerationAction.comment).joinedload(Comment.author),
    )
    verb = request.args.get("verb")
    if verb:
        if verb not in {v.value for v in Verb}:
            abort(400, description="Unknown kind of act.")
        query = query.where(ModerationAction.verb == verb)
    page = keyset_page(db.session, query, [ModerationAction.created_at, ModerationAction.id],
                       request.args.get("after"), LOG_PAGE_SIZE)
    return render_template("public/log.html", page=page, policy=current_policy(), verbs=list(Verb), verb=verb)


@bp.route("/feed.atom")
def feed():
    articles = db.session.scalars(
        _published_articles().order_by(Article.published_at.desc(), Article.id.desc()).limit(FEED_ENTRIES)
    ).all()
    site = current_app.config["SITE_NAME"]
    fg = FeedGenerator()
    fg.id(url_for("public.index", _external=True))
    fg.title(f"{site}: articles")
    fg.link(href=url_for("public.index", _external=True), rel="alternate")
    fg.link(href=url_for("public.feed", _external=True), rel="self")
    fg.updated(max((a.updated_at for a in articles), default=None) or _epoch())
    for item in reversed(articles):  # feedgen prepends each entry; add oldest first
        entry = fg.add_entry()
        link = url_for("public.article", slug=item.slug, _external=True)
        entry.id(link)
        entry.title(item.title)
        entry.link(href=link)
        entry.published(item.published_at)
        entry.updated(item.updated_at)
        entry.author(name=item.author.username if item.author else site)
        if item.summary:
            entry.summary(item.summary)
        entry.content(item.body_html, type="html")
    return Response(fg.atom_str(pretty=True), mimetype="application/atom+xml")


def _epoch():
    from datetime import datetime, timezone

    return datetime(2020, 1, 1, tzinfo=timezone.utc)


@bp.route("/healthz")
def healthz():
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        current_app.logger.exception("health check: database unreachable")
        return {"status": "unhealthy", "database": "unreachable"}, 503
    return {"status": "ok", "database": "ok"}
