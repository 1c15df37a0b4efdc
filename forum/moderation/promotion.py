"""Promotion: a first-person pitch with a link, a product pushed with sales talk, crypto and investment
come-ons. Pure: text in, reasons out. spam.py keeps the older signs (link counts, shorteners, phones).

Readers link to sources all the time, and tell their own stories ("I run a bakery"), so neither a
link nor "my business" is spam alone. A pitch is the two together: the writer's own blog, course,
shop or firm, or a call to visit, subscribe or order, with a link to go to. Links to public bodies,
universities and journals are sources, not pitches. Crypto and investment come-ons are recognised by
their shapes (a $TICKER, "100x", "portfolio up 340%", a mint with a floor price) with or without a link.
"""
from forum.moderation import spam
from forum.moderation.phrases import Family, family_reasons, near, phrase
from forum.patterns import ascii_view

# A host written without a scheme or path ("movequote-fast.co", "aichn-token.io"): a name, a dot and a
# top-level domain that sites are sold under. Words with a dot inside ("e.g.", "Node.js") are not hosts.
_BARE_HOST = phrase(
    r"(?:^|[^\w@./-])((?:[a-z0-9][a-z0-9-]*\.)+(?:com|net|org|io|co|shop|store|win|help|info|biz|xyz|app|online|site"
    r"|in|uk|us|me|ly|gg|tv|club|live|pro|ai|money|cash|bet|vip|top|link|click|page|blog|news|eu|de|fr|au|ca"
    r"|finance|trade|capital|fund|market|deals|sale|academy|courses?|agency|studio|tech|digital))\b(?:[^\w.]|$)")
_MINE = (r"\b(?:my|our)\s+(?:own\s+|new\s+|little\s+|free\s+|latest\s+)?(?:blog|newsletter|substack|course|masterclass"
         r"|class(?:es)?|consultancy|consulting|business|shop|store|site|website|channel|podcast|book|e-?book|app"
         r"|agency|portfolio|company|firm|startup|start-up|page|video|guide|workshop|coaching|programme|program|service"
         r"|services|product|brand|studio|gallery|webinar|platform|tool|academy)\b")
_I_MADE = (r"\b(?:i|we)(?:'ve| have)?\s+(?:just\s+|recently\s+|finally\s+)?(?:launched|started|built|created|founded"
           r"|opened|set up|put together|written|wrote|published|made|run|runs?|photographed|recorded|filmed)\b"
           r"(?:\s+\w+){0,6}\s+(?:blog|newsletter|course|consultancy|business|shop|store|site|website|channel|podcast"
           r"|book|app|agency|portfolio|company|firm|guide|gallery|video|article|post|piece|thread|tool|service)\b")
_COME_ON = (r"\b(?:subscribe|sign up|join|visit|check (?:it |them |me |us )?out|please (?:visit|share|read|follow|give)"
            r"|follow me|get (?:\w+ )?(?:quotes?|yours|started|a free|free|access)|order|shop|grab|claim|book (?:now|a|your)"
            r"|download|try it|use (?:my |the )?code|dm me|message me|reply (?:and|for)|full (?:gallery|story|guide|details)"
            r"|all there|more (?:details|info) (?:at|on|here))\b")
_SALES_TALK = (r"(?:\bbest\b|\bcheapest\b|\btop[- ]rated\b|\brecommended by\b|\bfive[- ]star\b|\b5[- ]star\b|\bfree (?:shipping"
               r"|delivery|trial|quote)|\bdiscount\b|\bdeal\b|\bsale\b|\bin \d+ seconds\b|\bquotes?\b|\bguaranteed\b"
               r"|\bofficial\b|\blowest price|\bshop\b|\border\b|\bwin [$]\s?\d)")

LINKED: list[Family] = [
    ("pitch: first person with a link", [phrase(_MINE), phrase(_I_MADE)]),
    ("pitch: come-on with a link", [phrase(_COME_ON)]),
    ("pitch: sales talk with a link", [phrase(_SALES_TALK), phrase(r"[*]{3,}|\x00{3,}")]),  # ★★★ are NUL in the view
]

MONEY: list[Family] = [
    ("crypto or investment pitch", [
        phrase(r"(?:^|\s)\$[a-z]{2,6}\b(?:[^\d]|$)"),  # a ticker ($AICHN); a price has digits
        near(r"\b\d{1,4}x\b", r"\b(?:incoming|token|coin|gains?|listing|floor|moon|returns?|portfolio|crypto|bitcoin"
                             r"|nft|presale|launch|before)\b", 60),
        near(r"\bnfts?\b", r"\b(?:mint\w*|floor|drop|whitelist)\b", 60),
        near(r"\b(?:portfolio|account|wallet|savings)\b[^.!?\n]{0,40}(?:\bup\s+\d+\s?%|\b\d+\s?% (?:up|gain|returns?|profit))",
             r"\b(?:joined|since i|thanks to|mentor|signals|group|whatsapp|telegram|dm|reply|message me|ask me)\b", 80, "\n"),
        phrase(r"\b(?:bitcoin|crypto|trading|forex|investment|investing|options|signals?)\s+(?:mastermind|mentor|coach"
               r"|group|club|circle|guru|expert)\b"),
        phrase(r"\bbefore (?:the|it) (?:lists|listing|moons|pumps)\b"),
        phrase(r"\b(?:passive|daily|weekly|monthly) (?:income|profits?|returns?) of\b|\breturns? of \d+\s?%"
               r" (?:a|per|every) (?:day|week|month)\b"),
    ]),
]


def links(text: str) -> list[str]:
    """Hosts the text links to, with or without a scheme, lower case, in order."""
    urls = spam.find_urls(text)
    hosts = spam.link_hosts(urls)
    view = ascii_view(text)
    hosts += [text[match.start(1):match.end(1)].lower() for match in _BARE_HOST.finditer(view)]
    return list(dict.fromkeys(hosts))


is_source = spam.is_source  # public bodies, universities, journals, newsrooms and documentation


def promotion_reasons(text: str) -> list[str]:
    """Reasons like "pitch: first person with a link ('my newsletter')" and "crypto or investment pitch: '100x'"."""
    reasons = []
    own_links = [host for host in links(text) if not is_source(host)]
    if own_links:
        reasons += [f"{reason} ({own_links[0]})" for reason in family_reasons(LINKED, text)]
    return reasons + family_reasons(MONEY, text)
