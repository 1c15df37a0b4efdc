"""The text the learned classifier reads: the comment less what says nothing about how its writer treats anyone.

The classifier learns words, not who they are aimed at, so two things in a civil comment read as abuse to it:

- an @name: replies are addressed, and the development set's abuse is addressed more often than its civil
  comments, so a handle at the start of a civil reply ("@dave1971 Your point would be stronger if…") pushed it
  towards abusive. A handle names whom a comment answers, not what it says of them; the words after it still
  say "you idiot" or "you are right". Handles are dropped.
- abuse quoted in order to report or condemn it ("Got a DM saying 'watch your back'. Reported it."): the rules
  already read such quotes as a mention (phrases.without_reported_quotes); the classifier read the threat
  itself. The quoted passages are blanked when the rest of the comment reports them, as the rules do.

Training (training.py) fits and chooses thresholds on this same view, so the probabilities are those of the
text the pipeline gives the classifier. Linear: one RE2 pass for the handles, one for the quotes.
"""
from forum.moderation.phrases import without_reported_quotes
from forum.patterns import ascii_view, compile

# "@name" at the start of the text or after a space or bracket; an e-mail address (a@b.com) is left alone.
_HANDLE = compile(r"(?:^|[\s(\[])(@[A-Za-z0-9_][A-Za-z0-9_.-]{0,49})")


def model_text(text: str) -> str:
    """`text` without its @names and without quotes it reports (same words otherwise)."""
    said = without_reported_quotes(text)
    if "@" not in said:
        return said
    parts, kept_until = [], 0
    for match in _HANDLE.finditer(ascii_view(said)):  # the view has one byte per character: same positions
        start, end = match.span(1)
        parts.append(said[kept_until:start])
        kept_until = end
    return "".join(parts) + said[kept_until:]
