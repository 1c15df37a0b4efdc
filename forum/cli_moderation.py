"""Command-line moderation tools: flask --app wsgi moderation evaluate|train|retrain|worker."""
import os
import signal
import socket
import threading
from datetime import datetime, timezone
from pathlib import Path

import click
import sqlalchemy as sa
from flask.cli import AppGroup

from forum import visibility
from forum.extensions import db
from forum.models import RetrainOrigin, SitePolicy, load_policy
from forum.moderation import registry, retrain_jobs
from forum.moderation.classifier import ARTIFACT, LearnedClassifier
from forum.moderation.evaluation import FROZEN, SETS, evaluate, format_report, load_items, pipeline_judge
from forum.moderation.scorer import default_scorer

moderation_cli = AppGroup("moderation", help="Judge the moderation pipeline on the labelled sets; train its classifier.")


def _load_classifier(path: Path) -> LearnedClassifier:
    if not path.exists():
        raise click.ClickException(f"{path}: no trained classifier there; run `flask --app wsgi moderation train`.")
    classifier = LearnedClassifier(path)
    classifier.verdicts("warm-up")  # loading the artifact is not part of the per-comment time
    return classifier


def _site_classifier() -> LearnedClassifier:
    """The model the site scores with: the active one in the registry, or the shipped file (also on a
    database not yet set up: judging the labelled sets needs no site)."""
    try:
        stored = registry.current_artifact_bytes(db.session, load_policy(db.session))
    except (sa.exc.OperationalError, sa.exc.ProgrammingError):
        db.session.rollback()
        click.echo("(no site database here yet, so the shipped classifier is judged: run `flask db upgrade` to "
                   "judge the site's active model)")
        stored = None
    if stored is None:
        return _load_classifier(ARTIFACT)
    classifier = LearnedClassifier.from_bytes(stored, "the site's active model")
    classifier.verdicts("warm-up")
    return classifier


@moderation_cli.command("evaluate")
@click.option("--set", "which", type=click.Choice(["dev", *FROZEN, "both", "all"]), default="both",
              show_default=True, help="both: dev and heldout; all: every set.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N items of each set, for a quick check.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path),
              help="A classifier artifact to judge with [default: the site's active model, else the shipped "
                   f"{ARTIFACT.name}].")
@click.option("--misses", is_flag=True,
              help="Also list the development set's missed and wrongly held comments (never the held-out set's).")
@click.option("--folds", type=click.IntRange(min=2, max=10),
              help="With --set dev: judge out of fold, each fold with a classifier fitted on the others.")
@click.option("--by-writer", is_flag=True, help="With --set dev: out of fold, leaving one writer out in turn.")
def evaluate_command(which, limit, model_path, misses, folds, by_writer):
    """Decide every labelled comment as for a trusted reader under post-moderation and the default policy,
    and print the share held per label and kind, and the time per comment."""
    if misses and which != "dev":
        raise click.UsageError("--misses lists items, so it goes with --set dev only: the held-out set is "
                               "frozen (the confirmation set too) and only their aggregate figures may be read.")
    scorer = default_scorer()
    scorer.score("warm-up")
    if folds or by_writer:
        if which != "dev" or model_path:
            raise click.UsageError("--folds and --by-writer fit their own classifiers on the development set: "
                                   "they go with --set dev and without --model.")
        _evaluate_out_of_fold(load_items(SETS["dev"])[:limit], scorer, folds or 5, by_writer, misses)
        return
    classifier = _load_classifier(model_path) if model_path else _site_classifier()
    judge = pipeline_judge(SitePolicy.with_defaults(), scorer, classifier)
    for name in {"both": ["dev", "heldout"], "all": list(SETS)}.get(which, [which]):
        items = load_items(SETS[name])[:limit]
        report = evaluate(items, judge)
        click.echo(format_report(name, report))
        data = classifier.metadata.get("data", {})
        if data.get("file") == SETS[name].name or (name == "dev" and "seed_sha256" in data):  # a retrain's seed is dev
            click.echo(_in_sample_note(classifier.metadata))
        if misses:
            _echo_misses(report)
    click.echo(f"Classifier: {classifier.version} ({classifier.path})")


def _evaluate_out_of_fold(items, scorer, folds, by_writer, misses):
    from forum.moderation import cross_validation, training  # scikit-learn is loaded for this command only

    report, thresholds = cross_validation.out_of_fold(items, SitePolicy.with_defaults(), scorer, folds, by_writer)
    how = "one writer left out in turn" if by_writer else f"{folds} folds"
    click.echo(format_report(f"dev, out of fold ({how}; {training.CHOSEN})", report))
    click.echo("  thresholds chosen on the out-of-fold probabilities: "
               + ", ".join(f"{label} {value:.2f}" for label, value in thresholds.items()))
    click.echo("\n".join(cross_validation.by_writer_lines(report)))
    if misses:
        _echo_misses(report)


def _echo_misses(report) -> None:
    for item, decision in report.outcomes:
        held = not visibility.PUBLIC(decision)
        if held != (item.label != "civil"):
            why = f" ({'; '.join(decision.reasons)})" if held else ""
            click.echo(f"  {'HELD' if held else 'MISSED'} {item.id} {item.kind}{why}: {item.text}")


@moderation_cli.command("train")
@click.option("--compare", is_flag=True, help="First compare every candidate design by cross-validation.")
@click.option("--data", "data_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=SETS["dev"], show_default=True, help="The labelled set to train on.")
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), default=ARTIFACT, show_default=True)
def train_command(compare, data_path, output):
    """Fit the classifier on the development set (cross-validated thresholds) and write its artifact."""
    from forum.moderation import training  # scikit-learn is loaded for this command only

    if any(data_path.resolve() == SETS[name].resolve() for name in FROZEN):
        raise click.UsageError(f"--data: {data_path.name} is a frozen set; nothing may be trained or tuned on it.")
    items = load_items(data_path)
    scorer = default_scorer()
    rules_only = evaluate(items, pipeline_judge(SitePolicy.with_defaults(), scorer, None))
    held_by_rules = [not visibility.PUBLIC(decision) for _item, decision in rules_only.outcomes]
    if compare:
        click.echo("Designs compared (cross-validated on the training set; held = by the rules or the model):")
        for design, runs in training.compare(items, held_by_rules).items():
            for run, figures in runs.items():
                click.echo(f"  {design:<54} {run:<9} " + _figures_line(figures))
    _model, artifact = training.train(items, held_by_rules, data_path)
    training.write_artifact(artifact, output)
    metadata = artifact["metadata"]
    click.echo(f"Trained {metadata['design']} on {len(items)} comments; thresholds "
               + ", ".join(f"{label} {value:.2f}" for label, value in artifact["thresholds"].items()))
    for run, figures in metadata["cross_validation"].items():
        click.echo(f"  {run}: held abusive {figures['pipeline_held']['abusive']:.1%}, spam "
                   f"{figures['pipeline_held']['spam']:.1%}, civil {figures['pipeline_held']['civil']:.1%} "
                   f"(model alone: {figures['model_held']['abusive']:.1%}, {figures['model_held']['spam']:.1%}, "
                   f"{figures['model_held']['civil']:.1%}); single civil sentences held "
                   f"{figures['civil_sentences_held']:.1%}")
    unseen = metadata["thresholds chosen without the writer"]
    click.echo(f"  each writer at thresholds chosen on the others (leave-one-writer-out probabilities): held abusive "
               f"{unseen['abusive']:.1%}, spam {unseen['spam']:.1%}, civil {unseen['civil']:.1%}")
    click.echo(f"Wrote {output} ({output.stat().st_size:,} bytes).")


def _in_sample_note(metadata: dict) -> str:
    """Figures on the set the classifier learned from say little; its cross-validated ones say more."""
    run, figures = next(iter(metadata["cross_validation"].items()))  # "5-fold" first, as train() writes it
    held = figures["pipeline_held"]
    return (f"  (the classifier was trained on this set, so these figures are in-sample; cross-validated "
            f"({run}): held abusive {held['abusive']:.1%}, spam {held['spam']:.1%}, civil {held['civil']:.1%})")


def _figures_line(figures) -> str:
    held, alone = figures.pipeline_held, figures.model_held
    return (f"acc {figures.accuracy:.3f}  thresholds {figures.thresholds['abusive']:.2f}/{figures.thresholds['spam']:.2f}  "
            f"held abusive {held['abusive']:.1%} spam {held['spam']:.1%} civil {held['civil']:.1%}  "
            f"(model alone {alone['abusive']:.1%}/{alone['spam']:.1%}/{alone['civil']:.1%})  "
            f"worst {figures.worst_kind[0]} {figures.worst_kind[1]:.0%}  civil sentences {figures.civil_sentences_held:.1%}")


def _retrain_sets(folds: int) -> "retraining.Sets":
    from forum.moderation import retraining, training  # scikit-learn is loaded for these commands only

    return retraining.Sets(load_items(SETS["dev"]), training.data_hash(SETS["dev"]), load_items(SETS["heldout"]), folds)


def _now() -> datetime:
    return datetime.now(timezone.utc)


@moderation_cli.command("retrain")
@click.option("--folds", type=click.IntRange(min=2, max=10), default=5, show_default=True,
              help="Cross-validation folds for the thresholds (fewer is faster).")
def retrain_command(folds):
    """Refit the classifier on the seed set and the site's decisions, and switch to it if the gate lets it."""
    from forum.moderation import retraining

    sets = _retrain_sets(folds)
    retrain_jobs.request_retrain(db.session, RetrainOrigin.COMMAND, None, _now())
    db.session.commit()
    scorer = default_scorer()
    outcome = retraining.work_one(db.session, f"command-{os.getpid()}", sets, scorer, _now, say=click.echo)
    if outcome is None:
        raise click.ClickException("A worker took the retrain first; its outcome is on the admin page.")


@moderation_cli.command("worker")
@click.option("--burst", is_flag=True, help="Run the retrains waiting (and one the schedule owes), then stop.")
@click.option("--poll-seconds", type=click.IntRange(min=1), default=60, show_default=True)
@click.option("--folds", type=click.IntRange(min=2, max=10), default=5, show_default=True)
def worker_command(burst, poll_seconds, folds):
    """Run retrains as admins ask for them and as the policy's schedule owes them; run it beside the web processes."""
    from forum.moderation import retraining

    sets = _retrain_sets(folds)
    scorer = default_scorer()
    token = f"{socket.gethostname()[:20]}-{os.getpid()}"
    stop = threading.Event()
    if not burst and threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())  # the retrain under way finishes first
    while not stop.is_set():
        try:
            retrain_jobs.queue_if_due(db.session, load_policy(db.session), _now())
            db.session.commit()
            outcome = retraining.work_one(db.session, token, sets, scorer, _now, say=click.echo)
        except Exception as error:  # recorded on the request by work_one; the worker carries on
            db.session.rollback()
            click.echo(f"The retrain failed: {type(error).__name__}: {error}", err=True)
            outcome = True  # look again at once: more may wait
        finally:
            db.session.close()
        if outcome is None and burst:
            return
        if outcome is None:
            stop.wait(poll_seconds)
