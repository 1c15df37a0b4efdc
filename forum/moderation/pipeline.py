"""Decide the status of a new or edited comment, and say why.

decide() looks at the author's role and standing, the moderation mode, and the rules
(word lists, spam signs, repeated text, threats, harassment, insults, promotion, the local toxicity
score, the learned classifier). Every hold carries its reasons, for moderators: "suspect word: 'moron'",
"3 links > 2", "veiled threat: 'watch your back'", "harassment: named @x in 3 threads today",
"toxicity 0.93 ≥ 0.80", "model: abusive 0.91 ('gutless', 'get lost')". Pure: the caller looks up the
duplicate and whom the author has been following, if anyone.

Every rule runs in time linear in the text (forum.patterns). As a second line of
defence, checking a comment has a CPU-time budget: past it, the comment is held for a moderator
rather than published unchecked (issue 11: no request can stall a worker).
"""
import gc
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from forum.markup import Profile, render
from forum.models import CommentStatus, ModerationMode, Role, SitePolicy, User
from forum.moderation import notices, spam
from forum.moderation.classifier import Classifier
from forum.moderation.harassment import Following, harassment_reasons
from forum.moderation.hidden_words import hidden_words, run_together_spam, spaced_letters_joined
from forum.moderation.hostility import hostile_phrases
from forum.moderation.identity import identity_attack_reasons
from forum.moderation.idioms import as_said
from forum.moderation.insults import insult_reasons
from forum.moderation.model_text import model_text
from forum.moderation.personal_attacks import personal_attack_reasons
from forum.moderation.phrases import phrase
from forum.moderation.promotion import promotion_reasons
from forum.moderation.scorer import Scorer
from forum.moderation.threats import threat_reasons
from forum.moderation.word_context import aimed_entries, mentioned_only, toxicity_reading
from forum.moderation.words import find_listed_words, parse_word_list
from forum.patterns import ascii_view

# Each rejected comment outweighs this many published ones when judging trust.
REJECTION_WEIGHT = 2
# CPU time that checking one comment may take. 10,000 characters written to be slow take about
# 10 ms (`python -m bench.adversarial`), plain prose a few; twenty times that is a fault, not a comment.
CHECK_BUDGET_SECONDS = 0.2
TOO_SLOW = "too slow to check automatically"


@contextmanager
def uncollected():
    """Pause Python's garbage collector while a comment is checked, so that the budget measures the checks.

    A full collection walks every object in the process and once took a busy test process past the
    budget on a plain comment, holding it as too slow; what a check allocates is linear in the text
    and is collected after it.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@dataclass(frozen=True)
class Duplicate:
    """An earlier comment with the same text, found by the caller."""

    comment_id: int
    same_author: bool


@dataclass
class Decision:
    status: CommentStatus
    reasons: list[str] = field(default_factory=list)

    @property
    def message_to_author(self) -> str | None:
        """The rule at stake in plain words; the reasons themselves are for moderators (notices.py)."""
        return notices.message_to_author(self.status, self.reasons)


def is_staff(user: User) -> bool:
    return user.role in (Role.MODERATOR, Role.ADMIN)


def is_trusted(user: User, policy: SitePolicy) -> bool:
    """Staff, or a reader with enough published comments, net of rejected ones."""
    if is_staff(user):
        return True
    return user.published_count - REJECTION_WEIGHT * user.rejected_count >= policy.trusted_after


def standing_refusal(user: User, now: datetime) -> str | None:
    """Why `user` may not post at all right now (banned or suspended), or None."""
    # The reason may end with the moderator's message to them, which has its own full stop.
    reason = f" Reason: {user.sanction_reason.rstrip('.')}." if user.sanction_reason else ""
    if user.is_banned:
        return f"Your account is banned from commenting.{reason}"
    if user.is_suspended(now):
        until = user.suspended_until.strftime("%-d %B %Y, %H:%M UTC")
        return f"Your account is suspended from commenting until {until}.{reason}"
    return None


def effective_mode(article_mode: str | None, policy: SitePolicy) -> ModerationMode:
    return ModerationMode(article_mode or policy.moderation_mode)  # a mode just set from a form is still a str


# "An idiotic policy", "a stupid plan", "this moronic decision": a suspect adjective said of a thing is the
# sharp disagreement the taxonomy calls civil, so those words are blanked before the suspect list is read;
# said of a person ("a stupid little man") it still counts, and so does every other listed word.
_THINGS = (r"(?:policy|policies|plan|plans|decision|decisions|idea|ideas|law|laws|rule|rules|scheme|schemes|bill|budget"
           r"|proposal|design|argument|arguments|question|mistake|system|tax|levy|ruling|move|reform|strategy|headline"
           r"|premise|approach|comparison|analogy|consultation|closure|project|scheduling|timetable|process|target"
           r"|targets|policy's|cuts?|lanes?|bollards?|app|website|site|rota|route|layout|requirement|minimum|deal)")
_DULL = r"(?:idiotic|moronic|stupid|dumb|brainless)"
_HOW_MUCH = r"(?:(?:so|really|just|plain|pretty|utterly|completely|frankly|simply|downright|incredibly|truly|quite|bloody|beyond)\s+)?"
_SAID_OF_A_THING = phrase("|".join([
    # "a stupid plan", "this moronic, lazy decision"
    rf"\b{_DULL}(?:,?\s+(?:[\w-]+,?\s+)?|,\s+{_DULL}\s+){_THINGS}\b",
    # "the bus plan is stupid", "is this plan stupid?" (dev writers dp, dq: predicated of the thing, not before it)
    rf"\b(?:the|this|that|these|those|your|their|our|such an?|an?)\s+(?:[\w-]+\s+){{0,2}}{_THINGS}\s+(?:is|was|are|were"
    rf"|seems?|seemed|sounds?|sounded|looks?|looked|feels?|'s)\s+{_HOW_MUCH}{_DULL}\b",
    rf"\b(?:is|was|isn't|wasn't)\s+(?:the|this|that|your|their|our)\s+(?:[\w-]+\s+){{0,2}}{_THINGS}\s+{_HOW_MUCH}{_DULL}\b",
    # "call the plan stupid by all means" (dev dj-0336)
    rf"\bcall(?:ed|ing|s)?\s+(?:the|this|that|their|your|our)\s+(?:[\w-]+\s+){{0,2}}{_THINGS}\s+{_HOW_MUCH}{_DULL}\b",
    # an act, not a person: "it's stupid to build on a flood plain", "is it idiotic that…"
    rf"\bit(?:'s|\s+is|\s+was|\s+would\s+be|\s+seems|\s+sounds|\s+feels)\s+{_HOW_MUCH}{_DULL}\s+(?:to|that|how)\b",
    rf"\bis\s+it\s+(?:not\s+)?{_HOW_MUCH}{_DULL}\s+(?:to|that)\b",
    # the idiom of an act: "you'd have to be a moron to build there"
    r"\byou(?:'d|\s+would)\s+have\s+to\s+be\s+(?:an?\s+)?(?:idiot|moron|fool|stupid|dumb|mad|crazy)\s+to\b",
    # oneself: "stupid me", "silly me", "that was dumb of me"
    rf"\b(?:{_DULL}|silly|idiot)\s+(?:of\s+)?me\b",
    # the word weighed, not put on anyone: "Stupid isn't the word", "Moronic? No, …", "Tagalog for stupid"
    rf"\b{_DULL}\s+(?:isn't|is\s+not|wasn't)\s+the\s+(?:right\s+)?word\b",
    rf"(?:^|[.!?]\s*){_DULL}\?\s+(?:no|nope|not\s+quite|not\s+really|hardly)\b",
    rf"\b(?:is|means|was)\s+(?:[\w-]+\s+)?for\s+[\x27\"]?{_DULL}\b",
    # a blunder in British English, not anatomy: "cock-up after cock-up" (dev du-0488; the toxicity score reads this too)
    r"\bcock[- ]?ups?\b",
    # idioms: "shut up and take my money"; a state or a people told to fall in line ("China will just shut up and comply")
    r"\bshut\s+up\s+and\s+take\s+my\s+money\b",
    r"\b(?:china|beijing|washington|moscow|they|he|she|it)\s+(?:will|would|won't|should|must|can't|cannot|never|to)"
    r"\s+(?:just\s+|simply\s+)?shut\s+up\s+and\s+(?:comply|obey|fall\s+in\s+line|do\s+as)\b",
]))


def _blank_things_called_stupid(text: str) -> str:
    parts, kept_until = [], 0
    for match in _SAID_OF_A_THING.finditer(ascii_view(text)):
        start, end = match.span()
        parts += [text[kept_until:start], " " * (end - start)]
        kept_until = end
    return "".join(parts) + text[kept_until:]


@lru_cache(maxsize=8)
def _entries(word_list: str) -> tuple[str, ...]:
    """An admin's word list as its entries, parsed once per list rather than once or twice per comment."""
    return tuple(parse_word_list(word_list))


@dataclass(frozen=True)
class _SuspectWords:
    """What the suspect-word rule read (the text without reported quotes and things called stupid), the suspect
    entries it found there and those put on someone: the toxicity rule reads the same text unless the comment
    reports a quote, and takes these rather than finding them again."""

    text: str
    found: list[str]
    aimed: list[str]
    verdicts: dict = field(default_factory=dict)  # aimed_entries' verdicts, by entry and sentence


def _word_reasons(text: str, policy: SitePolicy) -> tuple[list[str], list[str], _SuspectWords]:
    banned_entries, suspect_entries = _entries(policy.banned_words), _entries(policy.suspect_words)
    # A word quoted by a comment that reports or condemns it ("my son was called a 'sheep-shagger' at school,
    # I reported it"; "a message telling him to 'go hang yourself'. We reported it") is mentioned, not used: every
    # list is read outside such quotes.
    said = as_said(text)
    found_banned = find_listed_words(said, banned_entries)
    # A banned word only quoted, in a sentence that addresses no reader, is likely a report of it ("my son was
    # called a "..." at school"): a person reads it rather than the comment being rejected.
    quoted = mentioned_only(said, found_banned)
    banned = [word for word in found_banned if word not in quoted]
    blanked = _blank_things_called_stupid(said)
    # A suspect word counts where it is put on someone, not about a thing, oneself or as a word (word_context.py).
    found_suspect = find_listed_words(blanked, suspect_entries)
    verdicts: dict = {}
    suspect = aimed_entries(blanked, found_suspect, verdicts)
    # A word read starred, run together or backwards is a guess: even a banned one only holds the comment.
    hidden = hidden_words(blanked, suspect_entries + banned_entries)
    return (
        [f"banned word: '{word}'" for word in banned],
        [f"banned word: '{word}' (only quoted: held, not rejected)" for word in quoted] + [f"suspect word: '{word}'" for word in suspect]
        + [f"hidden word: {reading}" for reading in hidden],
        _SuspectWords(blanked, found_suspect, suspect, verdicts),
    )


def _spam_reasons(text: str, html: str | None, policy: SitePolicy, duplicate: Duplicate | None) -> list[str]:
    reasons = []
    # The links the page will show, and addresses written out without becoming links (in code, say).
    links = max(len(spam.find_urls(text)), spam.offsite_links(html if html is not None else render(text, Profile.COMMENT)))
    if links > policy.max_links:
        reasons.append(f"{links} links > {policy.max_links}")
    reasons += [f"link shortener: {host}" for host in spam.shortened_hosts(text)]
    if spam.has_phone_number(text):
        reasons.append("phone number")
    if spam.is_filler(text):
        reasons.append("filler: next to no words")
    reasons += spam.pitches(text) + run_together_spam(text)
    if duplicate is not None:
        whose = "by the same account" if duplicate.same_author else "by another account"
        reasons.append(f"same text as comment {duplicate.comment_id} {whose}")
    return reasons


# The score a comment aimed at nobody (no reader, person or people named) needs for the score alone to hold it:
# swearing at a thing ("Bloody hell, 38 degrees", "check your poo") scores 0.8-0.9, abuse of someone unnamed
# ("Bullshit from a clueless hack") near 1.
UNAIMED_TOXICITY_THRESHOLD = 0.95


def _toxicity_reasons(text: str, policy: SitePolicy, scorer: Scorer, suspect: _SuspectWords | None = None) -> list[str]:
    """`suspect`: what _word_reasons found of the same text, if it ran (otherwise it is found here)."""
    toxicity = scorer.score(text)
    if toxicity < policy.toxicity_threshold:
        return []  # leaving words out of what the score reads is for the few comments it would hold
    plain = _blank_things_called_stupid(text)  # "a stupid plan", "cock-up after cock-up": nobody is called anything
    if plain != text and scorer.score(plain) < policy.toxicity_threshold:
        return []
    # The score reads a word without its target: a listed word said of a thing, oneself or denied, and swearing
    # in a sentence aimed at nobody, are left out of what it reads (word_context.toxicity_reading).
    suspect_entries = _entries(policy.suspect_words)
    found = suspect.found if suspect is not None and suspect.text == text else find_listed_words(text, suspect_entries)
    if found:
        said_of_people = _blank_things_called_stupid(text)
        if suspect is not None and suspect.text == said_of_people:
            aimed = suspect.aimed
        else:  # it read the comment without its reported quotes: sentences that quote nothing are read already
            aimed = aimed_entries(said_of_people, find_listed_words(said_of_people, suspect_entries),
                                  suspect.verdicts if suspect is not None else None)
    else:
        aimed = []
    reading, aimed_at_someone = toxicity_reading(text, [entry for entry in found if entry not in aimed])
    # Unless a word was left out, the reading is the text's words joined by single spaces, and the text's score
    # stands: the local scorer reads words only, so it would give the same again.
    if len(reading.split()) < len(text.split()):
        toxicity = scorer.score(reading)
    threshold = policy.toxicity_threshold if aimed_at_someone else max(policy.toxicity_threshold,
                                                                         UNAIMED_TOXICITY_THRESHOLD)
    if toxicity >= threshold:
        return [f"toxicity {toxicity:.2f} ≥ {threshold:.2f}"]
    return []


def classifier_reading(text: str) -> str:
    """What the learned classifier reads of a comment with `text`, as decide() gives it (model_text.py)."""
    return model_text(spaced_letters_joined(text))


def _mode_reasons(author: User, mode: ModerationMode, policy: SitePolicy) -> list[str]:
    if mode is ModerationMode.PRE:
        return ["pre-moderation: every comment on this article is reviewed"]
    if author.review_all_comments:
        return ["account from a watched e-mail domain: every comment is reviewed"]
    if mode is ModerationMode.PRE_NEW_USERS and not is_trusted(author, policy):
        return [f"new reader: held until {policy.trusted_after} comments are approved"]
    return []


def decide(text: str, author: User, article_mode: str | None, policy: SitePolicy, scorer: Scorer,
           duplicate: Duplicate | None = None, budget_seconds: float = CHECK_BUDGET_SECONDS,
           classifier: Classifier | None = None, following: Following | None = None,
           html: str | None = None) -> Decision:
    """The status a comment with `text` by `author` gets, with every reason for it (no classifier: rules only).

    `html` is the text as rendered for the page (its links are counted); without it the text is rendered here.

    Past `budget_seconds` of checking, the comment is held with what was found so far and TOO_SLOW.
    """
    if is_staff(author):
        return Decision(CommentStatus.PUBLISHED)
    for model in (scorer, classifier):
        load = getattr(model, "load", None)
        if load is not None:
            load()  # a model read once per process is not this comment's cost
    with uncollected():
        return _checked(text, author, article_mode, policy, scorer, duplicate, budget_seconds, classifier,
                        following, html)


def _model_reasons(text: str, classifier: Classifier) -> list[str]:
    """The classifier's verdicts as reasons; a spam verdict only for a text with something to act on (spam.py)."""
    return [verdict.reason for verdict in classifier.verdicts(model_text(text))
            if verdict.label != "spam" or spam.something_to_act_on(text)]


def _checked(text: str, author: User, article_mode: str | None, policy: SitePolicy, scorer: Scorer,
             duplicate: Duplicate | None, budget_seconds: float, classifier: Classifier | None,
             following: Following | None, html: str | None) -> Decision:
    # CPU time of this thread, so that other work on a busy machine does not count against the comment.
    deadline = time.thread_time() + budget_seconds
    # Every rule reads words written letter by letter ("y o u  a r e  a  c u n t") as the words they spell;
    # the links are counted on the page as rendered from the text as written.
    html = html if html is not None else render(text, Profile.COMMENT)
    text = spaced_letters_joined(text)
    banned, suspect, suspect_words = _word_reasons(text, policy)
    if banned:
        return Decision(CommentStatus.REJECTED, banned)
    reasons = list(suspect)
    checks = (
        lambda: hostile_phrases(text) + threat_reasons(text) + insult_reasons(text),
        lambda: identity_attack_reasons(text),
        lambda: harassment_reasons(text, following),
        lambda: personal_attack_reasons(text),
        lambda: _spam_reasons(text, html, policy, duplicate) + promotion_reasons(text),
        lambda: _toxicity_reasons(text, policy, scorer, suspect_words),
        lambda: _model_reasons(text, classifier) if classifier is not None else [],
    )
    for check in checks:
        if time.thread_time() > deadline:
            break
        reasons += check()
    if time.thread_time() > deadline:
        return Decision(CommentStatus.PENDING, reasons + [TOO_SLOW])
    reasons += _mode_reasons(author, effective_mode(article_mode, policy), policy)
    return Decision(CommentStatus.PENDING if reasons else CommentStatus.PUBLISHED, reasons)
