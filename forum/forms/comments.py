"""Readers' comments: writing and editing one, reacting, flagging, appealing."""
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from forum.actions.appeals import APPEAL_MAX_CHARS
from forum.actions.moderation import FLAG_NOTE_MAX_CHARS
from forum.forms import choices, strip
from forum.models import FlagReason

FLAG_REASON_LABELS = {
    FlagReason.SPAM: "Spam", FlagReason.ABUSE: "Abuse or harassment", FlagReason.OFF_TOPIC: "Off-topic",
    FlagReason.OTHER: "Something else",
}


class EditCommentForm(FlaskForm):
    """The text and stance of a comment. The length rule lives in actions/comments.py, not here:
    a too-long text must come back whole with its message, not be cut short by the browser."""

    body = TextAreaField(
        "Your comment", validators=[InputRequired("Write something first: the comment is empty.")],
        # Shown under the box, not as a placeholder, so that it stays while the reader types.
        description="Markdown works: *emphasis*, **bold**, [a link](https://…), > a quote, lists and `code`.",
    )
    # A choice the reader makes, shown as buttons: "No stance" is one of them and the default.
    stance = RadioField("Your answer to the question", choices=[SelectChoice("", "No stance")], default="", validate_choice=False)

    def set_stances(self, article) -> None:
        self.stance.choices = [SelectChoice("", "No stance")] + [SelectChoice(s.key, s.label) for s in article.stances]


class CommentForm(EditCommentForm):
    """A new comment, or a reply when parent_id is set."""

    parent_id = HiddenField()


class ReactionForm(FlaskForm):
    kind = HiddenField(validators=[InputRequired()])


class FlagForm(FlaskForm):
    reason = RadioField("What is wrong with it?", choices=choices(FLAG_REASON_LABELS),
                        validators=[InputRequired("Choose what is wrong with the comment.")])
    note = StringField("In a few words (needed for “something else”)", filters=strip,
                       validators=[Length(max=FLAG_NOTE_MAX_CHARS)])


class AppealForm(FlaskForm):
    body = TextAreaField("Why should it be published?", filters=strip,
                         validators=[InputRequired(), Length(max=APPEAL_MAX_CHARS)])
