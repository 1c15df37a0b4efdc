"""Rule families made of phrase patterns, and the reasons they give moderators. Pure: text in, reasons out.

A family is a label ("veiled threat") and its alternatives (RE2 patterns or Near windows from
forum.patterns), matched on the text's ASCII view in time linear in the text. A family that
matches gives one reason, the label and the words that matched: "veiled threat: 'watch your back'".
"""
from functools import lru_cache

from forum.patterns import Near, ascii_view, compile, first_span

Family = tuple[str, list]  # (label, alternatives)
EXCERPT_CHARS = 60  # enough for a moderator to see the phrase, short enough to read at a glance


# The view turns a typographic apostrophe (I’ll) into NUL; a phrase's apostrophe matches either.
_APOSTROPHE = r"['\x00]"


def phrase(pattern: str):
    """An RE2 pattern, case-insensitive, in which each apostrophe also matches a typographic one."""
    return compile("(?i)" + pattern.replace("'", _APOSTROPHE))


def near(first: str, second: str, within: int, stops: str = ".!?\n") -> Near:
    """Near, case-insensitive and apostrophe-tolerant like phrase(), by default within one sentence."""
    return Near("(?i)" + first.replace("'", _APOSTROPHE), "(?i)" + second.replace("'", _APOSTROPHE), within, stops)


def family_reasons(families: list[Family], text: str) -> list[str]:
    """One reason per family the text matches, with the first match's words."""
    view = ascii_view(text)
    found = []
    for label, alternatives in families:
        span = first_span(alternatives, view)
        if span is not None:
            found.append(f"{label}: '{text[span[0]:span[1]].strip()[:EXCERPT_CHARS]}'")
    return found




# Quoting: a comment that reports abuse it saw ("what the councillor got in his inbox was 'we know where you
# live'", "calling migrants an 'infestation' is the language of 1994"), rebuts a claim ("the claim that migrants
# 'don't integrate' doesn't survive the data") or tells what someone was called quotes the words it condemns. The words
# inside quotation marks are then a mention, not a use: when the text outside them reports or condemns, the
# quoted passages are blanked before the phrase families read it. Only then: scare quotes in an attack
# (trans "women", Ukrainian "refugees") come with no such words, and the model still reads the whole comment.
_REPORTED = phrase(
    r"\b(?:threats?|threaten\w*|crimes?|criminal offence|police|reported|reporting|report it|abuse|abusive|racist|racism"
    r"|hateful|hate (?:speech|mail|crime)|slurs?|language|rhetoric|propaganda|genocide|disgusting|chilling|sickening"
    r"|vile|unacceptable|flagging|banned|sacked|charged|arrested|convicted|jailed|graffiti|sprayed|daubed"
    r"|inbox|voicemail|dms?|messages? (?:like|saying)|tweets? (?:like|saying|sent)|shouted|yelled|screamed"
    # A claim quoted to rebut it, or words quoted as what someone was called or what one reads in comments.
    r"|(?:the|this|that|a) (?:claim|idea|notion|myth|premise|line|trope|stereotype|talking point|phrase|term|word"
    r"|expression|slogan|taunt|insult)s?|called|calling|taunts?|xenophobic|was used (?:in|by|to)|were used (?:in|by|to)"
    r"|comments (?:like|saying)|when i read|i read (?:comments|about)|doesn't survive|isn't true|is not true|stereotypes?"
    r"|paranoia|(?:is|isn't|is not) (?:a )?(?:myth|lie|false|policy|an argument)"
    # A quote named as a kind of talk: 'the "go back to China" stuff', 'the "I know your school" messages' (the quote
    # itself is blank between its marks here, hence the run of spaces).
    r"|the\s+\S?\s{2,}\S?\s+(?:stuff|things?|crowd|brigade|nonsense|rubbish|comments?|messages?|replies|posts?|arguments?|routine"
    r"|chants?|slogans?|lines?|trope)"
    # Abuse received and reported: "someone replied to me with '...', mods, can you look", "got a DM saying '...'".
    r"|mods?|moderators?|admins?|screenshots?|screenshotted|blocked|not ok(?:ay)?|is this allowed"
    r"|(?:sent|messaged|dm[\x00']?d|dmed|pm[\x00']?d|pmed|texted|emailed|replied to|wrote to|told|tagged|called) (?:me|us|my \w+)"
    r"|(?:got|get|getting|received|receiving|had) (?:an? |this |these |that |the |another )?(?:anonymous |private )?"
    r"(?:dms?|messages?|texts?|e-?mails?|replies|reply|comments?|letters?|notes?|voicemails?|calls?|threats?)"
    r"|(?:someone|somebody|a guy|a man|a woman|a user|an account|a stranger|this guy|some guy|a troll) (?:just )?"
    r"(?:told|sent|wrote|said|replied|messaged|posted|left|shouted|yelled|commented|threatened))\b")
_OPENING = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'", "\u00ab": "\u00bb"}
QUOTE_CHARS = 300  # a quotation longer than this is more likely a stray mark than a quote


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The passages inside quotation marks, one pass: "…", “…”, ‘…’, «…», and '…' opened after a space.

    A single quote opens only at the start of a word (after a space, a bracket or the start) and closes
    only at the end of one, so the apostrophes of "don't" and "Tom's" neither open nor close a quote.

    The pass visits only the quotation marks and line breaks (found with str.find; a comment of prose has
    a handful), and the place where an open quote has run QUOTE_CHARS too long."""
    spans, opened_at, closing, resume, length = [], None, None, 0, len(text)
    for position in _marks(text):
        if opened_at is not None and position - opened_at > QUOTE_CHARS:
            # Given up where it ran too long: that character opens nothing, the search goes on after it.
            resume = opened_at + QUOTE_CHARS + 2
            opened_at = closing = None
        char = text[position]
        if opened_at is not None:
            if char == "\n":
                opened_at = closing = None
            elif char == closing and (closing != "'" or position + 1 == length or not text[position + 1].isalnum()):
                spans.append((opened_at + 1, position))
                opened_at = closing = None
            resume = position + 1
            continue
        if position < resume:
            continue
        if char in _OPENING and (char not in "'\u2018" or position == 0 or not text[position - 1].isalnum()):
            if position + 1 < length and not text[position + 1].isspace():
                opened_at, closing = position, _OPENING[char]
    return spans


_MARKS = "".join(dict.fromkeys(list(_OPENING) + list(_OPENING.values()) + ["\n"]))


def _marks(text: str) -> list[int]:
    """Where the text has a quotation mark or a line break, in order."""
    found = []
    for mark in _MARKS:
        at = text.find(mark)
        while at >= 0:
            found.append(at)
            at = text.find(mark, at + 1)
    found.sort()  # one ascending run per mark: Timsort merges them in linear time
    return found


@lru_cache(maxsize=8)  # decide() asks for the same comment's in several rules
def blank_quoted(text: str) -> str:
    """The text with each quoted passage (quoted_spans) blanked, keeping its length."""
    parts, kept_until = [], 0
    for start, end in quoted_spans(text):
        parts += [text[kept_until:start], " " * (end - start)]
        kept_until = end
    return "".join(parts) + text[kept_until:]


# A report speaks to the moderators or the room; words outside the quote that turn to one reader ("…". Just passing
# it on, ada.) deliver the quote to them (outside test 7). Read as an address: a closing vocative, or an @name
# other than the staff's.
_CLOSING_VOCATIVE = compile(r"(?i),\s+@?([a-z][a-z0-9_-]{1,30})\s*[.!?]+(?:\s|$)")
_HANDLE = compile(r"(?i)(?:^|[^a-z0-9_])@([a-z0-9_]{2,30})")
_NOT_A_READER = frozenset({"mods", "mod", "moderators", "moderator", "admins", "admin", "thanks", "please", "folks",
                           "everyone", "all", "guys", "people", "team", "lol", "honestly", "seriously", "again", "too"})


def _turns_to_a_reader(outside: bytes) -> bool:
    return any(match.group(1).decode().lower() not in _NOT_A_READER
               for pattern in (_CLOSING_VOCATIVE, _HANDLE) for match in pattern.finditer(outside))


def without_reported_quotes(text: str) -> str:
    """The text with its quoted passages blanked (same length) if the rest of it reports or condemns them and
    does not hand them to a reader."""
    outside = blank_quoted(text)
    if outside == text:
        return text
    view = ascii_view(outside)
    return outside if _REPORTED.search(view) and not _turns_to_a_reader(view) else text


# Words that turn a claim around ("refugees don't get free houses", "I hope he doesn't die"): a rebuttal or a
# kindness, not the claim itself.
NEGATION = r"(?:\bnot\b|\bnever\b|n[\x00']t\b|\bno longer\b|\bmyths?\b|\bfalse\b|\bnonsense that\b)"


class Unless:
    """A pattern's first match that does not contain `negation` (an RE2 pattern), as a match-like span.

    Each match is checked on its own span, so the search stays linear in the text."""

    def __init__(self, alternative, negation: str = NEGATION):
        self._alternative = alternative
        self._negation = compile("(?i)" + negation)

    def span(self, view: bytes):
        if isinstance(self._alternative, Near):
            span = self._alternative.span(view)
            return span if span is not None and not self._negation.search(view[span[0]:span[1]]) else None
        for match in self._alternative.finditer(view):
            if not self._negation.search(view[match.start():match.end()]):
                return match.span()
        return None


def unless(alternative, negation: str = NEGATION) -> Unless:
    """`alternative` (a phrase() or near()), except where what it matched is turned around by a negation."""
    return Unless(alternative, negation)


# The writer as the subject just before an insult ("I'm probably the dumbest person in this thread", "I must be the
# thickest man alive"): self-deprecation, not an attack. Found in one scan of the text; an insult that starts where
# one of these ends (or at the article it ends with) is said of oneself.
_ONESELF_BEFORE = compile(
    r"(?i)(?:^|[^a-z'\x00])(?:i[\x00']?m|i am|i was|i've been|i have been|i feel like|i felt like|i must be|i may be"
    r"|i might be|i'd be|i[\x00']d be|i'll be|i[\x00']ll be|call me|guess i'm|maybe i'm|that makes me|makes me)"
    r"(?:\s+(?:probably|definitely|clearly|officially|apparently|honestly|maybe|perhaps|just|really|easily|genuinely"
    r"|literally|now|still|also|the|a|an)){0,3}\s+")
_ARTICLES = (b"the ", b"a ", b"an ")


class NotOfOneself:
    """A pattern's first match that the writer does not say of themselves, as a match-like span.

    The places where "I'm (probably the)" ends are found in one scan, and each match is looked up among them, so
    the search stays linear in the text."""

    def __init__(self, alternative):
        self._alternative = alternative

    def span(self, view: bytes):
        matches = [self._alternative.span(view)] if isinstance(self._alternative, (Near, Unless)) else \
            (match.span() for match in self._alternative.finditer(view))
        ends = None
        for span in matches:
            if span is None:
                return None
            if ends is None:
                ends = {match.end() for match in _ONESELF_BEFORE.finditer(view)}
            start = span[0]
            if start in ends or any(view.startswith(article, start) and start + len(article) in ends
                                    for article in _ARTICLES):
                continue
            return span
        return None


def not_of_oneself(alternative) -> NotOfOneself:
    """`alternative`, except where the writer says it of themselves ("I'm the dumbest person here")."""
    return NotOfOneself(alternative)


# A saying named as a saying: "the old line that the only good X is a dead X", "a slogan from 1870". Read in the
# sentence around a match (at most MENTION_WINDOW characters either side).
_MENTIONED_AROUND = compile(
    r"(?i)\b(?:said|says|saying|sayings|slogan|slogans|phrase|quote|quoted|quoting|attributed|motto|old line|catchphrase"
    r"|histor\w*|centur(?:y|ies)|1[0-9]{3}s?|era|wartime|propaganda|genocide|massacres?|infamous\w*|notorious\w*"
    r"|chilling|used to (?:say|be said)|was said|wrote|written|coined|chanted|banner|placards?|signs? (?:saying|that said)"
    r"|the kind of (?:thing|talk)|language of|rhetoric)\b")
MENTION_WINDOW = 120


class NotMentioned:
    """A pattern's first match that is not quoted (inside quotation marks) nor named as a saying in its sentence.

    Each match is checked on a window of fixed size around it, so the search stays linear in the text."""

    def __init__(self, alternative):
        self._alternative = alternative

    def span(self, view: bytes):
        quoted = None
        for match in self._alternative.finditer(view):
            start, end = match.span()
            if quoted is None:
                quoted = quoted_spans(view.decode("ascii"))
            if any(q_start <= start and end <= q_end for q_start, q_end in quoted):
                continue
            before, after = view[max(0, start - MENTION_WINDOW):start], view[end:end + MENTION_WINDOW]
            before = before[max(before.rfind(b"."), before.rfind(b"!"), before.rfind(b"?"), before.rfind(b"\n")) + 1:]
            ends = [at for at in (after.find(b"."), after.find(b"!"), after.find(b"?"), after.find(b"\n")) if at >= 0]
            after = after[:min(ends)] if ends else after
            if _MENTIONED_AROUND.search(before) or _MENTIONED_AROUND.search(after):
                continue
            return start, end
        return None


def not_mentioned(alternative) -> NotMentioned:
    """`alternative` (a phrase()), except where it is quoted or named as a saying ("the old slogan that …")."""
    return NotMentioned(alternative)
