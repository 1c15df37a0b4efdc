"""The compact vocabulary answers as the dict it replaces, for the shipped models' terms and for odd strings."""
import gzip
import json
import pickle

import pytest

from forum.moderation.classifier import ARTIFACT
from forum.moderation.scorer import PROFANITY_MODEL
from forum.moderation.vocabulary import Vocabulary, settled

ODD = ["", " ", "a", " a ", "\x00", "\xff", "\xff\xff", "é", "中文", "🙄", "\ud800", "a\udc80b", "ab\xffcd", "x" * 300]


def _terms(path, block=None) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as source:
        data = json.load(source)
    return data["terms"] if block is None else data["blocks"][block]["terms"]


@pytest.mark.parametrize("terms", [
    pytest.param(_terms(ARTIFACT, 0), id="classifier words"),
    pytest.param(_terms(ARTIFACT, 1), id="classifier character n-grams"),
    pytest.param(_terms(PROFANITY_MODEL), id="profanity words"),
    pytest.param(ODD, id="odd strings"),
    pytest.param([], id="empty"),
])
def test_every_term_has_its_number_and_nothing_else_has_one(terms):
    vocabulary = Vocabulary(terms)
    expected = {term: number for number, term in enumerate(terms)}
    assert len(vocabulary) == len(terms)
    assert all(vocabulary.get(term) == number and vocabulary[term] == number for term, number in expected.items())
    strangers = [term + "q" for term in terms[:2000]] + [term[:-1] for term in terms[:2000]] + ODD + ["ab cd", "\xff\xff\xff"]
    for stranger in strangers:
        assert vocabulary.get(stranger, -1) == expected.get(stranger, -1)
        assert (stranger in vocabulary) == (stranger in expected)
    with pytest.raises(KeyError):
        vocabulary["certainly not a term of any model"]


def test_two_neighbours_in_a_bucket_do_not_make_a_third_term():
    """A lookup matches whole terms: "ab" and "cd" side by side are not "ab\\xffcd" or "b"."""
    vocabulary = Vocabulary(["ab", "cd", "abc"] + [f"filler{n}" for n in range(3)])
    assert [vocabulary.get(text) for text in ("ab", "cd", "abc", "b", "bc", "abcd", "ab\udcffcd", "")] == [
        0, 1, 2, None, None, None, None, None]


def test_a_settled_copy_answers_the_same():
    terms = _terms(PROFANITY_MODEL)
    original = Vocabulary(terms)
    for copy in (settled(lambda: Vocabulary(terms)), pickle.loads(pickle.dumps(original))):
        assert len(copy) == len(original)
        assert all(copy.get(term) == number for number, term in enumerate(terms))
        assert copy.get("not a word here") is None
