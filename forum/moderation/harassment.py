"""Harassment: following someone from thread to thread, hinting at where they live or work, and calling
for a pile-on. Pure: text (and what the caller looked up) in, reasons out.

Following is seen across comments, so the caller counts it (one query, forum/actions/comments.py)
and passes a Following in; the text rules below see the rest:
- doxxing hints: a street address, a family member's school, "does your boss know", a private
  number or home address put out for others, "I know where you…";
- pile-on calls: everyone told to contact one person ("her Twitter is…", "let her hear from all of
  us"), as opposed to civic calls to write to the council or an MP, which name no one's private reach;
- following in words: "saw you on the housing article too", "you can't hide".
Civil comments name places ("I grew up on Elm Street") and urge readers to email their councillor,
so an address counts only next to "you" or an @name, and a call to act only when aimed at him or her.
"""
from dataclasses import dataclass

from forum.moderation.idioms import as_said
from forum.moderation.phrases import Family, family_reasons, near, phrase
from forum.patterns import ascii_view

# A target named in this many threads (articles) by one author within FOLLOWING_WINDOW is being followed.
FOLLOWING_THREADS = 3
FOLLOWING_WINDOW_HOURS = 24
# Names from one comment checked for following: a comment that names more is rarely after one person,
# and the count stays one bounded query.
MAX_TARGETS = 3

_STREET = (r"\b[A-Z]\w+\s+(?:Street|St|Road|Rd|Close|Lane|Ln|Avenue|Ave|Drive|Dr|Way|Crescent|Gardens|Terrace|Court"
           r"|Place|Grove|Mews|Row|Square|Hill)\b")
_ADDRESS = r"\b\d{1,4}[a-z]?,?\s+" + _STREET[2:]
# "Still at 14 Marlow Close" points at someone; "the tyre place on Station Road is still open" at a shop (dev dr-0073).
_SOMEONE = r"@\w+|\byou\b|\byour\b|\byou're\b|\bstill\s+(?:at|on|in|living|lives|live|there|the same)\b"
_DWELLING = r"\b(?:house|home|flat|place|door|drive|garden)"
_FAMILY = r"\b(?:daughter|son|kids?|children|wife|husband|partner|mum|mom|boy|girl|missus)\b"
_CONTACT_VERB = r"\b(?:tell|message|email|e-mail|dm|call|ring|phone|text|tweet|flood|bombard|hound|visit|spam|remind|let)\b"

TEXT_FAMILIES: list[Family] = [
    ("harassment", [
        # Where someone lives.
        near(_ADDRESS, _SOMEONE, 60), near(_SOMEONE, _ADDRESS, 60),
        near(_DWELLING + r"\s+(?:on|in|at)\s+" + _STREET[2:], _SOMEONE, 80, "\n"),
        near(_SOMEONE, _DWELLING + r"\s+(?:on|in|at)\s+" + _STREET[2:], 80, "\n"),
        phrase(r"\bstill (?:at|on|living (?:at|on|in))\s+(?:number\s+)?\d"),
        phrase(r"\bwhat (?:street|road|house) (?:you're|you are|you live|she's|he's|she lives|he lives) on\b"),
        # "She lives in Leeds" is a story; where she lives with the road, the car or the invitation is a hint.
        near(r"\b(?:she|he|they|the author|the reporter|the writer|the columnist)\s+(?:lives|live|drives|parks)\b",
             r"\b(?:road|street|close|lane|behind|round the corner|next to|opposite|number|drives|car|door|usually at)\b", 80),
        phrase(r"\bi know where (?:you|she|he|they) (?:live|lives|work|works|park|parks|drink|drinks|shop|go|goes)\b"),
        # Where someone works, and who they love.
        near(r"\bdoes your (?:boss|employer|manager|line manager|wife|husband|partner|family|mum|mom|church|school"
             r"|headteacher|colleagues?|clients?|congregation)\b", r"\bknow (?:you|that you|what you|how you|about you)\b", 40),
        phrase(r"\byour\s+" + _FAMILY[2:] + r"\s+(?:goes|go|attends?|is at|plays|works|walks)\s+(?:to|at|for|home)\b"),
        near(r"\b(?:posting|here's|here is|heres|found|got hold of|sharing)\b",
             r"\b(?:personal|private|home)\s+(?:mobile|phone|number|address|e-?mail)\b", 40),
        phrase(r"\b(?:personal|private|home)\s+(?:mobile|phone|number|address|e-?mail)\s*(?:is|:)\s*\S"),
        # Badgering a reader who does not answer: "answer me, … I am not going away" (outside test 7). "Answer me
        # this" is a question; the promise to keep at them is what makes it a siege.
        near(r"\banswer me\b", r"\b(?:not going away|won'?t go away|not going anywhere|can'?t hide|cannot hide|i'?ll keep"
             r" (?:posting|asking|coming|at it)|every (?:thread|post|comment) you)\b", 120),
        near(r"\b(?:not going away|won'?t go away|not going anywhere|can'?t hide|cannot hide)\b", r"\banswer me\b", 120),
        # A pile-on.
        near(r"\b(?:everyone|everybody|all of you|you all|y'all|let's all|we should all|let's|go on|lads)\b",
             _CONTACT_VERB + r"\s+(?:him|her)\b", 40),
        phrase(r"\b(?:his|her)\s+(?:twitter|instagram|insta|facebook|tiktok|handle|inbox|email|e-mail|number|mobile"
               r"|linkedin)\s+(?:is|:)\s*@|\b(?:his|her) dms are open\b"),
        phrase(r"\blet (?:him|her|them) (?:hear from|know what)\s+(?:all of )?(?:us|we|you)\b"),
        phrase(r"\b(?:flood|bombard|blow up|fill)\s+(?:his|her|their)\s+(?:inbox|phone|mentions|dms|notifications)\b"),
        # A pile-on on a reader named, their account or their employer ("let's all flood chidi's inbox until he deletes his
        # account", "everyone report her account and message her employer"); civic calls name no one's inbox or boss.
        phrase(r"\b(?:flood|bombard|blow up|fill|spam|swamp|clog)\s+(?:up\s+)?(?:@?\w+'s|this \w+'s|the \w+'s)\s+(?:\w+\s+)?"
               r"(?:inbox|phone|mentions|dms|notifications|timeline|replies|email|voicemail|comments|profile)\b"
               r"|\bmake (?:@?\w+'s|his|her|their) (?:\w+ )?(?:inbox|mentions|notifications|dms|phone|life) (?:unusable|hell|a misery)\b"
               r"|\b(?:let's|everyone|everybody|y'all|go on|come on|all)\s+pile (?:on|in)\b|\bpile on,? (?:people|everyone|folks|lads"
               r"|guys|y'all)\b"),
        near(r"\b(?:everyone|everybody|all of you|y'all|let's all|let's|lads|folks|people|go on|we should all)\b",
             r"\b(?:report|flag|mass[- ]report|block|message|email|e-mail|dm|tag|reply to|contact|flood|spam|ring|call|write to)"
             r"\s+(?:@\w+|(?:@?\w+'s|his|her|their) (?:\w+ )?(?:account|profile|posts|comments|employer|boss|work|workplace"
             r"|manager|company|firm|school|university|church|mosque|inbox|phone|email|faculty page))", 60),
        near(r"\b(?:flood|bombard|spam|message|email|reply to|report|pile on|keep at|hound)\b",
             r"\buntil (?:he|she|they|@?\w+) (?:\w+ )?(?:deletes?|quits?|leaves|gives? up|logs? off|closes?|shuts? (?:up|down)"
             r"|cries|breaks|retracts?|resigns?|goes away)\b", 80),
        phrase(r"\b(?:message|email|e-mail|call|ring|contact|write to|tell|notify|tag)\s+(?:@?\w+'s|his|her)\s+(?:employer|boss"
               r"|workplace|manager|hr|line manager|company|firm|clients|head ?teacher|principal)\b"
               r"|\b(?:sent|send|sending|forwarded|forwarding) (?:them|it|these|this|screenshots|the screenshots|everything)"
               r" to (?:your|ur|his|her) (?:\w+ ){0,2}?(?:boss|employer|workplace|work|wife|husband|church|mosque|committee|school"
               r"|manager|family|parents|congregation)\b"
               r"|\b(?:his|her) (?:employer|boss|manager) (?:would|might) (?:like|love|want) to (?:know|hear|see)\b"),
        # Following and watching, in the writer's words.
        phrase(r"\b(?:i|we)(?:'ll| will| am going to| 'm going to)?\s+(?:read|check|watch|follow|screenshot|track|reply to|respond to"
               r"|answer)\s+(?:every(?:thing| comment| post| single (?:thing|comment|post))|all) (?:of )?(?:\w+ )?(?:you|your|ur)"
               r" (?:\w+ )?(?:post|write|make|say|comment|type)\w*\b"
               r"|\bcheck (?:your|ur) (?:profile|page|account|posts) every (?:day|morning|night|hour)\b"
               r"|\bblock me all you (?:like|want)\b|\b(?:i've|i have|got) (?:\w+ )?(?:more|other|spare|backup|new) accounts\b"
               r"|\bsame (?:car|gym|route|bus|pub|school run),? same (?:\w+ ){0,2}(?:gym|pub|comment section|route|thread|street)\b"),
        # A crime pinned on a reader or person named, for everyone ("bao is a paedophile, everyone here knows it").
        phrase(r"@\w+,?\s+(?:is|'s) (?:a |an )?(?:known |convicted |total |proper )?(?:paedophile|pedophile|paedo|pedo|nonce|rapist"
               r"|child molester|groomer|kiddie fiddler|sex offender|wife[- ]beater|murderer|drug dealer|fraudster|thief)\b"),
        near(r"\b(?:is|'s) (?:a |an )?(?:known )?(?:paedophile|pedophile|paedo|pedo|nonce|rapist|child molester|groomer|kiddie fiddler"
             r"|sex offender|wife[- ]beater|drug dealer|fraudster)\b",
             r"\b(?:everyone|everybody|we all|you all|all of us|the whole (?:site|town|street)) (?:\w+ ){0,3}?knows?\b"
             r"|\b(?:ask around|ask anyone|look it up|keep your (?:kids|children) away|lock up your (?:kids|children|daughters))\b",
             60, "\n"),
        # Following, said in words.
        phrase(r"\byou can(?:'t|not) hide from (?:me|us)\b|\bfollow(?:ing|ed)? you (?:around|everywhere|from)\b"
               r"|\b(?:every|each) (?:thread|article|post|comment section) you\b"),
        phrase(r"\b(?:saw|seen|spotted|noticed) you (?:on|in|under|over on) (?:the|that|another|every|your)\s+(?:\w+\s+){0,2}"
               r"(?:article|thread|post|story|piece|comments?|page)\b"),
        phrase(r"\bbe seeing you\b|\bsee you (?:around|soon)\s*,?\s*@"),
        phrase(r"\b(?:i'll|i will|i'm going to|gonna|and i'll) keep (?:going|doing this|replying|following|posting|at it|"
               r"commenting)\s+(?:\w+\s+)?(?:until|till|til) (?:you|u|she|he)\b"
               r"|\b(?:replied to|replying to|commented on|screenshotted|followed) (?:every|each|all) (?:single )?(?:one of )?"
               r"(?:your|ur) (?:comments?|posts?)\b|\b(?:followed|following|follow) you (?:onto|round|across|to)\b"
               r"|\bkeeping a (?:file|dossier|record) on\b|\b(?:post|posting|share|sharing) them in every thread\b"),
        # Reaching into someone's life offline: their employer, their church, their profile, where they were.
        phrase(r"\bfound (?:your|ur) (?:linkedin|facebook|instagram|insta|tiktok|old posts)\b|\blooked (?:you|him|her) up on\b"
               r"|\b(?:emailed|emailing|e-mailed|sending (?:\w+ ){0,2}to|contacted|contacting|wrote to|writing to|reported you to)"
               r" (?:your|ur) (?:boss|employer|headteacher|head teacher|manager|hr|pastor|vicar|priest|imam|church|workplace"
               r"|university|principal)\b"
               r"|\bwhat (?:your |ur )?(?:hr|boss|employer|manager|the parents|your parents|your pastor|your church) (?:would|might)"
               r" (?:think|say)\b"
               r"|\b(?:checked|looked (?:\w+ )?up on|found (?:\w+ )?on|is on) the electoral (?:roll|register)\b"
               r"|\b(?:find|found|finding|dig up|work) out where (?:this|that|the|she|he|they|you)\b(?:\s+\w+)?\s+(?:works|lives|live|work)\b"
               r"|\b(?:mass[- ]report|go spam|everyone (?:go )?spam|make (?:him|her|them) delete)\b"),
        near(r"\b(?:you were (?:at|in|outside)|saw you (?:at|in|outside)|your car's|your car is|you drive|you park|you parked"
             r"|you walk)\b", r"\bthought so\b", 80, "\n"),
        near(r"\b(?:lives|live) (?:in|on|at|near)\b", r"\bjust so (?:people|you all|everyone|y'all|you) know\b", 120),
        # Sexual remarks aimed at a reader or the author.
        near(r"\b(?:cute|hot|sexy|beautiful|gorgeous|babe)\b", r"\bsend (?:me|us) (?:a |some )?(?:pic|pics|photo|photos|selfie)", 60),
        phrase(r"\bwhat (?:are|r) (?:you|u) wearing\b|\bsend (?:me|us) (?:some )?nudes\b"
               r"|\b(?:you're|you are|ur|youre) (?:so )?(?:cute|hot|sexy) when\b"
               r"|^\W*(?:@\w+\s+)?(?:hey|hi|hello) (?:gorgeous|beautiful|sexy|babe|baby|cutie|hottie)\b"
               # Said to or of her, not of birds ("a pair of great tits down by the reservoir").
               r"|\b(?:your|her|ur|you've got|you have|she's got|she has) (?:(?:great|nice|lovely|fit) )?(?:tits|arse|curves)\b"
               r"|\b(?:great|nice|lovely|fit) (?:legs|tits|arse|curves),? (?:@|love\b|darling|babe|sweetheart|btw|by the way"
               r"|on (?:you|her)\b)"
               r"|\bunder (?:that|her|your) (?:blazer|dress|skirt|top|shirt|blouse)\b|\bdoing other things to you\b"
               r"|\b(?:looked|look|looks) (?:hot|sexy) in that\b|\b(?:girls|women) who write about \w+ are (?:always )?(?:so )?hot\b"),
        phrase(r"\bsend (?:me |us )?(?:some |your |the |a few )?(?:nudes|naked (?:pics|photos|selfies))\b|\bnudes? (?:pls|please|plz)\b"
               r"|\bbet (?:you|she|u) (?:look|looks) (?:\w+ ){0,2}(?:better|good|great|hotter) (?:with (?:less|nothing)|without|naked"
               r"|in nothing)\b|\bwon't tell (?:your|ur) (?:husband|wife|boyfriend|girlfriend|partner|hubby)\b"),
    ]),
]


@dataclass(frozen=True)
class Following:
    """A target this comment names whom its author named in other threads lately (found by the caller)."""

    target: str  # the name as written, without the @
    threads: int  # distinct articles within the window, this one included


def mentioned_names(text: str) -> list[str]:
    """The @names the text addresses, lower case, each once, at most MAX_TARGETS."""
    view = ascii_view(text)
    names: list[str] = []
    for match in _MENTION.finditer(view):
        name = text[match.start(1):match.end(1)].lower()
        if name not in names:
            names.append(name)
        if len(names) == MAX_TARGETS:
            break
    return names


_MENTION = phrase(r"(?:^|[^\w@.])@(\w{2,40})\b")


def harassment_reasons(text: str, following: Following | None = None) -> list[str]:
    """Reasons like "harassment: named @x in 3 threads today" and "harassment: 'still at 14 Marlow Close'"."""
    reasons = []
    if following is not None and following.threads >= FOLLOWING_THREADS:
        reasons.append(f"harassment: named @{following.target} in {following.threads} threads today")
    return reasons + family_reasons(TEXT_FAMILIES, as_said(text))
