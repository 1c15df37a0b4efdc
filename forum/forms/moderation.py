"""The moderation area: decisions on comments and appeals, slow mode, sanctions and notes."""
from datetime import datetime, timedelta

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from forum.actions.appeals import APPEAL_REASONS
from forum.actions.moderation import (
    MAX_SLOW_MODE_MINUTES, REJECTION_REASON_MAX_CHARS, REJECTION_REASONS, SLOW_MODE_REASON_MAX_CHARS,
)
from forum.actions.sanctions import (
    LIFTING_REASONS, MESSAGE_MAX_CHARS, NOTE_MAX_CHARS, REASON_MAX_CHARS, SANCTION_REASONS,
)
from forum.forms import strip


class RejectForm(FlaskForm):
    reason = SelectField("Reason", choices=[SelectChoice(r, r) for r in REJECTION_REASONS], validate_choice=False)
    reason_text = StringField("Or type a reason", filters=strip, validators=[Length(max=REJECTION_REASON_MAX_CHARS)])

    def chosen_reason(self) -> str:
        return self.reason_text.data or self.reason.data or ""


class LogNameForm(FlaskForm):
    named_in_log = BooleanField("Show my name on my acts in the public moderation log")


class BulkForm(FlaskForm):
    verb = HiddenField()
    reason = StringField("Reason for rejecting", filters=strip, validators=[Length(max=REJECTION_REASON_MAX_CHARS)])


class AppealDecisionForm(FlaskForm):
    outcome = HiddenField(validators=[InputRequired()])
    # Which reason goes with which button is decide_appeal's rule; the queue item groups them.
    reason = SelectField("Reason", choices=[r for reasons in APPEAL_REASONS.values() for r in reasons],
                         validate_choice=False, validators=[InputRequired()])
    message = StringField("Message to the author", filters=strip, validators=[Length(max=MESSAGE_MAX_CHARS)])


class SlowModeForm(FlaskForm):
    minutes = IntegerField("Minutes between comments", validators=[Optional(), NumberRange(1, MAX_SLOW_MODE_MINUTES)])
    reason = StringField("Reason shown to readers", filters=strip, validators=[Length(max=SLOW_MODE_REASON_MAX_CHARS)])


def _standard_reason(label: str, reasons: list[str]) -> SelectField:
    """A sanction's reason, from a fixed list: the public log prints it (actions/sanctions.py)."""
    return SelectField(label, choices=[SelectChoice("", "Choose a reason…"), *(SelectChoice(r, r) for r in reasons)],
                       validators=[InputRequired(message="Choose a reason.")],
                       description="The public log shows this reason.")


def _message(label: str, description: str) -> TextAreaField:
    return TextAreaField(label, filters=strip, validators=[Optional(), Length(max=MESSAGE_MAX_CHARS)],
                         description=description)


TO_THE_PERSON = "Optional. They read it with the reason; moderators see it here; the public log only says there is one."


class WarnForm(FlaskForm):
    message = TextAreaField("Warning", filters=strip, validators=[InputRequired(), Length(max=REASON_MAX_CHARS)])


# How long a suspension lasts, as moderators usually choose it; a date typed into `until` wins.
SUSPENSION_LENGTHS = {"24h": ("24 hours", timedelta(hours=24)), "3d": ("3 days", timedelta(days=3)),
                      "7d": ("7 days", timedelta(days=7)), "30d": ("30 days", timedelta(days=30))}


class SuspendForm(FlaskForm):
    length = SelectField("Suspend for", choices=[SelectChoice(key, label) for key, (label, _) in SUSPENSION_LENGTHS.items()],
                         default="24h")
    until = DateTimeLocalField("Or until (UTC)", format="%Y-%m-%dT%H:%M", validators=[Optional()],
                               description="Optional. A date and time here is used instead of the length above.")
    reason = _standard_reason("Reason", SANCTION_REASONS)
    message = _message("Message to them", TO_THE_PERSON)

    def ends_at(self, now: datetime) -> datetime:
        if self.until.data:
            return self.until.data
        return now + SUSPENSION_LENGTHS[self.length.data][1]


class BanForm(FlaskForm):
    reason = _standard_reason("Reason", SANCTION_REASONS)
    message = _message("Message to them", TO_THE_PERSON)
    reject_pending = BooleanField("Also reject every comment of theirs still waiting")


class UnbanForm(FlaskForm):
    reason = _standard_reason("Reason for lifting", LIFTING_REASONS)
    # Nobody is told of a lifting but by the log; what is typed here is for the moderators.
    message = _message("Details for moderators", "Optional. Moderators read it on this page; the public log "
                                                  "only says there is more.")


class NoteForm(FlaskForm):
    body = TextAreaField("Note for moderators", filters=strip, validators=[InputRequired(), Length(max=NOTE_MAX_CHARS)])
