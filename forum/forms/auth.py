"""Signing up, signing in, changing one's password."""
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length

from forum.actions.accounts import EMAIL_MAX_CHARS, USERNAME_MAX_CHARS, USERNAME_MIN_CHARS, USERNAME_RULE
from forum.forms import strip
from forum.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH

PASSWORD_HINT = f"At least {MIN_PASSWORD_LENGTH} characters; a phrase of a few words works well."


class RegisterForm(FlaskForm):
    username = StringField("Username", filters=strip, validators=[
        InputRequired(), Length(USERNAME_MIN_CHARS, USERNAME_MAX_CHARS, message=f"A username is {USERNAME_RULE}"),
    ])
    email = EmailField(
        "E-mail", filters=strip,
        validators=[InputRequired(), Length(max=EMAIL_MAX_CHARS), Email(check_deliverability=False)],
    )
    # Length and commonness are judged by passwords.password_problems, whose messages are clearer.
    password = PasswordField("Password", validators=[InputRequired("Choose a password.")], description=PASSWORD_HINT)
    confirm = PasswordField(
        "Repeat password", validators=[InputRequired(), EqualTo("password", "The two passwords differ.")]
    )


class LoginForm(FlaskForm):
    login = StringField("Username or e-mail", filters=strip, validators=[InputRequired(), Length(max=EMAIL_MAX_CHARS)])
    password = PasswordField("Password", validators=[InputRequired(), Length(max=MAX_PASSWORD_LENGTH)])
    remember = BooleanField("Keep me signed in on this device")


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[InputRequired()])
    new_password = PasswordField("New password", validators=[InputRequired("Choose a new password.")],
                                 description=PASSWORD_HINT)
    confirm = PasswordField(
        "Repeat new password", validators=[InputRequired(), EqualTo("new_password", "The two passwords differ.")]
    )
