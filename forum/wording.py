"""Small rules of English for counts and sentences, shared by templates, flash messages and the CLI."""

SENTENCE_ENDS = (".", "?", "!", "…")


def plural(count: int, noun: str, plural_noun: str | None = None) -> str:
    """'1 comment', '2 comments', '0 flags': the count with the noun in the form it takes."""
    form = noun if count == 1 else (plural_noun or noun + "s")
    return f"{count:,} {form}"


def full_stop(text: str) -> str:
    """The full stop a sentence ending in `text` still needs: none after a title that ends in ? or !."""
    return "" if str(text).rstrip().endswith(SENTENCE_ENDS) else "."
