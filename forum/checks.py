"""Configuration problems an operator should hear about before going live. Pure: config in, findings out."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    severity: str  # "error": unsafe or broken; "warning": works, but not as it should at scale
    message: str


def check_config(config: dict, env: dict, forwarded_for_seen_at: str | None = None) -> list[Finding]:
    """What is wrong with this configuration for a production site.

    `forwarded_for_seen_at` is when a request last came in with an X-Forwarded-For header while no
    proxy was configured (forum/security.py notes it), if one did.
    """
    findings = []
    database = config.get("SQLALCHEMY_DATABASE_URI", "")
    on_sqlite = database.startswith("sqlite")
    if config.get("DEBUG") or env.get("FLASK_DEBUG") == "1":
        findings.append(Finding("error", "Debug mode is on: tracebacks and the debugger would be shown to anyone."))
    if not env.get("SECRET_KEY"):
        findings.append(Finding(
            "warning" if on_sqlite else "error",
            "SECRET_KEY is not set: a key kept in instance/ works for one host only; several hosts "
            "must share one key or they will not accept each other's sessions.",
        ))
    elif len(env["SECRET_KEY"]) < 32:
        findings.append(Finding("error", "SECRET_KEY is shorter than 32 characters: sessions could be forged."))
    if on_sqlite and config.get("REDIS_URL"):
        findings.append(Finding(
            "error", "SQLite with REDIS_URL set looks like several hosts: SQLite lives on one machine's "
            "disk; use PostgreSQL (DATABASE_URL=postgresql://…) when more than one host serves the site.",
        ))
    if on_sqlite and int(env.get("WEB_CONCURRENCY", "1") or 1) > 8:
        findings.append(Finding("warning", "Many workers on SQLite: writes queue behind one lock; consider PostgreSQL."))
    if not on_sqlite and not config.get("REDIS_URL"):
        findings.append(Finding(
            "warning", "No REDIS_URL: each worker keeps its own rate-limit counters and cache, so limits "
            "are per worker, not per site.",
        ))
    if not config.get("SESSION_COOKIE_SECURE"):
        findings.append(Finding(
            "warning", "Cookies are not marked Secure: set PARLEY_SECURE_COOKIES=1 when the site is served over HTTPS.",
        ))
    production_like = config.get("SESSION_COOKIE_SECURE") or (config.get("SITE_URL") or "").startswith("https:")
    if production_like and not config.get("PROXY_HOPS"):
        findings.append(Finding(
            "warning", "PARLEY_PROXY_HOPS is 0, so no proxy is in front: gunicorn's sync workers then read each "
            "request from the client themselves, and a few clients sending headers or a body slowly hold every "
            "worker (the site stops answering). Serve through a proxy that waits for whole requests (HAProxy "
            "with deploy/haproxy.cfg, or nginx; README \"Serving in production\") and set PARLEY_PROXY_HOPS=1.",
        ))
    if forwarded_for_seen_at and not config.get("PROXY_HOPS"):
        findings.append(Finding(
            "warning", f"Requests arrived with an X-Forwarded-For header (last at {forwarded_for_seen_at}) but "
            "PARLEY_PROXY_HOPS is not set: behind nginx or a load balancer every client then shares the "
            "proxy's address, and one rate-limit bucket. Set PARLEY_PROXY_HOPS to the number of proxies in "
            "front of Parley (usually 1). If no proxy is in front, some client sent the header itself; ignore this.",
        ))
    return findings
