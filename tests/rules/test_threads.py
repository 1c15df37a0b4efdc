"""Thread pages: the depth-3 display rule, tombstones, sort orders, keyset pages, stances, own unpublished comments."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.actions.comments import delete_comment, toggle_reaction
from forum.actions.visibility import set_status
from forum.models import Comment, CommentStatus, ReactionKind, load_policy
from forum.models.base import utcnow
from forum.ranking import Sort, wilson_lower_bound
from forum.threads import (
    MAX_NESTED_DEPTH, TOP_LEVEL_PER_PAGE, count_published_since, cursor_before, load_thread_page, load_user_comments,
)
from tests.conftest import recorded_sql

STANCES = ["Yes", "No", "It depends"]


@pytest.fixture
def many_posts(site_policy):
    """Tests that post dozens of comments in a second are not about automatic slow mode."""
    site_policy(auto_slow_posts_per_minute=0)


def page_of(db, article, viewer=None, sort=Sort.OLDEST, **options):
    return load_thread_page(db.session, article, viewer, sort, **options)


def root_ids(page) -> list[int]:
    return [node.comment.id for node in page.roots]


def find(nodes, comment):
    """The node showing `comment` anywhere in `nodes`, or None."""
    for node in nodes:
        if node.comment.id == comment.id:
            return node
        found = find(node.children, comment)
        if found is not None:
            return found
    return None


# The depth-3 display rule

def test_replies_nest_to_depth_three_and_deeper_ones_are_listed_flat_under_it(make, db):
    article = make.article()
    # Published as such, not through the pipeline: this is about nesting, and a comment the pipeline held
    # (it did, in two loaded CI runs this session, for a reason not yet found) would take no replies.
    ada, bao, chidi = make.user(username="ada"), make.user(username="bao"), make.user(username="chidi")
    top = make.comment(article, author=ada, status="published")
    d1 = make.comment(article, author=bao, parent=top, status="published")
    d2 = make.comment(article, author=chidi, parent=d1, status="published")
    d3 = make.comment(article, author=ada, parent=d2, status="published")
    d4 = make.comment(article, author=bao, parent=d3, status="published")
    d5 = make.comment(article, author=chidi, parent=d4, status="published")
    d4_again = make.comment(article, author=chidi, parent=d3, status="published")

    [root] = page_of(db, article).roots
    assert root.comment.id == top.id
    assert [n.comment.id for n in root.children] == [d1.id]
    node_d1 = root.children[0]
    assert [n.comment.id for n in node_d1.children] == [d2.id]
    node_d2 = node_d1.children[0]
    assert [n.comment.id for n in node_d2.children] == [d3.id]
    node_d3 = node_d2.children[0]
    assert node_d3.comment.depth == MAX_NESTED_DEPTH == 3
    # Depth 4 and 5 sit side by side in the depth-3 comment's list, oldest first, each naming whom it answers.
    assert [(n.comment.id, n.comment.depth, n.replying_to) for n in node_d3.children] == [
        (d4.id, 4, "ada"), (d5.id, 5, "bao"), (d4_again.id, 4, "ada"),
    ]
    assert all(not n.children for n in node_d3.children)
    assert all(n.replying_to is None for n in (root, node_d1, node_d2, node_d3))


def test_a_flat_reply_to_a_removed_comment_says_so(make, db):
    article = make.article()
    top = make.comment(article)
    d3 = make.comment(article, parent=make.comment(article, parent=make.comment(article, parent=top)))
    d4 = make.comment(article, parent=d3)
    d5 = make.comment(article, parent=d4)
    delete_comment(d4.author, d4)

    node_d3 = find(page_of(db, article).roots, d3)
    assert [(n.comment.id, n.replying_to) for n in node_d3.children] == [(d5.id, "a removed comment")]


# Deleted comments: tombstones while replies live, gone otherwise

def test_a_deleted_comment_with_replies_stays_as_a_tombstone(make, db):
    article = make.article()
    top = make.comment(article)
    reply = make.comment(article, parent=top)
    answer = make.comment(article, parent=reply)
    delete_comment(top.author, top)
    delete_comment(reply.author, reply)

    [root] = page_of(db, article).roots
    assert (root.comment.id, root.tombstone) == (top.id, True)
    assert (root.children[0].comment.id, root.children[0].tombstone) == (reply.id, True)
    assert (root.children[0].children[0].comment.id, root.children[0].children[0].tombstone) == (answer.id, False)


def test_a_deleted_comment_without_replies_vanishes(make, db):
    article = make.article()
    kept = make.comment(article)
    gone = make.comment(article)
    reply = make.comment(article, parent=kept)
    delete_comment(gone.author, gone)
    delete_comment(reply.author, reply)

    page = page_of(db, article, viewer=gone.author)
    assert root_ids(page) == [kept.id]
    assert page.roots[0].children == []


def test_a_tombstone_goes_when_its_last_reply_goes(make, db):
    article = make.article()
    top = make.comment(article)
    reply = make.comment(article, parent=top)
    delete_comment(top.author, top)
    assert page_of(db, article).roots[0].tombstone
    delete_comment(reply.author, reply)
    assert page_of(db, article).roots == []


# Sort orders

def test_best_ranks_by_the_wilson_lower_bound_not_by_raw_counts(make, db):
    article = make.article()
    popular = make.comment(article)  # 10 up, 1 down
    lucky = make.comment(article)  # 1 up, 0 down
    unrated = make.comment(article)
    policy = load_policy(db.session)
    voters = [make.user() for _ in range(11)]
    for voter in voters[:10]:
        toggle_reaction(voter, popular, ReactionKind.UP, policy)
    toggle_reaction(voters[10], popular, ReactionKind.DOWN, policy)
    toggle_reaction(voters[0], lucky, ReactionKind.UP, policy)

    scores = dict(db.session.execute(sa.select(Comment.id, Comment.score).where(Comment.article_id == article.id)).all())
    assert scores[popular.id] == pytest.approx(wilson_lower_bound(10, 1))
    assert scores[lucky.id] == pytest.approx(wilson_lower_bound(1, 0))
    assert root_ids(page_of(db, article, sort=Sort.BEST)) == [popular.id, lucky.id, unrated.id]

    # The viewer's own reactions come with the page.
    assert page_of(db, article, viewer=voters[0], sort=Sort.BEST).reactions == {
        popular.id: ReactionKind.UP, lucky.id: ReactionKind.UP,
    }
    assert page_of(db, article, viewer=voters[10], sort=Sort.BEST).reactions == {popular.id: ReactionKind.DOWN}


def test_oldest_newest_and_most_replies(make, db):
    article = make.article()
    first, second, third = (make.comment(article) for _ in range(3))
    start = utcnow() - timedelta(hours=1)
    for minutes, comment in enumerate([first, second, third]):
        comment.created_at = start + timedelta(minutes=minutes)
    db.session.flush()
    make.comment(article, parent=second)
    make.comment(article, parent=make.comment(article, parent=second))
    make.comment(article, parent=third)

    assert root_ids(page_of(db, article, sort=Sort.OLDEST)) == [first.id, second.id, third.id]
    assert root_ids(page_of(db, article, sort=Sort.NEWEST)) == [third.id, second.id, first.id]
    assert root_ids(page_of(db, article, sort=Sort.REPLIES)) == [second.id, third.id, first.id]


@pytest.mark.parametrize("sort", list(Sort))
def test_replies_are_oldest_first_whatever_the_sort(make, db, sort):
    article = make.article()
    top = make.comment(article)
    replies = [make.comment(article, parent=top) for _ in range(3)]
    start = utcnow() - timedelta(hours=1)
    for minutes, reply in zip((30, 10, 20), replies):
        reply.created_at = start + timedelta(minutes=minutes)
    db.session.flush()
    toggle_reaction(make.user(), replies[0], ReactionKind.UP, load_policy(db.session))

    [root] = page_of(db, article, sort=sort).roots
    assert [n.comment.id for n in root.children] == [replies[1].id, replies[2].id, replies[0].id]


# Keyset pages

_SORT_KEY = {
    Sort.OLDEST: (lambda c: (c.created_at, c.id), False),
    Sort.NEWEST: (lambda c: (c.created_at, c.id), True),
    Sort.BEST: (lambda c: (c.score, c.id), True),
    Sort.REPLIES: (lambda c: (c.reply_count, c.id), True),
}


@pytest.fixture
def hundred_twenty_top_level(make, db, many_posts):
    """120 top-level comments whose times, scores and reply counts tie in small groups."""
    article = make.article()
    authors = [make.user() for _ in range(4)]
    # Published outright: this is about paging, and the pipeline (a CPU budget under load) may hold one.
    comments = [make.comment(article, author=authors[i % 4], status="published") for i in range(120)]
    start = utcnow() - timedelta(days=1)
    for i, comment in enumerate(comments):
        comment.created_at = start + timedelta(seconds=i // 3)  # ties: the id decides
        comment.score = wilson_lower_bound(i % 6, i % 4)
        comment.reply_count = i % 5
    db.session.flush()
    return article, comments


def walk(db, article, sort, viewer=None, **options) -> tuple[list[int], list[int]]:
    """Every top-level comment id, page after page, and the size of each page."""
    seen, sizes, cursor = [], [], None
    while True:
        page = page_of(db, article, viewer=viewer, sort=sort, cursor=cursor, **options)
        seen += root_ids(page)
        sizes.append(len(page.roots))
        cursor = page.next_cursor
        if cursor is None:
            return seen, sizes
        assert len(sizes) < 10, "the pages never end"


def test_pages_of_fifty_cover_every_comment_once_in_each_order(hundred_twenty_top_level, db):
    article, comments = hundred_twenty_top_level
    assert TOP_LEVEL_PER_PAGE == 50
    for sort, (key, descending) in _SORT_KEY.items():
        expected = [c.id for c in sorted(comments, key=key, reverse=descending)]
        seen, sizes = walk(db, article, sort)
        assert sizes == [50, 50, 20], sort
        assert seen == expected, sort  # no duplicates, no gaps, in the sort's order


def test_a_page_starting_at_a_comment_holds_it(hundred_twenty_top_level, db):
    article, comments = hundred_twenty_top_level
    oldest_first = sorted(comments, key=lambda c: (c.created_at, c.id))
    on_page_three = oldest_first[110]
    page = page_of(db, article, sort=Sort.OLDEST, cursor=cursor_before(on_page_three))
    assert root_ids(page)[0] == on_page_three.id
    assert root_ids(page) == [c.id for c in oldest_first[110:]]


def test_a_page_starting_at_a_root_holds_its_replies(make, db, many_posts):
    article = make.article()
    authors = [make.user() for _ in range(3)]
    roots = [make.comment(article, author=authors[i % 3]) for i in range(60)]
    reply = make.comment(article, author=authors[0], parent=make.comment(article, author=authors[1], parent=roots[55]))
    page = page_of(db, article, sort=Sort.OLDEST, cursor=cursor_before(roots[55]))
    assert root_ids(page) == [r.id for r in roots[55:]]
    assert find(page.roots, reply) is not None


def test_a_page_costs_the_same_few_queries_whatever_its_size(make, db, many_posts):
    article = make.article()
    viewer, author = make.user(), make.user()
    roots = [make.comment(article, author=author) for _ in range(12)]
    for root in roots[:6]:
        make.comment(article, author=author, parent=make.comment(article, author=author, parent=root))
    toggle_reaction(viewer, roots[0], ReactionKind.UP, load_policy(db.session))
    db.session.flush()
    with recorded_sql(db.session.connection()) as small:
        page_of(db, article, viewer=viewer, sort=Sort.BEST, per_page=5)
    with recorded_sql(db.session.connection()) as large:
        page_of(db, article, viewer=viewer, sort=Sort.BEST, per_page=12)
    # Top-level comments, the featured ones, all replies by root, the viewer's reactions.
    assert len(small) == len(large) <= 4, "\n".join(small)


def test_ones_own_deleted_comments_take_no_place_on_a_page(make, db, many_posts):
    article = make.article()
    reader, other = make.user(), make.user()
    comments = [make.comment(article, author=reader if i % 2 else other) for i in range(10)]
    for mine in comments[1::2]:
        delete_comment(reader, mine)
    others = [c.id for c in comments[0::2]]

    seen, sizes = walk(db, article, Sort.OLDEST, viewer=reader, per_page=2)
    assert (seen, sizes) == (others, [2, 2, 1])


# Stances

def test_filtering_by_stance_keeps_only_top_level_comments_taking_it(make, db, many_posts):
    article = make.article(question="Will it work?", stances=STANCES)
    yes = [make.comment(article, stance_key="yes") for _ in range(3)]
    no = make.comment(article, stance_key="no")
    make.comment(article)
    reply = make.comment(article, parent=yes[0])
    stance = {s.key: s for s in article.stances}

    page = page_of(db, article, stance=stance["yes"])
    assert root_ids(page) == [c.id for c in yes]
    assert find(page.roots, reply) is not None
    assert root_ids(page_of(db, article, stance=stance["no"])) == [no.id]
    assert page_of(db, article, stance=stance["it-depends"]).roots == []
    seen, sizes = walk(db, article, Sort.NEWEST, stance=stance["yes"], per_page=2)
    assert (seen, sizes) == ([c.id for c in reversed(yes)], [2, 1])


# Comments that are not published

@pytest.mark.parametrize("status", [CommentStatus.PENDING, CommentStatus.REJECTED])
def test_authors_see_their_own_unpublished_comments_and_nobody_else_does(make, db, status):
    article = make.article()
    author, other = make.user(), make.user()
    mine = make.comment(article, author=author)
    top = make.comment(article)
    my_reply = make.comment(article, author=author, parent=top)
    set_status(mine, status)
    set_status(my_reply, status)

    own_view = page_of(db, article, viewer=author)
    assert root_ids(own_view) == [mine.id, top.id]
    assert find(own_view.roots, mine).comment.status == status
    assert find(own_view.roots, my_reply).comment.status == status
    for viewer in (other, None):
        view = page_of(db, article, viewer=viewer)
        assert root_ids(view) == [top.id]
        assert find(view.roots, my_reply) is None
    # Moderators see them too, where their permalinks lead (issue 12: the thread and can() agree).
    moderators_view = page_of(db, article, viewer=make.user(role="moderator"))
    assert root_ids(moderators_view) == [mine.id, top.id]
    assert find(moderators_view.roots, my_reply) is not None


@pytest.mark.parametrize("status", [CommentStatus.PENDING, CommentStatus.REJECTED])
def test_the_profile_lists_unpublished_comments_to_their_author_only(make, db, status):
    article = make.article()
    author = make.user()
    published = make.comment(article, author=author)
    held = make.comment(article, author=author)
    deleted = make.comment(article, author=author)
    set_status(held, status)
    delete_comment(author, deleted)
    for comment, minutes in ((published, 2), (held, 1), (deleted, 0)):
        comment.created_at = utcnow() - timedelta(minutes=minutes)
    db.session.flush()

    own = load_user_comments(db.session, author, author, None)
    assert [(c.id, c.status) for c in own.items] == [(held.id, status), (published.id, CommentStatus.PUBLISHED)]
    for viewer in (make.user(), None):
        assert [c.id for c in load_user_comments(db.session, author, viewer, None).items] == [published.id]


# "New comments" since a moment

def test_count_published_since(make, db):
    article, elsewhere = make.article(), make.article()
    before = utcnow() - timedelta(seconds=1)
    first = make.comment(article)
    make.comment(article, parent=first)
    held = make.comment(article)
    set_status(held, CommentStatus.PENDING)
    make.comment(elsewhere)

    assert count_published_since(db.session, article, before) == 2
    assert count_published_since(db.session, article, utcnow()) == 0
    set_status(held, CommentStatus.PUBLISHED)
    assert count_published_since(db.session, article, before) == 3
