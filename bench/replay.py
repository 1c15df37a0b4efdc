"""Replay a site learning from its moderators (issue 13): 2,000 comments in time order, retraining every 200.

    python -m bench.replay [--total 2000] [--every 200] [--folds 5] [--plot bench/replay.png] [--seed-writer da]

Everything goes through the site's own code, on a scratch SQLite database: comments are posted with
post_comment (the whole pipeline, scoring with the model the policy names), a simulated moderator
decides every comment the pipeline holds and every one readers report (approve / reject with a
reason / spam, the real actions, so the log holds the decisions), and every `--every` comments
retraining.retrain() refits on the seed set plus the site's decisions and its settled published comments
nobody reported (implicit approvals, less the doubtful ones: candidates.py) and switches only through the
gate (held-out set and the most recent decisions, compared paired: gate.py), as the product does.

The site starts as a real one would: with the shipped classifier, fitted on the whole development set
(the seed set, also what every retrain learns from besides the site; if the shipped file was fitted on
another version of dev.jsonl, per its metadata's sha256, training.train fits one). Its readers are
communities the model never read: forum/moderation/data/site.jsonl (s1 US small-town readers, s2 British,
Irish and Australian, s3 the English of India, Nigeria, Kenya, the Philippines and others, s4 gamers, crypto
and tech people, second-language writers; 500 each), shuffled, each comment once and as written. Their
writers let @names recur and the same trolls and spammers come back in other words, as on a real site:
that is what learning from the site's moderators can use. The held-out set is only used by the gate, for
its aggregate figures. `--seed-writer da`: the earlier design, a model fitted on one development writer and
the other writers' comments as the stream.

What is printed: each window's share of abusive and spam comments published at once (missed) and of civil
held, each comment as the model in force when it was posted judged it (prequential: no comment is judged by a
model that learned from it). A window holds only about 120 abusive and spam comments, so "before" is also given
as the starting model on the whole stream, had it never been replaced. "After" is given three ways, all honest:
prequential over the last window and over the last LAST_COMMENTS comments, and the final model on the comments
posted after the retrain that fitted it (which it never read), beside the starting model on the same comments.
(An earlier version gave the final model on the last 1,000 comments, most of which it had learned from.)
Beside the product, the same stream is also counted with a memory of the moderator's rejections
(bench/rejected_memory.py): a comment repeating most of a rejected one would have been held for review.

The last run (defaults, 2026-12-06, starting from the model shipped at that session's start, thresholds 0.85 and
0.29, before the session's rules and refit; retrains with thresholds within the seed set's civil budget on one-writer-out
folds and site examples at weight 3; about 38 minutes; bench/replay.png): the shipped model on the whole stream
let 11.8 % (142/1,200) of the abusive and spam comments through (first window 12.6 %), holding 2.2 % of the civil
ones. Prequentially the site did no better: 12.9 % missed over the whole stream, 11.8 % (69/585) over the last
1,000 comments, where the shipped model misses 11.1 % (65/585), and 13.8 % in the last window; the final model
on the 200 comments it never read 13.8 % against the shipped model's 12.9 %. Civil held 2.1 % prequentially.
Not the issue's half. Five of nine retrains were accepted; of the four refused, three held fewer of the held-out
set's (or the recent decisions') abusive and spam comments (their abusive thresholds 0.87-0.89 against 0.85),
and one more of the held-out set's civil comments (abusive 0.80). The memory of rejected comments matched
nothing. bench/replay_ceiling.py says why: a model fitted on the development set and half the stream with every
true label still misses about 10 % of the other half at the shipped model's civil held (the shipped model
11.8 %): the abuse the model misses here is new in its words, not a repeat of what moderators saw.

The plot (matplotlib, a benchmark dependency, never imported by the app) shows, per window of
`--every` comments, the share of abusive and spam comments published at once (missed) and the share
of civil comments held; vertical lines mark retrains (solid: accepted, dotted: refused).
"""
import argparse
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from forum import create_app, visibility
from forum.actions import moderation as acts
from forum.actions.comments import post_comment
from forum.extensions import db
from forum.models import Article, ArticleStatus, Role, SitePolicy, User, load_policy
from forum.models.policy import POLICY_ID
from forum.moderation import candidates, registry, retraining, training
from bench.rejected_memory import RejectedMemory
from forum.moderation.classifier import LearnedClassifier, default_classifier, encode_artifact
from forum.moderation.evaluation import DATA_DIR, SETS, Item, evaluate, load_items, pipeline_judge
from forum.moderation.scorer import default_scorer

SITE = DATA_DIR / "site.jsonl"
LAST_COMMENTS = 1000  # the "after" rate is also taken on this many of the stream's last comments
REPORT_SHARE = 0.5  # of the abusive and spam comments published, the share some reader reports
CIVIL_REPORT_SHARE = 0.02  # of civil comments published, the share reported anyway (the moderator keeps them up)
MINUTES_BETWEEN_COMMENTS = 20  # 2,000 comments over four weeks


def _reason_for(kind: str) -> str:
    if "threat" in kind:
        return "Threat or incitement"
    if "dehuman" in kind or "identity" in kind or "hate" in kind:
        return "Hate or dehumanising language"
    return "Personal attack on another reader"


def stream(items: list[Item], total: int, rng: random.Random) -> list[Item]:
    """The first `total` of the items, each once, in a shuffled order (fewer if there are fewer)."""
    comments = list(items)
    rng.shuffle(comments)
    return comments[:total]


def _site(now: datetime):
    """Staff, readers, an article and a post-moderated policy."""
    moderator = User(username="moderator", email="mod@example.org", role=Role.MODERATOR, password_hash="!")
    readers = [User(username=f"reader{n}", email=f"r{n}@example.org", role=Role.READER, password_hash="!")
               for n in range(40)]
    article = Article(title="Replay", slug="replay", body_source="A text.", body_html="<p>A text.</p>",
                      author=moderator, status=ArticleStatus.PUBLISHED, published_at=now)
    db.session.add_all([moderator, *readers, article])
    policy = SitePolicy.with_defaults()
    policy.id, policy.auto_slow_posts_per_minute, policy.auto_slow_flags_per_minute = POLICY_ID, 0, 0
    db.session.add(policy)
    db.session.flush()
    return moderator, readers, article


def starting_artifact(seed: list[Item], seed_path: Path | None, scorer, folds: int) -> tuple[dict | None, str]:
    """The model the site starts with (None: the shipped file, as a new site runs it), and how it came to be.

    On the whole development set (seed_path given): the shipped artifact when its metadata says it was fitted
    on that very file (sha256), else a fit by the same code (training.train, a few minutes). On one writer's
    comments (seed_path None): fitted as a retrain fits."""
    if seed_path is not None:
        shipped = default_classifier()
        shipped.load()
        if shipped.metadata.get("data", {}).get("sha256") == training.data_hash(seed_path):
            return None, "the shipped model, fitted on this development set"
    rules = evaluate(seed, pipeline_judge(SitePolicy.with_defaults(), scorer, None))
    held_by_rules = [not visibility.PUBLIC(d) for _i, d in rules.outcomes]
    if seed_path is not None:
        _model, artifact = training.train(seed, held_by_rules, seed_path)
        how = "fitted on the development set by training.train (the shipped file was fitted on another version)"
    else:
        artifact = candidates.fit_candidate(seed, [], held_by_rules, {"data": {"seed_items": len(seed)}}, folds=folds)
        how = "fitted on one writer's comments"
    artifact["version"] = "seed-only"
    return artifact, how


def _moderate(moderator: User, comment, item: Item) -> None:
    if item.label == "civil":
        acts.approve(moderator, comment)
    elif item.label == "spam":
        acts.mark_spam(moderator, comment)
    else:
        acts.reject(moderator, comment, _reason_for(item.kind))


def sets(seed_writer: str | None, total: int, rng: random.Random) -> tuple[list[Item], Path | None, list[Item]]:
    """(seed set, its file or None, the stream): the development set and the site's comments shuffled, or, with
    `seed_writer`, that writer's development comments and the other writers' shuffled."""
    dev = load_items(SETS["dev"])
    if seed_writer is None:
        return dev, SETS["dev"], stream(load_items(SITE), total, rng)
    seed = [item for item in dev if training.writer_of(item) == seed_writer]
    return seed, None, stream([item for item in dev if training.writer_of(item) != seed_writer], total, rng)


def replay(total: int, every: int, folds: int, rng: random.Random, seed_writer: str | None = None,
           say=print) -> dict:
    seed, seed_path, comments = sets(seed_writer, total, rng)
    heldout = load_items(SETS["heldout"])
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    moderator, readers, article = _site(now)
    scorer = default_scorer()
    artifact, how = starting_artifact(seed, seed_path, scorer, folds)
    if artifact is None:
        start = default_classifier()  # no model in the registry: the site scores with the shipped file
    else:
        start = LearnedClassifier.from_bytes(encode_artifact(artifact), "seed-only")
        row = registry.store(db.session, artifact, accepted=True, reason="the replay's starting model",
                             seed_sha256="-", site_decisions=0, figures={})
        registry.activate(db.session, row, "the replay's starting model")
    db.session.commit()
    seed_sha256 = training.data_hash(seed_path) if seed_path is not None else "-"
    say(f"Seed set: {len(seed)} comments; starting model: {how}. Stream: {len(comments)} comments.")
    if len(comments) < total:
        say(f"Only {len(comments)} comments to replay (asked for {total}): replaying those.")
    windows, retrains, prequential = [], [], []  # prequential: (number, label, published when posted) per comment
    # Measured beside the product, not part of it: a memory of the comments the moderator rejected (memory.py). A
    # comment published that matches one rejected before it would have been held for review.
    memory, with_memory = RejectedMemory(), []
    window = _empty_window()
    for number, item in enumerate(comments, start=1):
        now += timedelta(minutes=MINUTES_BETWEEN_COMMENTS)
        policy = load_policy(db.session)
        comment = post_comment(rng.choice(readers), article, item.text, policy, now=now)
        published = visibility.PUBLIC(comment)
        prequential.append((number, item.label, published))
        with_memory.append((number, item.label, published and not memory.matches(item.text)))
        if item.label == "civil":
            window["civil"] += 1
            window["civil_held"] += not published
        else:
            window["harmful"] += 1
            window["missed"] += published
        decided = visibility.HELD(comment)  # the queue is worked
        if not decided and published:  # or a reader reports it, and it is decided
            decided = rng.random() < (CIVIL_REPORT_SHARE if item.label == "civil" else REPORT_SHARE)
        if decided:
            _moderate(moderator, comment, item)
            if item.label != "civil":
                memory.remember(item.text)
        db.session.commit()
        if number % every == 0 or number == len(comments):
            windows.append(window)
            say(f"comments {number - every + 1}–{number}: {_rate(window)}")
            window = _empty_window()
            if number < len(comments):
                started = time.perf_counter()
                outcome = retraining.retrain(db.session, seed=seed, seed_sha256=seed_sha256, heldout=heldout,
                                             policy=load_policy(db.session), scorer=scorer, now=now, folds=folds)
                db.session.commit()
                retrains.append({"after": number, "accepted": outcome.accepted, "lines": outcome.lines,
                                 "reason": outcome.model.state_reason, "figures": outcome.model.figures})
                say(f"  retrain after {number} ({time.perf_counter() - started:.0f} s): " + " | ".join(outcome.lines))
    policy = load_policy(db.session)
    final = registry.active_classifier(db.session, policy)
    # The starting model had it never been replaced, on the whole stream: the "before" rate on all of it rather
    # than on the first window's hundred or so abusive and spam comments.
    whole = tally(evaluate(comments, pipeline_judge(policy, scorer, start)))
    # Never learned from: the comments posted after the retrain that fitted the final model (the whole stream if
    # the starting model was never replaced). Any earlier comment may be among what it learned from (decided, or
    # settled and unreported), which flatters it; these it cannot have read. Both models on them, paired.
    accepted = [retrain["after"] for retrain in retrains if retrain["accepted"]]
    unseen = comments[accepted[-1] if accepted else 0:]
    return {"windows": windows, "retrains": retrains, "every": every, "starting_model_on_the_stream": whole,
            "prequential": prequential, "with_memory": with_memory, "learned_up_to": accepted[-1] if accepted else 0,
            "final_model_on_the_unseen": tally(evaluate(unseen, pipeline_judge(policy, scorer, final))),
            "starting_model_on_the_unseen": tally(evaluate(unseen, pipeline_judge(policy, scorer, start))),
            "final_model": getattr(final, "version", "shipped"), "starting_model": how}


def prequential_after(prequential: list[tuple[int, str, bool]], first: int) -> dict:
    """The window counts of the comments numbered `first` and later, each as the model in force when it was posted
    judged it (prequential: no comment judged by a model that learned from it)."""
    counts = _empty_window()
    for number, label, published in prequential:
        if number >= first:
            if label == "civil":
                counts["civil"] += 1
                counts["civil_held"] += not published
            else:
                counts["harmful"] += 1
                counts["missed"] += published
    return counts


def tally(report) -> dict:
    """A report's counts as a window's: abusive and spam together, and civil."""
    harmful = [t for label, t in report.by_label.items() if label != "civil"]
    return {"harmful": sum(t.count for t in harmful), "missed": sum(t.count - t.held for t in harmful),
            "civil": report.by_label["civil"].count, "civil_held": report.by_label["civil"].held}


def _empty_window() -> dict:
    return {"harmful": 0, "missed": 0, "civil": 0, "civil_held": 0}


def miss_rate(window: dict) -> float:
    return window["missed"] / max(window["harmful"], 1)


def plot(result: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    every = result["every"]
    ends = [every * (n + 1) for n in range(len(result["windows"]))]
    missed = [100 * miss_rate(w) for w in result["windows"]]
    civil = [100 * w["civil_held"] / max(w["civil"], 1) for w in result["windows"]]
    figure, axes = plt.subplots(figsize=(9, 4.8), dpi=110)
    axes.plot(ends, missed, marker="o", label="abusive/spam published (missed), by the model in force")
    axes.plot(ends, civil, marker="s", label="civil held")
    for retrain in result["retrains"]:
        axes.axvline(retrain["after"], color="green" if retrain["accepted"] else "red",
                     linestyle="-" if retrain["accepted"] else ":", alpha=0.4, linewidth=1)
    axes.set_xlabel(f"comments posted (each point: the {every} before it); lines: retrains, "
                    "green accepted, red dotted refused")
    axes.set_ylabel("% of that label in the window")
    axes.set_title("Replay: a site learning from its moderators' decisions (prequential: each comment judged "
                   "when posted)", fontsize=10)
    axes.set_ylim(bottom=0)
    axes.grid(alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, metadata={"Software": None})  # no version stamp: the same run gives the same file
    plt.close(figure)


def _rate(counts: dict) -> str:
    """Abusive and spam published (missed), and civil held, as counts and shares."""
    return (f"abusive/spam published {counts['missed']}/{counts['harmful']} ({miss_rate(counts):.1%}), civil held "
            f"{counts['civil_held']}/{counts['civil']} ({counts['civil_held'] / max(counts['civil'], 1):.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--total", type=int, default=2000)
    parser.add_argument("--every", type=int, default=200)
    parser.add_argument("--folds", type=int, default=training.FOLDS,
                        help="cross-validation folds for each retrain (the product's default)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--seed-writer", default=None,
                        help="the earlier design: seed on this development writer (e.g. da) and stream the others")
    parser.add_argument("--plot", type=Path, default=Path(__file__).resolve().parent / "replay.png")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{scratch}/replay.sqlite3",
                          "RATELIMIT_ENABLED": False})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade()
            result = replay(arguments.total, arguments.every, arguments.folds, random.Random(arguments.seed),
                            arguments.seed_writer)
            db.session.remove()
            db.engine.dispose()
    plot(result, arguments.plot)
    windows, retrains = result["windows"], result["retrains"]
    first, last = windows[0], windows[-1]
    whole = result["starting_model_on_the_stream"]
    late = prequential_after(result["prequential"], len(result["prequential"]) - LAST_COMMENTS + 1)
    memory_late = prequential_after(result["with_memory"], len(result["prequential"]) - LAST_COMMENTS + 1)
    print(f"Beside the product, prequential with a memory of the moderator's rejections: whole stream "
          f"{_rate(prequential_after(result['with_memory'], 1))}; the last {LAST_COMMENTS} comments {_rate(memory_late)}.")
    unseen, unseen_start = result["final_model_on_the_unseen"], result["starting_model_on_the_unseen"]
    print(f"\nBefore the first retrain ({result['starting_model']}): first window {_rate(first)}; "
          f"the starting model on the whole stream {_rate(whole)}.")
    print("After the last retrain, prequential (each comment judged by the model in force when it was posted): "
          f"last window {_rate(last)}; the last {LAST_COMMENTS} comments {_rate(late)}.")
    print(f"Never learned from ({result['final_model']}, on the {unseen['harmful'] + unseen['civil']} comments "
          f"posted after comment {result['learned_up_to']}): {_rate(unseen)}; the starting model on the same "
          f"{_rate(unseen_start)}.")
    before = miss_rate(whole)
    for name, after in ((f"prequential, last {LAST_COMMENTS}", miss_rate(late)), ("prequential, last window",
                        miss_rate(last)), ("final model, never learned from", miss_rate(unseen))):
        print(f"Target (miss rate after the last retrain at most half the starting model's on the stream, "
              f"{before:.1%}): {name} {after:.1%}: {'met' if after <= before / 2 else 'NOT met'}.")
    refused = [r for r in retrains if not r["accepted"]]
    print(f"Retrains: {len(retrains)}, accepted {len(retrains) - len(refused)}, refused {len(refused)}.")
    for retrain in retrains:
        print(f"  after comment {retrain['after']}: {retrain['lines'][0]}; "
              f"{'accepted' if retrain['accepted'] else 'REFUSED: ' + retrain['reason']}")
    print(f"Plot: {arguments.plot}")


if __name__ == "__main__":
    main()
