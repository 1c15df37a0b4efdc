"""Signs of spam in a comment's text. Pure: each function takes text and returns what it found."""
import re

# Services that hide where a link goes; a reader cannot judge a link they cannot read.
URL_SHORTENERS = frozenset({
    "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly",
    "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id", "v.gd", "lnkd.in", "bitly.com", "tinyurl.one",
})

_URL = re.compile(r"(?:https?://|www\.)[^\s<>()\[\]\"']+", re.IGNORECASE)
_HOST = re.compile(r"^(?:https?://)?(?:www\.)?([^/:?#]+)", re.IGNORECASE)
# Ten or more digits written as a phone number: +1 (555) 010-2030, 0044 20 7946 0958, 555.010.2030.
_PHONE = re.compile(r"(?<![\w.])(?:\+|00)?\d(?:[\s().-]{0,2}\d){9,14}(?![\w.])")
_YEARISH = re.compile(r"^\d{4}(?:[\s-]\d{4})+$")  # "2023-2024 2025" is years, not a phone

# Pitches, each with the label a moderator reads. Money alone is civil ("$40 billion in
# subsidies"); money per unit of time, promised returns and "DM me" are how spam reads.
_PITCHES = [
    (re.compile(r"\bwork(?:ing)?\s+(?:from|at)\s+home\b", re.I), "work-from-home pitch"),
    (re.compile(r"[$€£]\s?\d[\d,.]*\s*(?:k\s*)?(?:/|per|a|an|each)\s*(?:day|week|hour|hr|month)\b", re.I),
     "money per day or week"),
    (re.compile(r"\b(?:earn|make|making|made)\s+(?:up\s+to\s+)?[$€£]\s?\d", re.I), "promise of earnings"),
    (re.compile(r"\b(?:guaranteed|risk[- ]free)\s+(?:returns?|profits?|income)\b", re.I), "guaranteed returns"),
    (re.compile(r"\b(?:double|triple|10x)\s+your\s+(?:money|investment|crypto|bitcoin)\b", re.I), "promise to multiply money"),
    (re.compile(r"\b(?:dm|message|text|contact|whatsapp|telegram)\s+me\b.*\b(?:telegram|whatsapp|signal|wa\.me|t\.me)\b"
                r"|\b(?:t\.me|wa\.me)/\w+", re.I), "off-site contact"),
    (re.compile(r"\b(?:crypto|bitcoin|btc|eth|usdt|token|coin)\b[^.!?\n]{0,60}\b(?:pump|moon|presale|airdrop|100x|signals?)\b"
                r"|\b(?:airdrop|presale)\b", re.I), "crypto promotion"),
    (re.compile(r"\b(?:click|visit|check out)\s+(?:my|the)\s+(?:link|profile|bio|site)\b", re.I), "come-on to a link"),
]


def find_urls(text: str) -> list[str]:
    """Every web address written in the text (bare, or inside a Markdown link)."""
    return _URL.findall(text)


def link_hosts(urls: list[str]) -> list[str]:
    hosts = []
    for url in urls:
        match = _HOST.match(url)
        if match:
            hosts.append(match.group(1).lower().rstrip("."))
    return hosts


def shortened_hosts(text: str) -> list[str]:
    """Link shorteners used in the text, each once."""
    return sorted({host for host in link_hosts(find_urls(text)) if host in URL_SHORTENERS})


def has_phone_number(text: str) -> bool:
    without_urls = _URL.sub(" ", text)
    return any(not _YEARISH.match(m.group(0)) for m in _PHONE.finditer(without_urls))


def pitches(text: str) -> list[str]:
    """Labels of the money-making and promotion patterns the text matches."""
    return [label for pattern, label in _PITCHES if pattern.search(text)]
