"""The parts of a comment the learned classifier scores on their own, besides the whole.

The classifier reads a comment as one TF-IDF row, so ordinary text around an insult dilutes it: a
long civil paragraph followed by "you are a worthless piece of garbage" scored as civil (attack
report 5, finding 1), and so, less blatantly, does a real point followed by an insult. Scored part by
part, the insult is read on its own. Training (training.py) and the classifier (classifier.py) cut
comments here, so that thresholds are chosen on probabilities computed the way a comment is judged.

The parts are windows of neighbouring sentences, as many as fit in PAIR_CHARS, each sentence in one;
a sentence longer than PART_CHARS is read in windows of that many characters that overlap by half, so
that no stretch of half a window is ever read with more than a window of text around it. A comment
of more than MAX_PARTS parts has its neighbouring sentences and windows joined into MAX_PARTS groups.
Every cut is a single pass over the text with str methods (no regex), and the parts add up to at most
about twice the text, so scoring them costs time linear in its length.
"""
from itertools import accumulate, compress, count, repeat
from operator import add

SENTENCE_ENDS = ".!?…"
# Long enough for a sentence of ordinary prose to be read whole, short enough that an insult of a
# dozen words weighs at least a third of any window it falls in.
PART_CHARS = 240
# Enough for a 2,000-character comment to be read sentence by sentence; a longer one is read in bigger
# pieces, so that each part's fixed cost (its softmax, its dictionaries) stays bounded per comment.
MAX_PARTS = 40
# Neighbouring sentences are read together up to this length, so that a short civil one ("Wrong again.")
# is read with some context, as whole comments are, and each sentence is read once; a longer window
# would let a sentence of civil prose before an insult dilute it again. On the development set, out of
# fold by writer (thresholds chosen on the same scores; abusive / spam / civil held by the pipeline,
# and the share of abuse only the model holds still held with a civil sentence of 150+ characters
# before it): read whole only, 93.2 / 99.4 / 1.8 %, 54 %; each sentence alone, 88.1 / 97.9 / 1.7 %
# (the thresholds rose from 0.76 to 0.94), 82 %; windows of up to 200 characters, 92.0 / 99.4 / 1.9 %, 88 %.
PAIR_CHARS = 200


def _split_sentences(text: str) -> list[str]:
    """Cut at the spaces after a sentence's end, and at line breaks (one pass over the places it may cut)."""
    pieces, start, position, length = [], 0, 0, len(text)
    for cut in _cuts(text):
        if cut < position:
            continue  # in the white space after the last cut
        if cut and text[cut - 1] in SENTENCE_ENDS and text[cut].isspace():
            position = cut
            while position < length and text[position].isspace():
                position += 1
        else:  # a line break
            position = cut
            while position < length and text[position] == "\n":
                position += 1
        pieces.append(text[start:cut])
        start = position
    pieces.append(text[start:])
    return pieces


def _cuts(text: str) -> list[int]:
    """Where a piece may end, in order: each white space after a sentence's end, and each line break. A comment
    has far fewer of them than characters, and they are found in C: str.split() by each mark, the marks'
    positions added up from the lengths between them."""
    found: list[int] = []
    followed = text + "x"  # a character after the last, so that a mark that ends the text has one too
    for mark in SENTENCE_ENDS + "\n":
        between = text.split(mark)
        # Each mark's position: the lengths of the text before it, plus one for each mark before it.
        at = list(map(add, accumulate(map(len, between[:-1])), count()))
        if mark == "\n":
            found += at
        else:
            after = list(map(add, at, repeat(1)))
            found += compress(after, map(str.isspace, map(followed.__getitem__, after)))
    found.sort()  # five ascending runs, one per mark: Timsort merges them in linear time
    return found


def sentences(text: str) -> list[str]:
    """The sentences of a comment of more than one sentence (none for a single sentence)."""
    pieces = [piece.strip() for piece in _split_sentences(text) if piece.strip()]
    return pieces if len(pieces) > 1 else []


def _windows(sentence: str) -> list[str]:
    """A long sentence as windows of about PART_CHARS characters, each starting half a window after the last.

    Windows start and end at white space where there is some within the window, so that words are
    read whole."""
    windows, start, step = [], 0, PART_CHARS // 2
    while True:
        end = start + PART_CHARS
        if end >= len(sentence):
            windows.append(sentence[start:])
            return windows
        cut = sentence.rfind(" ", start + step, end)
        windows.append(sentence[start:cut if cut > 0 else end])
        following = sentence.find(" ", start + step, start + PART_CHARS)
        start = following + 1 if following > 0 else start + step


def _packed(pieces: list[str]) -> list[str]:
    """Neighbouring pieces joined while they fit in PAIR_CHARS together; each piece is in one window."""
    windows: list[str] = []
    for piece in pieces:
        if windows and len(windows[-1]) + 1 + len(piece) <= PAIR_CHARS:
            windows[-1] = f"{windows[-1]} {piece}"
        else:
            windows.append(piece)
    return windows


def parts(text: str) -> list[str]:
    """The pieces of `text` scored besides the whole: none for a short single sentence."""
    pieces = sentences(text) or [text.strip()]
    cut: list[str] = []
    for piece in pieces:
        cut += _windows(piece) if len(piece) > PART_CHARS else [piece]
    windows = _packed(cut)
    if len(windows) > MAX_PARTS:
        size = -(-len(cut) // MAX_PARTS)
        return [" ".join(cut[start:start + size]) for start in range(0, len(cut), size)]
    return windows if len(windows) > 1 else []
