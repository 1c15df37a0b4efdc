"""The replay's sets (bench/replay.py): the seed set, and a stream of every comment once, as written, shuffled."""
import random

from bench.replay import SITE, sets, stream
from forum.moderation.evaluation import SETS, load_items
from forum.moderation.training import writer_of


def test_the_stream_posts_each_comment_once_as_written_and_shuffled():
    items = load_items(SITE)
    comments = stream(items, 2000, random.Random(13))
    assert len(comments) == min(2000, len(items))
    assert len({item.id for item in comments}) == len(comments) == len({item.text for item in comments})
    by_id = {item.id: item for item in items}
    assert all(by_id[item.id] == item for item in comments)  # neither reworded nor relabelled
    assert [item.id for item in comments] != [item.id for item in items[:len(comments)]]
    assert len(stream(items[:30], 2000, random.Random(13))) == 30  # fewer comments than asked: all of them


def test_the_site_starts_from_the_whole_development_set_and_its_readers_are_the_sites():
    seed, seed_path, comments = sets(None, 400, random.Random(13))
    assert seed == load_items(SETS["dev"]) and seed_path == SETS["dev"]
    assert len(comments) == 400 and all(item.id.startswith("s") and item.id[1].isdigit() for item in comments)
    assert not {item.text for item in comments} & {item.text for item in seed}


def test_the_earlier_design_seeds_on_one_writer_and_streams_the_others():
    seed, seed_path, comments = sets("da", 300, random.Random(13))
    assert seed_path is None and {writer_of(item) for item in seed} == {"da"}
    assert len(comments) == 300 and "da" not in {writer_of(item) for item in comments}


def test_the_prequential_figure_counts_each_comment_as_judged_when_it_was_posted_from_the_given_one_on():
    from bench.replay import prequential_after

    judged = [(1, "abusive", True), (2, "civil", False), (3, "spam", False), (4, "abusive", True), (5, "civil", True)]
    assert prequential_after(judged, 1) == {"harmful": 3, "missed": 2, "civil": 2, "civil_held": 1}
    assert prequential_after(judged, 3) == {"harmful": 2, "missed": 1, "civil": 1, "civil_held": 0}
