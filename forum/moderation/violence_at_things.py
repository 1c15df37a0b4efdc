"""Violent verbs said of an animal or a thing: farm work, hunting, and policy "killing" the high street.

The toxicity score reads words without their object, so "We killed the pig in November" scored 0.99,
"I kill about four hundred pigs a shift" 0.84 and "Kill the bill ... it will murder small bakeries" 0.80:
the story of a slaughterman or a farm childhood, and a campaign slogan, read like a threat to it. Said of an
animal ("the pig", "four hundred pigs", "the old horse") or of a thing a comment argues about ("the bill",
"the high street", "small bakeries"), such a verb is no harm to anyone, so the score does not read it.

A verb counts as said of a thing when, within a few words after it and before any person or
possessive ("your dog", "his car", "the pig farmer"), comes one of the nouns below. The rules (threats.py)
still read the whole text: "I'll kill your dog" is not an animal story, and a threat is held by them, not by
this score. Pure and linear: one pass over the sentence's words, looking a bounded distance ahead.
"""

VIOLENT_VERBS = frozenset("""
kill kills killed killing murder murders murdered murdering slaughter slaughters slaughtered slaughtering
shoot shoots shot shooting butcher butchers butchered butchering strangle strangles strangled strangling
drown drowns drowned drowning gut guts gutted gutting stab stabs stabbed stabbing cull culls culled culling
""".split())
ANIMALS = frozenset("""
pig pigs hog hogs sow sows boar boars steer steers bullock bullocks cow cows cattle calf calves bull bulls
sheep lamb lambs ewe ewes ram rams goat goats deer stag stags buck bucks doe does rabbit rabbits hare hares
fox foxes rat rats mouse mice chicken chickens hen hens cockerel cockerels rooster roosters duck ducks goose geese
turkey turkeys pheasant pheasants grouse pigeon pigeons crow crows magpie magpies badger badgers mole moles
squirrel squirrels mink horse horses pony ponies dog dogs cat cats kitten kittens puppy puppies fish trout salmon
beast beasts animal animals livestock herd flock vermin pest pests wasp wasps spider spiders slug slugs snake
snakes boars wolf wolves bear bears elk moose
""".split())
# Things a comment argues about, whose "killing" is a figure of speech.
THINGS = frozenset("""
bill bills law laws plan plans scheme schemes policy policies budget budgets deal deals motion amendment
proposal proposals idea ideas project projects route routes service services market markets street shop shops
bakery bakeries business businesses jobs industry industries sector economy trade pub pubs club clubs
competition league mood vibe conversation debate joke momentum buzz engine lights planet hope hopes
""".split())
# Between the verb and its object: articles, numbers and a few modifiers ("about four hundred", "the old").
_WITHIN = 4
# Whose the object is, or a person it turns out to be: then it is said of someone ("your dog", "the pig farmer").
_SOMEONES = frozenset("""
you your yours ur him his her hers them their theirs he she they my our me us yourself
""".split())

# Animals whose names are also put on people; said as an order ("Kill the pigs"), they may be people.
_ALSO_SAID_OF_PEOPLE = frozenset("""
pig pigs rat rats dog dogs vermin snake snakes animals beasts pests rats cockroaches sheep
""".split())
# Nouns after an animal or a thing that make it a person ("the pig farmer", "the bill sponsor").
_KEEPERS = frozenset("""
farmer farmers owner owners keeper keepers breeder breeders lover lovers sponsor sponsors author authors
supporter supporters campaigner campaigners lobby lobbyist lobbyists killer killers man men woman women
""".split())


def _core(word: str) -> str:
    return word.strip(".,;:!?\"'()[]{}<>*_-—–“”‘’").lower().replace("’", "'")


def said_of_things(words: list[str], people: frozenset = frozenset()) -> set[int]:
    """The positions, in a sentence's `words`, of violent verbs said of an animal or a thing, and of the animal.

    `people`: nouns for people (word_context.PEOPLE), which make the object a person ("the pig farmer")."""
    blanked: set[int] = set()
    cores = [_core(word) for word in words]
    for index, core in enumerate(cores):
        if core not in VIOLENT_VERBS:
            continue
        for ahead in range(index + 1, min(index + 1 + _WITHIN, len(cores))):
            following = cores[ahead]
            if following in _SOMEONES or following in people or following.endswith("'s"):
                break
            if following in ANIMALS and index == 0 and following in _ALSO_SAID_OF_PEOPLE:
                break  # "Kill the pigs." as an order is said of the police, "Shoot the rats" of a people
            if following in ANIMALS or following in THINGS:
                after = cores[ahead + 1] if ahead + 1 < len(cores) else ""
                if after in people or after in _KEEPERS:
                    break  # "the pig farmer", "the bill sponsor": a person
                blanked.add(index)
                if following in ANIMALS:
                    blanked.add(ahead)  # "pig" is also a word put on people: here it is the animal
                break
            if words[ahead - 1].endswith((",", ";", ":")):
                break
    return blanked
