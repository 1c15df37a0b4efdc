"""The admin's classifier page: the current model, the retrains, Retrain now and Roll back."""
import pytest

from forum.models import ModelState, ModerationAction, RetrainOrigin, RetrainRequest, Verb, load_policy
from forum.models.base import utcnow
from forum.moderation import registry, retrain_jobs
from tests.conftest import csrf_token, recorded_sql
from tests.moderation.artifacts import constant_artifact

PAGE = "/admin/classifier"


@pytest.fixture
def browser(own_sessions):
    return own_sessions


@pytest.fixture(autouse=True)
def _fresh_cache():
    registry.forget_cached()
    yield
    registry.forget_cached()


def _retrain(db, accepted: bool, version: str):
    """A finished retrain and its model, as the worker leaves them."""
    now = utcnow()
    request = retrain_jobs.request_retrain(db.session, RetrainOrigin.SCHEDULE, None, now)
    retrain_jobs.claim(db.session, "test", now)
    model = registry.store(db.session, constant_artifact(version), accepted=accepted,
                           reason="ok" if accepted else "heldout: holds more civil comments", seed_sha256="a" * 64,
                           site_decisions=3, figures={"heldout": {"by_label": {"civil": {"count": 10, "held": 1}}}})
    if accepted:
        registry.activate(db.session, model, "test")
    retrain_jobs.finish(db.session, request.id, "test",
                        "accepted" if accepted else "refused", f"{version}: done", now, model.id)
    return model


@pytest.mark.parametrize("role", ["reader", "moderator"])
def test_only_admins_see_the_page(browser, auth, role):
    auth.login_as(role)
    assert browser.get(PAGE).status_code == 403
    assert browser.post("/admin/classifier/retrain").status_code in (400, 403)


def test_the_page_shows_the_current_model_and_the_retrains_at_a_fixed_cost(db, browser, auth):
    auth.login_as("admin")
    costs = []
    for total in (2, 25):
        while db.session.query(RetrainRequest).count() < total:
            n = db.session.query(RetrainRequest).count()
            _retrain(db, accepted=n % 2 == 0, version=f"v{n}")
        db.session.flush()
        with recorded_sql(db.session.connection()) as statements:
            response = browser.get(PAGE)
        assert response.status_code == 200
        costs.append(len(statements))
    text = response.get_data(as_text=True)
    current = load_policy(db.session).active_classifier_id
    assert f"Model {current}" in text and "Roll back to this" in text and "heldout: holds more civil" not in text
    assert "Older retrains" in text  # 25 retrains: a second page
    assert costs[0] == costs[1]


def test_retrain_now_queues_a_request(db, browser, auth):
    admin = auth.login_as("admin")
    response = browser.post("/admin/classifier/retrain", data={"csrf_token": csrf_token(browser, PAGE)})
    assert response.status_code == 302
    [queued] = db.session.query(RetrainRequest).all()
    assert queued.origin == RetrainOrigin.ADMIN and queued.requested_by_id == admin.id and queued.finished_at is None


def test_roll_back_to_an_earlier_model_and_to_the_shipped_one_is_logged(db, browser, auth):
    admin = auth.login_as("admin")
    earlier = _retrain(db, accepted=True, version="earlier")
    later = _retrain(db, accepted=True, version="later")
    refused = _retrain(db, accepted=False, version="refused")
    token = csrf_token(browser, PAGE)
    assert browser.post("/admin/classifier/rollback", data={"csrf_token": token, "model_id": refused.id}).status_code == 303
    assert load_policy(db.session).active_classifier_id == later.id  # a refused model is never rolled back to
    assert browser.post("/admin/classifier/rollback", data={"csrf_token": token, "model_id": earlier.id}).status_code == 302
    db.session.expire_all()
    assert load_policy(db.session).active_classifier_id == earlier.id
    assert db.session.get(type(later), later.id).state == ModelState.RETIRED
    assert browser.post("/admin/classifier/rollback", data={"csrf_token": token, "model_id": ""}).status_code == 302
    db.session.expire_all()
    assert load_policy(db.session).active_classifier_id is None
    logged = db.session.query(ModerationAction).filter_by(verb=Verb.POLICY_CHANGE, actor_id=admin.id) \
        .order_by(ModerationAction.id).all()
    assert [row.reason for row in logged] == [f"changed: classifier, rolled back to model {earlier.id} (earlier)",
                                              "changed: classifier, rolled back to the shipped model"]


def test_a_rollback_without_the_form_token_changes_nothing(db, browser, auth):
    auth.login_as("admin")
    earlier = _retrain(db, accepted=True, version="earlier")
    later = _retrain(db, accepted=True, version="later")
    browser.post("/admin/classifier/rollback", data={"model_id": earlier.id})
    db.session.expire_all()
    assert load_policy(db.session).active_classifier_id == later.id


def test_the_schedule_is_saved_and_a_bad_number_is_refused(db, browser, auth):
    auth.login_as("admin")
    token = csrf_token(browser, PAGE)
    browser.post("/admin/classifier/schedule", data={"csrf_token": token, "every_days": "7"})
    db.session.expire_all()
    assert load_policy(db.session).retrain_every_days == 7
    response = browser.post("/admin/classifier/schedule", data={"csrf_token": token, "every_days": "0"})
    assert response.status_code == 400 and "Number must be between 1 and 365" in response.get_data(as_text=True)
    db.session.expire_all()
    assert load_policy(db.session).retrain_every_days == 7


@pytest.mark.parametrize("typed,says", [
    ("abc", "digits 0 to 9"), ("1.5", "digits 0 to 9"), ("-1", "digits 0 to 9"), ("366", "between 1 and 365"),
    ("99999999999999999999999", "between 1 and 365"),
    ("\uff17", "digits 0 to 9"), ("\u0661\u0662", "digits 0 to 9"),  # full-width 7, Arabic-Indic 12: int() reads both
])
def test_a_refused_schedule_comes_back_with_what_was_typed_and_why(db, browser, auth, typed, says):
    """A 400 with the page, the message by the field and the text kept, not a redirect (outsider review F5)."""
    auth.login_as("admin")
    response = browser.post("/admin/classifier/schedule", data={"csrf_token": csrf_token(browser, PAGE),
                                                                "every_days": typed})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and says in html
    assert f'value="{typed}"' in html
    db.session.expire_all()
    assert load_policy(db.session).retrain_every_days is None
