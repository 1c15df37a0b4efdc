"""The model registry: the policy names the active model, and a worker switches when it changes."""
import pytest

from forum.models import CommentStatus, ModelState, SitePolicy
from forum.moderation import registry
from forum.moderation.classifier import default_classifier
from tests.conftest import recorded_sql
from tests.moderation.artifacts import constant_artifact


@pytest.fixture(autouse=True)
def _fresh_cache():
    registry.forget_cached()
    yield
    registry.forget_cached()


def store(db, artifact, accepted=True):
    return registry.store(db.session, artifact, accepted=accepted, reason="test", seed_sha256="0" * 64,
                          site_decisions=0, figures={})


def test_without_an_active_model_the_shipped_one_scores(db):
    assert registry.active_classifier(db.session, SitePolicy.with_defaults()) is default_classifier()


def test_a_worker_loads_the_model_the_policy_names_once_and_switches_when_it_changes(db, site_policy):
    first = store(db, constant_artifact("first"))
    second = store(db, constant_artifact("second", spam=10.0))
    registry.activate(db.session, first, "test")
    policy = site_policy()
    assert policy.active_classifier_id == first.id
    assert registry.active_classifier(db.session, policy).version == "first"
    with recorded_sql(db.session.connection()) as statements:
        again = registry.active_classifier(db.session, policy)
    assert again.version == "first" and statements == []  # cached by id: a post costs no query for it
    registry.activate(db.session, second, "test")  # as another host's retrain would
    assert registry.active_classifier(db.session, policy).version == "second"
    assert db.session.get(type(first), first.id).state == ModelState.RETIRED
    assert second.state == ModelState.ACTIVE


def test_posting_scores_with_the_active_model_and_the_shipped_one_after_a_rollback(db, make, site_policy):
    article = make.article()
    # Abusive rather than spam: a spam verdict holds only a comment with something to act on (pipeline._model_reasons).
    holds_all = store(db, constant_artifact("holds everything", abusive=10.0))
    registry.activate(db.session, holds_all, "test")
    site_policy()
    held = make.comment(article, body="A perfectly calm remark about the bridge repairs.")
    assert held.status == CommentStatus.PENDING
    assert any(reason.startswith("model: abusive") for reason in held.reasons)
    registry.activate(db.session, None, "rolled back")
    published = make.comment(article, body="Another calm remark about the bridge repairs, a day later.")
    assert published.status == CommentStatus.PUBLISHED


def test_a_refused_model_is_never_made_active(db):
    refused = store(db, constant_artifact("refused"), accepted=False)
    with pytest.raises(ValueError):
        registry.activate(db.session, refused, "test")


def test_the_app_scores_with_a_model_from_the_registry_without_scikit_learn(tmp_path):
    """A fresh interpreter: the app, a model stored in its database and scored with, and no scikit-learn loaded."""
    import subprocess
    import sys

    code = f"""
import sys
from flask_migrate import upgrade
from forum import create_app
from forum.extensions import db
from forum.models import load_policy
from forum.moderation import registry
from tests.moderation.artifacts import constant_artifact
app = create_app({{"SQLALCHEMY_DATABASE_URI": "sqlite:///{tmp_path}/registry.sqlite3"}})
with app.app_context():
    upgrade()
    model = registry.store(db.session, constant_artifact("stored", spam=10.0), accepted=True, reason="", seed_sha256="",
                           site_decisions=0, figures={{}})
    registry.activate(db.session, model, "")
    db.session.commit()
    print(registry.active_classifier(db.session, load_policy(db.session)).verdicts("hello")[0].label)
print(sorted(m for m in ("sklearn", "numpy", "scipy") if m in sys.modules))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["spam", "[]"]
