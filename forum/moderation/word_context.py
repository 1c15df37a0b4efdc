"""Whether a listed word found in a comment is used against someone, or only about a thing, oneself or a word.

words.py finds a listed word wherever it is written. A label is abuse when it is put on a person
("you absolute clown", "@Sam ur such a loser", "his voters are sheep", "the author is an idiot"), and
not when it is used about a thing, about oneself, or mentioned as a word: "sheep farming", "the losers
in this trade deal are farmers", "I felt like a loser after the exam", "the meters were sold as
idiot-proof", "the 'loser pays' rule", "Rwandan radio called Tutsis 'cockroaches'". A word list that
holds every use holds all of these (Coral's list does). So each sentence that holds a listed word is
read for who the word is aimed at:

- aimed at a reader: "you", "your", "ur", an @name outside quotation marks in the sentence. That always counts;
- mentioned: the word is inside quotation marks, or follows "called", "calling", "the word", "the term"
  within three words: a report of what someone said, which does not count unless the sentence also
  addresses a reader ("I called you an idiot");
- about oneself: "I am", "I'm", "I felt", "we are" shortly before the word, and nobody else named in the
  sentence (no "you", "he", "she", "they", "the author"...);
- "idiot-proof", "fool-proof": a thing made safe against misuse;
- words with an ordinary literal sense (LITERAL_SENSE: "sheep", "loser", "clown", "bastard", "cockroach",
  "twat" in "Twatt"...) count only when put on someone: after a copula or a comparison within six words
  ("are sheep", "is a latte-sipping sheep", "like cockroaches", "what a loser"), before "nation", "race"
  or "the lot of them", addressed to a reader, or standing alone as a sentence of three words or fewer
  ("Clown.", "Useless parasites.").

Everything else a list holds counts wherever it is written, as before. A word found only across
sentences (letters split by full stops and spaces) counts too: it cannot be read in context.

Pure and linear: the sentences are cut with str methods, and each listed word the comment holds
(usually none) is looked up again, sentence by sentence, with words.py's own patterns.
"""
from dataclasses import dataclass

from forum.moderation.phrases import blank_quoted
from forum.moderation.words import find_listed_words, occurrences, words_of

# Listed words with a common literal or technical sense, counted only when put on someone.
LITERAL_SENSE = frozenset({
    "sheep", "loser", "clown", "bastard", "prick", "twat", "cockroach", "locusts", "insects", "vermin",
    "parasite", "degenerate", "douche", "chink", "animals", "scum",
})

SECOND_PERSON = frozenset({"you", "your", "yours", "yourself", "yourselves", "youre", "ur", "u", "ya", "ye",
                           "yall", "thou"})
# Anyone other than the writer: if the sentence names one, "I ... idiot" may be about them.
OTHERS = SECOND_PERSON | frozenset({
    "he", "she", "him", "her", "his", "hers", "they", "them", "their", "author", "writer", "journalist",
    "reporter", "columnist", "editor", "op", "poster", "commenter", "whoever", "anyone", "everyone", "people",
})
# Before a label put on someone: a copula, a comparison, an exclamation or a quantity of people.
PUT_ON_SOMEONE = frozenset({
    "is", "are", "was", "were", "re", "s", "be", "being", "been", "isn", "aren", "like", "such", "what",
    "bunch", "lot", "pack", "swarm", "nation", "herd", "gang", "band", "load", "typical", "resident",
    "every", "these", "those", "all", "another", "this", "fire", "sack",
}) | SECOND_PERSON
# After a label put on a group: "Vermin, the lot of them", "a parasite nation".
GROUP_AFTER = frozenset({"nation", "nations", "race", "people", "religion", "culture", "class"})
WINDOW = 6  # words back from the label in which its subject or copula is looked for
ALONE = 3  # a sentence of at most this many words that holds the label is the label, said to someone
MENTIONED_AFTER = frozenset({"called", "calling", "word", "term", "slur", "label", "labelled", "labeled", "dubbed",
                             "branded", "shouted", "yelled", "chanting", "chanted"})
MENTION_WINDOW = 3
ONESELF = frozenset({"i", "we"})
ONESELF_VERBS = frozenset({"am", "m", "are", "re", "was", "were", "felt", "feel", "feeling", "look", "looked",
                           "sound", "sounded", "must", "be"})
SAFE_AGAINST = frozenset({"proof"})  # "idiot-proof"

_SENTENCE_ENDS = ".!?"


@dataclass(frozen=True)
class Sentence:
    text: str  # as written
    unquoted: str  # with what is inside quotation marks blanked


def sentences(text: str) -> list[Sentence]:
    """The text cut after ., ! or ? followed by a space, and at line breaks ("U.S.A." and "i.d.i.o.t" stay whole)."""
    found = []
    for line in text.splitlines():
        start = 0
        for position, char in enumerate(line):
            if char in _SENTENCE_ENDS and (position + 1 == len(line) or line[position + 1].isspace()):
                found.append(line[start:position + 1])
                start = position + 1
        found.append(line[start:])
    return [Sentence(sentence, blank_quoted(sentence)) for sentence in found if sentence.strip()]


def _addresses_a_reader(sentence: Sentence) -> bool:
    words = words_of(sentence.unquoted)
    return any(word in SECOND_PERSON for word in words) or _has_handle(sentence.unquoted)


def _has_handle(text: str) -> bool:
    at = text.find("@")
    while at >= 0:
        if (at == 0 or not text[at - 1].isalnum()) and at + 1 < len(text) and (text[at + 1].isalnum() or text[at + 1] == "_"):
            return True
        at = text.find("@", at + 1)
    return False


def _counts_here(entry: str, sentence: Sentence) -> bool | None:
    """Whether the entry, found in this sentence, is put on someone here; None if it is not found here."""
    if not find_listed_words(sentence.text, (entry,)):
        return None
    addressed = _addresses_a_reader(sentence)
    if addressed:
        return True
    if not find_listed_words(sentence.unquoted, (entry,)):
        return False  # only inside quotation marks: mentioned
    words = words_of(sentence.unquoted)
    names_others = any(word in OTHERS for word in words)
    places = occurrences(sentence.unquoted, entry)
    if not places:
        return True  # found only with its letters run across words: no place to read it in
    for index in places:
        before = words[max(0, index - WINDOW):index]
        following = words[index + len(entry.split()):][:WINDOW]
        after = following[:1]
        if any(word in MENTIONED_AFTER for word in before[-MENTION_WINDOW:]):
            continue
        if after and after[0] in SAFE_AGAINST:
            continue
        if not names_others and any(first in ONESELF and then in ONESELF_VERBS
                                    for first, then in zip(before, before[1:])):
            continue
        if entry in LITERAL_SENSE and not (any(word in PUT_ON_SOMEONE for word in before) or len(words) <= ALONE
                                           or (after and after[0] in GROUP_AFTER) or _the_lot_of(following)):
            continue
        return True
    return False


def _the_lot_of(words: list[str]) -> bool:
    """ "... the lot of them", "... the lot of you": the label is put on a group."""
    return any(first == "lot" and then == "of" for first, then in zip(words, words[1:]))


def aimed_entries(text: str, entries: list[str]) -> list[str]:
    """The entries (found in `text` by find_listed_words) that some sentence puts on someone."""
    if not entries:
        return []
    split = sentences(text)
    aimed = []
    for entry in entries:
        verdicts = [verdict for sentence in split if (verdict := _counts_here(entry, sentence)) is not None]
        if not verdicts or any(verdicts):  # not found in any one sentence: split across them, so it counts
            aimed.append(entry)
    return aimed


def mentioned_only(text: str, entries: list[str]) -> list[str]:
    """The entries found in `text` only inside quotation marks, in sentences that address no reader."""
    split = sentences(text)
    mentioned = []
    for entry in entries:
        holding = [sentence for sentence in split if find_listed_words(sentence.text, (entry,))]
        if holding and all(not _addresses_a_reader(sentence) and not find_listed_words(sentence.unquoted, (entry,))
                           for sentence in holding):
            mentioned.append(entry)
    return mentioned


def addresses_a_reader(text: str) -> bool:
    """Some sentence of the text says "you", "your", "ur"... or an @name outside quotation marks."""
    return any(_addresses_a_reader(sentence) for sentence in sentences(text))
