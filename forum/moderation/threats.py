"""Threats that name no weapon and swear no oath: veiled ones, and plain statements of intent to hurt.

A veiled threat is harm to the reader (or to someone named) said as a conditional, a warning, a
coincidence or a "friendly reminder": "it would be a shame if…", "watch your back", "people like you
end up…", "these old buildings, dodgy wiring, these things happen". The patterns below are built
from those shapes rather than from particular sentences: a warning or a hint that harm "happens",
aimed at you, your home, your car or your family. Civil comments talk about threats, policy
"killing" things and accidents at junctions; so harm words alone never count, they must come with
a second person, a warning tail ("just saying", "consider yourself warned") or a first-person intent.
Pure: text in, reasons out (forum.moderation.phrases).
"""
from forum.moderation.phrases import Family, family_reasons, near, phrase, without_reported_quotes

# What is yours that a threat names.
_YOURS = (r"\byour\s+(?:\w+\s+)?(?:pub|shop|house|home|flat|car|van|business|windows?|office|kids?|family|children"
          r"|daughter|son|wife|husband|mum|mom|dad|dog|cat|garden|brakes|tyres|tires)\b")
# What happens to it. Said before "your …", only damage counts: "sorry for your family's loss" is kindness.
_DAMAGE = r"\b(?:fire|fires|brick|bricks|burn\w*|smash\w*|damage\w*|slash\w*|torch\w*|petrol)\b"
_HARM = r"(?:" + _DAMAGE + r"|\b(?:accident|accidents|hurt|harm|happen\w*|shame|pity|sorry|regret)\b)"
# How a veiled threat often ends, turning a remark into a warning.
_WARNING_TAIL = (r"\b(?:just saying|just a thought|consider (?:this|it|yourself|yourselves) (?:a )?(?:warned|warning)"
                 r"|friendly (?:reminder|warning|advice)|you(?:'ve| have) been warned|take care now|don't say you weren't warned"
                 r"|mark my words|i'd be careful|i would be careful|be careful out there|stay safe)\b")
# Accidents alone are not enough: readers warn each other that "accidents happen at this junction, just saying".
_HAPPENINGS = r"\b(?:fires?|things like that|these things|that sort of thing|bad things|dark evenings|long memor\w*|locks)\b"

VEILED: list[Family] = [
    ("veiled threat", [
        near(r"\b(?:would|'d) be a (?:real |terrible |crying |such a )?(?:shame|pity) if\b",
             r"\b(?:you|your|yours|happen\w*|accident\w*|fire|broke|went wrong)\b", 40),
        phrase(r"\b(?:watch|mind) (?:your|yer) back\b|\bsleep (?:lightly|with (?:one|both) eyes? open)\b"
               r"|\b(?:good|strong|better|decent) locks\b|\blook(?:ing)? over (?:your|yer) shoulder\b"),
        phrase(r"\b(?:something|anything) (?:bad |nasty |unfortunate )?(?:might|could|would|will|may) (?:happen|befall)"
               r" (?:to )?(?:you|your|him|her)\b"
               r"|\b(?:hate|shame|pity) (?:for|if) (?:anything|something) (?:bad )?(?:to )?happen(?:ed|s)? to (?:you|your|that|him|her)"
               r"|\b(?:accidents|bad things|things) (?:happen|tend to happen) to (?:people|those|folks|anyone) (?:who|that|like)\b"
               r"|\bget what's coming to (?:you|him|her|them)\b|\bpay (?:you|him|her) a (?:little )?visit\b"
               r"|\bnice (?:\w+ )?(?:family|kids|wife|husband) (?:you've got|you have|you got)\b"
               r"|\b(?:someone|somebody|one day|people) (?:will|is going to|are going to|gonna) make you pay\b"
               r"|\blucky (?:for you,? )?(?:that )?(?:i|we) (?:don't|do not|can't) (?:know|find) where you\b"
               r"|\bsee what happens when you (?:walk|go|get|leave|come|step)\b"
               r"|\b(?:people|folk|men|others) have been (?:hurt|killed|attacked|beaten|stabbed) for less\b"),
        near(r"\bthink (?:about|of) your (?:kids|children|family|wife|husband|daughter|son)\b",
             r"\bbefore you (?:post|write|comment|say|open your mouth|type)\b", 40),
        phrase(r"\b(?:be|stay) careful (?:walking|going|driving|getting) home\b|\bcareful (?:where|when) you (?:walk|park|go)\b"),
        phrase(r"\bknow (?:some|a few|plenty of)\s+(?:\w+\s+)?(?:folks?|people|lads|guys|friends|blokes|men|mates)"
               r"\s+who(?:'d| would)\s+(?:love|like|be happy|be glad)\s+to\s+(?:meet|visit|see|have a (?:word|chat))"),
        phrase(r"\b(?:we|i) know where (?:you|your|she|he|they|his|her)\b"
               r"|\bknow where the (?:\w+ )?(?:office|house|home|flat|school|kids|family) (?:is|are)\b"),
        near(r"\b(?:people|folks?|men|women|types?|someone|those)\s+like\s+(?:you|him|her)\b",
             r"\b(?:end up|ends up|get hurt|gets hurt|careful|disappear\w*|go missing|accident\w*|regret|learn the hard way"
             r"|get what|had better|'d better)\b", 50),
        near(_YOURS, _HARM, 60), near(_DAMAGE, _YOURS, 30),
        near(_HAPPENINGS, _WARNING_TAIL, 100, "\n"),
        near(r"\bshould\b|\bbetter\b|\bcareful\b", r"\bfrom now on\b", 40),
        # A dare with an unnamed consequence, a deadline, a lesson or a visit coming.
        near(r"\b(?:keep (?:it up|this up|talking|running your mouth|writing (?:this|pieces like|stuff like|like)|posting (?:this|like))"
             r"|try (?:it|that) again|say that again)\b", r"\bsee what happens\s*(?:[.!]|$|,? just saying)", 60),
        phrase(r"\byour (?:time|day|turn) (?:is coming|will come)\b|\byou(?:'ll| will)? (?:won't|will not|never) see it coming\b"
               r"|\b(?:someone|somebody)(?:'s| is| will|'ll)? (?:going to |gonna )?teach (?:you|him|her) a lesson\b|\b(?:journalists|reporters|writers|judges|councillors|people like you) (?:have|get|suffer|can have)"
               r" accidents\b|\baccidents (?:happen|can happen|tend to happen) to (?:\w+ ){0,2}(?:journalists|reporters|writers"
               r"|judges|councillors|critics)\b|\bhas to (?:drive|walk|go|get) home (?:some ?time|eventually|at some point)\b"
               r"|\bknows? (?:which|what) (?:gym|pub|bar) (?:he|she|you|they) (?:uses?|drinks? in|goes to|go to|trains? at)\b"
               r"|\bwhat time (?:he|she|you|they) (?:leaves?|gets? home|finish(?:es)?|walks?)\b"
               r"|\bdon't know who you(?:'re| are) (?:messing|dealing|playing) with\b|\bnot someone you want to (?:annoy|upset|cross)\b"
               r"|\b(?:will|'ll|shall) be the first (?:ones? )?(?:we|they) (?:visit|come for|go after)\b"
               r"|\bwe remember (?:names|faces)\b|\b(?:opinions|comments|talk|words|posts) like (?:that|this|yours) (?:get|gets"
               r"|can get) (?:people|you|folk|folks) (?:hurt|killed|a kicking)\b|\b(?:judges|journalists|reporters|councillors"
               r"|writers|teachers|mps|officials|editors) (?:go|walk|drive|get) home too\b"
               r"|\bbetter hope (?:i'm|i am|we're|we are|i don't|we don't|nobody|no one)\b"
               r"|\bhope (?:\w+ ){1,8}?(?:has|have|got|keeps) (?:a )?(?:sturdy|strong|solid|good|decent) (?:front door|door|locks?)\b"
               r"|\bface the consequences\W+(?:and )?not in a (?:court|courtroom)\b"),
        near(r"\bthink twice before (?:showing up|coming|going|walking|turning up|leaving|posting)\b",
             r"\b(?:if i were you|friendly advice|just saying|just a thought)\b", 100, "\n"),
        near(r"\bhas (?:kids|children|a (?:son|daughter)|two kids|young kids) at\b", r"\b(?:doesn't (?:he|she)|just saying"
             r"|right\?|isn't it)", 80, "\n"),
        near(r"\bif i (?:were|was) (?:you|him|her|the \w+)\b",
             r"\b(?:check (?:my|your|his|her) brakes|go out on (?:my|your|his|her) own|watch (?:my|your) back)\b", 60),
    ]),
]

# First-person intent to hurt someone ("I'll drag the first one out", "I'm running them over").
_I_WILL = (r"\b(?:i'll|ill|i will|i'm going to|im going to|i am going to|i'm gonna|im gonna|i am gonna|imma|i'd happily|we'll"
           r"|we will|we go|we're going to|we're gonna)\s+(?:\w+\s+){0,2}")
# Not "shoot" ("I'll shoot you an email") nor "beat" ("we'll beat them on Saturday"): those come with what follows.
_HURT = (r"(?:kill|hurt|stab|punch|smash|drag|batter|burn|torch|glass|strangle|slap|deck|thump|knock"
         r"|run (?:\w+ )?over|put a brick)\b")
_WHOM = r"\s*(?:him|her|them|you|the first|anyone|any of|one of|that|those|every|his|their|your)\b"

# Who a wish of harm names: a pronoun or someone's own (house, car, kids).
_PERSON = r"(?:you|he|she|they|him|her|them|someone|somebody|\w+'s (?:house|home|flat|car|kids|family))"
_BODILY_HARM = (r"(?:dies?\b|drops? dead|chokes?\b|drowns?\b|burns? (?:down|to death|alive)|gets? (?:hit by|run over|killed"
                r"|stabbed|shot|beaten|cancer|raped|hurt)\b|rots? in (?:hell|a ditch))")

EXPLICIT: list[Family] = [
    ("threat", [
        phrase(_I_WILL + _HURT + _WHOM),
        phrase(r"\b(?:i'm|i am|we're|we are) (?:running|driving|ramming) (?:them|him|her|you|\w+) (?:over|down)\b"),
        phrase(r"\bget(?:s|ting)? (?:glassed|stabbed|shot|battered|kneecapped|a kicking|torched|their heads? kicked)\b"),
        # The present tense of a plan ("I'm knocking your teeth out"), and the damage named.
        phrase(r"\b(?:i'm|im|i am|we're|we are)\s+(?:\w+\s+)?(?:(?:knocking|smashing|kicking|punching|stabbing|battering)"
               r" (?:you|him|her|them|your|his|their)|torching (?:the|that|his|her|their|your)|putting (?:him|her|you|them) through"
               r"|giving (?:him|her|you|them) a (?:proper )?(?:kicking|beating|hiding))\b"),
        phrase(_I_WILL + r"(?:break|smash|knock|kick) (?:your|his|her|their) (?:\w+ )?(?:jaw|legs?|neck|nose|arms?|face|skull"
               r"|teeth|head)\b|\bknock (?:your|his|her|their) teeth (?:in|out)\b|\b(?:getting|gets?|get) (?:his|her|their|your)"
               r" (?:head|face|teeth|legs) (?:smashed|kicked|caved|knocked|punched|broken)\b"),
        phrase(_I_WILL + r"(?:(?:gut|strangle|lynch) (?:you|him|her)|strangle (?:them|the)|shoot (?:the next|every|anyone|any)"
               r"|shoot (?:you|him|her|them) (?:dead|in the|on the|down|myself)"
               r"|beat (?:you|him|her|them) (?:up|senseless|black|to a pulp|to death|until)"
               r"|beat the (?:living )?(?:daylights|crap|shit|hell|life) out of)\b"
               r"|\bi(?:'ll| will)? be waiting (?:for you )?(?:outside|at|by) (?:your|his|her)\b"
               r"|\b(?:give me|gimme|i want|just give me) (?:five|5|ten|10|two|2) minutes (?:alone )?with\b"
               r"|\b(?:gets?|getting|get) a (?:brick|rock|petrol bomb) through\b"
               r"|\b(?:deserves?|needs?) a bullet\b"
               r"|\b(?:someone|somebody) (?:should|needs to|ought to) (?:shoot|stab|hang|lynch|string up|beat up)"
               r" (?:the|that|him|her)\b|\b(?:string|strung) (?:them|him|her) up\b"
               r"|\b(?:i'm|im|i am|i'll|ill|gonna|going to)\s+(?:\w+\s+)?burn(?:ing)? (?:\w+ ){1,3}down\b"),
        # "Deserves a kicking at the polls" is politics; with the speaker offering to give it, it is not.
        near(r"\b(?:deserves?|needs?) a (?:good )?(?:beating|kicking|hiding|slap)\b", r"\b(?:i'd|i'll|i will|myself|happily)\b", 60),
        phrase(r"\bi'll make sure (?:of it\s*(?:[.!]|$)|(?:he|she|they|you) (?:pay|regret|suffer))"
               r"|\bmake (?:him|her|you) (?:regret|suffer)\b|\bteach (?:\w+ ){0,2}a lesson (?:\w+ )?(?:won't|will never|never) forget\b"
               r"|\b(?:put|putting|send|sending) (?:you|him|her|them) (?:in|to|into) (?:hospital|the hospital|a wheelchair"
               r"|intensive care|the morgue|a box|an early grave)\b"),
        phrase(r"\b(?:hope|wish|pray)\w*\s+(?:for\s+)?(?:\w+\s+){0,4}(?:finish(?:es)? (?:off|the job)|wipes? (?:them |you )?out)"),
    ]),
    # Harm wished on a person rather than promised: the wish names a person (or their home) and bodily harm, so
    # "I hope the bill dies in committee" and "hope they get hit with sanctions" stay clear.
    ("wished harm", [
        phrase(r"\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?" + _PERSON + r"\s+(?:\w+\s+){0,3}?"
               + _BODILY_HARM),
        phrase(r"\b(?:hope|hoping|wish|pray)\w*\s+(?:that\s+)?(?:someone|somebody|a (?:bus|truck|lorry|car|train))\s+"
               r"(?:\w+\s+){0,2}?(?:runs?|hits?|mows?|knocks?)\s+(?:\w+\s+){0,2}?(?:over|down)\b"),
        phrase(r"\b(?:with|and) (?:him|her|them|you|his family|her family|the kids) (?:still )?(?:inside|in it|in there)\b"),
        phrase(r"\b(?:look|be|belongs?|end up|put (?:him|her|them|you))\s+(?:\w+\s+){0,2}?six feet under\b"),
        phrase(r"\bteach (?:\w+ ){0,2}a lesson (?:\w+ ){0,2}(?:won't|will not|wouldn't|never|can't) (?:walk away from|recover from"
               r"|get up from|survive)\b"),
    ]),
]


def threat_reasons(text: str) -> list[str]:
    """Reasons like "veiled threat: 'watch your back'" or "threat: 'I'll drag the first one'"."""
    return family_reasons(VEILED + EXPLICIT, without_reported_quotes(text))
