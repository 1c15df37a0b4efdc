"""The moderators' queues: what each holds, in which order, its capped count, keyset pages, the article filter, context."""
from datetime import timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import joinedload

from forum.actions.appeals import appeal, decide_appeal
from forum.actions.moderation import approve, flag_comment
from forum.models import Appeal, AppealOutcome, CommentStatus, FlagReason, load_policy
from forum.models.base import utcnow
from forum.moderation import queues
from forum.moderation.queues import Queue
from tests.conftest import recorded_sql
from tests.factories import policy_with

STATUS_OF_QUEUE = {
    Queue.PENDING: CommentStatus.PENDING,
    Queue.REJECTED: CommentStatus.REJECTED,
    Queue.SPAM: CommentStatus.SPAM,
    Queue.RECENT: CommentStatus.PUBLISHED,
}


def loaded(db, row: Appeal) -> Appeal:
    """The appeal with its comment, as the moderation view loads it."""
    return db.session.scalar(sa.select(Appeal).options(joinedload(Appeal.comment)).where(Appeal.id == row.id))


def ids(page) -> list[int]:
    return [item.comment.id for item in page.items]


def walk(db, queue, article_id=None, per_page=4) -> list[list[int]]:
    """Every page of `queue`, following the cursors, as lists of comment ids."""
    pages, cursor = [], None
    while True:
        page = queues.load_queue(db.session, queue, article_id, cursor, per_page=per_page)
        pages.append(ids(page))
        cursor = page.next_cursor
        if cursor is None:
            return pages
        assert len(pages) < 50, "the cursor never ends"


@pytest.fixture
def a_bit_of_everything(make):
    """One comment in each state, on one article, by one author."""
    article, author = make.article(), make.user()
    made = {
        status: make.comment(article, status=status, author=author)
        for status in (CommentStatus.PENDING, CommentStatus.PUBLISHED, CommentStatus.REJECTED, CommentStatus.SPAM,
                       CommentStatus.DELETED)
    }
    reported = make.comment(article, status="published", author=author)
    flag_comment(make.user(), reported, FlagReason.OFF_TOPIC, "", policy_with(flags_to_hide=3))
    appealed = make.comment(article, status="rejected", author=author)
    open_appeal = appeal(author, appealed, "It was a fair point, fairly made.")
    return article, made, reported, appealed, open_appeal


def test_each_queue_holds_its_own_comments(db, a_bit_of_everything):
    article, made, reported, appealed, open_appeal = a_bit_of_everything
    load = lambda queue: set(ids(queues.load_queue(db.session, queue, article.id, None)))  # noqa: E731
    assert load(Queue.PENDING) == {made[CommentStatus.PENDING].id}
    assert load(Queue.REPORTED) == {reported.id}
    assert load(Queue.REJECTED) == {made[CommentStatus.REJECTED].id, appealed.id}
    assert load(Queue.SPAM) == {made[CommentStatus.SPAM].id}
    assert load(Queue.RECENT) == {made[CommentStatus.PUBLISHED].id, reported.id}
    assert load(Queue.APPEALS) == {appealed.id}
    assert queues.load_queue(db.session, Queue.APPEALS, article.id, None).items[0].appeal.id == open_appeal.id


def test_every_queue_is_counted(db, a_bit_of_everything):
    article = a_bit_of_everything[0]
    assert queues.counts(db.session, article.id) == {
        Queue.PENDING: 1, Queue.REPORTED: 1, Queue.REJECTED: 2, Queue.SPAM: 1, Queue.RECENT: 2, Queue.APPEALS: 1,
    }


def test_a_decided_appeal_and_a_settled_report_leave_their_queues(db, make, a_bit_of_everything):
    article, _, reported, _, open_appeal = a_bit_of_everything
    moderator = make.user("moderator")
    approve(moderator, reported)
    decide_appeal(moderator, loaded(db, open_appeal), AppealOutcome.UPHELD, "The comment breaks the rule it was rejected under")
    assert queues.count(db.session, Queue.REPORTED, article.id) == 0
    assert queues.count(db.session, Queue.APPEALS, article.id) == 0


@pytest.mark.parametrize("how_many, shown", [(3, 3), (4, 4), (9, 4)])
def test_counts_stop_just_past_the_cap(db, make, monkeypatch, how_many, shown):
    """Past COUNT_CAP a count stays at COUNT_CAP + 1, which the page shows as "3+"."""
    monkeypatch.setattr(queues, "COUNT_CAP", 3)
    article = make.article()
    for _ in range(how_many):
        make.comment(article, status="pending")
    assert queues.count(db.session, Queue.PENDING, article.id) == shown


@pytest.mark.parametrize("queue", [Queue.PENDING, Queue.REJECTED, Queue.SPAM, Queue.RECENT])
def test_comment_queues_page_by_keyset_without_duplicates_or_gaps(db, make, queue):
    article, author = make.article(), make.user()
    start = utcnow() - timedelta(hours=1)
    # Pairs posted at the same instant: the id breaks the tie, so no comment is skipped or repeated.
    made = [make.comment(article, status=STATUS_OF_QUEUE[queue], author=author, now=start + timedelta(seconds=n // 2))
            for n in range(10)]

    pages = walk(db, queue, article.id)
    assert [len(page) for page in pages] == [4, 4, 2]
    flat = [comment_id for page in pages for comment_id in page]
    assert flat == [c.id for c in made]  # every queue reads oldest first


def test_recent_shows_only_what_was_published_within_its_window(db, make):
    article = make.article()
    old, new = (make.comment(article, status="published") for _ in range(2))
    old.published_at = utcnow() - queues.RECENT_WINDOW - timedelta(minutes=1)
    db.session.flush()
    assert ids(queues.load_queue(db.session, Queue.RECENT, article.id, None)) == [new.id]
    assert queues.count(db.session, Queue.RECENT, article.id) == 1


def test_reported_comments_page_in_the_order_they_were_first_flagged(db, make):
    article, flagger = make.article(), make.user()
    policy = policy_with(flags_to_hide=0, auto_slow_flags_per_minute=0)
    made = [make.comment(article, status="published") for _ in range(9)]
    for comment in reversed(made):
        flag_comment(flagger, comment, FlagReason.SPAM, "", policy)
    pages = walk(db, Queue.REPORTED, article.id)
    assert [len(page) for page in pages] == [4, 4, 1]
    assert [i for page in pages for i in page] == [c.id for c in reversed(made)]


def test_appeals_page_oldest_first(db, make):
    article, author = make.article(), make.user()
    rejected = [make.comment(article, status="rejected", author=author) for _ in range(9)]
    for comment in rejected:
        appeal(author, comment, "Please look again.")
    pages = walk(db, Queue.APPEALS, article.id)
    assert [len(page) for page in pages] == [4, 4, 1]
    assert [i for page in pages for i in page] == [c.id for c in rejected]


def test_a_queue_filtered_by_article_shows_and_counts_only_its_comments(db, make):
    author = make.user()
    first, second = make.article(), make.article()
    mine = [make.comment(first, status="pending", author=author) for _ in range(6)]
    for _ in range(3):
        make.comment(second, status="pending", author=author)
    assert [i for page in walk(db, Queue.PENDING, article_id=first.id) for i in page] == [c.id for c in mine]
    assert queues.count(db.session, Queue.PENDING, first.id) == 6
    assert queues.count(db.session, Queue.PENDING, second.id) == 3
    assert queues.counts(db.session, second.id)[Queue.PENDING] == 3


def test_appeals_filter_by_the_article_of_their_comment(db, make):
    author = make.user()
    first, second = make.article(), make.article()
    wanted = make.comment(first, status="rejected", author=author)
    other = make.comment(second, status="rejected", author=author)
    appeal(author, wanted, "Look again.")
    appeal(author, other, "Look again.")
    assert ids(queues.load_queue(db.session, Queue.APPEALS, first.id, None)) == [wanted.id]
    assert queues.count(db.session, Queue.APPEALS, first.id) == 1


def test_an_item_comes_with_its_parent_flags_and_the_authors_flag_count(db, make):
    article, author = make.article(), make.user()
    parent = make.comment(article, status="published")
    earlier = make.comment(article, status="published", author=author)
    reply = make.comment(article, status="published", author=author, parent=parent)
    policy = policy_with(flags_to_hide=10, auto_slow_flags_per_minute=0)
    flaggers = [make.user(), make.user()]
    flag_comment(flaggers[0], reply, FlagReason.ABUSE, "", policy)
    flag_comment(flaggers[1], reply, FlagReason.OTHER, "Mocks another reader", policy)
    flag_comment(flaggers[0], earlier, FlagReason.SPAM, "", policy)

    item = next(i for i in queues.load_queue(db.session, Queue.REPORTED, article.id, None).items
                if i.comment.id == reply.id)
    assert item.parent.id == parent.id
    assert [(f.reason, f.note, f.user.username) for f in item.flags] == [
        (FlagReason.ABUSE, "", flaggers[0].username), (FlagReason.OTHER, "Mocks another reader", flaggers[1].username),
    ]
    assert item.author_flags_received == 3  # two on this comment, one on the earlier one
    assert item.comment.article.title == article.title
    assert item.comment.author.username == author.username


def test_a_page_costs_the_same_number_of_queries_however_long_the_queue(db, make):
    def statements_for_a_page() -> int:
        db.session.expunge_all()
        with recorded_sql(db.session.get_bind()) as statements:
            queues.load_queue(db.session, Queue.PENDING, article.id, None)
        return len(statements)

    article = make.article()
    parent = make.comment(article, status="published")
    for _ in range(2):
        make.comment(article, status="pending", parent=parent)
    few = statements_for_a_page()
    for _ in range(queues.QUEUE_PAGE_SIZE + 5):
        make.comment(article, status="pending", parent=parent)
    # The page (with authors, articles and their stances), parents, flags, authors' flag counts.
    assert statements_for_a_page() == few <= 5


def test_the_policy_in_the_factory_is_the_sites(db, make, site_policy):
    """make.comment(status=…) keeps the site's word lists: a held word still holds."""
    site_policy(suspect_words="moron")
    comment = make.comment(make.article(), status="published", body="Only a moron says so.")
    assert comment.reasons == ["suspect word: 'moron'"]
    assert load_policy(db.session).suspect_words == "moron"
