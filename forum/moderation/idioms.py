"""Everyday idioms that share their words with threats, read for what they mean before any rule reads the text.

"I know where you're coming from" is agreement, not a threat; "be careful walking home, the pavements are icy" is
advice; "you know who you are" after a thank-you is gratitude; "I'll find you in the Facebook group" is a promise
to send a photo of a lost dog. The threat rules hold the first words of each of these ("I know where you", "be
careful walking home", "you know who you are", "I'll find you"), so two development writers (dr, ds) asked to
write kind and practical comments in those shapes saw a tenth of them held. Each idiom is blanked (same length)
wherever it is written whole, with the words that make it innocent; the same words without them ("I know where you
live", "be careful walking home tonight", "you know who you are. Watch yourself") are left for the rules.

as_said() is the text every rule and the classifier read: quotes the comment reports left out
(phrases.without_reported_quotes), then these idioms. A fixed list of RE2 patterns, one scan each: linear.
"""
from functools import lru_cache

from forum.moderation.phrases import near, phrase, without_reported_quotes
from forum.patterns import ascii_view, first_span

_HAZARD = (r"\b(?:icy|ice|iced|slippery|slippy|frost\w*|snow\w*|sleet|flood\w*|unlit|gritted|grit|gritters|ungritted"
           r"|roadworks|potholes?|fog\w*|storm\w*|gales?|pavements?|footpaths?|sidewalks?|kerbs?|curbs?|diversions?"
           r"|closed|puddles?|mud|muddy|leaves|wet|black ice|drunk drivers?|lorries|traffic|steep)\b")
_THANKS = (r"\b(?:thanks?|thank you|cheers|bless|legends?|heroes|hero|stars?|grateful|gratitude|appreciated|kindness"
           r"|kind|generous|generosity|donat\w+|volunteer\w*|helped|dropped off|turned up|left (?:a|the))\b")
_GOOD_THINGS = (r"(?:pay ?rise|raise|rise|medal|award|promotion|bonus|pint|holiday|rest|break|recognition|credit|thanks"
                r"|job|post|role|win|trophy|title|contract|pension|reward|applause|ovation|place|seat|spot|knighthood"
                r"|prize|lie-?in|cuppa|cake|gong|citation|honour|honor|pay|salary|wage|team lead|lead|promotion)")

_CAREFUL_HOME = (r"\b(?:be|stay|do be|please be)\s+(?:extra\s+|very\s+|really\s+)?careful\s+(?:walking|going|driving"
                 r"|getting|cycling|riding|heading)\s+home\b")
_WHO_YOU_ARE = r"\byou know who you are\b"

# Each idiom: a pattern whose matches are blanked, or (a near() that finds the idiom with the words that make it
# innocent, the idiom's own pattern): only the idiom is blanked, never the words between ("Thanks for nothing. Watch
# your back, you know who you are" keeps its "watch your back").
# Only articles and kind adjectives between "deserve" and the good thing, so that no insult hides in the blank.
_KIND_WORDS = (r"(?:a|an|the|some|proper|real|decent|nice|big|long|well-earned|well earned|good|great|fat|massive|huge"
               r"|new|full|fair|bumper|overdue|long-overdue|whopping|solid)")

_IDIOMS = [
    # Understanding someone's view.
    phrase(r"\b(?:i|we)\s+(?:totally\s+|completely\s+|kind of\s+|sort of\s+|do\s+)?(?:know|see|get|understand)\s+where\s+"
           r"(?:you're|you are|youre|ur|you were|you've been|he's|she's|they're|he is|she is|they are|\w+ is)\s+coming\s+from\b"),
    # Safety advice: a way home named with what makes it dangerous, in either order, within a sentence or two.
    (near(_CAREFUL_HOME, _HAZARD, 120, "\n"), phrase(_CAREFUL_HOME)),
    (near(_HAZARD, _CAREFUL_HOME, 120, "\n"), phrase(_CAREFUL_HOME)),
    # Finding someone in a group or thread ("I'll find you in the Facebook group and send the photo"); "I'll find you on
    # Facebook" is a person tracked down (dev do-0143), so the group or thread must be named.
    phrase(r"\b(?:i|we)(?:'ll| will)\s+find\s+you\s+(?:in|on)\s+the\s+(?:\w+\s+)?(?:group|thread|chat|forum|comments"
           r"|server|queue|stands|crowd)\b"),
    # Gratitude to someone unnamed.
    (near(_THANKS, _WHO_YOU_ARE, 160, "\n"), phrase(_WHO_YOU_ARE)),
    (near(_WHO_YOU_ARE, _THANKS, 60, "\n"), phrase(_WHO_YOU_ARE)),
    # What someone deserves, named and good.
    phrase(r"\bhop(?:e|ing)\s+(?:you|they|he|she|we|u)\s+(?:all\s+|both\s+)?gets?\s+(?:exactly\s+|just\s+)?what\s+(?:you|they|he"
           r"|she|we|u)(?:'re| are)?\s+deserves?\b(?:\s+(?:at last|this time|for once|now|sir|mate|folks))?\W{0,4}"
           r"(?:which is\s+|and i mean\s+|i mean\s+|namely\s+|that is\s+)?(?:" + _KIND_WORDS + r"\s+){0,3}" + _GOOD_THINGS
           + r"\b"),
    # Praise in the words of a wish that someone were gone: "the world would be a better place with more writing like
    # this" (outside test 8); "... without you" is left to the rules.
    phrase(r"\bwould be (?:a |an )?(?:much |far |lot )?better place (?:with|if (?:there were|we had)) (?:more|a few more|many more"
           r"|people like|writing like|articles like|folks like)\b"),
    # Food and places that share a slur's letters: "faggots and peas" (a Black Country dish), Twatt in Orkney and
    # Shetland (dev dh-0159, dh-0240).
    phrase(r"\bfaggots?\s+(?:and|&|with|in)\s+(?:peas|mushy peas|gravy|mash|chips|onion gravy)\b"
           r"|\b(?:from|in|to|at|near|of|visit(?:ed|ing)?)\s+twatt\b"),
    # A proposal rejected: "it's going to get shot down in committee" (outside test 8).
    phrase(r"\b(?:get|gets|got|getting|be|been|being|was|were|is|are)\s+shot\s+down\b"),
    # Underpaid: "whatever they pay him isn't enough".
    phrase(r"\bwhatever\s+(?:they|we|you|the \w+)\s+(?:pay|paid|are paying)\s+(?:him|her|them|you)\s+(?:it\s+)?(?:isn't"
           r"|is not|ain't|wasn't|is never)\s+enough\b"),
]


def without_innocent_idioms(text: str) -> str:
    """The text with each idiom of _IDIOMS blanked, keeping its length."""
    view = ascii_view(text)
    spans = []
    for idiom in _IDIOMS:
        if isinstance(idiom, tuple):
            found, own = idiom
            if (span := first_span([found], view)) is not None:
                spans += [match.span() for match in own.finditer(view, span[0], span[1])]
        else:
            spans += [match.span() for match in idiom.finditer(view)]
    if not spans:
        return text
    parts, kept_until = [], 0
    for start, end in sorted(spans):
        start = max(start, kept_until)
        if start < end:
            parts += [text[kept_until:start], " " * (end - start)]
            kept_until = end
    return "".join(parts) + text[kept_until:]


@lru_cache(maxsize=8)  # every rule and the classifier read the same comment's text
def as_said(text: str) -> str:
    """What the writer says in their own voice: the text less the quotes it reports and its innocent idioms."""
    return without_innocent_idioms(without_reported_quotes(text))
