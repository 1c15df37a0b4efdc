"""Retrain the learned classifier on the seed set plus the site's decisions, and switch only through the gate.

Imports scikit-learn (through training.py): only commands and the retrain worker use this module,
never a web worker. The steps:
1. the site's decisions become examples (examples.py); the most recent RECENT_SHARE of them are
   held back from training, to judge the candidate on what the site decided lately;
2. the candidate is fitted on the seed set, the older decisions and the site's settled published comments
   nobody reported (as civil, at a lower weight: candidates.py), its thresholds chosen out of fold;
3. the candidate and the current model are judged by the whole pipeline on the held-out set
   (aggregate figures only) and on the held-back decisions, and the gate (gate.py) decides;
4. the candidate is stored either way: accepted, it becomes active (and the switch is logged as a
   policy change made by the system); refused, it is kept with the reason.
"""
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from forum import visibility
from forum.models import ClassifierModel, ModelState, RetrainOutcome, SitePolicy, Verb, load_policy
from forum.models.policy import POLICY_ID
from forum.moderation import candidates, examples as site, gate, log, registry, retrain_jobs as jobs, training
from forum.moderation.classifier import Classifier, LearnedClassifier, encode_artifact
from forum.moderation.evaluation import Item, Report, evaluate, pipeline_judge
from forum.moderation.scorer import Scorer

# The newest share of the site's decisions kept out of training to judge the candidate on: large enough to
# hold a few dozen comments on a site with a few hundred decisions, small enough to leave most to learn from.
RECENT_SHARE = 0.2
# A published comment counts as the site's ordinary civil comment once readers have had this long to report
# it (most reports come within a day of posting), and at most this many of the newest are learned from: enough
# to outnumber a few thousand decisions' worth of the site's voice, few enough to keep a retrain to minutes.
SETTLED_AFTER = timedelta(days=2)
PUBLISHED_LIMIT = 3000


@dataclass
class Outcome:
    accepted: bool
    model: ClassifierModel
    lines: list[str] = field(default_factory=list)  # what was done and why, for the command and the admin page

    @property
    def message(self) -> str:
        return "\n".join(self.lines)


def split_recent(decisions: list[site.Example], share: float = RECENT_SHARE) -> tuple[list, list]:
    """(older, recent): the most recent `share` of the decisions (at least one, if any) held back."""
    recent = math.ceil(len(decisions) * share) if decisions else 0
    return decisions[:len(decisions) - recent], decisions[len(decisions) - recent:]


def as_items(decisions: list[site.Example]) -> list[Item]:
    return [Item(f"site-{decision.comment_id}", decision.label, "site decision", decision.text)
            for decision in decisions]


def set_figures(report: Report, with_kinds: bool) -> dict:
    """A report's counts, by label (and kind), as the registry keeps them; no item is named."""
    figures = {"by_label": {label: {"count": tally.count, "held": tally.held}
                            for label, tally in report.by_label.items()}}
    if with_kinds:
        figures["by_kind"] = {f"{label}/{kind}": {"count": tally.count, "held": tally.held}
                              for (label, kind), tally in sorted(report.by_kind.items())}
    return figures


def judged(classifier: Classifier, policy: SitePolicy, scorer: Scorer, heldout: list[Item],
           recent: list[Item]) -> dict[str, Report]:
    judge = pipeline_judge(policy, scorer, classifier)
    reports = {"heldout": evaluate(heldout, judge)}
    if recent:
        reports["site_recent"] = evaluate(recent, judge)
    return reports


def paired_counts(ours: Report, theirs: Report) -> dict:
    """Of the same comments judged by two models: how many of each group only one of them held (counts only)."""
    counts = {group: {"only_candidate": 0, "only_current": 0} for group in ("harmful", "civil")}
    for (item, decision), (_same, their_decision) in zip(ours.outcomes, theirs.outcomes, strict=True):
        held, held_before = not visibility.PUBLIC(decision), not visibility.PUBLIC(their_decision)
        if held != held_before:
            group = counts["civil" if item.label == "civil" else "harmful"]
            group["only_candidate" if held else "only_current"] += 1
    return counts


def retrain(session, *, seed: list[Item], seed_sha256: str, heldout: list[Item], policy: SitePolicy,
            scorer: Scorer, now: datetime, folds: int = training.FOLDS,
            say: Callable[[str], None] = lambda line: None) -> Outcome:
    """Fit, judge and store a candidate; activate it if the gate lets it through. Flushes, never commits."""
    judged_against = policy.active_classifier_id
    older, recent = split_recent(site.site_examples(session))
    published = site.published_examples(session, now - SETTLED_AFTER, PUBLISHED_LIMIT)
    say(f"Site decisions: {len(older) + len(recent)} ({len(older)} to learn from, {len(recent)} most recent held back "
        f"to judge on); published comments nobody reported: {len(published)}; seed set: {len(seed)} comments.")
    artifact = _fit(seed, seed_sha256, as_items(older), as_items(published), policy, scorer, now, folds)
    verdict, figures = _judge(session, artifact, policy, scorer, heldout, as_items(recent))
    reason = "; ".join(verdict.reasons) if verdict.reasons else "not worse than the current model on any set"
    model = registry.store(session, artifact, accepted=verdict.accepted, reason=reason, seed_sha256=seed_sha256,
                           site_decisions=len(older), figures=figures)
    lines = [f"Candidate {artifact['version']} (model {model.id}), thresholds "
             + ", ".join(f"{label} {value:.2f}" for label, value in artifact["thresholds"].items())]
    lines += [f"  {line}" for line in verdict.summary]
    if verdict.accepted and not _still_current(session, judged_against):
        model.state, model.state_reason = ModelState.REFUSED, "the active model changed while this retrain ran"
    if model.state != ModelState.REFUSED:
        registry.activate(session, model, reason)
        log.record(None, Verb.POLICY_CHANGE, details={"changed": {"active_classifier_id": model.id}},
                   reason=f"changed: classifier, to model {model.id} ({artifact['version']}) after a retrain")
        lines.append(f"Accepted: {reason}; the site now scores with model {model.id}.")
    else:
        lines.append(f"Refused: {model.state_reason}; the site keeps {figures['baseline_version']}.")
    for line in lines:
        say(line)
    return Outcome(model.state != ModelState.REFUSED, model, lines)


def _fit(seed: list[Item], seed_sha256: str, decisions: list[Item], published: list[Item], policy: SitePolicy,
         scorer: Scorer, now: datetime, folds: int) -> dict:
    """The candidate's artifact: fitted on the seed set, the site's older decisions and its settled published
    comments, its thresholds chosen on all of them out of fold."""
    items = seed + decisions + published
    rules_only = evaluate(items, pipeline_judge(policy, scorer, None))
    held_by_rules = [not visibility.PUBLIC(decision) for _item, decision in rules_only.outcomes]
    artifact = candidates.fit_candidate(seed, decisions, held_by_rules, {
        "trained_on": now.isoformat(timespec="seconds"),
        "data": {"seed_sha256": seed_sha256, "seed_items": len(seed), "site_decisions": len(decisions),
                 "site_published": len(published)},
    }, folds=folds, published=published)
    artifact["version"] = f"retrained-{now:%Y%m%d-%H%M%S}"
    return artifact


def _judge(session, artifact: dict, policy: SitePolicy, scorer: Scorer, heldout: list[Item],
           recent: list[Item]) -> tuple[gate.Verdict, dict]:
    """The gate's verdict on the candidate against the current model, and the figures the registry keeps."""
    candidate = LearnedClassifier.from_bytes(encode_artifact(artifact), artifact["version"])
    current = registry.active_classifier(session, policy)
    their_reports = judged(current, policy, scorer, heldout, recent)
    our_reports = judged(candidate, policy, scorer, heldout, recent)
    theirs = {name: set_figures(report, with_kinds=name == "heldout") for name, report in their_reports.items()}
    ours = {name: {**set_figures(report, with_kinds=name == "heldout"),
                   "paired": paired_counts(report, their_reports[name])} for name, report in our_reports.items()}
    # The chain's reference is handed from model to model; a chain starts from the model it first replaced.
    current_row = registry.current(session, policy)
    reference = (current_row.figures.get("reference") if current_row is not None else None) or theirs["heldout"]
    figures = {**ours, "thresholds": artifact["thresholds"], "baseline": theirs, "reference": reference,
               "baseline_version": getattr(current, "version", "shipped")}
    return gate.judge(ours, theirs, {"heldout": reference}), figures


def _still_current(session, judged_against: int | None) -> bool:
    """Whether the model the candidate was judged against is still active (another host's retrain may have
    switched meanwhile; a candidate never replaces a model it was not judged against). The row lock orders
    two retrains finishing at once."""
    locked = session.get(SitePolicy, POLICY_ID, with_for_update=True, populate_existing=True)
    return (locked.active_classifier_id if locked is not None else None) == judged_against


@dataclass(frozen=True)
class Sets:
    """What a retrain learns from and is judged on besides the site's decisions."""

    seed: list[Item]
    seed_sha256: str
    heldout: list[Item]
    folds: int = training.FOLDS


def work_one(session, token: str, sets: Sets, scorer: Scorer, clock: Callable[[], datetime],
             say: Callable[[str], None] = lambda line: None) -> Outcome | None:
    """Claim the oldest waiting retrain and run it, committing its outcome; None when none waits.

    A failure is recorded on the request (outcome failed, with the error) and raised again."""
    request_id = jobs.claim(session, token, clock())
    session.commit()  # the lease is taken before the minutes of work, so no other worker starts it
    if request_id is None:
        return None
    say(f"Retrain {request_id}:")
    try:
        policy = load_policy(session)
        outcome = retrain(session, seed=sets.seed, seed_sha256=sets.seed_sha256, heldout=sets.heldout,
                          policy=policy, scorer=scorer, now=clock(), folds=sets.folds, say=say)
        jobs.finish(session, request_id, token, RetrainOutcome.ACCEPTED if outcome.accepted else RetrainOutcome.REFUSED,
                    outcome.message, clock(), outcome.model.id)
        session.commit()
        return outcome
    except Exception as error:
        session.rollback()
        jobs.finish(session, request_id, token, RetrainOutcome.FAILED, f"{type(error).__name__}: {error}", clock())
        session.commit()
        raise
