"""Form shapes (WTForms). They check shape only; rules live in actions, and forms never save."""
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, EmailField, HiddenField, IntegerField, PasswordField, SelectField, StringField, TextAreaField,
)
from wtforms.validators import Email, EqualTo, InputRequired, Length, NumberRange, Optional

from forum.models import Role
from forum.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

_strip = [lambda value: value.strip() if isinstance(value, str) else value]


class EmptyForm(FlaskForm):
    """A bare POST button: only the CSRF token."""


class RegisterForm(FlaskForm):
    username = StringField("Username", filters=_strip, validators=[InputRequired(), Length(3, 30)])
    email = EmailField(
        "E-mail", filters=_strip,
        validators=[InputRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    password = PasswordField(
        "Password", validators=[InputRequired(), Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)],
        description=f"At least {MIN_PASSWORD_LENGTH} characters; a phrase of a few words works well.",
    )
    confirm = PasswordField(
        "Repeat password", validators=[InputRequired(), EqualTo("password", "The two passwords differ.")]
    )


class LoginForm(FlaskForm):
    login = StringField("Username or e-mail", filters=_strip, validators=[InputRequired(), Length(max=254)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    remember = BooleanField("Keep me signed in on this device")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[InputRequired()])
    new_password = PasswordField(
        "New password", validators=[InputRequired(), Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH)]
    )
    confirm = PasswordField(
        "Repeat new password", validators=[InputRequired(), EqualTo("new_password", "The two passwords differ.")]
    )


class ArticleForm(FlaskForm):
    title = StringField("Title", filters=_strip, validators=[InputRequired(), Length(max=200)])
    slug = StringField(
        "Slug", filters=_strip, validators=[Optional(), Length(max=120)],
        description="The article's address: /articles/<slug>. Left empty, it is made from the title.",
    )
    summary = TextAreaField("Summary", filters=_strip, validators=[Length(max=600)])
    body = TextAreaField("Body (Markdown)", validators=[InputRequired(), Length(max=200_000)])
    question = StringField(
        "Question for readers", filters=_strip, validators=[Optional(), Length(max=300)],
        description="Optional. Readers answer it by taking a stance in their comment.",
    )
    stances = TextAreaField(
        "Stances", validators=[Optional(), Length(max=600)],
        description="One per line, for example: Yes / No / It depends.",
    )

    def stance_labels(self) -> list[str]:
        return [line.strip() for line in (self.stances.data or "").splitlines() if line.strip()]


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[(role.value, role.value.capitalize()) for role in Role])


class EditCommentForm(FlaskForm):
    """The text and stance of a comment. The length rule lives in actions/comments.py, not here:
    a too-long text must come back whole with its message, not be cut short by the browser."""

    body = TextAreaField("Your comment", validators=[InputRequired("Write something first: the comment is empty.")])
    stance = SelectField("Your stance", choices=[("", "No stance")], validate_choice=False)

    def set_stances(self, article) -> None:
        self.stance.choices = [("", "No stance")] + [(s.key, s.label) for s in article.stances]


class CommentForm(EditCommentForm):
    """A new comment, or a reply when parent_id is set."""

    parent_id = HiddenField()


class ReactionForm(FlaskForm):
    kind = HiddenField(validators=[InputRequired()])


class PolicyForm(FlaskForm):
    edit_window_minutes = IntegerField(
        "Edit window (minutes)", validators=[InputRequired(), NumberRange(0, 24 * 60)],
        description="How long after posting an author may edit a comment and change its stance. 0 turns editing off.",
    )
    auto_close_days = IntegerField(
        "Close threads after (days)", validators=[Optional(), NumberRange(1, 3650)],
        description="Articles stop taking comments this many days after publication. Leave empty to keep them open.",
    )
