"""The learned classifier: the plain-Python evaluator against scikit-learn, the shipped artifact, and its holds."""
import re
import sys

import pytest

from forum.models import CommentStatus, SitePolicy
from forum.moderation.classifier import (
    ARTIFACT, LearnedClassifier, NullClassifier, _char_ngrams, _word_tokens, default_classifier, encode_artifact,
)
from forum.moderation.evaluation import SETS, load_items, pipeline_judge
from forum.moderation.model_text import model_text
from forum.moderation.scorer import NullScorer
from tests.moderation.artifacts import word_artifact
from tests.conftest import cpu_seconds

ABUSIVE = "You are a gutless coward and a clown, get lost."
SPAMMY = "Great article! I made $8,000 last month working from home, DM me on Telegram to learn how."
CIVIL = "The council's figures on the bridge repairs do not add up; the report on page 12 says otherwise."
# Texts that test the tokenisers' edges: no word at all, one letter, other scripts, case that lengthens
# when lowered, underscores, every kind of white space, and long runs.
EDGES = [
    "", "   ", "a", "I", "!!!", "x y z", "İstanbul ǅungla straße ﬁne ΣΊΣΥΦΟΣ", "snake_case and_more _",
    "tab\tsep\nnew  line\u00a0nbsp\u2003em", "é" * 3000, "idiot " * 400, "1d10t st00pid @ssh0le", "i d i o t",
    "emoji 🙄🙄 and CJK 中文字 mixed", "don't won't y'all", "a.b.c d-e-f g/h/i",
]


@pytest.fixture(scope="module")
def small_model(tmp_path_factory):
    """The shipped design fitted on a fifth of the development set (quick), and its artifact read back."""
    training = pytest.importorskip("forum.moderation.training")
    items = load_items(SETS["dev"])[::5]
    texts, labels = training.training_examples(items, training.DESIGNS[training.CHOSEN])
    model = training.DESIGNS[training.CHOSEN].make()
    model.fit(texts, labels)
    path = tmp_path_factory.mktemp("model") / "small.json.gz"
    training.write_artifact(training.artifact_of(model, len(texts), {"abusive": 0.5, "spam": 0.5}, {}), path)
    return model, LearnedClassifier(path)


def test_plain_python_probabilities_are_scikit_learns(small_model):
    model, classifier = small_model
    texts = [item.text for item in load_items(SETS["dev"])[1::9]] + EDGES + [ABUSIVE, SPAMMY, CIVIL]
    expected = model.predict_proba(texts)
    columns = list(model.classes_)
    worst = 0.0
    for text, row in zip(texts, expected):
        got = classifier.probabilities(text)
        worst = max(worst, *(abs(got[label] - row[columns.index(label)]) for label in columns))
    assert len(texts) > 120
    assert worst < 1e-6


def test_the_tokenisers_are_scikit_learns(small_model):
    model, _ = small_model
    words, chars = (vectoriser.build_analyzer() for _, vectoriser in model.named_steps["features"].transformer_list)
    for text in EDGES + [ABUSIVE, SPAMMY]:
        lowered = text.lower()
        assert _word_tokens(lowered) == re.findall(r"(?u)\b\w\w+\b", lowered)
        assert sorted(gram for word in lowered.split() for gram in _char_ngrams(word, 2, 5)) == sorted(chars(text))
        assert len(words(text)) >= len(_word_tokens(lowered))


def test_the_web_app_scores_without_scikit_learn_or_numpy(tmp_path):
    """Loading and scoring in a fresh interpreter imports neither."""
    import subprocess

    code = ("import sys; from forum.moderation.classifier import LearnedClassifier as C; c = C(); "
            f"c.verdicts({ABUSIVE!r}); print(sorted(m for m in ('sklearn', 'numpy', 'scipy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_shipped_artifact_was_trained_on_the_current_development_set():
    """The file on disk is the one `flask moderation train` makes from dev.jsonl (not from the held-out set)."""
    from hashlib import sha256

    classifier = LearnedClassifier(ARTIFACT)
    classifier.verdicts("load")
    data = classifier.metadata["data"]
    assert classifier.version == "classifier-v1"
    assert data["file"] == "dev.jsonl" and data["sha256"] == sha256(SETS["dev"].read_bytes()).hexdigest()
    assert 0 < classifier.thresholds["abusive"] < 1 and 0 < classifier.thresholds["spam"] < 1
    assert set(classifier.metadata["cross_validation"]) == {"5-fold", "by writer, at the same thresholds"}


def test_the_pipeline_holds_abuse_and_spam_through_the_model_and_says_what_weighed():
    judge = pipeline_judge(SitePolicy.with_defaults(), NullScorer(), default_classifier())
    abusive, spammy, civil = judge(ABUSIVE), judge(SPAMMY), judge(CIVIL)
    assert abusive.status == CommentStatus.PENDING
    [reason] = [r for r in abusive.reasons if r.startswith("model: ")]
    assert re.fullmatch(r"model: abusive [01]\.\d\d \('[^']+'(, '[^']+'){0,2}\)", reason), reason
    assert "gutless" in reason or "clown" in reason or "coward" in reason
    assert spammy.status == CommentStatus.PENDING
    assert any(re.match(r"model: spam [01]\.\d\d \('", r) for r in spammy.reasons), spammy.reasons
    assert civil.status == CommentStatus.PUBLISHED and civil.reasons == []


@pytest.mark.parametrize("text", ["Agreed.", "Thanks!", "Great article.", "Wrong again.", "See above.", "This."])
def test_a_short_civil_comment_is_not_held_for_being_short(text):
    """The development set's insults are short and its civil comments long; the training takes civil
    sentences too, so that brevity alone is not read as abuse."""
    assert default_classifier().verdicts(text) == []


def test_the_evidence_is_the_informative_words_and_phrases_that_weighed_towards_the_label():
    """Grammar words ("should") and words most comments use ("writing" here) are not named however much they
    weigh; a phrase that weighs itself ("get lost") is named instead of its word; a word that weighs against
    the label ("thanks") never is."""
    classifier = LearnedClassifier.from_bytes(encode_artifact(word_artifact("evidence", {
        "should": (5.0, 6.0, 0.0), "writing": (1.5, 5.5, 0.0), "get": (3.0, 0.5, 0.0), "lost": (5.0, 2.0, 0.0),
        "get lost": (6.0, 3.0, 0.0), "hack": (5.0, 2.5, 0.0), "coward": (5.0, 2.8, 0.0), "coward and": (6.0, 0.2, 0.0),
        "and": (1.2, 0.1, 0.0), "thanks": (5.0, -3.0, 0.0)})), "evidence")
    assert classifier.evidence("You should get lost, writing hack", "abusive") == ("get lost", "hack")
    assert classifier.evidence("Thanks, coward and hack", "abusive") == ("coward", "hack")
    assert classifier.evidence("should writing thanks", "abusive") == ()


def test_the_null_classifier_holds_nothing():
    assert NullClassifier().verdicts(ABUSIVE) == []


def test_the_classifier_is_also_a_scorer():
    classifier = default_classifier()
    assert classifier.score(ABUSIVE) > 0.5 > classifier.score(CIVIL)
    assert type(classifier.score(CIVIL)) is float


# Ordinary prose about a bus timetable, long enough to drown one sentence when the comment is read whole
# (attack report 5, finding 1: about 140 characters of it were enough).
BUS_PARAGRAPH = ("I took the number 14 to the library every weekday last winter, and the new timetable the council "
                 "published in March moves the first departure twenty minutes later, which means the early shift "
                 "workers at the hospital now arrive after their start time. ")
INSULT = "Honestly, author, you are a spineless, worthless hack and nobody here wants you around."


@pytest.mark.parametrize("text", [BUS_PARAGRAPH * 3 + INSULT, INSULT + " " + BUS_PARAGRAPH * 3,
                                  BUS_PARAGRAPH + INSULT + " " + BUS_PARAGRAPH])
def test_an_insult_padded_with_civil_prose_is_held_and_the_evidence_is_the_insults(text):
    """The classifier reads windows of one or two sentences besides the whole, and holds for the most abusive; the
    words shown to a moderator are that window's."""
    classifier = default_classifier()
    assert classifier.probabilities(text)["abusive"] < classifier.thresholds["abusive"]  # whole, it is diluted
    [verdict] = [verdict for verdict in classifier.verdicts(text) if verdict.label == "abusive"]
    assert verdict.probability == classifier.part_probabilities(text)["abusive"] >= classifier.thresholds["abusive"]
    assert verdict.evidence and all(set(phrase.split()) <= set(INSULT.lower().replace(",", "").split())
                                    for phrase in verdict.evidence), verdict.evidence
    assert set(" ".join(verdict.evidence).split()) & {"spineless", "worthless", "hack"}


def test_a_long_civil_comment_of_many_sentences_is_not_held():
    text = (BUS_PARAGRAPH + "I wrote to the transport office twice. They replied that the change saves one bus a "
            "day. That may be true, but nobody asked the riders. Could the council publish the passenger counts? "
            "If the early run is nearly empty, fine; if not, please put it back. Thanks to the drivers, who have "
            "been patient with all of us. Wrong again, I suppose, but worth asking. See you at the meeting on the "
            "12th.\nA rider since 2009.")
    classifier = default_classifier()
    assert classifier.verdicts(text) == []
    assert classifier.part_probabilities(text)["abusive"] < classifier.thresholds["abusive"]


@pytest.mark.parametrize("text", [
    "a. " * 3_333, "You are a clown. " * 588, (BUS_PARAGRAPH + INSULT + " ") * 30, "a" * 10_000,
    ("word " * 2_000), "x\n" * 5_000, "a " * 5_000, "_" * 10_000, "a." * 5_000, "ab-" * 3_300, "🙄" * 10_000,
])
def test_scoring_a_comment_part_by_part_stays_linear(text):
    """10,000 characters, read whole and in parts, cost a few tens of milliseconds of CPU, not seconds."""
    text = text[:10_000]
    classifier = default_classifier()
    classifier.verdicts("warm-up")
    assert cpu_seconds(lambda: (classifier.verdicts(text), classifier.evidence(text, "abusive"))) < 0.25


def test_the_training_scores_comments_part_by_part_as_the_classifier_does(small_model):
    """Thresholds are chosen on training.predicted(); a comment is held on part_probabilities() of what decide() gives
    the classifier (model_text.py: the comment less its @names and the quotes it reports)."""
    training = pytest.importorskip("forum.moderation.training")
    model, classifier = small_model
    texts = [item.text for item in load_items(SETS["dev"])[2::37]] + [
        BUS_PARAGRAPH * 3 + INSULT, INSULT, "", "a. " * 100, BUS_PARAGRAPH * 20,
        '@kim_b Got a DM saying "watch your back". Reported it. ' + INSULT]
    expected = training.predicted(model, texts)
    worst = 0.0
    for text, row in zip(texts, expected):
        got = classifier.part_probabilities(model_text(text))
        worst = max(worst, *(abs(got[label] - row[training.CLASSES.index(label)]) for label in training.CLASSES))
    assert worst < 1e-6
