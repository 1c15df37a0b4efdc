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
from forum.moderation.idioms import as_said
from forum.moderation.phrases import Family, family_reasons, near, not_mentioned, phrase, unless
from forum.patterns import ascii_view

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

# Whom a veiled threat is about, when it names them by their job rather than "you".
_TARGET_BY_ROLE = (r"\b(?:the|that|this|our|your|any|every)?\s*(?:journalist|reporter|writer|author|columnist|editor|judge"
                   r"|councillor|mayor|director|lawyer|doctor|ref|referee|mod|moderator|landlord|contractor|engineer|ceo"
                   r"|scab|union rep|delegate|official|minister|mp|presenter)\b")
_PLURAL_ROLE = (r"\b(?:judges|journalists|reporters|councillors|writers|teachers|mps|officials|editors|moderators|mods|lawyers"
                r"|doctors|referees|refs|landlords|columnists|authors|people like you)")
# What is somebody's, for a hint that it breaks, burns or goes flat ("her clinic has lovely big windows. Very breakable").
_THEIR_THINGS = (r"\b(?:your|his|her|their|\w+'s)\s+(?:[\w-]+\s+){0,3}?(?:windows?|windscreen|car|van|truck|tyres|tires"
                 r"|brakes|house|home|shop|clinic|office|surgery|garage|fence|door|business|roof|conservatory|greenhouse|studio)\b"
                 r"|\b(?:nice|lovely) (?:[\w-]+ ){0,2}?(?:car|shop|house|home|windows|van|truck|business|conservatory|greenhouse"
                 r"|studio|garden|front door)\b")
# Said as a hope or a worry, never as news: "her car went up in flames on the bypass" is a report.
_FRAGILE = (r"\b(?:breakable|flammable|how long (?:\w+ ){0,3}last|well insured|fires? start so easily"
            r"|(?:wouldn't want|would hate|shame if|pity if) (?:\w+ ){0,3}?(?:to )?(?:go|going|went) (?:in|up|flat|missing))\b")

VEILED: list[Family] = [
    ("veiled threat", [
        near(r"\b(?:would|'d) be a (?:real |terrible |crying |such a )?(?:shame|pity) if\b",
             r"\b(?:you|your|yours|happen\w*|accident\w*|fire|broke|went wrong|went in|went up|got smashed)\b", 40),
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
               r"|can get) (?:people|you|folk|folks) (?:hurt|killed|a kicking)\b"
               r"|" + _PLURAL_ROLE + r" (?:go|walk|drive|get) home (?:at night |alone )?(?:too|like (?:everybody|everyone|anyone"
               r"|the rest of us))\b|" + _PLURAL_ROLE + r" have (?:home )?(?:addresses|families|kids) too\b"
               r"|\bbetter hope (?:i'm|i am|we're|we are|i don't|we don't|nobody|no one)\b"
               r"|\bhope (?:\w+ ){1,8}?(?:has|have|got|keeps) (?:a )?(?:sturdy|strong|solid|good|decent) (?:front door|door|locks?)\b"
               r"|\bface the consequences\W+(?:and )?not in a (?:court|courtroom)\b"),
        near(r"\bthink twice before (?:showing up|coming|going|walking|turning up|leaving|posting)\b",
             r"\b(?:if i were you|friendly advice|just saying|just a thought)\b", 100, "\n"),
        near(r"\bhas (?:kids|children|a (?:son|daughter)|two kids|young kids) at\b", r"\b(?:doesn't (?:he|she)|just saying"
             r"|right\?|isn't it)", 80, "\n"),
        # What is theirs, and how easily it breaks or burns.
        near(_THEIR_THINGS, _FRAGILE, 120, "\n"), near(_FRAGILE, _THEIR_THINGS, 60, "\n"),
        near(r"\bcareful\b", r"\bgo(?:es)? up (?:very |so )?easily\b", 80, "\n"),
        phrase(r"\bsee how long (?:\w+ ){0,4}?(?:windows?|car|tyres|shop|house|door|fence|van|kneecaps|teeth)\s+(?:last|lasts"
               r"|stay|stays|survive)|\b(?:would|'d) be (?:terrible|awful|tragic|sad|a shame|a pity) if (?:something|anything)"
               r" (?:bad |nasty )?(?:happened|were to happen|was to happen) to (?:you|him|her|them|your|his|their)\b"
               r"|\b(?:would|'d) be a (?:real |terrible |crying |such a )?(?:shame|pity) if (?:the |your |his |her )?(?:\w+ )?"
               r"(?:windows?|tyres|car|shop|house) (?:went|got|were|was) (?:in|smashed|broken|slashed|burn\w*|torched)"),
        near(r"\b(?:you've got|you have|you got) a (?:lovely|nice|beautiful) (?:family|wife|husband|kids|house|home|car|daughter|son)\b",
             r"\b(?:shame|pity|terrible|awful|happen\w*|careful|think about it)\b", 120, "\n"),
        # Knowing where someone is, said by a crowd or to the person ("plenty of us know where you drink",
        # "we know which newsroom you work in", "we've got her office address now").
        phrase(r"\b(?:we|i|us|lads|people|folk|folks|they)\s+(?:all\s+|already\s+)?(?:know|knows)\s+(?:exactly\s+)?(?:where|which"
               r" \w+|when|what time)\s+(?:\w+\s+){0,2}?(?:you|you're|he|she|they|your|his|her)\b"
               r"|\b(?:plenty|some|a few|lots|loads|many|most|all) of us\s+(?:who\s+)?(?:\w+\s+)?(?:know|knows)\s+(?:exactly\s+)?"
               r"(?:where|which|when|what time)\s+(?:\w+\s+){0,3}?(?:you|he|she|they|your|his|her|their|meets|lives|works|parks"
               r"|drinks|sleeps|stays|staying)\b"
               r"|\b(?:would|'d) hate for (?:\w+ ){0,4}?to (?:find out|learn|know|discover) (?:which (?:hotel|house|street|school|gym"
               r"|pub|office|road|car|flat)|where (?:he|she|they|you|his|her))\b"),
        near(r"\b(?:address|postcode|where (?:she|he|they) (?:lives?|works?))\b", r"\benjoys? the visit\b", 80, "\n"),
        # Remembering a face, in a small place ("the lads will remember your face. Small town, this").
        near(r"\bremember (?:your|his|her|their) faces?\b", r"\b(?:small (?:town|place|city)|careful|watch|next time|lads"
             r"|long memor\w+)\b", 80, "\n"),
        phrase(r"\blong memor(?:y|ies) and short tempers?\b"
               r"|\b(?:we|we've|we have|us|lads|lads have|lads've|of us have|of us've) (?:got )?long memories\b"),
        near(r"\byour face\b", r"\beasy to (?:recogni[sz]e|spot|find)\b", 100, "\n"),
        near(r"\bhide behind (?:your|yer|ur|the|his|her) (?:byline|keyboard|screen|username|desk)\b",
             r"\b(?:no that big|not that big|small (?:town|place|city)|only so (?:big|far)|can't hide forever|find you)\b", 100,
             "\n"),
        # Danger in the place, aimed at the person ("not safe for you anymore", "look over his shoulder").
        phrase(r"\bnot safe for (?:you|him|her|them) (?:any ?more|here|round here|now)\b"
               r"|\blook(?:ing)? over (?:his|her|their) shoulders?\b"
               r"|\b(?:anger|that|it|this|hate) (?:doesn't|does not|won't|will not|don't) stay (?:on the internet|online)\b"
               r"|\bsomewhere (?:nobody|no one|no-one)(?:'s| is| can| will)? (?:watching|see|hear|around|looking)\b"
               r"|\bwhere (?:nobody|no one) (?:can|will) (?:see|hear)\b"
               r"|\bbetter not show (?:his|her|your|their) face\b"
               r"|\bshould think (?:real |very |really |long and hard )?(?:carefully |hard )?about (?:where|when|what time) (?:he|she"
               r"|they|you) (?:parks?|walks?|lives?|goes|drives?|leaves?|sleeps?)\b"
               r"|\bsettle (?:\w+ ){0,8}?the old[- ]fashioned way\b"
               r"|\bremember what happened to (?:the )?(?:collaborators|traitors|quislings|informers|grasses|snitches)\b"
               r"|\bnot the (?:legal|lawful|legitimate|electoral|court|peaceful) kind\b"
               r"|\bconsequences (?:don't|do not|won't|doesn't) (?:always )?(?:come|happen|arrive) (?:at|in|through) the (?:ballot box"
               r"|polls|courts?|voting booth)\b"
               r"|\bonly learn (?:when|once|if) (?:they|you|he|she) (?:feel|get hurt|bleed)\b"
               r"|\b(?:they|\w+s) will learn (?:soon enough |very soon )?what (?:that|this) means\b"
               r"|\bis about to (?:learn|find out)\s*(?:[.!]|$)"),
        near(_TARGET_BY_ROLE, r"\b(?:must|should|had better|better|'d better|needs? to|wants? to) (?:be )?(?:very |really |extra )?"
                              r"careful (?:(?:in|round|around) (?:this |that )?\w+\s*(?:[.!,]|$)|walking|going out|out there|at night"
                              r"|after dark|from now on)", 60),
        near(r"\b(?:a lot of|lot of|lots of|plenty of|many|loads of|\d+) (?:very )?(?:angry|upset|furious) (?:people|folk|lads|men"
             r"|locals|fans|parents)\b|\bpeople are (?:very |really )?(?:angry|upset|furious)\b",
             r"\b(?:sleep well|sleep tight|after dark|if i were|know (?:where|exactly)|look over|careful|read this paper|remember)\b",
             120, "\n"),
        near(r"\bif i (?:were|was)\b", r"\b(?:for a while|after dark|head down|lie low|leave town|move house|wouldn't be on that"
                                       r" road)\b", 80),
        near(r"\b(?:stay|staying) (?:indoors|inside|in|home|away) for a while\b", r"\bif i (?:were|was) you\b", 40),
        near(r"\b\w+'s (?:morning|evening|daily|usual|early|night) (?:run|jog|commute|route|ride|cycle)\b"
             r"|\b(?:his|her|your) (?:morning |evening |daily |usual |early )?(?:run|jog|commute|route|dog walk)\b|\bwalks the dog\b",
             r"\b(?:lonely|deserted|isolated|no (?:electric fence|witnesses)|nobody(?:'s| is)? (?:around|watching)"
             r"|anything (?:can|could) happen)\b", 150, "\n"),
        near(r"\baccidents happen to\b", _WARNING_TAIL, 100, "\n"),
        # A condition and a consequence for whoever turns up ("if any of these people show up, they'll regret it").
        near(r"\bif (?:any (?:of )?(?:these|those|them|you|\w+)|that \w+)\b",
             r"\b(?:show(?:s)? (?:up|(?:his|her|their|your) face)|turn(?:s)? up|come(?:s)? (?:round|near|here|back))\b"
             r"[^.!?\n]{0,30}\b(?:regret it|be sorry|pay for it)\b", 60),
        near(r"\bif i (?:were|was) (?:you|him|her|the \w+)\b",
             r"\b(?:check (?:my|your|his|her) brakes|go out on (?:my|your|his|her) own|watch (?:my|your) back)\b", 60),

        # A consequence left unnamed, for a person ("keep writing these and one day you won't be writing anything",
        # "there are always consequences. Ask around"). Policy consequences come with no such tail.
        phrase(r"\bkeep (?:on )?\w+ing\b(?:\s+\S+){0,6}?\s+and (?:one day |someday |soon |eventually |sooner or later )?"
               r"(?:you|he|she|they)(?:'ll| will)? (?:won't|will not|wont|might not|may not|can't|will never) be (?:able to )?"
               r"\w+ing (?:anything|again|anymore|any more|at all)\b"),
        near(r"\bkeep (?:on )?(?:writing|posting|talking|commenting|digging|poking|reporting|asking)\b",
             r"\b(?:one day|someday|soon|eventually|sooner or later)\b[^.!?\n]{0,40}\b(?:visit|come round|come calling|turn up"
             r"|show up|find you|knock)\w*", 60),
        phrase(r"\b(?:there are|there's|there will be|there'll be) (?:always )?consequences\W+(?:ask around|just saying|think on"
               r"|remember that|you'll see|for people like you|personal ones)\b"
               r"|\bconsequences (?:for (?:you|him|her|people like you)|have a way of (?:finding|catching up))\b"
               r"|\b(?:things|karma|it all|this) (?:has|have) a way of catching up (?:with|to) (?:you|people like you)\b"),
        # Accidents nobody will look into, and the person far from help.
        near(r"\b(?:accidents|things|stuff) (?:happen|can happen|have happened)\b|\bpeople (?:go missing|disappear|vanish)\b",
             r"\b(?:nobody|no one|no-one) (?:ever )?(?:finds?|found|sees?|saw|hears?|heard|asks?|asked|knows?|looks?)"
             r" (?:anything|a thing|nothing|them|a body|out)\b|\bnever (?:found|solved|get found)\b|\bno (?:witnesses|questions)\b",
             100, "\n"),
        near(r"\b(?:nearest (?:neighbou?r|house|farm)|neighbou?rs?)(?:'s| is| are)? (?:\w+ ){0,3}?(?:miles|mile)\b",
             r"\b(?:sheriff|police|cops?|deputies|troopers?|guards)(?:'s| is| are)? (?:\w+ ){0,3}?(?:minutes|hours|miles) (?:\w+ )?"
             r"(?:away|off|out)\b", 120, "\n"),
        near(r"\b(?:your|his|her|their) (?:street|road|lane|house|place|farm|flat|driveway)\b",
             r"\b(?:(?:very|so|nice and|really|awful|dead) quiet (?:at night|after dark)|no (?:cctv|cameras|street ?lights)"
             r"|(?:nobody|no one) (?:would|will|could) hear)\b", 100, "\n"),
        phrase(r"\b(?:nobody|no one|no-one) (?:would|will|'d|could) hear (?:you|him|her|them) scream\b"
               r"|\bcheck(?:ing)? under (?:your|his|her|their|my) (?:car|van|truck)\b"
               r"|\b(?:won't|will not|never) see (?:them|us|it|him) coming\b"
               r"|\b(?:meets?|met|meeting|catch(?:es)?|runs? into|bumps? into) (?:me|us) (?:\w+ ){0,2}?in an? (?:dark|quiet|empty)"
               r" (?:alley|lane|car park|street|road)\b"
               r"|\bsee what happens when (?:\w+ ){0,3}(?:meets?|runs? into|bumps? into|comes across) (?:me|us)\b"
               r"|\btick,?[ -]tock\b[^.!?\n]{0,30}[.!,]?\s*(?:\w+\W+){0,3}?(?:we're|we are|they're|they are|i'm|i am) coming\b"
               r"|\benjoy (?:your|ur|his|her) (?:last|final) (?:\w+ ){0,2}(?:of freedom|as a free (?:man|woman)|in one piece|alive)\b"
               r"|\b(?:last|final) (?:week|weeks|days?|month|night|weekend) of freedom,? (?:@|\w+\s*[.!]|mate|pal|love)"
               r"|\b(?:take|keep) (?:notes|a list|lists|names)\b[^.!?\n]{0,40}\b(?:you|your|people like you)\b"
               r"|\b(?:his|her|your|their) (?:kids|children|daughter|son)(?:'s|') (?:walk|route|journey|bus) (?:to|home from) school\b"
               r"|\bnot all of us are (?:the )?(?:forgiving|patient|peaceful|understanding) (?:type|kind|sort)\b"),
        near(r"\b(?:might|may|would|'d|should|better|want to|wanna) (?:want to |wanna )?(?:find|take|try|use|start taking)"
             r" (?:a |another |some )?(?:new|different|other|safer|longer) (?:route|way|road) (?:home|to work|to school)\b",
             _WARNING_TAIL + r"|\bif i (?:were|was) (?:you|him|her)\b|\b(?:tip|mate|pal|sunshine|sweetheart|love)\s*[.!]|@\w+", 80,
             "\n"),
        near(r"@\w+|\b(?:tell|warn) (?:that|the|this|your) \w+\b",
             r"\b(?:might|may|would|'d|should|better) (?:want to |wanna )?(?:find|take|try|use) (?:a |another )?(?:new|different"
             r"|other|safer) (?:route|way|road) (?:home|to work|to school)\b", 80, "\n"),
    ]),
]

# First-person intent to hurt someone ("I'll drag the first one out", "I'm running them over").
_I_WILL = (r"\b(?:i'll|ill|i will|i'm going to|im going to|i am going to|i'm gonna|im gonna|i am gonna|imma|i'd happily|we'll"
           r"|we will|we go|we're going to|we're gonna|i'd|id|i would|gonna)\s+(?:\w+\s+){0,2}")
# Not "shoot" ("I'll shoot you an email") nor "beat" ("we'll beat them on Saturday"): those come with what follows.
_HURT = (r"(?:kill|hurt|stab|punch|smash|drag|batter|burn|torch|glass|strangle|slap|deck|thump|knock"
         r"|run (?:\w+ )?(?:over|down)|put a brick)\b")
# What a sporting "smash them" is said of.
_FIXTURE = (r"\b(?:on (?:saturday|sunday|friday|tuesday|wednesday|the day)|match|game|final|derby|league|cup|season|points"
            r"|goals?|innings|wickets|the table|at home|away from home|quiz|scoreboard|tournament|playoffs?|semis?)\b")
_WHOM = r"\s*(?:him|her|them|you|the first|the next|anyone|any of|one of|that|those|every|his|their|your)\b"
# People a threat names by their role rather than a pronoun ("kill the museum director", "punch the next presenter").
_SOMEONE_BY_ROLE = (r"(?:the|that|this|every|any|each|the next)\s+(?:[\w-]+\s+){0,2}?(?:director|exec|executive|ceo|boss"
                    r"|ref|referee|journalist|reporter|writer|author|columnist|editor|mayor|councillor|presenter|landlord"
                    r"|cyclist|officer|mod|moderator|judge|doctor|nurse|teacher|scab|official|minister|mp|driver|contractor"
                    r"|engineer|lawyer|agent|guy|bloke|man|woman|lad|kid|member|manager|owner|neighbour|neighbor|cop"
                    r"|protester|protestor|picket|activist|politician|chairman|chair|delegate)s?\b")
# Places a first-person threat burns or smashes ("I'll torch the new stadium").
_PROPERTY = (r"(?:the|that|this|his|her|their|your)\s+(?:[\w-]+\s+){0,2}?(?:stadium|office|offices|house|home|flat|car"
             r"|van|shop|building|mosque|church|synagogue|temple|school|clinic|surgery|town hall|newsroom|studio|gallery"
             r"|museum|depot|windscreen|windows?)\b")
_WEAPON = (r"\b(?:a|my|the|our|his|an)\s+(?:\w+\s+)?(?:hammer|bat|axe|knife|machete|rifle|gun|shotgun|pistol|crowbar"
           r"|petrol can|can of petrol|jerry can)s?\b")

# Who a wish of harm names: a pronoun or someone's own (house, car, kids).
_PERSON = r"(?:you|he|she|they|him|her|them|someone|somebody|\w+'s (?:house|home|flat|car|kids|family))"
# Whom a wish of death names: a pronoun, someone's family, a person by role, an @name, or all of them.
_WHO_SUFFERS = (r"(?:you|he|she|they|him|her|them|@\w+|(?:your|his|her|their|that \w+'s|the \w+'s|\w+'s) (?:whole |entire )?"
                r"(?:family|kids|children|wife|husband|mum|mom|mother|dad|father|son|daughter|parents|lot)"
                r"|(?:the|that|this|every|each|those|these|our) (?:\w+ )?(?:author|writer|columnist|reporter|journalist|editor|judge"
                r"|cop|officer|landlord|councillors?|council|mayor|minister|mp|ceo|boss|referee|ref|protesters?|board|trustees?"
                r"|ceo|gm|manager|owner|driver|cyclists?|politicians?|people|lot|guy|bloke|man|woman|scum|one of them|last one of them)"
                r"|every (?:last |single )?one of (?:them|you|those|these)|all of (?:them|you)|the (?:whole|entire) (?:lot|council|board))")
_DEATH = (r"(?:dies?\b|dying\b|drops? dead|chokes?\b|drowns?\b|burns? (?:to death|alive)|bleeds? out|rots?\b|suffers? (?:slowly|a slow)"
          r"|(?:gets?|catch(?:es)?|contracts?|develops?) (?:\w+ )?(?:cancer|aids|ebola|covid|it|a tumou?r|dementia|leprosy)\b"
          r"|(?:gets?|got) (?:\w+ )?back in a box|(?:comes?|goes) home in a (?:box|body ?bag|coffin)|(?:is|are|was|were) (?:\w+ )?dead"
          r"|(?:had been )?(?:standing|sitting|inside|on it|in it) when (?:it|the \w+) (?:cracked|collapsed|fell|went up|blew))")
_BODILY_HARM = (r"(?:dies?\b|drops? dead|chokes?\b|drowns?\b|burns? (?:down|to death|alive)|gets? (?:hit by|run over|killed"
                r"|stabbed|shot|beaten|cancer|raped|hurt)\b|rots? in (?:hell|a ditch))")


# A first-person threat told as a memory of what the writer once said ("I told my brother I'd kill him if he read my
# diary", "I once screamed that I would strangle the printer"). Told to "you", it is no memory: "I told you I'd find you".
# The match reaches back over the telling, so that the negation can see it.
_SPEECH = r"(?:told|said|swore|screamed|shouted|yelled|joked|thought|muttered|threatened)"
_SAID_BEFORE = (r"(?:\b" + _SPEECH + r"\s+(?:(?:him|her|them|me|us|everyone|everybody|myself|people|(?:my|the|our|his|her|a)"
                r" [\w\x27\x00]+)\s+)?(?:that\s+)?)?")
# Only "I'd", "I would": "I've told him I'll batter him if he comes back" is a threat still standing.
_SAID_NEGATION = (r"\b" + _SPEECH + r"\s+(?:(?:him|her|them|me|us|everyone|everybody|myself|people|(?:my|the|our|his|her|a)"
                  r" [\w\x27\x00]+)\s+)?(?:that\s+)?(?:i[\x27\x00]d|i would|we[\x27\x00]d|we would|id)\b")


def _not_told(pattern: str):
    """phrase(pattern), except where it is what the writer once told someone they would do."""
    return unless(phrase(_SAID_BEFORE + pattern), _SAID_NEGATION)


# Issue 13: shapes of threat that writers nobody tuned on used, kept general (a plan, a target, a menace).
# Said by the writer about what they are about to do ("I'm", "I'll", "gonna", Jamaican "mi a go").
_PLAN = (r"\b(?:i'll|ill|i will|i'm|im|i am|i'd|we'll|we will|we're|we are|gonna|imma|(?:mi|me) (?:a|ah) go)\b")
# Menace left hanging after a remembered name or face ("roads are long and very dark out here").
_DARK_ROADS = (r"\b(?:roads?|lanes?|nights?|evenings?|car parks?|drives?|walks?)\s+(?:\w+\s+){0,6}?(?:dark|lonely|isolated"
               r"|long and (?:\w+ )?dark)\b|\bdark out here\b|\baccidents? (?:happen|can happen)\b")
# A person the writer could be offering to hurt, named or by role ("the head of education", "the CEO's car, then him").
_PERSON_OBJECT = (r"(?:him|her|them|you|(?:the|that|this|every|any|each|the next)\s+(?:[\w-]+\s+){0,2}?(?:head|director|exec"
                  r"|executive|ceo|boss|ref|referee|journalist|reporter|writer|author|columnist|editor|mayor|councillor"
                  r"|presenter|landlord|officer|judge|teacher|headteacher|headmaster|minister|mp|manager|owner|chairman|chair"
                  r"|gm|inspector|bailiff|magistrate|sheriff|governor|senator|president|banker|fund manager|trustee)s?(?: of (?:\w+ ){0,2}?\w+)?)")
# The writer offering to carry out violence that someone else names ("… needs a kicking. I'll do it myself").
_OFFER = (r"\b(?:i'll|i will|i'd|i would)\s+(?:gladly |happily |personally )?(?:do it|do the honou?rs|volunteer|bring the"
          r" (?:rope|petrol|matches|bat|gun|noose)|hold (?:his|her|their) coat|supply the \w+)\b|\bcount me in\b"
          r"|\bfirst in (?:the )?(?:queue|line)\b")
_VIOLENCE_NAMED = (r"\b(?:needs?|deserves?) a (?:good |proper )?(?:kicking|beating|hiding|slap|bullet|bat)\b"
                   r"|\b(?:going to|gonna|should|ought to|needs to) (?:stab|shoot|hang|lynch|kill|batter|string up|beat up"
                   r"|torch|burn) (?:that|the|him|her|them|those)\b"
                   r"|\b(?:lynch|string up|shoot|stab) (?:the|that|this|him|her|them)\b"
                   r"|\b(?:should|ought to|needs? to|deserves? to) be (?:\w+ ){0,4}?(?:shot|hanged|hung|lynched|strung up|executed"
                   r"|stabbed|beaten|battered|kneecapped)\b")

MORE_VEILED = [
    # Warned that others are less restrained than the writer ("not everyone here is as forgiving as I am").
    phrase(r"\bnot (?:everyone|everybody|all of us|all of them)(?:\s+(?:on|in|here|round|around|at|from|who)\b(?:\s+\w+){0,3}?)?"
           r"(?:'s|\s+is|\s+are|\s+will be|'s going to be|\s+is going to be|\s+are going to be)? (?:going to be |gonna be )?(?:quite )?as (?:forgiving"
           r"|polite|nice|patient|restrained|understanding|calm|civil|friendly|reasonable|peaceful|gentle|kind)"
           r" as (?:me|i am|i|we are|us)(?:\s*(?:[.!,;]|$)|\s+about (?:it|this|that|you)\b|\s+(?:when|if)\b)"),
    # Told to be careful, by name, and nothing more ("@xu_ming you should be careful.").
    near(r"@\w+", r"\b(?:should|had better|'d better|better|might want to|want to) (?:be|stay|tread) (?:very |really )?"
         r"careful\s*(?:[.!]|$)", 60, "\n"),
    # Where someone is, and "so do we" ("juries know where the court is and so do we").
    near(r"\bknows? where\b", r"\b(?:and|,) so do (?:we|i|us|the lads)\b|\band (?:we|i) do too\b", 60, "\n"),
    # A name remembered and a dark road ("the truckers remember which politicians closed that bridge").
    near(r"\bremember(?:s|ed|ing)? (?:which|who|every|each|all the|the names|names|faces|your face|their faces)\b",
         _DARK_ROADS, 150, "\n"),
    # A threat denied while it is made ("nobody's threatening you, we're just remembering", "not a threat, just a reminder").
    near(r"\b(?:nobody|no one|no-one)(?:'s| is) threatening (?:you|anyone|anybody)\b",
         r"\bjust (?:remembering|noting|observing|watching|reminding|a (?:reminder|friendly)|an observation|keeping (?:track|a list"
         r"|notes|count))\b", 80, "\n"),
    phrase(r"\bnot a threat\W+(?:\w+\W+){0,3}?(?:just|only|merely) (?:a |an )?(?:observation|reminder|fact|saying|remembering"
           r"|friendly)\b"),
    # What happened to the last one who did it ("remember the last reporter who went poking around? … Think on").
    near(r"\bremember what happened to (?:the last|that|the) (?:\w+ )?(?:reporter|journalist|writer|one|person|guy|bloke|man"
         r"|woman|fella|councillor|lad|girl|critic|author|editor|official|inspector|snitch|grass|nosy \w+)s?\b",
         r"\b(?:think on|neither does|nobody|no one|no-one|just saying|careful|be warned|wise up|exactly)\b", 150, "\n"),
    # A drive home spoiled, said as a hint ("let's just say they won't enjoy the drive back tonight").
    near(r"\blet's just say\b", r"\b(?:won't|will not|wouldn't|aren't going to|isn't going to) (?:enjoy|like|make it)"
         r" (?:\w+ ){0,8}?(?:tonight|after dark|at night|alone|on (?:their|his|her|your) own)\b|\b(?:might|may|won't) (?:not )?make it"
         r" home\b", 120, "\n"),
    near(r"\b(?:registration|number plate|licence plate|license plate|reg|address|postcode|where (?:you|he|she|they)"
         r" (?:live|lives|park|parks|work|works))\b", r"\benjoy (?:the|your|his|her|their) (?:\w+ )?(?:drive|walk|ride|trip"
         r"|journey|commute) (?:home|back)\b", 120, "\n"),
    # Someone's address or number plate "got" by the writer; not when it went to the police, the insurer or a file
    # ("I got his number plate and gave it to the police"): the match reaches over what follows so the negation sees it.
    unless(phrase(r"\b(?:we've|we have|i've|i have|we|i|lads have|people have) (?:now )?(?:got|found|have) (?:his|her|their|your)"
                  r" (?:home |office |work |private |new |car |van |number |licence |license )?(?:address|postcode|registration"
                  r"|reg|plate|plates|number plate|licence plate|license plate)(?: number| plate)?\b"
                  r"(?:\W+(?:\w+\W+){0,6}?(?:police|cops|insurer|insurance|dvla|on file|receipt|reported|report|gave it|passed it"
                  r"|handed it|petition|delivery|invoice)\b)?"),
           r"\b(?:police|cops|insurer|insurance|dvla|on file|receipt|reported|report|gave it|passed it|handed it|petition"
           r"|delivery|invoice)\b"),
    # A dare, and a grave or a dentist at the end of it ("one more article like this and you'll be needing dental work").
    near(r"\b(?:one more|keep (?:this|it|that|writing|posting) ?(?:up)?|next time|carry on|do that again|say that again"
         r"|try that again|if you)\b", r"\byou(?:'ll| will)? (?:be )?(?:need|needing) (?:some )?(?:dental work|a dentist|new teeth"
         r"|a new face|stitches|a surgeon|an ambulance|a wheelchair|a priest)\b|\byou(?:'ll| will) (?:find yourself|end up|wind up)"
         r" (?:at the bottom of|face down in|floating in) (?:the|a) (?:canal|river|lake|sea|harbour|quarry|reservoir|dock)\b", 100,
         "\n"),
    phrase(r"\byour days are numbered\b|\b(?:let's|we'll|then we'll) see how (?:brave|tough|hard|big|clever|mouthy|smart|funny"
           r"|cocky|gobby) you (?:are|feel|really are)\b"),
    # Insurance and a visit coming ("hope you've got good insurance on that shop, my lads are coming round tonight").
    near(r"\b(?:good |decent |proper )?insurance\b|\bhope you(?:'ve| have) got\b", r"\b(?:my|the|our) (?:lads|boys|mates|friends"
         r"|crew) (?:are|will be|'re|'ll be|will|'ll) (?:coming|popping|going|heading) (?:round|over|to see you|for you)\b", 120,
         "\n"),
    # Harm said to have come to others "for less" ("people have gone missing for less").
    phrase(r"\b(?:people|folk|folks|men|others|lads|blokes|journalists|reporters) have (?:gone missing|disappeared|vanished"
           r"|had accidents|ended up in (?:the )?(?:canal|river|hospital|a ditch)|been found (?:dead|in (?:the|a) \w+))"
           r" for (?:less|a lot less|much less)\b"),
    # Lucky that the writer does not know where someone lives ("the reporter's lucky I don't know where he lives").
    phrase(r"\blucky (?:that )?(?:i|we) (?:don't|do not|can't|cannot|haven't|have not) (?:know|find|found|got) (?:out )?where"
           r" (?:you|he|she|they)\b"),
    # A last weekend wished on a person by name ("Enjoy your last weekend, @kev").
    # "Enjoy your last weekend of freedom before the baby comes, mate!" goes on to say what it is the last of.
    unless(near(r"\benjoy (?:your|ur) (?:last|final) (?:day|days|week|weekend|night|summer|christmas|few days|breaths?)\b"
                r"(?:\s+(?:of|before|as|in|at|off|away|with|here|there)\b)?",
                r"@\w+|\b(?:mate|pal|sunshine|son|sweetheart|buddy)\b", 20, "\n"),
           r"\b(?:of|before|as|in|at|off|away|with|here|there)\b"),
    # A dare to say it in person ("say it to my face and see what happens").
    near(r"\bsay (?:it|that|this) (?:to my face|in person|irl|outside|to me in person)\b",
         r"\b(?:see what happens|i dare you|and see|you won't|you'd regret|you'll regret)\b", 40, "\n"),
    # Nobody would miss someone, said of a person by role ("nobody would miss a journalist or two").
    phrase(r"\b(?:nobody|no one|no-one) (?:would|will|'d|is going to|is gonna) (?:even )?miss (?:a|one|another|the odd) "
           r"(?:journalist|reporter|writer|author|columnist|editor|judge|councillor|mayor|mp|minister|ceo|boss|landlord|ref"
           r"|referee|officer|cop|politician|mod|moderator|banker|executive|exec|protester|activist|lawyer)s? or two\b"
           r"|\b(?:nobody|no one|no-one) (?:would|will|'d) (?:even )?miss (?:him|her|them|you) if (?:he|she|they|you)"
           r" (?:vanished|disappeared|went missing|had an accident|didn't come home|never came home|died)\b"),
    # What is theirs and how well it would burn ("the editor's house has a lot of wood in it. Dry summer too").
    near(_THEIR_THINGS, r"\b(?:tinder|tinderbox|bone dry|dry summer|dry spell|would go up|goes up like)\b", 120, "\n"),
    # Meeting in a dark place, hoped for or not ("had better hope we never meet in a dark car park").
    phrase(r"\b(?:we|i|you and i|you and me) (?:never |don't |ever )?(?:meet|bump into each other|cross paths|run into each other)"
           r" (?:\w+ ){0,2}?in an? (?:dark|quiet|empty|deserted|lonely) (?:alley|lane|car park|street|road|corner|field)\b"),
    # Knowing someone's routine ("I know your shift pattern, nurse").
    near(r"\b(?:i|we|i've|we've|we all|lads|people)\s+(?:\w+\s+)?(?:know|knows|got|have|learned|learnt)\s+your"
         r"\s+(?:shift pattern|shifts|rota|routine|daily routine|schedule|school run|route home|movements|comings and goings"
         r"|running route|jogging route|dog walking route)\b", r"\b(?:see you (?:soon|around|there|then)|careful|just saying"
         r"|watch (?:out|yourself|your back)|sleep well|you've been warned|nurse|mate|pal|love|sweetheart)\b", 80, "\n"),
    # Their family watched, said to those who voted ("every councillor who voted yes should watch their kids").
    near(r"\b(?:every|any|each|all|those|the) (?:\w+ )?(?:councillors?|judges?|journalists?|reporters?|mps?|officials?|moderators?"
         r"|mods|editors?|landlords?|magistrates?)\b|@\w+", r"\b(?:should|had better|'d better|better|might want to|want to)"
         r" (?:keep an eye on|watch|keep a close eye on) (?:your|their|his|her) (?:kids|children|family|wife|husband"
         r"|daughter|son|house|car)\b", 60, "\n"),
    phrase(r"\b(?:we're|we are|i'm|i am) coming for (?:you|him|her) and (?:your|his|her) (?:family|kids|wife|husband|children)\b"
           r"|\b(?:we're|we are|i'm|i am) coming for your (?:family|kids|wife|husband|children|house|home)\b"),
    # An accident foretold for someone by role, and when ("that landlord is going to have a nasty accident one of these nights").
    near(r"\b(?:that|this|the|your|our) (?:\w+ )?(?:landlord|judge|councillor|mayor|journalist|reporter|editor|writer|author"
         r"|columnist|boss|ceo|manager|official|mp|minister|magistrate|bailiff|inspector|ref|referee|mod|moderator|presenter)"
         r"(?:'s| is| are|'re) (?:going to|gonna|about to) have (?:a |an )?(?:very |really )?(?:nasty|terrible|tragic|unfortunate"
         r"|serious|bad|little|horrible) accident\b", r"\bone of these (?:nights|days|evenings|mornings)\b|\bmark my words\b", 60, "\n"),
    # Being one of those who would hurt "you" ("people here would happily hurt you, and I'm one of them").
    near(r"\b(?:would|'d) (?:happily |gladly |love to |like to )?(?:hurt|kill|batter|stab|harm|beat|shoot) you\b",
         r"\b(?:i'm one of them|including me|myself included|me among them)\b", 60, "\n"),
    # Where someone lives, and a welcome coming ("lives in the village. He'll be made to feel very welcome").
    near(r"\b(?:officer|councillor|judge|mayor|director|landlord|journalist|reporter|editor|writer|author|inspector|planner"
         r"|boss|ceo|manager|official|mp|minister|magistrate|bailiff|chairman|chair|columnist)s?\b[^.!?\n]{0,60}?"
         r"\b(?:lives|works|drinks|stays|is staying|lives just)\s+(?:in|on|at|near|round|down|up)\b",
         r"\b(?:'ll|will|going to|gonna) (?:be )?(?:made to )?feel (?:very |most |really |so )?welcome\b"
         r"|\b(?:'ll|will|going to|gonna) (?:get|receive|have) (?:a|an) (?:very |really )?(?:warm|proper|real|nice|special)"
         r" (?:welcome|reception)\b", 200, "\n"),
]

MORE_EXPLICIT = [
    # A shooting at a place, planned ("I'm walking in on Monday and shooting the place up").
    near(_PLAN, r"\bshoot(?:ing|s)? (?:the (?:whole )?(?:place|building|office|meeting|school|room|joint|lot)|it|them|everyone"
         r"|everybody) up\b|\bshoot(?:ing)? up (?:the|that|this|his|her|their|your) (?:[\w-]+ ){0,3}?(?:place|building|office"
         r"|meeting|school|church|mosque|synagogue|party|room|newsroom|council|hall)\b", 80),
    # A vehicle driven into people ("I'm driving straight through them", "is going under my wheels").
    near(_PLAN, r"\b(?:driv\w*|plough\w*|plow\w*|ram\w*|mow\w*|steer\w*)\s+(?:my (?:\w+ )?|the (?:\w+ )?)?(?:\w+ )?(?:straight |right )?"
         r"(?:through|into) (?:them|him|her|you|(?:that|the|those|any|every) (?:\w+ )?(?:protest|protesters?|protestors?|crowd"
         r"|march|marchers|pickets?|cyclists?|demonstrators?|demo|mob))\b", 80),
    phrase(r"\b(?:going|go|goes|end up|ends up|ending up)\s+under my (?:wheels|tyres|tires|car|truck|van|bus|rig|lorry)\b"),
    # The act and the person, after a plan with words between ("I will walk into the next meeting and hurt somebody").
    near(_PLAN, r"\band (?:hurt|kill|stab|shoot|batter|strangle|maim|glass|torch) (?:somebody|someone|people|everyone|everybody"
         r"|anyone|him|her|them|you|the (?:\w+ )?(?:first|next|lot|chairman|chair|boss|ceo|mayor|head\w*|judge))\b", 100),
    phrase(r"\b(?:i'll|ill|i will|i'm going to|gonna|we'll|i'd|i would|i'm gonna)\s+(?:\w+\s+){0,2}?(?:put|see) "
           + _PERSON_OBJECT + r"\s+(?:in|into|under) the ground\b"),
    # "You'll break your neck on those stairs" is a warning; the writer promising it is not.
    phrase(r"\b(?:i'll|ill|i will|i'm going to|i'm gonna|im gonna|gonna|we'll|i'd|i would)\s+(?:\w+\s+){0,2}?(?:break|smash|snap"
           r"|crack|cave|bust|stamp on) (?:your|his|her|their|ur|yer) (?:\w+ )?(?:jaw|legs?|neck|nose|arms?|face|skull|teeth"
           r"|head|ribs|spine|fingers)\b"),
    # A torch or a weapon, then the person ("torch the CEO's car, then him").
    phrase(r"\b(?:torch|burn|smash|firebomb) (?:down |out |up )?(?:the|that|his|her|their) (?:[\w\x27\x00-]+\s+){0,2}?(?:car|van|house|home|shop"
           r"|office|truck)\W+(?:and )?then (?:him|her|them|you)\b"),
    near(_VIOLENCE_NAMED, _OFFER, 120, "\n"),
    # Said to be deserved or due, with the way named ("should be lined up and shot", "dragged into the street and shot").
    unless(phrase(r"\b(?:should|ought to|needs? to|deserves? to|must|will) (?:all )?be (?:(?:lined up|taken out(?:side)?|dragged"
                  r" (?:out|outside|into the street|from (?:his|her|their) \w+)|marched out|put up against a wall)(?: \w+){0,3}"
                  r" and )?(?:shot(?: down)?|hanged|hung(?: out to dry)?|lynched|strung up|executed|burn(?:ed|t) alive"
                  r"|put (?:up )?against a wall)\b"
                  # A disclaimer just after it ("need to be shot (figuratively, relax mods)") is read with it.
                  r"(?:\W+(?:\w+\W+){0,2}?(?:figuratively|metaphorically|not literally|joking|kidding|jk)\b)?"),
           r"\bshot down\b|\bout to dry\b|\bnot\b|n[\x00']t\b|\bnever\b|\bfiguratively\b|\bmetaphorically\b|\bjoking\b"
           r"|\bkidding\b|\bjk\b"),
    # A rope, a bullet or a grave with a person's name on it.
    phrase(r"\b(?:bullets?|ropes?|nooses?|trees?|graves?|coffins?|lamp ?posts?|rounds?)\s+(?:\w+\s+){0,4}?with (?:his|her|their"
           r"|the \w+'s|\w+'s) name on it\b|\b(?:i've|i have|i got|we've|we have|got) (?:a |one )?(?:\w+ )?(?:bullet|rope|noose"
           r"|grave|coffin) (?:\w+ ){0,3}?with your name on it\b"),
    # A weapon brought, and for whom or what it will do ("I'm using it on the chairman", "first one through gets it in the neck").
    near(r"\b(?:i'm|im|i am|we're|i'll|i will|we'll|gonna|going|heading|bringing|taking|meeting)\b[^.!?\n]{0,60}?"
         r"(?:" + _WEAPON + r"|\bsomething (?:sharp|heavy)\b)",
         r"\b(?:use|using) (?:it|them) on\b|\bgets? it in the (?:neck|head|face|chest|back|guts|throat)\b|\bfirst (?:one|person|man"
         r"|guy|bailiff|copper) (?:through|in|who)\b|\bfor " + _PERSON_OBJECT, 100, "\n"),
    # The person carried out of it, foretold ("the next bailiff who knocks is leaving in an ambulance").
    phrase(r"\b(?:is|are|'s|'re|will be|'ll be|gonna be|going to be) (?:leaving|going home|carried out|coming out|going out)"
           r" (?:in an ambulance|on a stretcher|in a body ?bag|in a box|in pieces)\b|\b(?:will|'ll) (?:leave|go home|come out)"
           r" (?:in an ambulance|on a stretcher|in a body ?bag|in a box|in pieces)\b"),
    phrase(r"\bmake (?:him|her|you|them) (?:bleed|scream|beg)\b|\b(?:found|tracked down|hunted down) and (?:dealt with|sorted"
           r"|taken care of|made an example of|punished|hurt|silenced|done in)\b"),
    phrase(r"\b(?:i'll|ill|i will|i'm going to|i'm gonna|im gonna|gonna|we'll|i'd|i would)\s+(?:\w+\s+){0,2}?run (?:him|her|them"
           r"|you|that|the|those|any|every) (?:\w+ )?off the road\b"),
    # Coming to a place with a weapon ("I'm coming to the town hall with a can of petrol"), or a visit with one.
    near(r"\b(?:i'm|im|i am|we're|i'll|i will|we'll)\s+(?:\w+\s+)?(?:coming|going|heading|turning up|showing up|walking)\s+"
         r"(?:in(?:to)?|to|round to|down to) (?:the|that|his|her|your|their) (?:\w+ )?(?:town hall|office|offices|meeting|council"
         r"|school|house|home|newsroom|studio|church|mosque|synagogue|clinic|surgery|depot|court|hall|chambers)\b",
         _WEAPON, 60),
    near(r"\bvisit from (?:me|us|my (?:lads|mates|boys)|the lads)\b", r"\b(?:and|with) (?:a|my|the|his) (?:\w+ )?(?:bat|hammer"
         r"|knife|crowbar|machete|gun|shotgun|rifle|axe|petrol)\b", 40),
    near(_WEAPON, r"\b(?:do the maths?|join the dots|put two and two together|draw your own conclusions|you do the maths?)\b", 120,
         "\n"),
    # Someone made to disappear, by the writer ("I'm going to make the mayor disappear").
    near(_PLAN, r"\bmake " + _PERSON_OBJECT + r" (?:disappear|vanish|go missing)\b", 60),
    phrase(r"\b(?:i'll|i will|i'm going to|i'm gonna|gonna|we'll) end (?:you|him|her)\s*(?:[.!,]|$)"),
    phrase(r"\b(?:i'll|ill|i will|i'm going to|i'm gonna|gonna|we'll|i'd)\s+(?:\w+\s+)?(?:knife|shank|bottle|machete) (?:him|her"
           r"|them|you|the (?:first|next) (?:one|person|man|guy|bloke))\b"),
    # Someone will be hurt, and the writer says it won't be them ("somebody's getting hurt, and it won't be me").
    # Only after a condition: "someone's going to get hurt at that junction, and it won't be me" is a road.
    near(r"\bif (?:they|you|the|he|she|that|this|anyone|anybody)\b[^.!?\n]{0,80}?\b(?:somebody|someone|people)(?:'s| is| are"
         r"|'re| will|'ll)? (?:going to |gonna )?(?:get|getting|be) (?:hurt|killed|stabbed|shot|a kicking)\b",
         r"\b(?:and )?it won't be me\b|\bi know who\b|\bi(?:'ll| will) make sure\b"
         r"|\bif i have (?:anything|my way|any say)\b", 80, "\n"),
    # Pulling the trigger on people ("I'd happily pull the trigger on every one of those lab bosses").
    # By the writer: "the board pulled the trigger on the CEO" is a sacking.
    near(r"\b(?:i'd|i would|i'll|i will|i'm|happily|gladly|love to)\b",
         r"\bpull(?:ing)? the trigger on (?:him|her|them|you|every one of|any of|each of|all of|" + _PERSON_OBJECT[3:], 40),
    # A weapon made ready for people or for a meeting ("loading the shotgun now. The council meeting starts at 7").
    near(r"\b(?:loading|loaded|cleaning|oiling|sharpening|sharpened) (?:the|my|our|their|his) (?:\w+ )?(?:shotgun|rifle|gun"
         r"|pistol|knives|knife|machete|axe|blades?)s?\b", r"\bfor (?:the |those |these |that |every |our )?(?:\w+ )?(?:councillors?"
         r"|mayor|judges?|journalists?|reporters?|editors?|landlords?|bosses|boss|ceo|protesters?|mps?|ministers?|officials?"
         r"|him|her|them|you)\b|\b(?:council|board|planning) meeting\b|\bthe vote\b", 80, "\n"),
    # A locked room with someone ("I'd love five minutes in a locked room with the editor").
    phrase(r"\b(?:five|5|ten|10|two|2|one|1|a few) minutes? (?:alone )?(?:in a (?:locked |dark |quiet |small )?room|in a car park"
           r"|round the back|behind the \w+|in an alley) with (?:him|her|them|you|the|that|this)\b"),
    # Injuries promised to "you" ("you'll be eating through a straw", "I'll rearrange your face").
    phrase(r"\byou(?:'ll| will)? (?:be )?(?:eating|drinking) (?:through|thru) a straw\b|\brearrange (?:your|his|her|their) face\b"
           r"|\b(?:rip|tear) (?:your|his|her|their) (?:\w+ )?(?:head|face|arms?|throat|tongue|spine) (?:off|out)\b"),
    # "won't", "wouldn't be so": a future, not "you can't play the guitar with broken fingers".
    near(r"\b(?:you|he|she|they|author|writer|editor|reporter|journalist|columnist)\b[^.!?\n]{0,40}?\b(?:won't|wouldn't|will not"
         r"|be so|so)\b", r"\bwith (?:a |two |some )?(?:broken|snapped|smashed|busted) (?:jaw|fingers|hands?|legs?"
         r"|arms?|nose|teeth|kneecaps?|ribs)\b", 60),
    unless(phrase(r"\b(?:you're|you are|he's|she's|they're|you'll be|he'll be|she'll be) (?:getting|gonna get|going to get)"
                  r" (?:a (?:slap|kicking|beating|hiding|smack|punch|clip round the ear)|slapped|battered|decked|smacked|knocked"
                  r" out|glassed|stabbed|shot)\b(?:\s+(?:on the wrist|in the polls|at the polls|at the ballot box|from the voters"
                  r"|in the press|in the reviews|from (?:the )?critics|in the (?:match|game|final|derby)|at\b))?"),
           r"\b(?:wrist|polls|ballot|voters|press|reviews|critics|match|game|final|derby|at)\b"),
    near(r"\b(?:pay|paying|pays) (?:you|him|her|them) a (?:little |quick |friendly |late[- ]night )?visit\b",
         r"\bwith (?:a (?:few|couple|bunch)(?: of)? |some |a few of )?(?:my |the |our )?(?:\w+ )?(?:friends|mates|lads|boys)\b",
         40, "\n"),
    # Put through a window, set fire to with people inside, left without teeth.
    phrase(r"\b(?:i'll|ill|i will|i'm going to|i'm gonna|gonna|we'll|i'd|i would)\s+(?:\w+\s+)?put (?:you|him|her|them) through"
           r" (?:a|the|that|your|his|her) (?:\w+ )?(?:window|wall|table|door|floor|windscreen|fence)\b"),
    phrase(r"\b(?:set fire to|torch|burn down|burn|firebomb|petrol bomb) (?:\w+ ){0,4}?with (?:the|those|all the|every|his|her"
           r"|their) (?:\w+ )?(?:\w+ )?(?:still )?inside\b"),
    phrase(r"\b(?:is|are|'s|'re|will be|'ll be) (?:leaving|going home|walking out|coming out) without (?:his|her|their|your) teeth\b"),
    phrase(r"\b(?:ought to|should|needs to|need to|'ll|will|gonna|going to|want to|i'd|would) (?:\w+ )?put " + _PERSON_OBJECT
           + r" (?:in|into|to) (?:hospital|a wheelchair|intensive care|the morgue|a box|an early grave)\b"),
    # Hanged from a lamp post, hoped for or foretold ("I'd love to see that MP hanging from a lamppost").
    phrase(r"\b(?:love|like|want|wanna|hope|wish|dream of|can't wait) (?:to )?see " + _PERSON_OBJECT + r" (?:hanging|hung|swinging|dangling"
           r"|strung up) (?:from|off) (?:a|the) (?:lamp ?post|tree|rope|bridge|gallows|noose|rafters)\b"
           r"|\b(?:you|he|she)(?:'ll| will)? be (?:hanging|swinging|dangling) (?:from|off) (?:a|the) (?:lamp ?post|tree|rope"
           r"|gallows|noose)\b"),
    _not_told(r"\b(?:i'll|ill|i will|i'm going to|i'm gonna|gonna|we'll|i'd|i would)\s+(?:\w+\s+)?(?:slit|cut) (?:your|his|her"
              r"|their|the [\w\x27\x00]+|[\w\x27\x00]+'s) throats?\b"),
    # A weapon taken to someone's door ("I'm taking my shotgun to the manager's house").
    near(r"\b(?:i'm|im|i am|we're|i'll|i will|we'll|gonna)\s+(?:\w+\s+)?(?:taking|bringing|carrying|take|bring|carry)\s+"
         # Not a bat: "I'm taking my bat to the school for the match".
         + _WEAPON.replace("hammer|bat|", "hammer|"),
         r"\bto (?:the|his|her|your|their|that) (?:[\w\x27\x00]+ )?(?:house|home|office|meeting|school|door|flat|studio|newsroom"
         r"|surgery|depot|town hall|council|hearing|court)\b", 40, "\n"),
    near(r"\b(?:i'll|i will|we'll|i'm|we're) be (?:outside|waiting|at|by)\b", r"\b(?:he|she|you|they|(?:that|this) \w+)"
         r" (?:won't|will not) (?:be (?:walking|driving|going|getting) home|make it home)\b", 120, "\n"),
    # A shot "inna yuh head", said as a plan.
    near(_PLAN, r"\b(?:a shot|shots|bullets?|rounds?|slugs?) (?:in|inna|into|through) (?:yuh|your|ya|ur|yer|his|her|their|dem)"
         r" (?:\w+ )?(?:head|face|skull|chest|brain)\b", 80),
    # Imperative at the start of a sentence, with a person by role ("Hang the judge from the bridge").
    # Only a person by role, never a bare pronoun: "Shoot him a message", "Hang them by the door".
    phrase(r"(?:^|[.!?\n]\s*)(?:just |somebody |someone )?(?:hang|lynch|string up|stab|shoot|behead|burn) "
           + _PERSON_OBJECT.replace("him|her|them|you|", "", 1) + r"\b"),
    # A fate foretold to "you" that is a grave ("keep writing this and you'll end up in the ground").
    phrase(r"\byou(?:'ll| will|'re going to| are going to|'re gonna) (?:end up|be|wind up) (?:in the ground|in a (?:box|body ?bag"
           r"|coffin)|six feet under|in the morgue|pushing up daisies)\b"),
]

# Harm wished on whoever did something, or on a whole body of people, by a disaster ("hope whoever drew up this deal
# gets terminal cancer", "hoping a bus takes out the whole school board"), and a death regretted as not having happened.
_BODY_OF_PEOPLE = (r"(?:council|board|school board|lot|cabinet|committee|government|family|families|councillors|trustees|staff"
                   r"|management|of them|of you|lot of them|bunch of them|protesters|pickets|crew|panel)")
_NOT_PEOPLE_AFTER = r"(?:scheme|plan|policy|tax|budget|bill|proposal|idea|decision|meeting|vote|project|agenda|report|website|estate)"
MORE_WISHED = [
    unless(near(r"\b(?:hope|hoping|wish|wishing|pray|praying)\b[^.!?\n]{0,12}?\b(?:whoever|anyone who|anybody who|everyone who"
                r"|everybody who|whichever \w+ who|those who|the (?:\w+ ){0,2}?who)\b", r"\b" + _DEATH, 70)),
    unless(phrase(r"\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?(?:\w+\s+){0,4}?(?:takes? out|wipes? out|kills?"
                  r"|finishes off|flattens|buries|burns|drowns) (?:the whole|the entire|all|every|the|that|those|them all)\s+"
                  r"(?:\w+\s+){0,2}?" + _BODY_OF_PEOPLE + r"\b(?:\s+" + _NOT_PEOPLE_AFTER + r"\b)?"),
           r"\bnot\b|\bnever\b|n[\x00']t\b|\bno longer\b|\b" + _NOT_PEOPLE_AFTER + r"\b"),
    near(r"\b(?:should(?:'ve| have)|ought to have|deserved to) (?:all )?(?:drowned|died|burned|burnt|starved|been (?:shot|killed"
         r"|hanged|left to (?:drown|die|rot)))\b", r"\b(?:shame|pity) (?:they|he|she|you|it) (?:didn't|did not|weren't|wasn't)\b"
         r"|\bgood riddance\b|\bno (?:great )?loss\b|\bwish (?:they|he|she|you) had\b", 80, "\n"),
    near(r"\b(?:hope|hoping|wish|wishing|pray|praying)\b[^.!?\n]{0,80}?\b(?:takes? out|wipes? out|kills?|finishes off)\b",
         r"\bno (?:great )?loss\b|\bgood riddance\b|\bwouldn't (?:miss|mourn)\b", 80, "\n"),
]

VEILED[0][1].extend(MORE_VEILED)

# Shapes dev writer du used that no rule held (each has a civil twin in tests/moderation/test_idioms_and_civil_readings):
# violence promised to whoever turns up, a beating offered, a road rage threat, a death wished on a crowd.
PROMISED_VIOLENCE = [
    phrase(r"\b(?:any|every|the first|the next)\s+(?:[\w-]+\s+){0,2}?(?:fan|fans|cyclist|cyclists|one|person|protester|protesters"
           r"|driver|drivers|bloke|lad|guy)\s+i\s+(?:see|catch|find|meet)\b[^.!?\n]{0,30}?\b(?:is|are|'s)\s+(?:getting|gonna get"
           r"|going to get)\s+(?:glassed|stabbed|battered|decked|smacked|hit|run over|a kicking|a beating|knocked out|it)\b"),
    phrase(r"\b(?:i'm|im|i am|i'll|ill|i will|gonna|going to)\s+(?:\w+\s+)?(?:run|running|drive|driving|knock|knocking)\s+"
           r"(?:them|him|her|you|the \w+|that \w+|cyclists?|those \w+)\s+off\s+(?:the|their)\s+(?:road|bikes?|lane)\b"),
    near(r"\b(?:deserves?|needs?) a (?:good )?(?:beating|kicking|hiding|slap|smack|punch)\b",
         r"\b(?:happy to|glad to|more than willing to|deliver it|do it myself|volunteer|first in line|queue up)\b", 60),
    phrase(r"\b(?:nobody|no one|no-one)\s+would\s+(?:care|notice|miss you|mind)\s+if\s+you\s+(?:got hit by|died|dropped dead"
           r"|disappeared|got run over|were gone|got killed)\b"),
    phrase(r"\b(?:hope|hoping|wish)\s+(?:every|each|all|the whole lot)\s+(?:one\s+)?(?:of\s+)?(?:those|these|them|the)?\s*"
           r"(?:[\w-]+\s+){0,3}?(?:kills? (?:themselves|himself|herself)|dies|die|drop dead|top themselves)\b"),
    phrase(r"\bif i (?:was|were) (?:the|that|this) (?:\w+ ){0,2}?(?:mp|councillor|judge|journalist|reporter|writer|author|minister"
           r"|mayor|senator|editor|ref|referee)\b[^.!?\n]{0,60}?\b(?:wouldn't|would not|'d not|would avoid|wouldn't be)\b"
           r"[^.!?\n]{0,40}?\b(?:alone|on (?:my|his|her|their) own|after dark|at night)\b"),
    phrase(r"\b(?:would |'d )?be a (?:real |terrible |crying |such a )?(?:shame|pity) if (?:the |your |his |her |their )?"
           r"(?:[\w\x27\x00-]+ ){0,3}?(?:windows?|tyres|car|shop|house|office|van) (?:went|got|were|was) (?:in|smashed|broken|slashed"
           r"|burn\w*|torched|put in)\b"),
    phrase(r"\bthe last (?:guy|person|one|man|woman|bloke|lad|reporter|journalist|writer|idiot|clown) (?:who|that) (?:wrote|said"
           r"|posted|tried|did) (?:\w+\s+){0,6}?(?:had|got) (?:a )?(?:very |really )?(?:bad|rough|nasty|unfortunate|short|painful)"
           r" (?:week|time|day|night|month|year|accident)\b"),
]


# Death wished in an idiom an outside tester used (attack 8): told to play in traffic, "sewer slide", a rope and a
# tree, one's birth regretted, a laugh promised at someone's death. Their civil twins are in the tests.
IDIOMATIC_HARM = [
    phrase(r"\bgo (?:and )?play (?:in|on) (?:the )?(?:traffic|motorway|highway|freeway|railway|train tracks|tracks)\b"
           r"|\bsewer ?slide\b|\brope\W+tree\W+(?:[\w-]+)\b"
           r"|\b(?:better|had better|should) hope (?:we|i|you and i) never (?:cross paths|meet|run into each other)\b"
           r"|\b(?:world|country|site|planet|town|internet) would be (?:a |an )?(?:much |far |lot )?better (?:place )?without"
           r" (?:you|him|her|them|people like|your kind|the likes of|@\w+)"
           r"|\b(?:you|he|she|they|people|@\w+)\b[^.!?\n]{0,40}?\bshould (?:never|not) have been born\b"
           r"|\b(?:i'd|i would|i'll|we'd|we would) (?:laugh|cheer|celebrate|dance|throw a party|smile) if (?:\w+ ){0,3}?(?:got|gets"
           r"|was|were|is) (?:run over|hit by (?:a|the) \w+|shot|stabbed|killed|murdered)\b"),
]


EXPLICIT: list[Family] = [
    ("threat", [
        # Not a fixture ("we'll smash them on Saturday", "we'll kill them in the derby"): what follows is read with it.
        unless(phrase(_SAID_BEFORE + _I_WILL + _HURT + _WHOM + r"(?:\W+(?:\w+\W+){0,5}?" + _FIXTURE + r")?"),
               "(?:" + _FIXTURE + ")|" + _SAID_NEGATION),
        _not_told(_I_WILL + r"(?:kill|hurt|stab|punch|batter|strangle|slap|deck|thump|shoot|knock out|run down|glass|knife|"
               r"throttle|gut) " + _SOMEONE_BY_ROLE),
        _not_told(_I_WILL + r"(?:torch|burn down|burn|firebomb|petrol bomb|blow up|smash up|trash) " + _PROPERTY),
        _not_told(_I_WILL + r"(?:put|throw|chuck|lob|send) (?:a|another|some) (?:brick|rock|stone|petrol bomb|molotov|bullet)s?"
               r" (?:through|at|into)\b"),
        # The act named with a pronoun and a promise ("stab him myself", "knock him out cold", "track him down and …").
        phrase(r"\b(?:stab|kill|batter|strangle|punch|shoot|deck|glass|knife) (?:him|her|them|you) (?:myself|personally|dead)\b"
               r"|\bknock (?:him|her|them|you) (?:out cold|spark out|unconscious|into next week)\b"
               r"|\btrack (?:\w+ ){0,3}?down (?:\w+ ){0,4}?and (?:stab|kill|hurt|batter|punch|shoot|strangle|deal with)\b"
               r"|\b(?:go|come|going|coming) round (?:\w+ )?(?:personally |myself )?and (?:batter|sort|deal with|smash|hurt"
               r"|kill|stab|thump|deck) (?:him|her|them|you)\b"
               r"|\b(?:is|are|'s|'re) (?:going to|gonna) lose (?:an arm|a hand|an eye|a leg|some teeth|his teeth|their teeth"
               r"|a few teeth|fingers)(?:\s*[.,!;]|$)"),
        # A weapon taken to where people meet, by the writer ("I'm bringing my rifle to the school board meeting").
        near(r"\b(?:i'm|im|i am|we're|i'll|i will|we'll|gonna|going|heading|bringing|taking)\b[^.!?\n]{0,60}?" + _WEAPON,
             r"\b(?:(?:for|at) (?:anyone|anybody)|(?:anyone|anybody) who (?:tries|gets|comes|stands|says)"
             r"|any of (?:them|you|these|those)|you've (?:all )?been warned|let them try|they'll (?:find out"
             r"|learn|see|regret)|for (?:him|her|them|you)\b|stand in my way|in the room)", 80, "\n"),
        # Meeting someone, and what follows ("if I see the writer irl it's over for him", "I will beat him").
        near(r"\bif (?:i|we) (?:ever )?(?:see|catch|meet|find|spot|run into) (?:him|her|them|you|that|this|the|any)\b",
             r"\b(?:it'?s over|(?:i|we)(?:'ll| will| am going to| gonna|'m gonna|'m going to)\s+(?:\w+\s+)?(?:beat|hurt|kill"
             r"|batter|smash|get|make|stab|deal with|end|sort)|regret|(?:will|'ll) pay|dead|a beating|a kicking)", 80, "\n"),
        phrase(r"\b(?:pull|roll|turn|show) up (?:\w+ ){0,6}?and (?:pop|shoot|smoke|blast|spray|light up) (?:\w+ ){0,2}?"
               r"(?:him|her|them|you|every|everyone|anyone|the lot)\b"),
        phrase(r"\b(?:wait|waiting|be waiting) for (?:that|the|this|him|her|them|you) (?:\w+ ){0,3}?(?:in|at|outside|by|after)"
               r" (?:the |his |her |your )?(?:car park|carpark|parking lot|gates?|door|office|home|house|ground|stadium|pub)\b"),
        phrase(r"\b(?:he|she|they|you) (?:will|'ll|is going to|are going to|gonna) pay(?: for (?:this|that|it))?\s*(?:[.!]|$|,)"
               r"|\b(?:insult\w*|disrespect\w*|mock\w*) (?:my|our) (?:people|family|faith|country|prophet|religion)\b"
               r"(?:[^.!?\n]{0,40})\b(?:will|'ll|must|going to) pay\b"),
        phrase(r"\b(?:i'm|i am|we're|we are) (?:running|driving|ramming) (?:them|him|her|you|\w+) (?:over|down)\b"),
        # Not when the writer saw it, feared it or narrowly escaped it ("I saw a man get shot outside the pharmacy"):
        # the match reaches back over such a word, so that the negation can find it inside the match.
        unless(phrase(r"(?:\b(?:saw|seen|see|watched|watching|witnessed|heard|afraid|scared|terrified|frightened|feared|fear"
                      r"|worried|nearly|almost|lucky not to|didn't|never)\s+(?:[\w\x27\x00]+\s+){0,3}?)?"
                      r"\bget(?:s|ting)? (?:glassed|stabbed|shot|battered|kneecapped|a kicking|torched|their heads? kicked)\b"
                      r"(?: at\b)?"),  # "getting shot at by both sides of the debate"
               r"\bshot at\b|\b(?:saw|seen|see|watched|watching|witnessed|heard|afraid|scared|terrified|frightened|feared|fear|worried"
               r"|nearly|almost|lucky|didn[\x00']t|never)\b"),
        # The present tense of a plan ("I'm knocking your teeth out"), and the damage named.
        phrase(r"\b(?:i'm|im|i am|we're|we are)\s+(?:\w+\s+)?(?:(?:knocking|smashing|kicking|punching|stabbing|battering)"
               r" (?:you|him|her|them|your|his|their)|torching (?:the|that|his|her|their|your)|putting (?:him|her|you|them) through"
               r"|giving (?:him|her|you|them) a (?:proper )?(?:kicking|beating|hiding))\b"),
        _not_told(_I_WILL + r"(?:break|smash|knock|kick) (?:your|his|her|their) (?:\w+ )?(?:jaw|legs?|neck|nose|arms?|face|skull"
               r"|teeth|head)\b|\bknock (?:your|his|her|their) teeth (?:in|out)\b|\b(?:getting|gets?|get) (?:his|her|their|your)"
               r" (?:head|face|teeth|legs) (?:smashed|kicked|caved|knocked|punched|broken)\b"),
        _not_told(_I_WILL + r"(?:(?:gut|strangle|lynch) (?:you|him|her)|strangle (?:them|the)|shoot (?:the next|every|anyone|any)"
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
               r"|\bmake (?:him|her|you) (?:regret|suffer)\b|\bteach (?:@?\w+ ){0,2}a lesson (?:\w+ )?(?:won't|will never|never) forget\b"
               r"|\b(?:put|putting|send|sending) (?:you|him|her|them) (?:in|to|into) (?:hospital|the hospital|a wheelchair"
               r"|intensive care|the morgue|a box|an early grave)\b"),
        phrase(r"\b(?:hope|wish|pray)\w*\s+(?:for\s+)?(?:\w+\s+){0,4}(?:finish(?:es)? (?:off|the job)|wipes? (?:them |you )?out)"),
        *MORE_EXPLICIT,
        *PROMISED_VIOLENCE,
        *IDIOMATIC_HARM,
    ]),
    # Harm wished on a person rather than promised: the wish names a person (or their home) and bodily harm, so
    # "I hope the bill dies in committee" and "hope they get hit with sanctions" stay clear.
    ("wished harm", [
        *MORE_WISHED,
        phrase(r"\b(?:hope|hoping|wish|wishing|pray|praying)\s+(?:that\s+)?" + _PERSON + r"\s+(?:\w+\s+){0,3}?"
               + _BODILY_HARM),
        phrase(r"\b(?:hope|hoping|wish|pray)\w*\s+(?:that\s+)?(?:someone|somebody|a (?:bus|truck|lorry|car|train))\s+"
               r"(?:\w+\s+){0,2}?(?:runs?|hits?|mows?|knocks?)\s+(?:\w+\s+){0,2}?(?:over|down)\b"),
        phrase(r"\b(?:with|and) (?:him|her|them|you|his family|her family|the kids) (?:still )?(?:inside|in it|in there)\b"),
        phrase(r"\b(?:look|be|belongs?|end up|put (?:him|her|them|you))\s+(?:\w+\s+){0,2}?six feet under\b"),
        phrase(r"\bteach (?:\w+ ){0,2}a lesson (?:\w+ ){0,2}(?:won't|will not|wouldn't|never|can't) (?:walk away from|recover from"
               r"|get up from|survive)\b"),
        # Death or disease wished on someone named by role, by name or by "your family": the wish, the person, the death.
        unless(phrase(r"\b(?:hope|hoping|wish|wishing|pray|praying|here's hoping|if there's any justice|if there is any justice"
                      r"|with any luck|fingers crossed)\b,?\s+(?:that\s+)?(?:\w+\s+){0,2}?" + _WHO_SUFFERS + r"\s+(?:\w+\s+){0,3}?"
                      + _DEATH)),
        phrase(_WHO_SUFFERS + r"\s+(?:\w+\s+){0,2}?(?:deserves?|deserved|ought|needs?|should|should all|can) (?:to )?"
               r"(?:\w+ )?(?:choke|burn|bleed|rot|drown|die|starve|suffer)(?: \w+)? (?:to death|in (?:agony|hell|a ditch|a fire|pain)"
               r"|slow(?:ly)?|screaming|alone|on (?:the|their|his|her) \w+)\b"
               r"|\b(?:watch|see|hear)\s+" + _WHO_SUFFERS + r"\s+(?:die|choke|burn|bleed out|suffer|scream)\w*\b"),
        phrase(r"\b(?:gets?|got|sends?|sent|brings?|comes?|come|coming|goes|go|going|went) (?:(?:him|her|them|you) )?(?:back |home )"
               r"in (?:a box|a body ?bag|a coffin|pieces)\b"
               r"|\bwouldn't (?:piss|pee|spit) on (?:you|him|her|them|\w+) if (?:you|he|she|they|\w+) (?:were|was) on fire\b"
               r"|\b(?:laugh|dance|celebrate|party) (?:at|on) (?:your|his|her|their) (?:funeral|grave)\b"
               r"|\b(?:wish|shame) (?:your|his|her|their) (?:mother|mum|mom|parents) (?:had|hadn't|didn't) (?:aborted|abort|swallowed)"
               r"|\bput (?:you|him|her|them) out of (?:your|his|her|their) misery\b"
               r"|\b(?:do (?:us|the world|everyone) a favou?r and|go|just|please) (?:drink bleach|hang yourself|jump off (?:a|that|the)"
               r" (?:\w+ )?(?:bridge|cliff|building|roof)|kill yourself|end it|die)\b"
               r"|\b(?:should|ought to|needs to|deserves to) (?:just )?kill (?:himself|herself|themselves|yourself)\b"),
        # Death wished on everyone of a kind: "the only good CCP member is a dead one". Whoever the kind, it is the
        # people, not their politics, that the sentence wants dead. The saying quoted or named as one (a frontier
        # general's, a wartime slogan) is history, not a wish.
        not_mentioned(phrase(r"\bthe only good (?:\w+[ -]){1,3}(?:is|are) (?:a |the )?dead(?: ones?)?\b")),
    ]),
]


# A threat in pictures (outside test 8: "@bao 🔪🩸 see you soon 🏠📍"): a weapon or blood, said to someone, with a
# second one or a home. The skull is left out: "💀" is laughter more often than death.
_WEAPONS = frozenset("🔪🩸🔫💣⚰🪦🗡🪓")
_HOMES = frozenset("🏠🏡📍🚪")
_SAID_TO_SOMEONE = phrase(r"(?:^|[^\w@.])@\w{2,40}|\byou\b|\bu\b")


def emoji_threat(text: str) -> str | None:
    """The weapons and homes of a threat told in emoji, or None."""
    weapons = [char for char in text if char in _WEAPONS]
    if not weapons:  # nearly every comment: one pass over its characters
        return None
    homes = [char for char in text if char in _HOMES]
    if len(weapons) + len(homes) < 2 or _SAID_TO_SOMEONE.search(ascii_view(text)) is None:
        return None
    return "".join(weapons + homes)


def threat_reasons(text: str) -> list[str]:
    """Reasons like "veiled threat: 'watch your back'" or "threat: 'I'll drag the first one'"."""
    reasons = family_reasons(VEILED + EXPLICIT, as_said(text))
    pictured = emoji_threat(text)
    if pictured is not None and not any(reason.startswith("veiled threat") for reason in reasons):
        reasons.append(f"veiled threat: '{pictured}'")
    return reasons
