"""A memory of comments moderators rejected: a new comment that repeats most of one is a candidate for review.

The replay benches' (bench/replay.py, bench/replay_ceiling.py), not the pipeline's: on the replay's stream it matched
none of the abuse moderators had not already seen, so nothing in the product uses it. Word 3-shingles (three words in a row, lowercased): a comment matches when at least
MEMORY_OVERLAP of its shingles, and at least MIN_SHARED of them, appear in one remembered comment.

Cost is linear and bounded: the text is cut to MAX_CHARS before it is split (one pass over it), a
comment gives at most MAX_SHINGLES shingles (words are split by str methods, no pattern engine: see
tests/test_architecture.py), and each shingle remembers at most POSTINGS comments (a phrase
found in more than that many rejected comments says nothing about any one of them).
"""
from collections import Counter

MAX_CHARS = 4000
MAX_SHINGLES = 400
POSTINGS = 20
MEMORY_OVERLAP = 0.5
MIN_SHARED = 3


def shingles(text: str) -> set[tuple[str, str, str]]:
    words = "".join(char if char.isalnum() else " " for char in text[:MAX_CHARS].lower()).split()
    return {tuple(words[i:i + 3]) for i in range(min(len(words) - 2, MAX_SHINGLES))}


class RejectedMemory:
    def __init__(self) -> None:
        self._postings: dict[tuple, list[int]] = {}
        self._size: list[int] = []

    def remember(self, text: str) -> None:
        own = shingles(text)
        number = len(self._size)
        self._size.append(len(own))
        for shingle in own:
            posting = self._postings.setdefault(shingle, [])
            if len(posting) < POSTINGS:
                posting.append(number)

    def matches(self, text: str) -> bool:
        own = shingles(text)
        if len(own) < MIN_SHARED:
            return False
        shared = Counter(number for shingle in own for number in self._postings.get(shingle, ()))
        return any(count >= MIN_SHARED and count >= MEMORY_OVERLAP * len(own) for count in shared.values())
