"""Banned and suspect word lists, matched as whole words through common disguises.

How a match is found. The comment is first *folded*: Unicode NFKC (full-width and
mathematical letters become plain ones), casefold, accents and invisible format characters
(zero-width spaces, soft hyphens, direction marks) dropped, and Cyrillic, Greek and small-capital
look-alikes mapped to the Latin letter they imitate ("іdiot" with a Cyrillic і is "idiot").
The folded text is cut into tokens: runs of letters and digits, plus the leetspeak symbols
@ and $ next to them and ! and | between them. In a token that holds a letter, leetspeak digits
and symbols become letters ("1d10t", "$tup!d"); a token without letters ("$40", "2025") is left as
it is, so prices and years never turn into words. "1" stays ambiguous and matches both "i" and "l".

Two views of the comment are searched, and an entry found in either counts:

- words: every separator splits, and a run of single-letter tokens is joined again, so spaced or
  dotted letters ("i d i o t", "m-o-r-o-n", "i_d_i_o_t") read as one word;
- joined: separators inside one whitespace-free chunk are dropped ("id.i.ot", "mo-ron").

Each listed entry becomes a pattern over these views that must start and end at a token boundary,
so a listed word inside a longer word never matches ("Scunthorpe", "assassination", "class").
Repeated letters are tolerated without squeezing the text (squeezing would make "assassin" read
"asasin" and "as" match "ass"): a consonant written once in the entry matches any number of copies
("morrron"), a doubled letter matches two or more ("faggot", never "fagot"), and a vowel written
once matches one copy or three and more ("stuuupid", "idiooot") but not exactly two, because a
doubled vowel often makes another real word ("bot" / "boot", "loser" / "looser"). A plural "s" or
"es" may follow the last word, and the words of a phrase may be written together ("kill yourself",
"killyourself").

Cost: linear in the comment, by construction (issue 11 measured 11 s for the Python regexes
this replaced on 1,602 characters of "1" around a "k"). Folding is str.translate and unicodedata,
with combining marks dropped before NFKC, whose reordering of a run of marks is quadratic in the
run. Tokens are found with str.translate and str.split. The views are matched by RE2
(forum.patterns), which does not backtrack: a list is compiled once (cached by its
tuple of entries) into one pattern for "any entry", searched first, and one pattern per entry,
searched only when the first one matched, so overlapping entries ("fuck you", "you bot") are all
reported.

Known limits: a vowel doubled exactly twice ("stuupid") and a dropped or swapped letter ("idot")
are missed, as are letters split into several multi-letter pieces ("st upid"), a symbol opening a
word ("!diot"), look-alikes other than the Cyrillic, Greek and small-capital ones below, and
insults, threats or dehumanising talk that use no listed word at all. A listed word used
innocently as a whole word is still found ("a chink in the armour", "an idiot-proof design", "the
stupid chip ban"); that is why everything short of slurs and incitement is suspect (held for a
person to read) rather than banned.
"""
import unicodedata
from functools import lru_cache
from itertools import groupby
from typing import Sequence

from forum.patterns import CharacterTable, compile, escape

# Look-alike letters from other scripts, by the Latin letter a reader takes them for.
_HOMOGLYPHS = str.maketrans({
    # Cyrillic (lower case; casefold has already lowered capitals such as Н, В, М, Т)
    "а": "a", "в": "b", "г": "r", "д": "d", "е": "e", "ё": "e", "и": "u", "к": "k",
    "м": "m", "н": "h", "о": "o", "п": "n", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x",
    "ь": "b", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d", "һ": "h", "ԛ": "q", "ԝ": "w",
    "ӏ": "l", "ɡ": "g",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "ζ": "z", "η": "n", "ι": "i", "κ": "k", "μ": "u",
    "ν": "v", "ο": "o", "ρ": "p", "σ": "o", "ς": "s", "τ": "t", "υ": "u", "χ": "x", "ω": "w",
    # Latin small capitals and other look-alikes that NFKC leaves alone
    "ᴀ": "a", "ʙ": "b", "ᴄ": "c", "ᴅ": "d", "ᴇ": "e", "ɢ": "g", "ʜ": "h", "ɪ": "i", "ᴊ": "j",
    "ᴋ": "k", "ʟ": "l", "ᴍ": "m", "ɴ": "n", "ᴏ": "o", "ᴘ": "p", "ʀ": "r", "ꜱ": "s", "ᴛ": "t",
    "ᴜ": "u", "ᴠ": "v", "ᴡ": "w", "ʏ": "y", "ᴢ": "z", "ı": "i", "ɑ": "a", "ɩ": "i", "ø": "o",
    "ł": "l", "đ": "d", "ð": "d", "ħ": "h", "ŧ": "t",
})

# Greek and Cyrillic capitals that look like another Latin capital than their small letter does ("Υ" reads Y, "υ"
# u; "Η" reads H, "η" n): mapped before casefold lowers them ("ΚΥS" was read "kus": outside test 8).
_CAPITAL_HOMOGLYPHS = str.maketrans({
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X", "Н": "H", "В": "B", "М": "M", "Т": "T", "К": "K", "С": "C", "Р": "P", "Х": "X",
})

# Leetspeak, read only inside a token that also holds a letter. "1" is left for the matcher,
# which reads it as "i" or "l"; normalise() writes it as "i".
_LEET = str.maketrans({
    "0": "o", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l",
})

# A token: letters and digits, with @ and $ attached to them ("a$$", "@sshole", "$hit") and
# ! or | only between them ("id!ot"), so that the "!" ending a sentence stays punctuation.
_LEADING_SYMBOLS = "@$"
_INNER_SYMBOLS = "!|"
# Everything else separates tokens: it becomes a space before the text is split.
_TOKEN_RUNS = CharacterTable(
    lambda char: char if char.isalnum() else " ",
    {chr(code): " " for code in range(128) if not chr(code).isalnum() and chr(code) not in "@$!|"},
)
# Matches may not continue into a letter or digit: an entry ends where a token does. In the views a
# token is followed by a space or the end, and only a token without letters still holds @ $ ! |.
# (Spelled out so, the class is ASCII: "not a letter or digit" compiles to a large UTF-8 automaton.)
_WORD_END = r"(?:[ @$!|]|$)"

# How many copies of a letter in the text stand for one copy in a listed word. A consonant: any
# number ("morrrron"). A vowel: one, or three and more; two is refused because a doubled vowel
# often makes another real word ("bot" / "boot", "loser" / "looser", "god" / "good").
_VOWELS = frozenset("aeiouy")
_LETTER_CLASS = {"i": "[i1]", "l": "[l1]", "1": "[1il]"}


def _fold_char(char: str) -> str:
    """One character without its accents, invisible if a format character, look-alike mapped."""
    parts = unicodedata.normalize("NFD", char)
    return "".join(c for c in parts if unicodedata.category(c) not in ("Mn", "Cf")).translate(_HOMOGLYPHS)


def _is_mark(char: str) -> bool:
    return bool(unicodedata.combining(char)) or unicodedata.category(char) == "Mn"


_MARKS_DROPPED = CharacterTable(lambda char: None if _is_mark(char) else char)
_FOLDED = CharacterTable(_fold_char)


def _fold(text: str) -> str:
    """NFKC, casefold, accents and invisible characters dropped, look-alike letters mapped."""
    if text.isascii():  # most comments: nothing to compose, decompose or map
        return text.lower()
    # Marks go first: NFKC puts each run of combining marks in order by insertion sort, quadratic in
    # the run ("a" and 5,000 acute accents, then 5,000 grave ones below, took 0.3 s). Folding drops
    # them all anyway.
    text = unicodedata.normalize("NFKC", text.translate(_MARKS_DROPPED).translate(_CAPITAL_HOMOGLYPHS)).casefold()
    return text.translate(_FOLDED)


def _token_bounds(run: str) -> tuple[int, int] | None:
    """Where the token of a run of letters, digits and @ $ ! | lies, if it has one.

    A run holds at most one token: from the @ and $ just before its first letter or digit to its
    last character other than ! and |. That is what [@$]*A(?:A|[@$])*(?:[!|]+(?:A|[@$])+)*
    (A: a letter or digit) finds in the run, here in one pass over it.
    """
    body = run.lstrip(_LEADING_SYMBOLS + _INNER_SYMBOLS)
    if not body:
        return None
    lead = run[:len(run) - len(body)]
    return len(lead.rstrip(_LEADING_SYMBOLS)), len(run.rstrip(_INNER_SYMBOLS))


def _tokens(chunk: str) -> list[str]:
    """The tokens of a chunk of text without whitespace."""
    tokens = []
    for run in chunk.translate(_TOKEN_RUNS).split():
        if run.isalnum():
            tokens.append(run)
        elif bounds := _token_bounds(run):
            tokens.append(run[bounds[0]:bounds[1]])
    return tokens


def _has_letter(token: str) -> bool:
    return any(map(str.isalpha, token))


def normalise(text: str) -> str:
    """The text as the word lists see it: folded, look-alikes mapped, leetspeak read as letters,
    whitespace made single spaces."""
    return " ".join(
        chunk if chunk.isalpha() else _read(chunk) if chunk.isalnum() else _normalise_chunk(chunk)
        for chunk in _fold(text).split()
    )


def _read(token: str) -> str:
    """A token as normalise() writes it: leetspeak as letters, "1" as "i", when it holds a letter."""
    return _deleet(token).replace("1", "i") if _has_letter(token) else token


def _normalise_chunk(chunk: str) -> str:
    """The chunk with each token read as letters, its other characters kept."""
    if chunk.translate(_TOKEN_RUNS).isspace():  # punctuation alone ("-", "...")
        return chunk
    pieces = []
    position = 0
    for run in chunk.translate(_TOKEN_RUNS).split(" "):  # one run per separator, which is kept
        bounds = _token_bounds(run)
        if bounds is None:
            pieces.append(run)
        else:
            pieces += [run[:bounds[0]], _read(run[bounds[0]:bounds[1]]), run[bounds[1]:]]
        position += len(run) + 1
        pieces.append(chunk[position - 1:position])
    return "".join(pieces)


def parse_word_list(text: str) -> list[str]:
    """Entries from an admin's list: one per line or comma, lower case, no blanks, comments or repeats."""
    entries: list[str] = []
    for line in (text or "").replace(",", "\n").split("\n"):
        entry = " ".join(line.split()).lower()
        if entry and not entry.startswith("#") and entry not in entries:
            entries.append(entry)
    return entries


@lru_cache(maxsize=8)  # decide() looks up two lists in the same comment
def _views(text: str) -> bytes:
    """The comment's words view and joined view, each token preceded by one space, in UTF-8.

    Plain words go through untouched; only chunks with digits, symbols or punctuation are cut
    into tokens, which keeps the cost low for ordinary prose.
    """
    words: list[str] = []
    joined: list[str] = []
    for chunk in _fold(text).split():
        if chunk.isalpha():
            words.append(chunk)
            continue
        tokens = _tokens(chunk)
        if len(tokens) > 1:
            joined.append(_deleet("".join(tokens)))
        words.extend(tokens)
    words_view = " ".join(_deleet(word) for word in _join_single_letters(words))
    return f" {words_view} \n {' '.join(joined)}".encode()


# A number with a unit after it is a quantity, not leetspeak: "£600k" is not "gook" (dev writer ds), nor "5th" "sth".
_UNITS = frozenset({"k", "m", "bn", "b", "s", "st", "nd", "rd", "th", "x", "p", "am", "pm", "kg", "km", "mph", "ml",
                    "gb", "mb", "tb", "g", "l", "h", "hr", "hrs", "min", "mins", "ft", "cm", "mm", "kw", "kwh", "mw", "v",
                    "w", "yo", "c", "f", "d", "y", "mo", "wk", "wks", "pc", "ppl"})


def _is_quantity(token: str) -> bool:
    number = token.rstrip("abcdefghijklmnopqrstuvwxyz")
    return number.isdigit() and token[len(number):] in _UNITS


def _deleet(token: str) -> str:
    """Leetspeak read as letters, when the token holds a letter at all ("1d10t" yes, "2025" and "600k" no)."""
    if token.isalpha() or not _has_letter(token) or _is_quantity(token):
        return token
    return token.translate(_LEET)


def _join_single_letters(tokens: list[str]) -> list[str]:
    """Runs of two or more one-character tokens joined into one ("i d i o t" -> "idiot")."""
    if not any(len(token) == 1 for token in tokens):
        return tokens
    joined: list[str] = []
    run: list[str] = []
    for token in tokens + [""]:
        if len(token) == 1:
            run.append(token)
            continue
        if len(run) >= 2:
            joined += copies("".join(run))
        else:
            joined.extend(run)
        run = []
        if token:
            joined.append(token)
    return joined


def copies(run: str) -> list[str]:
    """A run of joined letters cut into the copies it repeats: "k i l l y o u r s e l f" written twice joins to
    "killyourselfkillyourself", which no whole-word entry matches, so it is read as two words (outside test 8). The
    run's shortest period comes from the prefix function, one pass; a run that does not repeat stays whole."""
    border = [0] * len(run)
    for index in range(1, len(run)):
        length = border[index - 1]
        while length and run[index] != run[length]:
            length = border[length - 1]
        border[index] = length + (run[index] == run[length])
    period = len(run) - border[-1]
    if period < MIN_REPEATED_LETTERS or len(run) < 2 * period:
        return [run]
    return [run[start:start + period] for start in range(0, len(run), period)]


MIN_REPEATED_LETTERS = 3  # "hahaha" and "lolol" repeat two letters; no listed word is that short


def _entry_pattern(entry: str) -> str | None:
    """The pattern an entry's tokens make, or None if it has none."""
    words = [_deleet(token) for chunk in _fold(entry).split() for token in _tokens(chunk)]
    if not words:
        return None
    atoms = []
    for word in words:
        parts = []
        for char, copies in groupby(word):
            letter = _LETTER_CLASS.get(char, escape(char))
            count = len(list(copies))
            if count > 1:
                parts.append(f"{letter}{letter}{{{count - 1},}}")
            elif char in _VOWELS:
                parts.append(f"{letter}(?:{letter}{letter}+)?")
            else:
                parts.append(f"{letter}{letter}*")
        atoms.append("".join(parts))
    # A phrase may be written with its words run together; the last word may take a plural.
    return "[ ]?".join(atoms) + ("(?:e?s)?" if words[-1][-1].isalpha() else "")


# The lists, and each of their entries alone (word_context reads a found entry sentence by sentence): with
# the default lists' 173 entries, 32 places made the pipeline rebuild an entry's pattern every other comment.
# The compiled patterns are kept by forum.patterns anyway; this keeps only the lists of them.
@lru_cache(maxsize=256)
def _compiled(entries: tuple[str, ...]):
    """One pattern that finds whether any entry is there, and each entry with its own pattern."""
    own = []
    for entry in entries:
        pattern = _entry_pattern(entry)
        if pattern is not None:
            own.append((entry, pattern))
    if not own:
        return None, []
    any_entry = compile(f" (?:{'|'.join(pattern for _, pattern in own)}){_WORD_END}")
    return any_entry, [(entry, compile(f" (?:{pattern}){_WORD_END}")) for entry, pattern in own]


def find_listed_words(text: str, words: Sequence[str]) -> list[str]:
    """The entries of `words` that `text` contains as whole words, each once, in list order."""
    any_entry, own = _compiled(tuple(dict.fromkeys(words)))
    if any_entry is None:
        return []
    views = _views(text)
    if any_entry.search(views) is None:
        return []
    return [entry for entry, pattern in own if pattern.search(views) is not None]


def words_of(text: str) -> list[str]:
    """The words of the text as the lists read them (folded, leetspeak read, spaced letters joined)."""
    return _views(text).split(b"\n", 1)[0].decode().split()


def occurrences(text: str, entry: str) -> list[int]:
    """Where the entry starts in words_of(text), counted in words; matches in the joined view have no place."""
    _any, own = _compiled((entry,))
    if not own:
        return []
    words_view = _views(text).split(b"\n", 1)[0]
    return [words_view.count(b" ", 0, match.start() + 1) - 1 for match in own[0][1].finditer(words_view)]
