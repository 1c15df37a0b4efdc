"""Absolute addresses of the site's pages, for feeds, the API and e-mail (views/helpers.absolute_url in a request).

With PARLEY_URL set, an absolute address is built from it and never from the request's Host header:
anyone can send any Host, and an address built from it would end up in a cached feed or page that
every later reader gets, pointing at the sender's server. Without PARLEY_URL (the demo, a site on one
known address) the request's host is all there is.
"""
from urllib.parse import urlsplit


def site_url(app) -> str | None:
    """The public address of the site, ending in '/', from PARLEY_URL or SERVER_NAME; None if neither is set."""
    if app.config.get("SITE_URL"):
        return app.config["SITE_URL"].rstrip("/") + "/"
    if app.config.get("SERVER_NAME"):
        return f"{app.config.get('PREFERRED_URL_SCHEME') or 'http'}://{app.config['SERVER_NAME']}/"
    return None


def link_builder(app, base: str):
    """url_for for outside a request: absolute URLs under `base` from the app's URL map."""
    parts = urlsplit(base)
    adapter = app.url_map.bind(parts.netloc, script_name=parts.path or "/", url_scheme=parts.scheme or "http")
    return lambda endpoint, **values: adapter.build(endpoint, values, force_external=True)
