"""two job levels with titles; quoted and job-talk utterances; phrase support by people

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.alter_column("label", new_column_name="title", existing_type=sa.String(length=300))
        batch_op.alter_column("label_source", new_column_name="title_source", existing_type=sa.String(length=10))
        batch_op.alter_column("keyphrases", new_column_name="keywords", existing_type=sa.JSON())
        batch_op.add_column(sa.Column("level", sa.String(length=10), nullable=False, server_default="detail"))
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_jobs_parent_id_jobs"), "jobs", ["parent_id"], ["id"], ondelete="SET NULL"
        )
        batch_op.create_index(batch_op.f("ix_jobs_parent_id"), ["parent_id"], unique=False)
    with op.batch_alter_table("utterances", schema=None) as batch_op:
        batch_op.add_column(sa.Column("quoted", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("job_talk", sa.Boolean(), nullable=True))
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("people", sa.Integer(), nullable=False, server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.drop_column("people")
    with op.batch_alter_table("utterances", schema=None) as batch_op:
        batch_op.drop_column("job_talk")
        batch_op.drop_column("quoted")
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_jobs_parent_id"))
        batch_op.drop_constraint(batch_op.f("fk_jobs_parent_id_jobs"), type_="foreignkey")
        batch_op.drop_column("parent_id")
        batch_op.drop_column("level")
        batch_op.alter_column("keywords", new_column_name="keyphrases", existing_type=sa.JSON())
        batch_op.alter_column("title_source", new_column_name="label_source", existing_type=sa.String(length=10))
        batch_op.alter_column("title", new_column_name="label", existing_type=sa.String(length=300))
