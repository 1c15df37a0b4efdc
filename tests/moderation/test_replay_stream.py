"""The replay's stream (bench/replay.py): every comment once, as written, in a shuffled order."""
import random

from bench.replay import SEED_WRITER, stream
from forum.moderation.evaluation import SETS, load_items
from forum.moderation.training import writer_of


def test_the_stream_posts_each_comment_once_as_written_and_shuffled():
    items = [item for item in load_items(SETS["dev"]) if writer_of(item) != SEED_WRITER]
    comments = stream(items, 2000, random.Random(13))
    assert len(comments) == min(2000, len(items))
    assert len({item.id for item in comments}) == len(comments) == len({item.text for item in comments})
    by_id = {item.id: item for item in items}
    assert all(by_id[item.id] == item for item in comments)  # neither reworded nor relabelled
    assert [item.id for item in comments] != [item.id for item in items[:len(comments)]]
    assert len(stream(items[:30], 2000, random.Random(13))) == 30  # fewer comments than asked: all of them
