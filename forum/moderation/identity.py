"""Identity attacks without slurs: a whole people said, as a rule, to be or do something bad. Pure: text in, reasons out.

insults.py holds a group said to be vermin, a disease or criminals in so many words. What writers nobody tuned on
write more often is the generalisation itself, in ordinary words: "Romanians are all on the rob, every last one",
"it's in the culture", "the Chinese will lie the way they lie about everything", "some jobs just aren't for them",
dressed as statistics ("do the math", "statistically speaking, certain communities…"), as a question ("just asking,
why does every country that lets in Muslims…") or disclaimed ("I'm not racist but…"), and the dog-whistles
("globalists with the usual surnames", "we've been replaced", "taqiyya"). Civil comments talk about the same peoples
all the time: fair discussion of immigration, religion and crime figures, criticism of a government or a party,
reports of abuse received, history quoted. So a comment is held only on a structure, read sentence by sentence:

    a GROUP (a people, faith, caste, tribe, gender, sexuality or disability, migrants; by name or by "these people",
    "that lot", "certain communities"), said as a whole (a GENERALISER: all, every, always, by nature, in the
    culture, the group as a sentence's bare subject, "do the math", "just asking"), to be or do something bad
    (a NEGATIVE predicate: crime, lazy, dirty, lie, can't be trusted, take over, replace, don't belong…)

except where the bad thing is denied ("immigrants aren't taking the houses"), said by someone else and reported
("the MP called migrants an invasion", "blaming migrants"), said in sarcasm of the claim ("apparently", "yes,
because"), said of oneself ("as a Muslim…"), or said of a state, party or company rather than a people ("the
Chinese government lies"). Each word list is a named constant; each sentence is read by a fixed number of RE2
patterns without nested quantifiers, a sentence and its neighbour at most, so the time is linear in the text.
"""
from bisect import bisect_right

from forum.moderation.idioms import as_said
from forum.moderation.phrases import EXCERPT_CHARS, phrase
from forum.patterns import ascii_view, compile


def _words(*alternatives: str) -> str:
    """A non-capturing alternation of words or phrases (each may itself use a little RE2 syntax)."""
    return "(?:" + "|".join(alternatives) + ")"


# --- GROUP: a people by name ----------------------------------------------------------------------------------

# Nouns that name people only: a plural of a nationality, a faith, a tribe, a caste; migrants; women and men.
PEOPLE_NOUNS = _words(
    # Nationalities and peoples, plural.
    r"americans", r"yanks", r"mexicans", r"canadians", r"quebecers", r"qu\wb\wcois", r"quebecois", r"hispanics",
    r"latinos", r"latinas", r"haitians", r"jamaicans", r"cubans", r"dominicans", r"puerto ricans", r"colombians",
    r"venezuelans", r"brazilians", r"central americans", r"africans", r"nigerians", r"ghanaians", r"kenyans",
    r"somalis", r"ethiopians", r"eritreans", r"sudanese", r"congolese", r"ugandans", r"zimbabweans",
    r"south africans", r"egyptians", r"moroccans", r"algerians", r"libyans", r"arabs", r"saudis", r"iraqis",
    r"iranians", r"afghans", r"syrians", r"palestinians", r"israelis", r"turks", r"kurds", r"pakistanis", r"indians",
    r"bangladeshis", r"sri lankans", r"tamils", r"nepalis", r"bengalis", r"gujaratis", r"punjabis", r"biharis",
    r"marwaris", r"pashtuns", r"madrasis", r"north indians", r"south indians", r"northeasterners", r"chinese",
    r"mainlanders", r"japanese", r"koreans", r"vietnamese", r"filipinos", r"filipinas", r"indonesians",
    r"malaysians", r"malays", r"thais", r"burmese", r"rohingya", r"uyghurs", r"tibetans", r"hongkongers",
    r"taiwanese", r"singaporeans", r"han chinese", r"uyghur people", r"asians", r"orientals", r"aussies", r"kiwis", r"maori", r"aboriginals",
    r"aborigines", r"abos", r"natives", r"first nations", r"europeans", r"eastern europeans", r"poles", r"romanians",
    r"bulgarians", r"albanians", r"serbs", r"croats", r"bosnians", r"ukrainians", r"russians", r"lithuanians",
    r"slovaks", r"czechs", r"hungarians", r"germans", r"frenchies", r"italians", r"spaniards", r"portuguese",
    r"greeks", r"swedes", r"brits", r"scots", r"scousers", r"gypsies", r"gipsies", r"travellers", r"travelers",
    r"roma", r"slavs", r"yoruba", r"igbos?", r"hausas?", r"fulanis?", r"kikuyus?", r"luos", r"kalenjins?",
    r"zulus", r"xhosas?", r"shonas?", r"tutsis", r"hutus", r"dalits", r"brahmins", r"lower castes",
    r"upper castes", r"untouchables", r"blacks", r"whites", r"jews", r"yids",
    # Peoples, castes and tribes of South Asia, Africa, South-East Asia and the Caribbean.
    r"marathis", r"telugus", r"kashmiris", r"sindhis", r"pathans", r"muhajirs", r"ahmadis", r"shias", r"sunnis",
    r"parsis", r"chamars", r"yadavs", r"jats", r"thakurs", r"rajputs", r"banias", r"obcs", r"scheduled castes",
    r"tribals", r"adivasis", r"bhaiyas", r"igbos", r"ibos", r"yorubas", r"ashantis", r"ewes", r"fantes", r"luhyas",
    r"kambas", r"maasai", r"masai", r"bagandas", r"banyankole", r"amharas", r"oromos", r"tigrayans", r"pinoys",
    r"indons", r"banglas", r"rohingyas", r"bumiputeras?", r"trinis", r"bajans", r"guyanese", r"rastas", r"yardies",
    r"albinos", r"schizophrenics", r"the mentally ill", r"homos", r"lesbos",
    r"the (?:irish|welsh|english|scottish|british|french|dutch|swiss|chinese|japanese|vietnamese|portuguese"
    r"|sudanese|congolese|lebanese|burmese|maltese|guyanese)",
    # Faiths.
    r"muslims", r"moslems", r"muzzies", r"christians", r"catholics", r"protestants", r"evangelicals", r"mormons",
    r"hindus", r"sikhs", r"buddhists", r"jains", r"atheists", r"hijabis", r"zionists",
    # Migrants as such.
    r"immigrants", r"migrants", r"refugees", r"asylum seekers", r"illegals", r"foreigners", r"newcomers",
    r"boat people",
    # Gender, sexuality, disability, age.
    r"women", r"females", r"ladies", r"men", r"males", r"gays", r"lesbians", r"homosexuals", r"bisexuals",
    r"queers", r"sodomites", r"transgenders", r"trannies", r"the disabled", r"the blind", r"the deaf",
    r"autistics", r"the handicapped", r"cripples", r"retards", r"pensioners", r"the elderly",
)
# Words for a people that are also adjectives ("Chinese", "Muslim"): a people when a word for persons follows
# ("Chinese grad students", "Muslim men"), or when they stand as a noun ("the Chinese will lie", "every Pole").
PEOPLE_ADJECTIVES = _words(
    r"american", r"mexican", r"canadian", r"hispanic", r"latino", r"haitian", r"jamaican", r"cuban", r"african",
    r"nigerian", r"ghanaian", r"kenyan", r"somali", r"ethiopian", r"eritrean", r"arab", r"arabic", r"afghan",
    r"syrian", r"palestinian", r"israeli", r"turkish", r"kurdish", r"pakistani", r"indian", r"bangladeshi",
    r"tamil", r"bengali", r"chinese", r"japanese", r"korean", r"vietnamese", r"filipino", r"asian", r"aboriginal",
    r"indigenous", r"native", r"polish", r"romanian", r"albanian", r"ukrainian", r"russian", r"slavic", r"irish",
    r"welsh", r"scottish", r"english", r"french", r"german", r"italian", r"gypsy", r"traveller", r"roma",
    r"black", r"white", r"brown", r"jewish", r"muslim", r"islamic", r"christian", r"catholic", r"hindu", r"sikh",
    r"immigrant", r"migrant", r"refugee", r"foreign", r"gay", r"lesbian", r"queer", r"trans", r"transgender",
    r"nonbinary", r"non-binary", r"disabled", r"deaf", r"blind", r"mentally ill", r"handicapped", r"crippled", r"autistic", r"special-needs", r"special needs", r"female", r"male",
    r"igbo", r"yoruba", r"hausa", r"fulani", r"kikuyu", r"luo", r"dalit", r"brahmin", r"lower-caste", r"upper-caste",
    r"mainland", r"tribal", r"ethnic", r"asylum", r"uyghur", r"kashmiri", r"bihari", r"punjabi", r"gujarati",
    r"marathi", r"sindhi", r"pathan", r"pashtun", r"ahmadi", r"shia", r"sunni", r"parsi", r"lower caste", r"upper caste",
    r"scheduled caste", r"adivasi", r"kikuyu", r"kalenjin", r"luhya", r"maasai", r"somali", r"amhara", r"oromo",
    r"tigrayan", r"tutsi", r"hutu", r"ashanti", r"ewe", r"malay", r"indonesian", r"burmese", r"rohingya", r"thai",
    r"cambodian", r"trini", r"bajan", r"guyanese", r"dominican", r"rasta", r"northeastern", r"north-eastern", r"tibetan", r"quebec", r"maori", r"aussie",
    r"pacific islander", r"middle eastern", r"south asian", r"east asian", r"west african", r"east african", r"arab",
)
# Words for persons (and for a people's ways) that make an adjective above a people.
PERSONS = _words(
    r"people", r"persons?", r"folks?", r"men", r"women", r"man", r"woman", r"kids", r"children", r"boys", r"girls",
    r"lads", r"blokes", r"guys", r"families", r"parents", r"communit(?:y|ies)", r"populations?", r"neighbou?rs",
    r"students", r"grad students", r"postgrads", r"workers", r"builders", r"drivers", r"doctors", r"nurses",
    r"teachers", r"coders", r"engineers", r"gangs", r"youths?", r"immigrants", r"migrants", r"refugees", r"seekers",
    r"clans", r"tribes?", r"castes?", r"culture", r"cultures", r"mentality", r"lot", r"types", r"shops?",
    r"landlords", r"taxi drivers", r"cabbies", r"parents", r"voters", r"mps", r"players", r"nationals", r"citizens",
    r"nation", r"race", r"religion", r"lobby", r"neighbou?rhoods?", r"areas", r"estates", r"teacher", r"student",
    r"man", r"woman", r"boy", r"girl", r"lad", r"bloke", r"guy", r"kid", r"child", r"family", r"doctor", r"nurse",
    r"driver", r"worker", r"neighbou?r", r"colleague", r"mp", r"councillor", r"landlord", r"lifestyle", r"traders?",
    r"shopkeepers?", r"merchants", r"businessm[ae]n", r"maids?", r"labou?rers", r"cleaners", r"vendors", r"buyers",
    r"investors", r"camps", r"tenants", r"households", r"husbands", r"wives", r"mothers", r"fathers",
    # Contempt for persons after the people's adjective ("autistic weirdos", "Nigerian scammers").
    r"weirdos", r"freaks", r"thieves", r"criminals", r"scammers", r"fraudsters", r"terrorists", r"rapists",
    r"groomers", r"drunks", r"beggars", r"spongers", r"parasites", r"savages", r"animals", r"degenerates",
)
# A people named without its name: only with a strong generaliser do these count.
STAND_INS = _words(
    r"these people", r"those people", r"that lot", r"this lot", r"their kind", r"your kind", r"people like (?:that|them)",
    r"(?:certain|some|those|these|such) (?:communit(?:y|ies)|groups|cultures|races|castes|tribes|peoples|countries"
    r"|ethnic groups|demographics|backgrounds)",
    r"a certain (?:community|group|culture|demographic|religion)", r"the same (?:lot|community|people|ethnic group|religion)",
    r"same (?:religion|ethnic group|community|race)", r"which (?:community|religion|culture|group|ethnic group)",
    r"their (?:culture|religion|holy book|people|community|lot)", r"that (?:culture|community|religion|race)",
    r"these new ones", r"the whole lot of them", r"every (?:last|single) one of them", r"a people",
    r"these freaks", r"(?:that|their|this|those) tribes?", r"(?:those|these) (?:northerners|southerners|outsiders)", r"people who (?:eat|live|breed|come from|worship)", r"people from (?:the )?[a-z]\w+",
)
# After an adjective, these make it a state, a party, a company or a thing, not a people ("Chinese government").
INSTITUTIONS = _words(
    r"governments?", r"govt", r"regimes?", r"administrations?", r"politicians", r"leaders", r"elites?", r"state", r"party", r"ccp", r"embassy", r"ministry", r"military", r"army",
    r"navy", r"officials", r"authorities", r"leadership", r"president", r"prime minister", r"police", r"federal",
    r"labs?", r"companies", r"company", r"firms?", r"banks?", r"ai", r"goods", r"steel", r"drones", r"economy",
    r"market", r"markets", r"media", r"press", r"courts?", r"law", r"laws", r"policy", r"policies", r"side",
    r"team", r"squad", r"federation", r"league", r"football", r"food", r"restaurant", r"takeaway", r"embassies",
)


# --- GENERALISER: said of the whole group ------------------------------------------------------------------

GENERALISERS = _words(
    r"all", r"every", r"everyone of them", r"each (?:and every )?one", r"always", r"never", r"none of them",
    r"not (?:one|a single one) of them", r"the lot of (?:them|em|'em)", r"the whole lot", r"whole (?:community"
    r"|nation|country|race|tribe|lot|culture|religion)", r"(?:by|in their) (?:nature|blood|genes|dna)",
    r"in the (?:culture|blood|genes|dna)", r"in their (?:culture|religion)", r"bred into", r"born and bred",
    r"born (?:to be|with|criminals|liars|thieves)", r"from birth", r"national (?:trait|pastime|sport|character|habit)",
    r"(?:a|the) nation of", r"a people whose", r"(?:their|that|this|the) culture", r"culture (?:of|is|breeds|matters)",
    r"these people", r"those people", r"that lot", r"their kind", r"typical", r"as a rule", r"invariably",
    r"wherever (?:they|\w+) (?:go|goes|settle|move)", r"every (?:single )?time", r"name one", r"(?:meet|find|show me) one who", r"most of them",
    r"simple as", r"biology", r"(?:it's|is) (?:just )?(?:in )?their nature", r"not in (?:them|their nature)",
    r"(?:just|simply) (?:aren't|are not|can't|cannot|don't|won't|weren't)", r"statistic\w*", r"on average",
    r"average iq", r"\d+ times (?:more|as)", r"the (?:data|numbers|math|maths|stats) (?:say|says|show|shows|don't lie)",
    r"do the math", r"pattern recognition", r"any crime stat", r"look at (?:any|the) (?:crime )?stats?",
    r"half the", r"most", r"mostly", r"anyone who's (?:lived|worked)", r"everybody knows", r"everyone knows",
    r"we all know", r"you all know", r"ever notice", r"funny how", r"same \w+ every time", r"same (?:religion|race)",
    r"like every", r"no (?:wonder|surprise)", r"look how that turned out", r"it shows", r"says it all",
    r"that's what they do", r"what they're like", r"what (?:that|this) lot are like", r"they're all",
    r"they all", r"all of them", r"each of them", r"some (?:jobs|things|roles)", r"not built for", r"not made for",
    r"(?:a|the) different breed", r"their (?:\w+ )?(?:lifestyle|ways|habits|mentality|kind|lot)",
    r"(?:isn't|is not|aren't|are not) (?:an? )?(?:real )?(?:identity|religion|refugees|people|culture|minority|nation"
    r"|country|group)s?,? (?:it's|they're|just)", r"(?:why (?:is|are) (?:we (?:letting|allowing)|an? \w+ allowed))", r"why do we keep (?:importing|letting|bringing)",
    r"used to be (?:a )?(?:nice|decent|lovely|safe|english|british|white|christian)",
    r"(?:was|were) (?:fine|clean|nice|lovely|safe|english|british) (?:before|until)", r"remember when",
    r"maybe if", r"call it what it is", r"no such thing as an? (?:good|decent|honest)", r"half of them",
    r"(?:anyone|everyone|anybody|everybody) who(?:'s| has) (?:ever )?(?:lived|worked|been|dealt)",
    r"(?:it's|it is|that's|that is) (?:just )?(?:what|how) they (?:do|are|operate|work)", r"everywhere they go",
    r"facts,? not feelings", r"let's be honest", r"let's stop pretending", r"mark my words",
    r"why (?:do|did|does|should|would|are|were) (?:we|they|you) (?:even |still |ever )?(?:let|allow|give)",
)


# --- NEGATIVE: the bad thing said of them ----------------------------------------------------------------

# Less than human: these make the reason "dehumanising".
SUBHUMAN = _words(
    r"animals", r"savages", r"vermin", r"parasites", r"rats", r"locusts", r"cockroaches", r"insects", r"drones",
    r"orcs", r"apes", r"monkeys", r"cattle", r"livestock", r"beasts", r"subhuman", r"sub-human", r"fire ants",
    r"leeches", r"bloodsuckers", r"a plague", r"a virus", r"a disease", r"a cancer", r"an infestation",
    r"no soul", r"soulless", r"not (?:even )?human", r"less than human", r"defectives?", r"goat-herders",
)
NEGATIVES = _words(
    # Crime and harm.
    r"criminals?", r"(?:commit\w*|cause\w*|bring\w*|behind|responsible for|all the|most of the|the most) (?:\w+ ){0,3}crimes?",
    r"blow(?:s|ing)? (?:things|people|us|stuff|themselves|buildings) up",
    r"crimes? (?:goes|go|went|shot|rises|rose) up", r"crime (?:rates? )?(?:is|are) (?:higher|worse|through the roof)",
    r"(?:knife|gun|violent|sex) crime", r"thie(?:f|ves|ving)", r"steal(?:s|ing)?", r"stole", r"nick(?:s|ing)? (?:anything|everything)",
    r"on the rob", r"broken into", r"break-ins?", r"(?:bikes|tools|copper|cars?|phones|wallets?|purses?) (?:gone|missing|nicked|stolen)",
    r"(?:sexual )?assault\w*", r"sex offen\w+", r"loot\w*", r"treat (?:women|their women|wives|girls|us)"
    r" like", r"(?:crime|trouble|violence|problems|disease) (?:follows|goes up|rises)", r"(?:only|just) good for",
    r"(?:don't|do not|won't|never) want to (?:work|integrate|learn|fit in|contribute)", r"(?:petty )?theft", r"burglar\w*", r"robber(?:y|ies)", r"shop ?lift\w*", r"mugg(?:ing|ings|ers)",
    r"hijack\w*", r"beat (?:their|our|the) (?:wives|women|kids|children|girls)", r"criminal (?:mentality|minds?|nature)",
    r"rob(?:s|bing)? (?:you|us)", r"scam(?:s|mers?|ming)?", r"fraud(?:s|sters?)?", r"frauds?",
    r"drug (?:dealers?|mules?)", r"pimps", r"rapists?", r"rape", r"groom(?:ers?|ing)", r"paedo\w*", r"pedo\w*",
    r"predators?", r"terroris\w*", r"jihad\w*", r"bomb(?:ers|ings)", r"violen(?:t|ce)", r"knife crime", r"stabbings?",
    r"gangs?", r"trafficking", r"a crime syndicate", r"crime family", r"smuggl\w*", r"riots?", r"looting", r"mafia",
    # Character.
    r"lazy", r"lazier", r"dirt(?:y|ier|iest)", r"filth(?:y|ier|iest)", r"smell(?:y|s)?", r"stink\w*", r"unwashed", r"liars?", r"lie(?:s|d)?",
    r"lying", r"cheat(?:s|ing|ers)?", r"sly", r"dishonest", r"deceitful", r"sneaky", r"untrustworthy", r"corrupt",
    r"greedy", r"drunks?", r"drunk", r"pissed", r"on the grog", r"grog", r"bludg\w+", r"spongers?", r"sponging",
    r"scroung\w+", r"freeload\w*", r"handouts?", r"free stuff", r"welfare", r"(?:on|claim\w*|live off|living off|milk\w*) benefits", r"whing\w+", r"whin(?:e|ing|ers)",
    r"backward", r"primitive", r"uncivili[sz]ed", r"barbari\w+", r"inbred", r"stupid", r"thick", r"dim", r"dumb",
    r"low(?:er)? iqs?", r"iq (?:of|around|below) \d+", r"no brains", r"can't think", r"cannot think", r"brainwashed",
    r"copy(?:ing|cats?)?", r"plagiari\w+", r"fake", r"hysterical", r"(?:too )?emotional", r"all emotion", r"hormones",
    r"useless", r"worthless", r"good for nothing", r"rubbish", r"trash", r"scum", r"filth", r"disgusting", r"vile",
    r"sick", r"perver\w+", r"unnatural", r"mentally ill", r"(?:a )?mental (?:illness|disease|disorder)",
    r"personality disorder", r"disorder", r"fetish", r"freaks?", r"weirdos?", r"degenerat\w+", r"breed(?:s|ing)?",
    r"high birth rate", r"multiply", r"outbreed\w*", r"cousin marriage", r"no morals", r"no empathy", r"no creativity",
    r"no respect", r"(?:don't|do not|doesn't|never) (?:respect|value) (?:women|the law|life|human life|our)",
    r"(?:don't|do not|doesn't|never) (?:pay\w*|paid) (?:tax|taxes|council tax|their way|for anything|anything)",
    r"lock up your (?:tools|bikes|daughters|valuables|cars?|sheds?)", r"count your (?:change|fingers)",
    r"check your (?:wallet|pockets|change)", r"hide your (?:wallet|valuables|daughters)", r"stolen", r"vandal\w*",
    r"no impulse control", r"fatherless", r"(?:can't|cannot) hold (?:down )?a job", r"only come (?:over|here) (?:to|for)",
    r"(?:just |simply )?not (?:built|made|cut out|fit) for", r"(?:not|in)compatible with (?:a )?civili\w+",
    r"(?:fill|stuff|pack)\w* (?:it|them|the \w+) with their (?:own|tribe|people|kind|relatives)", r"nepotis\w+",
    r"tribalis\w+", r"bring(?:s|ing)? (?:their|in) (?:diseases?|crime|slums|problems|violence|drugs|gangs|filth)",
    r"diseases", r"outnumber\w*", r"breeding ground", r"cash cows?", r"trojan horses?", r"foreign agents?",
    r"(?:haven't|have not|have never|never|hasn't|has never) (?:\w+ )?(?:invented|built|created|achieved|contributed)"
    r" (?:anything|a thing|nothing)", r"take (?:the|all the) (?:jobs|houses|homes|clinics|benefits|school places)",
    r"took over", r"turns? to (?:war|dust|ruin|shit)", r"demand(?:ing)? their own (?:laws|country|state)", r"(?:aren't|isn't|are not|is not) (?:even )?(?:a )?real (?:women|men|group|identity"
    r"|religion|nation|people|refugees)", r"symptom", r"don't let them (?:run|vote|lead|near|in|teach)",
    r"live like civili[sz]ed", r"(?:a )?(?:\w+ )?jungle", r"shouldn't be (?:wandering|out|driving|working|teaching)",
    r"(?:are|is|'re) (?:just |all )?like (?:rats|fire ants|cockroaches|locusts|animals|vermin|insects|termites|a virus)",
    r"(?:don't|do not|can't|cannot|won't|never) (?:speak|learn|read) (?:english|german|french|the language)",
    r"(?:can't|cannot|could not|couldn't) (?:be trusted|trust|code|drive|keep up|run (?:a|their own|any) \w+|build"
    r"|perform|compete|cope|learn|help (?:it|themselves)|be civili[sz]ed|handle|lead|manage|run anything"
    r"|organi[sz]e|think for themselves|be taught|integrate|assimilate|cook|govern)",
    # A mind said to be beyond a people: "women have never been capable of strategic thinking" (outside test 7).
    r"(?:never|not|aren't|isn't|weren't|wasn't|incapable)(?: been| ever been| really)? (?:capable )?of (?:\w+ )?"
    r"(?:thinking|thought|reasoning|reason|logic|leadership|leading|governing|abstract \w+|rational \w+)",
    r"(?:can't|cannot|don't|won't|never) (?:trust|believe) (?:a single|any|one|them)", r"can't trust",
    r"(?:don't|do not|won't|will not|never) (?:integrate|assimilate|fit in|belong|contribute|work)",
    r"(?:doesn't|don't|do not|never will) belong", r"never (?:will|contribute)", r"contribute (?:nothing|anything)",
    r"(?:shouldn't|should not|mustn't) be (?:allowed|let|voting|anywhere near|near|in charge|teachers|refereeing)",
    r"shouldn't (?:vote|be voting|have the vote|teach|lead|run)", r"should (?:all )?be (?:deported|sent (?:back|home)"
    r"|locked up|banned|kept out|rounded up)", r"send (?:them|every one of them|the lot) (?:all )?(?:back|home)",
    r"deport (?:them|the lot|every)", r"(?:stop|keep) (?:letting|importing|bringing) them", r"keep them out",
    r"(?:belong|back) (?:in|to) the kitchen", r"need(?:s)? a man", r"(?:aren't|are not|isn't) for (?:them|women)",
    r"take over", r"taken over", r"taking over", r"takeover", r"replace(?:d|ment)?", r"replacing", r"invad\w+",
    r"invasion", r"invaders?", r"swamp\w*", r"overrun", r"flood(?:ed|ing)? (?:in|into|our)", r"colonis\w+",
    r"coloniz\w+", r"import(?:ed|ing)? (?:that|them|bangladesh|pakistan|mogadishu|somalia|africa|the third world)",
    r"take (?:everything|what's ours|our)", r"taking (?:our|all our|the)", r"hands out", r"hands? out for",
    r"drain", r"burden", r"cost (?:us|the|a fortune|millions)", r"waste of (?:money|space|taxpayer)",
    r"hate us", r"hate (?:the west|our|women)", r"loyalty is to", r"(?:not|never) (?:really )?(?:british|english|american"
    r"|australian|german|canadian|one of us|hong kong people)", r"never be (?:english|british|american|german|french"
    r"|australian|one of us)", r"a different breed", r"no different", r"protect (?:pedophiles|paedophiles|each other"
    r"|their own)", r"look after their own", r"stick together", r"cover(?:ing)? for (?:them|each other)",
    r"vote (?:like a herd|as a bloc|however|for whoever)", r"vote with their", r"herd", r"bloc",
    r"a (?:death )?cult", r"an? (?:invasion|threat|problem|menace|danger|hazard|liability|fifth column)",
    r"the (?:problem|trouble)", r"problems", r"(?:went|gone|go) downhill", r"ruin(?:ed|s|ing)?", r"destroy(?:ed|ing|s)?",
    r"(?:worse|worst)", r"not (?:equal|the same)", r"built nothing", r"contributed nothing", r"spit(?:s|ting)?",
    r"bat-eating", r"eat(?:ing)? (?:bats|dogs|cats|pets)", r"(?:curry|garlic) smell", r"smells of",
    r"recruit(?:s|ing)?", r"(?:want|wants|after) (?:our|your) (?:kids|children|daughters|women|jobs|houses|land)",
    r"come for (?:your|our) (?:kids|children)", r"(?:our|your) (?:daughters'?|girls'?|women's) (?:locker|changing)",
    r"men in dresses", r"not (?:a )?real (?:women|men|group|identity|religion|nation|people)", r"a symptom",
    r"social contagion", r"indoctrinat\w+", r"agenda", r"pull(?:ing)? the strings", r"(?:own|run|control)s? (?:the )?"
    r"(?:media|banks|hollywood|congress|everything|the world|every institution)", r"benefits? (?:from|off)",
    # The conspiracy of a people behind the powers that be: "Jews control the AI labs", "Zionists own both sides".
    # Only seats of power, so that "Indians run the corner shops" or "Americans own more guns" are not read here.
    r"(?:own|owns|owned|run|runs|control|controls|controlled|pull the strings (?:of|at|in)|are behind)"
    r" (?:the |both |all |every |our |your |most |half the )?(?:\w+ )?(?:media|press|news|banks|hollywood|congress"
    r"|parliament|government|governments|councils|politicians|parties|sides|elections?|courts|labs|institutions|narrative"
    r"|universities|the fed|wall street|washington|the west)",
    # A people's rights put in question: "why do we let women vote", "letting them vote was a mistake".
    # Asked or regretted, not proposed: "we should let immigrants vote in local elections" is policy.
    r"(?:why (?:do|did|does|should|would|are|were) (?:we|they|you) (?:even |still |ever )?|(?:should|shouldn't|should not)"
    r" (?:never )?have |(?:a )?mistake (?:to|letting|allowing|giving) |stop )(?:let|allow|give)\w*\s+(?:them|\w+)\s+"
    r"(?:to\s+)?(?:vote|the vote|votes|have the vote)",
)


# --- Insinuation: the generalisation put as a question, a statistic or a disclaimer -----------------------

INSINUATIONS = _words(
    r"just asking", r"asking for a friend", r"i'm just asking questions", r"just (?:an )?(?:observation|noticing|saying)",
    r"genuinely curious", r"serious question", r"honest question", r"fair question", r"seems like a fair question",
    r"draw your own conclusions?", r"work it out", r"you do the math", r"do the math", r"do the maths",
    r"(?:i'm|i am) not (?:being )?(?:racist|a racist|prejudiced|a bigot|sexist|homophobic)(?:,)? but",
    r"not (?:being )?racist(?:,)? (?:but|just)", r"not being funny,? but", r"no offence,? but", r"i'm not saying",
    r"that's not (?:racism|prejudice|bigotry|hate|racist)", r"not (?:racism|prejudice|hate),? (?:just|it's)",
    r"facts don't care", r"the bell curve", r"pattern recognition", r"look it up", r"ask yourselves?",
    r"notice anything", r"ever notice", r"have you noticed", r"haven't you noticed", r"funny how", r"strange how",
    r"interesting how", r"curious how", r"coincidence", r"you know (?:exactly )?(?:who|which|what) i mean",
    r"(?:we|you) all know (?:who|which|what)", r"everyone knows (?:who|which|exactly)", r"everybody knows (?:who|which|exactly)",
    r"(?:don't|dont) need to spell it out", r"you can guess (?:which|who)", r"guess which", r"i'll wait",
    r"nobody (?:wants|dares|is allowed) to (?:say|notice|ask)", r"(?:you're|you are) not allowed to (?:ask|say|notice)",
    r"media (?:won't|will never|never) (?:say|tell|mention)", r"(?:reporters|papers|media) never mention",
    r"police won't say", r"says it all", r"tells you (?:everything|all you need)", r"statistically speaking",
    r"look at the (?:crime )?(?:stats|statistics|numbers|figures|demographics|surnames)", r"check (?:the|their) surnames",
)
# What the insinuation points at without naming a people.
VEILED_GROUPS = _words(
    r"who(?:'s| is| are)? (?:moved|moving|came|coming) in", r"who moved in", r"who lives there", r"off the boats?",
    r"same (?:lot|people|names|surnames|handful of (?:last )?names|last names|religion|ethnic group|community|neighbou?rhoods?|ones)",
    r"certain (?:communit(?:y|ies)|groups?|people|countries|cultures|neighbou?rhoods|demographics?|backgrounds?)",
    r"which (?:community|religion|culture|group|kids|neighbou?rhoods?)", r"usual surnames", r"the surnames",
    r"last names", r"what he looks like", r"who(?:'s| is) committing", r"who(?:'s| is) crossing", r"who benefits",
    r"the demographics", r"their own country", r"the hood", r"(?:since|after|when) they (?:moved|came|arrived)",
    r"who i mean", r"who i'm talking about", r"you know who", r"diverse (?:neighbou?rhoods|areas|schools|cities|towns)",
    r"(?:whole|all) of (?:\w+ ){1,2}(?:is |are )?(?:moving|walking|coming|pouring|flooding)",
    r"(?:is|are|isn't|aren't|not) sending (?:us )?their", r"they want to come here",
    r"same [\x27\"\x00]?(?:community|lot|people)[\x27\"\x00]?", r"which [\x27\"\x00]?(?:community|religion)[\x27\"\x00]?",
)


# --- Dog-whistles: the signs of organised hate, with the words around them that make them signs ---------

DOG_WHISTLES = _words(
    r"taqiyya", r"\(\(\(", r"13 ?(?:%|percent|per cent),? (?:and )?(?:does |commit )?50 ?(?:%|percent|per cent)",
    r"despite being 13", r"(?:by|behind|from|to|against|for|up|about|run by|owned by) the small tribe",
    r"globalist (?:tribe|bankers|elites?|cabal|media|money|jews?)", r"'?globalists'? (?:who|pushing|with|behind|running)",
    r"(?:bankers|people|ones|guys|those|them|financiers|elites?) with (?:the )?little hats", r"usual surnames",
    r"same (?:handful of )?(?:last names|surnames)",
    r"(?:we've|we have|we're|we are|we were|we'll be|us|whites|white people|natives|locals|the english|europeans"
    r"|christians) (?:\w+ )?(?:being |been |be )?replaced", r"replaced in (?:our|their) own (?:country|land|towns?)",
    r"it's replacement", r"(?:great|demographic) replacement", r"replace (?:us|the native|white)", r"religion of peace",
    r"soros and his (?:people|tribe|lot)", r"(?:look up|ask yourself|check|guess|ask) who (?:owns|runs|controls) the"
    r" (?:media|banks)", r"take the hood out", r"white genocide", r"remigration", r"the goyim", r"jewish money",
    r"jewish question", r"early life section", r"walking letterboxes",
    r"low iq (?:populations|countries|people|races|immigrants)", r"demographics is destiny",
    r"imported (?:mogadishu|bangladesh|pakistan|somalia|the third world)",
    r"import(?:ing)? (?:bangladesh|pakistan|mogadishu|somalia|the third world) wholesale",
)


# --- Exemptions ------------------------------------------------------------------------------------------

# Someone else's words, reported or rebutted: "the MP called migrants…", "blaming immigrants…", "the myth that…".
REPORTED = _words(
    # Abuse others received, named as abuse: "the abuse aimed at the female councillor has been vile" (dev dr).
    r"(?:abuse|messages?|comments?|threats?|insults?|slurs?|hate|vitriol|bile) (?:aimed|directed|hurled|thrown|sent"
    r"|levelled|leveled) at",
    # A question others ask: "relatives back home asking if Americans hate us" (dev dm-0348).
    r"(?:ask|asks|asked|asking|wonder|wonders|wondered|wondering) (?:me |us |him |her )?(?:if|whether)",
    r"said", r"says", r"saying that", r"call(?:ed|ing) (?:me|us|them|him|her|my|our|his|their|people|it|this|that|an?|the"
    r"|migrants|immigrants|refugees|muslims|jews)", r"call(?:ed|ing) (?:\w+ )?(?:an? |the )?[\x27\"\x00]", r"(?:i|when i) read (?:about|comments|that|people)", r"talk(?:s|ed|ing)? about",
    r"wrong (?:that|to say|to claim)", r"(?:a lie|false|untrue|nonsense|rubbish|bollocks|not true) that", r"claims?", r"claimed", r"claiming", r"repeat(?:ing|s)?",
    r"keeps? (?:saying|telling|repeating)", r"told (?:me|us|her|him)", r"(?:were|was|are|being|been) told (?:they|that|we|she|he)",
    r"(?:that|which|it) (?:was|is) (?:a lie|false|untrue|nonsense|wrong)", r"tells (?:us|me)", r"argues?", r"argument that",
    r"the (?:idea|notion|myth|lie|trope|stereotype|narrative|assumption) that", r"myths?", r"tropes?", r"stereotyp\w+",
    r"scapegoat\w*", r"blam(?:e|es|ed|ing)", r"rhetoric", r"language",
    # Propaganda named as such ("Nazi propaganda claimed…"), not an article called "their propaganda" (outside test 7).
    r"propaganda (?:that|about|claim\w*|say\w*|posters?|films?|said)", r"(?:nazi|soviet|wartime|war|old|racist|antisemitic"
    r"|hate|state|communist|fascist|regime) propaganda", r"headline", r"the phrase",
    r"shouted", r"yelled", r"chanted", r"sprayed", r"graffiti", r"comments? (?:above|below|further)", r"the last thread",
    r"this thread", r"these comments", r"comment section", r"apparently", r"famously", r"supposedly", r"so we're told",
    r"yes,? because", r"sure,? because", r"delighted to learn", r"very crafty", r"imagine thinking", r"as if",
    r"according to (?:him|her|them|the)", r"(?:quoted|quoting)",
    r"was (?:the )?(?:\w+ )?(?:line|argument|excuse) (?:in|of|used)", r"in (?:1[0-9]{3}|the (?:1930s|thirties))",
    r"used to (?:say|claim|write)", r"wrote", r"reported", r"mods", r"flagg\w+",
    r"(?:were|was|are|is|being|been|get|got|gets) called", r"in the (?:1[0-9]{3}s|1[0-9]{2}0s|\w+ century)",
    r"centuries ago", r"(?:papers|media|press|headlines?|news) (?:always |only |never )?(?:print|report|mention|name)\w*"
    r" (?:his|her|their|the) (?:religion|race|ethnicity|nationality|background)",
)
# Words that condemn what is said: a sentence with one reports or rebuts the generalisation, unless it is the
# attacker's own disclaimer ("biology isn't bigotry", "it's not racism to notice").
CONDEMNED = _words(
    r"slurs?", r"hate crimes?", r"hate speech", r"racist (?:abuse|comments|remarks|attacks?|chants?)", r"antisemiti\w+",
    r"islamophob\w+", r"bigotry", r"bigoted", r"xenophobi\w+", r"nazis?", r"propagandists?", r"racists?",
    r"conspiracy theor\w+", r"debunked", r"dog[- ]whistles?", r"far[- ]right", r"white supremac\w+", r"extremis\w+",
    r"shooters?", r"manifestos?", r"doctrine", r"the (?:term|concept|word)",
)
# Said of oneself or one's own: "as a Muslim woman", "I'm gay", "my mum is Nigerian".
SELF = _words(
    r"as an?", r"i'm an?", r"i am an?", r"i'm", r"i am", r"we're", r"we are", r"my (?:\w+ )?(?:mum|mom|dad|father|mother"
    r"|son|daughter|wife|husband|partner|family|parents|grandparents|brother|sister|cousins?|friends?|neighbou?rs"
    r"|colleagues|kids|children|grandad|nan|gran)",
)
# The bad thing denied ("are not criminals", "aren't taking the houses", "no more likely").
DENIAL = _words(
    r"not", r"aren't", r"isn't", r"weren't", r"wasn't", r"don't", r"doesn't", r"didn't", r"no more", r"no less",
    r"nothing to do with", r"rather than", r"instead of", r"less likely", r"hardly", r"neither", r"nor", r"never been",
    r"far from", r"no evidence", r"not all",
    # The bad thing done to them, or opposed by them: "victims of crime", "marched against the violence".
    r"against", r"victims? of", r"targets? of", r"condemn\w*", r"protest\w*", r"fight\w*", r"fled", r"fleeing",
    r"escap\w+", r"suffer\w*", r"survivors? of", r"afraid of", r"scared of",
)
# Said of a state, a church, an army or a company: "The CCP steals technology" is about the party, not a people.
RULERS = _words(
    r"ccp", r"communist party", r"government", r"govt", r"regime", r"state", r"party", r"ministry", r"ministers?",
    r"police", r"army", r"military", r"soldiers", r"troops", r"bishops", r"clergy", r"vatican", r"taliban",
    r"hamas", r"idf", r"empire", r"crown", r"monarchy", r"kremlin", r"putin", r"beijing", r"moscow", r"tehran",
    r"delhi", r"junta", r"cartels?", r"companies", r"company", r"corporations?", r"firms?", r"banks", r"council",
    r"officials", r"authorities", r"leaders?", r"president", r"prime minister", r"elites?", r"settlers",
)


# Generalisers that say the group is so by nature: with one, "they" is enough of a subject ("it's a national
# pastime for them", "it's not in their nature").
NATURE = _words(
    r"(?:by|in their|in the) (?:nature|blood|genes|dna)", r"not in (?:them|their nature)", r"bred into",
    r"national (?:trait|pastime|sport|character|habit)", r"from birth", r"born (?:to be|with|criminals|liars|thieves)",
    r"some (?:jobs|things|roles) (?:just )?(?:aren't|are not|need)", r"how they(?:'re| are| were) (?:raised|brought up|made)",
    r"(?:it's|it is|that's|that is) (?:just )?how they (?:are|operate|work|do things)", r"\w+ mentality",
    r"from their country",
)
# Words before a people that make it less than the whole ("some immigrants", "the Romanians who").
PART = _words(r"some", r"many", r"a few", r"few", r"several", r"certain", r"those", r"these", r"two", r"three", r"\d+",
              r"most of the", r"a couple of", r"the other", r"my", r"our", r"your", r"his", r"her")
# What a sentence may open with before its subject: "But", "Honestly,", "Maybe if".
OPENERS = _words(r"and", r"but", r"so", r"honestly", r"frankly", r"look", r"sorry", r"fact is", r"truth is",
                 r"let's be honest", r"maybe", r"maybe if", r"because", r"cos", r"if", r"why do", r"why are", r"why does",
                 r"the", r"all", r"most", r"every", r"of course")
# A people as the subject of a plain present-tense claim: "Indians are", "Gays shouldn't", "Mainland people have no".
CLAIM_VERBS = _words(r"are", r"were", r"will", r"won't", r"can't", r"cannot", r"don't", r"do not", r"never", r"always",
                     r"just", r"all", r"only", r"should", r"shouldn't", r"have", r"get", r"take", r"vote", r"lie",
                     r"steal", r"breed", r"want", r"need", r"aren't", r"is", r"isn't", r"has", r"does", r"doesn't",
                     r"spend", r"cost", r"come", r"bring", r"protect", r"control", r"own", r"run", r"love", r"hate",
                     r"think", r"live", r"haven't", r"have never", r"had", r"got", r"beat", r"cheat")


_ENDS = b".!?;\n"
_CLOSERS = frozenset(b".!?;\"')\x00")
_SPACES = frozenset(b" \t\n\r\v\f")


def _sentence_bounds(view: bytes) -> list[tuple[int, int]]:
    """The sentences of the view: each ends at . ! ? ; (and any closing quotes) before a space or the end, or at a
    new line; the spaces after it belong to it. Plain byte scans, each character looked at a bounded number of
    times (a run of stops is scanned once, however many stops it holds)."""
    stops = sorted(position for stop in _ENDS for position in _positions(view, stop))
    bounds, start, scanned_to, length = [], 0, 0, len(view)
    for stop in stops:
        if stop < scanned_to:
            continue
        after = stop + 1
        while after < length and view[after] in _CLOSERS:
            after += 1
        scanned_to = after
        if view[stop] != 10 and after < length and view[after] not in _SPACES:
            continue
        while after < length and view[after] in _SPACES:
            after += 1
        scanned_to = after
        bounds.append((start, after))
        start = after
    if start < length:
        bounds.append((start, length))
    return bounds


def _positions(view: bytes, byte: int):
    found = view.find(byte)
    while found >= 0:
        yield found
        found = view.find(byte, found + 1)


_QUOTE = r"[\x27\"\x00]?"
_GROUP = phrase(
    r"\b" + PEOPLE_NOUNS + r"\b"
    r"|\b" + PEOPLE_ADJECTIVES + r"(?:\s+(?:grad|\w+-born|born|young|old|\w+-age|\w+-speaking))?\s+" + _QUOTE + PERSONS
    + r"\b"
    # The adjective as a noun for its people: "the Chinese will", "every Pole", "a Pakistani born in Bradford".
    r"|\b(?:the|every|any|each|one|no|a|an)\s+" + PEOPLE_ADJECTIVES + r"\b(?:\s+(?:will|would|are|is|can|can't|don't"
    r"|won't|never|always|only|just|all|lie|lies|steal|vote|voted|want|wants|have|has|get|gets|come|came|take|took"
    r"|born)\b|\s*[.,;:!?]|$)"
    r"|\b(?:pole|gypsy|jew|muslim|hindu|sikh|nigerian|pakistani|mexican|indian|haitian|african|chinaman|hijabi)\b"
    r"|\b(?:islam|judaism|hinduism|sikhism|homosexuality|being gay|being trans|transgenderism|nonbinary|non-binary)\b"
)
_INSTITUTION_AFTER = phrase(r"\s*" + INSTITUTIONS + r"\b")  # matched at a position (match(): RE2's ^ is the text's start)
_PART_BEFORE = phrase(r"\b" + PART + r"\s+(?:\w+\s+)?$")
_STAND_IN = phrase(r"\b" + STAND_INS + r"\b")
_PRONOUN = phrase(r"\b(?:they|they're|they'll|they'd|them|their|theirs|these ones|those ones)\b")
_GENERALISER = phrase(r"\b" + GENERALISERS + r"\b")
_NATURE = phrase(r"\b" + NATURE + r"\b")
_SUBHUMAN = phrase(r"\b" + SUBHUMAN + r"\b")
_NEGATIVE = phrase(r"\b" + NEGATIVES + r"\b")
_INSINUATION = phrase(r"\b" + INSINUATIONS + r"\b")
_VEILED = phrase(r"\b" + VEILED_GROUPS + r"\b")
_DOG_WHISTLE = phrase(r"\b" + DOG_WHISTLES + r"|\(\(\("
                     # A people as the butt of a joke: "What do you call a Mexican with a job?"
                     r"|\bwhat do you call (?:an?|two|three) " + PEOPLE_ADJECTIVES + r"\b")
_REPORTED = phrase(r"\b" + REPORTED + r"\b")
# A ruler just before the bad thing, with no people named between: "the CCP steals", "the regime always lies".
_RULER_BEFORE = phrase(r"\b" + RULERS + r"(?:'s)?\s+(?:\w+\s+){0,3}$")
_CONDEMNED = phrase(r"\b" + CONDEMNED + r"\b")
_SELF = phrase(r"(?:^|[,;:(]\s*|\band\s+)" + SELF + r"\s+(?:\w+\s+){0,2}?(?:" + PEOPLE_ADJECTIVES + r"|" + PEOPLE_NOUNS
               + r"|immigrant|migrant|refugee|woman|man|mother|father|parent|person)\b")
_DENIED = phrase(r"\b" + DENIAL + r"\b[^,;:]{0,24}$")
_LESS = phrase(r"[^.,;:]{0,20}?\b(?:(?:lower|less|fewer) (?:rates?|than|often|likely|crime)|at (?:lower|half|a fraction)"
               r"|no (?:more|higher)|below (?:average|the (?:average|national))|half as)\b")  # matched after it
# An adjective said of a thing, not of people: "the dirty jobs", "sick pay", "dumb luck".
_OF_A_THING = phrase(r"\s+(?:jobs?|work|water|air|streets?|money|tricks?|deals?|politics|dishes|laundry|secrets?|business"
                     r"|pay|leave|notes?|luck|weather|wages|rents?|housing|flats?)\b")
_LESS_INSIDE = phrase(r"\b(?:less|fewer|lower|no more)\b")  # "commit less crime"
_OPENING = phrase(r"\W*(?:" + OPENERS + r"\b,?\s+){0,2}")  # matched at the sentence's start
_CLAIM = phrase(r"\s+" + CLAIM_VERBS + r"\b")  # matched right after the people
_DISCLAIMER = phrase(r"\b(?:not (?:being )?(?:racist|prejudiced|a bigot|sexist)|(?:not|isn't|is not) (?:racism|prejudice|bigotry"
                     r"|hate|xenophobi\w+)"
                     r"|(?:it's |is )?not (?:hate|racism|racist|xenophobi\w+) (?:if|to notice|to say)|facts,? not feelings"
                     r"|call me (?:a |an )?(?:bigot|racist)|not a conspiracy theory|don't @ me|harsh but true|sorry but (?:is|it's) true)\b")
NAMED_BEFORE = 3  # a people named this many sentences before a bad thing said still counts as its subject
RULER_WINDOW = 40  # characters before a bad thing read for "the government", "the CCP"
PART_WINDOW = 24  # characters before a people read for "some", "those"


# Men, as the subject of a figure about crime or violence: a statistic, argued in good faith, not an attack on men.
_MEN = phrase(r"(?:young |adult |older )?(?:men|males|boys)")
_CRIME = phrase(r"crime|violen|homicide|murder|kill|stab|assault|offen|prison|convict|commit")


def _first_by_sentence(pattern, view: bytes, starts: list[int]) -> dict[int, tuple[int, int]]:
    """The first match of the pattern in each sentence (by index), from one scan of the whole text."""
    found: dict[int, tuple[int, int]] = {}
    for match in pattern.finditer(view):
        found.setdefault(bisect_right(starts, match.start()) - 1, match.span())
    return found


def _people(view: bytes, bounds: list[tuple[int, int]], starts: list[int]) -> tuple[dict, set]:
    """For each sentence, the first people named in it (not a state, party or company), and the sentences that make
    a plain claim about all of one (the sentence opens with it, or a verb follows it, and no "some" comes before)."""
    first: dict[int, tuple[int, int]] = {}
    claims: set[int] = set()
    for match in _GROUP.finditer(view):
        index = bisect_right(starts, match.start()) - 1
        start, end = bounds[index]
        if index in claims or _INSTITUTION_AFTER.match(view, match.end(), min(end, match.end() + 20)):
            continue
        first.setdefault(index, match.span())
        if _PART_BEFORE.search(view[max(start, match.start() - PART_WINDOW):match.start()]):
            continue
        opening = _OPENING.match(view, start, end)
        if match.start() <= (opening.end() if opening else start) or _CLAIM.match(view, match.end(), end):
            claims.add(index)
            first[index] = match.span()
    return first, claims


def _negatives(view: bytes, bounds: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """For each sentence (by index) the first bad thing said in it that no word just before denies and no comparison
    just after turns around ("commit crime at lower rates"): one scan of the whole text per list."""
    starts = [start for start, _end in bounds]
    found: dict[int, tuple[int, int]] = {}
    for pattern in (_SUBHUMAN, _NEGATIVE):
        for match in pattern.finditer(view):
            index = bisect_right(starts, match.start()) - 1
            if index in found:
                continue
            start, end = bounds[index]
            if _DENIED.search(view[max(start, match.start() - 24):match.start()]) or \
                    _RULER_BEFORE.search(view[max(start, match.start() - RULER_WINDOW):match.start()]) or \
                    _LESS.match(view, match.end(), min(end, match.end() + 32)) or \
                    _OF_A_THING.match(view, match.end(), min(end, match.end() + 16)) or \
                    _LESS_INSIDE.search(view, match.start() + 1, match.end()):
                continue
            found[index] = match.span()
    return found


class _Reading:
    """What each sentence holds, found by one scan of the whole text per list: spans by sentence index."""

    def __init__(self, view: bytes, bounds: list[tuple[int, int]]):
        starts = [start for start, _end in bounds]
        scan = lambda pattern: _first_by_sentence(pattern, view, starts)  # noqa: E731
        # Someone else's words reported, or said of oneself: the sentence speaks for no generalisation.
        self.skip = set(scan(_REPORTED)) | set(scan(_SELF)) | (set(scan(_CONDEMNED)) - set(scan(_DISCLAIMER)))
        self.people, claims = _people(view, bounds, starts)
        self.stand_in, self.pronoun, self.veiled = scan(_STAND_IN), scan(_PRONOUN), scan(_VEILED)
        self.nature = scan(_NATURE)
        self.general = {**{index: self.people[index] for index in claims}, **self.nature, **scan(_INSINUATION),
                        **scan(_GENERALISER)}


def _reason(text: str, span: tuple[int, int], dehumanising: bool) -> str:
    label = "dehumanising" if dehumanising else "identity attack"
    return f"{label}: '{text[span[0]:span[1]].strip()[:EXCERPT_CHARS]}'"


def identity_attack_reasons(text: str) -> list[str]:
    """At most one reason: "identity attack: 'Romanians on my street are all on the rob'", "dehumanising: '…'".

    A sign of organised hate (a dog-whistle) counts wherever it is not reported or condemned. A bad thing said in a
    sentence counts when a people is named in it or in the three before it, or "these people",
    "that lot" or a veiled name ("who moved in") is in it or next to it, and a generaliser is in it or next to it;
    "they" is enough of a subject next to a generaliser by nature ("it's in their blood").

    The whole text is scanned once per list; a text with neither a sign nor a bad thing is read no further; each
    sentence is looked up in a window of at most five, so the time stays linear in the text."""
    said = as_said(text)
    view = ascii_view(said)
    bounds = _sentence_bounds(view)
    whistles = _DOG_WHISTLE.search(view) is not None
    negatives = _negatives(view, bounds)
    if not (negatives or whistles):
        return []
    read = _Reading(view, bounds)
    if whistles:
        starts = [start for start, _end in bounds]
        for match in _DOG_WHISTLE.finditer(view):
            if bisect_right(starts, match.start()) - 1 not in read.skip:
                return [_reason(said, match.span(), False)]
    disclaimed = None
    for index in sorted(negatives):
        if index in read.skip:
            continue
        near = [j for j in range(max(0, index - 1), min(len(bounds), index + 2)) if j not in read.skip]
        named = [read.people[j] for j in range(max(0, index - NAMED_BEFORE), index + 1)
                 if j in read.people and j not in read.skip]
        subject = (named[-1] if named else None) \
            or next((read.stand_in.get(j) or read.veiled[j] for j in near if j in read.stand_in or j in read.veiled), None) \
            or (read.pronoun.get(index) if any(j in read.nature for j in near) else None)
        if subject is None:
            continue
        if not any(j in read.general for j in near):
            if disclaimed is None:
                disclaimed = _DISCLAIMER.search(view) is not None
            if not disclaimed:
                continue
        negative = negatives[index]
        if _MEN.fullmatch(view, subject[0], subject[1]) and _CRIME.search(view, negative[0], negative[1]):
            continue  # "men commit nine in ten homicides": the figure every violence policy starts from (dev dp, dq)
        dehumanising = _SUBHUMAN.match(view, negative[0], negative[1]) is not None
        start = subject[0] if subject[0] < negative[0] and negative[0] - subject[0] <= 200 else negative[0]
        return [_reason(said, (start, negative[1]), dehumanising)]
    return []
