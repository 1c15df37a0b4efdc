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
from forum.moderation.violence_at_things import said_of_things
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
# A label denied ("voters are not sheep", "they're not stupid", "we aren't idiots", "don't be a sheep") is put on
# nobody; "not just an idiot but..." still puts it. "Don't be a sheep" is advice, said to every reader alike.
NEGATIONS = frozenset({"not", "never", "t", "nt", "no"})  # "aren't" reads "aren t"
NOT_ONLY = frozenset({"just", "only", "merely", "simply", "even"})
NEGATION_WINDOW = 3  # words back from the label: "are not a complete idiot"
# A label that names a thing it describes, directly or as a possessive: "clown show", "clown car", "an idiot's
# errand", "a sheep dip". Said of a thing, as "a stupid policy" is (pipeline._SAID_OF_A_THING).
THINGS_DESCRIBED = frozenset({
    "show", "shows", "car", "cars", "circus", "act", "world", "town", "school", "college", "costume", "makeup", "nose",
    "shoes", "fish", "errand", "errands", "move", "moves", "logic", "policy", "policies", "plan", "idea", "ideas",
    "tax", "test", "question", "questions", "proof", "dip", "farming", "farm", "farmers", "rules", "stuff",
    "business", "hour", "era",
})
ONESELF_CONTRACTED = frozenset({"im", "ive", "id"})  # "I'm", "I've", "I'd" as the word lists read them

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
        for end in _sentence_ends(line):
            found.append(line[start:end])
            start = end
        found.append(line[start:])
    return [Sentence(sentence, blank_quoted(sentence)) for sentence in found if sentence.strip()]


def _sentence_ends(line: str) -> list[int]:
    """Just after each . ! or ? that ends the line or comes before a space, in order (found with str.find: a
    line has far fewer of them than characters)."""
    ends = []
    for mark in _SENTENCE_ENDS:
        at = line.find(mark)
        while at >= 0:
            if at + 1 == len(line) or line[at + 1].isspace():
                ends.append(at + 1)
            at = line.find(mark, at + 1)
    ends.sort()  # one ascending run per mark: Timsort merges them in linear time
    return ends


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
    words = words_of(sentence.unquoted)
    if _addresses_a_reader(sentence):
        places = occurrences(sentence.unquoted, entry)
        # Addressed, it counts unless every place it is written denies it ("you're not an idiot") or it is
        # said of a thing ("your clown show").
        return not places or not all(_denied(words, index) or _describes_a_thing(words, index, entry)
                                     for index in places)
    if not find_listed_words(sentence.unquoted, (entry,)):
        return False  # only inside quotation marks: mentioned
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
        if _denied(words, index) or _describes_a_thing(words, index, entry):
            continue
        # "I'm an idiot for not reading the author's second half": right after "I'm a", the label is the writer's
        # own, whoever the rest of the sentence names (a reader addressed was dealt with above).
        if _said_of_oneself_just_before(before):
            continue
        # "I'm an idiot", "we were fools", and "call me a moron, but…": the writer puts it on themselves.
        if not names_others and (any(first in ONESELF and then in ONESELF_VERBS for first, then in zip(before, before[1:]))
                                 or any(word in ONESELF_CONTRACTED for word in before)
                                 or any(first == "call" and then == "me" for first, then in zip(before, before[1:]))):
            continue
        if entry in LITERAL_SENSE and not (any(word in PUT_ON_SOMEONE for word in before) or len(words) <= ALONE
                                           or (after and after[0] in GROUP_AFTER) or _the_lot_of(following)):
            continue
        return True
    return False


# Between "I'm" and the label it is put on: "I'm an idiot", "I am a total idiot", "I'm such a fool".
_ONESELF_FILLERS = frozenset({"a", "an", "such", "total", "complete", "absolute", "utter", "real", "bit", "of", "the",
                              "biggest", "probably", "just"})


def _said_of_oneself_just_before(before: list[str]) -> bool:
    """Whether the words just before a label are "I'm (a total)" or "I am (such an)": nothing but fillers between."""
    for back, word in enumerate(reversed(before[-5:])):
        if word in ONESELF_CONTRACTED or word == "am":
            return back > 0  # an article or adjective stands between "I'm" and the label
        if word not in _ONESELF_FILLERS:
            return False
    return False


def _denied(words: list[str], index: int) -> bool:
    """A negation shortly before the label at `index`, not followed by "just" or "only"."""
    before = words[max(0, index - NEGATION_WINDOW):index]
    for number, word in enumerate(before):
        if word in NEGATIONS:
            return not any(later in NOT_ONLY for later in before[number + 1:])
    return False


def _describes_a_thing(words: list[str], index: int, entry: str) -> bool:
    """The label at `index` names a thing it describes: "clown show", "idiot's errand"."""
    following = words[index + len(entry.split()):][:2]
    if following[:1] == ["s"]:  # the possessive "'s" reads as a word of its own
        following = following[1:]
    return bool(following) and following[0] in THINGS_DESCRIBED


def _the_lot_of(words: list[str]) -> bool:
    """ "... the lot of them", "... the lot of you": the label is put on a group."""
    return any(first == "lot" and then == "of" for first, then in zip(words, words[1:]))


def aimed_entries(text: str, entries: list[str], verdicts_read: dict | None = None) -> list[str]:
    """The entries (found in `text` by find_listed_words) that some sentence puts on someone.

    `verdicts_read`: each entry's verdict per sentence read so far for another reading of the same comment
    (with or without its reported quotes), filled in here: a sentence the two readings share is read once."""
    if not entries:
        return []
    known = {} if verdicts_read is None else verdicts_read
    verdicts: dict[str, list[bool]] = {entry: [] for entry in entries}
    # Sentence by sentence, every entry in each: a sentence's readings (words._views) are worked out once,
    # not once per entry (words.py keeps only the last few).
    for sentence in sentences(text):
        for entry in entries:
            key = (entry, sentence)  # a Sentence is its text and its text without quotes: all a verdict reads
            if key not in known:
                known[key] = _counts_here(entry, sentence)
            verdict = known[key]
            if verdict is not None:
                verdicts[entry].append(verdict)
    # Not found in any one sentence: split across them, so it counts.
    return [entry for entry in entries if not verdicts[entry] or any(verdicts[entry])]


def mentioned_only(text: str, entries: list[str]) -> list[str]:
    """The entries found in `text` only inside quotation marks, in sentences that address no reader."""
    if not entries:
        return []  # nearly every comment: no banned word
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


# Who a sentence may be aimed at besides a reader: pronouns and the nouns for people comments are put on.
PEOPLE = (OTHERS - {"anyone", "everyone", "people"}) | frozenset({
    "himself", "herself", "themselves", "themself", "man", "men", "woman", "women", "guy",
    "guys", "lady", "bloke", "lad", "girl", "boy", "person", "mayor", "chief", "gm", "manager", "coach", "boss",
    "minister", "councillor", "councillors", "mp", "mps", "president", "politician", "politicians", "official",
    "officials", "hack", "hacks", "shill", "troll", "trolls", "mods", "moderator", "admin", "people",
})
# Plural nouns for peoples and followers ("Mexicans", "Chinese", "journalists", "Christians").
_PEOPLES_ENDINGS = ("ans", "ese", "ists")
# Swear words a sentence may aim at a thing ("Fuck cancer.", "Shit happens", "this damn bridge", "Bloody hell").
SWEARING = frozenset({
    "fuck", "fucking", "fucked", "fuckin", "shit", "shitty", "bullshit", "damn", "damned", "goddamn", "bloody", "hell",
    "crap", "crappy", "piss", "pissed", "arse", "ass", "bum", "poo", "bugger", "sod", "feck", "frigging", "effing",
})


def _names_someone(sentence: Sentence) -> bool:
    """The sentence addresses a reader, or names a person by pronoun or role, a people ("Mexicans",
    "journalists"), or someone by name (a capital after its first word)."""
    written = [word.strip(_EDGES) for word in sentence.unquoted.replace("'", " ").replace("’", " ").split()]
    if any(len(word) > 1 and word[0].isupper() and word[1:].islower() for word in written[1:]):
        return True
    words = [word.lower() for word in written]
    if any(word in PEOPLE or (len(word) > 4 and word.endswith(_PEOPLES_ENDINGS)) for word in words):
        return True
    return _has_handle(sentence.unquoted) or _addresses_a_reader(sentence)


_EDGES = ".,;:!?\"()[]{}<>*_-—–"


def aimed_at_someone(text: str) -> bool:
    """Some sentence of the text addresses a reader or names someone (see _names_someone)."""
    return any(_names_someone(sentence) for sentence in sentences(text))


def toxicity_reading(text: str, unaimed: list[str]) -> tuple[str, bool]:
    """The text as the toxicity score should read it, and whether any sentence of it is aimed at someone.

    The listed words found not aimed (`unaimed`) are left out, and in each sentence aimed at nobody, swear
    words too. The score reads words without their target: "Fuck cancer." scored 1.00, "idiot-proof" 0.96,
    "Bloody hell. 38 degrees..." 0.86. Said of a thing or of oneself such a word is the civil swearing the
    taxonomy allows; in a sentence that also names a reader or a person ("fuck the author", "you shit") it
    still counts.
    """
    unaimed_words = frozenset(word for entry in unaimed for word in entry.split())
    swearing_too = SWEARING | unaimed_words
    kept, aimed = [], False
    for sentence in sentences(text):
        names_someone = _names_someone(sentence)
        aimed = aimed or names_someone
        blanked_words = unaimed_words if names_someone else swearing_too
        # "We killed the pig", "kill the bill": a violent verb said of an animal or a thing is not read either.
        written = sentence.text.split()
        of_things = said_of_things(written, PEOPLE)
        kept.append(" ".join(word for index, word in enumerate(written)
                             if index not in of_things and not _blanked(word, blanked_words)))
    return " ".join(kept), aimed


def _blanked(written: str, blanked_words: frozenset) -> bool:
    core = written.strip(_EDGES).lower().replace("’", "'")
    for cut in ("'", "-"):
        core = core.split(cut, 1)[0]
    return core in blanked_words or core.rstrip("s") in blanked_words or core[:-2] in blanked_words
