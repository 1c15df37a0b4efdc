"""A reader's avatar, made on the server from their name: initials on one of a few colours.

No picture service is asked (readers' names and addresses never leave the site), nothing is stored,
and the same name always gets the same avatar, so a reader is recognised down a long thread.
"""
import hashlib

AVATAR_COLOURS = 8  # the stylesheet's .avatar-0 … .avatar-7, each with text at 4.5:1 or better


def initials(name: str) -> str:
    """One or two letters for `name`: the first letters of its first two words, or its first two letters."""
    words = [word for word in name.replace("_", " ").replace("-", " ").replace(".", " ").split() if word]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].capitalize()
    return (words[0][0] + words[1][0]).upper()


def colour_index(name: str) -> int:
    """Which of the avatar colours `name` gets: from a hash, so it does not change between pages."""
    digest = hashlib.blake2s(name.lower().encode("utf-8"), digest_size=2).digest()
    return int.from_bytes(digest, "big") % AVATAR_COLOURS
