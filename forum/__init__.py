"""Parley: articles and the moderated discussion under them."""
import os
from pathlib import Path

from flask import Flask

from forum.config import Config, instance_secret_key


def create_app(config: type | dict | None = None) -> Flask:
    """Build the application: config, extensions, blueprints, error pages, commands."""
    app = Flask(__name__, template_folder="../templates", static_folder="../static")
    from forum.form_parsing import ParleyRequest

    app.request_class = ParleyRequest  # urlencoded forms capped by field count, as multipart ones are
    app.config.from_object(Config)
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key()

    from forum import fast_path

    fast_path.init_app(app)  # before ProxyFix, which must see the request first
    if app.config.get("PROXY_HOPS"):
        from werkzeug.middleware.proxy_fix import ProxyFix

        # The client's address and scheme as the proxies in front saw them (config.PROXY_HOPS).
        hops = app.config["PROXY_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    from forum import extensions

    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = extensions.engine_options(app.config)
    extensions.db.init_app(app)
    extensions.close_sessions_quietly(app)
    # A process gunicorn started serves requests only: it never runs a command, and Flask-Migrate (with
    # Alembic and Mako) would cost each of its workers 11 MB, the commands and what only they use 4 MB.
    runs_commands = not os.environ.get("SERVER_SOFTWARE", "").startswith("gunicorn/")
    if runs_commands:  # `flask db …` and the tests
        from flask_migrate import Migrate

        Migrate(app, extensions.db, directory=str(Path(app.root_path).parent / "migrations"),
                render_as_batch=True, compare_type=True)
    extensions.csrf.init_app(app)
    extensions.cache.init_app(app)
    extensions.login_manager.init_app(app)

    from forum.security import init_security

    init_security(app)

    from forum.views.helpers import IdConverter

    app.url_map.converters["int"] = IdConverter
    from forum.views import account, admin, api, auth, comments, embed, moderation, notifications, public, tokens

    for blueprint in (public.bp, auth.bp, comments.bp, moderation.bp, admin.bp, notifications.bp, embed.bp, api.bp,
                      tokens.bp, account.bp):
        app.register_blueprint(blueprint)

    # App-wide hooks, here rather than in the blueprints whose pages need them. After-request hooks run
    # last-registered first: the frame's runs before forum/security.py writes frame-ancestors.
    from forum.views import frames

    app.after_request(notifications.send_committed_notices)
    app.after_request(frames.frame_errors_for_publishers)
    app.add_template_global(frames.thread_url)

    from forum import errors, templating
    from forum.views import refusals

    errors.register(app)
    refusals.register(app)
    templating.register(app)
    if runs_commands:
        from forum import cli

        cli.register(app)
    return app
