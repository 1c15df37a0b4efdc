"""The memory of rejected comments (bench/rejected_memory.py), which the replay benches measure."""
from bench import rejected_memory as memory
from bench.rejected_memory import RejectedMemory


def test_a_comment_repeating_most_of_a_rejected_one_matches_and_a_different_one_does_not():
    remembered = RejectedMemory()
    remembered.remember("Everybody go leave one star reviews on the reporter's bakery, the address is online")
    assert remembered.matches("everybody go leave one star reviews on the reporter's bakery today!")
    assert not remembered.matches("Everybody go read the reporter's piece on the bakery, it is good")
    assert not remembered.matches("go leave one")  # too few shingles to say anything


def test_a_phrase_in_many_rejected_comments_keeps_a_bounded_list_and_long_text_is_cut():
    remembered = RejectedMemory()
    for n in range(memory.POSTINGS + 10):
        remembered.remember(f"you absolute clown number {n}")
    assert max(len(posting) for posting in remembered._postings.values()) == memory.POSTINGS
    assert len(memory.shingles(" ".join(f"w{n}" for n in range(100_000)))) == memory.MAX_SHINGLES
