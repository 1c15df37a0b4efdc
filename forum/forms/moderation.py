"""The moderation area: decisions on comments and appeals, slow mode, sanctions and notes."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from forum.actions.appeals import DECISION_REASON_MAX_CHARS
from forum.actions.moderation import (
    MAX_SLOW_MODE_MINUTES, REJECTION_REASON_MAX_CHARS, REJECTION_REASONS, SLOW_MODE_REASON_MAX_CHARS,
)
from forum.actions.sanctions import NOTE_MAX_CHARS, REASON_MAX_CHARS
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
    reason = StringField("Reason (the author reads it)", filters=strip,
                         validators=[InputRequired(), Length(max=DECISION_REASON_MAX_CHARS)])


class SlowModeForm(FlaskForm):
    minutes = IntegerField("Minutes between comments", validators=[Optional(), NumberRange(1, MAX_SLOW_MODE_MINUTES)])
    reason = StringField("Reason shown to readers", filters=strip, validators=[Length(max=SLOW_MODE_REASON_MAX_CHARS)])


def _reason(label: str) -> StringField:
    return StringField(label, filters=strip, validators=[InputRequired(), Length(max=REASON_MAX_CHARS)])


class WarnForm(FlaskForm):
    message = TextAreaField("Warning", filters=strip, validators=[InputRequired(), Length(max=REASON_MAX_CHARS)])


class SuspendForm(FlaskForm):
    until = DateTimeLocalField("Suspended until (UTC)", format="%Y-%m-%dT%H:%M", validators=[InputRequired()])
    reason = _reason("Reason")


class BanForm(FlaskForm):
    reason = _reason("Reason")
    reject_pending = BooleanField("Also reject every comment of theirs still waiting")


class UnbanForm(FlaskForm):
    reason = _reason("Reason for lifting")


class NoteForm(FlaskForm):
    body = TextAreaField("Note for moderators", filters=strip, validators=[InputRequired(), Length(max=NOTE_MAX_CHARS)])
