"""The toxicity scorer: the local model on clearly civil and clearly abusive sentences, and the plug-in interface."""
import importlib.util

import pytest

from forum.models import CommentStatus, Role, User
from forum.moderation.pipeline import decide
from forum.moderation.scorer import LocalScorer, NullScorer, Scorer, default_scorer
from tests.conftest import skip_or_fail
from tests.factories import FixedScorer, policy_with

CIVIL = [
    "I disagree with the author: the subsidy costs more than it saves, and the report says so on page 12.",
    "Thank you for the link; the table on regional wages changed my mind.",
    "That is a fair point, but rural bus routes would lose the most under this plan.",
    "I strongly oppose this policy and I think the minister is wrong about the numbers.",
    "The rail link would cut commuting times by a third, according to the council's own study.",
]
PROFANE = [
    "What a fucking idiot, shut the fuck up.",
    "You are a piece of shit and your argument is bullshit.",
    "Go fuck yourself, asshole.",
    "This is the stupidest crap I have read all week, you dumb bitch.",
]


@pytest.fixture(scope="module")
def local_scorer():
    return LocalScorer()


@pytest.fixture(scope="module")
def package():
    """alt-profanity-check itself (through scikit-learn), to check the flattened file against."""
    if importlib.util.find_spec("profanity_check") is None:
        skip_or_fail("alt-profanity-check is not installed (pip install -r requirements.txt)")
    from profanity_check import profanity_check

    return profanity_check


@pytest.mark.parametrize("sentence", CIVIL)
def test_the_local_model_scores_civil_sentences_low(local_scorer, sentence):
    assert local_scorer.score(sentence) < 0.5


@pytest.mark.parametrize("sentence", PROFANE)
def test_the_local_model_scores_profanity_high(local_scorer, sentence):
    assert local_scorer.score(sentence) >= 0.8


def test_the_flattened_model_gives_the_same_score_as_the_package(local_scorer, package):
    """The scorer evaluates the package's model from the committed file (1,000 times faster, without scikit-learn):
    it must not change a score."""
    from tests.moderation.labelled_comments import LABELLED

    texts = CIVIL + PROFANE + [text for _label, text in LABELLED] + [
        "", "   ", "the and of it",  # nothing the model knows: the intercepts alone decide
        "FUCK Fuck fuck fuck", "Café naïve FÜR straße", "shit " * 2000, "idiot_idiot idiot-idiot 2idiot",
    ]
    expected = package.predict_prob(texts)
    differences = [abs(local_scorer.model_probability(text) - float(want)) for text, want in zip(texts, expected)]
    assert len(differences) > 200
    assert max(differences) < 1e-9


def test_the_committed_model_file_is_the_installed_package_flattened(package):
    """After an upgrade of alt-profanity-check or scikit-learn, `python -m forum.moderation.flatten_profanity`
    must be run again (and the file committed) before the scores can be trusted."""
    import gzip
    import json

    from forum.moderation.flatten_profanity import flatten
    from forum.moderation.scorer import PROFANITY_MODEL

    with gzip.open(PROFANITY_MODEL, "rt", encoding="utf-8") as committed:
        assert json.load(committed) == flatten()


def test_the_model_file_carries_the_packages_licence():
    """alt-profanity-check is MIT-licensed: what is derived from it ships with its notice."""
    import gzip
    import json

    from forum.moderation.scorer import PROFANITY_MODEL

    with gzip.open(PROFANITY_MODEL, "rt", encoding="utf-8") as committed:
        source = json.load(committed)["source"]
    assert source["package"] == "alt-profanity-check"
    assert source["licence"].startswith("MIT License") and "Permission is hereby granted" in source["licence"]


def test_a_score_is_a_plain_float_between_zero_and_one(local_scorer):
    score = local_scorer.score(PROFANE[0])
    assert type(score) is float
    assert 0.0 <= score <= 1.0


def test_the_pipeline_holds_a_profane_comment_through_the_local_model(local_scorer):
    author = User(username="r", role=Role.READER, published_count=10, rejected_count=0, review_all_comments=False)
    decision = decide(PROFANE[2], author, None, policy_with(banned_words="", suspect_words=""), local_scorer)
    assert decision.status == CommentStatus.PENDING
    assert len(decision.reasons) == 1 and decision.reasons[0].startswith("toxicity ")
    assert decision.reasons[0].endswith(" ≥ 0.80")


def test_the_null_scorer_scores_everything_zero():
    assert NullScorer().score(PROFANE[0]) == 0.0


def test_another_scorer_plugs_in_through_the_interface():
    """decide() asks whatever scorer it is given; nothing else about it is assumed."""
    seen = []

    class RecordingScorer:
        def score(self, text: str) -> float:
            seen.append(text)
            return 0.85

    scorer: Scorer = RecordingScorer()
    author = User(username="r", role=Role.READER, published_count=10, rejected_count=0, review_all_comments=False)
    # Aimed at a reader, so the policy's threshold applies; a score that would hold is asked again of the
    # text without its untargeted swearing, unless nothing is left out, as here: the first score stands.
    decision = decide("Plain words for you.", author, None, policy_with(), scorer)
    assert seen == ["Plain words for you."]
    assert decision.reasons == ["toxicity 0.85 ≥ 0.80"]
    assert decide("Plain words.", author, None, policy_with(), FixedScorer(0.2)).reasons == []


def test_the_default_scorer_is_one_local_model_per_process():
    assert isinstance(default_scorer(), LocalScorer)
    assert default_scorer() is default_scorer()
