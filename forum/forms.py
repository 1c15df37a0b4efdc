"""Form shapes (WTForms). They check shape only; rules live in actions, and forms never save."""
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField, DateTimeLocalField, EmailField, FloatField, HiddenField, IntegerField, PasswordField, RadioField, SelectField,
    StringField, TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Email, EqualTo, InputRequired, Length, NumberRange, Optional, ValidationError

from forum.actions.accounts import USERNAME_RULE
from forum.actions.articles import BODY_MAX_CHARS
from forum.embedding import BadURL, parse_origins
from forum.models import Role
from forum.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

_strip = [lambda value: value.strip() if isinstance(value, str) else value]
# Browsers send a textarea's lines with CRLF; stored lists keep LF, so saving an unchanged form changes nothing.
_lines = [lambda value: value.replace("\r\n", "\n") if isinstance(value, str) else value]


class EmptyForm(FlaskForm):
    """A bare POST button: only the CSRF token."""


class RegisterForm(FlaskForm):
    username = StringField("Username", filters=_strip, validators=[
        InputRequired(), Length(3, 30, message=f"A username is {USERNAME_RULE}"),
    ])
    email = EmailField(
        "E-mail", filters=_strip,
        validators=[InputRequired(), Length(max=254), Email(check_deliverability=False)],
    )
    # Length and commonness are judged by passwords.password_problems, whose messages are clearer.
    password = PasswordField(
        "Password", validators=[InputRequired("Choose a password.")],
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
        "New password", validators=[InputRequired("Choose a new password.")],
        description=f"At least {MIN_PASSWORD_LENGTH} characters; a phrase of a few words works well.",
    )
    confirm = PasswordField(
        "Repeat new password", validators=[InputRequired(), EqualTo("new_password", "The two passwords differ.")]
    )


class ArticleForm(FlaskForm):
    title = StringField("Title", filters=_strip, validators=[InputRequired("An article needs a title."), Length(max=200)])
    slug = StringField(
        "Slug", filters=_strip, validators=[Optional(), Length(max=120)],
        description="The article's address: /articles/<slug>. Left empty, it is made from the title.",
    )
    summary = TextAreaField("Summary", filters=_strip, validators=[Length(max=600)])
    body = TextAreaField("Body (Markdown)", validators=[InputRequired("An article needs a body."), Length(max=BODY_MAX_CHARS)])
    question = StringField(
        "Question for readers", filters=_strip, validators=[Optional(), Length(max=300)],
        description="Optional. Readers answer it by taking a stance in their comment.",
    )
    stances = TextAreaField(
        "Stances", validators=[Optional(), Length(max=600)],
        description="One per line, for example: Yes / No / It depends.",
    )
    moderation_mode = SelectField("Moderation of this article's comments", choices=[
        SelectChoice("", "As the site policy says"),
        SelectChoice("post", "Post-moderation: published at once, rules may hold"),
        SelectChoice("pre", "Pre-moderation: every comment waits for a moderator"),
        SelectChoice("pre_new_users", "Pre-moderation for new readers"),
    ])

    def stance_labels(self) -> list[str]:
        return [line.strip() for line in (self.stances.data or "").splitlines() if line.strip()]


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(role.value, role.value.capitalize()) for role in Role])


class EditCommentForm(FlaskForm):
    """The text and stance of a comment. The length rule lives in actions/comments.py, not here:
    a too-long text must come back whole with its message, not be cut short by the browser."""

    body = TextAreaField("Your comment", validators=[InputRequired("Write something first: the comment is empty.")])
    stance = SelectField("Your stance", choices=[SelectChoice("", "No stance")], validate_choice=False)

    def set_stances(self, article) -> None:
        self.stance.choices = [SelectChoice("", "No stance")] + [SelectChoice(s.key, s.label) for s in article.stances]


class CommentForm(EditCommentForm):
    """A new comment, or a reply when parent_id is set."""

    parent_id = HiddenField()


class ReactionForm(FlaskForm):
    kind = HiddenField(validators=[InputRequired()])


class PolicyForm(FlaskForm):
    """Every rule of the site policy an admin may set (forum/models/policy.py says why each exists)."""

    moderation_mode = SelectField("Moderation mode", choices=[
        SelectChoice("post", "Post-moderation: published at once, rules may hold"),
        SelectChoice("pre", "Pre-moderation: every comment waits for a moderator"),
        SelectChoice("pre_new_users", "Pre-moderation for new readers, until they are trusted"),
    ])
    banned_words = TextAreaField("Banned words (rejected at once)", filters=_lines, validators=[Length(max=20_000)],
                                 description="One word or phrase per line. Matching sees through disguises like i.d.i.o.t or 1d10t.")
    suspect_words = TextAreaField("Suspect words (held for review)", filters=_lines, validators=[Length(max=20_000)],
                                  description="One word or phrase per line.")
    max_links = IntegerField("Links allowed before a hold", validators=[InputRequired(), NumberRange(0, 50)])
    toxicity_threshold = FloatField("Toxicity threshold (0–1)", validators=[InputRequired(), NumberRange(0, 1)],
                                    description="The local model's score at or above which a comment is held.")
    trusted_after = IntegerField("Published comments that make a reader trusted",
                                 validators=[InputRequired(), NumberRange(0, 1000)],
                                 description="Each rejected comment counts as two fewer.")
    flags_to_hide = IntegerField("Flag weight that hides a comment", validators=[InputRequired(), NumberRange(0, 100)],
                                 description="A trusted reader's flag counts 2. 0 never hides.")
    log_shows_reader_names = BooleanField("Show readers' names in the public moderation log")
    edit_window_minutes = IntegerField(
        "Edit window (minutes)", validators=[InputRequired(), NumberRange(0, 24 * 60)],
        description="How long after posting an author may edit a comment and change its stance. 0 turns editing off.",
    )
    auto_close_days = IntegerField(
        "Close threads after (days)", validators=[Optional(), NumberRange(1, 3650)],
        description="Articles stop taking comments this many days after publication. Leave empty to keep them open.",
    )
    commenting_enabled = BooleanField("Commenting is on across the site")
    commenting_off_message = StringField("Message while commenting is off", filters=_strip, validators=[Length(max=500)])
    auto_slow_posts_per_minute = IntegerField("Comments per minute on one article that switch slow mode on (0: never)",
                                              validators=[InputRequired(), NumberRange(0, 10_000)])
    auto_slow_flags_per_minute = IntegerField("Flags per minute on one article that switch slow mode on (0: never)",
                                              validators=[InputRequired(), NumberRange(0, 10_000)])
    auto_slow_minutes = IntegerField("Automatic slow mode: minutes between a reader's comments",
                                     validators=[InputRequired(), NumberRange(1, 24 * 60)])
    signup_hold_domains = TextAreaField("E-mail domains whose sign-ups are held for review", filters=_lines, validators=[Length(max=5000)],
                                        description="One per line, e.g. example.com. Their comments all wait for a moderator.")
    signup_refuse_domains = TextAreaField("E-mail domains whose sign-ups are refused", filters=_lines, validators=[Length(max=5000)])
    embed_origins = TextAreaField(
        "Sites allowed to embed comment threads", validators=[Length(max=5000)],
        description="One origin per line, like https://news.example.org (scheme and host, no path). Only pages "
                    "there may show Parley threads, and only their addresses get a thread. Empty: no embedding.",
    )

    def validate_embed_origins(self, field):
        try:
            origins = parse_origins(field.data or "")
        except BadURL as exc:
            raise ValidationError(str(exc)) from exc
        field.data = "\n".join(origins)  # stored as typed would differ in case or a trailing slash only

    def changes(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class FlagForm(FlaskForm):
    reason = RadioField(
        "What is wrong with it?",
        choices=[SelectChoice("spam", "Spam"), SelectChoice("abuse", "Abuse or harassment"), SelectChoice("off_topic", "Off-topic"), SelectChoice("other", "Something else")],
        validators=[InputRequired("Choose what is wrong with the comment.")],
    )
    note = StringField("In a few words (needed for “something else”)", filters=_strip, validators=[Length(max=200)])


class RejectForm(FlaskForm):
    reason = SelectField("Reason", choices=[], validate_choice=False)
    reason_text = StringField("Or type a reason", filters=_strip, validators=[Length(max=500)])

    def chosen_reason(self) -> str:
        return self.reason_text.data or self.reason.data or ""


class BulkForm(FlaskForm):
    verb = HiddenField()
    reason = StringField("Reason for rejecting", filters=_strip, validators=[Length(max=500)])


class WarnForm(FlaskForm):
    message = TextAreaField("Warning", filters=_strip, validators=[InputRequired(), Length(max=500)])


class SuspendForm(FlaskForm):
    until = DateTimeLocalField("Suspended until (UTC)", format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    reason = StringField("Reason", filters=_strip, validators=[InputRequired(), Length(max=500)])


class BanForm(FlaskForm):
    reason = StringField("Reason", filters=_strip, validators=[InputRequired(), Length(max=500)])
    reject_pending = BooleanField("Also reject every comment of theirs still waiting")


class UnbanForm(FlaskForm):
    reason = StringField("Reason for lifting", filters=_strip, validators=[InputRequired(), Length(max=500)])


class NoteForm(FlaskForm):
    body = TextAreaField("Note for moderators", filters=_strip, validators=[InputRequired(), Length(max=2000)])


class AppealForm(FlaskForm):
    body = TextAreaField("Why should it be published?", filters=_strip, validators=[InputRequired(), Length(max=1000)])


class AppealDecisionForm(FlaskForm):
    outcome = HiddenField(validators=[InputRequired()])
    reason = StringField("Reason (the author reads it)", filters=_strip, validators=[InputRequired(), Length(max=500)])


class SlowModeForm(FlaskForm):
    minutes = IntegerField("Minutes between comments", validators=[Optional(), NumberRange(1, 24 * 60)])
    reason = StringField("Reason shown to readers", filters=_strip, validators=[Length(max=300)])


class TokenForm(FlaskForm):
    name = StringField("Token name", filters=_strip, validators=[InputRequired("Give the token a name."), Length(max=60)],
                       description="What will use it, e.g. “my reading-list script”.")


class NotificationsForm(FlaskForm):
    email_replies = BooleanField("E-mail me when someone replies to one of my comments")
    email_digest = BooleanField("E-mail me a daily digest of the moderation queues")


class DeleteAccountForm(FlaskForm):
    # SelectChoice, not tuples: WTForms 3.3 deprecates tuple choices.
    comments = RadioField(
        "Your comments",
        choices=[
            SelectChoice("keep", "Keep them in their discussions, shown as by “[deleted account]”"),
            SelectChoice("remove", "Remove them (where others replied, “deleted by its author” keeps their place)"),
        ],
        validators=[InputRequired("Choose what happens to your comments.")],
    )
    password = PasswordField("Your password, to confirm", validators=[InputRequired("Type your password to confirm.")])
