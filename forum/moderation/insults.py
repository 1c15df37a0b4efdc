"""Abuse without swear words: attacks on a group for who they are, demeaning labels for people, and
insults at the author or a reader that are put as comparisons. Pure: text in, reasons out.

- identity attack: a protected group (a nationality, faith, ethnicity, gender, sexuality, disability,
  or migrants as such) said, as a whole, to be a disease, criminals, less intelligent or less human,
  or told where it belongs; and the common dog-whistles of organised hate (((echoes))), "13/50", the
  "great replacement", "which tribe").
- name-calling: labels that stand for a person to dismiss them (snowflake, bootlicker, troglodyte…),
  written as an address or a plural about people present ("the lot of you", "a bunch of …").
- insult: the writer's or a reader's mind compared with an object ("the IQ of a houseplant"),
  "did a child write this", "who let this hack publish".
Civil comments argue fiercely about immigration, religion and the author's figures, and quote
what others said to rebut it; so a group word counts only next to a dehumanising predicate in the
same sentence, and an insult only with a person (the author, you, he or she) as its target.
"""
from forum.moderation.idioms import as_said
from forum.moderation.phrases import Family, family_reasons, near, not_of_oneself, phrase, unless
from forum.moderation.phrases import NEGATION
from forum.patterns import ascii_view

_GROUP = (r"\b(?:muslims?|islam|jews?|jewish|christians?|hindus?|sikhs?|catholics?|immigrants?|migrants?|refugees?"
          r"|asylum seekers?|foreigners?|blacks?|whites?|asians?|africans?|arabs?|mexicans?|chinese|indians?"
          r"|pakistanis?|bangladeshis?|poles|polish|romanians?|ukrainians?|russians?|americans?|nigerians?|somalis?"
          r"|turks?|gypsies|gipsies|travellers|roma|latinos?|hispanics?|irish|scots|germans?|italians?|albanians?"
          r"|eastern europeans?|brits|yanks|japanese|koreans?|vietnamese|filipinos?|iranians?|iraqis?|afghans?|syrians?"
          r"|palestinians?|israelis?|buddhists?|atheists?|mormons?|black people|white people|brown people|asian people"
          r"|foreign workers|economic migrants|illegals|the elderly|old people|aussies|frenchies|slavs|orientals"
          r"|uyghurs|tibetans|taiwanese|hongkongers|han|mainlanders|kurds|tamils|bengalis|gujaratis|punjabis"
          r"|jamaicans|ghanaians|congolese|ethiopians|eritreans|sudanese|moroccans|algerians|egyptians|lebanese|saudis"
          r"|kenyans|ugandans|tanzanians|zimbabweans|south africans|haitians|cubans|colombians|venezuelans|brazilians"
          r"|aboriginals?|aborigines|indigenous people|first nations|maori|dalits|romanians?|bulgarians?|pakistani"
          r"|indian|nigerian|mexican|chinaman|muslim|hindu|the (?:jews|muslims|chinese|blacks|gays|poles|irish)"
          r"|homosexuality|being gay|transgenderism|special needs (?:kids|children|pupils)|the handicapped"
          r"|women|woman|girls|females?|gays?|lesbians?|homosexuals?|bisexuals?|queers?|lgbt\w*"
          r"|trans (?:people|women|men|folk)|transgender|the disabled|disabled people|autistic people|the deaf|the blind"
          r"|deaf people|blind people|pensioners|feminists|zionists|filipinas?|indonesians|the mentally (?:handicapped|ill)"
          r"|(?:disabled|autistic|roma|gypsy|traveller|immigrant|muslim|black|asian) (?:kids|children|pupils|people|men|women)"
          r"|(?:kids|children|people|pupils) with (?:autism|down's|downs|disabilities|special needs)|the wheelchair brigade|gay (?:teachers?|men|people|couples)|the gays|castes|tribes"
          # A people by its adjective, with a noun for its people ("Indian coders", "Asian drivers", "Polish builders").
          r"|(?:indian|asian|polish|chinese|african|arab|mexican|romanian|nigerian|pakistani|somali|jamaican|turkish|muslim"
          r"|jewish|black|filipino|korean|japanese|vietnamese|irish|albanian|afghan|syrian|eritrean|roma|slavic|latino"
          r"|hispanic|aboriginal|indigenous|venezuelan|ukrainian|russian|bangladeshi|kurdish|moroccan)"
          r" (?:people|men|women|kids|children|coders|drivers|builders|workers|students|gangs|families|girls|boys|lads|blokes"
          r"|doctors|nurses|teachers|labour|americans|delegates?|refugees|migrants|immigrants|neighbours|clans|youths)"
          r"|their (?:culture|religion|race|kind|people)|that race|a race)\b")
# Said of a group ("they", "those people") without naming it, only the plainly dehumanising counts:
# "they shouldn't be allowed to close the bridge" is ordinary politics.
_SOMEONE_UNNAMED = r"\b(?:they|they're|they are|them|those people|these people|that lot|this lot|your lot|their lot)\b"
_LESS_THAN_HUMAN = (r"\b(?:vermin|parasites|rats|locusts|cockroaches|infestation|subhuman|sub-human|not (?:even )?human"
                    r"|naturally inferior|an inferior (?:race|people)|(?:a|the) (?:disease|cancer|plague) on (?:society|this country"
                    r"|the country|our)"
                    r"|outbreed\w*|breed like|in their (?:blood|genes|dna)|their own kind|replacing us|replace us"
                    r"|send them (?:all )?back|invaders|colonise|colonize|don't let (?:any )?more of them in"
                    r"|third[- ]world (?:slum|hellhole|dump|shithole)|contribute nothing|(?:a|the) (?:disease|cancer|plague) on \w+"
                    r"|(?:a|the) (?:disease|cancer|plague) on|they're (?:all )?defective)\b")
# What is said of the group. Nouns come after "are"/"is" with nothing between but "all", "just" or "a",
# so that "immigrants are not criminals" (a rebuttal) is not read as "immigrants are criminals".
_IS = r"\b(?:are|is|were|they're|being)\s+(?:all\s+|just\s+|mostly\s+|nothing but\s+|basically\s+|simply\s+|literally\s+)?(?:an?\s+)?"
_DEHUMANISING = (r"(?:" + _IS + r"(?:cancer|disease|plague|virus|infestation|vermin|parasites|rats|locusts|cockroaches"
                 r"|animals|savages|subhuman|sub-human|inferior|rapists|thieves|criminals|terrorists|spies|predators"
                 r"|mentally ill|perverts|paedos|pedos|groomers|dead weight|peasants|hive|swarm|horde|naturally inferior"
                 r"|scroungers|leeches|freeloaders|bloodsuckers|a blight|a pest|pests|filth|scum|trash|garbage|dogs|pigs|apes"
                 r"|monkeys|degenerates|abominations?|unnatural|sick in the head|inbred|uncivili[sz]ed|barbarians|barbaric"
                 r"|violent by nature|a (?:fifth column|threat to our way of life)|invaders"
                 r"|diversity hires?|jungles?|zoos?|shitholes?|like an? (?:virus|plague|cancer|disease|swarm|infestation))\b"
                 # "a nation of thieves": the group as one kind of person ("a nation of shopkeepers" is not listed).
                 r"|\b(?:a|the) (?:nation|race|country|people|land|religion|tribe) of\s+(?:[\w-]+\s+)?(?:copycats|thieves|liars"
                 r"|crooks|cheats|savages|barbarians|animals|morons|idiots|drunks|criminals|rapists|scroungers|parasites"
                 r"|peasants|slaves|sheep|robots|drones|fanatics|terrorists|inbreds|perverts)\b"
                 # "every Chinese student is a spy", not "the Chinese balloon is a spy balloon".
                 r"|\bis an? (?:\w+ )?(?:spy|thief|liar|criminal|terrorist|rapist|groomer|parasite|plant)(?:\s*[.,;!?]|$)"
                 r"|\b(?:have|has|with) no (?:individuality|feelings|empathy|souls?|morals|conscience)\b"
                 r"|\bwithout (?:feelings|souls?|empathy)\b|\b(?:it's|its) their (?:religion|culture)\b"
                 r"|\bliving in (?:huts|trees|caves|mud huts)\b|\bdown from the trees\b"
                 r"|\b(?:not (?:a )?real (?:nation|people|country|women|men)|not (?:even )?human|lower iqs?|low iqs?"
                 r"|(?:don't|do not|doesn't) have the brains|brains (?:literally )?aren't built|can't run a country"
                 r"|(?:don't|do not|never) integrate|coloni[sz]\w*|outbreed\w*|breed like|invaders|infest\w*"
                 r"|in their (?:blood|genes|dna|nature)|their own kind|where they belong|send them (?:all )?back"
                 r"|should be kept away from|shouldn't be (?:anywhere )?near (?:schools|children|kids)"
                 r"|can't (?:be )?trust(?:ed)? (?:a single|any) (?:one )?of them|cheap people|replacing us|replace us"
                 r"|(?:don't|do not) belong (?:here|in this country|in our country)|should (?:all )?be deported"
                 # The generalisation itself: the whole group as one kind of offender.
                 r"|are (?:all|just|nothing but|only|basically) (?:\w+[ -])?\w+(?:ers|ists|ies|ots|ts|ks)"
                 r"|(?:commit|cause|bring|spread)s? (?:all|most|the majority of) (?:the )?(?:crime|disease|violence|rapes?|trouble)"
                 r"|only understand (?:violence|force|the stick)|(?:no concept of|incapable of) (?:honesty|truth|civili[sz]ation)"
                 r"|(?:it's|is|not) in their (?:culture|nature)|incompatible with (?:\w+ )?(?:values|society|civili[sz]ation)"
                 r"|too (?:emotional|stupid|dim|irrational|hysterical) to (?:run|lead|vote|understand|be trusted)"
                 r"|prey(?:ing|s)? on (?:our )?(?:children|kids|daughters|sons|women)|(?:multiply|reproduce) like"
                 r"|(?:run|control|own)s? (?:the |all the )?(?:banks|media)|pulling the strings"
                 r"|shouldn't be allowed to (?:vote|have (?:kids|children)|marry|breed|adopt|teach|work with)"
                 r"|(?:bring|brings|brought|contribute|add)s? nothing but|not an? (?:honest|decent|single honest) one among them"
                 r"|(?:not capable|incapable) of (?:living|obeying|following the law|respecting|behaving|integrating)"
                 r"|(?:are|is) not suited (?:to|for) (?:leadership|leading|office|politics|power|command|management|science"
                 r"|engineering|the job|judging|the bench)|(?:lazy|violent|dishonest|criminal|deceitful|aggressive|treacherous"
                 r"|dirty|thieves|liars|scammers|criminals|cheats) by nature|breed(?:s|ing)? like"
                 r"|(?:aren't|are not) (?:real |proper |even )?(?:people|humans?) like (?:you and me|us|the rest of us)"
                 r"|(?:aren't|are not) (?:even |really |fully )?human"
                 r"|are (?:all|just|nothing but|only|basically) (?:\w+ )?(?:mules|scammers|fraudsters|yahoo boys|jihadis|drunks"
                 r"|beggars|crooks|thugs|gangbangers|groomers|spongers)|are (?:all |just |nothing but )?(?:a )?(?:drain|burden)\b"
                 r"|are (?:all |just )?(?:a )?waste of (?:space|money|oxygen|resources|the (?:\w+ )?budget|taxpayers?'? money)"
                 r"|contribute nothing|shouldn't be (?:judges|teachers|doctors|pilots|leaders|referees|refereeing|presenting"
                 r"|in charge|in (?:power|politics|government|office))|(?:don't|do not|doesn't|simply don't) have the"
                 r" (?:temperament|intelligence|iq|capacity|mental capacity) (?:for|to)"
                 r"|can't run (?:a|their own|any) (?:country|countries|city|cities|government)"
                 r"|(?:are|is) (?:only |just )?good for (?:nothing|cleaning|wiping|serving|breeding)\b|good for nothing"
                 r"|shouldn't be (?:allowed )?(?:anywhere )?near (?:\w+ )?(?:schools|children|kids)"
                 r"|life is cheap (?:to|for) them|(?:don't|do not) value (?:human )?life|have no (?:soul|souls|conscience|morals)"
                 r"|hive[- ]mind|born (?:liars|thieves|criminals|cheats)|programmed to|(?:are|act) like (?:animals|insects|ants"
                 r"|robots|cattle|sheep|zombies|termites|locusts|rats|savages)|(?:cattle|termites|maggots|lice|mongrels|beasts"
                 r"|hordes|weeds|tumou?r)\b"
                 r"|deport (?:them|the lot|every)|kick (?:them|the lot) (?:all )?out|get rid of (?:them|the lot)"
                 r"|(?:back|belong) (?:in|to) the kitchen|shouldn't (?:have|get) the vote|can(?:'t|not) be trusted"
                 r"|never trust an?"
                 # Said of a people as a whole: made for nothing, a burden, a danger in every one of them.
                 r"|(?:weren't|aren't|are not|were not|isn't|not) (?:built|made|meant|fit) for (?:civili[sz]ation|intellectual"
                 r" \w+|logic|thinking|democracy|leadership)|genetically (?:incapable|inferior|predisposed)|(?:a )?subspecies"
                 r"|disgusting (?:race|people|culture)|(?:whole|that|this) (?:nationality|race|people|culture) is (?:\w+ )?(?:criminal"
                 r"|rotten|sick|backward|dirty)|(?:a )?death cult|stone age people|(?:basically |like )?feral(?: animals)?"
                 r"|defectives?|(?:nothing|anything) but a burden|can't (?:actually )?(?:drive|build|read|speak|run"
                 r"|organi[sz]e) (?:anything|properly|a \w+)|wired for (?:feelings|emotion)|all emotion|hormones"
                 r"|(?:ruined|ruining|ruin|have ruined|are ruining) (?:this|the|our|women's|\w+)|lazy drunks|corrupt to the bone"
                 r"|(?:every|each) (?:one|single one|last one) of them is an? (?:risk|threat|danger|criminal|terrorist)"
                 r"|future (?:bombers?|terrorists?|criminals?|rapists?)|sleepers?\b|eats? (?:bats|dogs|cats)|worship cows"
                 r"|stink(?:s|ing)? (?:out|up)|(?:don't|do not|never) understand soap|should be interned|thin (?:them )?out"
                 r"|die off|dies off|tribal mob|same cheap (?:people|work)|cheap (?:\w+ )?labour gets you|always recruiting"
                 r"|recruit\w* (?:through|in|at) (?:the )?schools|(?:can't|cannot) reproduce|backward\b|barbarians"
                 r"|(?:are|is) (?:a )?(?:plague|drain|virus)|like (?:stray dogs|fire ants|vermin|rats|cockroaches)"
                 r"|(?:contribute|contributed|contributes) nothing|keep (?:those|these|them) (?:people )?away from)\b)")

# Said of people only, never of a policy or a thing, so it counts in the next sentence too.
_ACROSS_SENTENCES = (r"\b(?:(?:it's|it is|is|are|all) in (?:their|the) (?:blood|genes|dna|nature)|not in their nature|in the genes"
                     r"|disgusting race|(?:a )?subspecies|genetically (?:incapable|inferior)|(?:a )?nation of (?:[\w-]+ )?(?:copycats"
                     r"|thieves|scammers|liars|crooks|cheats|savages|criminals|drunks|beggars)|that whole nationality"
                     r"|(?:some|certain) (?:races|castes|cultures|peoples) (?:just |simply )?(?:weren't|aren't|are not|were not|don't"
                     r"|can't)|they're (?:a )?(?:plague|disease|cancer|infestation|vermin)|(?:a|the) (?:disease|cancer|plague|infection) on"
                     r"|(?:they're|they are|these are) (?:all )?(?:defective|animals|savages|vermin|parasites|dead weight)"
                     r"|stone age people|death cult|low iq (?:populations?|people|races?)|(?:dirty|filthy) (?:people|country|race)"
                     r"|first learn to be human|let the heat do its job|no amount of (?:\w+ )?(?:funding|money) (?:changes|fixes)"
                     r"|vegetables deciding|(?:the )?sooner (?:that|this|their) generation dies|can barely (?:\w+ )?(?:park|drive|read"
                     r"|think|count|speak)|(?:they )?can't (?:actually )?build anything|if they could (?:actually )?(?:drive|read|think)"
                     r"|(?:never|won't) be anything but a burden|level of civili[sz]ation|(?:they'll|they will) never be (?:\w+ )?(?:english"
                     r"|british|american|german|french|scottish|welsh|irish|australian|european)|stink (?:out|up) the|smells of curry"
                     r"|every (?:one|last one|single one) of them is an? (?:risk|threat|danger)|lazy drunks|a cult of"
                     r"|not (?:one|a single one) of them has (?:ever )?done an honest|come here,? multiply|multiply,? and take over"
                     r"|like (?:fire ants|stray dogs|rats|cockroaches|locusts)|(?:contribute|contributes) nothing and cost)\b")

# The plural of a people, never an adjective said of things ("ban all Chinese drones" is policy).
_PEOPLE_OF_A_GROUP = (r"\b(?:muslims?|jews|immigrants|migrants|refugees|asylum seekers|foreigners|gays|blacks|arabs|mexicans"
                      r"|africans|indians|pakistanis|nigerians|somalis|romanians|gypsies|travellers|roma|trans people|women)"
                      r"(?:\s*[.,;!]|\s+(?:from|out|back|now|today|in|into|entering)\b|$)")
_GO_BACK = (r"\b(?:go|fuck off|piss off|get|move|clear off) (?:back )?(?:home\b|to (?:your (?:own )?(?:country|village|jungle"
            r"|cave|hut|desert|tribe)|where you (?:came|come) from|the jungle|africa|somalia|pakistan|india|china|mexico"
            r"|nigeria|jamaica|bangladesh|poland|romania)\b)")

# Said of people straight after the group's name ("Indians are filthy"); with words between, these are
# often said of things ("Chinese coal plants are dirty").
_OF_PEOPLE = (r"\b(?:are|is|were)\s+(?:all\s+|so\s+|always\s+)?(?:a bit\s+)?(?:filthy|dirty|smelly|lazy|stupid|thick|violent"
              r"|liars|thieves|scum|dim|backward)\b")

# Contempt put before the group's name ("thieving gypsies", "filthy Chinese").
# Only words said of people: "dirty Chinese steel" and "primitive Chinese robots" are about things.
_SLUR_ADJECTIVE = (r"\b(?:filthy|thieving|stinking|smelly|godless|inbred|subhuman|bloodthirsty|bat-eating|dog-eating"
                   r"|bug-eating|rat-faced)\b")

# A generalisation: the whole group said to do one bad thing, always ("X all stick together", "X get everything for free",
# "X will have the copper off it"). A rebuttal ("refugees don't get free houses") is turned around by its negation.
_SWEEPING_CLAIM = (r"\b(?:(?:all )?stick together|look after their own|(?:only|always) (?:hire|help|vote for|look after|protect)"
                   r" their own|always (?:\w+ )?(?:lie|lying|cheat|cheating|steal|stealing|whinge|whine|play the (?:victim|race card)"
                   r"|cause trouble|want something for nothing|want handouts|riot|scam)\w*"
                   r"|get (?:everything|it all|houses|homes|benefits|handouts|money|phones|cars) (?:for free|handed to them|on a plate)"
                   r"|(?:get|given) everything (?:free|for free)"
                   r"|(?:will|'ll|would|gonna|going to) (?:\w+ ){0,2}(?:have|nick|strip|steal|rob|loot|take) the (?:copper|lead|wheels"
                   r"|cables|catalytic|roof)|(?:have|nick|strip|steal) (?:the )?(?:copper|lead) (?:off|out of|from)"
                   r"|(?:run|control|own|dominate|take over|rule)s? (?:every|all|the whole|our)\b"
                   r"|always (?:\w+ ){0,2}(?:want|wants|seem to want|end up|try) (?:to )?(?:work|be) (?:with|around|near) (?:\w+ )?"
                   r"(?:kids|children)|loyalty is to (?:somewhere|someone) else|(?:are|is) (?:all )?(?:a )?(?:takeover|invasion))\b")
# What dresses an insinuation up as arithmetic or a question ("just math", "asking for a friend").
_INSINUATION = (r"\b(?:asking for a friend|just (?:maths?|statistics|stats|facts|noticing|pattern recognition)|not hate,? just"
                r"|you know (?:exactly )?who (?:i mean|i'm talking about)|nobody(?:'s| is) allowed to (?:notice|say)"
                r"|do the math|funny how|interesting how|strange how|curious how|every single time,? (?:isn't it|eh|huh))\b")
# Identity adjectives before a word in scare quotes ("transgender 'teachers'", Chinese "science", Ukrainian "refugees").
_GROUP_ADJECTIVE = (r"\b(?:gay|trans|transgender|lesbian|queer|muslim|jewish|black|asian|african|arab|chinese|indian|mexican"
                    r"|immigrant|migrant|foreign|ukrainian|syrian|afghan|somali|nigerian|pakistani|romanian|polish|haitian"
                    r"|disabled|autistic|female|women|woman|roma|gypsy|palestinian|israeli|catholic|hindu|sikh|christian)\s+")
_SCARE_QUOTED = r"[\"'\x00](?:[\w-]+ ){0,2}[\w-]+[\"'\x00]"
# A protected group named as an institution's ("the Chinese government", "Jewish groups condemned"): about a state
# or an organisation, not a people.
_INSTITUTION = (r"\b(?:government|regime|state|party|ccp|embassy|authorities|military|army|navy|officials|ministry|leadership"
                r"|delegation|negotiators|firms|companies|groups|organisations|organizations|charities|councils?|lobby groups)\b")

NEGATION_OR_INSTITUTION = NEGATION + "|" + _INSTITUTION

IDENTITY: list[Family] = [
    ("identity attack", [
        unless(near(_GROUP, _SWEEPING_CLAIM, 60, ".!?\n"), NEGATION_OR_INSTITUTION),
        # "Not hate, just math" is the insinuation's own disclaimer, so only an institution turns it around here.
        unless(near(_GROUP, _INSINUATION, 140, "\n"), _INSTITUTION),
        unless(near(_INSINUATION, _GROUP, 100, "\n"), _INSTITUTION),
        phrase(r"\bwhy (?:do|are|is|does) (?:so many |all (?:the )?|the )?" + _GROUP[2:] + r"\s+(?:\w+\s+)?(?:control|run|own"
               r"|dominate|infest|flood|take over|stick together)\b"),
        phrase(_GROUP_ADJECTIVE + _SCARE_QUOTED),
        # Windows over the one group pattern rather than patterns that each repeat it: each compiled
        # pattern keeps its own automaton in the worker's memory (forum.patterns).
        near(_GROUP, _DEHUMANISING, 80), near(_GROUP, _OF_PEOPLE, 1), near(_SLUR_ADJECTIVE, _GROUP, 1),
        # The group named in one sentence, the contempt in the next ("The Chinese will steal it. It's in their blood."):
        # only what is said of no idea or policy, and within two sentences.
        near(_GROUP, _ACROSS_SENTENCES, 160, "\n"),
        near(_SOMEONE_UNNAMED, _LESS_THAN_HUMAN, 60),
        near(r"\bsend (?:them|the lot) (?:all )?(?:back|home)\b", r"\b(?:these|those) (?:animals|savages|vermin|rats|parasites"
             r"|cockroaches|invaders)\b", 80, "\n"),
        # The group told to leave, banned or rounded up as a whole ("ban all Muslims", "go back to Somalia").
        near(r"\b(?:ban|deport|expel|round up|lock up|kick out|get rid of|keep out) (?:all|every|any)\b", _PEOPLE_OF_A_GROUP, 3),
        near(r"\bif you (?:hate|don't like|do not like|can't stand|dislike)\b", _GO_BACK, 60),
        phrase(r"\bgo back to (?:your (?:own )?(?:country|village|jungle|cave|hut|desert|tribe)|the jungle)\b"
               r"|\b(?:homosexuality|being gay|being trans|transgenderism) is (?:a )?(?:sickness|disorder|disease|perversion"
               r"|mental illness|sin against)|\b(?:women|woman|she|ladies|girls|wife|wives) belongs? in the kitchen\b"
               r"|\b(?:get|stay) back in the kitchen\b|\bback to the kitchen,? (?:ladies|love|girls|sweetheart|darling)"
               r"|\bscratch (?:any|a|every) \w+ and you(?:'ll| will)? find\b|\bbat[- ]eaters?\b"
               r"|\bgo back (?:home |to (?:\w+ ){1,2})if you (?:love|like|miss|prefer) (?:it|them|\w+) so much\b"
               r"|\b(?:lying|cheating|stealing|thieving|violence|crime|scamming) is (?:cultural|genetic|in their (?:blood|genes"
               r"|culture|dna))\b|\bcrawled off (?:a|the) (?:boat|dinghy|lorry)\b|\bfilthy people\b"
               r"|\bhaven't met the right (?:man|woman|guy|girl) yet\b"
               r"|\b(?:always|all) (?:turn out to be|seem to be|happen to be) (?:the )?same (?:religion|race|tribe|community|background)\b"
               r"|\bevery (?:mosque|synagogue|madrassa|temple|gurdwara) is an? (?:\w+ )?(?:recruitment|breeding|training|terror\w*)"
               r"|\bwhole (?:country|nation|race|continent|religion) is an? (?:\w+ )?(?:criminal|scam|fraud|terror)"),
        phrase(r"\(\(\(|\)\)\)|\bgoyim\b|\bgreat replacement\b|\bkalergi\b"
               r"|\b(?:which|same|that) tribe\b|\bjewish question\b|\bzog\b|\b14 words\b|\bglobalists? who\b"
               r"|\bglobalist (?:courts|banks|media|elites?|interests)\b|\bhappy merchant\b|\bdindu\b"
               r"|\bkung flu\b|\byellow peril\b|\brapefugees?\b|\blondonistan\b|\beurabia\b|\bwhite genocide\b"
               # Coded hate an outside tester used (attack 8): a genocide's toll called too small, a "solution" for a
               # people, the 13/50 slur, and labels for Chinese, Black and disabled people.
               r"|\bsix million (?:wasn't|was not|weren't|isn't|is not|wasnt|not) enough\b|\b13 ?/ ?50\b"
               r"|\b(?:need|needs|want|wants|time for|deserves?) a final solution\b|\bfinal solution (?:for|to) (?:the )?\w+"
               r"|\bbat soup\b|\brice[- ]eat(?:ing|ers?)\b|\bfresh off the boat\b|\burban thugs?\b|\bcripples like\b"
               r"|\bremigration\b|\brootless cosmopolitans?\b|\bmuzzies?\b|\bmozzies\b|\bshekels\b|\bdespite being 13"
               r"|\bbug people\b|\bsheboons?\b|\bislami[sz]ation of\b|\bdemographic replacement\b|\bbreeders\b"
               r"|\bbaby factories\b|\bsand people\b|\bthe goyim know\b|\bchinazis?\b|\bcheck the early life section\b"
               r"|\benrichment (?:stabbing|attack|crime|incident)s?\b|\bvibrant enrichment\b|\b\w+ on paper,? not (?:in|by)"
               r" (?:blood|birth|race)\b|\bonly (?:there|here|hired|elected|picked) because (?:they're|they are|he's|she's)"
               r" (?:\w+ )?(?:black|aboriginal|indigenous|asian|muslim|a woman|female|gay|trans)\b"
               r"|\b(?:some|certain) (?:races|castes|peoples|cultures) (?:just |simply )?(?:weren't|aren't|are not|were not)"
               r" (?:built|made|meant|fit) for\b|\bgiving women the vote\b|\bwomen (?:getting|having) the vote was\b|\bdo the needful\b"),
    ]),
]

# Labels for people, used to dismiss them, beyond the suspect word list (idiot, clown, sheep, shill … are
# there already, and one reason per word is enough).
_LABEL = (r"(?:snowflakes?|libtards?|feminazis?|npcs?|troglodytes?|neanderthals?|bootlickers?|boot-lickers?|lickspittles?"
          r"|sheeple|cultists?|zealots?|busybodies|busybody|keyboard warriors?|armchair generals?|gammons?|karens?"
          r"|buttercup|hypocrites?|fence-sitters?|sellouts?|sell-outs?|doormats?|mouthpieces?|cranks?|flat-earthers?"
          r"|dinosaurs?|pen-pushers?|jobsworths?|nodding dogs?|hand-wringers?|pearl-clutchers?|moaners?|whiners?"
          r"|scolds?|snowflakey|tinfoil[- ]hat\w*|champagne socialists?|virtue[- ]signall?(?:ers?|ing)|woke (?:mob|brigade"
          r"|crowd|scolds?)|nimbys?|useful idiots?|panda[- ]huggers?|muppets?|numpt(?:y|ies)|pillocks?|plonkers?|prats?"
          r"|simpletons?|dullards?|dolts?|knuckle-?draggers?|mouth-breathers?|grifters?|charlatans?|frauds?"
          r"|amateurs?|hacks?|drones|lemmings|ghouls?|trolls?|wet wipes?|cucks?|incels?|normies"
          r"|wokies|wokeists|loons?|loonies|nutters?|nutjobs?|crackpots?|fanatics?|stooges?|lapdogs?|puppets?"
          r"|quislings?|turncoats?|leeches|freeloaders?|scroungers?|layabouts?|wasters?|deadbeats?|manchild|manchildren"
          r"|man-?babies|crybab(?:y|ies)|whingers?|do-gooders?|bleeding hearts?|eco-?loons?|eco-?zealots?|conspiracy nuts?"
          r"|sycophants?|toadies|toady|yes-men|brown-nosers?|airheads?|bimbos?|eejits?|plebs?|chavs?|rednecks?"
          r"|hillbillies|hillbilly|yokels?|inbreds?|bozos?|dopes?|dummies|dummy|knobheads?|bellends?|tossers?|wallies"
          r"|wally|berks?|crusties|armchair (?:experts?|critics?|generals?)|tree-huggers?|remoaners?|boomers?"
          r"|conspiracy (?:loons?|nuts?|theorists?)|jellyfish|champagne (?:socialists?|lefties|lefty|liberals?)"
          r"|fascists?|commies?|trots?|lefties|leftards?|rightards?|wingnuts?|moonbats?|trumptards?|brexshitters?"
          r"|drama queens?|slimeballs?|pushovers?|wet lettuces?|sickulars?|presstitutes?|tankies|tanky|simps?|knuckle-draggers?)")

_LABEL_WORD = r"\b" + _LABEL + r"\b"
# Someone in public life, or a reader named; and what calling them one of these says.
_ROLE = (r"(?:\b(?:the|that|this|our|your|their|my)\s+(?:[\w-]+\s+)?(?:chairman|chair|mayor|judge|mp|minister|councillor"
         r"|officer|official|rep|headmaster|headmistress|principal|governor"
         r"|ceo|boss|owner|manager|headteacher|teacher|referee|ref|pastor|priest|vicar|bishop|imam|coach|president|premier"
         r"|senator|governor|leader|landlord|author|writer|columnist|reporter|journalist|editor|correspondent|treasurer"
         r"|secretary|spokesman|spokesperson|chief|director|inspector|professor|presenter|host|guy|bloke)"
         r"|\b(?:councillor|mr|mrs|ms|dr|judge|minister|senator) [A-Z]\w+|@\w+)")
_CONTEMPTIBLE = (r"(?:" + _LABEL + r"|simpleton|coward|weasel|lapdog|fossil|windbag|leech|ghoul|buffoon|idiot|clown|fool|moron"
                 r"|liar|disgrace|joke|fraud|embarrassment|parasite|crook|snake|worm|toad|nobody|bully|imbecile"
                 r"|halfwit|nitwit|dimwit|cretin|quisling|shill|propagandist|charlatan|con man|conman|pratfall)\b")

NAME_CALLING: list[Family] = [
    ("name-calling", [
        near(_LABEL_WORD, r"\b(?:the lot of (?:you|ya|yer|them|em|'em)|the lot\b|all of you|every (?:last|single) one"
                          r"|in here|in this (?:thread|comment))", 3),
        near(r"\b(?:you|you're|you are|typical|classic|what an?|such an?|bunch of|pack of|crowd of|gang of|load of"
             r"|herd of|army of|gaggle of|flock of|rabble of|shower of|another|found the|cue the|here come the"
             r"|cry (?:harder|more))\b", _LABEL_WORD, 25),
        # Contempt in the adjective: these describe no idea, only the people holding it.
        phrase(r"\b(?:whinging|whining|snivelling|sniveling|gutless|spineless|brainless|knuckle-dragging|mouth-breathing"
               r"|pearl-clutching|hand-wringing|tree-hugging|latte-sipping|virtue-signalling|sanctimonious)\s+(?:\w+[- ])?"
               r"\w+(?:s|ies|ers|men)\b"),
        phrase(r"\bonly (?:an? )?" + _LABEL + r" (?:would|need|needs|could|thinks?|believes?|votes?|defends?)\b"
               r"|\bwhat an? (?:\w+ )?plank\b|\b(?:thieving|lazy|filthy|stinking|useless|greedy) [\w-]+s,? the lot of (?:them|em|you)\b"),
        near(_LABEL_WORD, r"\b(?:whine|whining|squeal\w*|meltdown|arriving|out in force|are at it|upset|crying|melting"
                          r"|everywhere|alert|brigade|squad|central|mob|army"
                          r"|bleating|frothing|in their|have arrived|has arrived|are here|are out|energy|behaviou?r|logic"
                          r"|brain)\b", 1),
        phrase(r"\bok(?:ay)?,? boomer\b|\bcry (?:harder|more|me a river),"),
        # "Numpty of a judge", "a lazy, dishonest hack", "resident airhead".
        phrase(_LABEL_WORD + r" of an? (?:\w+ )?(?:judge|headteacher|head|man|woman|mayor|minister|councillor|chairman|writer"
               r"|author|journalist|reporter|columnist|editor|mp|politician|teacher|referee|ref|manager|person|ceo|boss)\b"),
        # "I'm a total dinosaur about tech" is the writer's own: said of oneself, it is no attack.
        not_of_oneself(phrase(r"\b(?:lazy|dishonest|clueless|talentless|pathetic|useless|gutless|spineless|brainless|lying"
               r"|deluded|smug|sneering|pompous|spoilt|spoiled|greedy|corrupt|entitled|senile|absolute|total|complete|utter)\s*,?\s+"
               r"(?:(?:and\s+)?[\w-]+\s*,?\s+){0,2}?" + _LABEL + r"\b"
               r"|\bresident (?:\w+ )?(?:airhead|idiot|clown|shill|hack|moron|bimbo|fool|muppet|halfwit|buffoon|troll|crank)\b")),
        # A person called a contemptible thing: "the chairman is a simpleton", "our MP is a gutless windbag".
        phrase(_ROLE + r"\s+(?:[\w-]+\s+){0,3}?(?:is|was|remains|are)\s+(?:nothing but\s+|just\s+|clearly\s+)?(?:an?|such an?)\s+"
               r"(?:[\w-]+[ ,]+){0,3}?" + _CONTEMPTIBLE),
        phrase(r"\b(?:pathetic|smug|sneering|pompous|spoilt|spoiled|greedy|useless|talentless|vile|dishonest|gutless|spineless"
               r"|clueless|ignorant|deluded|arrogant|smarmy|self-important|jumped-up|snivelling|odious|worthless|soulless|senile)"
               r"\s+(?:little |old )?(?:man|woman|men|women|nobody|creature|brat|weasel|bore|fella|loser|twerp|toad|worm"
               r"|windbag|coward|airhead|nepo baby|lightweight|ghoul|leech|fossil|lapdog|stooge)\b"),
        phrase(r"\b(?:libtards?|feminazis?|troglodytes|bootlickers?|lickspittles?|gammons|cucks|wokies|wokeists"
               r"|normies|eco-loons|man-?babies|manchildren)\b"),
    ]),
]

_PERSON = (r"\b(?:the |this |our |your |that )?(?:author|writer|columnist|reporter|journalist|editor|correspondent"
           r"|hack|bloke|guy|woman|man|lad)\b|\byou(?:'re| are)?\b|\b(?:he|she)(?:'s| is)\b|@\w+")
_DIM = (r"\b(?:too (?:dim|thick|stupid|lazy|ignorant)|dim|thick|clueless|talentless|incompetent|ignorant|simpleton"
        r"|amateur|fraud|muppet|halfwit|useless|brainless|gormless|dense|illiterate|hack|senile|a joke)\b")

INSULT: list[Family] = [
    ("insult", [
        # Contempt for the author said as career advice, a diagnosis or a school report, no swear word needed.
        phrase(r"\b(?:the |this |our )?(?:author|writer|columnist|reporter|journalist|editor|correspondent|you|he|she)\s+"
               r"(?:should|needs to|ought to|might want to|could) (?:\w+ ){0,2}?(?:find|get|look for|try|consider|pick)"
               r" (?:a |another |a new |a different |some other |an? \w+ )?(?:career|job|line of work|profession|trade)\b"
               r"|\b(?:a|real|rare|remarkable|special|unique|true|genuine) (?:gift|talent|flair|genius) for (?:stupidity|idiocy"
               r"|ignorance|incompetence|mediocrity|being (?:wrong|stupid|dim))\b"
               r"|\b(?:pay|paying|paid|pays|hire|hired|employ|employing|let|letting)\s+(?:this|that|these|the)\s+(?:\w+\s+)?(?:fool"
               r"|clown|idiot|hack|moron|muppet|buffoon|amateur|halfwit|simpleton|dunce|joker|numpty|dimwit|nitwit) (?:to )?"
               r"(?:write|think|report|comment|opine|edit|publish)\b"
               r"|\breads like (?:a|an|the|some) (?:\w+ ){0,2}?(?:teenager|child|kid|toddler|schoolboy|schoolgirl|\w+[- ]year[- ]old"
               r"|fifth[- ]grader|year \d+|primary school|sixth[- ]former)(?:'s|s')?\b"
               r"|\b(?:nobody|no one|no-one) sober (?:writes|could write|would write)\b"
               r"|\bis (?:the )?(?:author|writer|columnist|reporter|he|she) (?:on something|drunk|high|on drugs)\b"
               r"|\bsell (?:his|her|their|your) (?:own )?(?:mother|grandmother|gran|granny|children|kids) for (?:a|the)"
               r" (?:byline|click|clicks|story|headline|retweet|column|scoop|front page)\b"
               r"|\b(?:lazy|clueless|talentless|incompetent|useless|hopeless|third-rate|second-rate|illiterate) (?:writer|author"
               r"|columnist|reporter|journalist|journo|hack|editor)\b"
               r"|\bmy (?:\d+[- ]year[- ]old|\w+-year-old|kid|son|daughter|nephew|niece|child) (?:\w+ )?(?:writes|could write"
               r"|has more sense|knows more|understands)\b[^.!?\n]{0,40}\b(?:better than|than) (?:this|you|him|her|the (?:author"
               r"|writer|columnist|reporter))\b"),
        near(r"\b(?:explain\w*|spell (?:it|this) out|draw (?:you|him|her|them) a (?:picture|diagram))\b",
             r"\b(?:crayons?|colouring (?:book|in|pencils)|picture books?|sock puppets|smaller words|words of one syllable)\b", 80),
        near(r"\b(?:author|writer|columnist|reporter|journalist|editor|you|he|she|him|her)\b",
             r"\b(?:a|one|single|spare|working|two) brain ?cells?\b", 60),
        phrase(r"\b(?:author|writer|columnist|reporter|journalist|editor|you|he|she)(?:'s|'re| is| are| must be| might be| has to be)"
               r"\s+(?:\w+\s+)?(?:the )?(?:dumbest|stupidest|thickest|most clueless|most ignorant|laziest) (?:person|man|woman"
               r"|writer|hack|columnist|journalist|author|reporter|human|individual|hire)\b"
               r"|\b(?:author|writer|columnist|reporter|journalist|you|he|she)(?:'s|'re| is| are)\s+(?:a |an )?(?:very |so |such an? "
               r"|really |truly )?(?:stupid|dumb|thick|ignorant|arrogant|dim) (?:man|woman|person|guy|bloke|little man|fool"
               r"|writer|hack)\b"),
        phrase(r"\b(?:has|have|had|with|got|possesses)\s+the\s+(?:\w+\s+)?(?:iq|brains?|intelligence|reading comprehension"
               r"|attention span|depth|ability|skills?|rigou?r|self-awareness|wit|common sense|critical thinking(?: skills)?)"
               r"\s+of\s+an?\s+(?:\w+\s+)?\w+"),
        phrase(r"\b(?:i've|i have|i've) met smarter\b|\bsmarter (?:lampposts|rocks|houseplants|doorknobs|potatoes)\b"
               r"|\bdropped on (?:his|her|their|your) head\b|\bdid a (?:child|toddler|kid|five-year-old|5 year old) write"
               r"|\bwho let (?:this|that|the)\s+\w+\s+(?:publish|write|near)"
               r"|\bcalls? (?:himself|herself|themselves|yourself) a (?:journalist|reporter|writer|expert|professional)"
               r"|\bif (?:his|her|their|your) life depended on it\b|\bis (?:this|the) paper hiring\b"
               r"|\bwhy is (?:he|she|this \w+|the \w+) still employed\b|\bthe reason \w+(?: \w+)? (?:have|has|come with) instructions\b"
               r"|\bpaid (?:actual )?money to write this\b|\bwell beyond (?:him|her|them|you)\b"
               r"|\bwrites like a (?:drunk|child|toddler|teenager)|\bnobody cares what an?\b"
               r"|\bhiring (?:people )?off fiverr\b|\bor a simpleton\b"
               r"|\b(?:written|typed|produced|cobbled together) by an? (?:\w+ )?(?:child|toddler|kid|chimp|monkey|ape"
               r"|parrot|goldfish|potato|bot)(?:\s*[.?!,]|\s+(?:with|on|who|and|or)\b|$)|\bgive an? (?:toddler|child|chimp|monkey) a (?:byline|keyboard|column)"
               r"|\b(?:more|better) (?:insight|sense|analysis|research|intelligence|wit) (?:from|in) an? \w+(?: \w+)?"
               r" than (?:from |in )?(?:this|the|you|your|him|her)\b|\bexcuse for an? (?:reporter|journalist|writer"
               r"|columnist|editor|human|man|woman)\b|\bthick as (?:two short planks|mince|a brick|pigshit)\b"
               r"|\b(?:degree|diploma|phd|qualifications?) (?:out of|from) an? (?:\w+ )?(?:box|packet|cracker|lucky bag)\b"
               r"|\bbanned from (?:a |any |using a )?(?:keyboard|typewriter|laptop)\b"
               r"|\b(?:hack|joke|disgrace|embarrassment|clown|fraud) of an? (?:journalist|writer|reporter|columnist|editor"
               r"|journo|author)\b"
               r"|\bstick to (?:writing )?(?:the )?(?:recipes?|crosswords?|horoscopes?|colouring)\b"
               r"|\bso-called (?:journalist|reporter|writer|columnist|author|editor|journo)s?\b"),
        near(_PERSON, _DIM, 30),
        near(r"\b(?:smarter|more sense|more insight|better (?:writing|analysis|reporting|research))\b",
             r"\b(?:cereal box(?:es)?|fortune cookies?|crisp packets?|toilet (?:walls?|doors?)|napkins?|bus shelters?)\b", 50),
        phrase(r"\b(?:the|this|our|that) (?:author|writer|columnist|reporter|journalist|editor|correspondent)\s+"
               r"(?:is|clearly is|must be|seems|is clearly|is just|is nothing but|is obviously|sounds like)\s+(?:an?\s+)?"
               r"(?:\w+\s+)?(?:idiot|clown|hack|fool|joke|disgrace|embarrassment|fraud|shill|moron|liar|propagandist"
               r"|mouthpiece|lapdog|puppet|stooge|child|amateur|muppet|halfwit|simpleton|dunce|bimbo|airhead)\b"),
        phrase(r"\bwho (?:hired|hires|pays|employs|keeps employing) (?:this|these|her|him|them)\b(?:\s+\w+)?\s*\?"),
        phrase(r"\b(?:imagine being|how can (?:anyone|someone|a person) be) (?:this|so|that) (?:dumb|stupid|thick|dense|clueless"
               r"|ignorant|delusional|deluded|dim)\b|\b(?:your|ur|his|her) brains? (?:is|are|must be|'s)\s+(?:clearly |literally "
               r"|genuinely |so |completely )?(?:smooth|empty|mush|the size of|tiny|rotten|rotted|fried|missing|still running)\b"
               r"|\b(?:an?|any) (?:[\w-]+ ){0,2}(?:student|pupil|schoolkid|schoolboy|child|toddler|chimp|monkey)s? (?:could|would|will"
               r"|can) (?:have )?(?:do(?:ne)?|writ(?:ten|e)) (?:\w+ )?better\b|\bgive an? (?:\w+ ){0,2}brat a byline\b"
               r"|\bgetting (?:dumber|stupider|thicker|more stupid|more clueless)\b"
               r"|\bmy (?:dog|cat|goldfish|hamster|toddler|\d+-year-old) (?:understands|knows|could write|writes|gets) (?:[\w-]+ ){0,3}"
               r"better than (?:you|him|her|this|the (?:author|writer|columnist|reporter)|that)\b|\b(?:someone|anyone|a person|somebody) this (?:dim|dumb|thick|stupid|clueless|ignorant)\b"
               r"|\bwhy (?:does|do|did) (?:this|the) (?:paper|site|outlet|magazine) (?:keep )?(?:pay|paying|employ|employing"
               r"|publish|publishing) (?:you|him|her)\b|\b(?:dumb|thick|dense|stupid|dim) as (?:a )?(?:box|bag|sack|bucket)"
               r" of (?:rocks|hammers|spanners)\b"),
        near(r"\b(?:author|writer|columnist|reporter|maybe|go and|hey)\b", r"\bget a real job\b", 20),
        phrase(r"\blearn to (?:read|write|spell|count|think)\b|\bgo back to (?:journalism |primary )?school\b"), near(_DIM, r"\b(?:you|he|she|him|her|the author|the writer|this writer|columnist|reporter)\b", 12),
    ]),
]


# Numbers that organised hate uses as signs: 14/88 (1488) and 13/50 ("13% and 50%"). Each is also a year
# ("dated 1488"), a price, a bus route, a page or a share of something, so a number alone is never enough:
# it counts when nothing before it makes it a quantity (a year, price, route, page or count), nothing after it
# a unit, and it is signed at the end of the comment or a line, or said in a comment about race and "certain"
# people. Checked on small windows around each match, so in time linear in the text.
_NUMERIC_SIGN = phrase(r"\b(?:14\s?[/|.-]?\s?88|13\s?%?\s?(?:/|and|&|vs\.?|-)\s?50(?:\b|\s?%))")
_QUANTITY_BEFORE = phrase(
    r"(?:\b(?:in|since|of|from|until|till|by|to|and|or|between|year|years|dated|date|circa|ca|c|ad|page|pages|pp|p|para"
    r"|route|bus|line|no|nos|number|flight|room|tel|ext|platform|gate|junction|exit|unit|plot|about|around|over|under"
    r"|only|just|paid|pay|cost|costs|costing|price|priced|for|at|scored|score|got|rose|fell|up|down|each|per|was|is"
    r"|founded|built|born|died|established|est|opened|printed|written|published|summer|winter|spring|autumn)"
    r"\s*|\b(?:c|ca|p|pp|no|nos|est|para|tel|ext)\.\s*|[$#0-9.,])$")
_UNIT_AFTER = phrase(
    r"^\s*(?:ad|bc|bce|ce|pounds?|dollars?|euros?|quid|p|pence|k|m|bn|km|miles?|mph|kph|kg|g|ml|litres?|calories|kcal"
    r"|people|votes?|pages?|copies|units|homes|houses|hectares|acres|ft|feet|metres|meters|cases|deaths|patients|jobs"
    r"|buses|students|pupils|members|points|seats|times|years|days|hours|minutes|[0-9,.$])\b")
_SIGNED = phrase(r"^[\s\x00)_-]*(?:[.!,;:]+[\s\x00)_-]*)?(?:\n|$)|^\s*[.!]")  # a signature, or a sentence of its own
_SAID_OF_RACE = phrase(
    r"\b(?:demographics?|surnames?|early life|race|races|racial|white|whites|blacks|jews?|jewish|zionists?|goyim|heil|aryan"
    r"|every (?:single )?time|funny how|you know who|we know|certain (?:\w+ )?(?:groups?|people|communit\w+|demographics?"
    r"|backgrounds?|neighbou?rhoods)|same (?:kind of )?(?:people|backgrounds?|names|surnames))\b")
NUMBER_WINDOW = 24  # characters read either side of a number: enough for "dated", "bus route", "pounds"


def numeric_sign(text: str) -> str | None:
    """The first 14/88 or 13/50 that is used as a sign rather than as a number, or None."""
    view = ascii_view(text)
    for match in _NUMERIC_SIGN.finditer(view):
        start, end = match.span()
        if _QUANTITY_BEFORE.search(view[max(0, start - NUMBER_WINDOW):start]) or \
                _UNIT_AFTER.search(view[end:end + NUMBER_WINDOW]):
            continue
        if _SIGNED.search(view[end:end + NUMBER_WINDOW]) or _SAID_OF_RACE.search(view):
            return text[start:end].strip(" ,.;:!")
    return None


def insult_reasons(text: str) -> list[str]:
    """Reasons like "identity attack: 'immigrants are a cancer'", "name-calling: 'snowflakes, the lot of ya'"."""
    said = as_said(text)
    reasons = family_reasons(IDENTITY + NAME_CALLING + INSULT, said)
    sign = numeric_sign(said)
    if sign is not None and not any(reason.startswith("identity attack: ") for reason in reasons):
        reasons.insert(0, f"identity attack: '{sign}'")
    return reasons
