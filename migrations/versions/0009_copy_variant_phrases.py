"""copy variant phrases stored once: the copy_variant_phrases rows (with their order) are the one home of the
phrases a variant uses; copy_variants.phrase_ids (a JSON copy of the same ids, never read back) is dropped

Revision ID: 0009
Revises: 0008
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

variants = sa.table("copy_variants", sa.column("id", sa.Integer()), sa.column("phrase_ids", sa.JSON()))
links = sa.table(
    "copy_variant_phrases",
    sa.column("variant_id", sa.Integer()),
    sa.column("phrase_id", sa.Integer()),
    sa.column("position", sa.Integer()),
)
phrases = sa.table("phrases", sa.column("id", sa.Integer()))


def upgrade() -> None:
    with op.batch_alter_table("copy_variant_phrases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("position", sa.Integer(), nullable=True))
    bind = op.get_bind()
    # The JSON list kept the order the test gave: rebuild the rows from it (each phrase once, first place wins),
    # leaving out ids whose phrase no longer exists, as the rows' foreign key would have.
    existing = set(bind.scalars(sa.select(phrases.c.id)))
    rows = [
        {"variant_id": variant_id, "phrase_id": pid, "position": position}
        for variant_id, phrase_ids in bind.execute(sa.select(variants.c.id, variants.c.phrase_ids))
        for position, pid in enumerate(pid for pid in dict.fromkeys(phrase_ids or []) if pid in existing)
    ]
    bind.execute(sa.delete(links))
    if rows:
        bind.execute(sa.insert(links), rows)
    with op.batch_alter_table("copy_variant_phrases", schema=None) as batch_op:
        batch_op.alter_column("position", existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table("copy_variants", schema=None) as batch_op:
        batch_op.drop_column("phrase_ids")


def downgrade() -> None:
    with op.batch_alter_table("copy_variants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phrase_ids", sa.JSON(), nullable=True))
    bind = op.get_bind()
    by_variant: dict[int, list[int]] = {}
    for variant_id, phrase_id in bind.execute(
        sa.select(links.c.variant_id, links.c.phrase_id).order_by(links.c.variant_id, links.c.position)
    ):
        by_variant.setdefault(variant_id, []).append(phrase_id)
    for (variant_id,) in bind.execute(sa.select(variants.c.id)).all():
        bind.execute(
            sa.update(variants).where(variants.c.id == variant_id).values(phrase_ids=by_variant.get(variant_id, []))
        )
    with op.batch_alter_table("copy_variants", schema=None) as batch_op:
        batch_op.alter_column("phrase_ids", existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table("copy_variant_phrases", schema=None) as batch_op:
        batch_op.drop_column("position")
