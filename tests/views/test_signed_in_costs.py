"""What a signed-in reader's requests cost in SQL statements, whatever the thread holds (issue 15).

A signed-in page's fixed cost is the reader (with the site policy, in the same statement) and one
statement for the article with their overlay (their own comments and their reactions); posting adds the article,
the repeat check and the writes.
"""
from forum.actions.comments import toggle_reaction
from forum.models import ReactionKind, load_policy
from tests.conftest import csrf_token, recorded_sql


def _statements(db, browser, method, path, **kwargs) -> list[str]:
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        response = browser.open(path, method=method, **kwargs)
    assert response.status_code in (200, 302), response.status_code
    return statements


def test_a_signed_in_thread_page_from_the_cache_costs_two_statements(db, make, own_sessions, auth):
    article = make.article()
    reader = make.user()
    liked = make.comment(article, body="A comment the reader liked.")
    make.comment(article, author=reader, body="The reader's own comment.")
    for n in range(5):
        make.comment(article, body=f"Someone else's comment, number {n}.")
    toggle_reaction(reader, liked, ReactionKind.UP, load_policy(db.session))
    auth.login(reader)
    own_sessions.get(f"/articles/{article.slug}")  # the welcome message: the reader's own render
    own_sessions.get(f"/articles/{article.slug}")  # the page every reader shares, now kept
    statements = _statements(db, own_sessions, "GET", f"/articles/{article.slug}")
    # The reader and the policy; the article with the reader's comments here and reactions on the page.
    assert len(statements) == 2, [" ".join(s.split())[:90] for s in statements]
    assert "site_policy" in statements[0]
    assert "reactions" in statements[1] and "articles" in statements[1]


def _statements_of_posting(db, make, own_sessions, auth, article, body: str, stance: str = "") -> list[str]:
    auth.login(make.user())
    token = csrf_token(own_sessions, f"/articles/{article.slug}")
    return _statements(db, own_sessions, "POST", f"/articles/{article.slug}/comments", data={
        "body": body, "stance": stance, "parent_id": "", "post": "1", "csrf_token": token})


def _on_postgresql(db) -> bool:
    return db.session.get_bind().dialect.name == "postgresql"


def test_posting_a_comment_costs_eight_statements_on_postgresql(db, make, own_sessions, auth):
    statements = _statements_of_posting(db, make, own_sessions, auth, make.article(),
                                        "A comment that costs what every comment costs.")
    # The reader and the policy; the article; the keys of the page that will hold the comment (where the
    # redirect goes: threads.cursor_of_page_for_new_root, read before the author's lock); the author's lock;
    # the repeat check; the comment; the article's counters and version, with the author's count in the same
    # statement on PostgreSQL (a WITH) and in one of its own on SQLite; the burst check of automatic slow mode.
    # A comment that names nobody with @ costs no look for following (moderation/harassment.py).
    assert len(statements) == (8 if _on_postgresql(db) else 9), "\n".join(" ".join(s.split())[:100] for s in statements)
    # The author's lock, and their count (inside the counters' statement on PostgreSQL).
    assert sum("UPDATE users" in s for s in statements) == 2


def test_posting_a_comment_with_a_stance_costs_three_statements_more(db, make, own_sessions, auth):
    article = make.article(question="Does it hold?", stances=["Yes", "No"])
    statements = _statements_of_posting(db, make, own_sessions, auth, article, "A comment that takes a stance.", "yes")
    # The eight (nine) above, and the tally (actions/tally.py): one read of what the reader counts for and what
    # they should (their latest stance comment here), the write of their row, the move of the readers per stance.
    assert len(statements) == (11 if _on_postgresql(db) else 12), "\n".join(" ".join(s.split())[:100] for s in statements)
    assert sum("stance_readers" in s for s in statements) == 2
