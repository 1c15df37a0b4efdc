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

Each listed entry becomes a regex over these views that must start and end at a token boundary,
so a listed word inside a longer word never matches ("Scunthorpe", "assassination", "class").
Repeated letters are tolerated without squeezing the text (squeezing would make "assassin" read
"asasin" and "as" match "ass"): a consonant written once in the entry matches any number of copies
("morrron"), a doubled letter matches two or more ("faggot", never "fagot"), and a vowel written
once matches one copy or three and more ("stuuupid", "idiooot") but not exactly two, because a
doubled vowel often makes another real word ("bot" / "boot", "loser" / "looser"). A plural "s" or
"es" may follow the last word, and the words of a phrase may be written together ("kill yourself",
"killyourself").

Cost: a list is compiled once (cached by its tuple of entries) into one regex, its alternatives
grouped by first letter, that finds where any entry starts; only there are the entries' own
regexes tried, so overlapping entries ("fuck you", "you bot") are all reported. Plain words in
the comment skip the tokenizer. A 2,000-character comment against 100 entries takes a fraction
of a millisecond.

Known limits: a vowel doubled exactly twice ("stuupid") and a dropped or swapped letter ("idot")
are missed, as are letters split into several multi-letter pieces ("st upid"), a symbol opening a
word ("!diot"), look-alikes other than the Cyrillic, Greek and small-capital ones below, and
insults, threats or dehumanising talk that use no listed word at all. A listed word used
innocently as a whole word is still found ("a chink in the armour", "an idiot-proof design", "the
stupid chip ban"); that is why everything short of slurs and incitement is suspect (held for a
person to read) rather than banned.
"""
import re
import unicodedata
from functools import lru_cache
from typing import Sequence

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

# Leetspeak, read only inside a token that also holds a letter. "1" is left for the matcher,
# which reads it as "i" or "l"; normalise() writes it as "i".
_LEET = str.maketrans({
    "0": "o", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "!": "i", "|": "l",
})

# A token: letters and digits, with @ and $ attached to them ("a$$", "@sshole", "$hit") and
# ! or | only between them ("id!ot"), so that the "!" ending a sentence stays punctuation.
_ALNUM = r"[^\W_]"
_TOKEN = re.compile(rf"[@$]*{_ALNUM}(?:{_ALNUM}|[@$])*(?:[!|]+(?:{_ALNUM}|[@$])+)*")
_LETTER = re.compile(r"[^\W\d_]")
# Punctuation that often sticks to a word and never belongs to it ("idiot!", "(moron)").
_EDGE_PUNCTUATION = ".,;:?!\"'()[]{}<>*_~`|/\\-–—…«»“”‘’"
# Whole words only: an entry must start right after a space of the views (see _views) and may not
# end next to another letter or digit.
_NOT_BEFORE_ALNUM = rf"(?!{_ALNUM})"

# How many copies of a letter in the text stand for one copy in a listed word. A consonant: any
# number ("morrrron"). A vowel: one, or three and more; two is refused because a doubled vowel
# often makes another real word ("bot" / "boot", "loser" / "looser", "god" / "good").
_VOWELS = frozenset("aeiouy")
_LETTER_CLASS = {"i": "[i1]", "l": "[l1]", "1": "[1il]"}
_FIRST_CHARS = {"i": "i1", "l": "l1", "1": "1il"}

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One non-ASCII character without its accents, invisible if a format character, look-alike mapped."""
    parts = unicodedata.normalize("NFD", char)
    return "".join(c for c in parts if unicodedata.category(c) not in ("Mn", "Cf")).translate(_HOMOGLYPHS)


def _fold(text: str) -> str:
    """NFKC, casefold, accents and invisible characters dropped, look-alike letters mapped."""
    if text.isascii():  # most comments: nothing to compose, decompose or map
        return text.lower()
    text = unicodedata.normalize("NFKC", text).casefold()
    return _NON_ASCII.sub(lambda m: "".join(map(_fold_char, m.group(0))), text)


def normalise(text: str) -> str:
    """The text as the word lists see it: folded, look-alikes mapped, leetspeak read as letters."""
    return _TOKEN.sub(lambda m: _deleet(m.group(0)).replace("1", "i") if _LETTER.search(m.group(0))
                      else m.group(0), _fold(text))


def parse_word_list(text: str) -> list[str]:
    """Entries from an admin's list: one per line or comma, lower case, no blanks, comments or repeats."""
    entries: list[str] = []
    for line in re.split(r"[\n,]", text or ""):
        entry = " ".join(line.split()).lower()
        if entry and not entry.startswith("#") and entry not in entries:
            entries.append(entry)
    return entries


def _views(text: str) -> str:
    """The comment's words view and joined view, each token preceded by one space.

    Plain words go through untouched; only chunks with digits, symbols or inner punctuation are
    cut into tokens, which keeps the cost low for ordinary prose.
    """
    words: list[str] = []
    joined: list[str] = []
    for chunk in _fold(text).split():
        if not chunk.isalpha():
            chunk = chunk.strip(_EDGE_PUNCTUATION)
            if not chunk.isalpha():
                tokens = _TOKEN.findall(chunk)
                if len(tokens) > 1:
                    joined.append(_deleet("".join(tokens)))
                words.extend(tokens)
                continue
        words.append(chunk)
    words_view = " ".join(_deleet(word) for word in _join_single_letters(words))
    return f" {words_view} \n {' '.join(joined)}"


def _deleet(token: str) -> str:
    """Leetspeak read as letters, when the token holds a letter at all ("1d10t" yes, "2025" no)."""
    if token.isalpha() or not _LETTER.search(token):
        return token
    return _TOKEN.sub(lambda m: m.group(0).translate(_LEET), token)


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
            joined.append("".join(run))
        else:
            joined.extend(run)
        run = []
        if token:
            joined.append(token)
    return joined


def _entry_pattern(entry: str) -> tuple[str, str, str] | None:
    """An entry's first character, its regex as (first character's class, the rest), or None."""
    words = [_deleet(token) for token in _TOKEN.findall(_fold(entry))]
    if not words:
        return None
    atoms = []
    for word in words:
        parts = []
        for run in re.finditer(r"(.)\1*", word):
            letter = _LETTER_CLASS.get(run.group(1), re.escape(run.group(1)))
            if len(run.group(0)) > 1:
                parts.append(f"{letter}{letter}{{{len(run.group(0)) - 1},}}")
            elif run.group(1) in _VOWELS:
                parts.append(f"{letter}(?:{letter}{letter}+)?")
            else:
                parts.append(f"{letter}{letter}*")
        atoms.append("".join(parts))
    # A phrase may be written with its words run together; the last word may take a plural.
    pattern = "[ ]?".join(atoms) + ("(?:e?s)?" if words[-1][-1].isalpha() else "")
    first = _LETTER_CLASS.get(words[0][0], re.escape(words[0][0]))
    return words[0][0], first, pattern[len(first):]


@lru_cache(maxsize=32)
def _compiled(entries: tuple[str, ...]) -> tuple[re.Pattern | None, dict[str, list[tuple[int, re.Pattern]]]]:
    """One regex that finds where any entry starts, and each entry's own regex by its first letter.

    The alternatives are grouped by first letter, so that at each word the regex engine rejects
    most entries on one character comparison; that keeps a 100-entry list fast.
    """
    groups: dict[str, list[str]] = {}
    by_first_char: dict[str, list[tuple[int, re.Pattern]]] = {}
    for index, entry in enumerate(entries):
        parts = _entry_pattern(entry)
        if parts is None:
            continue
        first_char, first, rest = parts
        groups.setdefault(first, []).append(rest)
        own = re.compile(first + rest + _NOT_BEFORE_ALNUM)
        for char in _FIRST_CHARS.get(first_char, first_char):
            by_first_char.setdefault(char, []).append((index, own))
    if not groups:
        return None, {}
    alternatives = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile(f" (?:{alternatives}){_NOT_BEFORE_ALNUM}"), by_first_char


def find_listed_words(text: str, words: Sequence[str]) -> list[str]:
    """The entries of `words` that `text` contains as whole words, each once, in list order."""
    entries = tuple(dict.fromkeys(words))
    any_entry, by_first_char = _compiled(entries)
    if any_entry is None:
        return []
    views = _views(text)
    found: set[int] = set()
    position = 0
    # Every place where some entry starts; there, each entry with that first letter is tried,
    # so overlapping entries ("fuck you", "you bot") are all found.
    while match := any_entry.search(views, position):
        start = match.start() + 1
        for index, pattern in by_first_char.get(views[start], ()):
            if index not in found and pattern.match(views, start):
                found.add(index)
        position = start + 1
    return [entries[index] for index in sorted(found)]
