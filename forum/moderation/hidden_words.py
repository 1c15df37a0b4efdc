"""Listed words hidden in ways the word matcher (words.py) does not read: starred out, run together, backwards.

- starred: letters replaced by asterisks inside a word ("c**t", "a**hole", "d*ckhead"): a token with
  asterisks stands for the single-word entries of its length whose other letters it shows, if its first
  letter is shown and at least half of its letters are;
- run together: a long token that reads, whole, as three or more words of which one is listed
  ("youareanidiot" is "you are an idiot"); the other words must come from a short list of the words
  insults and pitches are built from (GLUE), so "Scunthorpe", "therapist" or "assassination" never read so;
- backwards: a token of four or more letters that is a listed word reversed ("toidi").
The same reading finds spam written as one run ("visitcheapviagraonline"): three or more words of which
one is a SPAM_TERMS word.

Pure: text in, entries out. Linear in the text: each token is looked up in sets, and a run is split by
dynamic programming over at most LONGEST letters back from each position. Words are read as written,
lower-cased (look-alike letters and leetspeak are words.py's part).
"""
from functools import lru_cache
from typing import Sequence

from forum.moderation.word_context import addresses_a_reader
from forum.moderation.words import copies, find_listed_words


# The words insults and pitches are run together from, besides the listed word itself.
GLUE = frozenset("""
you u ur youre your yer ya are r is a an the such what total totally complete completely absolute absolutely
utter big fat little stupid dumb pathetic useless go get off shut up and of so very real right here now
visit buy cheap cheapest best online order get free now click here shop deal deals discount low price prices
www com net org info biz store
""".split())
SPAM_TERMS = frozenset("""
viagra cialis levitra xanax tramadol oxycodone pharmacy pills casino casinos betting slots poker loans loan
payday bitcoin crypto forex replica replicas essays
""".split())
_SPAM_VOCABULARY = SPAM_TERMS | GLUE
SHORTEST_RUN = 10  # letters; shorter tokens are ordinary words far more often than runs
LONGEST = 20  # the longest word a run is split into
# "god" is "dog" backwards. No listed word of four letters or more reads backwards as a word of the profanity
# model's 15,000-word vocabulary or of the development set, except the few kept here ("tard" is "drat").
SHORTEST_REVERSED = 4
WORDS_BACKWARDS = frozenset({"drat", "reward", "stressed", "diaper", "repaid", "deliver", "straw", "stop", "spot"})


# Swear words that are not listed alone, because they are civil unaimed ("holy sh*t, 38 degrees"): starred, they
# are read as words of listed phrases ("f**k you", "go f**k yourself") or, in a sentence addressed to a reader,
# on their own ("you are a sh*t").
STARRED_PROFANITY = frozenset({"fuck", "fucking", "fucker", "fucked", "shit", "shite", "shitty", "cunt", "dick", "cock",
                               "piss", "bitch", "twat", "prick", "wank", "wanker", "arse", "asshole", "arsehole"})

_EDGES = ".,;:!?\"'()[]{}<>"


@lru_cache(maxsize=8)
def _entry_sets(entries: tuple[str, ...]) -> tuple[frozenset, frozenset, dict]:
    """The single-word entries (letters only), those with GLUE, and by (length, first letter) for starred tokens."""
    words = frozenset(entry for entry in entries if entry.isalpha() and entry.isascii())
    by_shape: dict[tuple[int, str], list[str]] = {}
    phrase_words = {word for entry in entries if " " in entry for word in entry.split() if word.isalpha() and word.isascii()}
    for word in words | STARRED_PROFANITY | phrase_words:
        by_shape.setdefault((len(word), word[0]), []).append(word)
    return words, words | GLUE, by_shape


def _split(run: str, vocabulary: frozenset, listed: frozenset) -> list[str] | None:
    """`run` as a sequence of vocabulary words with at least one listed, preferring fewest words; or None."""
    if not _holds_one(run, listed):
        return None  # no listed word in it at all, as in nearly every long word: no split is worked out
    best: list[tuple[int, int] | None] = [None] * (len(run) + 1)  # per end: (words so far, start of the last)
    best[0] = (0, 0)
    for end in range(1, len(run) + 1):
        for start in range(max(0, end - LONGEST), end):
            if best[start] is not None and run[start:end] in vocabulary:
                if best[end] is None or best[start][0] + 1 < best[end][0]:
                    best[end] = (best[start][0] + 1, start)
    if best[-1] is None:
        return None
    parts, end = [], len(run)
    while end:
        start = best[end][1]
        parts.append(run[start:end])
        end = start
    parts.reverse()
    return parts if len(parts) >= 3 and any(part in listed for part in parts) else None


def _holds_one(run: str, listed: frozenset) -> bool:
    """Whether some listed word occurs in `run`: a lookup of the two letters at each place, then startswith()
    for the few words that begin so (a split of the run costs hundreds of slices)."""
    short, by_start = _by_start(listed)
    if any(word in run for word in short):
        return True
    return any(run.startswith(word, place)
               for place in range(len(run) - 1) for word in by_start.get(run[place:place + 2], ()))


@lru_cache(maxsize=8)
def _by_start(listed: frozenset) -> tuple[tuple[str, ...], dict[str, tuple[str, ...]]]:
    """The listed words of one letter, and the others by their first two letters."""
    by_start: dict[str, list[str]] = {}
    for word in listed:
        if len(word) > 1:
            by_start.setdefault(word[:2], []).append(word)
    return tuple(word for word in listed if len(word) == 1), {start: tuple(words) for start, words in by_start.items()}


def _starred(token: str, by_shape: dict) -> list[str]:
    if "*" not in token or len(token) < 4 or not token[0].isalpha():
        return []
    if sum(char.isalpha() for char in token) * 2 < len(token):
        return []
    return [word for word in by_shape.get((len(token), token[0]), [])
            if all(shown in ("*", letter) for shown, letter in zip(token, word))]


def hidden_words(text: str, entries: Sequence[str]) -> list[str]:
    """Reasons like "idiot (run together: 'youareanidiot')" for each listed entry found hidden, in text order."""
    words, vocabulary, by_shape = _entry_sets(tuple(entries))
    if not words:
        return []
    found: dict[str, str] = {}
    unstarred = []
    for chunk in text.lower().split():
        token = chunk.strip(_EDGES)
        starred = _starred(token, by_shape)
        for word in starred:
            if word in words:
                found.setdefault(word, f"{word} (starred: '{token}')")
        unstarred.append(chunk.replace(token, starred[0]) if len(starred) == 1 else chunk)
        if not token.isalpha():
            continue
        for reading, shown in ((token, token), (token[::-1], f"{token}, backwards")):
            if reading is not token and len(token) >= SHORTEST_REVERSED and reading in words and token not in words \
                    and token not in WORDS_BACKWARDS:
                found.setdefault(reading, f"{reading} (backwards: '{token}')")
            if len(token) >= SHORTEST_RUN and reading not in words:
                parts = _split(reading, vocabulary, words)
                if parts:
                    word = next(part for part in parts if part in words)
                    found.setdefault(word, f"{word} (run together: '{' '.join(parts)}'" + (
                        ", backwards)" if reading is not token else ")"))
    if "*" in text:
        found.update(_starred_in_context(text, " ".join(unstarred), entries, found))
    return list(found.values())


def _starred_in_context(text: str, read: str, entries: Sequence[str], found: dict) -> dict[str, str]:
    """Phrases read through starred words ("f**k you"), and starred swear words in a sentence addressed to a reader."""
    phrases = tuple(entry for entry in entries if " " in entry)
    before = set(find_listed_words(text, phrases))
    more = {entry: f"{entry} (starred)" for entry in find_listed_words(read, phrases)
            if entry not in before and entry not in found}
    if addresses_a_reader(text):
        more.update({word: f"{word} (starred, at a reader)" for word in _starred_words(text) & STARRED_PROFANITY
                     if word not in found})
    return more


def _starred_words(text: str) -> set[str]:
    _words, _vocabulary, by_shape = _entry_sets(())
    return {word for chunk in text.lower().split() for word in _starred(chunk.strip(_EDGES), by_shape)}


def run_together_spam(text: str) -> list[str]:
    """Reasons like "spam words run together: 'visit cheap viagra online'"."""
    for chunk in text.lower().split():
        token = chunk.strip(_EDGES)
        if len(token) >= SHORTEST_RUN and not token.isalpha():  # an address: its letters, run together
            token = "".join(char for char in token if char.isalpha())
        if len(token) >= SHORTEST_RUN and token not in SPAM_TERMS:
            parts = _split(token, _SPAM_VOCABULARY, SPAM_TERMS)
            if parts:
                return [f"spam words run together: '{' '.join(parts)}'"]
    return []


# A single character that may be one of a spaced-out word's: a letter or digit, or punctuation closing it ("l i v e ,").
_CLOSING = ",.;:!?'"


def spaced_letters_joined(text: str) -> str:
    """The text with words written letter by letter read as words: "f u c k  y o u" is "fuck you".

    A run of two or more single letters (or digits) each one space apart is one word; a wider gap
    between such runs is a break between words and is read as one space. Punctuation written as a
    letter of the run ("l i v e ,") closes the word. Everything else is left as written, so a comment
    without such runs comes back unchanged, and "N A T O" or "s h o u t" only become "NATO" and "shout".

    words.py joins single letters too, but across every gap ("fuckyouadmin"), which no listed phrase
    matches; and the phrase families (threats, insults) and the scores read words. decide() gives every
    rule this reading. Linear: one pass over each line's space-separated pieces, one over what they make.
    """
    if " " not in text:
        return text
    return "\n".join(_joined_line(line) for line in text.split("\n"))


def _joined_line(line: str) -> str:
    pieces = line.split(" ")
    if len(pieces) < 3:
        return line
    out: list[tuple[str, bool]] = []  # (piece, a joined run)
    run: list[str] = []  # the single characters of the run being read

    def close_run() -> None:
        if sum(char.isalnum() for char in run) >= 2:  # a phrase spelled out twice is read as two (words.copies)
            word = "".join(run)
            letters = word.rstrip(_CLOSING)
            out.append((" ".join(copies(letters)) + word[len(letters):], True))
        else:
            out.extend((char, False) for char in run)
        run.clear()

    for piece in pieces:
        if len(piece) == 1 and (piece.isalnum() or (piece in _CLOSING and run)):
            run.append(piece)
            continue
        if run and len(piece) == 2 and piece[0].isalnum() and piece[1] in _CLOSING:  # the last letter, "k."
            run.append(piece)
            close_run()
            continue
        if run:
            close_run()
        out.append((piece, False))
    if run:
        close_run()
    if not any(joined for _piece, joined in out):
        return line
    # An empty piece is one extra space of a wider gap: next to a joined run it is a word break, read as one space.
    beside_a_run = [False] * len(out)
    for order in (range(len(out)), range(len(out) - 1, -1, -1)):
        joined_before = False
        for index in order:
            piece, joined = out[index]
            if piece:
                joined_before = joined
            elif joined_before:
                beside_a_run[index] = True
    return " ".join(piece for (piece, _joined), dropped in zip(out, beside_a_run) if not dropped)
