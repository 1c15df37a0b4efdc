"""The `flask moderation` commands: evaluate on the labelled sets, and train the classifier."""
import gzip
import json
import re

import pytest

from forum.moderation.classifier import LearnedClassifier
from forum.moderation.evaluation import SETS


@pytest.fixture
def run(app):
    runner = app.test_cli_runner()

    def invoke(*args):
        with app.app_context():
            return runner.invoke(args=list(args))

    return invoke


def test_evaluate_prints_per_label_and_per_kind_tables_with_times(run):
    result = run("moderation", "evaluate", "--set", "dev", "--limit", "30")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "dev: 30 comments"
    for label in ("abusive", "spam", "civil"):
        assert re.search(rf"^  {label} +\d+\.\d% +\d+$", result.output, re.M), label
    assert re.search(r"^  civil/civil_\w+ +\d+\.\d% +\d+$", result.output, re.M)
    assert "pipeline time per comment: p50" in result.output and "p99" in result.output
    assert "trained on this set, so these figures are in-sample" in result.output


def test_evaluate_out_of_fold_fits_a_classifier_per_fold_and_prints_the_same_tables(run):
    result = run("moderation", "evaluate", "--set", "dev", "--folds", "2", "--limit", "120")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("dev, out of fold (2 folds; words+chars")
    assert result.output.splitlines()[0].endswith(": 120 comments")
    for label in ("abusive", "spam", "civil"):
        assert re.search(rf"^  {label} +\d+\.\d% +\d+$", result.output, re.M), label
    assert re.search(r"thresholds chosen on the out-of-fold probabilities: abusive 0\.\d\d, spam 0\.\d\d", result.output)
    assert re.search(r"^  da +\d+\.\d% of", result.output, re.M)
    assert "in-sample" not in result.output


def test_evaluate_judges_the_shipped_classifier_where_no_site_database_is_set_up(tmp_path):
    from forum import create_app

    bare = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path}/empty.sqlite3", "TESTING": True})
    with bare.app_context():
        result = bare.test_cli_runner().invoke(args=["moderation", "evaluate", "--set", "dev", "--limit", "5"])
    assert result.exit_code == 0, result.output
    assert "no site database here yet, so the shipped classifier is judged" in result.output
    assert "dev: 5 comments" in result.output


@pytest.mark.parametrize("args", [["--set", "heldout", "--folds", "5"], ["--set", "both", "--by-writer"],
                                  ["--set", "dev", "--folds", "5", "--model", "x.json.gz"]])
def test_out_of_fold_is_for_the_development_set_alone(run, args):
    result = run("moderation", "evaluate", *args)
    assert result.exit_code == 2
    assert "go with --set dev and without --model" in result.output


@pytest.mark.parametrize("frozen", ["heldout", "confirmation", "confirmation2", "confirmation3", "confirmation4",
                                    "confirmation5"])
def test_a_frozen_set_never_lists_items(run, frozen):
    result = run("moderation", "evaluate", "--set", frozen, "--misses", "--limit", "1")
    assert result.exit_code == 2
    assert "held-out set is frozen" in result.output


@pytest.mark.parametrize("frozen", ["heldout", "confirmation"])
def test_nothing_is_trained_on_a_frozen_set(run, tmp_path, frozen):
    result = run("moderation", "train", "--data", str(SETS[frozen]), "--output", str(tmp_path / "m.json.gz"))
    assert result.exit_code == 2
    assert "is a frozen set" in result.output
    assert not (tmp_path / "m.json.gz").exists()


def test_train_writes_a_loadable_artifact_and_does_so_again_byte_for_byte(run, tmp_path):
    """A small slice of the development set, from both writers, so the cross-validation stays quick."""
    lines = SETS["dev"].read_text(encoding="utf-8").splitlines()
    data = tmp_path / "small.jsonl"
    data.write_text("\n".join(lines[:60] + lines[500:560]) + "\n", encoding="utf-8")
    first, second = tmp_path / "first.json.gz", tmp_path / "second.json.gz"
    result = run("moderation", "train", "--data", str(data), "--output", str(first))
    assert result.exit_code == 0, result.output
    assert "Trained words+chars" in result.output and f"Wrote {first}" in result.output
    assert re.search(r"each writer at thresholds chosen on the others .*civil \d+\.\d%", result.output)
    assert run("moderation", "train", "--data", str(data), "--output", str(second)).exit_code == 0
    assert first.read_bytes() == second.read_bytes()

    artifact = json.loads(gzip.decompress(first.read_bytes()))
    assert artifact["metadata"]["data"]["items"] == 120 and artifact["metadata"]["data"]["file"] == "small.jsonl"
    classifier = LearnedClassifier(first)
    assert set(classifier.probabilities("Some words.")) == {"abusive", "spam", "civil"}

    evaluated = run("moderation", "evaluate", "--set", "dev", "--limit", "5", "--model", str(first))
    assert evaluated.exit_code == 0 and "dev: 5 comments" in evaluated.output


def test_evaluate_says_when_there_is_no_model(run, tmp_path):
    result = run("moderation", "evaluate", "--set", "dev", "--limit", "1", "--model", str(tmp_path / "none.json.gz"))
    assert result.exit_code == 1
    assert "no trained classifier there" in result.output


def test_the_retrain_worker_runs_what_waits_and_stops_in_burst_mode(run, app, monkeypatch):
    """A request queued by an admin is claimed and run by `moderation worker --burst` (small sets: quick)."""
    pytest.importorskip("sklearn")
    import sqlalchemy as sa

    from forum import cli_moderation
    from forum.extensions import db
    from forum.models import RetrainOrigin, RetrainOutcome, RetrainRequest
    from forum.models.base import utcnow
    from forum.moderation import registry, retrain_jobs, retraining
    from forum.moderation.evaluation import load_items

    dev = load_items(SETS["dev"])
    small = [item for label in ("abusive", "spam", "civil") for item in dev if item.label == label][::25]
    monkeypatch.setattr(cli_moderation, "_retrain_sets", lambda folds: retraining.Sets(small, "s" * 64, small[:12], 2))
    with app.app_context():
        request_id = retrain_jobs.request_retrain(db.session, RetrainOrigin.ADMIN, None, utcnow()).id
        db.session.commit()
    try:
        result = run("moderation", "worker", "--burst")
        assert result.exit_code == 0, result.output
        assert f"Retrain {request_id}:" in result.output and ("Accepted:" in result.output or "Refused:" in result.output)
        with app.app_context():
            done = db.session.get(RetrainRequest, request_id)
            assert done.outcome in (RetrainOutcome.ACCEPTED, RetrainOutcome.REFUSED) and done.model_id is not None
    finally:
        with app.app_context():  # this test committed: leave the database as the others expect it
            db.session.execute(sa.delete(RetrainRequest))
            db.session.execute(sa.update(registry.SitePolicy).values(active_classifier_id=None))
            db.session.execute(sa.delete(registry.ClassifierModel))
            db.session.execute(sa.text("DELETE FROM moderation_actions WHERE actor_id IS NULL AND reason LIKE 'changed: classifier%'"))
            db.session.commit()
        registry.forget_cached()
