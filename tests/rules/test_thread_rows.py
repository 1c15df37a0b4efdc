"""A thread page's comments as plain rows (forum/thread_rows.py): the same values the model gives, and a key
that changes with any of them."""
from forum import thread_rows
from forum.actions.comments import edit_comment, toggle_reaction
from forum.actions.moderation import set_featured
from forum.models import ReactionKind, User, load_policy
from forum.ranking import Sort
from forum.threads import load_thread_page, page_comment_ids


def _rows_by_id(db, article, viewer) -> dict:
    page = load_thread_page(db.session, article, viewer, Sort.OLDEST)
    nodes = list(page.roots)
    rows = {}
    while nodes:
        node = nodes.pop()
        rows[node.comment.id] = node.comment
        nodes.extend(node.children)
    assert sorted(rows) == sorted(page_comment_ids(page))
    return rows


def test_a_row_reads_every_column_as_the_model_does(db, make):
    policy = load_policy(db.session)
    article = make.article()
    author, moderator = make.user(), make.user(role="moderator")
    author.display_name = "Ada Lovelace"
    root = make.comment(article, author=author, body="A root, edited and featured.")
    edit_comment(author, root, "A root, as corrected.", policy)
    set_featured(moderator, root, True)
    reply = make.comment(article, body="A reply someone found helpful.", parent=root)
    toggle_reaction(author, reply, ReactionKind.UP, policy)
    held = make.comment(article, author=author, body="Held, with the pre-moderation reason.", status="pending")
    db.session.flush()
    rows = _rows_by_id(db, article, author)  # the author sees their held comment too
    assert set(rows) == {root.id, reply.id, held.id}
    for comment in (root, reply, held):
        db.session.refresh(comment)
        row = rows[comment.id]
        for key in thread_rows.SHOWN_COLUMNS + ("body_source",):
            assert getattr(row, key) == getattr(comment, key), key
        person = db.session.get(User, comment.author_id)
        assert (row.author.username, row.author.display_name, row.author.role, row.author.shown_name) == (
            person.username, person.display_name, person.role, person.shown_name)
        assert row.article is article
    assert rows[root.id].edited_at.tzinfo is not None and rows[root.id].featured_at is not None
    assert rows[held.id].reasons and isinstance(rows[held.id].reasons, list)


def test_the_key_changes_with_any_shown_column_and_not_with_the_source(db, make):
    article = make.article()
    comment = make.comment(article, body="A comment whose row is its version.")
    before = _rows_by_id(db, article, None)[comment.id]
    assert hash(before.key) == hash(_rows_by_id(db, article, None)[comment.id].key)  # the same row, the same key
    toggle_reaction(make.user(), comment, ReactionKind.DOWN, load_policy(db.session))
    db.session.flush()
    after = _rows_by_id(db, article, None)[comment.id]
    assert after.key != before.key and after.down_count == before.down_count + 1
    changed_source = after._replace(body_source="Another source, never shown.")
    assert changed_source.key == after.key
