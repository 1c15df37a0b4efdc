"""Threads embedded on other sites: one canonical URL per story, and the origins allowed to embed.

Pure functions: the embed view and the admin policy form both call them, and the tests call
them without a request.
"""
import ipaddress
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

MAX_URL_CHARS = 1000  # the column's width; a longer story URL is refused, not cut
SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}
# Query parameters that say how a reader arrived, not which page they read: two links that differ
# only in these are the same story (and one thread). Prefixes cover families like utm_source.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id",
})
TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
# What may follow "//" in a path or query unescaped (RFC 3986 pchar plus "/" and "?"), so that
# "/caf%C3%A9" and "/café" are the same story.
_SAFE_PATH = "/:@!$&'()*+,;=-._~%"
_SAFE_QUERY = _SAFE_PATH + "?"


class BadURL(ValueError):
    """The text is not a web address a thread can belong to; the message says why."""


def _host_and_port(parts, scheme: str, what: str) -> str:
    """'host[:port]', lowercase, IDNA-encoded, without the scheme's default port."""
    try:
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # a port that is not a number, or out of range
        raise BadURL(f"The {what} has an invalid port.") from exc
    if not host:
        raise BadURL(f"The {what} has no host name.")
    if parts.username is not None or parts.password is not None:
        raise BadURL(f"The {what} must not contain a user name or password.")
    if ":" in host:
        try:
            host = f"[{ipaddress.IPv6Address(host)}]"
        except ValueError as exc:
            raise BadURL(f"The {what} has an invalid host name.") from exc
    else:
        try:
            host = host.encode("idna").decode("ascii").lower()
        except UnicodeError as exc:
            raise BadURL(f"The {what} has an invalid host name.") from exc
        if not all(ch.isalnum() or ch in "-." for ch in host):
            raise BadURL(f"The {what} has an invalid host name.")
    if port is not None and port != DEFAULT_PORTS[scheme]:
        return f"{host}:{port}"
    return host


def _split(raw: str, what: str):
    text = (raw or "").strip()
    if not text:
        raise BadURL(f"The {what} is missing.")
    if any(ord(ch) < 32 or ch == "\\" for ch in text):
        raise BadURL(f"The {what} contains characters a web address cannot hold.")
    try:
        parts = urlsplit(text)
    except ValueError:  # "http://[::1": an opening bracket with no valid IPv6 address after it
        raise BadURL(f"The {what} has an invalid host name.") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES or not text.lower().startswith(scheme + "://"):
        raise BadURL(f"The {what} must start with http:// or https://.")
    return parts, scheme


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalise_url(raw: str) -> str:
    """The canonical form of a story's address: scheme and host lowercase, no default port,
    no fragment, no tracking parameters; the path and the other parameters as given."""
    parts, scheme = _split(raw, "story address")
    netloc = _host_and_port(parts, scheme, "story address")
    path = quote(parts.path or "/", safe=_SAFE_PATH)
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _is_tracking(name)]
    query = urlencode(kept, quote_via=quote, safe=_SAFE_QUERY)
    url = urlunsplit((scheme, netloc, path, query, ""))
    if len(url) > MAX_URL_CHARS:
        raise BadURL(f"The story address is longer than {MAX_URL_CHARS} characters.")
    return url


def origin_of(url: str) -> str:
    """'scheme://host[:port]' of a normalised URL: what browsers compare, and what CSP lists."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def normalise_origin(raw: str) -> str:
    """One origin as an admin may type it ('https://News.example.org/' -> 'https://news.example.org')."""
    parts, scheme = _split(raw, f"origin “{raw.strip()}”")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise BadURL(f"“{raw.strip()}” is not an origin: give the scheme and host only, "
                     "like https://news.example.org.")
    return f"{scheme}://{_host_and_port(parts, scheme, f'origin “{raw.strip()}”')}"


def parse_origins(text: str, strict: bool = True) -> list[str]:
    """The origins in an admin's list (one per line), normalised and without repeats. A bad line is a
    BadURL naming it (strict, when the admin saves), or is left out (reading the stored list)."""
    origins: list[str] = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        try:
            origin = normalise_origin(line)
        except BadURL:
            if strict:
                raise
            continue
        if origin not in origins:
            origins.append(origin)
    return origins


def allowed_origins(text: str) -> list[str]:
    """The stored list as origins; a line that no longer parses is left out, not fatal."""
    return parse_origins(text, strict=False)


def title_from_url(url: str, max_chars: int) -> str:
    """A readable title for a story whose page gave none: 'news.example.org/2026/bike-lanes'."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path.rstrip("/"))[:max_chars]
