"""What the author of a held or rejected comment is told: which rule may be at stake, never the evidence.

Moderators read every reason with its score ("suspect word: 'moron'", "model: abusive 0.62
('gutless')"). An author shown those would learn which word to disguise and how far under a
threshold to stay, so the author reads the rule in plain words and that a person will decide.
Reasons about the account or the article rather than the text (pre-moderation, a new reader, a
watched e-mail domain) teach nothing about evading the rules and are shown as they are.
Pure: reasons in, a sentence out; it reads the reasons stored with a comment, old ones included.
"""
from forum import visibility
from forum.models import CommentStatus

PERSONAL_ATTACKS = "personal attacks"
HATE = "attacks on people for who they are"
THREATS = "threats"
HARASSMENT = "harassment and private details"
SPAM = "spam and advertising"
ABUSE = "abusive comments"

# How each rule's reasons begin (pipeline.py, hostility.py, threats.py, harassment.py, insults.py, spam.py,
# promotion.py, classifier.py, hidden_words.py write them), in the order the rules are named to the author.
_PREFIXES = (
    (THREATS, ("threat:", "veiled threat:", "wished harm:")),
    (HARASSMENT, ("harassment:",)),
    (HATE, ("identity attack:", "dehumanising:")),
    (PERSONAL_ATTACKS, ("banned word:", "suspect word:", "hidden word:", "contempt:", "insult:", "name-calling:")),
    # The scores say a comment reads as abusive, not which kind of abuse: named only when no rule above says more
    # (outside test 5: a veiled threat the model alone held was called a personal attack).
    (ABUSE, ("toxicity ", "model: abusive")),
    (SPAM, (
        "link shortener:", "phone number", "same text as comment", "model: spam", "pitch:", "crypto or investment pitch",
        # spam.pitches() labels
        "work-from-home pitch", "money per day or week", "promise to multiply money", "promise of earnings",
        "guaranteed returns", "off-site contact", "crypto promotion", "come-on to a link", "sales pitch",
        "phishing pattern", "gambling offer", "essay mill", "dating spam", "crypto payment",
        "spam words run together:",  # hidden_words.run_together_spam()
        "filler:",  # spam.is_filler()
    )),
)
_SPAM_INFIXES = (" links > ",)  # "3 links > 2"
_ABOUT_THE_ACCOUNT = (
    "pre-moderation:", "new reader:", "account from a watched e-mail domain:",
)


def rules_at_stake(reasons: list[str]) -> list[str]:
    """The rules (THREATS, HARASSMENT, HATE, PERSONAL_ATTACKS or else ABUSE, SPAM) the reasons point at, in that order, each once."""
    rules = [rule for rule, prefixes in _PREFIXES if any(reason.startswith(prefixes) for reason in reasons)]
    if ABUSE in rules and any(rule in rules for rule in (THREATS, HARASSMENT, HATE, PERSONAL_ATTACKS)):
        rules.remove(ABUSE)
    if SPAM not in rules and any(infix in reason for infix in _SPAM_INFIXES for reason in reasons):
        rules.append(SPAM)
    return rules


def why_for_author(reasons: list[str] | None, rejected: bool = False) -> str:
    """One plain sentence on why a comment was held (or rejected), naming rules but no words or scores."""
    reasons = list(reasons or [])
    rules = rules_at_stake(reasons)
    if rules:
        verb = "It breaks" if rejected else "It may break"
        return f"{verb} the {'rule' if len(rules) == 1 else 'rules'} on " + _listed(rules) + "."
    about_account = "; ".join(reason for reason in reasons if reason.startswith(_ABOUT_THE_ACCOUNT))
    if about_account:
        return about_account[0].upper() + about_account[1:] + "."
    return "It will be reviewed."


def message_to_author(status: CommentStatus, reasons: list[str] | None) -> str | None:
    """What the author is told right after posting or editing; None when the comment is published."""
    if status in visibility.REJECTED_ONLY:
        return "Your comment was not published: " + _lowered(why_for_author(reasons, rejected=True))
    if status in visibility.HELD:
        return "Your comment is held for a moderator: " + _lowered(why_for_author(reasons))
    return None


def _listed(rules: list[str]) -> str:
    """"a", "a and on b", "a, on b and on c"."""
    return " and on ".join(rules) if len(rules) <= 2 else ", on ".join(rules[:-1]) + " and on " + rules[-1]


def _lowered(sentence: str) -> str:
    return sentence[0].lower() + sentence[1:]
