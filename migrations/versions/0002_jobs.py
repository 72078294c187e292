"""jobs, job memberships and utterance signals

Revision ID: 0002
Revises: 0001
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.Column("label_source", sa.String(length=10), nullable=False),
        sa.Column("keyphrases", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("merged_into_id", sa.Integer(), nullable=True),
        sa.Column("centroid", sa.LargeBinary(), nullable=True),
        sa.Column("statement", sa.JSON(), nullable=True),
        sa.Column("statement_source", sa.String(length=10), nullable=False),
        sa.Column("candidates", sa.JSON(), nullable=False),
        sa.Column("quote_ids", sa.JSON(), nullable=False),
        sa.Column("mining_run", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["merged_into_id"], ["jobs.id"], name=op.f("fk_jobs_merged_into_id_jobs"), ondelete="SET NULL"
        ),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_jobs_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    with op.batch_alter_table("jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_jobs_project_id"), ["project_id"], unique=False)

    op.create_table(
        "job_utterances",
        sa.Column("job_id", sa.Integer(), nullable=False),
        sa.Column("utterance_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("similarity", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["job_id"], ["jobs.id"], name=op.f("fk_job_utterances_job_id_jobs"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["utterance_id"],
            ["utterances.id"],
            name=op.f("fk_job_utterances_utterance_id_utterances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("job_id", "utterance_id", name=op.f("pk_job_utterances")),
    )
    with op.batch_alter_table("job_utterances", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_job_utterances_utterance_id"), ["utterance_id"], unique=False)

    op.create_table(
        "utterance_signals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("utterance_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("start_char", sa.Integer(), nullable=False),
        sa.Column("end_char", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_utterance_signals_project_id_projects"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["utterance_id"],
            ["utterances.id"],
            name=op.f("fk_utterance_signals_utterance_id_utterances"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_utterance_signals")),
    )
    with op.batch_alter_table("utterance_signals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_utterance_signals_kind"), ["kind"], unique=False)
        batch_op.create_index(batch_op.f("ix_utterance_signals_project_id"), ["project_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_utterance_signals_utterance_id"), ["utterance_id"], unique=False)


def downgrade() -> None:
    op.drop_table("utterance_signals")
    op.drop_table("job_utterances")
    op.drop_table("jobs")
