"""Hostility that uses no listed word: threats, dehumanising talk about a group, and a few common
forms of contempt. Pure: text in, labels out.

The local model scores profanity and the word lists catch insults by name; neither sees "they
breed like rats" or "see what happens to your family". These patterns hold such comments for a
person to read. They are deliberately phrase-shaped (not single words), so that civil debate
about threats ("the threat of a bullet-proof treaty") is not caught. They run on the text's ASCII
view through RE2 (forum.patterns), in time linear in the text.
"""
from forum.moderation.idioms import as_said
from forum.moderation.phrases import family_reasons
from forum.patterns import Near, compile

_PATTERNS = [
    ("threat", [compile(
        r"(?i)\b(?:put|putting|puts)\s+a\s+bullet\b|\bsee what happens to (?:you|your)\b"
        r"|\b(?:should|deserves? to|ought to)\s+be\s+(?:shot|hanged|hung|killed|executed)\b"
        r"|\b(?:you|they)\s+(?:all\s+)?(?:should|deserve to|ought to|will|are going to|gonna)\s+die\b"
        r"|\bi(?:'ll| will| am going to|'m going to|'m gonna)\s+(?:find|hurt|kill|get)\s+you\b"
        r"|\b(?:know|found) where you live\b"),
        Near(r"(?i)\byour family\b", r"(?i)\b(?:pay|hurt|sorry|happens)\b", 40)]),
    ("dehumanising", [compile(
        r"(?i)\b(?:breed|multiply|swarm)\s+like\s+(?:rats|rabbits|vermin|insects|cockroaches|locusts)\b"
        r"|\blike rats\b|\b(?:they(?:'re| are)|those are|these are)\s+not (?:really |even |fully )?(?:people|human|humans)\b"
        r"|\b(?:soulless|mindless|brainless)\s+(?:drones|robots|insects|ants|zombies|hordes?)\b"
        r"|\b(?:they|these people|those people|you people)\s+(?:all\s+)?eat\s+(?:bats|dogs|cats)\b"),
        Near(r"(?i)\bhive of\b", r"(?i)\b(?:drones|insects|ants)\b", 20)]),
    ("contempt", [compile(
        r"(?i)\bleave it to the adults\b|\bbasement[- ]dweller\b|\blowers? the (?:average )?(?:iq|intelligence)\b"
        r"|\b(?:degree|diploma|phd)\s+(?:out of|from)\s+a\s+cereal box\b|\braised someone this\b"
        r"|\b(?:nobody|no one) asked for (?:the|your) opinion\b")]),
]


def hostile_phrases(text: str) -> list[str]:
    """Reasons like "threat: 'put a bullet'", one per kind found."""
    return family_reasons(_PATTERNS, as_said(text))
