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

Known limits: a vowel doubled exactly ("stuupid") or a dropped letter ("idot") is missed; so are letters spread across several multi-letter pieces with spaces ("st upid"),
deliberate misspellings, and insults that use no listed word at all. A listed word used innocently
as a whole word is still found ("a chink in the armour", "an idiot-proof design"); that is why most
entries are suspect (held for a person to read) rather than banned. Homoglyphs beyond the
Cyrillic, Greek and small-capital look-alikes below are not mapped.
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
_MAY_BE_LEET = re.compile(r"\S*[0-9@$!|]\S*")
# In the words view (tokens split by one space): two or more one-character tokens in a row.
_SINGLE_LETTERS = re.compile(r"(?<!\S)\S(?= )(?: \S(?!\S))+")
# A whitespace-free chunk with a separator inside it ("i.d.i.o.t", "mo-ron", "u.s.-china").
_SPLIT_CHUNK = re.compile(rf"(?<!\S)\S*?{_ALNUM}(?:[^\w\s]|_)+{_ALNUM}\S*")
_SEPARATOR = re.compile(r"[^\w\s@$!|]|_")
# Whole words only: an entry may neither start nor end next to another letter or digit.
_NOT_AFTER_ALNUM = rf"(?<!{_ALNUM})"
_NOT_BEFORE_ALNUM = rf"(?!{_ALNUM})"

# How many copies of a letter in the text stand for one copy in a listed word. A consonant: any
# number ("morrrron"). A vowel: one, or three and more; two is refused because a doubled vowel
# often makes another real word ("bot" / "boot", "loser" / "looser", "god" / "good").
_VOWELS = frozenset("aeiouy")
_LETTER_CLASS = {"i": "[i1]", "l": "[l1]", "1": "[1il]"}
_FIRST_CHARS = {"i": "i1", "l": "l1", "1": "1il"}


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str | None]:
    """Look-alikes mapped; accents (Mn) and invisible format characters (Cf) dropped."""
    table: dict[int, str | None] = dict(_HOMOGLYPHS)
    astral = [*range(0xE0000, 0xE0080), *range(0xE0100, 0xE01F0), *range(0x1D167, 0x1D16A)]
    for code in [*range(0x80, 0x10000), *astral]:
        if unicodedata.category(chr(code)) in ("Mn", "Cf"):
            table[code] = None
    return table


def _fold(text: str) -> str:
    """NFKC, casefold, accents and invisible characters dropped, look-alike letters mapped."""
    if text.isascii():  # most comments: nothing to compose, decompose or map
        return text.lower()
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    return unicodedata.normalize("NFC", decomposed.translate(_fold_table()))


def _deleet_token(match: re.Match) -> str:
    """Leetspeak read as letters, when the token holds a letter at all ("1d10t" yes, "2025" no)."""
    token = match.group(0)
    return token.translate(_LEET) if _LETTER.search(token) else token


def _deleet_chunk(match: re.Match) -> str:
    return _TOKEN.sub(_deleet_token, match.group(0))


def normalise(text: str) -> str:
    """The text as the word lists see it: folded, look-alikes mapped, leetspeak read as letters."""
    return _TOKEN.sub(lambda m: _deleet_token(m).replace("1", "i") if _LETTER.search(m.group(0))
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
    """The comment's words view and joined view, on two lines."""
    folded = _fold(text)
    words = " ".join(_TOKEN.findall(folded))
    words = _SINGLE_LETTERS.sub(lambda m: m.group(0).replace(" ", ""), words)
    joined = _SEPARATOR.sub("", " ".join(_SPLIT_CHUNK.findall(folded)))
    return _MAY_BE_LEET.sub(_deleet_chunk, words + "\n" + joined)


def _entry_pattern(entry: str) -> tuple[str, str] | None:
    """An entry's regex as (first character class, the rest), or None if it has no letter or digit."""
    words = [_deleet_token(m) for m in _TOKEN.finditer(_fold(entry))]
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
    return first, pattern[len(first):]


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
        first, rest = parts
        groups.setdefault(first, []).append(rest)
        own = re.compile(first + rest + _NOT_BEFORE_ALNUM)
        first_letter = _deleet_token(next(_TOKEN.finditer(_fold(entry))))[0]
        for char in _FIRST_CHARS.get(first_letter, first_letter):
            by_first_char.setdefault(char, []).append((index, own))
    if not groups:
        return None, {}
    alternatives = "|".join(f"{first}(?:{'|'.join(rests)})" for first, rests in groups.items())
    return re.compile(f"{_NOT_AFTER_ALNUM}(?:{alternatives}){_NOT_BEFORE_ALNUM}"), by_first_char


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
        start = match.start()
        for index, pattern in by_first_char.get(views[start], ()):
            if index not in found and pattern.match(views, start):
                found.add(index)
        position = start + 1
    return [entries[index] for index in sorted(found)]
