"""Article actions, called directly: slugs, stances, publishing and who may write."""
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from forum.actions import Forbidden, Refused
from forum.actions import articles as article_actions
from forum.actions.articles import ArticleDraft, publish_article, save_article, unpublish_article
from forum.models import Article, ArticleStance, ArticleStatus, ModerationAction, Verb


@pytest.fixture
def admin(make):
    return make.user(role="admin")


def draft(title="Can Rivals Cooperate?", **fields) -> ArticleDraft:
    return ArticleDraft(title=title, body=fields.pop("body", "Some *text*."), **fields)


def stance_rows(db, article) -> dict[str, tuple[int, str, int]]:
    """key -> (id, label, position), read back from the database."""
    rows = db.session.execute(
        sa.select(ArticleStance.key, ArticleStance.id, ArticleStance.label, ArticleStance.position)
        .where(ArticleStance.article_id == article.id)
    )
    return {key: (id_, label, position) for key, id_, label, position in rows}


# --- Slugs ---

def test_create_derives_the_slug_from_the_title(db, admin):
    article = save_article(admin, None, draft("Can Rivals Cooperate on AI Safety? Yes!"))
    assert article.slug == "can-rivals-cooperate-on-ai-safety-yes"
    assert article.status == ArticleStatus.DRAFT
    assert article.author == admin
    assert db.session.scalar(sa.select(Article.title).where(Article.slug == article.slug)) == article.title


def test_explicit_slug_is_slugified(db, admin):
    article = save_article(admin, None, draft("Any title", slug="  My Own Slug, Please!  "))
    assert article.slug == "my-own-slug-please"


def test_slug_clash_is_refused_naming_the_other_article(db, admin):
    first = save_article(admin, None, draft("The First Article", slug="shared-slug"))
    with pytest.raises(Refused) as refusal:
        save_article(admin, None, draft("The Second Article", slug="Shared Slug"))
    assert refusal.value.field == "slug"
    assert "The First Article" in refusal.value.message
    assert db.session.scalars(sa.select(Article.id).where(Article.slug == "shared-slug")).all() == [first.id]


def test_same_title_twice_clashes_on_the_derived_slug(db, admin):
    save_article(admin, None, draft("Same Title"))
    with pytest.raises(Refused) as refusal:
        save_article(admin, None, draft("Same Title"))
    assert refusal.value.field == "slug"


def test_saving_an_article_again_keeps_its_own_slug(db, admin):
    article = save_article(admin, None, draft("Stable", slug="stable"))
    again = save_article(admin, article, draft("Stable, retitled", slug="stable"))
    assert again.id == article.id and again.slug == "stable" and again.title == "Stable, retitled"


def test_title_is_required(db, admin):
    with pytest.raises(Refused) as refusal:
        save_article(admin, None, draft("   "))
    assert refusal.value.field == "title"


@pytest.mark.parametrize("fields, field", [
    ({"title": "T" * 201}, "title"),
    ({"question": "Q" * 301, "stances": ["Yes", "No"]}, "question"),
])
def test_over_long_title_or_question_is_refused(db, admin, fields, field):
    with pytest.raises(Refused) as refusal:
        save_article(admin, None, draft(**fields))
    assert refusal.value.field == field


def test_longest_title_and_question_fit(db, admin):
    article = save_article(admin, None, draft("T" * 200, question="Q" * 300))
    db.session.expire_all()
    assert len(article.title) == 200 and len(article.question) == 300


# --- Body ---

def test_body_is_rendered_and_cleaned_and_the_source_kept(db, admin):
    body = "## Section\n\n<script>alert(1)</script><img src=x onerror=alert(1)>Text."
    article = save_article(admin, None, draft(body=body))
    assert article.body_source == body
    assert "<h2>Section</h2>" in article.body_html
    assert "<script" not in article.body_html and "alert" not in article.body_html
    assert "onerror" not in article.body_html


# --- Question and stances ---

@pytest.mark.parametrize("stances", [["Yes"], ["A", "B", "C", "D", "E", "F", "G"]], ids=["one", "seven"])
def test_stance_count_out_of_range_is_refused(db, admin, stances):
    with pytest.raises(Refused) as refusal:
        save_article(admin, None, draft(question="Agree?", stances=stances))
    assert refusal.value.field == "stances"


@pytest.mark.parametrize("stances", [["Yes", "No"], ["A", "B", "C", "D", "E", "F"]], ids=["two", "six"])
def test_stance_count_in_range_is_saved(db, admin, stances):
    article = save_article(admin, None, draft(question="Agree?", stances=stances))
    assert [stance.label for stance in article.stances] == stances


def test_duplicate_stances_are_refused(db, admin):
    with pytest.raises(Refused) as refusal:
        save_article(admin, None, draft(question="Agree?", stances=["Yes", "No", "yes"]))
    assert refusal.value.field == "stances"


def test_stances_without_a_question_are_refused(db, admin):
    with pytest.raises(Refused) as refusal:
        save_article(admin, None, draft(question="  ", stances=["Yes", "No"]))
    assert refusal.value.field == "question"


def test_question_and_stances_are_stored_in_order(db, admin):
    article = save_article(admin, None, draft(question=" Can they? ", stances=["Yes", "No", "It depends"]))
    assert article.question == "Can they?"
    rows = stance_rows(db, article)
    assert {key: (label, position) for key, (_, label, position) in rows.items()} == {
        "yes": ("Yes", 0), "no": ("No", 1), "it-depends": ("It depends", 2),
    }


def test_stances_keep_their_rows_when_relabelled_and_reordered(db, admin):
    article = save_article(admin, None, draft(question="Can they?", stances=["Yes", "No", "It depends"]))
    before = stance_rows(db, article)

    save_article(admin, article, draft(question="Can they?", stances=["It Depends!", "NO", "Yes"]))
    db.session.expire_all()
    after = stance_rows(db, article)

    assert {key: row[0] for key, row in after.items()} == {key: row[0] for key, row in before.items()}
    assert after["it-depends"][1:] == ("It Depends!", 0)
    assert after["no"][1:] == ("NO", 1)
    assert after["yes"][1:] == ("Yes", 2)


def test_removed_stance_is_deleted_and_a_new_one_gets_a_new_row(db, admin):
    article = save_article(admin, None, draft(question="Can they?", stances=["Yes", "No", "It depends"]))
    before = stance_rows(db, article)

    save_article(admin, article, draft(question="Can they?", stances=["Yes", "Not yet"]))
    db.session.expire_all()
    after = stance_rows(db, article)

    assert set(after) == {"yes", "not-yet"}
    assert after["yes"][0] == before["yes"][0]
    assert after["not-yet"][0] not in {row[0] for row in before.values()}


# --- Publishing ---

def test_publish_sets_published_at_once_and_keeps_it(db, admin, monkeypatch):
    first_time = datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc)
    monkeypatch.setattr(article_actions, "utcnow", lambda: first_time)
    article = save_article(admin, None, draft())
    assert article.published_at is None

    publish_article(admin, article)
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == first_time

    monkeypatch.setattr(article_actions, "utcnow", lambda: first_time + timedelta(days=3))
    unpublish_article(admin, article)
    db.session.expire_all()
    assert article.status == ArticleStatus.DRAFT
    assert article.published_at == first_time

    publish_article(admin, article)
    db.session.expire_all()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.published_at == first_time


def test_editing_a_published_article_keeps_it_published(db, admin):
    article = save_article(admin, None, draft())
    publish_article(admin, article)
    save_article(admin, article, draft("A better title"))
    db.session.expire_all()
    assert article.status == ArticleStatus.PUBLISHED
    assert article.title == "A better title"


def test_a_public_threads_moderation_mode_is_logged_when_it_changes(db, admin):
    """Outside test 7: pre-moderating one article held every comment on it and left no row in the public log."""
    article = save_article(admin, None, draft(moderation_mode="pre"))
    publish_article(admin, article)
    save_article(admin, article, draft(moderation_mode="pre"))  # unchanged: no row
    save_article(admin, article, draft())  # back to the site's policy

    rows = db.session.scalars(sa.select(ModerationAction).where(ModerationAction.article_id == article.id)
                              .order_by(ModerationAction.id)).all()
    assert [(row.verb, row.reason) for row in rows] == [
        (Verb.PUBLISH, "moderation: every comment waits for a moderator"),
        (Verb.POLICY_CHANGE, "moderation of this thread: as the site policy says")]


# --- Who may write ---

@pytest.mark.parametrize("role", ["reader", "moderator"])
def test_non_admin_may_not_write(db, make, admin, role):
    actor = make.user(role=role)
    with pytest.raises(Forbidden):
        save_article(actor, None, draft("Not theirs to write"))
    assert db.session.scalar(sa.select(Article).where(Article.title == "Not theirs to write")) is None

    article = save_article(admin, None, draft())
    with pytest.raises(Forbidden):
        save_article(actor, article, draft("Changed by them"))
    with pytest.raises(Forbidden):
        publish_article(actor, article)
    assert article.status == ArticleStatus.DRAFT

    publish_article(admin, article)
    with pytest.raises(Forbidden):
        unpublish_article(actor, article)
    assert article.status == ArticleStatus.PUBLISHED
