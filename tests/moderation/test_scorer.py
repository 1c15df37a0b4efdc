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
    if importlib.util.find_spec("profanity_check") is None:
        skip_or_fail("alt-profanity-check is not installed (pip install -r requirements.txt)")
    return LocalScorer()


@pytest.mark.parametrize("sentence", CIVIL)
def test_the_local_model_scores_civil_sentences_low(local_scorer, sentence):
    assert local_scorer.score(sentence) < 0.5


@pytest.mark.parametrize("sentence", PROFANE)
def test_the_local_model_scores_profanity_high(local_scorer, sentence):
    assert local_scorer.score(sentence) >= 0.8


def test_the_flattened_model_gives_the_same_score_as_the_package(local_scorer):
    """The scorer evaluates the package's model itself (1,000 times faster): it must not change a score."""
    from profanity_check import predict_prob

    from tests.moderation.labelled_comments import LABELLED

    texts = CIVIL + PROFANE + [text for _label, text in LABELLED] + [
        "", "   ", "the and of it",  # nothing the model knows: the intercepts alone decide
        "FUCK Fuck fuck fuck", "Café naïve FÜR straße", "shit " * 2000, "idiot_idiot idiot-idiot 2idiot",
    ]
    expected = predict_prob(texts)
    differences = [abs(local_scorer.score(text) - float(want)) for text, want in zip(texts, expected)]
    assert len(differences) > 200
    assert max(differences) < 1e-9


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
    decision = decide("Plain words.", author, None, policy_with(), scorer)
    assert seen == ["Plain words."]
    assert decision.reasons == ["toxicity 0.85 ≥ 0.80"]
    assert decide("Plain words.", author, None, policy_with(), FixedScorer(0.2)).reasons == []


def test_the_default_scorer_is_one_local_model_per_process():
    assert isinstance(default_scorer(), LocalScorer)
    assert default_scorer() is default_scorer()
