"""A retrain: fitted on the seed set and the site's decisions, switched to only through the gate.

Small sets and two folds keep each fit well under a second; the gate's arithmetic is in test_gate.py."""
import pytest

from forum.actions import moderation as acts
from forum.models import ModelState, ModerationAction, Verb, load_policy
from forum.moderation import registry
from forum.moderation.evaluation import SETS, load_items
from forum.moderation.scorer import NullScorer
from forum.models.base import utcnow
from tests.moderation.artifacts import constant_artifact

pytest.importorskip("sklearn")
from forum.moderation import retraining  # noqa: E402 (scikit-learn first: without it there is nothing to test)

DEV = load_items(SETS["dev"])


def _take(label: str, start: int, count: int):
    return [item for item in DEV if item.label == label][start:start + count]


SEED = _take("abusive", 0, 20) + _take("spam", 0, 20) + _take("civil", 0, 20)


@pytest.fixture(autouse=True)
def _fresh_cache():
    registry.forget_cached()
    yield
    registry.forget_cached()


def _retrain(db, heldout):
    return retraining.retrain(db.session, seed=SEED, seed_sha256="s" * 64, heldout=heldout,
                              policy=load_policy(db.session), scorer=NullScorer(), now=utcnow(), folds=2)


def test_a_candidate_better_than_the_current_model_is_accepted_and_learns_from_the_site(db, make, site_policy):
    site_policy()
    holds_nothing = registry.store(db.session, constant_artifact("holds nothing"), accepted=True, reason="test",
                                   seed_sha256="0" * 64, site_decisions=0, figures={})
    registry.activate(db.session, holds_nothing, "test")
    moderator, article = make.user("moderator"), make.article()
    for item in _take("spam", 20, 5):
        acts.mark_spam(moderator, make.comment(article, body=item.text, status="pending"))
    outcome = _retrain(db, heldout=_take("abusive", 30, 10) + _take("spam", 30, 10))
    assert outcome.accepted, outcome.message
    model = outcome.model
    assert model.state == ModelState.ACTIVE and load_policy(db.session).active_classifier_id == model.id
    assert model.site_decisions == 4  # five decisions, the most recent held back to judge on
    assert model.figures["site_recent"]["by_label"]["spam"]["count"] == 1
    assert model.figures["heldout"]["by_kind"]  # per kind, counts only
    assert holds_nothing.state == ModelState.RETIRED
    switch = db.session.query(ModerationAction).filter_by(verb=Verb.POLICY_CHANGE).one()
    assert switch.actor_id is None and f"model {model.id}" in switch.reason
    assert registry.active_classifier(db.session, load_policy(db.session)).version == model.version


def test_a_candidate_worse_than_the_current_model_is_refused_and_kept_with_the_reason(db, site_policy):
    site_policy()
    # The shipped model learned from the whole development set; on a slice of it, a model of 60 comments loses.
    outcome = _retrain(db, heldout=_take("abusive", 40, 15) + _take("spam", 40, 15) + _take("civil", 40, 15))
    assert not outcome.accepted, outcome.message
    assert outcome.model.state == ModelState.REFUSED
    assert outcome.model.state_reason.startswith("heldout: holds")
    assert load_policy(db.session).active_classifier_id is None
    assert db.session.query(ModerationAction).filter_by(verb=Verb.POLICY_CHANGE).count() == 0
    assert outcome.lines[-1].startswith("Refused:")


def test_the_most_recent_share_of_decisions_is_held_back():
    older, recent = retraining.split_recent(list(range(10)))
    assert older == list(range(8)) and recent == [8, 9]
    assert retraining.split_recent([]) == ([], [])
    assert retraining.split_recent([1]) == ([], [1])


def test_a_candidate_judged_against_a_model_replaced_meanwhile_is_not_switched_to(db, site_policy, monkeypatch):
    site_policy()
    holds_nothing, newer = (registry.store(db.session, constant_artifact(name), accepted=True, reason="test",
                                           seed_sha256="0" * 64, site_decisions=0, figures={})
                            for name in ("holds nothing", "switched to by another host"))
    registry.activate(db.session, holds_nothing, "test")
    judge = retraining._judge

    def judge_while_another_host_switches(session, *args):
        verdict = judge(session, *args)
        registry.activate(session, newer, "another host's retrain")
        return verdict

    monkeypatch.setattr(retraining, "_judge", judge_while_another_host_switches)
    outcome = _retrain(db, heldout=_take("abusive", 30, 10) + _take("spam", 30, 10))
    assert not outcome.accepted
    assert outcome.model.state_reason == "the active model changed while this retrain ran"
    assert load_policy(db.session).active_classifier_id == newer.id


def test_the_sites_decisions_weigh_so_as_to_keep_the_seed_sets_class_shares():
    """Decisions are nearly all abusive or spam: those weigh less (never under the floor), the civil ones fully."""
    from forum.moderation import candidates

    seed = _take("abusive", 0, 20) + _take("spam", 0, 20) + _take("civil", 0, 40)  # civil half
    decisions = _take("abusive", 20, 30) + _take("civil", 40, 10)
    weights = candidates.site_weights(seed, decisions)
    assert weights[-10:] == [1.0] * 10
    assert weights[:30] == [pytest.approx(max(candidates.MIN_SITE_WEIGHT, 0.25 * 20 / 30))] * 30
    balanced = _take("abusive", 20, 5) + _take("civil", 40, 10)
    assert candidates.site_weights(seed, balanced) == [1.0] * 15
