"""WordPress exports (WXR) come in with their posts, comment authors, nesting, dates and statuses, once."""
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from forum.actions.imports import import_export
from forum.actions.rerender import rerender_stale
from forum.interchange import BadFile, wordpress
from forum.markup import Profile
from forum.models import Article, ArticleStatus, Comment, CommentStatus, User

SITE = "https://blog.example.org"


def comment(cid, author, content, date, approved="1", parent=0, email="", user_id=0, kind="comment"):
    return f"""
    <wp:comment>
      <wp:comment_id>{cid}</wp:comment_id>
      <wp:comment_author><![CDATA[{author}]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[{email}]]></wp:comment_author_email>
      <wp:comment_author_url>https://example.net/</wp:comment_author_url>
      <wp:comment_author_IP><![CDATA[127.0.0.1]]></wp:comment_author_IP>
      <wp:comment_date><![CDATA[{date}]]></wp:comment_date>
      <wp:comment_date_gmt><![CDATA[{date}]]></wp:comment_date_gmt>
      <wp:comment_content><![CDATA[{content}]]></wp:comment_content>
      <wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
      <wp:comment_type><![CDATA[{kind}]]></wp:comment_type>
      <wp:comment_parent>{parent}</wp:comment_parent>
      <wp:comment_user_id>{user_id}</wp:comment_user_id>
    </wp:comment>"""


def item(post_id, title, slug, body, comments="", post_type="post", status="publish", date="2012-03-04 05:06:07"):
    return f"""
  <item>
    <title>{title}</title>
    <link>{SITE}/{slug}/</link>
    <pubDate>Sun, 04 Mar 2012 05:06:07 +0000</pubDate>
    <dc:creator><![CDATA[admin]]></dc:creator>
    <guid isPermaLink="false">{SITE}/?p={post_id}</guid>
    <content:encoded><![CDATA[{body}]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_id>{post_id}</wp:post_id>
    <wp:post_date><![CDATA[{date}]]></wp:post_date>
    <wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>
    <wp:comment_status><![CDATA[open]]></wp:comment_status>
    <wp:post_name><![CDATA[{slug}]]></wp:post_name>
    <wp:status><![CDATA[{status}]]></wp:status>
    <wp:post_type><![CDATA[{post_type}]]></wp:post_type>{comments}
  </item>"""


def wxr(*items):
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>A blog</title>
  <link>{SITE}</link>
  <description>Thoughts</description>
  <language>en-GB</language>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>{SITE}</wp:base_site_url>
  <wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[admin]]></wp:author_login></wp:author>
  {"".join(items)}
</channel>
</rss>
"""


SAMPLE = wxr(
    item(1, "Hello world", "hello-world", "First paragraph.\n\nSecond with <strong>bold</strong>.", "".join([
        comment(11, "Jörg Müller", "Great post!\nReally.\n\nSecond thought.", "2012-03-05 10:00:00",
                email="jorg@example.org"),
        comment(12, "Ann Author", "Thanks, Jörg.", "2012-03-05 11:00:00", parent=11, user_id=1,
                email="ann@example.org"),
        comment(13, "Anonymous", "Me too <script>document.cookie</script><em>really</em>",
                "2012-03-05 12:00:00", parent=12),  # no e-mail
        comment(14, "Pending Pete", "Waiting here", "2012-03-06 00:00:00", approved="0", email="pete@example.org"),
        comment(15, "Spam Bot", "Buy <a href='http://spam.example'>pills</a>", "2012-03-06 01:00:00",
                approved="spam", email="bot@example.org"),
        comment(16, "Jörg Müller", "I take it back.", "2012-03-06 02:00:00", approved="trash",
                email="jorg@example.org"),
        comment(17, "Other Blog", "Linked to you", "2012-03-06 03:00:00", kind="pingback"),
    ])),
    item(2, "About", "about", "<p>A page about us.</p>", post_type="page"),
    item(3, "A draft", "a-draft", "Not yet.", status="draft"),
    item(4, "logo.png", "logo", "", post_type="attachment", status="inherit"),
    item(5, "Second post", "second-post", "More.", comment(21, "李小龍", "你好", "2012-04-01 00:00:00",
                                                          email="li@example.org")),
)


@pytest.fixture
def sample(tmp_path):
    path = tmp_path / "wordpress.xml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def imported(db, model):
    return {row.external_id.rsplit("/", 2)[-2] + "/" + row.external_id.rsplit("/", 1)[-1]: row
            for row in db.session.scalars(sa.select(model).where(model.import_source == "wordpress"))}


def test_posts_and_pages_become_articles(db, sample):
    counts = import_export(wordpress.read(sample))
    assert (counts.articles_created, counts.users_created, counts.comments_created) == (4, 6, 7)
    assert counts.entries_skipped == 2  # the attachment and the pingback
    articles = imported(db, Article)
    assert set(articles) == {"post/1", "post/2", "post/3", "post/5"}
    hello = articles["post/1"]
    assert hello.slug == "hello-world" and hello.status == ArticleStatus.PUBLISHED
    assert hello.published_at == datetime(2012, 3, 4, 5, 6, 7, tzinfo=timezone.utc)
    assert hello.body_html == "<p>First paragraph.</p>\n<p>Second with <strong>bold</strong>.</p>\n"
    assert articles["post/3"].status == ArticleStatus.DRAFT


def test_comments_keep_nesting_dates_and_map_statuses(db, sample):
    import_export(wordpress.read(sample))
    c = imported(db, Comment)
    assert set(c) == {"comment/11", "comment/12", "comment/13", "comment/14", "comment/15", "comment/16", "comment/21"}
    assert c["comment/11"].created_at == datetime(2012, 3, 5, 10, 0, tzinfo=timezone.utc)
    assert (c["comment/12"].parent_id, c["comment/12"].depth) == (c["comment/11"].id, 1)
    assert (c["comment/13"].parent_id, c["comment/13"].root_id, c["comment/13"].depth) == (
        c["comment/12"].id, c["comment/11"].id, 2)
    statuses = {key: row.status for key, row in c.items()}
    assert statuses["comment/11"] == CommentStatus.PUBLISHED
    assert statuses["comment/14"] == CommentStatus.PENDING and c["comment/14"].reasons
    assert statuses["comment/15"] == CommentStatus.SPAM
    assert statuses["comment/16"] == CommentStatus.REJECTED
    assert c["comment/16"].rejection_reason == "In the WordPress trash when exported."
    assert c["comment/11"].body_html == "<p>Great post!<br>\nReally.</p>\n<p>Second thought.</p>\n"
    assert "<script" not in c["comment/13"].body_html and "cookie" not in c["comment/13"].body_html
    assert "<em>really</em>" in c["comment/13"].body_html


def test_authors_become_unclaimed_accounts(db, sample):
    import_export(wordpress.read(sample))
    users = {u.username: u for u in db.session.scalars(sa.select(User).where(User.import_source == "wordpress"))}
    assert set(users) == {"Jorg_Muller", "Ann_Author", "Anonymous", "Pending_Pete", "Spam_Bot", "Li_Xiao_Long"}
    assert users["Jorg_Muller"].email == "jorg@example.org"  # the same person twice: one account
    assert users["Anonymous"].email.endswith("@unclaimed.invalid")
    assert users["Ann_Author"].external_id == f"{SITE}/user/1"
    assert all(u.unclaimed and not u.check_password("") for u in users.values())
    jorg = users["Jorg_Muller"]
    db.session.refresh(jorg)
    assert (jorg.published_count, jorg.rejected_count) == (1, 1)


def test_counters_and_idempotency(db, sample):
    import_export(wordpress.read(sample))
    c = imported(db, Comment)
    hello = db.session.get(Article, c["comment/11"].article_id)
    db.session.refresh(hello)
    db.session.refresh(c["comment/11"])
    assert hello.comment_count == 3 and c["comment/11"].reply_count == 2
    again = import_export(wordpress.read(sample))
    assert (again.articles_created, again.users_created, again.comments_created) == (0, 0, 0)
    assert again.comments_skipped == 7
    assert len(imported(db, Comment)) == 7


def test_small_batches_give_the_same_result(db, sample, monkeypatch):
    from forum.actions import imports

    monkeypatch.setattr(imports, "BATCH_POSTS", 2)
    monkeypatch.setattr(imports, "BATCH_THREADS", 1)
    counts = import_export(wordpress.read(sample))
    assert (counts.articles_created, counts.users_created, counts.comments_created) == (4, 6, 7)
    c = imported(db, Comment)
    assert (c["comment/13"].root_id, c["comment/13"].depth) == (c["comment/11"].id, 2)
    assert imported(db, Article)["post/1"].body_html.startswith("<p>First paragraph.</p>")


def test_rerendering_keeps_imported_html_as_html(db, sample):
    import_export(wordpress.read(sample))
    c = imported(db, Comment)["comment/13"]
    before = c.body_html
    c.renderer_version = 0
    db.session.flush()
    assert rerender_stale(Comment, Profile.COMMENT) == 1
    assert c.body_html == before


def test_an_imported_post_edited_here_is_markdown_from_then_on(db, sample):
    from forum.actions.articles import ArticleDraft, save_article

    import_export(wordpress.read(sample))
    post = imported(db, Article)["post/1"]
    assert post.body_format == "html"
    save_article(None, post, ArticleDraft(title=post.title, body="Now **in Markdown**.", slug=post.slug))
    post.renderer_version = 0
    db.session.flush()
    rerender_stale(Article, Profile.ARTICLE)
    assert post.body_format == "markdown" and "<strong>in Markdown</strong>" in post.body_html


def test_an_xml_bomb_is_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
                    "<rss><channel><item><title>&b;</title></item></channel></rss>")
    with pytest.raises(BadFile, match="XML bomb"):
        list(wordpress.read(path))


def test_a_disqus_file_is_not_a_wordpress_one(tmp_path):
    path = tmp_path / "disqus.xml"
    path.write_text('<disqus xmlns="http://disqus.com"><thread><link>https://x.example</link></thread></disqus>')
    with pytest.raises(BadFile, match="not a WordPress export"):
        list(wordpress.read(path))


def test_the_command_prints_counts(app, db, sample):
    result = app.test_cli_runner().invoke(args=["import", "wordpress", str(sample)])
    assert result.exit_code == 0, result.output
    assert "articles: 4 created" in result.output and "comments: 7 created, 0 skipped" in result.output
