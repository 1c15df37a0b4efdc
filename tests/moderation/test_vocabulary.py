"""The compact vocabulary answers as the dict it replaces, for the shipped models' terms and for odd strings."""
import gzip
import json
import pickle

import pytest

from forum.moderation.classifier import ARTIFACT
from forum.moderation.scorer import PROFANITY_MODEL
from forum.moderation.classifier import LearnedClassifier
from forum.moderation.vocabulary import SplitVocabulary, Vocabulary, settled

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


def test_a_vocabulary_can_number_its_terms_otherwise_than_by_position():
    vocabulary = Vocabulary(["ab", "cd", "ef"], [7, 0, 70_000])
    assert [vocabulary.get(term) for term in ("ab", "cd", "ef", "gh")] == [7, 0, 70_000, None]
    assert len(vocabulary) == 3


def _split_cases():
    grams = _terms(ARTIFACT, 1)
    return [
        pytest.param(grams, range(0, len(grams), 3), id="character n-grams, every third common"),
        pytest.param(grams, range(len(grams)), id="character n-grams, all common"),
        pytest.param(grams, [], id="character n-grams, none common"),
        pytest.param(ODD, [0, 4, 5, 10], id="odd strings, some common"),
        pytest.param([], [], id="empty"),
    ]


@pytest.mark.parametrize(("terms", "common"), _split_cases())
def test_a_split_vocabulary_gives_each_term_its_number_wherever_it_is_kept(terms, common):
    """Common or not, a term has its number; an n-gram the model does not know has none (None, KeyError, not in),
    and looking one up does not make it known."""
    expected = {term: number for number, term in enumerate(terms)}
    for vocabulary in (SplitVocabulary(terms, common), settled(lambda: SplitVocabulary(terms, common))):
        assert len(vocabulary) == len(terms)
        assert all(vocabulary.get(term) == number and vocabulary[term] == number for term, number in expected.items())
        strangers = [term + "q" for term in terms[:2000]] + [term[:-1] for term in terms[:2000]] + ODD + ["ab cd"]
        common_count = len(vocabulary._state[0])
        for _ in range(2):  # a second time: a miss is not remembered as anything
            for stranger in strangers:
                assert vocabulary.get(stranger) == expected.get(stranger)
                assert (stranger in vocabulary) == (stranger in expected)
        assert len(vocabulary._state[0]) == common_count  # nor kept: a worker's memory does not grow with lookups
        # known(): the numbers of the known ones among a word's n-grams, in order, common or not, unknown ones left out.
        mixed = [term for pair in zip(terms[::-1], strangers) for term in pair]
        assert vocabulary.known(mixed) == tuple(expected[term] for term in mixed if term in expected)
        assert vocabulary.known(terms[:50]) == tuple(range(min(50, len(terms))))
        assert vocabulary.known([term for term in strangers if term not in expected][:5]) == ()
        assert vocabulary.known([]) == ()
        with pytest.raises(KeyError):
            vocabulary["certainly not a term of any model"]


def test_the_classifier_finds_each_character_ngram_of_its_artifact_at_its_own_number():
    classifier = LearnedClassifier()
    classifier.load()
    grams = _terms(ARTIFACT, 1)
    block = next(block for block in classifier._blocks if block.analyzer == "char_wb")
    assert isinstance(block.index, SplitVocabulary)
    assert [block.index.get(gram) for gram in grams] == list(range(len(grams)))
    assert block.index.get(" zqxj") is None
