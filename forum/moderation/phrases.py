"""Rule families made of phrase patterns, and the reasons they give moderators. Pure: text in, reasons out.

A family is a label ("veiled threat") and its alternatives (RE2 patterns or Near windows from
forum.patterns), matched on the text's ASCII view in time linear in the text. A family that
matches gives one reason, the label and the words that matched: "veiled threat: 'watch your back'".
"""
from forum.patterns import Near, ascii_view, compile, first_span

Family = tuple[str, list]  # (label, alternatives)
EXCERPT_CHARS = 60  # enough for a moderator to see the phrase, short enough to read at a glance


# The view turns a typographic apostrophe (I’ll) into NUL; a phrase's apostrophe matches either.
_APOSTROPHE = r"['\x00]"


def phrase(pattern: str):
    """An RE2 pattern, case-insensitive, in which each apostrophe also matches a typographic one."""
    return compile("(?i)" + pattern.replace("'", _APOSTROPHE))


def near(first: str, second: str, within: int, stops: str = ".!?\n") -> Near:
    """Near, case-insensitive and apostrophe-tolerant like phrase(), by default within one sentence."""
    return Near("(?i)" + first.replace("'", _APOSTROPHE), "(?i)" + second.replace("'", _APOSTROPHE), within, stops)


def family_reasons(families: list[Family], text: str) -> list[str]:
    """One reason per family the text matches, with the first match's words."""
    view = ascii_view(text)
    found = []
    for label, alternatives in families:
        span = first_span(alternatives, view)
        if span is not None:
            found.append(f"{label}: '{text[span[0]:span[1]].strip()[:EXCERPT_CHARS]}'")
    return found


