"""The admin area: articles, the site policy, users' roles."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, FloatField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, ValidationError

from forum.actions.articles import (
    BODY_MAX_CHARS, QUESTION_MAX_LENGTH, SLUG_MAX_LENGTH, STANCES_MAX_CHARS, SUMMARY_MAX_CHARS, TITLE_MAX_LENGTH,
)
from forum.actions.policy import DOMAIN_LIST_MAX_CHARS, WORD_LIST_MAX_CHARS, bounds
from forum.embedding import BadURL, parse_origins
from forum.forms import choices, lines, strip
from forum.models import ModerationMode, Role, SitePolicy

MODE_LABELS = {
    ModerationMode.POST: "Post-moderation: published at once, rules may hold",
    ModerationMode.PRE: "Pre-moderation: every comment waits for a moderator",
    ModerationMode.PRE_NEW_USERS: "Pre-moderation for new readers, until they are trusted",
}


def _in_range(name: str) -> NumberRange:
    return NumberRange(*bounds(name))


class ArticleForm(FlaskForm):
    title = StringField("Title", filters=strip,
                        validators=[InputRequired("An article needs a title."), Length(max=TITLE_MAX_LENGTH)])
    slug = StringField(
        "Slug", filters=strip, validators=[Optional(), Length(max=SLUG_MAX_LENGTH)],
        description="The article's address: /articles/<slug>. Left empty, it is made from the title.",
    )
    summary = TextAreaField("Summary", filters=strip, validators=[Length(max=SUMMARY_MAX_CHARS)])
    body = TextAreaField("Body (Markdown)",
                         validators=[InputRequired("An article needs a body."), Length(max=BODY_MAX_CHARS)])
    question = StringField(
        "Question for readers", filters=strip, validators=[Optional(), Length(max=QUESTION_MAX_LENGTH)],
        description="Optional. Readers answer it by taking a stance in their comment.",
    )
    stances = TextAreaField(
        "Stances", validators=[Optional(), Length(max=STANCES_MAX_CHARS)],
        description="One per line, for example: Yes / No / It depends.",
    )
    moderation_mode = SelectField("Moderation of this article's comments",
                                  choices=[SelectChoice("", "As the site policy says")] + choices(MODE_LABELS))

    def stance_labels(self) -> list[str]:
        return [line.strip() for line in (self.stances.data or "").splitlines() if line.strip()]


class RoleForm(FlaskForm):
    role = SelectField("Role", choices=[SelectChoice(role.value, role.value.capitalize()) for role in Role])


class PolicyForm(FlaskForm):
    """Every rule of the site policy an admin may set (forum/models/policy.py says why each exists)."""

    moderation_mode = SelectField("Moderation mode", choices=choices(MODE_LABELS))
    banned_words = TextAreaField("Banned words (rejected at once)", filters=lines,
                                 validators=[Length(max=WORD_LIST_MAX_CHARS)],
                                 description="One word or phrase per line. Matching sees through disguises like i.d.i.o.t or 1d10t.")
    suspect_words = TextAreaField("Suspect words (held for review)", filters=lines,
                                  validators=[Length(max=WORD_LIST_MAX_CHARS)], description="One word or phrase per line.")
    max_links = IntegerField("Links allowed before a hold", validators=[InputRequired(), _in_range("max_links")])
    toxicity_threshold = FloatField("Toxicity threshold (0–1)",
                                    validators=[InputRequired(), _in_range("toxicity_threshold")],
                                    description="The local model's score at or above which a comment is held.")
    trusted_after = IntegerField("Published comments that make a reader trusted",
                                 validators=[InputRequired(), _in_range("trusted_after")],
                                 description="Each rejected comment counts as two fewer.")
    flags_to_hide = IntegerField("Flag weight that hides a comment",
                                 validators=[InputRequired(), _in_range("flags_to_hide")],
                                 description="A trusted reader's flag counts 2 (an account a week old with that many "
                                              "comments that stood two days or a moderator approved). 0 never hides.")
    log_shows_reader_names = BooleanField("Show readers' names in the public moderation log")
    edit_window_minutes = IntegerField(
        "Edit window (minutes)", validators=[InputRequired(), _in_range("edit_window_minutes")],
        description="How long after posting an author may edit a comment and change its stance. 0 turns editing off.",
    )
    auto_close_days = IntegerField(
        "Close threads after (days)", validators=[Optional(), _in_range("auto_close_days")],
        description="Articles stop taking comments this many days after publication. Leave empty to keep them open.",
    )
    commenting_enabled = BooleanField("Commenting is on across the site")
    commenting_off_message = StringField(
        "Message while commenting is off", filters=strip,
        validators=[Length(max=SitePolicy.__table__.c.commenting_off_message.type.length)])
    auto_slow_posts_per_minute = IntegerField(
        "Comments per minute on one article that switch slow mode on (0: never)",
        validators=[InputRequired(), _in_range("auto_slow_posts_per_minute")],
        description="Each reader counts for at most 3 comments a minute, so a few people alone cannot "
                    "slow a thread for everyone.")
    auto_slow_flags_per_minute = IntegerField("Flags per minute on one article that switch slow mode on (0: never)",
                                              validators=[InputRequired(), _in_range("auto_slow_flags_per_minute")])
    auto_slow_minutes = IntegerField("Automatic slow mode: minutes between a reader's comments",
                                     validators=[InputRequired(), _in_range("auto_slow_minutes")])
    auto_slow_quiet_minutes = IntegerField("Automatic slow mode ends after this many minutes without a burst",
                                           validators=[InputRequired(), _in_range("auto_slow_quiet_minutes")])
    signup_hold_domains = TextAreaField("E-mail domains whose sign-ups are held for review", filters=lines,
                                        validators=[Length(max=DOMAIN_LIST_MAX_CHARS)],
                                        description="One per line, e.g. example.com (covers its subdomains too). "
                                                    "Their comments all wait for a moderator.")
    signup_refuse_domains = TextAreaField("E-mail domains whose sign-ups are refused", filters=lines,
                                          validators=[Length(max=DOMAIN_LIST_MAX_CHARS)],
                                          description="One per line, e.g. example.com (covers its subdomains too).")
    embed_origins = TextAreaField(
        "Sites allowed to embed comment threads", validators=[Length(max=DOMAIN_LIST_MAX_CHARS)],
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
