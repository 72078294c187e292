"""signal vectors and phrase members: each signal's own clause embedding, so phrase families group like clauses,
and the (hashed) keys of clauses that joined a family, so that the same clause said again rejoins it

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("utterance_signals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("embedding", sa.LargeBinary(), nullable=True))
    op.create_table(
        "phrase_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("phrase_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_phrase_members_project_id_projects"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["phrase_id"], ["phrases.id"], name=op.f("fk_phrase_members_phrase_id_phrases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phrase_members")),
        sa.UniqueConstraint("project_id", "kind", "key_hash", name=op.f("uq_phrase_members_project_id")),
    )
    with op.batch_alter_table("phrase_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phrase_members_phrase_id"), ["phrase_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("phrase_members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phrase_members_phrase_id"))
    op.drop_table("phrase_members")
    with op.batch_alter_table("utterance_signals", schema=None) as batch_op:
        batch_op.drop_column("embedding")
