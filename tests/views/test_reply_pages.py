"""A thread page shows a bounded number of replies under each top-level comment and links to the rest
(issue 11): in the HTML, through permalinks, and in the API's thread."""
import re
from datetime import timedelta

import sqlalchemy as sa

from forum.markup import RENDERER_VERSION
from forum.models import Comment, CommentStatus
from forum.models.base import utcnow
from forum.threads import REPLIES_PER_ROOT
from tests.conftest import recorded_sql
from tests.views.test_api import Api

EXTRA = 12  # replies past the cap


def insert_replies(db, article, author, count: int, chain: bool = False) -> tuple[int, list[int]]:
    """A top-level comment and `count` published replies under it, oldest first: each answering the
    root, or (chain) the reply before it. Returns (root id, reply ids)."""
    start = utcnow() - timedelta(days=1)

    def row(n, parent_id=None, depth=0, root_id=None):
        at = start + timedelta(seconds=n)
        return dict(article_id=article.id, author_id=author.id, parent_id=parent_id, root_id=root_id, depth=depth,
                    body_source=f"Reply {n}.", body_html=f"<p>Reply {n}.</p>\n", renderer_version=RENDERER_VERSION,
                    status=CommentStatus.PUBLISHED, created_at=at, published_at=at)

    root = db.session.scalar(sa.insert(Comment).returning(Comment.id), row(0))
    if chain:
        ids, parent = [], root
        for n in range(1, count + 1):
            parent = db.session.scalar(sa.insert(Comment).returning(Comment.id), row(n, parent, n, root))
            ids.append(parent)
    else:
        ids = list(db.session.scalars(sa.insert(Comment).returning(Comment.id, sort_by_parameter_order=True),
                                      [row(n, root, 1, root) for n in range(1, count + 1)]))
    db.session.execute(sa.update(Comment).where(Comment.id == root).values(reply_count=count))
    return root, ids


def shown_ids(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<li class="comment[^"]*" id="comment-(\d+)"', html)]


def test_a_thread_page_caps_replies_per_top_level_comment_and_links_to_the_rest(db, make, client):
    article = make.article()
    author = make.user()
    root, replies = insert_replies(db, article, author, REPLIES_PER_ROOT + EXTRA, chain=True)
    db.session.flush()

    html = client.get(f"/articles/{article.slug}").get_data(as_text=True)
    assert shown_ids(html) == [root] + replies[:REPLIES_PER_ROOT]
    more = re.search(r'<p class="more-replies"><a href="([^"]+)">Show (\d+) more replies</a>', html)
    assert more and int(more.group(2)) == EXTRA

    rest = client.get(more.group(1).replace("&amp;", "&"))
    assert rest.status_code == 200
    assert shown_ids(rest.get_data(as_text=True)) == [root] + replies[REPLIES_PER_ROOT:]
    # Flat on their own page, each says whom it answers.
    assert rest.get_data(as_text=True).count("replying to @") == EXTRA

    # The permalink of a reply the thread page leaves out opens the page of replies that holds it.
    late = client.get(f"/comments/{replies[-1]}")
    assert late.status_code == 302 and f"/comments/{root}/replies" in late.location
    assert replies[-1] in shown_ids(client.get(late.location).get_data(as_text=True))
    early = client.get(f"/comments/{replies[0]}")
    assert f"/articles/{article.slug}" in early.location


def test_a_thread_page_costs_the_same_queries_with_40_or_4000_replies_under_a_root(db, make, own_sessions):
    client = own_sessions
    few, many = make.article(), make.article()
    author = make.user()
    insert_replies(db, few, author, 40)
    insert_replies(db, many, author, 4000)
    db.session.flush()
    costs = {}
    for article in (few, many):
        with recorded_sql(db.session.connection()) as statements:
            html = client.get(f"/articles/{article.slug}").get_data(as_text=True)
        costs[article.slug] = list(statements)
        assert len(shown_ids(html)) == 1 + REPLIES_PER_ROOT
    assert costs[few.slug] == costs[many.slug]


def test_the_api_thread_says_how_many_replies_it_leaves_out_and_where_they_are(app, db, make, client):
    article = make.article()
    root, replies = insert_replies(db, article, make.user(), REPLIES_PER_ROOT + EXTRA)
    api = Api(app, client, db)
    body = api.get(f"/articles/{article.slug}/comments").get_json()
    [shown] = body["comments"]
    assert [r["id"] for r in shown["replies"]] == replies[:REPLIES_PER_ROOT]
    assert shown["more_replies"] == EXTRA and shown["replies_url"]

    rest = client.get(shown["replies_url"])
    assert rest.status_code == 200, rest.get_data(as_text=True)
    page = rest.get_json()
    assert page["comment"]["id"] == root and page["next_cursor"] is None
    assert [r["id"] for r in page["replies"]] == replies[REPLIES_PER_ROOT:]
