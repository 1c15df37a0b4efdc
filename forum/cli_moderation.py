"""Command-line moderation tools: flask --app wsgi moderation evaluate|train."""
from pathlib import Path

import click
from flask.cli import AppGroup

from forum import visibility
from forum.models import SitePolicy
from forum.moderation.classifier import ARTIFACT, LearnedClassifier
from forum.moderation.evaluation import SETS, evaluate, format_report, load_items, pipeline_judge
from forum.moderation.scorer import default_scorer

moderation_cli = AppGroup("moderation", help="Judge the moderation pipeline on the labelled sets; train its classifier.")


def _load_classifier(path: Path) -> LearnedClassifier:
    if not path.exists():
        raise click.ClickException(f"{path}: no trained classifier there; run `flask --app wsgi moderation train`.")
    classifier = LearnedClassifier(path)
    classifier.verdicts("warm-up")  # loading the artifact is not part of the per-comment time
    return classifier


@moderation_cli.command("evaluate")
@click.option("--set", "which", type=click.Choice(["dev", "heldout", "both"]), default="both", show_default=True)
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N items of each set, for a quick check.")
@click.option("--model", "model_path", type=click.Path(dir_okay=False, path_type=Path), default=ARTIFACT,
              show_default=True, help="The classifier artifact to judge with.")
@click.option("--misses", is_flag=True,
              help="Also list the development set's missed and wrongly held comments (never the held-out set's).")
def evaluate_command(which, limit, model_path, misses):
    """Decide every labelled comment as for a trusted reader under post-moderation and the default policy,
    and print the share held per label and kind, and the time per comment."""
    if misses and which != "dev":
        raise click.UsageError("--misses lists items, so it goes with --set dev only: the held-out set is "
                               "frozen and only its aggregate figures may be read.")
    scorer = default_scorer()
    scorer.score("warm-up")
    classifier = _load_classifier(model_path)
    judge = pipeline_judge(SitePolicy.with_defaults(), scorer, classifier)
    for name in (["dev", "heldout"] if which == "both" else [which]):
        items = load_items(SETS[name])[:limit]
        report = evaluate(items, judge)
        click.echo(format_report(name, report))
        if classifier.metadata.get("data", {}).get("file") == SETS[name].name:
            click.echo(_in_sample_note(classifier.metadata))
        if misses:
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

    if data_path.resolve() == SETS["heldout"].resolve():
        raise click.UsageError("--data: the held-out set is frozen; nothing may be trained or tuned on it.")
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
    click.echo(f"Wrote {output} ({output.stat().st_size:,} bytes).")


def _in_sample_note(metadata: dict) -> str:
    """Figures on the set the classifier learned from say little; its cross-validated ones say more."""
    held = metadata["cross_validation"]["5-fold"]["pipeline_held"]
    return (f"  (the classifier was trained on this set, so these figures are in-sample; cross-validated "
            f"(5-fold): held abusive {held['abusive']:.1%}, spam {held['spam']:.1%}, civil {held['civil']:.1%})")


def _figures_line(figures) -> str:
    held, alone = figures.pipeline_held, figures.model_held
    return (f"acc {figures.accuracy:.3f}  thresholds {figures.thresholds['abusive']:.2f}/{figures.thresholds['spam']:.2f}  "
            f"held abusive {held['abusive']:.1%} spam {held['spam']:.1%} civil {held['civil']:.1%}  "
            f"(model alone {alone['abusive']:.1%}/{alone['spam']:.1%}/{alone['civil']:.1%})  "
            f"worst {figures.worst_kind[0]} {figures.worst_kind[1]:.0%}  civil sentences {figures.civil_sentences_held:.1%}")
