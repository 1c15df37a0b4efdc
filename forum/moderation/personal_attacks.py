"""Attacks on a person that use no swear word: contempt for the author or a reader, and veiled threats.
Pure: text in, reasons out.

Each rule is a structure rather than a sentence: a TARGET (the author by role, "you", an @reader, "whoever
wrote this") with a DEMEANING PREDICATE said of the person, not of the argument (their intelligence,
competence, age, motives or character), or a target, something of theirs (their home, car, children,
routine) and a CONSEQUENCE left hanging ("be careful", "would be a shame", "people remember").

- insult: "you're a sad little man", "the author is an intellectual lightweight", "your reading comprehension is on
  par with a goldfish", "did an intern write this?", "my cat could write a better piece", "who keeps hiring this
  person?", "please retire", "stick to restaurant reviews", "bought and paid for", "let the adults talk";
  a sentence that is only a verdict on a person ("Grifter.", "Absolute mug.", "Shameless mouthpiece.").
- veiled threat: what is theirs or where they are, and a consequence in the same comment ("Your little one goes to
  St Anne's, doesn't she? ... Be careful out there"), or several kinds of menace at once ("small town", "people
  remember", "I'd keep my head down if I were you"), or a promise of a reckoning ("your time will come").

Civil comments are blunt about the ARGUMENT ("this article is lazy", "the author has clearly never run a business",
"you're wrong"), laugh at themselves ("I'm too thick for this"), quote and report abuse, and warn each other about
junctions and weather; so the predicates here are said of people only, the target must be someone else, a
negated predicate ("you're not stupid") does not count, and quoted passages in a comment that reports them are
blanked (phrases.without_reported_quotes). Everything runs on the ASCII view through RE2 or in plain scans, in time
linear in the text.
"""
from forum.moderation.idioms import as_said
from forum.moderation.phrases import Family, family_reasons, near, not_of_oneself, phrase, unless
from forum.patterns import ascii_view

# --- Who is attacked -------------------------------------------------------------------------------------------
# The article's writer, by role; said with "the", "this", "our", "your", "this paper's", or bare ("Author so naive").
_ROLE_NOUN = (r"(?:author|writer|columnist|reporter|journalist|journo|editor|correspondent|op-ed writer|critic|reviewer"
              r"|blogger|pundit|commentator|analyst|presenter|hack)")
_AUTHOR = (r"(?:\b(?:the|this|that|our|your|whoever|whichever|paper's|site's|so-called) (?:[\w\x27\x00-]+ )?" + _ROLE_NOUN + r"\b"
           r"|\bwhoever (?:wrote|writes|penned|approved|commissioned|edited) (?:this|that|it)\b"
           r"|\b(?:this|that|the) (?:guy|man|woman|bloke|fella|fellow|person|lady|chap|lad|one) (?:who wrote|writing)\b"
           r"|(?:^|[.!?]\s+)" + _ROLE_NOUN + r"\b"
           r"|\b(?:dear|madam|mr|mrs|ms|miss|sir) (?:" + _ROLE_NOUN + r"|[A-Z]\w+)\b)")
# "You" as the one something is said of. "Thank you", "you know", "if you ask me" say nothing of anyone.
_YOU_ARE = (r"\b(?:you(?:'re| are|'ve been| have been| must be| seem| sound| look| remain| really are| truly are)"
            r"|youre|ur|u r|u are|you re)\b")
_AUTHOR_IS = r"(?:" + _AUTHOR + r")(?:'s| is| was| seems| sounds| must be| remains| is just| is clearly| is obviously)"

# --- What is said of them ---------------------------------------------------------------------------------------
# Between the copula and the predicate: adverbs and articles only, so that "you're wrong and the plan is useless"
# does not read as "you're ... useless".
_HEDGE = (r"(?:(?:a|an|the|so|such|very|really|truly|clearly|obviously|frankly|honestly|genuinely|simply|utterly"
          r"|completely|totally|absolutely|quite|pretty|bit|little|sad|just|also|actually|being|nothing but|no more than"
          r"|an absolute|a complete|a total|an utter|a right|a proper|a real|the most|the biggest|one of the|kind of"
          r"|sort of|basically|literally|always|still|now|officially|,) ){0,4}")
# Said of a mind or a character, never of a policy: these are predicates of people.
_DEMEANING_ADJECTIVE = (r"(?:dim|thick|slow|dense|daft|stupid|dumb|dumber|brainless|clueless|gormless|simple-minded"
                        r"|dim-witted|half-witted|witless|dopey|vapid|useless|incompetent|talentless|hopeless|pathetic"
                        r"|insufferable|contemptible|spineless|gutless|shameless|heartless|smug|pompous|sneering"
                        r"|condescending|patronising|patronizing|pretentious|arrogant|bitter|deluded|delusional|unhinged"
                        r"|senile|lazy|washed-up|not very bright|not (?:smart|bright|clever) enough|not cut out for|not good at"
                        r"|out of (?:your|his|her|their) depth|beyond help|a waste of|an embarrassment|a disgrace|a joke"
                        r"|a laughing ?stock)")
# A grown person called a child: said with "clearly", "must be", "just", never as a fact ("the writer is a 17-year-old
# student who won the prize").
_CALLED_A_CHILD = (r"(?:clearly|obviously|probably|just|such|nothing but|still) an? (?:[\w-]+ )?(?:child|toddler|teenager"
                   r"|schoolboy|schoolgirl|\d+[- ]year[- ]old|baby|brat)\b")
# Nouns for a person held in contempt, none of which names an argument or a policy.
_CONTEMPT_NOUN = (r"(?:hack|hacks|grifter|grifters|shill|shills|mouthpiece|propagandist|stenographer|lapdog|stooge|puppet"
                  r"|charlatan|quack|twit|plank|mug|muppet|numpty|simpleton|halfwit|dimwit|nitwit|lightweight|careerist"
                  r"|contrarian|apologist|hypocrite|loudmouth|windbag|bore|snob|fraud|clown|buffoon|fool|idiot|moron"
                  r"|imbecile|cretin|loser|nobody|weathervane|amateur|dilettante|has-been|nepo baby|brainlet|dunce"
                  r"|airhead|coward|liar|crank|pillock|prat|wally|plonker|berk|clot|eejit|jobsworth|sell-?out|snake"
                  r"|weasel|parasite|vibes merchant|disgrace|embarrassment|joke|fossil|dinosaur|dullard|bimbo|troll"
                  r"|know-it-all|keyboard warrior|armchair expert|waste of (?:space|oxygen|a byline|ink|a column|a salary"
                  r"|a press pass|skin))")

# What a mind is measured against when it is mocked: animals, vegetables, objects, small children.
_LOWLY = (r"(?:goldfish|potato|potatoes|turnips?|houseplants?|pot plants?|lampposts?|lamp posts?|bowling balls?|bricks?"
          r"|rocks?|pebbles?|planks?|doorknobs?|door knobs?|hamsters?|hamster wheel|peas?|walnuts?|peanuts?|toddlers?"
          r"|five-year-olds?|\w+-year-olds?|chimps?|monkeys?|fridge magnets?|weetabix|wet paper bags?|fortune cookies?"
          r"|cereal box(?:es)?|screen door|chocolate teapot|cabbages?|sponges?|jellyfish|labradors?|parrots?|squirrels?"
          r"|sheep|slugs?|snails?|amoebas?|gnats?|fleas?|teaspoons?|spoons?|shoe ?box(?:es)?|cardboard box(?:es)?"
          r"|airplane mode|aeroplane mode|dial-up|a flat battery|a broken clock|stopped clock|pigeons?|a sack of \w+)")
# A person's faculties, whose owner is someone else ("your", "his", "the author's").
_FACULTY = (r"\b(?:your|ur|his|her|their|the author's|the writer's|the columnist's|the reporter's)\s+(?:[\w-]+ )?"
            r"(?:brain|brains|brain cells?|mind|head|grasp|understanding|reading comprehension|comprehension|intelligence"
            r"|iq|logic|reasoning|knowledge|literacy|attention span|wit|wits|insight|thinking|opinion|comment|comments"
            r"|take|takes|posts?|argument|arguments|analysis)\b")
# Someone small, or a pet, who could do the writer's job better.
_SMALL_RIVAL = (r"\b(?:my|a|an|any|the average|some|your average)(?: [\w\x27\x00-]+)?? (?:bright |smart |clever |reasonably bright"
                r" |half-decent )?(?:cat|dog|puppy|kitten|spaniel|labrador|terrier|poodle|budgie|rabbit|tortoise|goldfish"
                r"|hamster|parrot|nan|gran|granny|nephew|niece|grandson|granddaughter|grandkid|kid|son"
                r"|daughter|toddler|child|\w+-year-old|year \d+|year \w+|sixth[- ]former|schoolboy|schoolgirl|intern|student"
                r"|undergrad|fresher|chatbot|chimp|monkey|teenager|work[- ]experience kid|primary school kid"
                r"|primary schooler|first[- ]year|jss\d|\w+ grader)s?\b")
_DO_BETTER = r"\b(?:could|would|can|will|might|could've|would've) (?:have )?(?:do|done|write|written|make|made|produce|produced|report|explain)\b"

_PERSON_ADJECTIVES_RE = ("smug", "pompous", "condescending", "arrogant", "bitter", "vapid", "gormless", "sneering",
                         "pretentious", "insufferable", "spineless", "gutless", "heartless", "spiteful", "smarmy", "talentless",
                         "brainless", "clueless", "deluded", "senile", "washed-up")

INSULT: list[Family] = [
    ("insult", [
        # "You're a sad little man", "you are not good at this", "u r so thick", "you're clearly a 14-year-old".
        unless(phrase(_YOU_ARE + r"\s+" + _HEDGE + r"(?:[\w-]+ )?(?:" + _DEMEANING_ADJECTIVE + r"|" + _CONTEMPT_NOUN + r")\b"),
               r"\bnot (?:a |an |the )?(?:[\w-]+ )?(?:stupid|dumb|thick|idiot|fool|lazy|useless|hopeless|joke|disgrace"
               r"|child|hack|liar|coward)|n[\x00']t (?:a |an )?(?:[\w-]+ )?(?:stupid|dumb|thick|idiot|fool|lazy|useless)"),
        # The author by role, with the same predicates: "the author is a well-known Kremlin apologist".
        unless(phrase(_AUTHOR_IS + r"\s+" + _HEDGE + r"(?:[\w-]+ )?(?:" + _DEMEANING_ADJECTIVE + r"|" + _CONTEMPT_NOUN
                      + r")\b"), r"\bnot (?:a |an )?(?:[\w-]+ )?(?:stupid|dumb|thick|idiot|fool|lazy|useless|hack|liar)"),
        phrase(r"(?:" + _YOU_ARE + r"|" + _AUTHOR_IS + r") " + _CALLED_A_CHILD),
        # "You're not a reporter, you're a stenographer"; "not a serious person".
        phrase(r"\b(?:you're|you are|he's|she's|he is|she is|is) not (?:a )?(?:real|serious|proper|actual) (?:person"
               r"|journalist|reporter|writer|columnist|analyst|expert|scientist|economist)\b"),
        # A mind measured against a potato: "the economic literacy of a goldfish", "about as sharp as a bowling ball".
        near(_FACULTY, r"\b(?:of|like|than|as|equivalent of|on par with|the size of|level of|compared to) [\w -]{0,25}?\b"
                       + _LOWLY + r"\b", 60),
        phrase(r"\b(?:has|have|had|with|got|shows?|showing|displays?|possess\w*)\s+(?:the|an?)\s+(?:[\w-]+ )?(?:literacy"
               r"|intelligence|iq|insight|depth|grasp|brains|reasoning|attention span|self-awareness|wit|sense|logic"
               r"|reading comprehension|understanding|reading level|reading age|mental age|maturity|vocabulary"
               r"|critical thinking(?: skills)?) of an? (?:[\w-]+ )?(?:" + _LOWLY + r"|\w+ graders?|grade schooler|kindergartner"
               r"|preschooler|child|kid|baby|infant|schoolboy|schoolgirl)\b"),
        phrase(r"\b(?:i've|i have|i've) met (?:\w+ )?" + _LOWLY + r" (?:with|that have|who have) (?:more|better|sharper)\b"
               r"|\b(?:lose|losing|lost) an argument (?:to|with) an? (?:\w+ )?" + _LOWLY + r"\b"
               r"|\bif brains were\b|\b(?:about )?as (?:useful|sharp|bright|clever|deep|firm) as an? [\w -]{0,25}?\b"
               + _LOWLY + r"\b"),
        # A child or a pet would have done better, or wrote it: "my cat could write a better piece".
        near(_SMALL_RIVAL, _DO_BETTER + r"[^.!?\n]{0,40}\b(?:better (?:job|piece|article|column|analysis|research|writing|reporting|than"
                    r" (?:this|you|him|her|the \w+))|smarter|more research|more accurate)\b", 40),
        near(_SMALL_RIVAL, r"\b(?:understood|understands|knows|knew|gets|got) [\w -]{0,40}?\bbetter than (?:the |this |you"
                           r"|him|her|them)", 40),
        phrase(r"\b(?:did|was|has) (?:a|an|the|some|your) (?:[\w-]+ )?(?:intern|teenager|child|kid|toddler|sixth[- ]former"
               r"|schoolboy|schoolgirl|five-year-old|\w+-year-old|work[- ]experience kid|year \d+|chatbot|bot|monkey|chimp"
               r"|student|gcse student) (?:write|wrote|written|type|draft|knock)"
               r"|\b(?:written|typed|drafted|knocked|cobbled|thrown|produced)(?: up| together| out)? by (?:a|an|some) (?:[\w-]+ )?(?:intern|teenager|sixth[- ]former"
               r"|five-year-old|\w+-year-old|work[- ]experience kid|year \d+|gcse student|schoolkid|child)"
               r"(?:\s*[.,!?;]|\s+(?:with|who|on|in|between|and|or|during)\b|\s*$)"
               r"|\bthe mental age of\b|\breads like (?:a|an) (?:[\w-]+ )?(?:gcse|school|schoolboy|schoolgirl|year \d+"
               r"|undergraduate|sixth[- ]form) (?:essay|project|report|assignment)\b"),
        # The career over: "please retire", "find another career", "stick to restaurant reviews", "pack it in".
        phrase(r"\b(?:please|time to|time you|pls|kindly|just|maybe|should|do us all a favou?r and) retire\b(?:\s*[.,!;]|\s*$"
               r"| (?:already|now|gracefully|grandpa|grandad|dear|love|mate|old man|sir|madam))"
               r"|\b(?:find|try|consider|need|needs) (?:a |another |a new |a different |some other )(?:career|line of work"
               r"|profession)\b|\b(?:should|needs? to|ought to|time to|please|go and|maybe) (?:\w+ )?(?:find|get) (?:a |another"
               r" |a new |a different |some other |a real |a proper )job\b"
               r"|\bstick to (?:writing |doing )?(?:the |your |what |bake |restaurant |brunch |food |cat |recipe |travel )?(?:\w+ )?"
               r"(?:reviews?|recipes?|horoscopes?|crosswords?|colouring|coloring|bake sales?|brunch|day job|what you know"
               r"|knitting|gardening|tiktok|instagram|blogs?|footy forums?|fashion|lifestyle|listicles?|cat videos?|weather"
               r"|sports?|traffic|obituaries|gossip|celebrity \w+|puzzles|the funnies|comics)\b"
               r"|\b(?:go|get) back to (?:writing|covering|reporting on|reviewing|blogging about)\b"
               r"|\b(?:go|went|get) back to (?:writing (?:\w+ )?(?:horoscopes|recipes|reviews|listicles|the weather)"
               r"|(?:primary |journalism |high |grade )?school|university|uni|college|your (?:\w+ )?(?:basement|care home"
               r"|crossword|colouring|sandpit|playpen|mum's|mom's|mother's))\b"
               r"|\bpack it in\s*(?:[.,!]|$)|\b(?:don't|do not) (?:quit|give up) (?:your|the) day job\b"
               r"|\bnot (?:cut out|fit|qualified) (?:for|to write) (?:this|journalism|the job|writing)\b"
               r"|\bstop writing\W+(?:please|for everyone|you)\b|\bshould be (?:sacked|fired|banned from (?:writing|a keyboard"
               r"|journalism|a kitchen|the internet))\b|\bhire (?:a real journalist|an adult|a grown-up)\b|\b(?:get|send) a real journalist\b"
               r"|\bask a grown-?up\b|\b(?:let|leave it to) the (?:adults|grown-?ups) (?:talk|to talk|handle)\b"
               r"|\b(?:the )?(?:adults|grown-?ups) are (?:talking|speaking)\b|\bsit down,? (?:child|kid|son|boy|little one|sweetie)\b"
               r"|\bcome back when (?:you've|you have|you) (?:grown up|grow up|left school|finished school)\b"
               r"|\bold man yells at cloud\b|\bback to your werther's\b"
               r"|(?:,|\bbless you|\bsure|\bok|\bokay|\bright|\bthanks)\s*(?:grandpa|grandad|granddad|gramps|old timer|granny"
               r"|grandma)\s*(?:[.,!?]|$)"),
        # Who keeps employing them: "who hired this person", "how is he still employed", "does this paper hire by age".
        phrase(r"\bwho(?:ever)? (?:hired|hires|keeps hiring|commissioned|keeps commissioning|employs|keeps employing|pays"
               r"|keeps paying|raised|gave) (?:this|that|these)(?: (?:person|guy|man|woman|writer|author|columnist|reporter"
               r"|journalist|hack|clown|one|bloke|fella|people))?\b(?:\s*[?.!]|\s+and\b|\s+(?:lol|lmao|seriously|honestly)|$)"
               r"|\bwho(?:ever)? (?:hired|hires|keeps hiring|commissioned|keeps commissioning|employs|keeps employing|raised)"
               r" (?:you|u|him|her|this (?:person|guy|man|woman|writer|author|columnist|reporter|journalist|hack|clown|bloke"
               r"|fella))\b"
               r"|\bwho(?:ever)? (?:gave|keeps giving|gives) (?:you|u|him|her|this \w+|them) a (?:job|column|byline|platform)\b"
               r"|\b(?:how|why) (?:is|does|do) (?:he|she|this (?:\w+ )?(?:man|woman|person|guy|writer)|the (?:author|writer"
               r"|columnist)|you) still (?:employed|have a (?:job|column)|get paid|gets paid|in (?:a )?job)\b"
               r"|\bhow do (?:you|these) people keep getting (?:hired|published|paid)\b|\bbe un-?hired\b"
               r"|\bwho (?:signs|pays|writes) (?:this|that|his|her|your|their|the author's|the writer's) (?:\w+'s )?(?:pay ?checks?"
               r"|pay ?cheques?|checks|cheques|salary|wages)\b|\bthis is what (?:happens|you get) when (?:you|they|a paper|papers|the paper"
               r"|editors|the editors|newspapers|this paper) (?:hire|hires|let|lets|give|gives|employ|employs)\b"
               r"|\bhire (?:\w+ )?(?:writers|journalists|reporters|people) (?:by|for their|based on) (?:age|looks|follower"
               r"|followers|connections|instagram)\b|\bpaid (?:actual )?(?:money )?(?:for|to write) (?:this|that)\b"
               r"|\bimagine being paid (?:actual money )?to write (?:this|that)\s*(?:[.!?]|$)|\bcollecting (?:a )?salary for this\b|\bwaste of a (?:byline|column|press pass)\b"),
        # Bought, paid, in someone's pocket: contempt for the writer's motives.
        phrase(r"\bbought and paid for\b|\bpaid (?:shill|hack|mouthpiece|propagandist|stooge|troll|lackey)\b"
               r"|(?:^|[.!?]\s*|\bjust a |\bnothing but a |\bjust another |\banother )paid writer\b"
               r"|\b(?:he|she|you|they|author|writer|reporter|columnist|journalist|editor|hack)(?:'s|'ve| has| have)?"
               r" (?:obviously |clearly |evidently )?(?:been )?(?:paid|bought) (?:off )?by\b"
               r"|\bon (?:the |their |his |her )?[\w\x27\x00 -]{0,30}?\bpayroll\b"
               r"|\b(?:is|are|been|sits|sitting|living|firmly|squarely|right|clearly|inside) in (?:the \w+'s|\w+'s|his|her|their)"
               r" (?:back )?pocket\b|\bview from inside (?:his|her|their|the \w+'s) pocket\b"
               r"|\btakes? (?:an? )?envelopes? from\b|\b(?:lying|begging|writing|fishing) for clicks\b"
               r"|\b(?:pay|paid|pays|paying) (?:you|him|her|them|u) (?:by|per) (?:the )?(?:word|adjective|cliche|cliché|error"
               r"|copy-paste|click)\b|\bget paid per\b|\bsold[- ]out (?:journalist|writer|hack|reporter)\b"
               r"|\b(?:getting|get|gets) paid to (?:sound|pretend|write this|say this)\b"),
        # What a reader or the writer is told to go away with, and their schooling, mind or upbringing mocked.
        not_of_oneself(phrase(r"\blog off\b|\blog out,? (?:save|and let|nobody|you|mate|love|pal)|\bget a life\s*(?:[.,!]|$|mate|pal|love|loser)|\bnobody likes you\b"
               r"|\b(?:no one|nobody|no-one) asked (?:you|u)\b|\bsit this one out\b|\bstop embarrassing yourself\b"
               r"|\bnothing between (?:the|your|his|her) ears\b|\bempty[- ]head(?:ed)?\b|\bbrain the size of an? \w+"
               r"|\bborn (?:this|that|so) (?:daft|stupid|thick|dumb|dim|slow)\b|\b(?:did|do) (?:you|he|she) bang (?:your|his|her) head\b"
               r"|\b(?:are|were) (?:you|u) (?:really |always |seriously |genuinely )?(?:this|that|so) (?:slow|thick|stupid"
               r"|dense|daft|dim|dumb|confused|clueless)\b"
               r"|\bimagine being (?:this|so|that) (?:confidently )?(?:wrong|dumb|stupid|thick|dense|clueless|slow)\b"
               r"|\b(?:the )?(?:dumbest|stupidest|thickest|most idiotic|most braindead) (?:thing|comment|take|post|person"
               r"|opinion|article|piece)\b[^.!?\n]{0,30}\b(?:(?:i've|i have|i)(?: ever)? (?:read|seen|heard|come across|witnessed)"
               r"|ever (?:read|seen|heard|written|posted|published|printed)|ever\s*(?:[.!?]|$)|today|on this|this year|in years)"
               r"|\b(?:each|every) (?:comment|reply|post|one) (?:you|u) (?:write|post|make|type)s? (?:is |makes you (?:look )?)?"
               r"(?:dumber|stupider|worse|thicker|more stupid)\b|\b(?:dumber|stupider) than the (?:last|one before)\b"
               r"|\bmakes? (?:you|u|him|her) (?:look|sound) (?:dumber|stupider|thicker|even dumber)\b"
               r"|\b(?:you|u) (?:sound|look|write) like (?:you|u) (?:failed|flunked|never passed|skipped)\b"
               r"|\b(?:you|u|he|she) (?:obviously|clearly|must have) (?:failed|flunked|slept through)\b"
               r"|\b(?:you|u) (?:must have|must've) been (?:out sick|absent|asleep|off) the day\b"
               r"|\bwalking punchline\b|\bbrain (?:fell|falls) out\b|\b(?:your|his|her|ur) (?:opinion|take|comment|view|argument)s? (?:is|are) worth less than\b"
               r"|\bthe reason (?:they|we) (?:put|have) instructions on\b"
               r"|\b(?:bless your (?:heart|cotton socks|little cotton socks))\b"
               r"|\b(?:you|u) (?:look|write|sound) (?:about )?(?:12|twelve|ten|five|like a child)\b"
               r"|\b(?:you're|you are|ur) the kind of (?:person|idiot|fool|clown|guy|man|woman|bloke) who\b"
               r"|\b(?:never|hasn't|haven't|hadn't|has not|have not|not once) (?:\w+ )?had an original thought\b"
               r"|\bnever been (?:your|his|her|their) strong (?:suit|point)\b|\b(?:go|maybe|just|forgot to|forget to) take your"
               r" (?:meds|medication|pills)\b|\btake your (?:meds|medication|pills),? (?:and|then) (?:try again|come back|calm down"
               r"|log off|try|get back)\b|\boff (?:your|his|her|their) meds\b"
               r"|\bfail(?:s|ed|ing)? upwards?\b|\b(?:dimmest|dullest) (?:bulb|tool|knife)\b|\bnot the (?:brightest|sharpest)"
               r" (?:bulb|tool|knife|crayon|spoon)\b|\bonly thing (?:emptier|dumber|thicker|smaller|shallower) than\b"
               r"|\b(?:you|u|he|she|guy|man|woman|author|writer|columnist|reporter|who) (?:\w+ )?(?:reads?|writes?|thinks?"
               r"|operates?) at an? (?:\w+[- ]grade|\w+ grader|primary school"
               r"|kindergarten|middle school|toddler) level\b"
               r"|\b(?:writes|reads|sounds|talks|argues|thinks|whines?|cries|sulks)(?: about [\w -]{1,25}?)? like an?"
               r" (?:[\w-]+ )?(?:high schooler"
               r"|teenager|child|kid|toddler|schoolboy|schoolgirl|\w+[- ]year[- ]old|freshman|sophomore|intern|\w+ grader"
               r"|baby|brat)\b"
               r"|\b(?:ask|let|get) an? (?:adult|grown-?up) (?:to )?(?:check|read|write|explain|proofread|edit)\b|\b(?:outsource|outsourced|hand|handed|give|gave|assign"
               r"|assigned) (?:this|it|the \w+|this \w+) to (?:an?|some) (?:[\w-]+ )?(?:intern|teenager|child|kid|toddler|chatbot|monkey"
               r"|\w+-year-old|work[- ]experience kid)\b|\bhire my (?:\w+[- ]year[- ]old|kid|dog|cat|nephew|niece"
               r"|son|daughter)\b|\btrust[- ]fund (?:kid|baby|brat)\b|\bplaying (?:reporter|journalist|writer|expert"
               r"|economist|scientist)\b|\bwhatever (?:they're|they are|the paper is|you're|they) pay(?:ing)?"
               r" (?:this|him|her|you)\b|\bhow much did (?:the \w+|they|\w+) pay (?:you |him |her )?for (?:this|that)\b"
               r"|\b(?:nobody|no one|no-one) (?:here |in here |on here )?thinks (?:you're|you are|he's|she's) (?:smart|clever"
               r"|funny|bright|right)\b|\b(?:nobody|no one|no-one) (?:needs|wants|cares about) your (?:opinion|take|input"
               r"|comments?|views)\b|\b(?:nobody|no one|no-one) asked an? [\w -]{1,30}? for (?:her|his|their|your)\b"
               r"|\b(?:did|do) (?:you|he|she|they) (?:sleep through|fail) (?:every|all|your|his|her|their|the)"
               r" (?:\w+ )?(?:class|classes|lessons?|lectures?|school)\b"
               r"|\b(?:you|author|writer|reporter|columnist|journalist|editor)(?: obviously| clearly| evidently)?"
               r" (?:never|didn't|did not|couldn't) (?:even )?(?:finish|finished|graduate|graduated from|pass|passed)"
               r" (?:high school|school|primary|grade school|middle school|\w+ grade)\b"
               r"|\b(?:you|author|writer|reporter|columnist|journalist|editor|guy|hack|this \w+)"
               r" (?:wouldn't|would not|doesn't|does not|don't|couldn't) know an? [\w -]{1,25}? from an?\b"
               r"|\b(?:iq|intelligence)\b[^\n]{0,40}\broom temperature\b|\broom temperature\b[^.!?\n]{0,20}\biq\b"
               r"|\b(?:your|ur|his|her|their|the author's|the writer's) iq (?:must be|is|of|matches|equals|can't be|is lower"
               r"|is below|is about)\b|\b(?:iq|iqs) (?:of|below|lower than|matching) (?:room temperature|a \w+|their shoe size)\b"
               r"|\b(?:you|u|author|writer|reporter|columnist|journalist|editor|guy|bloke|hack|this \w+)"
               r" (?:couldn't|could not|can't|cannot|wouldn't be able to) find [\w ,-]{1,30}? (?:on|with) a (?:map|sat ?nav|gps"
               r"|torch|flashlight|compass)\b"
               r"|\b(?:your|ur) (?:english|grammar|spelling) is (?:so |as |very |really |truly )?(?:bad|poor|terrible|awful"
               r"|atrocious|appalling|broken)\b|\b(?:maybe|go|just|please|first|pls|try to) learn (?:the language|english|to read)\b"
               r"|(?:^|[.!?]\s+)learn (?:the language|english|to read|to spell)\b"
               r"|\b(?:before|stop|quit) (?:you )?embarrass(?:ing)? yourself\b|\bembarrassing for you\b"
               r"|\bcouldn't \w+ (?:his|her|their|your|its) way out of an? (?:wet )?(?:paper|paper bag|bag)\b"
               r"|\b(?:should be|ought to be) ashamed (?:to have|of having|for having) (?:hired|published|employed|commissioned)\b"
               r"|\bonly (?:someone|somebody|a person|an idiot) (?:with|of) (?:your|his|her) (?:level of )?(?:intelligence|iq"
               r"|brains?|intellect)\b"
               r"|\b(?:dumbest|stupidest|thickest|laziest|worst|most incompetent|most useless|most clueless) (?:person|writer"
               r"|columnist|journalist|reporter|hack|commenter|poster|human|man|woman|hire) (?:on|in|at|writing|working|alive"
               r"|employed|i've|i have|ever|this paper)\b|\bwashed[- ]up (?:former |old )?(?:\w+ )?(?:mp|hack|columnist|writer"
               r"|journalist|reporter|pundit|presenter|politician|has-been|talking head|anchor|host|star)\b")),
        # A person called a contemptible thing with a list of adjectives: "such a pathetic, bitter little woman",
        # "you smug, heartless careerist".
        not_of_oneself(phrase(r"\b(?:" + "|".join(sorted(_PERSON_ADJECTIVES_RE)) + r"|pathetic|sad|useless|miserable|nasty|vile)"
               r"(?:,? (?:and )?(?:" + "|".join(sorted(_PERSON_ADJECTIVES_RE)) + r"|pathetic|sad|useless|miserable|nasty"
               r"|vile|little|old)){0,3},? (?:little |old )?(?:man|woman|person|boy|girl|creature|fellow|fella|bloke|lady"
               r"|individual|careerist|contrarian|hack|snob|bore|nobody|thing|troll)\b")),
        near(r"\byou\b,?", r"\b(?:careerist|grifter|shill|twit|muppet|halfwit|nitwit|dimwit|simpleton|buffoon|dunce|airhead"
                          r"|pillock|prat|plonker|berk|eejit|numpty|contrarian|snob|windbag|loudmouth|brainlet|charlatan"
                          r"|fossil|dinosaur|weirdo|creep|lightweight)\b", 25),
        phrase(_YOU_ARE + r" (?:just )?like an? [\w -]{0,25}?\b" + _LOWLY + r"\b"),
    ]),
]

# Standalone verdicts on a person: a short sentence made of a few words of scorn and one of these, and nothing
# that makes it about a thing ("Absolute mug." is a person; "Absolute shambles." and "This plan is a joke." are not).
# Nouns only ever said of a person, and nouns that also name things ("life hack", "a plank of wood", "the joke"):
# the second count only in a comment that speaks to or of someone.
_VERDICT_NOUNS = frozenset(
    "grifter grifters shill shills mouthpiece propagandist stenographer lapdog stooge charlatan twit muppet numpty "
    "simpleton halfwit dimwit nitwit lightweight careerist contrarian apologist hypocrite loudmouth windbag snob "
    "buffoon dilettante brainlet dunce airhead pillock prat plonker berk eejit weathervane sellout sell-out "
    "has-been".split())
_VERDICT_NOUNS_OF_SOMEONE = frozenset("hack hacks quack plank mug fraud".split())
# Adjectives said of a person's mind or character; two of them, or one in a sentence of three words, are a verdict
# ("Posh, smug, clueless.", "Pompous and clueless.", "Spineless."). Said of work ("lazy", "sloppy", "biased",
# "shallow") an adjective only adds to one of these: "Lazy. Sloppy. Wrong." is said of a piece.
_PERSON_ADJECTIVES = frozenset(
    "talentless spineless gutless brainless contemptible shameless smug pompous clueless condescending arrogant "
    "ignorant bitter vapid posh gormless dim thick sneering pretentious insufferable senile deluded witless "
    "washed-up heartless spiteful snide smarmy dense daft dopey simple-minded half-witted dim-witted".split())
_WORK_ADJECTIVES = frozenset("lazy sloppy biased shallow useless incompetent dishonest hopeless naive dumb stupid".split())
_NOT_VERY_BRIGHT = ("not very bright", "not too bright", "not the brightest", "not the sharpest", "a bit thick")
# Words that make a short sentence about something other than a person, or not a verdict at all.
_NOT_A_VERDICT = frozenset(
    "this it its it's that the is was are were be been being no never piece article column job work story "
    "policy plan bill budget argument idea journalism writing headline take report reporting i i'm my me we our "
    "council government".split())
_MAX_VERDICT_WORDS = 8
# The comment speaks to or of a person: a verdict fragment counts only then.
_SOMEONE = phrase(r"\b(?:you|your|you're|u|ur|he|she|him|her|his|author|writer|columnist|reporter|journalist|journo|editor"
                  r"|correspondent|mr|mrs|ms|sir|madam|guy|bloke|man|woman)\b|@\w")


def _is_verdict(words: list[str], sentence: str, of_someone: bool) -> bool:
    if any(word in _NOT_A_VERDICT for word in words):
        return False
    if any(word in _VERDICT_NOUNS for word in words):
        return True
    if not of_someone:
        return False
    if any(word in _VERDICT_NOUNS_OF_SOMEONE for word in words):
        return True
    person = sum(word in _PERSON_ADJECTIVES for word in words) + any(hint in sentence for hint in _NOT_VERY_BRIGHT)
    work = sum(word in _WORK_ADJECTIVES for word in words)
    return person >= 2 or (person == 1 and (work >= 1 or len(words) <= 3))


_SENTENCE = phrase(r"[^.!?\n]+")


def verdict_fragment(text: str) -> str | None:
    """The first short sentence that is nothing but a verdict on a person ("Disgraceful hack."), or None.

    Sentences are cut at . ! ? and line breaks by one RE2 scan; only short ones are read further."""
    view = ascii_view(text)
    of_someone = _SOMEONE.search(view) is not None
    for match in _SENTENCE.finditer(view):
        start, end = match.span()
        if end - start > 12 * _MAX_VERDICT_WORDS:  # too long to be a few words
            continue
        sentence = view[start:end].decode("ascii").lower()
        words = [word.strip("\"'\x00()-:;") for word in sentence.replace(",", " ").split()]
        words = [word for word in words if word]
        if 0 < len(words) <= _MAX_VERDICT_WORDS and _is_verdict(words, sentence, of_someone):
            return text[start:end].strip()
    return None


# --- Veiled threats -------------------------------------------------------------------------------------------
# A veiled threat names no violence. What makes it one is that several kinds of cue are said to or of a person
# within a few sentences. Strong kinds: something of THEIRS (their children, car, shop, profile photo), their
# WHEREABOUTS (where they live or drink, a routine, "your address is easy to find"), a CONSEQUENCE left unsaid
# ("would be a shame", "accidents happen", "who knows what happens") and being WATCHED ("people remember",
# "we know your car", "keeping a list"). Weak kinds, which only set the tone: CAUTION ("be careful", "if I were
# you"), SMALL WORLD ("small town"), a CROWD ("a few of the lads"), the SHRUG that ends it ("just saying",
# "sleep well"), what PROVOKED it ("keep writing", "after what you wrote") and when they are VULNERABLE ("after dark").
# One kind alone is ordinary talk ("be careful on that junction", "people remember how the council voted",
# "it's a small town", "lovely garden"); see _weight() for how many make a threat.
_THEIR = r"(?:\b(?:my|our) )?\b(?:your|ur|his|her|their|whose|the \w+'s|\w+'s)\s+"
_THEIR_LIFE = (r"(?:[\w-]+ )?(?:[\w-]+ )?(?:kids?|children|child|little ones?|dog|cat|pets?|lad|girl|boy|twins|daughters?|sons?|wife|husband|missus"
               r"|family|families|mum|mom|mum's|mom's|dad|father|mother|brother|sister|parents|neighbours|neighbors|house"
               r"|home|flat|address|street|garden|front door|door|car|van|truck|tyres|tires|windows?|shop|bakery|stall"
               r"|business|office|office hours|clinic|surgery|printing press|shed|parking spot|school run|school|church"
               r"|gym|route|walk home|walks|jog|commute|holidays?|face|full name|photo|profile pic\w*|picture|bio"
               r"|compound|village|station|planning application|employer|boss|faces|names|yard|fence|classroom|lake house"
               r"|cabin|cottage|farm|plate|husband's|wife's)\b")
_THEIRS = (_THEIR + _THEIR_LIFE
           + r"|\b(?:you've|you have|you got|you've got|'s got|has got) (?:a |some )?(?:lovely|nice|beautiful|pretty|big|new"
           r"|cute)\b|\bwhat (?:car|truck|you|he|she) (?:drive|drives)\b|\byours is an? (?:[\w-]+ )?(?:car|truck|van|house|civic|sedan|suv|\w+)\b"
           r"|\b(?:lovely|nice|beautiful|pretty|cute) " + _THEIR_LIFE + r"|\b(?:lovely|nice|beautiful|pretty) (?:[\w-]+ )?"
           r"(?:roses|view)\b")
# "Me" for "my" before kin, as Irish, Scottish and Northern English write it: "me granny lives on Tower Road" (dev dr).
_KIN = (r"(?:gran|granny|grannie|nan|nana|nanna|mam|mammy|ma|da|daddy|dad|mum|mom|ma|auld \w+|old \w+|brother|sister"
        r"|missus|fella|husband|wife|son|daughter|kids?|wee \w+|cousin|uncle|aunt|auntie)")
# Where they are and when: known, found, routine.
_WHEREABOUTS = (r"\b(?:know|knows|knew|found|seen|noticed|recognise|recognised|recognize|recognized|remember)"
            r" (?:exactly |all |now )?(?:where|which|who|what time|when) [\w ]{0,20}?\b(?:you|u|he|she|they|your|his"
            r"|her|their|lives?|works?|parks?|drinks?|is|are)\b"
            r"|\b(?:we|i|they|lads|boys|us)(?:'ve| have)? (?:got|have) (?:your|his|her|their) (?:\w+ )?(?:address\w*|number"
            r"|picture|photo|names?|reg)\b|\b(?:address|house|car) is (?:that |so |very )?easy to find\b"
            r"|(?:\b(?:my|our|i|we|mine) (?:[\w-]+ )?|\bme " + _KIN + r" )?\b(?:lives?|living|stays?|works?|drinks?|parks?|sits?|goes|go) (?:right |just |about )?(?:in|on|near|by|round"
            r"|around|off|opposite|next to|\w+ minutes from|within) (?:[A-Z]\w+|the \w+|this \w+|that \w+|here|me|us)"
            r"|\b(?:lives?|live) here too\b|\bnot (?:as|so) anonymous as\b|\b(?:think|thinks|assume|assumes) (?:they're|they are"
            r"|you're|you are|nobody knows|no one knows|he's|she's) (?:anonymous|safe)\b"
            r"|(?:\b(?:my|our|i|we|mine) (?:[\w-]+ )?)?\b(?:walks?|walking|drives?|driving|cycles?|cycling|bikes?|biking|rides?|riding"
            r"|runs?|jogs?|commutes?|goes|go|takes?|drops?|drop|leaves?|leaving|gets? on|works? nights)\b"
            r"[^.!?\n]{0,60}\b(?:every (?:day|morning|night|evening|week|sunday|friday|saturday|match day)|at \d|alone"
            r"|on (?:your|his|her|their) own|after dark|at night)"
            r"|\b(?:saw|seen|spotted|see) (?:him|her|them|you) (?:at|in|outside|on)\b"
            r"|\beasier (?:for (?:\w+ )?people )?to (?:recogni[sz]e|find|spot|track down|identify)\b"
            r"|\b(?:has|have) to (?:drive|walk|cycle|ride|bike|get|go) home\b|\bwalk(?:s|ing)? home\b|\bway home\b"
            r"|\b(?:at|outside|to|in|near|through) (?:the |that )?(?:car park|multi-storey|parking lot|school gates|those gates"
            r"|the gates|training ground|towpath|underpass)\b|\bwalking (?:home|back|out of|to (?:the|your|his|her) \w+)\b"
            r"|\bafter (?:home games|the (?:game|match))\b|\bthe (?:house|flat|car|shop|one|door) with the\b")
# Harm left unsaid: it would be a shame, accidents happen, you'll find out, the windows won't last.
# When and where a person is easiest to hurt: weak alone ("be careful on the towpath after dark").
_VULNERABLE = (r"\b(?:long walk|isolated|secluded|by (?:yourself|herself|himself)|home alone|some night"
               r"|(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday) night|after dark|at night|in the dark|late at night|one night|tonight|on (?:your|his|her|their) own|alone by"
               r"|nobody else around|no one else around|face to face|in person|dark,? too|long and (?:very )?dark)\b")
_CONSEQUENCE = (r"\b(?:would|'d|will) be a (?:real |terrible |great |crying |awful )?(?:shame|pity)\b"
                r"|\bbe a (?:real |terrible |crying |awful )?(?:shame|pity)\b|\b(?:shame|pity) if\b"
                r"|\b(?:would|'d) be (?:terrible|awful|sad|tragic|a tragedy|unfortunate) if\b|\bwould hate for\b"
                r"|\bwouldn't want (?:anything|something|them|him|her|you)\b|\bnobody wants that\b"
                r"|\bif (?:anything|something) (?:bad )?(?:happened|were to happen|was to happen)\b"
                r"|\b(?:who knows|see|find out|finding out|learn|know) what (?:happens|might happen|could happen|happened to)\b"
                r"|\bsee how (?:brave|comfortable|tough|safe)\b|\bwon't be so brave\b|\b(?:won't|will not|wouldn't) (?:feel|be|stay)"
                r" (?:safe|comfortable)\b|\bwon't enjoy\b|\b(?:accidents|things|bad things|these things|problems|bad luck)"
                r" (?:happen|can happen|tend to happen|go missing|get broken|come to)\b|\bhaving (?:a lot of |some )?(?:bad luck"
                r"|little 'accidents'|accidents)\b|\blittle (?:'accident'|accident)\b|\b(?:locks|insurance) (?:are|is) (?:good|strong|decent)|\bhope (?:you've got|you have|you've|your|his|her|their)"
                r" (?:got )?(?:good|decent|strong|proper) (?:home |house |car |fire )?(?:insurance|locks?)\b|\b(?:good|better) (?:home )?(?:insurance"
                r"|locks?)\b|\b(?:you'll|you will|you're going to) (?:regret|get yours|pay for)\b|\bday of reckoning\b"
                r"|\b(?:tend|tends) to (?:learn|find|lose|disappear|go quiet|have accidents)\b|\bthe hard way\b"
                r"|\b(?:will|'ll|gonna|going to) find (?:you|him|her|them|out who)\b|\b(?:paying|pay) (?:them|you|him|her) a visit\b"
                r"|\bget(?:ting)? visitors\b|\b(?:people|they|voices|critics|journalists|reporters|writers|he|she|you)\b"
                r"[^.!?\n]{0,25}\b(?:disappear|go quiet|went quiet|goes quiet|go missing|vanish)\b|\bhistory isn't kind\b"
                r"|\bexist for a reason\b|\b(?:get|gets) what (?:they|he|she|you) deserve\b|\bhelp that along\b"
                r"|\b(?:don't|doesn't|won't) last (?:long|very long)\b|\bgo up (?:fast|quickly|easily)\b|\b(?:brittle|fragile"
                r"|breakable|flammable)\b|\bdry wood\b|\bold wiring\b|\bover (?:your|their|his|her) shoulders?\b"
                r"|\bwhile (?:it|you|they|she|he) (?:still can|lasts)\b|\bwon't be bringing flowers\b"
                r"|\bnot everyone(?:'s| is) going to be as polite\b|\bhave a way of\b|\beverybody has something to lose\b"
                r"|\bcomfort is temporary\b|\bdon't always stay\b|\b(?:elections?|the ballot box|voting) (?:is|are|aren't|are not"
                r"|isn't) (?:not )?the only\b|\bnot the only (?:way|day)\b|\bmake ours\b|\bcount (?:themselves|yourself) lucky\b"
                r"|\bdecide if it was worth it\b|\byou will need it\b|\bsee what happens\b|\bcatching up with\b"
                r"|\bwhen we come\b|\bpop round\b|\bdon't be surprised if\b|\brun out of patience\b|\bdeliver it by hand\b"
                r"|\b(?:love|like) (?:to have )?a (?:word|chat|little chat)\b|\bwe(?:'ll| will) find\b"
                r"|\b(?:we'll|we will) (?:be )?(?:seeing|watching|visiting)\b|\bseeing some of us\b|\bcan't always control\b"
                r"|\btake an interest in\b|\btook a dislike\b|\bhit a few snags\b|\bnobody tramples\b|\bcaught up in\b"
                r"|\banything (?:could|can|might) happen\b|\b(?:about to|going to|gonna) get (?:very |real |really )?"
                r"(?:uncomfortable|ugly|interesting|difficult|hot|nasty|messy) for (?:you|him|her|them)\b"
                r"|\b(?:are|is|we're|i'm|we are) done talking\b|\bonly one of you\b|\bold buildings\b"
                r"|\b(?:see|find out) who(?:'s| is) (?:still )?(?:smiling|laughing)\b"
                r"|\bnot (?:planning on |counting on |going to be )?needing (?:anybody's|anyone's|our|any) help\b"
                r"|\b(?:windows|tyres|tires|glass) (?:keep|kept|keeps) (?:ending up|getting|going|breaking)\b"
                r"|\bhow many [\x27\x00\x22]?accidents\b|\baccidents[\x27\x00\x22]? happen\b"
                r"|\bwhat goes around\b|\b(?:don't|do not|doesn't) take kindly to\b|\b(?:have|has|had|having) (?:an? )?(?:little |nasty |unfortunate |bad )?accidents?\b"
                r"|\b(?:face|there will be|there'll be|will have|suffer) (?:the )?consequences\b"
                r"|\bkarma (?:will|is going to|'ll|is gonna) (?:catch up|get|find|come for|sort)\b")
# Advice that is a warning only with something else: "be careful" is also said of icy roads.
_CAUTION = (r"\b(?:be|stay|must be|should be|be very|be extra|being|more|do be) careful\b|\bcareful (?:out there|what you"
            r"|now|mate|love|pal|who|with your words)\b|\bcareful,|\bthink twice\b|\bkeep (?:my|your|his|her) head down\b"
            r"|\b(?:stay|keep \w+ \w+|keep \w+) indoors\b|\bwouldn't go (?:near|out)\b|\bif i (?:were|was) (?:you|the)\b"
            r"|\bnot safe\b|\bdangerous places?\b|\bkeep (?:an eye|one eye) (?:over|on)\b|\b(?:choose|pick) (?:your|the) next"
            r" (?:story|column|words) carefully\b|\bisn't very smart\b|\bpray harder\b|\bjust pray\b|\bbe wise\b"
            r"|\blet's just say\b|\bwe(?:'ll| will| shall) see\b|\bwait and see\b|\bmight want (?:a|to)\b|\bbetter hope\b|\bshould (?:start|remember)\b")
# What the person said or did that the writer answers this way.
_PROVOKED = (r"\b(?:keep|keeps|kept|stop|quit) (?:on )?(?:posting|writing|talking|pushing|defending|running your mouth|it up"
             r"|reporting)"
             r"|\b(?:after )?what (?:you|he|she|they) (?:wrote|write|said|say|post|posted)\b|\b(?:you|u) (?:post|talk|write)"
             r" (?:a lot|so|too much|an awful lot|big)\b|\b(?:your|ur|his|her|their) (?:\w+ )?(?:column|article|piece|views"
             r"|opinions?|comments?|posts?|vote|votes|ruling|campaign|story|reporting|analysis)\b"
             r"|\b(?:who|that) (?:voted|wrote|write|writes|pushed|backed|signed|leaked|spoke|speak|talk|cross|make|made"
             r"|cheered|cheering|dig|keep)\b|\b(?:people|those|reporters|journalists|writers) (?:who|like you)\b"
             r"|\bbrave (?:words|opinions)\b|\bbehind (?:a|your|the) (?:keyboard|screen|computer|phone)\b"
             r"|\brunning (?:your|their|his|her) mouths?\b|\b(?:you|u) wrote (?:this|that)\b|\bbrave online\b|\bbefore (?:writing|printing|you (?:post|write))\b"
             r"|\bwith votes like\b|\bstuff like this\b|\b(?:articles|things) like (?:this|that)\b|\bfor someone (?:who|whose)\b"
             r"|\b(?:you've got|you have|you got) a lot to say\b|\bbrave (?:of you|words|talk)\b|\btough talk\b")
# Being watched, listed and remembered.
_WATCHED = (r"\b(?:people|we|they|folk|folks|the lads|the elders|everyone|truckers|we'll|we will)(?: round here| here| around here"
            r"| in this town| on this estate)? (?:all )?(?:remember|remembers|have heard|don't forget|never forget|won't forget)"
            r"(?: (?:names|faces|your \w+|who|how|which|what|exactly|everything))?\b|\blong memor(?:y|ies)\b"
            r"|\b(?:keeping|keep|got|have|made|have got) (?:a list|notes|lists)\b|\bon a list\b|\bword gets? (?:round|around)\b"
            r"|\bpeople talk\b|\b(?:we're|we are) (?:watching|just remembering)\b|\bwatches everything\b|\bsees everything\b"
            r"|\bremember (?:exactly )?(?:your|his|her|their|names|faces|how (?:you|he|she|they)|what (?:you|he|she|they))\b"
            r"|\btook (?:pictures|photos|names)\b|\bkeeping notes\b|\bnever know who(?:'s| is) (?:looking|watching)\b"
            r"|\bnobody ever sees anything\b|\bbeen asking about\b|\bwe have noted\b|\b(?:know|knows) your family\b"
            r"|\bwe (?:all )?know (?:your|his|her|their|who|where|which|exactly|what|you)\b"
            r"|\b(?:haven't|have not|hasn't|never|won't have) forgotten\b|\b(?:are going to|will|gonna|'ll) remember\b"
            r"|\bof us(?: out here| round here| around here)? (?:remember|know)\b|\brun (?:a|your|his|her) (?:plate|reg)\b"
            r"|\b(?:everybody|everyone|the whole \w+|half the town|all of us|people)(?: in town| here| round here| around here)?"
            r" (?:knows?|know) (?:exactly )?(?:where|who|which|what)\b"
            r"|\b(?:we|i|they)(?:'ve| have)? (?:got|have) (?:your|his|her|their) (?:\w+ )?(?:address\w*|number|picture|photo"
            r"|names?|reg)\b|\b(?:we|i|they) (?:pass|drive|walk|go) (?:by|past) (?:there|your|his|her|their)\b")
_SMALL_WORLD = (r"\b(?:small|little) (?:town|world|city|island|place|village|country)\b"
                r"|\b(?:town|city|place|county|village) this small\b|\bnot (?:such|that) a big\b"
                r"|\bbut not that big\b|\bsmall world\b|\bwe all see each other\b")
_CROWD = (r"\b(?:a few|some|lot of|lots of|plenty of|loads of|a lot of|many|\d+) (?:of )?(?:the )?(?:lads|boys|blokes|of us|us"
          r"|friends"
          r"|people|folks?|men|supporters|fans|traders|parents|locals)\b|\bsome of us\b|\bthe (?:lads|boys)\b"
          r"|\b(?:angry|unhappy|upset|furious) (?:people|folk|lads|men|with you)\b|\bwho(?:'d| would) (?:love|like) (?:a|to)\b"
          r"|\bthe wrong people\b|\bfriend of ours\b")
_SHRUG = (r"\bjust (?:an? )?(?:interesting )?(?:observation|thing i noticed|noticing)\b|\byou know\?"
          r"|\b(?:you will|you'll)(?: soon| see| find out| learn)?\s*[.!]|\bgood luck (?:on )?(?:monday|tuesday|wednesday"
          r"|thursday|friday|saturday|sunday|tonight|tomorrow)\b|\bjust saying\b|\bword of advice\b|\bmark my words\b|\bjust a thought\b|\bi(?:'m| am)? only say(?:ing)?\b|\bi only say\b|\bsomething (?:for \w+ )?to"
          r" (?:think|keep in mind) about\b|\bthink (?:about|on) (?:that|it|him|her|them)\b|\bthink on\b|\bconsider that\b"
          r"|\benough said\b|\bfriendly (?:advice|word|warning|suggestion|reminder)\b|\bcount on it\b"
          r"|\bsleep (?:well|tight|soundly)\b|\brest well\b|\bfunny (?:that|how|thing)\b|\bhave a (?:good|nice) (?:week|day"
          r"|evening)\b|\bsee you around\b|\b(?:don't|doesn't) (?:she|he|they)\s*[?.]|\bright\?|\byes\?|\bna\?|\bisn't it\b"
          r"|\bnothing personal\b|\bbe wise\b|\bno vex\b|\bremember that\s*[.!]|\bremember,|\bwe'll make ours\b"
          r"|\bjust for a chat\b|\bfrom now on\b|\bor sooner\b|\bor something\b|\bwould we\b|\bdon't they\b|\bpredictable\b")
# A reckoning promised to the person needs nothing else.
_RECKONING = (r"\b(?:your|ur) (?:time|day|turn) (?:will come|is coming)\b|\b(?:you'll|you will) get (?:yours|what's coming)\b"
              r"|\bkarma(?:'s| has)? got your (?:address|number)\b|\bwhat goes around comes around,? [\w ]{0,20}?\b(?:you|u|mate"
              r"|pal|love|@)"
              r"|\b(?:you're|you are) going to regret (?:this|that|writing|saying|posting)\b"
              r"|\b(?:don't|do not|better not|wouldn't|i wouldn't|never) show (?:your|his|her|their) face (?:at|in|around|round"
              r"|near|here|again)\b|\b(?:someone|somebody|people|we|the lads|the boys) (?:should|ought to|needs? to|will|'ll"
              r"|might|are going to|gonna) pay [@\w ]{1,20}? a (?:little |friendly |quick )?visit\b")

_CUES = [(name, phrase(pattern)) for name, pattern in (
    ("theirs", _THEIRS), ("whereabouts", _WHEREABOUTS), ("consequence", _CONSEQUENCE), ("watched", _WATCHED), ("caution", _CAUTION),
    ("small world", _SMALL_WORLD), ("crowd", _CROWD), ("shrug", _SHRUG), ("provoked", _PROVOKED),
    ("vulnerable", _VULNERABLE))]
# A kind of cue weighs 2 if it says what the writer knows, that harm may come, or that the person is watched, 1 if it
# only sets the tone; a comment is a veiled threat when the kinds within a window weigh THREAT_WEIGHT, one strong.
# "Your kids should be careful crossing that road" is exposure and caution (3); "your address is easy to find. Be
# careful out there" after "you post an awful lot" adds the provocation (4).
_STRONG = frozenset({"theirs", "whereabouts", "consequence", "watched"})
THREAT_WEIGHT = 4
_RECKONING_RE = phrase(_RECKONING)
_PROVOKED_RE = phrase(_PROVOKED)
# Someone the threat is aimed at: the reader, the author, an official by role, people who did something.
_AIMED = phrase(r"\b(?:you|your|you're|u|ur|yours|he|she|him|her|they|them|their)\b|@\w"
                r"|\b(?:all )?(?:those|these) [\w -]{0,20}people\b"
                r"|\b(?:nice|lovely|beautiful|pretty) (?:[\w-]+ )?(?:car|truck|van|house|home|family|kids|garden|shop)\b|\b(?:councillor|cllr|mr|mrs|ms|dr|madam"
                r"|sir|judge|professor|doctor|doc|father|pastor|reverend|mayor|editor|reporter|journalist|author|writer"
                r"|columnist|gaffer|manager|engineer|ceo|landlord|whoever|anyone who|those who|people who|reporters|journalists"
                r"|councillors|judges|doctors|politicians|writers)\b")
# A cue said of the writer's own life ("my daughter lives in Leeds", "I walk home alone") exposes nobody.
_FIRST_PERSON = phrase(r"(?:my|our|i|mine|me " + _KIN + r")\b")
THREAT_WINDOW = 240  # characters from the first cue to the last: two or three sentences


def veiled_threat(text: str) -> str | None:
    """The words of a veiled threat, or None: a reckoning promised, or cues of several kinds (see above) within
    THREAT_WINDOW characters, in a comment aimed at someone.

    Each cue pattern is searched once over the text; the cues are then read in order, each with those that start
    within the window after it (a handful: every cue is a few words long)."""
    view = ascii_view(text)
    reckoning = _RECKONING_RE.search(view)
    if reckoning:
        return text[reckoning.start():reckoning.end()]
    if not (_AIMED.search(view) or _PROVOKED_RE.search(view)):
        return None
    cues = sorted((match.start(), match.end(), name, view[match.start():match.end()].lower())
                  for name, pattern in _CUES for match in pattern.finditer(view)
                  if not (name in ("whereabouts", "theirs") and _FIRST_PERSON.match(view, match.start())))
    # A window from each cue to the cues that start within THREAT_WINDOW of it, moved along the list: each cue
    # enters and leaves it once, and what the window holds is counted per kind and phrase.
    held: dict[str, dict[bytes, int]] = {}
    last = 0
    for first, (start, _end, name, words) in enumerate(cues):
        while last < len(cues) and cues[last][0] <= start + THREAT_WINDOW:
            _, _, kind, said = cues[last]
            phrases = held.setdefault(kind, {})
            phrases[said] = phrases.get(said, 0) + 1
            last += 1
        if _weight(held) >= THREAT_WEIGHT:
            return text[start:max(end for _, end, _, _ in cues[first:last])]
        phrases = held[name]
        phrases[words] -= 1
        if not phrases[words]:
            del phrases[words]
            if not phrases:
                del held[name]
    return None


def _weight(held: dict[str, dict[bytes, int]]) -> int:
    """What the kinds of cue in a window weigh together: 2 for each strong kind (3 if said in two different ways:
    "who knows what happens ... the hard way"), 1 for each other kind; nothing without a strong one."""
    strong = [phrases for kind, phrases in held.items() if kind in _STRONG]
    if not strong:
        return 0
    return sum(2 + (len(phrases) > 1) for phrases in strong) + len(held) - len(strong)


def personal_attack_reasons(text: str) -> list[str]:
    """Reasons like "insult: 'you're a sad little man'", "veiled threat: 'your daughter's school ... be careful'"."""
    said = as_said(text)
    reasons = family_reasons(INSULT, said)
    if not reasons:
        fragment = verdict_fragment(said)
        if fragment is not None:
            reasons.append(f"insult: '{fragment[:60]}'")
    threat = veiled_threat(said)
    if threat is not None:
        reasons.append(f"veiled threat: '{threat.strip()[:60]}'")
    return reasons
