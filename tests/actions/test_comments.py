"""Reader discussion actions, called without HTTP: post, reply, limits, markup, edit, delete, react, close."""
import re
import time
from datetime import timedelta

import pytest
import sqlalchemy as sa

from forum.actions import Forbidden, Refused
from forum.actions.comments import MAX_COMMENT_CHARS, delete_comment, edit_comment, post_comment, toggle_reaction
from forum.actions.moderation import set_comments_closed
from forum.actions.visibility import set_status
from forum.markup import COMMENT_TAGS, RENDERER_VERSION
from forum.models import (
    Article, ArticleStance, Comment, CommentRevision, CommentStatus, Reaction, ReactionKind, SitePolicy, load_policy,
)
from forum.models.base import utcnow
from forum.permissions import Action, can, comments_closed
from forum.ranking import wilson_lower_bound
from tests.conftest import recorded_sql

STANCES = ["Yes", "No", "It depends"]


def policy_with(**changes) -> SitePolicy:
    """The default policy with some fields changed (not saved: actions take the policy as given)."""
    policy = SitePolicy.with_defaults()
    for name, value in changes.items():
        setattr(policy, name, value)
    return policy


def article_comment_count(db, article) -> int:
    return db.session.scalar(sa.select(Article.comment_count).where(Article.id == article.id))


def reply_count(db, comment) -> int:
    return db.session.scalar(sa.select(Comment.reply_count).where(Comment.id == comment.id))


def tally(db, article) -> dict[str, int]:
    return dict(db.session.execute(
        sa.select(ArticleStance.key, ArticleStance.reader_count).where(ArticleStance.article_id == article.id)
    ).all())


def comments_version(db, article) -> int:
    return db.session.scalar(sa.select(Article.comments_version).where(Article.id == article.id))


# Posting and replies

def test_a_top_level_comment_is_stored_published_and_counted(make, db):
    article = make.article()
    author = make.user()
    comment = post_comment(author, article, "  A *fair* point.  ", load_policy(db.session))

    row = db.session.execute(sa.select(Comment.__table__).where(Comment.id == comment.id)).one()
    assert (row.article_id, row.author_id, row.parent_id, row.root_id, row.depth) == (
        article.id, author.id, None, None, 0,
    )
    assert row.status == CommentStatus.PUBLISHED.value
    assert row.published_at is not None
    assert row.body_source == "A *fair* point."  # trimmed, kept beside the HTML
    assert row.body_html == "<p>A <em>fair</em> point.</p>\n"
    assert row.renderer_version == RENDERER_VERSION
    assert article_comment_count(db, article) == 1


def test_replies_at_depths_one_to_five_store_parent_root_and_depth(make, db):
    article = make.article()
    top = make.comment(article)
    chain = [top]
    for _ in range(5):
        chain.append(make.comment(article, parent=chain[-1]))

    rows = db.session.execute(
        sa.select(Comment.id, Comment.parent_id, Comment.root_id, Comment.depth)
        .where(Comment.article_id == article.id).order_by(Comment.depth)
    ).all()
    assert [tuple(row) for row in rows] == [(top.id, None, None, 0)] + [
        (chain[depth].id, chain[depth - 1].id, top.id, depth) for depth in range(1, 6)
    ]
    # Replies anywhere below a top-level comment count on it; every published comment counts on the article.
    assert reply_count(db, top) == 5
    assert all(reply_count(db, reply) == 0 for reply in chain[1:])
    assert article_comment_count(db, article) == 6


def test_a_reply_must_belong_to_the_same_article(make):
    first, second = make.article(), make.article()
    parent = make.comment(first)
    with pytest.raises(Refused):
        make.comment(second, parent=parent)


def test_only_published_comments_take_replies(make):
    article = make.article()
    parent = make.comment(article)
    set_status(parent, CommentStatus.PENDING)
    with pytest.raises(Forbidden):
        make.comment(article, parent=parent)


def test_drafts_take_no_comments(make):
    with pytest.raises(Forbidden):
        make.comment(make.article(published=False))


def test_visitors_may_not_post(make, db):
    article = make.article()
    assert not can(None, Action.COMMENT_POST, article, policy=load_policy(db.session))


# Limits

@pytest.mark.parametrize("body", ["", "   ", "\n\t \n"])
def test_an_empty_comment_is_refused_with_a_message(make, body):
    article = make.article()
    with pytest.raises(Refused) as refused:
        make.comment(article, body=body or " ")
    assert refused.value.field == "body"
    assert "empty" in refused.value.message


def test_a_comment_one_character_too_long_is_refused_with_a_message(make):
    with pytest.raises(Refused) as refused:
        make.comment(make.article(), body="x" * (MAX_COMMENT_CHARS + 1))
    assert refused.value.field == "body"
    assert "10,000" in refused.value.message and "10,001" in refused.value.message


def test_exactly_the_limit_is_accepted_and_surrounding_space_does_not_count(make):
    article = make.article()
    assert MAX_COMMENT_CHARS == 10_000
    assert len(make.comment(article, body="x" * 10_000).body_source) == 10_000
    assert len(make.comment(article, body="\n  " + "y" * 10_000 + "  \n").body_source) == 10_000


# Markup: what a reader may write, and what never becomes markup

_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>")


def assert_safe_comment_html(html: str) -> None:
    """Only the comment allow-list's tags; no handlers; links only to web or mail, marked as user content."""
    for name, attributes in _START_TAG.findall(html):
        assert name.lower() in COMMENT_TAGS, f"<{name}> in {html!r}"
        assert not re.search(r"\son[a-z]+\s*=", attributes, re.I), html
        if name.lower() == "a":
            assert re.search(r'\shref="(https?:|mailto:)', attributes), html
            assert 'rel="nofollow ugc noopener"' in attributes, html
    assert "javascript:" not in " ".join(attrs for _, attrs in _START_TAG.findall(html)).lower()


@pytest.mark.parametrize("source,shown_as_text", [
    ("<script>alert('x')</script>", "&lt;script&gt;alert('x')&lt;/script&gt;"),
    ('<img src="x.png" onerror="alert(1)">', "&lt;img src=\"x.png\" onerror=\"alert(1)\"&gt;"),
    ('<a href="https://example.org" onclick="steal()">hi</a>', "&lt;a href="),
    ("<b>bold</b> and <i>italic</i>", "&lt;b&gt;bold&lt;/b&gt;"),
    ("<div style='position:fixed'>over everything</div>", "&lt;div style="),
])
def test_raw_html_is_shown_as_text(make, source, shown_as_text):
    comment = make.comment(make.article(), body=source)
    assert shown_as_text in comment.body_html.replace("&quot;", '"')
    assert comment.body_source == source
    assert_safe_comment_html(comment.body_html)


@pytest.mark.parametrize("source", [
    "[click me](javascript:alert(1))",
    "[click me](JaVaScRiPt:alert(1))",
    "[click me](&#106;avascript:alert(1))",
    "[click me](  javascript:alert(1)  )",
    "<javascript:alert(1)>",
    "[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click me](vbscript:msgbox)",
])
def test_links_to_scripts_are_not_links(make, source):
    html = make.comment(make.article(), body=source).body_html
    assert "<a" not in html
    assert_safe_comment_html(html)


def test_headings_and_images_are_not_rendered(make):
    html = make.comment(make.article(), body="# Big title\n\nTitle\n===\n\n![a cat](https://example.org/cat.png)").body_html
    assert not re.search(r"<h\d", html)
    assert "<img" not in html
    assert "# Big title" in html
    assert_safe_comment_html(html)


def test_links_are_clickable_and_marked_as_user_content(make):
    html = make.comment(make.article(), body="See [the report](https://example.org/r) or https://example.com/x").body_html
    assert '<a href="https://example.org/r" rel="nofollow ugc noopener">the report</a>' in html
    assert '<a href="https://example.com/x" rel="nofollow ugc noopener">https://example.com/x</a>' in html
    assert_safe_comment_html(html)


def test_the_markdown_subset_renders(make):
    source = "*em* **strong** `code`\n\n> quoted\n\n- one\n- two\n\n3. three\n\n```\nblock\n```"
    html = make.comment(make.article(), body=source).body_html
    for fragment in ("<em>em</em>", "<strong>strong</strong>", "<code>code</code>", "<blockquote>",
                     "<ul>", "<li>one</li>", '<ol start="3">', "<pre><code>block\n</code></pre>"):
        assert fragment in html
    assert_safe_comment_html(html)


# Editing

def test_the_author_edits_within_the_window_and_the_earlier_version_is_kept(make, db):
    article = make.article()
    comment = make.comment(article, body="First version.")
    created_at = comment.created_at
    edit_comment(comment.author, comment, "Second *version*.", load_policy(db.session))
    first_edit = comment.edited_at
    edit_comment(comment.author, comment, "Third version.", load_policy(db.session))

    row = db.session.execute(sa.select(Comment.__table__).where(Comment.id == comment.id)).one()
    assert row.body_source == "Third version."
    assert row.body_html == "<p>Third version.</p>\n"
    assert row.edited_at is not None and row.edited_at >= first_edit
    revisions = db.session.scalars(
        sa.select(CommentRevision).where(CommentRevision.comment_id == comment.id).order_by(CommentRevision.id)
    ).all()
    assert [(r.body_source, r.body_html) for r in revisions] == [
        ("First version.", "<p>First version.</p>\n"),
        ("Second *version*.", "<p>Second <em>version</em>.</p>\n"),
    ]
    assert revisions[0].written_at == created_at
    assert revisions[1].written_at == first_edit


def test_the_edit_window_follows_the_policy(make):
    comment = make.comment(make.article())
    created = comment.created_at
    default = policy_with()
    assert default.edit_window_minutes == 15
    assert can(comment.author, Action.COMMENT_EDIT, comment, policy=default, now=created + timedelta(minutes=14))
    assert not can(comment.author, Action.COMMENT_EDIT, comment, policy=default, now=created + timedelta(minutes=15))

    five = policy_with(edit_window_minutes=5)
    assert can(comment.author, Action.COMMENT_EDIT, comment, policy=five, now=created + timedelta(minutes=4))
    assert not can(comment.author, Action.COMMENT_EDIT, comment, policy=five, now=created + timedelta(minutes=6))

    off = policy_with(edit_window_minutes=0)
    assert not can(comment.author, Action.COMMENT_EDIT, comment, policy=off, now=created)


def test_an_edit_after_the_window_is_refused_and_changes_nothing(make, db):
    comment = make.comment(make.article(), body="As posted.")
    comment.created_at = utcnow() - timedelta(minutes=16)
    db.session.flush()
    with pytest.raises(Forbidden):
        edit_comment(comment.author, comment, "Rewritten later.", load_policy(db.session))
    # A longer window lets the same edit through.
    edit_comment(comment.author, comment, "Rewritten later.", policy_with(edit_window_minutes=30))
    assert comment.body_source == "Rewritten later."


def test_only_the_author_edits(make, db):
    comment = make.comment(make.article())
    for role in ("reader", "moderator", "admin"):
        with pytest.raises(Forbidden, match="Only its author"):  # not "no longer": it never could (outside test 7)
            edit_comment(make.user(role=role), comment, "Not mine to change.", load_policy(db.session))
    assert db.session.scalar(
        sa.select(sa.func.count()).select_from(CommentRevision).where(CommentRevision.comment_id == comment.id)
    ) == 0


def test_an_edit_to_empty_is_refused_and_keeps_the_text(make, db):
    comment = make.comment(make.article(), body="Keep me.")
    with pytest.raises(Refused):
        edit_comment(comment.author, comment, "  ", load_policy(db.session))
    assert db.session.scalar(sa.select(Comment.body_source).where(Comment.id == comment.id)) == "Keep me."


def test_changing_the_stance_while_editing_moves_the_tally(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    comment = make.comment(article, stance_key="yes")
    make.comment(article, stance_key="yes")
    assert tally(db, article) == {"yes": 2, "no": 0, "it-depends": 0}

    edit_comment(comment.author, comment, comment.body_source, load_policy(db.session), stance_key="no")
    assert tally(db, article) == {"yes": 1, "no": 1, "it-depends": 0}
    edit_comment(comment.author, comment, comment.body_source, load_policy(db.session), stance_key=None)
    assert tally(db, article) == {"yes": 1, "no": 0, "it-depends": 0}
    revisions = db.session.scalars(sa.select(CommentRevision.stance_id).where(CommentRevision.comment_id == comment.id))
    assert len(set(revisions.all())) == 2  # the stance each earlier version took is kept with it

    comment.created_at = utcnow() - timedelta(hours=1)
    db.session.flush()
    with pytest.raises(Forbidden):
        edit_comment(comment.author, comment, comment.body_source, load_policy(db.session), stance_key="yes")
    assert tally(db, article) == {"yes": 1, "no": 0, "it-depends": 0}


# Stances

def test_stances_go_with_top_level_comments_of_the_article(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    top = make.comment(article, stance_key="it-depends")
    with pytest.raises(Refused) as refused:
        make.comment(article, parent=top, stance_key="yes")
    assert refused.value.field == "stance"
    with pytest.raises(Refused):
        make.comment(article, stance_key="maybe")
    assert top.stance_id == next(s.id for s in article.stances if s.key == "it-depends")


def test_the_tally_counts_readers_of_published_top_level_comments_only(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    yes = make.comment(article, stance_key="yes")
    make.comment(article, parent=yes)
    held = make.comment(article, stance_key="no")
    rejected = make.comment(article, stance_key="no")
    make.comment(article, stance_key="no")
    set_status(held, CommentStatus.PENDING)
    set_status(rejected, CommentStatus.REJECTED)
    assert tally(db, article) == {"yes": 1, "no": 1, "it-depends": 0}
    set_status(held, CommentStatus.PUBLISHED)
    assert tally(db, article) == {"yes": 1, "no": 2, "it-depends": 0}


# Statuses and counters

def test_set_status_keeps_every_counter(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    top = make.comment(article, stance_key="yes")
    reply = make.comment(article, parent=top)
    version = comments_version(db, article)

    set_status(reply, CommentStatus.PENDING)
    assert (article_comment_count(db, article), reply_count(db, top)) == (1, 0)
    set_status(reply, CommentStatus.REJECTED)  # unpublished to unpublished: nothing to count
    assert (article_comment_count(db, article), reply_count(db, top)) == (1, 0)
    set_status(reply, CommentStatus.PUBLISHED)
    assert (article_comment_count(db, article), reply_count(db, top)) == (2, 1)
    set_status(top, CommentStatus.SPAM)
    assert (article_comment_count(db, article), tally(db, article)["yes"]) == (1, 0)
    assert comments_version(db, article) == version + 4


# Deleting

def test_delete_keeps_the_row_and_takes_it_out_of_every_count(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    top = make.comment(article, stance_key="yes")
    reply = make.comment(article, parent=top)
    make.comment(article, parent=reply)
    assert (article_comment_count(db, article), reply_count(db, top), tally(db, article)["yes"]) == (3, 2, 1)

    delete_comment(reply.author, reply)
    assert (article_comment_count(db, article), reply_count(db, top)) == (2, 1)
    delete_comment(top.author, top)
    assert (article_comment_count(db, article), tally(db, article)["yes"]) == (1, 0)

    statuses = dict(db.session.execute(sa.select(Comment.id, Comment.status).where(Comment.id.in_([top.id, reply.id]))).all())
    assert statuses == {top.id: CommentStatus.DELETED, reply.id: CommentStatus.DELETED}
    assert db.session.scalar(sa.select(Comment.body_source).where(Comment.id == top.id)) == top.body_source


def test_only_the_author_deletes_and_only_once(make, db):
    comment = make.comment(make.article())
    with pytest.raises(Forbidden):
        delete_comment(make.user(role="moderator"), comment)
    delete_comment(comment.author, comment)
    with pytest.raises(Forbidden):
        delete_comment(comment.author, comment)
    assert article_comment_count(db, comment.article) == 0


def test_deleting_a_held_comment_changes_no_count(make, db):
    article = make.article(question="Will it work?", stances=STANCES)
    make.comment(article, stance_key="yes")
    held = make.comment(article, stance_key="yes")
    set_status(held, CommentStatus.PENDING)
    delete_comment(held.author, held)
    assert (article_comment_count(db, article), tally(db, article)["yes"]) == (1, 1)


# Reactions

def reaction_rows(db, comment) -> dict[int, str]:
    return dict(db.session.execute(
        sa.select(Reaction.user_id, Reaction.kind).where(Reaction.comment_id == comment.id)
    ).all())


def counts(db, comment) -> tuple[int, int, float]:
    return tuple(db.session.execute(
        sa.select(Comment.up_count, Comment.down_count, Comment.score).where(Comment.id == comment.id)
    ).one())


def test_an_upvote_toggles(make, db):
    comment = make.comment(make.article())
    reader = make.user()
    policy = load_policy(db.session)

    assert toggle_reaction(reader, comment, ReactionKind.UP, policy) is ReactionKind.UP
    assert counts(db, comment)[:2] == (1, 0)
    assert reaction_rows(db, comment) == {reader.id: ReactionKind.UP}
    assert toggle_reaction(reader, comment, ReactionKind.UP, policy) is None
    assert counts(db, comment) == (0, 0, 0.0)
    assert reaction_rows(db, comment) == {}


def test_up_then_down_switches(make, db):
    comment = make.comment(make.article())
    reader = make.user()
    policy = load_policy(db.session)
    toggle_reaction(reader, comment, ReactionKind.UP, policy)
    assert toggle_reaction(reader, comment, ReactionKind.DOWN, policy) is ReactionKind.DOWN
    assert counts(db, comment) == (0, 1, 0.0)
    assert reaction_rows(db, comment) == {reader.id: ReactionKind.DOWN}
    assert toggle_reaction(reader, comment, ReactionKind.UP, policy) is ReactionKind.UP
    assert counts(db, comment)[:2] == (1, 0)


def test_counts_and_score_follow_many_readers(make, db):
    comment = make.comment(make.article())
    policy = load_policy(db.session)
    for _ in range(3):
        toggle_reaction(make.user(), comment, ReactionKind.UP, policy)
    toggle_reaction(make.user(), comment, ReactionKind.DOWN, policy)
    up, down, score = counts(db, comment)
    assert (up, down) == (3, 1)
    assert score == pytest.approx(wilson_lower_bound(3, 1))
    assert comment.up_count == 3  # the object in hand is refreshed too


def test_no_reaction_to_ones_own_comment(make, db):
    comment = make.comment(make.article())
    with pytest.raises(Forbidden):
        toggle_reaction(comment.author, comment, ReactionKind.UP, load_policy(db.session))
    assert counts(db, comment)[:2] == (0, 0)
    assert reaction_rows(db, comment) == {}


def test_no_reaction_to_an_unpublished_comment(make, db):
    comment = make.comment(make.article())
    set_status(comment, CommentStatus.PENDING)
    with pytest.raises(Forbidden):
        toggle_reaction(make.user(), comment, ReactionKind.UP, load_policy(db.session))


def test_reaction_counters_change_in_sql_not_read_modify_write(make, db):
    comment = make.comment(make.article())
    reader = make.user()
    policy = load_policy(db.session)
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        toggle_reaction(reader, comment, ReactionKind.UP, policy)
    counter_updates = [s for s in statements if re.match(r"\s*UPDATE comments SET up_count", s)]
    assert len(counter_updates) == 1
    assert re.search(r"up_count\s*=\s*\(?comments\.up_count\s*\+", counter_updates[0])
    assert re.search(r"down_count\s*=\s*\(?comments\.down_count\s*\+", counter_updates[0])
    # Nothing reads a counter to write it back: the new values come back from the UPDATE itself.
    assert not [s for s in statements if s.lstrip().upper().startswith("SELECT") and "_count" in s], statements


# Closing threads

def test_a_moderator_closes_and_reopens_a_thread(make, db):
    article = make.article()
    comment = make.comment(article)
    reader = make.user()
    policy = load_policy(db.session)
    version = comments_version(db, article)

    with pytest.raises(Forbidden):
        set_comments_closed(reader, article, True)
    set_comments_closed(make.user(role="moderator"), article, True)
    assert db.session.scalar(sa.select(Article.comments_closed).where(Article.id == article.id))
    assert comments_version(db, article) == version + 1

    with pytest.raises(Forbidden) as forbidden:
        post_comment(reader, article, "Too late?", policy)
    assert "closed" in str(forbidden.value)
    with pytest.raises(Forbidden):
        post_comment(reader, article, "Too late?", policy, parent=comment)
    with pytest.raises(Forbidden):
        toggle_reaction(reader, comment, ReactionKind.UP, policy)
    with pytest.raises(Forbidden):
        edit_comment(comment.author, comment, "Changed my mind.", policy)

    set_comments_closed(make.user(role="admin"), article, False)
    assert post_comment(reader, article, "Open again.", policy).status == CommentStatus.PUBLISHED


def test_threads_close_by_themselves_after_the_policy_s_days(make, db):
    article = make.article()
    reader = make.user()
    week = policy_with(auto_close_days=7)
    article.published_at = utcnow() - timedelta(days=8)
    db.session.flush()

    assert comments_closed(article, week)
    assert not comments_closed(article, policy_with(auto_close_days=None))
    assert not comments_closed(article, policy_with(auto_close_days=9))
    with pytest.raises(Forbidden) as forbidden:
        post_comment(reader, article, "Anyone still here?", week)
    assert "closed" in str(forbidden.value)
    assert post_comment(reader, article, "Anyone still here?", policy_with(auto_close_days=9)).status == CommentStatus.PUBLISHED


def test_protocol_relative_links_count_towards_the_hold_when_posting_and_editing(make, db):
    """Outside test, finding 7: four `//host` links were published under a limit of two links."""
    from forum.moderation.scorer import NullScorer

    policy = policy_with(max_links=2, auto_slow_posts_per_minute=0)
    spammy = "See [a](//shop-h.example) [b](//shop-i.example) [c](//shop-j.example) [d](//shop-k.example)"
    posted = post_comment(make.user(), make.article(), spammy, policy, scorer=NullScorer())
    assert posted.status == CommentStatus.PENDING and "4 links > 2" in posted.reasons
    civil = post_comment(make.user(), make.article(), "A fair point, see [this](//a.example).", policy,
                         scorer=NullScorer())
    assert civil.status == CommentStatus.PUBLISHED
    edited = edit_comment(civil.author, civil, spammy, policy, scorer=NullScorer())
    assert edited.status == CommentStatus.PENDING and "4 links > 2" in edited.reasons


INVISIBLE_ONLY = {
    "zero-width space between spaces": " \u200b\u00a0 ",
    "joiners and a byte-order mark": "\u200c\u200d\ufeff\u2060",
    "wide spaces": "\u3000\u2003\u205f",
    "bidi marks and a tag character": "\u200e\u200f\U000e0041",
    "Hangul filler and blank Braille": "\u3164\u2800",
    "combining marks alone": "\u0301\u0316",
}


@pytest.mark.parametrize("body", INVISIBLE_ONLY.values(), ids=INVISIBLE_ONLY.keys())
def test_a_comment_with_nothing_visible_is_refused_when_posted_edited_or_previewed(make, db, body):
    """Outside test, finding 14: a zero-width space was published as a blank comment."""
    from forum.actions.comments import preview_comment

    policy = policy_with(auto_slow_posts_per_minute=0)
    with pytest.raises(Refused, match="Write something first") as refused:
        post_comment(make.user(), make.article(), body, policy)
    assert refused.value.field == "body"
    comment = post_comment(make.user(), make.article(), "A visible point.", policy)
    with pytest.raises(Refused, match="Write something first"):
        edit_comment(comment.author, comment, body, policy)
    with pytest.raises(Refused, match="Write something first"):
        preview_comment(body)


@pytest.mark.parametrize("body", ["?", "👍", "是", "\u200bWell,\u00a0yes.", "a\u0301", "\u3164 ok"])
def test_a_comment_with_anything_visible_is_accepted(make, db, body):
    from forum.moderation.scorer import NullScorer

    comment = post_comment(make.user(), make.article(), body, policy_with(auto_slow_posts_per_minute=0),
                           scorer=NullScorer())
    assert comment.body_source == body.strip()


COSTLY_MARKUP = {"emphasised links": "*[a](b)", "link openers": "[a", "image openers": "![a", "strong": "**a"}


@pytest.mark.parametrize("unit", COSTLY_MARKUP.values(), ids=COSTLY_MARKUP.keys())
def test_a_comment_of_formatting_characters_is_refused_before_it_is_rendered(make, db, monkeypatch, unit):
    """Outside test, finding 4: 10,000 characters of these cost up to a second each to preview."""
    import forum.actions.comments as comments
    from forum.actions.comments import MARKUP_MAX_CHARS, preview_comment

    rendered = []
    monkeypatch.setattr(comments, "render_comment", lambda text: rendered.append(text) or "")
    body = (unit * MAX_COMMENT_CHARS)[:MAX_COMMENT_CHARS]
    policy = policy_with(auto_slow_posts_per_minute=0)
    comment = post_comment(make.user(), make.article(), "A visible point.", policy)
    for attempt in (lambda: preview_comment(body), lambda: post_comment(make.user(), comment.article, body, policy),
                    lambda: edit_comment(comment.author, comment, body, policy)):
        with pytest.raises(Refused, match=f"may have {MARKUP_MAX_CHARS:,} at most") as refused:
            attempt()
        assert refused.value.field == "body"
    assert rendered == [comment.body_source]  # only the first, ordinary comment was rendered


def test_ordinary_markdown_is_well_under_the_formatting_limit(make, db):
    from forum.actions.comments import MARKUP_MAX_CHARS, preview_comment

    body = ("I *really* disagree with **this**: see [the report](https://example.org/a_b_c), and `snake_case_name`.\n\n"
            "> a *quoted* line\n\n- one **point**\n- [two](https://two.example)\n\n") * 40
    assert sum(body.count(char) for char in "*_[") < MARKUP_MAX_CHARS < len(body)
    assert "<strong>this</strong>" in preview_comment(body)


class _WatchedClassifier:
    """A classifier that notes, at each call, the statements sent so far; and may take CPU time (a model gone wrong)."""

    def __init__(self, statements: list[str], seconds: float = 0.0):
        self.statements, self.seconds, self.asked_after = statements, seconds, []

    def verdicts(self, text: str) -> list:
        self.asked_after.append(list(self.statements))
        started = time.thread_time()
        while time.thread_time() - started < self.seconds:
            pass
        return []


def test_the_classifier_reads_a_new_comment_before_the_authors_lock(db, make):
    """Its millisecond need not hold the author's next post (actions/comments.py, one post at a time)."""
    from forum.moderation.scorer import NullScorer

    author, article = make.user(), make.article()
    db.session.flush()
    with recorded_sql(db.session.connection()) as statements:
        classifier = _WatchedClassifier(statements)
        comment = post_comment(author, article, "A plain comment for the classifier.", policy_with(),
                               scorer=NullScorer(), classifier=classifier)
    assert comment.status is CommentStatus.PUBLISHED
    [asked_after] = classifier.asked_after
    assert not any("UPDATE users" in statement for statement in asked_after)
    assert any("UPDATE users" in statement for statement in statements), "the lock was taken after it"


def test_time_the_classifier_took_before_the_lock_counts_in_the_pipelines_budget(db, make):
    from forum.moderation.pipeline import CHECK_BUDGET_SECONDS, TOO_SLOW
    from forum.moderation.scorer import NullScorer

    slow = _WatchedClassifier([], seconds=CHECK_BUDGET_SECONDS * 1.5)
    comment = post_comment(make.user(), make.article(), "A plain comment for a slow classifier.", policy_with(),
                           scorer=NullScorer(), classifier=slow)
    assert comment.status is CommentStatus.PENDING and TOO_SLOW in comment.reasons


def test_a_comment_that_ends_the_authors_open_sentence_is_read_with_it(make, db):
    """Outside tests 6 and 7: an insult split over comments published its middle part ("is a worthless")."""
    policy = load_policy(db.session)
    article, author = make.article(), make.user(published_count=50)
    opened = post_comment(author, article, "As far as I can tell the author", policy)
    assert opened.status == CommentStatus.PUBLISHED
    ended = post_comment(author, article, "is a worthless waste of space", policy)
    assert ended.status == CommentStatus.PENDING
    assert ended.reasons[-1] == "read with the author's previous comment, whose sentence this one ends"
    # A comment that opens a sentence of its own, after a sentence the earlier comment closed, or after another
    # reader's open sentence: read alone.
    for text, before, by in (("Is a worthless waste of space", "As far as I can tell the author", None),
                             ("is a worthless waste of space", "I read the piece twice.", author),
                             ("is a worthless waste of space", "As far as I can tell the author", make.user())):
        thread = make.article()
        post_comment(by or author, thread, before, policy)
        reply = post_comment(author, thread, text, policy)
        assert "read with the author's previous comment, whose sentence this one ends" not in (reply.reasons or [])
