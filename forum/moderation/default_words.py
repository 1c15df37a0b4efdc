"""The word lists Parley ships with; admins edit them on the policy page.

Entries are whole words or phrases, matched through disguises by forum.moderation.words, with a
plural "s" allowed, so "idiot" also finds "idiots" and "1d10t". Banned entries reject a comment at
once, so they are kept to words with no civil use in a comment section; everything that a heated but
civil reader might write ("stupid", "traitor") is only suspect: a person reads it before it shows.
Words common in civil debate on AI and security ("kill switch", "attack surface", "war", "enemy",
"bots", "nuke") are left out on purpose.
"""

DEFAULT_BANNED_WORDS = [
    # Racial and ethnic slurs
    "nigger", "nigga", "chinky", "ching chong", "gook", "zipperhead", "slant eye", "slant eyed",
    "slanty", "spic", "wetback", "kike", "raghead", "towelhead", "sand nigger", "paki",
    # Homophobic and transphobic slurs
    "faggot", "fag", "tranny",
    # Telling someone to harm themselves
    "kill yourself", "kill yourselves", "kill urself", "kill ur self", "kys", "hang yourself",
    "hang urself", "hang ur self", "neck yourself", "neck urself", "drink bleach",
]

DEFAULT_SUSPECT_WORDS = [
    # A slur that is also an old idiom ("a chink in the armour"): held for a person, not rejected.
    "chink",
    # Insults without swear words
    "idiot", "idiotic", "moron", "moronic", "imbecile", "cretin", "stupid", "dimwit", "halfwit", "nitwit",
    "numbskull", "dunce", "buffoon", "clown", "loser", "you fool", "retard", "retarded", "tard", "stoopid", "stupit",
    "mongoloid", "brain dead", "braindead", "pea brain", "peabrain", "brainwashed", "sheep", "sheeple",
    "lowlife", "low life", "degenerate", "you liar", "shut up",
    # Demeaning and dehumanising terms
    "scum", "scumbag", "vermin", "subhuman", "sub human", "untermensch", "parasite", "cockroach",
    "bugman", "bugmen", "insects", "locusts", "savages", "animals like you", "traitor",
    # Aimed at nationalities and sides in the US-China debate
    "commie", "chicom", "chinazi", "ccp shill", "ccp bot", "paid shill", "shill", "wumao", "wu mao",
    "50 cent army", "fifty cent army", "paid bot", "russian bot", "you bot", "you're a bot", "you are a bot",
    "panda hugger", "running dog", "yankee dog", "american dogs", "white devil",
    "gweilo", "baizuo", "amerikkka", "amerikkkans", "ameritard", "chinaman",
    "go back to your country", "go back where you came from",
    # Threats and wishes of harm
    "i will find you", "we will find you", "i'll find you", "i know where you live", "we know where you live",
    "you deserve to die", "you should die", "i hope you die", "hope you die", "go die", "die in a fire",
    "watch your back", "i will kill you", "i'll kill you", "hunt you down", "should be hanged",
    "string them up", "exterminate them", "should be exterminated", "get cancer",
    # Profanity aimed at a person
    "fuck you", "fuck off", "fcuk you", "fcuk off", "fuk you", "fuk off", "stfu", "shut the fuck up", "go fuck yourself", "gfy", "piece of shit",
    "eat shit", "screw you", "go to hell", "burn in hell", "asshole", "arsehole", "bastard", "bitch",
    "motherfucker", "dickhead", "douchebag", "douche", "prick", "twat", "wanker", "cunt", "cocksucker",
    "shithead", "jackass", "dumbass", "dumb ass", "smartass",
    # The commonest insults of other languages readers write in: held for a person who can read them.
    "pendejo", "cabron", "cabrón", "gilipollas", "hijo de puta", "connard", "connasse", "salope",
    "va te faire foutre", "arschloch", "hurensohn", "wichser", "vaffanculo", "stronzo", "coglione",
    "filho da puta", "caralho",
]
