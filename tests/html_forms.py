"""Submit a page's form as a browser does: every successful control, in document order.

A test that builds its own dict of fields sends each name once; a browser sends every field the
form holds, duplicates included, and the server reads the first. The reply form once sent an empty
`parent_id` before the real one, and the dict-built test read the last (issue 14, bug 1). Tests
that want to know what a reader's browser sends use submit_form, which parses the page with html5lib
(the HTML5 parsing algorithm browsers use) and follows the HTML standard's "constructing the entry
list" for the controls our pages use.
"""
from urllib.parse import urljoin, urlsplit

import html5lib
from werkzeug.datastructures import MultiDict

_CHECKABLE = {"checkbox", "radio"}
_NEVER_SENT = {"submit", "button", "reset", "image", "file"}


def find_form(html: str, selector_id: str | None = None, css_class: str | None = None):
    """The first <form> on the page with this id or class (the first form at all when neither is given)."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    for form in document.iter("form"):
        if selector_id is not None and form.get("id") != selector_id:
            continue
        if css_class is not None and css_class not in (form.get("class") or "").split():
            continue
        return form
    raise AssertionError(f"no form with id={selector_id!r} class={css_class!r} on the page")


def _text(element) -> str:
    return "".join(element.itertext())


def entry_list(form, fill: dict[str, str] | None = None, button: str | None = None) -> MultiDict:
    """The (name, value) pairs a browser would send for `form`, in document order.

    `fill` types into fields by name (the first field of that name, as a person would see it);
    `button` is the name of the submit button pressed (its value is sent in its place in the order).
    """
    fill = dict(fill or {})
    entries: list[tuple[str, str]] = []
    for element in form.iter():
        name = element.get("name")
        if not name or element.get("disabled") is not None or element.tag not in ("input", "textarea", "select", "button"):
            continue
        kind = (element.get("type") or ("submit" if element.tag == "button" else "text")).lower()
        if element.tag in ("input", "button") and kind in ("submit", "image") and name == button:
            entries.append((name, element.get("value") or ""))
            continue
        if element.tag == "button" or kind in _NEVER_SENT:
            continue
        if element.tag == "input" and kind in _CHECKABLE:
            checked = element.get("checked") is not None
            if name in fill:
                checked = fill[name] == element.get("value", "on")
            if checked:
                entries.append((name, element.get("value", "on")))
            continue
        if name in fill:
            entries.append((name, fill.pop(name)))
        elif element.tag == "textarea":
            # The parser already dropped the newline that may follow <textarea>.
            entries.append((name, _text(element)))
        elif element.tag == "select":
            options = list(element.iter("option"))
            chosen = [o for o in options if o.get("selected") is not None] or options[:1]
            entries.extend((name, o.get("value", _text(o))) for o in chosen)
        else:
            entries.append((name, element.get("value", "")))
    unknown = set(fill) - {name for name, _ in entries}
    assert not unknown, f"the form has no field named {sorted(unknown)}"
    return MultiDict(entries)


def unmet_required(form, fill: dict[str, str] | None = None) -> list[str]:
    """The names of `required` controls that `fill` leaves empty: a browser refuses to send the form
    (and says which field is missing) until they are filled, whatever the server would accept."""
    sent = entry_list(form, dict(fill or {}))
    return [element.get("name") for element in form.iter()
            if element.tag in ("input", "textarea", "select") and element.get("required") is not None
            and element.get("disabled") is None and not sent.get(element.get("name"))]


def submit_form(client, page_url: str, html: str, *, form_id: str | None = None, form_class: str | None = None,
                fill: dict[str, str] | None = None, button: str | None = None, **kwargs):
    """Post the form found in `html` (served at `page_url`) the way a browser would; the response."""
    form = find_form(html, form_id, form_class)
    action = urljoin(page_url, form.get("action") or page_url)
    parts = urlsplit(action)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    method = (form.get("method") or "get").lower()
    data = entry_list(form, fill, button)
    if method == "post":
        return client.open(path, method="POST", data=data, **kwargs)
    return client.open(path, method="GET", query_string=data, **kwargs)
