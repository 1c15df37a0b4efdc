"""Public pages: the article list, an article, a user's profile, the Atom feeds."""
import sqlalchemy as sa
from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request
from flask_login import current_user

from sqlalchemy.orm import joinedload, lazyload

from forum import fast_path, feeds, health, outages, visibility
from forum.actions.appeals import APPEAL_REASONS
from forum.actions.moderation import REJECTION_REASONS
from forum.actions.sanctions import BANNED_AUTHOR_REJECTION, LIFTING_REASONS, SANCTION_REASONS
from forum.extensions import db, limiter
from forum.mail import delivery
from forum.models import AppealOutcome, Article, Comment, ModerationAction, Verb
from forum.models.base import utcnow
from forum.pagination import keyset_page
from forum.redis_client import redis_client
from forum.threads import load_user_comments
from forum.views.member_pages import member_page
from forum.views.helpers import absolute_url, current_policy, get_article_or_404, get_user_or_404, own_articles
from forum.views.thread_pages import read_cache, render_article, visitor_page_slot, write_cache

bp = Blueprint("public", __name__)


@bp.route("/")
def index():
    page = keyset_page(
        db.session, own_articles(), [Article.published_at, Article.id],
        request.args.get("after"), current_app.config["ARTICLES_PER_PAGE"],
    )
    visitor = not current_user.is_authenticated
    if visitor:
        fast_path.share()  # one page for every visitor: no CSRF token (a visitor has nothing to send from it)
    return render_template("public/index.html", page=page, shared_page=visitor)


@bp.route("/articles/<slug>")
def article(slug: str):
    cached = visitor_page_slot(slug)
    if cached is None:
        return member_page(slug) or render_article(get_article_or_404(slug))
    slot, state = cached
    stored = read_cache(slot)
    if stored is not None and stored["state"] == state:
        return stored["html"]
    page, status = render_article(get_article_or_404(slug), shared_page=True)
    if status == 200:
        write_cache(slot, {"state": state, "html": page})
    return page, status


@bp.route("/users/<username>")
def profile(username: str):
    user = get_user_or_404(username)
    page = load_user_comments(db.session, user, current_user, request.args.get("after"))
    return render_template("public/profile.html", user=user, page=page, now=utcnow())


LOG_PAGE_SIZE = 50
# The log's "By" filter: None is anyone; the system acts with no actor.
LOG_ACTORS = {None: None, "people": ModerationAction.actor_id.is_not(None),
              "automatic": ModerationAction.actor_id.is_(None)}


# Words a moderator wrote to one person stay between them: a warning's message, a rejection reason typed
# rather than chosen from the fixed list, or the message beside a sanction's or an appeal decision's standard
# reason may name or describe the reader the log keeps anonymous (outsider review). The log says that there was
# such a message instead. Moderators read it on their own pages.
PRIVATE_WARNING = "a private message to the reader"
TYPED_REASON = "a reason written to the author"
TYPED_SANCTION_REASON = "a reason written to the reader"
WITH_MESSAGE = "{} (and a message written to the reader)"
# The fixed reasons each kind of act may show as they are.
STANDARD_REASONS = {
    Verb.REJECT: {*REJECTION_REASONS, *(BANNED_AUTHOR_REJECTION.format(r) for r in SANCTION_REASONS)},
    Verb.SUSPEND: set(SANCTION_REASONS), Verb.BAN: set(SANCTION_REASONS), Verb.UNBAN: set(LIFTING_REASONS),
    Verb.APPEAL_GRANTED: set(APPEAL_REASONS[AppealOutcome.GRANTED]),
    Verb.APPEAL_UPHELD: set(APPEAL_REASONS[AppealOutcome.UPHELD]),
}


def public_reason(verb: Verb, reason: str | None, details: dict | None = None) -> str:
    """What the public log shows as the reason of an act."""
    if not reason:
        return ""
    if verb == Verb.WARN:
        return PRIVATE_WARNING
    if verb in STANDARD_REASONS and reason not in STANDARD_REASONS[verb]:  # typed, before the lists were fixed
        return TYPED_REASON if verb == Verb.REJECT else TYPED_SANCTION_REASON
    return WITH_MESSAGE.format(reason) if (details or {}).get("message") else reason


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
    by = request.args.get("by") or None
    if by not in LOG_ACTORS:
        abort(400, description="Show acts by anyone, by people or automatic ones.")
    if by is not None:
        query = query.where(LOG_ACTORS[by])
    page = keyset_page(db.session, query, [ModerationAction.created_at, ModerationAction.id],
                       request.args.get("after"), LOG_PAGE_SIZE)
    return render_template("public/log.html", page=page, policy=current_policy(), verbs=list(Verb), verb=verb, by=by,
                           public_reason=public_reason)


@bp.route("/feed.atom")
def feed():
    articles = db.session.scalars(
        own_articles().order_by(Article.published_at.desc(), Article.id.desc()).limit(feeds.FEED_ENTRIES)
    ).all()
    site = current_app.config["SITE_NAME"]
    entries = [
        feeds.Entry(
            link=absolute_url("public.article", slug=a.slug), title=a.title,
            author=a.author.username if a.author else site, published=a.published_at, updated=a.updated_at,
            content_html=a.body_html, summary=a.summary,
        )
        for a in articles
    ]
    home = absolute_url("public.index")
    fast_path.share()
    return _atom(f"{site}: articles", home, entries, feed_id=home)  # the id feed readers have known it by


@bp.route("/comments.atom")
def comments_feed():
    """The newest published comments on the whole site."""
    comments = feeds.recent_comments(db.session)
    fast_path.share()
    return _atom(f"{current_app.config['SITE_NAME']}: recent comments", absolute_url("public.index"),
                 _comment_entries(comments))


@bp.route("/articles/<slug>/comments.atom")
def article_comments_feed(slug: str):
    """The newest published comments on one article; a draft has no feed, whoever asks."""
    article = db.session.scalar(sa.select(Article).where(Article.slug == slug, visibility.public_articles())
                                .options(lazyload(Article.stances)))
    if article is None:
        abort(404)
    comments = feeds.recent_comments(db.session, article)
    fast_path.share(article.id)
    return _atom(f"Comments on \u201c{article.title}\u201d", absolute_url("public.article", slug=slug),
                 _comment_entries(comments))


def _comment_entries(comments) -> list[feeds.Entry]:
    return [feeds.comment_entry(c, absolute_url("comments.permalink", comment_id=c.id),
                                absolute_url("public.profile", username=c.author.username) if c.author else "")
            for c in comments]


def _atom(title: str, home: str, entries: list[feeds.Entry], feed_id: str | None = None) -> Response:
    self_url = absolute_url(request.endpoint, **(request.view_args or {}))  # never from the Host header
    xml = feeds.atom(title=title, home=home, self_url=self_url, entries=entries, feed_id=feed_id)
    return Response(xml, mimetype="application/atom+xml")


# Load balancers ask every few seconds: no rate limit, and nothing here touches the session or the
# signed-in user (a GET, so no CSRF either).
@bp.route("/healthz")
@limiter.exempt
def healthz():
    """Each dependency's state, as JSON; 503 only when the database cannot serve, 200 when just degraded."""
    app = current_app._get_current_object()
    redis = redis_client(app, health.REDIS_TIMEOUT_SECONDS) if app.config.get("REDIS_URL") else None
    report = health.check(db.session, redis, mail_on=delivery.mail_settings(app) is not None, now=utcnow())
    # A load balancer asks every few seconds: an outage is logged when it starts and when it ends.
    for name, check in report.checks.items():
        if check.error:
            outages.failed(f"health check {name}", RuntimeError(f"{check.error} ({check.ms:.0f} ms)"))
        else:
            outages.recovered(f"health check {name}")
    response = jsonify(report.as_json())
    response.status_code = report.http_status
    response.headers["Cache-Control"] = "no-store"
    return response
