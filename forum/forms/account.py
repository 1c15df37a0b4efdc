"""One's own account: API tokens, e-mail settings, deleting the account."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, RadioField, StringField
from wtforms.validators import InputRequired, Length

from forum.actions.account_data import CommentChoice
from forum.actions.tokens import MAX_NAME_CHARS
from forum.forms import choices, strip

COMMENT_CHOICE_LABELS = {
    CommentChoice.KEEP: "Keep them in their discussions, shown as by “[deleted account]”",
    CommentChoice.REMOVE: "Remove them (where others replied, “deleted by its author” keeps their place)",
}


class TokenForm(FlaskForm):
    name = StringField("Token name", filters=strip,
                       validators=[InputRequired("Give the token a name."), Length(max=MAX_NAME_CHARS)],
                       description="What will use it, e.g. “my reading-list script”.")


class NotificationsForm(FlaskForm):
    email_replies = BooleanField("E-mail me when someone replies to one of my comments")
    email_digest = BooleanField("E-mail me a daily digest of the moderation queues")


class DisplayNameForm(FlaskForm):
    # Not stripped here: the action trims, checks and says what is wrong, and the page keeps what was typed.
    display_name = StringField("Display name", description="Up to 50 characters, shown next to your username; "
                                                           "leave it empty to be shown by your username alone.")


class DeleteAccountForm(FlaskForm):
    comments = RadioField("Your comments", choices=choices(COMMENT_CHOICE_LABELS),
                          validators=[InputRequired("Choose what happens to your comments.")])
    password = PasswordField("Your password, to confirm", validators=[InputRequired("Type your password to confirm.")])
