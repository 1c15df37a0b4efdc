"""Disqus XML exports come in with their threads, authors, nesting, dates and statuses, once."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from forum.actions.accounts import authenticate
from forum.actions.imports import import_export
from forum.interchange import BadFile, disqus
from forum.models import Article, ArticleStatus, Comment, CommentStatus, User
from tests.conftest import recorded_sql

HEADER = ('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
          'xmlns:dsq="http://disqus.com/disqus-internals" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n')


def thread(dsq_id, link, title, created="2013-01-01T10:00:00Z", deleted="false"):
    return (f'<thread dsq:id="{dsq_id}"><id>{dsq_id}</id><forum>news</forum><link>{link}</link><title>{title}</title>'
            f'<message/><createdAt>{created}</createdAt><author><name>Editor</name><isAnonymous>false</isAnonymous>'
            f'<username>editor</username></author><isClosed>false</isClosed><isDeleted>{deleted}</isDeleted></thread>\n')


def post(dsq_id, thread_id, message, created, name, username=None, email=None, parent=None,
         deleted="false", spam="false"):
    author = f"<name>{name}</name>"
    author += f"<email>{email}</email>" if email else ""
    author += (f"<isAnonymous>false</isAnonymous><username>{username}</username>" if username
               else "<isAnonymous>true</isAnonymous>")
    return (f'<post dsq:id="{dsq_id}"><id/><message><![CDATA[{message}]]></message><createdAt>{created}</createdAt>'
            f"<isDeleted>{deleted}</isDeleted><isSpam>{spam}</isSpam><author>{author}</author>"
            f'<ipAddress>127.0.0.1</ipAddress><thread dsq:id="{thread_id}"/>'
            + (f'<parent dsq:id="{parent}"/>' if parent else "") + "</post>\n")


ADA = {"name": "Ada Lovelace", "username": "ada", "email": "ada@example.org"}
ZOE = {"name": "Zoë Åberg"}  # a guest without e-mail
LI = {"name": "李小龍", "email": "li@example.org"}
SPAMMER = {"name": "Buy Now", "email": "spam@example.org"}
GUEST_ADA = {"name": "Ada Lovelace"}  # another person with the same name, as a guest

SAMPLE = HEADER + "".join([
    '<category dsq:id="1"><forum>news</forum><title>General</title><isDefault>true</isDefault></category>\n',
    thread(10, "https://news.example.org/rail-plan", "The rail plan"),
    thread(20, "https://News.Example.org/caf%C3%A9?utm_source=feed", "Café culture"),
    thread(30, "https://news.example.org/nobody-commented", "Quiet page"),
    thread(40, "https://news.example.org/gone", "Removed page", deleted="true"),
    post(101, 10, "<p>First! The plan is <b>sound</b>.</p>", "2013-01-02T03:04:05Z", **ADA),
    post(102, 10, "<p>Not so sure.</p>", "2013-01-02T04:00:00Z", parent=101, **ZOE),
    post(103, 10, "<script>alert(1)</script><p>Hi <a href=\"javascript:alert(2)\">there</a></p>",
         "2013-01-02T05:00:00Z", parent=102, **LI),
    post(104, 10, "<p>Something I regret.</p>", "2013-01-03T00:00:00Z", deleted="true", **ADA),
    post(105, 10, "<p>Answering the regretted one.</p>", "2013-01-03T01:00:00Z", parent=104, **ZOE),
    post(106, 10, "<p>Cheap pills</p>", "2013-01-03T02:00:00Z", spam="true", **SPAMMER),
    post(107, 20, "<p>Coffee is a debate.</p>", "2013-02-01T00:00:00Z", **ADA),
    post(108, 20, "<p>Tea, surely.</p>", "2013-02-01T01:00:00Z", parent=107, **GUEST_ADA),
    post(110, 20, "<p>A reply that comes first in the file.</p>", "2013-02-02T01:00:00Z", parent=111, **ADA),
    post(111, 20, "<p>Its parent, later in the file.</p>", "2013-02-02T00:00:00Z", **LI),
    post(109, 40, "<p>On a removed page.</p>", "2013-02-03T00:00:00Z", **ADA),
]) + "</disqus>\n"


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "disqus.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def comments_by_external_id(db):
    rows = db.session.scalars(sa.select(Comment).where(Comment.import_source == "disqus")).all()
    return {c.external_id: c for c in rows}


def test_import_brings_threads_authors_and_comments(db, make, sample):
    make.user(username="Ada_Lovelace", email="someone@example.org")  # the name is taken: imports get a suffix
    make.user(email="spam@example.org")  # the address is taken: the spammer's account gets none of it

    counts = import_export(disqus.read(sample))

    assert (counts.articles_created, counts.users_created, counts.comments_created) == (2, 5, 10)
    assert counts.entries_skipped == 2  # the removed page and its one comment
    articles = {a.external_id: a for a in db.session.scalars(sa.select(Article).where(Article.import_source == "disqus"))}
    assert set(articles) == {"10", "20"}  # the page nobody commented on is not an article
    rail = articles["10"]
    assert rail.title == "The rail plan" and rail.status == ArticleStatus.PUBLISHED
    assert rail.external_url == "https://news.example.org/rail-plan"
    assert rail.published_at == datetime(2013, 1, 1, 10, 0, tzinfo=timezone.utc)
    assert articles["20"].external_url == "https://news.example.org/caf%C3%A9"  # tracking parameter dropped

    users = {u.external_id: u for u in db.session.scalars(sa.select(User).where(User.import_source == "disqus"))}
    assert {users["user:ada"].username, users["name:Ada Lovelace"].username} == {"Ada_Lovelace_2", "Ada_Lovelace_3"}
    assert users["name:Zoë Åberg"].username == "Zoe_Aberg"
    assert users["email:li@example.org"].username == "Li_Xiao_Long"
    assert users["user:ada"].email == "ada@example.org" and users["email:li@example.org"].email == "li@example.org"
    assert users["name:Zoë Åberg"].email.endswith("@unclaimed.invalid")
    assert users["email:spam@example.org"].email.endswith("@unclaimed.invalid")
    for user in users.values():
        assert user.unclaimed and user.role.value == "reader"
        assert authenticate(user.username, "") is None and authenticate(user.username, "!") is None


def test_nesting_dates_statuses_and_sanitising(db, sample):
    import_export(disqus.read(sample))
    c = comments_by_external_id(db)
    assert c["101"].created_at == datetime(2013, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert c["101"].published_at == c["101"].created_at
    assert (c["102"].parent_id, c["102"].root_id, c["102"].depth) == (c["101"].id, c["101"].id, 1)
    assert (c["103"].parent_id, c["103"].root_id, c["103"].depth) == (c["102"].id, c["101"].id, 2)
    assert (c["110"].parent_id, c["110"].depth) == (c["111"].id, 1)
    # Each reply knows whose comment it answers (the replies page finds them by it), top-level ones nobody's.
    assert (c["101"].parent_author_id, c["102"].parent_author_id, c["103"].parent_author_id) == \
        (None, c["101"].author_id, c["102"].author_id)
    assert c["104"].status == CommentStatus.DELETED and c["105"].parent_id == c["104"].id  # a tombstone
    assert c["106"].status == CommentStatus.SPAM and c["106"].reasons == ["Marked as spam in Disqus."]
    assert c["107"].status == CommentStatus.PUBLISHED
    html = c["103"].body_html
    assert "<script" not in html and "alert(1)" not in html and "javascript:" not in html and "Hi" in html
    assert c["103"].body_source.startswith("<script>alert(1)</script>")  # the source is kept as it came
    assert c["101"].body_html == "<p>First! The plan is sound.</p>"


def test_counters_are_right_after_import(db, sample):
    import_export(disqus.read(sample))
    c = comments_by_external_id(db)
    rail = db.session.get(Article, c["101"].article_id)
    cafe = db.session.get(Article, c["107"].article_id)
    db.session.refresh(rail)
    db.session.refresh(cafe)
    assert rail.comment_count == 4  # 101, 102, 103, 105: not the deleted nor the spam one
    assert cafe.comment_count == 4
    assert rail.comments_version > 0
    for key in c:
        db.session.refresh(c[key])
    assert (c["101"].reply_count, c["104"].reply_count, c["107"].reply_count, c["111"].reply_count) == (2, 1, 1, 1)
    ada = db.session.scalar(sa.select(User).where(User.external_id == "user:ada"))
    spammer = db.session.scalar(sa.select(User).where(User.external_id == "email:spam@example.org"))
    db.session.refresh(ada)
    db.session.refresh(spammer)
    assert (ada.published_count, ada.rejected_count) == (3, 0)  # 101, 107, 110
    assert (spammer.published_count, spammer.rejected_count) == (0, 1)


def test_second_run_adds_nothing(db, sample):
    import_export(disqus.read(sample))
    before = {model: db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in (Article, User, Comment)}
    again = import_export(disqus.read(sample))
    assert (again.articles_created, again.users_created, again.comments_created) == (0, 0, 0)
    assert again.comments_skipped == 10
    assert (again.articles_found, again.users_found) == (2, 5)  # the report says they are already here
    after = {model: db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in (Article, User, Comment)}
    assert after == before


def test_new_replies_to_comments_imported_before_find_their_parents(db, sample, tmp_path):
    import_export(disqus.read(sample))
    later = tmp_path / "later.xml"
    later.write_text(HEADER + thread(10, "https://news.example.org/rail-plan", "The rail plan")
                     + post(201, 10, "<p>Months later.</p>", "2013-06-01T00:00:00Z", parent=103, **ADA)
                     + "</disqus>", encoding="utf-8")
    counts = import_export(disqus.read(later))
    assert (counts.articles_created, counts.comments_created) == (0, 1)
    c = comments_by_external_id(db)
    assert (c["201"].parent_id, c["201"].root_id, c["201"].depth) == (c["103"].id, c["101"].id, 3)
    assert c["103"].author_id is not None and c["201"].parent_author_id == c["103"].author_id  # stored before
    db.session.refresh(c["101"])
    assert c["101"].reply_count == 3


def test_a_thread_already_embedded_here_gets_the_comments(db, make, sample):
    story = make.article(title="Rail plan, embedded")
    story.external_url = "https://news.example.org/rail-plan"
    db.session.flush()
    counts = import_export(disqus.read(sample))
    assert counts.articles_created == 1
    assert comments_by_external_id(db)["101"].article_id == story.id


def test_small_batches_give_the_same_result(db, sample, monkeypatch):
    """Written three comments at a time, a reply that comes before its parent waits for it."""
    from forum.actions import imports

    monkeypatch.setattr(imports, "BATCH_POSTS", 3)
    counts = import_export(disqus.read(sample))
    assert (counts.articles_created, counts.users_created, counts.comments_created) == (2, 5, 10)
    assert (counts.articles_found, counts.users_found) == (0, 0)
    c = comments_by_external_id(db)
    assert (c["110"].parent_id, c["110"].depth) == (c["111"].id, 1)
    assert (c["103"].root_id, c["103"].depth) == (c["101"].id, 2)
    db.session.refresh(c["111"])
    assert c["111"].reply_count == 1
    assert import_export(disqus.read(sample)).comments_created == 0


def test_a_reply_whose_parent_never_comes_is_top_level(db, tmp_path):
    path = tmp_path / "orphan.xml"
    path.write_text(HEADER + thread(1, "https://news.example.org/o", "O")
                    + post(11, 1, "<p>Parent not exported.</p>", "2015-01-01T00:00:00Z", parent=999, **ADA)
                    + "</disqus>", encoding="utf-8")
    assert import_export(disqus.read(path)).comments_created == 1
    orphan = comments_by_external_id(db)["11"]
    assert (orphan.parent_id, orphan.depth) == (None, 0)


def test_a_post_named_twice_in_one_file_is_imported_once(db, tmp_path):
    path = tmp_path / "repeated.xml"
    path.write_text(HEADER + thread(1, "https://news.example.org/r", "R")
                    + post(11, 1, "<p>Said once.</p>", "2015-01-01T00:00:00Z", **ADA)
                    + post(11, 1, "<p>Said once, exported twice.</p>", "2015-01-01T00:00:00Z", **ADA)
                    + "</disqus>", encoding="utf-8")
    counts = import_export(disqus.read(path))
    assert (counts.comments_created, counts.comments_skipped) == (1, 1)
    assert comments_by_external_id(db)["11"].body_source == "<p>Said once.</p>"


def test_two_disqus_threads_for_one_page_share_an_article(db, tmp_path):
    path = tmp_path / "twice.xml"
    path.write_text(HEADER + thread(1, "https://news.example.org/same", "Same page")
                    + thread(2, "https://news.example.org/same#comments", "Same page, again")
                    + post(11, 1, "<p>On the first.</p>", "2015-01-01T00:00:00Z", **ADA)
                    + post(12, 2, "<p>On the second.</p>", "2015-01-01T01:00:00Z", parent=11, **ZOE)
                    + "</disqus>", encoding="utf-8")
    counts = import_export(disqus.read(path))
    assert (counts.articles_created, counts.comments_created) == (1, 2)
    c = comments_by_external_id(db)
    assert c["12"].article_id == c["11"].article_id and c["12"].parent_id == c["11"].id
    assert import_export(disqus.read(path)).comments_created == 0


def test_statements_do_not_grow_with_the_comments(db, tmp_path):
    """Batches, not a query per comment: 300 comments in a few dozen statements."""
    posts = [post(1000 + n, 10, f"<p>Comment {n}</p>", "2014-01-01T00:00:00Z", name=f"Reader {n % 40}",
                  parent=(1000 + n - 1) if n % 3 else None) for n in range(300)]
    path = tmp_path / "big.xml"
    path.write_text(HEADER + thread(10, "https://news.example.org/big", "Big") + "".join(posts) + "</disqus>")
    with recorded_sql(db.session.get_bind()) as statements:
        counts = import_export(disqus.read(path))
    assert counts.comments_created == 300 and counts.users_created == 40
    assert len(statements) < 40, statements


BOMB = """<?xml version="1.0"?>
<!DOCTYPE disqus [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<disqus xmlns="http://disqus.com"><thread><title>&lol3;</title></thread></disqus>
"""
EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE disqus [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<disqus xmlns="http://disqus.com"><thread><title>&secret;</title></thread></disqus>
"""


@pytest.mark.parametrize("text", [BOMB, EXTERNAL_ENTITY], ids=["xml-bomb", "external-entity"])
def test_a_file_with_a_dtd_is_refused(tmp_path, text):
    path = tmp_path / "evil.xml"
    path.write_text(text)
    with pytest.raises(BadFile, match="DTD"):
        list(disqus.read(path))


@pytest.mark.parametrize("text, message", [
    ("<disqus><thread>", "not well-formed"),
    ("<rss><channel><item/></channel></rss>", "not a Disqus export"),
])
def test_other_files_are_refused_with_a_reason(tmp_path, text, message):
    path = tmp_path / "odd.xml"
    path.write_text(text)
    with pytest.raises(BadFile, match=message):
        list(disqus.read(path))


def test_the_command_prints_counts_and_refuses_bombs(app, db, sample, tmp_path):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["import", "disqus", str(sample)])
    assert first.exit_code == 0, first.output
    assert "articles: 2 created" in first.output and "users: 5 created" in first.output
    assert "comments: 10 created, 0 skipped" in first.output
    second = runner.invoke(args=["import", "disqus", str(sample)])
    assert "comments: 0 created, 10 skipped" in second.output and "users: 0 created" in second.output
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BOMB)
    refused = runner.invoke(args=["import", "disqus", str(bomb)])
    assert refused.exit_code == 1 and "DTD" in refused.output and "XML bomb" in refused.output


def test_the_imported_thread_reads_like_any_other(client, db, sample):
    import_export(disqus.read(sample))
    rail = db.session.scalar(sa.select(Article).where(Article.import_source == "disqus", Article.external_id == "10"))
    page = client.get(f"/articles/{rail.slug}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "Not so sure." in html and "Zoe_Aberg" in html
    assert "Deleted by its author." in html and "Something I regret." not in html  # a tombstone, it has a reply
    assert "Cheap pills" not in html and "alert(" not in html


@pytest.mark.parametrize("created", ["9999-12-31T23:59:59-12:00", "0001-01-01T00:00:00+14:00", "2013-02-30T00:00:00Z"])
def test_a_date_out_of_range_ends_the_command_with_one_line_and_nothing_written(app, db, tmp_path, created):
    path = tmp_path / "odd-date.xml"
    path.write_text(HEADER + thread(10, "https://news.example.org/a", "A")
                    + post(101, 10, "<p>Hi.</p>", created, **ADA) + "</disqus>\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "disqus", str(path)])
    assert result.exit_code == 1 and result.exception is None or isinstance(result.exception, SystemExit)
    assert result.output.strip().count("\n") == 0 and "no valid createdAt" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0


def test_elements_nested_past_the_limit_are_refused_as_they_open(tmp_path):
    path = tmp_path / "deep.xml"
    path.write_text(HEADER + thread(10, "https://news.example.org/a", "A").replace(
        "<message/>", "<message>" + "<b>" * 100 + "</b>" * 100 + "</message>") + "</disqus>\n", encoding="utf-8")
    with pytest.raises(BadFile, match="deeper than 32 levels"):
        list(disqus.read(path))


def test_a_message_longer_than_any_article_is_refused_before_it_is_cleaned(app, db, tmp_path):
    from forum.actions.articles import BODY_MAX_CHARS

    path = tmp_path / "long.xml"
    path.write_text(HEADER + thread(10, "https://news.example.org/a", "A")
                    + post(101, 10, "&lt;" * (BODY_MAX_CHARS // 4 + 1), "2013-01-02T03:04:05Z", **ADA)
                    + "</disqus>\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["import", "disqus", str(path)])
    assert result.exit_code == 1 and f"Comment 101 is {BODY_MAX_CHARS + 4:,} characters long" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Comment)) == 0
