"""Judge the moderation pipeline on a labelled set: the share of each label and kind it holds, and its speed.

A comment counts as held when decide() does not publish it (held for a moderator or rejected).
Every item is decided as it would be for a reader in good standing on a post-moderated article, so
only the rules, the profanity model and the classifier hold it, never the moderation mode.
Pure: the caller chooses the policy and the models; nothing is written.
"""
import json
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from forum import visibility
from forum.models import ModerationMode, Role, SitePolicy, User
from forum.moderation.classifier import Classifier
from forum.moderation.pipeline import Decision, decide
from forum.moderation.scorer import Scorer

DATA_DIR = Path(__file__).resolve().parent / "data"
# dev: tune and train on it freely. heldout: frozen; only aggregate figures may be read from it.
SETS = {"dev": DATA_DIR / "dev.jsonl", "heldout": DATA_DIR / "heldout.jsonl",
        "confirmation": DATA_DIR / "confirmation.jsonl", "confirmation2": DATA_DIR / "confirmation2.jsonl",
        "confirmation3": DATA_DIR / "confirmation3.jsonl", "confirmation4": DATA_DIR / "confirmation4.jsonl",
        "confirmation5": DATA_DIR / "confirmation5.jsonl"}
FROZEN = ("heldout", "confirmation", "confirmation2", "confirmation3", "confirmation4", "confirmation5")  # never trained, tuned or read item by item
LABELS = ("abusive", "spam", "civil")  # the order of every table


@dataclass(frozen=True)
class Item:
    id: str
    label: str
    kind: str
    text: str


@dataclass
class Tally:
    count: int = 0
    held: int = 0

    @property
    def share(self) -> float:
        return self.held / self.count if self.count else 0.0


@dataclass
class Report:
    by_label: dict[str, Tally] = field(default_factory=dict)
    by_kind: dict[tuple[str, str], Tally] = field(default_factory=dict)
    times_ms: list[float] = field(default_factory=list)
    # Each item with its decision, in the set's order; only ever shown for the development set.
    outcomes: list[tuple[Item, Decision]] = field(default_factory=list)

    def percentile_ms(self, q: float) -> float:
        """The nearest-rank percentile (0 < q ≤ 100) of the time decide() took per comment."""
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] if ordered else 0.0


def load_items(path: Path) -> list[Item]:
    """The items of a JSON Lines set ({"id", "label", "kind", "text"} per line)."""
    items = []
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("label") not in LABELS:
                raise ValueError(f"{path.name} line {number}: label {row.get('label')!r} is not one of {LABELS}")
            items.append(Item(row["id"], row["label"], row["kind"], row["text"]))
    return items


def reader_in_good_standing() -> User:
    """A reader long trusted (many comments published, none rejected), never saved."""
    return User(username="evaluation", role=Role.READER, published_count=100, rejected_count=0,
                review_all_comments=False)


def pipeline_judge(policy: SitePolicy, scorer: Scorer, classifier: Classifier | None) -> Callable[[str], Decision]:
    """decide() for a reader in good standing under post-moderation, with the given policy and models."""
    author = reader_in_good_standing()

    def judge(text: str) -> Decision:
        return decide(text, author, ModerationMode.POST.value, policy, scorer, classifier=classifier)

    return judge


def evaluate(items: Iterable[Item], judge: Callable[[str], Decision]) -> Report:
    """Decide every item, timing each decision, and count what was held by label and by kind."""
    report = Report({label: Tally() for label in LABELS})
    for item in items:
        started = time.perf_counter()
        decision = judge(item.text)
        report.times_ms.append(1000 * (time.perf_counter() - started))
        held = not visibility.PUBLIC(decision)
        for tally in (report.by_label[item.label], report.by_kind.setdefault((item.label, item.kind), Tally())):
            tally.count += 1
            tally.held += held
        report.outcomes.append((item, decision))
    return report


def merge(reports: Iterable[Report]) -> Report:
    """One report of several sets' decisions (the folds of a cross-validation), tallies added up."""
    merged = Report({label: Tally() for label in LABELS})
    for report in reports:
        for key, tally in [*report.by_label.items(), *report.by_kind.items()]:
            into = merged.by_label[key] if isinstance(key, str) else merged.by_kind.setdefault(key, Tally())
            into.count += tally.count
            into.held += tally.held
        merged.times_ms += report.times_ms
        merged.outcomes += report.outcomes
    return merged


def format_report(name: str, report: Report) -> str:
    """Per-label and per-kind tables, and the time per comment, as plain text."""
    lines = [f"{name}: {sum(t.count for t in report.by_label.values())} comments",
             f"  {'label':<34} {'held':>7} {'count':>6}"]
    lines += [f"  {label:<34} {tally.share:>7.1%} {tally.count:>6}" for label, tally in report.by_label.items()]
    lines.append(f"  {'kind':<34} {'held':>7} {'count':>6}")
    for label in LABELS:
        kinds = sorted((kind, tally) for (of, kind), tally in report.by_kind.items() if of == label)
        lines += [f"  {label + '/' + kind:<34} {tally.share:>7.1%} {tally.count:>6}" for kind, tally in kinds]
    lines.append(f"  pipeline time per comment: p50 {report.percentile_ms(50):.2f} ms, "
                 f"p99 {report.percentile_ms(99):.2f} ms, max {max(report.times_ms, default=0):.2f} ms")
    return "\n".join(lines)
