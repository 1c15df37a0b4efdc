"""The demo discussion: readers answering the demo article's question, in the team's own words.

Each entry: (key, author, stance key or None, parent key or None, Markdown text).
"""

DEMO_COMMENTS = [
    ("c1", "ada", "yes", None,
     "Rivals cooperate whenever the downside is shared. The superpowers kept talking about arms control "
     "through the worst years of their standoff, and that did not make them friends. A hotline about "
     "**dangerous capabilities** costs little and could matter a great deal."),
    ("c2", "bao", None, "c1",
     "Arms control worked because warheads can be counted. You cannot count model weights from a satellite, "
     "and neither side will let the other inspect its training runs. Without verification, an agreement is a press release."),
    ("c3", "chidi", None, "c2",
     "Verification is hard, but not impossible: compute is concentrated in a few data centres and a few chip "
     "makers. Reporting thresholds on *training compute* are at least measurable."),
    ("c4", "ada", None, "c3",
     "And even without full verification, agreeing on what counts as a red line is progress. You have to name a "
     "risk before you can watch for it."),
    ("c5", "bao", None, "c4",
     "Naming it is the easy part. The question is what either side does when the other one crosses it."),
    ("c6", "chidi", "it-depends", None,
     "It depends on the domain. On keeping AI out of nuclear command and control, interests line up almost "
     "perfectly. On frontier model capabilities, every safety test is also a glimpse of how far the other side has got.\n\n"
     "- narrow, technical agreements: plausible\n- broad limits on development: unlikely while export controls last"),
    ("c7", "ada", None, "c6",
     "That split seems right to me. Start where the overlap is obvious and build some trust there."),
    ("c8", "bao", "no", None,
     "Both governments treat AI as the technology that decides the next few decades of economic and military power. "
     "Safety talk is real, but it will always come second to winning. I would love to be proved wrong."),
    ("c9", "chidi", "yes", None,
     "Scientists on both sides already talk through the international safety reports and the summit process. "
     "That channel is narrow, but it exists, and it is exactly what you want to keep open when politics gets worse."),
]

# A troll for the moderators to deal with: the pipeline holds each of these, with its reasons.
DEMO_HELD = [
    ("rowdy", "Anyone who thinks Beijing will keep a promise is a complete idiot. Grow up."),
    ("rowdy", "What a m.o.r.o.n take. The author should stick to writing about shoes."),
    ("rowdy", "FREE AI stock tips, earn $500/day from home!!! http://bit.ly/ai-riches http://tinyurl.com/x9 http://example.com/join"),
    ("rowdy", "You people are brainwashed sheep, every last one of you."),
    ("rowdy", "Stupid article, stupid readers, stupid site."),
]

# A reader's flag on a published comment, for the Reported queue: (flagger, comment key, reason, note).
DEMO_FLAGS = [
    ("ada", "c8", "other", "Reads as a sweeping generalisation; worth a moderator's look"),
]
