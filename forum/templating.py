"""What every template may use: the permission check, dates, the site's name."""
from datetime import datetime, timezone

from flask import current_app
from flask_login import current_user

from forum.permissions import NEEDS_POLICY, Action, can


def _user_can(action: Action, target=None) -> bool:
    from forum.views.helpers import current_policy

    return can(current_user, action, target, policy=current_policy() if action in NEEDS_POLICY else None)


def format_date(value: datetime | None) -> str:
    return value.astimezone(timezone.utc).strftime("%-d %B %Y") if value else ""


def format_datetime(value: datetime | None) -> str:
    return value.astimezone(timezone.utc).strftime("%-d %B %Y, %H:%M UTC") if value else ""


def register(app) -> None:
    app.jinja_env.filters["date"] = format_date
    app.jinja_env.filters["datetime"] = format_datetime

    @app.context_processor
    def template_globals():
        return {"can": _user_can, "Action": Action, "site_name": current_app.config["SITE_NAME"]}
