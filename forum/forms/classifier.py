"""The admin's classifier page: the retrain schedule (the buttons are bare EmptyForms)."""
from flask_wtf import FlaskForm
from wtforms import IntegerField
from wtforms.validators import NumberRange, Optional

from forum.actions.classifier import RETRAIN_EVERY_DAYS


class ScheduleForm(FlaskForm):
    every_days = IntegerField(
        "Retrain every … days", validators=[Optional(), NumberRange(RETRAIN_EVERY_DAYS.start, RETRAIN_EVERY_DAYS.stop - 1)],
        description="Leave empty to retrain only when asked. The retrain worker (flask moderation worker) runs it.",
    )
