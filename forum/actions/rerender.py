"""Re-render stored Markdown after the renderer or its allow-lists changed (RENDERER_VERSION)."""
import sqlalchemy as sa

from forum.actions.visibility import bump_versions
from forum.extensions import db
from forum.markup import RENDERER_VERSION, Profile, render_body
from forum.models import Article


def rerender_stale(model, profile: Profile, batch_size: int = 500) -> int:
    """Re-render every row of `model` (Article or Comment) made by an older renderer; returns how many.

    Walks the table by primary key in batches, so memory stays flat on a large site.
    """
    count = 0
    last_id = 0
    while True:
        batch = db.session.scalars(
            sa.select(model)
            .where(model.renderer_version != RENDERER_VERSION, model.id > last_id)
            .order_by(model.id)
            .limit(batch_size)
        ).all()
        if not batch:
            return count
        for row in batch:
            row.body_html = render_body(row.body_source, profile, row.body_format)
            row.renderer_version = RENDERER_VERSION
        last_id = batch[-1].id
        count += len(batch)
        db.session.flush()
        # Cached thread pages show the old HTML until their thread's version moves on.
        bump_versions(row.id if model is Article else row.article_id for row in batch)
