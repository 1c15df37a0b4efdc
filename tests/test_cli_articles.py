"""`flask articles import FILE [--publish]`: front matter and Markdown in, an article created or updated."""
from pathlib import Path

import html5lib
import pytest
import sqlalchemy as sa

from forum.models import Article, ArticleStatus
from tests.conftest import skip_or_fail

SHARED_ARTICLE = Path(__file__).resolve().parents[1].parent / "shared" / "content" / "can-rivals-cooperate-on-ai-safety.md"

SMALL_ARTICLE = """\
---
title: "Chips, Talks and Trust"
slug: chips-talks-trust
summary: A short piece for the import test.
question: Should rivals share safety tests?
stances:
  - "Yes"
  - "No"
  - It depends
---

# Opening

A paragraph with *emphasis*.

- first point
- second point

| Side | Tool |
|---|---|
| US | Export controls |
"""


@pytest.fixture
def import_file(app, db):
    """Run the import command on a path; returns click's result."""
    runner = app.test_cli_runner()

    def run(path, *options):
        return runner.invoke(args=["articles", "import", str(path), *options])

    return run


@pytest.fixture
def write(tmp_path):
    def write_file(text: str, name: str = "article.md") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


def article_by_slug(db, slug) -> Article | None:
    db.session.expire_all()
    return db.session.scalar(sa.select(Article).where(Article.slug == slug))


def article_count(db) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Article))


def tags_in(html: str) -> list[str]:
    fragment = html5lib.parseFragment(html, treebuilder="etree", namespaceHTMLElements=False)
    return [element.tag for element in fragment.iter() if isinstance(element.tag, str) and element is not fragment]


def test_import_a_small_file_as_a_draft(db, import_file, write):
    result = import_file(write(SMALL_ARTICLE))
    assert result.exit_code == 0, result.output
    assert "Created /articles/chips-talks-trust" in result.output

    article = article_by_slug(db, "chips-talks-trust")
    assert article.title == "Chips, Talks and Trust"
    assert article.summary == "A short piece for the import test."
    assert article.status == ArticleStatus.DRAFT and article.published_at is None
    assert article.question == "Should rivals share safety tests?"
    assert [stance.label for stance in article.stances] == ["Yes", "No", "It depends"]
    assert article.body_source.lstrip().startswith("# Opening")
    tags = tags_in(article.body_html)
    assert tags.count("h2") == 1 and "h1" not in tags
    assert {"em", "ul", "li", "table", "th", "td"} <= set(tags)


def test_import_with_publish(db, import_file, write):
    result = import_file(write(SMALL_ARTICLE), "--publish")
    assert result.exit_code == 0, result.output
    article = article_by_slug(db, "chips-talks-trust")
    assert article.status == ArticleStatus.PUBLISHED and article.published_at is not None


def test_import_with_an_author(db, make, import_file, write):
    admin, reader = make.user(role="admin"), make.user()
    result = import_file(write(SMALL_ARTICLE), "--publish", "--author", admin.username)
    assert result.exit_code == 0, result.output
    assert article_by_slug(db, "chips-talks-trust").author_id == admin.id
    refused = import_file(write(SMALL_ARTICLE, "other.md"), "--author", reader.username)
    assert refused.exit_code == 1 and "is not an admin" in refused.output
    unknown = import_file(write(SMALL_ARTICLE, "third.md"), "--author", "nobody-by-that-name")
    assert unknown.exit_code == 1 and "No user named 'nobody-by-that-name'." in unknown.output


def test_importing_the_same_slug_again_updates(db, import_file, write):
    assert import_file(write(SMALL_ARTICLE)).exit_code == 0
    first = article_by_slug(db, "chips-talks-trust")
    count = article_count(db)

    changed = SMALL_ARTICLE.replace("Chips, Talks and Trust", "Chips, Talks and Some Trust")
    changed = changed.replace("A paragraph with *emphasis*.", "A rewritten paragraph.")
    result = import_file(write(changed, "again.md"), "--publish")
    assert result.exit_code == 0, result.output
    assert "Updated /articles/chips-talks-trust" in result.output

    again = article_by_slug(db, "chips-talks-trust")
    assert article_count(db) == count
    assert again.id == first.id
    assert again.title == "Chips, Talks and Some Trust"
    assert "A rewritten paragraph." in again.body_html and "emphasis" not in again.body_html
    assert again.status == ArticleStatus.PUBLISHED


def test_slug_is_derived_from_the_title_when_absent(db, import_file, write):
    result = import_file(write('---\ntitle: "No Slug Given: Still Fine"\n---\nBody.\n'))
    assert result.exit_code == 0, result.output
    assert article_by_slug(db, "no-slug-given-still-fine") is not None


def test_stances_may_be_a_comma_separated_string(db, import_file, write):
    text = "---\ntitle: Comma Stances\nquestion: Agree?\nstances: Yes, No, It depends\n---\nBody.\n"
    assert import_file(write(text)).exit_code == 0
    assert [s.label for s in article_by_slug(db, "comma-stances").stances] == ["Yes", "No", "It depends"]


@pytest.mark.parametrize("front_matter", [
    "title: [unclosed\n",
    "title: Fine\nsummary: 'open quote\n",
    "title: Fine\n  bad: indentation\n: nothing\n",
])
def test_bad_yaml_front_matter_is_a_clear_error(db, import_file, write, front_matter):
    count = article_count(db)
    result = import_file(write(f"---\n{front_matter}---\nBody.\n"))
    assert result.exit_code != 0
    assert "front matter is not valid YAML" in result.output
    assert "Traceback" not in result.output
    assert article_count(db) == count


@pytest.mark.parametrize("text", [
    "---\nslug: no-title\nsummary: Nothing else.\n---\nBody.\n",
    "Just a Markdown body without any front matter.\n",
    '---\ntitle: "   "\n---\nBody.\n',
])
def test_file_without_a_title_is_a_clear_error(db, import_file, write, text):
    count = article_count(db)
    result = import_file(write(text))
    assert result.exit_code != 0
    assert "title" in result.output and "needs a title" in result.output
    assert article_count(db) == count


def test_over_long_title_is_a_clear_error(db, import_file, write):
    result = import_file(write("---\ntitle: " + "Long " * 50 + "\n---\nBody.\n"))
    assert result.exit_code != 0
    assert "title is longer than 200 characters" in result.output
    assert "Traceback" not in result.output


def test_refused_stances_are_reported(db, import_file, write):
    result = import_file(write("---\ntitle: One Stance\nquestion: Agree?\nstances: [Only]\n---\nBody.\n"))
    assert result.exit_code != 0
    assert "stances" in result.output
    assert article_by_slug(db, "one-stance") is None


def test_missing_file_is_an_error(import_file, tmp_path):
    result = import_file(tmp_path / "absent.md")
    assert result.exit_code != 0
    assert "does not exist" in result.output


# --- The real article in ../shared ---

@pytest.fixture
def shared_article() -> Path:
    if not SHARED_ARTICLE.is_file():
        skip_or_fail(f"the shared article is not at {SHARED_ARTICLE} (it sits beside the repository)")
    return SHARED_ARTICLE


def test_import_the_shared_article(db, import_file, shared_article):
    result = import_file(shared_article)
    assert result.exit_code == 0, result.output

    article = article_by_slug(db, "can-rivals-cooperate-on-ai-safety")
    assert article.title == "From Arms Race to Guardrails: Can Rivals Cooperate on AI Safety?"
    assert article.status == ArticleStatus.DRAFT
    assert article.question.startswith("Do you believe the US and China can truly cooperate")
    assert [stance.label for stance in article.stances] == ["Yes", "No", "It depends"]
    tags = tags_in(article.body_html)
    assert tags.count("h2") == 4
    assert tags.count("li") == 3
    assert {"table", "thead", "th", "td"} <= set(tags)
    assert "Compute Power/FLOPs" in article.body_html


def test_importing_the_shared_article_twice_updates_it(db, import_file, shared_article):
    assert import_file(shared_article).exit_code == 0
    count = article_count(db)
    result = import_file(shared_article, "--publish")
    assert result.exit_code == 0, result.output
    assert "Updated" in result.output
    assert article_count(db) == count
    assert article_by_slug(db, "can-rivals-cooperate-on-ai-safety").status == ArticleStatus.PUBLISHED
