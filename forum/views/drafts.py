"""A comment whose sending failed for want of a session: the form comes back, through a sign-in if need be.

The views of comments.py and auth.py and the CSRF error handler (forum/errors.py) all hand it on to here.
"""
from flask import flash, render_template, request
from flask_login import current_user

from forum.errors import KEPT_TEXT_MAX_CHARS
from forum.forms.auth import LoginForm
from forum.forms.comments import CommentForm
from forum.views.helpers import get_article_or_404, parse_id


def _draft_form(article) -> CommentForm:
    """The comment form filled in from what was sent (text, stance, comment answered), with a fresh token."""
    form = CommentForm(formdata=None)
    form.set_stances(article)
    form.body.data = request.form.get("body", "")[:KEPT_TEXT_MAX_CHARS]
    stance = request.form.get("stance", "")
    form.stance.data = stance if any(s.key == stance for s in article.stances) else ""
    form.parent_id.data = request.form.get("parent_id", "") if parse_id(request.form.get("parent_id", "")) else ""
    return form


def refused_comment_form(_error=None):
    """A comment sent with a security token that no longer holds (walk-through finding 5). Signed out
    meanwhile (in another tab, or the session ended): say so, and offer to sign in right here, the text,
    stance and comment answered carried through. Still signed in (the form only aged): the form again."""
    article = get_article_or_404(request.view_args.get("slug", ""))
    form = _draft_form(article)
    if current_user.is_authenticated:
        flash("This form had expired, so your comment was not sent. Here it is again: check it and post it.", "info")
        return render_template("comments/resume.html", article=article, form=form), 400
    stance_label = next((s.label for s in article.stances if s.key == form.stance.data), "")
    draft = {"body": form.body.data, "stance": form.stance.data, "stance_label": stance_label,
             "parent_id": form.parent_id.data}
    message = ("You were signed out (in another tab, or because the session ended) before your comment was sent. "
               "Nothing is lost: sign in below and your comment comes back, ready to post.")
    return render_template("comments/signed_out.html", title="You were signed out", message=message, article=article,
                           draft=draft, login_form=LoginForm()), 401


def resume_draft(slug: str):
    """After signing in from the signed-out page: the comment that could not be sent, to check and post."""
    article = get_article_or_404(slug)
    return render_template("comments/resume.html", article=article, form=_draft_form(article))
