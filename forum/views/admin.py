"""The admin area: writing and publishing articles, users and their roles, the learned classifier."""
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import joinedload
from flask import Blueprint, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user

from forum import charts, visibility
from forum.actions import Refused
from forum.actions import classifier as classifier_actions
from forum.actions.accounts import set_role
from forum.actions.articles import ArticleDraft, preview_article, publish_article, save_article, unpublish_article
from forum.actions.policy import update_policy
from forum.extensions import db
from forum.forms import EmptyForm
from forum.forms.admin import ArticleForm, PolicyForm, RoleForm
from forum.forms.classifier import ScheduleForm
from forum.models import Article, ClassifierModel, RetrainRequest, Role, User
from forum.models.base import ID_RANGE, utcnow
from forum.moderation import figures, registry
from forum.moderation.classifier import default_classifier
from forum.pagination import keyset_page
from forum.permissions import Action, can
from forum.views.helpers import current_policy, get_article_by_id_or_404, require
from forum.views.refusals import shown_on, status_of
from forum.wording import plural

bp = Blueprint("admin", __name__, url_prefix="/admin")

ARTICLES_PER_ADMIN_PAGE = 25


@bp.before_request
def require_admin():
    """Every admin route: anonymous visitors sign in first, others get 403."""
    if not current_user.is_authenticated:
        return current_app.login_manager.unauthorized()
    require(can(current_user, Action.ADMIN_AREA))


@bp.route("/")
def dashboard():
    page = keyset_page(
        db.session, sa.select(Article), [Article.updated_at, Article.id],
        request.args.get("after"), ARTICLES_PER_ADMIN_PAGE,
    )
    return render_template("admin/dashboard.html", page=page, button=EmptyForm())


@bp.route("/activity")
def activity():
    """Moderation at a glance: what waits and since when, how long decisions take, acts per day."""
    now = utcnow()
    times = figures.decision_times(db.session, now)
    days = figures.acts_per_day(db.session, now.date())
    busiest = max(days, key=lambda d: d.by_people + d.automatic)
    return render_template(
        "admin/activity.html", now=now, waiting=figures.waiting(db.session, visibility.viewer_of(current_user)),
        times=times, days=days, window_days=figures.WINDOW_DAYS, duration=figures.human_duration,
        times_chart=charts.bar_chart(
            "decision-times", times.buckets, width=400, title="Decisions by time from posting",
            description=f"{plural(times.decisions, 'decision')} in the last {figures.WINDOW_DAYS} days, by how long after "
                        "posting they came; the numbers are in the table below the chart."),
        days_chart=charts.column_chart(
            "acts-per-day", [(d.day.strftime("%-d %b"), (d.by_people, d.automatic)) for d in days],
            [charts.Series("moderators and admins", "bar"), charts.Series("automatic", "bar-alt")],
            title="Moderation acts per day",
            description=f"{plural(sum(d.by_people + d.automatic for d in days), 'act')} in the last {figures.WINDOW_DAYS} days; "
                        f"the busiest day, {busiest.day:%-d %B}, had {busiest.by_people + busiest.automatic}. "
                        "The numbers are in the table below the chart."),
    )


def _draft_from(form: ArticleForm) -> ArticleDraft:
    return ArticleDraft(
        title=form.title.data or "", slug=form.slug.data or "", summary=form.summary.data or "",
        body=form.body.data or "", question=form.question.data or "", stances=form.stance_labels(),
        moderation_mode=form.moderation_mode.data or "",
    )


def _edit_article(article: Article | None):
    form = ArticleForm(obj=article) if request.method == "GET" and article else ArticleForm()
    if request.method == "GET" and article:
        form.body.data = article.body_source  # the form's field is "body"; the column keeps the source
        form.stances.data = "\n".join(stance.label for stance in article.stances)
        form.moderation_mode.data = article.moderation_mode or ""
    preview_html = None
    if request.method == "POST" and "preview" in request.form:
        # The no-JavaScript preview: render what was typed, save nothing.
        with shown_on(form):
            preview_html = preview_article(form.body.data or "")
    elif form.validate_on_submit():
        with shown_on(form):
            saved = save_article(current_user, article, _draft_from(form))
            db.session.commit()
            if "publish" in request.form and not visibility.article_is_public(saved):
                # Publishing asks once, on a page of its own, so it works the same without JavaScript.
                return redirect(url_for("admin.publish", article_id=saved.id))
            flash("Saved; the changes are live." if visibility.article_is_public(saved) else "Draft saved.", "success")
            return redirect(url_for("admin.edit_article", article_id=saved.id))
    return render_template(
        "admin/article_form.html", form=form, article=article, preview_html=preview_html, button=EmptyForm(), now=utcnow(),
    ), status_of(form)


@bp.route("/articles/new", methods=["GET", "POST"])
def new_article():
    return _edit_article(None)


@bp.route("/articles/<int:article_id>/edit", methods=["GET", "POST"])
def edit_article(article_id: int):
    return _edit_article(get_article_by_id_or_404(article_id))


@bp.route("/articles/<int:article_id>/publish", methods=["GET", "POST"])
def publish(article_id: int):
    """Publishing asks once: this page shows the article as the front page will, and its button publishes."""
    article = get_article_by_id_or_404(article_id)
    form = EmptyForm()
    if request.method == "POST":
        if form.validate_on_submit():
            publish_article(current_user, article)
            db.session.commit()
            flash(f"“{article.title}” is published.", "success")
            return redirect(url_for("admin.edit_article", article_id=article.id))
        return redirect(url_for("admin.publish", article_id=article.id))
    if visibility.article_is_public(article):
        flash(f"“{article.title}” is published already.", "info")
        return redirect(url_for("admin.edit_article", article_id=article.id))
    return render_template("admin/publish.html", article=article, button=form, now=utcnow())


@bp.route("/articles/<int:article_id>/unpublish", methods=["POST"])
def unpublish(article_id: int):
    article = get_article_by_id_or_404(article_id)
    if EmptyForm().validate_on_submit():
        unpublish_article(current_user, article)
        db.session.commit()
        flash(f"“{article.title}” is back to draft; only admins see it.", "success")
    return redirect(url_for("admin.dashboard"))


@bp.route("/preview", methods=["POST"])
def preview():
    """Live preview for the article editor: Markdown in, the HTML the article would show out."""
    try:
        return jsonify(html=preview_article(request.form.get("body", "")))
    except Refused as refusal:
        return jsonify(error=refusal.message), 413


@bp.route("/policy", methods=["GET", "POST"])
def policy():
    """The rules the site applies to comments."""
    current = current_policy()
    form = PolicyForm(obj=current)
    if form.validate_on_submit():
        with shown_on(form):
            update_policy(current_user, **form.changes())
            db.session.commit()
            flash("The policy is saved.", "success")
            return redirect(url_for("admin.policy"))
    return render_template("admin/policy.html", form=form), status_of(form)


@bp.route("/users")
def users():
    page = keyset_page(
        db.session, sa.select(User), [User.id], request.args.get("after"),
        current_app.config["USERS_PER_PAGE"], descending=False,
    )
    return render_template("admin/users.html", page=page, Role=Role)


@bp.route("/users/<int:user_id>/role", methods=["POST"])
def change_role(user_id: int):
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    if form.validate_on_submit():
        set_role(current_user, user, Role(form.role.data))
        db.session.commit()
        flash(f"{user.username} is now {user.role.value}.", "success")
        return redirect(url_for("admin.users"))
    abort(400, description="Choose one of the roles: " + ", ".join(role.value for role in Role) + ".")


# --- The learned classifier: its current model, its retrains, rollback (issue 13) ---

RETRAINS_PER_PAGE = 20


@bp.route("/classifier")
def classifier(schedule: ScheduleForm | None = None, status: int = 200):
    """The model the site scores with, its figures, and the retrains, newest first (with a refused schedule form,
    that form as it was sent)."""
    policy = current_policy()
    page = keyset_page(
        db.session,
        sa.select(RetrainRequest).options(joinedload(RetrainRequest.requested_by), joinedload(RetrainRequest.model)),
        [RetrainRequest.id], request.args.get("after"), RETRAINS_PER_PAGE,
    )
    current = registry.current(db.session, policy)
    # The shipped model's own figures are in its file, which every worker has loaded to score comments.
    shipped = default_classifier() if current is None else None
    if shipped is not None:
        shipped.load()
    return render_template("admin/classifier.html", current=current, shipped=shipped, page=page, button=EmptyForm(),
                           schedule=schedule or ScheduleForm(every_days=policy.retrain_every_days),
                           now=datetime.now(timezone.utc)), status


@bp.route("/classifier/retrain", methods=["POST"])
def classifier_retrain():
    if EmptyForm().validate_on_submit():
        queued = classifier_actions.request_retrain(current_user)
        db.session.commit()
        flash(f"Retrain {queued.id} is queued; the retrain worker runs it within a minute or so.", "success")
    return redirect(url_for("admin.classifier"))


@bp.route("/classifier/rollback", methods=["POST"])
def classifier_rollback():
    """Score with an earlier accepted model again; model_id empty means the shipped model."""
    if EmptyForm().validate_on_submit():
        model_id = request.form.get("model_id", "")
        model = None
        if model_id:
            if not model_id.isdigit() or int(model_id) not in ID_RANGE:
                abort(400, description="Choose one of the listed models.")
            model = db.get_or_404(ClassifierModel, int(model_id))
        classifier_actions.roll_back(current_user, current_policy(), model)
        db.session.commit()
        flash(f"The site scores with {f'model {model.id}' if model else 'the shipped model'} again.", "success")
    return redirect(url_for("admin.classifier"))


@bp.route("/classifier/schedule", methods=["POST"])
def classifier_schedule():
    form = ScheduleForm()
    if form.validate_on_submit():
        classifier_actions.set_schedule(current_user, form.every_days.data)
        db.session.commit()
        flash("The retrain schedule is saved.", "success")
        return redirect(url_for("admin.classifier"))
    # The page again, with the message by the field and what was typed still in it.
    return classifier(schedule=form, status=400)
