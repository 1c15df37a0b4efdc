"""Signs of spam in a comment's text. Pure: each function takes text and returns what it found."""
import re

# Services that hide where a link goes; a reader cannot judge a link they cannot read.
URL_SHORTENERS = frozenset({
    "bit.ly", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd", "buff.ly", "rebrand.ly", "cutt.ly",
    "shorturl.at", "tiny.cc", "rb.gy", "t.ly", "s.id", "v.gd", "lnkd.in", "bitly.com", "tinyurl.one",
    "discord.gg", "t.me", "wa.me",  # invitations off-site, as opaque as a shortener
})

# A web address: with a scheme, starting www., or a bare host with a path ("bit.ly/x", "discord.gg/y").
_URL = re.compile(
    r"(?:https?://|www\.)[^\s<>()\[\]\"']+"
    r"|(?<![@\w.])(?:[a-z0-9-]+\.)+[a-z]{2,12}/[^\s<>()\[\]\"']*",
    re.IGNORECASE,
)
_HOST = re.compile(r"^(?:https?://)?(?:www\.)?([^/:?#]+)", re.IGNORECASE)
# Ten or more digits written as a phone number: +1 (555) 010-2030, 0044 20 7946 0958, 555.010.2030.
_PHONE = re.compile(r"(?<![\w.])(?:\+|00)?\d(?:[\s().-]{0,2}\d){9,14}(?![\w.])")
_YEARISH = re.compile(r"^\d{4}(?:[\s-]\d{4})+$")  # "2023-2024 2025" is years, not a phone

_WORK_FROM_HOME = r"\bwork(?:ing)?\s+(?:from|at)\s+home\b"
_PITCH_CONTEXT = r"(?:\b(?:earn\w*|make|making|income|jobs?|opportunit\w*|ask me|no experience)\b|[$€£]\s?\d)"

# Pitches, each with the label a moderator reads. Money alone is civil ("$40 billion in
# subsidies"); money per unit of time, promised returns and "DM me" are how spam reads.
_PITCHES = [
    # Working from home is ordinary ("I work from home on Fridays"); it is a pitch next to money or a job offer.
    (re.compile(rf"{_WORK_FROM_HOME}[^.!?\n]{{0,80}}{_PITCH_CONTEXT}|{_PITCH_CONTEXT}[^.!?\n]{{0,80}}{_WORK_FROM_HOME}",
                re.I), "work-from-home pitch"),
    # Per day or week, not per hour: "$2 an hour" is what renting a GPU costs, and people say so.
    (re.compile(r"[$€£]\s?\d[\d,.]*\s*(?:k\s*)?(?:/|per|a|an|each)\s*(?:day|week)\b", re.I),
     "money per day or week"),
    (re.compile(r"\binvest\s+[$€£]?\s?\d[\d,]*.{0,40}?\b(?:receive|get|earn|make)\s+[$€£]?\s?\d", re.I),
     "promise to multiply money"),
    (re.compile(r"\b(?:earn|make|making|made)\s+(?:up\s+to\s+)?[$€£]\s?\d", re.I), "promise of earnings"),
    (re.compile(r"\b(?:guaranteed|risk[- ]free)\s+(?:returns?|profits?|income)\b", re.I), "guaranteed returns"),
    (re.compile(r"\b(?:double|triple|10x)\s+your\s+(?:money|investment|crypto|bitcoin)\b", re.I), "promise to multiply money"),
    (re.compile(r"\b(?:dm|message|text|contact|whatsapp|telegram)\s+me\b.*\b(?:telegram|whatsapp|signal|wa\.me|t\.me)\b"
                r"|\b(?:t\.me|wa\.me)/\w+", re.I), "off-site contact"),
    (re.compile(r"\b(?:crypto|bitcoin|btc|eth|usdt|token|coin)\b[^.!?\n]{0,60}\b(?:pump|moon|presale|airdrop|100x|signals?)\b"
                r"|\b(?:airdrop|presale)\b", re.I), "crypto promotion"),
    (re.compile(r"\b(?:click|visit|check out)\s+(?:my|the)\s+(?:link|profile|bio|site|channel)\b|\blink in (?:my )?bio\b", re.I),
     "come-on to a link"),
    (re.compile(r"\b\d{2,3}\s?% off\b|\b(?:enroll|order|buy|sign up|register)\s+now\b|\blimited\s+(?:time|spots|offer|places)\b"
                r"|\bpromo(?:tion)?\s+code\b|\bjoin our (?:discord|telegram|whatsapp|group|channel)\b", re.I),
     "sales pitch"),
    (re.compile(r"\bverify your (?:identity|account|details)\b|\b(?:avoid|prevent) (?:account )?(?:suspension|closure)\b"
                r"|\byour account (?:has been|will be) (?:flagged|suspended|locked|closed)\b", re.I),
     "phishing pattern"),
    (re.compile(r"\bcasino\b|\bfree spins\b|\bbetting bonus\b|\bsports? betting\b", re.I), "gambling offer"),
    (re.compile(r"\bessay writing\b|\b(?:essay|dissertation|thesis|homework)s?\b.{0,40}\b(?:written|writing service)\b"
                r"|\bplagiarism[- ]free\b", re.I), "essay mill"),
    (re.compile(r"\b(?:beautiful|hot|lonely|sexy)\s+(?:women|girls|singles|ladies)\b.{0,40}\b(?:near you|tonight|waiting)\b"
                r"|\bsingles near you\b", re.I), "dating spam"),
    (re.compile(r"\bpay (?:in|with) (?:usdt|btc|bitcoin|crypto)\b", re.I), "crypto payment"),
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
    return any(
        not _YEARISH.match(m.group(0)) and not _is_isbn(m.group(0), without_urls[max(0, m.start() - 12):m.start()])
        for m in _PHONE.finditer(without_urls)
    )


def _is_isbn(number: str, before: str) -> bool:
    """A book number: said to be one, or 13 digits starting with a book prefix (978-3-16-148410-0)."""
    digits = re.sub(r"\D", "", number)
    return bool(re.search(r"\bISBN", before, re.I)) or (len(digits) == 13 and digits[:3] in ("978", "979"))


def pitches(text: str) -> list[str]:
    """Labels of the money-making and promotion patterns the text matches."""
    return [label for pattern, label in _PITCHES if pattern.search(text)]
