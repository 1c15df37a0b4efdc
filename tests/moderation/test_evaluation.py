"""Judging the pipeline on a labelled set: tallies by label and kind, times, and the reader it decides for."""
import json

import pytest

from forum.models import CommentStatus, SitePolicy
from forum.moderation.classifier import NullClassifier
from forum.moderation.evaluation import (
    Item, evaluate, format_report, load_items, merge, pipeline_judge, reader_in_good_standing,
)
from forum.moderation.pipeline import Decision, is_trusted
from forum.moderation.scorer import NullScorer

TINY = [
    Item("t-1", "abusive", "severe_toxicity", "Just kill yourself."),
    Item("t-2", "abusive", "insult_reader", "HOLD this one."),
    Item("t-3", "abusive", "insult_reader", "Let this one through."),
    Item("t-4", "spam", "contact_offsite", "HOLD: call +1 555 010 2030"),
    Item("t-5", "civil", "civil_sarcasm", "Oh good, another communiqué."),
    Item("t-6", "civil", "civil_filter_trap", "HOLD the Scunthorpe bridge."),
]


def holds_capitals(text: str) -> Decision:
    """A stand-in pipeline: holds exactly the texts that start with HOLD."""
    return Decision(CommentStatus.PENDING, ["capitals"]) if text.startswith("HOLD") else Decision(CommentStatus.PUBLISHED)


def test_each_label_and_kind_is_tallied_by_what_was_held():
    report = evaluate(TINY, holds_capitals)
    assert [(label, t.held, t.count) for label, t in report.by_label.items()] == [
        ("abusive", 1, 3), ("spam", 1, 1), ("civil", 1, 2)]
    assert report.by_kind[("abusive", "insult_reader")].share == 0.5
    assert report.by_kind[("abusive", "severe_toxicity")].share == 0.0
    assert report.by_kind[("civil", "civil_filter_trap")].share == 1.0
    assert len(report.times_ms) == len(TINY) and [item for item, _ in report.outcomes] == TINY


def test_the_reports_of_folds_add_up_to_the_report_of_the_whole():
    whole, first, second = (evaluate(items, holds_capitals) for items in (TINY, TINY[:2], TINY[2:]))
    merged = merge([first, second])
    assert merged.by_label == whole.by_label and merged.by_kind == whole.by_kind
    assert [item for item, _ in merged.outcomes] == TINY and len(merged.times_ms) == len(TINY)


def test_percentiles_are_nearest_rank():
    report = evaluate(TINY, holds_capitals)
    report.times_ms = [float(n) for n in range(1, 101)]
    assert report.percentile_ms(50) == 50.0
    assert report.percentile_ms(99) == 99.0
    assert report.percentile_ms(100) == 100.0


def test_the_report_has_a_row_per_label_and_kind_and_the_times():
    text = format_report("tiny", evaluate(TINY, holds_capitals))
    assert text.startswith("tiny: 6 comments")
    assert "abusive/insult_reader" in text and "50.0%" in text
    assert "civil/civil_filter_trap" in text and "100.0%" in text
    assert "p50" in text and "p99" in text


def test_the_real_pipeline_decides_for_a_trusted_reader_under_post_moderation():
    """Only the rules hold: a trusted reader's civil comment is published even on a site that pre-moderates new readers."""
    policy = SitePolicy.with_defaults()
    policy.moderation_mode = "pre_new_users"
    assert is_trusted(reader_in_good_standing(), policy)
    report = evaluate(TINY, pipeline_judge(policy, NullScorer(), NullClassifier()))
    decisions = {item.id: decision for item, decision in report.outcomes}
    assert decisions["t-1"].status == CommentStatus.REJECTED  # a banned phrase in the default lists
    assert decisions["t-4"].status == CommentStatus.PENDING and "phone number" in decisions["t-4"].reasons
    assert decisions["t-5"].status == CommentStatus.PUBLISHED


def test_a_set_is_read_from_json_lines_and_an_unknown_label_is_named(tmp_path):
    path = tmp_path / "set.jsonl"
    rows = [{"id": "x-1", "label": "civil", "kind": "civil_offtopic", "text": "Nice weather."},
            {"id": "x-2", "label": "rude", "kind": "?", "text": "…"}]
    path.write_text("\n".join(json.dumps(row) for row in rows[:1]) + "\n\n")
    assert load_items(path) == [Item("x-1", "civil", "civil_offtopic", "Nice weather.")]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    with pytest.raises(ValueError, match="line 2: label 'rude'"):
        load_items(path)
