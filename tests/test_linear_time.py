"""No comment can stall a worker (issue 11): posting one costs time linear in its length.

Each case the issue reported is posted here, at the size reported or at the longest a comment may
be, under a bound on CPU time that linear code meets many times over (10,000 characters take about
10 ms: `python -m bench.adversarial`) and that every one of the old quadratic or cubic patterns
exceeded. A hypothesis property then posts bodies of up to 10,000 characters built from repeated
fragments (bench.adversarial.FRAGMENTS: the word lists, leetspeak, separators, pieces of
addresses, "$@", look-alike letters, pitch phrases) through the whole posting path, under a
wall-clock bound that only a super-linear case could reach.
"""
import time

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from bench.adversarial import FRAGMENTS, LENGTH, repeated
from forum.actions import Refused
from forum.actions.comments import MAX_COMMENT_CHARS, post_comment
from forum.models import CommentStatus, SitePolicy
from forum.models.policy import POLICY_ID
from forum.moderation.pipeline import TOO_SLOW
from tests.conftest import cpu_seconds, skip_or_fail

CPU_BOUND_SECONDS = 0.25
WALL_BOUND_SECONDS = 2.0

# What the issue reported, and one case found while fixing it (the combining marks). Posted on the
# code before the fix, each took from 0.4 s (the pitch) to 2.8 s (the words) of CPU.
REPORTED = {
    "words: 800 ones, ' k', 800 ones": "1" * 800 + " k" + "1" * 800,
    "tokenizer and hash: '$@' x 5,000": "$@" * 5000,
    "addresses: 10,000 '-'": "-" * 10_000,
    "addresses and phone numbers: 10,000 digits": "1" * 10_000,
    "pitch: 'DM me ' repeated": ("DM me " * 1700)[:10_000],
    "folding: a letter and 9,999 combining marks": "a" + "\u0301" * 4999 + "\u0316" * 5000,
    # Found in review of the word-context reader: each opening mark searched to the end for its close.
    "word context: 10,000 opening quotation marks": "\u201c" * 10_000,
    "word context: ' x' repeated, single quotes that never close": (" 'x" * 3334)[:10_000],
    "word context: a listed word in every quoted sentence": ('I said "idiot". ' * 700)[:10_000],
    # Attack report 5: letters a space apart, words further apart, read as words by every rule.
    "spaced letters, words two spaces apart": ("f u c k  y o u  " * 625)[:10_000],
    "spaced letters, one space apart throughout": ("f u c k " * 1250)[:10_000],
    "single letters two spaces apart": ("a  b  " * 1667)[:10_000],
    "spaced letters closed by punctuation": ("k. " * 3334)[:10_000],
    "swearing at a thing in every sentence, for the score": ("Fuck cancer. Shit happens. " * 371)[:10_000],
    "a denied label in every sentence": ("We are not idiots. " * 527)[:10_000],
}


@pytest.fixture(scope="module")
def local_model():
    """The real scorer, loaded before anything is timed (a worker loads it once)."""
    try:
        from forum.moderation.scorer import default_scorer

        default_scorer().load()
    except ImportError:
        skip_or_fail("alt-profanity-check is not installed (pip install -r requirements.txt)")


@pytest.fixture
def posting(db, make, local_model):
    """A policy that never switches slow mode on (these tests post a lot, fast) and an article, with
    one comment posted already: what a process does once (compiling the word lists and statements)
    is not what is timed."""
    # The site's policy row if a test that commits for real left one, else a new one (rolled back with the test).
    policy = db.session.get(SitePolicy, POLICY_ID) or SitePolicy.with_defaults()
    policy.auto_slow_posts_per_minute = 0
    db.session.add(policy)
    db.session.flush()
    article = make.article()
    post_comment(make.user(), article, "A first comment, in plain words.", policy)
    return make, policy, article


def post(posting, body: str):
    """The comment posted, and the CPU and wall time it took; the CPU time with the collector held off, as for the
    other linear-time tests (conftest.cpu_seconds: a CI run read 0.54 s for a 0.05 s case)."""
    make, policy, article = posting
    author = make.user()
    posted = []
    started_wall = time.perf_counter()
    cpu = cpu_seconds(lambda: posted.append(post_comment(author, article, body, policy)))
    return posted[0], cpu, time.perf_counter() - started_wall


def test_the_limit_on_a_comment_is_the_length_tested_here():
    assert MAX_COMMENT_CHARS == LENGTH


@pytest.mark.parametrize("body", REPORTED.values(), ids=REPORTED.keys())
def test_each_reported_case_is_decided_in_bounded_time(posting, body):
    comment, cpu_seconds, _ = post(posting, body)
    assert cpu_seconds < CPU_BOUND_SECONDS
    assert comment.status in (CommentStatus.PUBLISHED, CommentStatus.PENDING, CommentStatus.REJECTED)
    assert TOO_SLOW not in comment.reasons  # every rule ran, within the budget


runs = st.tuples(st.sampled_from(FRAGMENTS), st.integers(min_value=1, max_value=LENGTH))
bodies = st.one_of(
    st.sampled_from(FRAGMENTS).map(repeated),  # one fragment, to the full length
    st.lists(runs, min_size=1, max_size=6).map(lambda runs: "".join(text * count for text, count in runs)[:LENGTH]),
)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(body=bodies)
@example(body=REPORTED["words: 800 ones, ' k', 800 ones"])  # the worst known, always tried
@example(body=REPORTED["tokenizer and hash: '$@' x 5,000"])
def test_any_body_up_to_the_limit_is_posted_and_decided_in_bounded_time(posting, body):
    assume(body.strip())
    try:
        comment, _, wall_seconds = post(posting, body)
    except Refused:  # nothing visible, or formatting past the cap: refused by a count before any checking
        return
    assert wall_seconds < WALL_BOUND_SECONDS, f"{wall_seconds:.2f} s for {body[:80]!r}…"
    assert TOO_SLOW not in comment.reasons


# Outside test, finding 4: previews of these cost up to a second at 10,000 characters. The sanitizer's tree
# walker looked each element up among its siblings on the way out of it, K² steps for K nested siblings.
MARKDOWN_SHAPES = ["*[a](b)", "[a", "![a", "**a", "*a", "- a\n\n", "> a\n\nb\n\n", "1. *a*\n"]


def rendering_work(source: str) -> int:
    """Python calls made rendering `source` as a comment, plus the sibling lists the sanitizer's tree walker
    copies (C-level steps a call count alone does not see)."""
    import cProfile
    import pstats

    from bleach._vendor.html5lib.treewalkers import etree as walker_module
    from forum.markup import Profile, render

    copied = []

    def counting_list(items):
        items = [*items]
        copied.append(len(items))
        return items

    walker_module.list = counting_list
    profile = cProfile.Profile()
    try:
        profile.enable()
        render(source, Profile.COMMENT)
        profile.disable()
    finally:
        del walker_module.list
    return pstats.Stats(profile).total_calls + sum(copied)


@pytest.mark.parametrize("shape", MARKDOWN_SHAPES)
def test_rendering_a_comment_costs_work_linear_in_its_length(shape):
    work = {size: rendering_work((shape * size)[:size]) for size in (1_250, 2_500, 5_000)}
    # Linear work doubles with the length (give or take the fixed part); K² work quadruples.
    assert work[2_500] < 2.3 * work[1_250] and work[5_000] < 2.3 * work[2_500], work
