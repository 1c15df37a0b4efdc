"""`flask demo`: staff, readers and one published article, loaded once however often it runs."""
import re
import stat
from pathlib import Path

import frontmatter
import html5lib
import pytest
import sqlalchemy as sa

from forum.actions.accounts import find_user
from forum.models import Article, ArticleStatus, Comment, User
from tests.conftest import skip_or_fail

SHARED_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared" / "content" / "can-rivals-cooperate-on-ai-safety.md"
ACCOUNT_LINE = re.compile(r"^\s+(\S+)\s+(admin|moderator|reader)\s+password: (\S+)\s*$", re.MULTILINE)


@pytest.fixture
def instance_dir(app, tmp_path, monkeypatch) -> Path:
    """The demo writes its credentials file here rather than in the session's shared instance folder."""
    monkeypatch.setitem(app.config, "INSTANCE_DIR", str(tmp_path))
    return tmp_path


@pytest.fixture
def run_demo(app, db, instance_dir):
    runner = app.test_cli_runner()

    def run():
        result = runner.invoke(args=["demo"])
        assert result.exit_code == 0, result.output
        return result

    return run


def printed_accounts(output: str) -> dict[str, tuple[str, str]]:
    """username -> (role, password), as the command prints them."""
    return {name: (role, password) for name, role, password in ACCOUNT_LINE.findall(output)}


def counts(db) -> tuple[int, int, int]:
    db.session.expire_all()
    return tuple(
        db.session.scalar(sa.select(sa.func.count()).select_from(model)) for model in (User, Article, Comment)
    )


def test_second_run_creates_nothing(db, run_demo):
    before = counts(db)
    first = run_demo()
    after_first = counts(db)
    assert all(after > start for after, start in zip(after_first, before)), "the demo adds users, an article, comments"

    second = run_demo()
    assert counts(db) == after_first
    assert "nothing changed" in second.output
    # The passwords are shown again, from the file the first run saved.
    assert printed_accounts(second.output) == printed_accounts(first.output)


def test_first_run_prints_a_password_for_each_role(run_demo, instance_dir):
    accounts = printed_accounts(run_demo().output)
    roles = [role for role, _ in accounts.values()]
    assert roles.count("admin") == 1
    assert roles.count("moderator") == 1
    assert roles.count("reader") >= 2
    passwords = [password for _, password in accounts.values()]
    assert len(set(passwords)) == len(passwords)
    assert all(len(password) >= 10 for password in passwords)

    credentials = instance_dir / "demo-credentials.txt"
    assert stat.S_IMODE(credentials.stat().st_mode) == 0o600
    assert all(password in credentials.read_text() for password in passwords)


def test_printed_passwords_sign_in(client, auth, run_demo):
    accounts = printed_accounts(run_demo().output)
    [admin_name] = [name for name, (role, _) in accounts.items() if role == "admin"]
    auth.login(find_user(admin_name), password=accounts[admin_name][1])
    assert client.get("/admin/").status_code == 200

    auth.logout()
    reader_name = next(name for name, (role, _) in accounts.items() if role == "reader")
    auth.login(find_user(reader_name), password=accounts[reader_name][1])
    assert client.get("/admin/").status_code == 403


def demo_article(db, output: str) -> Article:
    """The article the command names: "Demo article: http://…/articles/<slug>"."""
    slug = re.search(r"^Demo article: \S*/articles/(\S+)$", output, re.MULTILINE).group(1)
    db.session.expire_all()
    return db.session.scalar(sa.select(Article).where(Article.slug == slug))


def test_demo_article_is_published_with_its_question(client, db, run_demo):
    article = demo_article(db, run_demo().output)
    assert article.status == ArticleStatus.PUBLISHED
    assert article.question
    assert [stance.label for stance in article.stances] == ["Yes", "No", "It depends"]

    body = html5lib.parseFragment(article.body_html, treebuilder="etree", namespaceHTMLElements=False)
    assert len(list(body.iter("h2"))) >= 2
    assert len(list(body.iter("table"))) == 1
    assert len(list(body.iter("th"))) >= 2

    assert client.get(f"/articles/{article.slug}").status_code == 200
    assert f'href="/articles/{article.slug}"' in client.get("/").get_data(as_text=True)


def _word_runs(text: str, length: int) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i:i + length]) for i in range(len(words) - length + 1)}


def test_demo_article_is_written_in_its_own_words(db, run_demo):
    """The issue asks for the shared article's facts, not its sentences."""
    if not SHARED_ARTICLE.is_file():
        skip_or_fail(f"the shared article is not at {SHARED_ARTICLE} (it sits beside the repository)")
    article = demo_article(db, run_demo().output)
    shared_body = frontmatter.loads(SHARED_ARTICLE.read_text(encoding="utf-8")).content
    # Eight words in a row: long enough to skip names like "Ministry of Industry and Information Technology".
    copied = _word_runs(article.body_source, 8) & _word_runs(shared_body, 8)
    assert not copied, sorted(" ".join(run) for run in copied)[:5]
