"""The text the learned classifier reads: the comment less what says nothing about how its writer treats anyone.

The classifier learns words, not who they are aimed at, so two things in a civil comment read as abuse to it:

- an @name: replies are addressed, and the development set's abuse is addressed more often than its civil
  comments, so a handle at the start of a civil reply ("@dave1971 Your point would be stronger if…") pushed it
  towards abusive. A handle names whom a comment answers, not what it says of them; the words after it still
  say "you idiot" or "you are right". Handles are dropped.
- abuse quoted in order to report or condemn it ("Got a DM saying 'watch your back'. Reported it."): the rules
  already read such quotes as a mention (phrases.without_reported_quotes); the classifier read the threat
  itself. The quoted passages are blanked when the rest of the comment reports them, as the rules do, and so are
  the everyday idioms that share a threat's words (idioms.py: "I know where you're coming from").

Training (training.py) fits and chooses thresholds on this same view, so the probabilities are those of the
text the pipeline gives the classifier. Linear: one pass over the @ signs for the handles (each name read
once), one over the quotation marks for the quotes.
"""
from forum.moderation.idioms import as_said

HANDLE_CHARS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
HANDLE_LENGTH = 50  # no @name runs longer; the rest of a longer run is read as text
_BEFORE_A_HANDLE = frozenset(" \t\n\r([")  # an @ after a letter is an e-mail address (a@b.com), left alone


def model_text(text: str) -> str:
    """`text` without its @names and without quotes it reports (same words otherwise)."""
    said = as_said(text)
    at = said.find("@")
    if at < 0:
        return said
    parts, kept_until, length = [], 0, len(said)
    while at >= 0:
        end = at + 1
        if (at == 0 or said[at - 1] in _BEFORE_A_HANDLE) and end < length and said[end] in HANDLE_CHARS \
                and said[end] not in ".-":
            limit = min(length, end + HANDLE_LENGTH)
            while end < limit and said[end] in HANDLE_CHARS:
                end += 1
            while end > at + 2 and said[end - 1] in ".-":  # "@sam." ends a sentence: the stop stays
                end -= 1
            parts.append(said[kept_until:at])
            kept_until = end
        at = said.find("@", end)
    return "".join(parts) + said[kept_until:]
