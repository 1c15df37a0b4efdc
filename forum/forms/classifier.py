"""The admin's classifier page: the retrain schedule (the buttons are bare EmptyForms)."""
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import NumberRange, Optional, StopValidation

from forum.actions.classifier import RETRAIN_EVERY_DAYS


class DaysField(IntegerField):
    """A whole number typed with the digits 0-9. int() also reads full-width and Arabic-Indic digits, a sign
    and spaces, which would save a number the admin may not have meant; those are refused by name."""

    def process_formdata(self, valuelist):
        typed = valuelist[0].strip() if valuelist else ""
        if typed and not (typed.isascii() and typed.isdigit()):
            self.data = None
            raise ValueError("Type a whole number of days with the digits 0 to 9 (no sign, point or other script).")
        super().process_formdata(valuelist)

    def pre_validate(self, form):
        if self.process_errors:
            raise StopValidation()  # what was typed is not a number: no range to check


class ScheduleForm(FlaskForm):
    every_days = DaysField(
        "Retrain every … days", validators=[Optional(), NumberRange(RETRAIN_EVERY_DAYS.start, RETRAIN_EVERY_DAYS.stop - 1)],
        description="Leave empty to retrain only when asked. The retrain worker (flask moderation worker) runs it.",
    )
