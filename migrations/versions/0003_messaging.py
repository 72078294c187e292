"""messaging: phrases, copy tests, events and api keys

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("prefix", sa.String(length=20), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=True),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_api_keys_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_api_keys_secret_hash")),
    )
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_api_keys_project_id"), ["project_id"], unique=False)

    op.create_table(
        "copy_tests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("channel", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("metric", sa.String(length=20), nullable=False),
        sa.Column("minimum_detectable_effect", sa.Float(), nullable=False),
        sa.Column("baseline_rate", sa.Float(), nullable=True),
        sa.Column("alpha", sa.Float(), nullable=False),
        sa.Column("power", sa.Float(), nullable=False),
        sa.Column("decision", sa.String(length=30), nullable=True),
        sa.Column("winner_variant_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_copy_tests_job_id_jobs"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_copy_tests_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copy_tests")),
    )
    with op.batch_alter_table("copy_tests", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_tests_job_id"), ["job_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_copy_tests_project_id"), ["project_id"], unique=False)

    op.create_table(
        "phrases",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=1000), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("support", sa.Integer(), nullable=False),
        sa.Column("utterance_count", sa.Integer(), nullable=False),
        sa.Column("job_id", sa.Integer(), nullable=True),
        sa.Column("quote_utterance_id", sa.Integer(), nullable=True),
        sa.Column("quote_interview_id", sa.Integer(), nullable=True),
        sa.Column("quote_start", sa.Float(), nullable=True),
        sa.Column("tests_run", sa.Integer(), nullable=False),
        sa.Column("wins", sa.Integer(), nullable=False),
        sa.Column("mean_lift", sa.Float(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["job_id"], ["jobs.id"], name=op.f("fk_phrases_job_id_jobs"), ondelete="SET NULL"),
        sa.ForeignKeyConstraint(
            ["project_id"], ["projects.id"], name=op.f("fk_phrases_project_id_projects"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phrases")),
        sa.UniqueConstraint("project_id", "kind", "key", name=op.f("uq_phrases_project_id")),
    )
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phrases_job_id"), ["job_id"], unique=False)
        batch_op.create_index("ix_phrases_project_support", ["project_id", "support", "id"], unique=False)
        batch_op.create_index("ix_phrases_project_tests_run", ["project_id", "tests_run"], unique=False)

    op.create_table(
        "copy_variants",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_test_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("statement_id", sa.Integer(), nullable=True),
        sa.Column("phrase_ids", sa.JSON(), nullable=False),
        sa.Column("impressions", sa.Integer(), nullable=False),
        sa.Column("clicks", sa.Integer(), nullable=False),
        sa.Column("conversions", sa.Integer(), nullable=False),
        sa.Column("final_lift", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["copy_test_id"],
            ["copy_tests.id"],
            name=op.f("fk_copy_variants_copy_test_id_copy_tests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"], ["jobs.id"], name=op.f("fk_copy_variants_statement_id_jobs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copy_variants")),
    )
    with op.batch_alter_table("copy_variants", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_variants_copy_test_id"), ["copy_test_id"], unique=False)

    op.create_table(
        "phrase_segments",
        sa.Column("phrase_id", sa.Integer(), nullable=False),
        sa.Column("segment", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["phrase_id"], ["phrases.id"], name=op.f("fk_phrase_segments_phrase_id_phrases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("phrase_id", "segment", name=op.f("pk_phrase_segments")),
    )
    with op.batch_alter_table("phrase_segments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_phrase_segments_segment"), ["segment"], unique=False)

    op.create_table(
        "copy_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("copy_test_id", sa.Integer(), nullable=False),
        sa.Column("client_id", sa.String(length=200), nullable=False),
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=12), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["copy_test_id"], ["copy_tests.id"], name=op.f("fk_copy_events_copy_test_id_copy_tests"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"],
            ["copy_variants.id"],
            name=op.f("fk_copy_events_variant_id_copy_variants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_copy_events")),
        sa.UniqueConstraint("copy_test_id", "client_id", name=op.f("uq_copy_events_copy_test_id")),
    )
    with op.batch_alter_table("copy_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_events_variant_id"), ["variant_id"], unique=False)

    op.create_table(
        "copy_variant_phrases",
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("phrase_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["phrase_id"], ["phrases.id"], name=op.f("fk_copy_variant_phrases_phrase_id_phrases"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["variant_id"],
            ["copy_variants.id"],
            name=op.f("fk_copy_variant_phrases_variant_id_copy_variants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("variant_id", "phrase_id", name=op.f("pk_copy_variant_phrases")),
    )
    with op.batch_alter_table("copy_variant_phrases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_copy_variant_phrases_phrase_id"), ["phrase_id"], unique=False)

    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("jobs_version", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("phrases_state", sa.String(length=40), nullable=True))

    with op.batch_alter_table("utterance_signals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phrase_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_utterance_signals_phrase_id"), ["phrase_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_utterance_signals_phrase_id_phrases"), "phrases", ["phrase_id"], ["id"], ondelete="SET NULL"
        )


def downgrade() -> None:
    with op.batch_alter_table("utterance_signals", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_utterance_signals_phrase_id_phrases"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_utterance_signals_phrase_id"))
        batch_op.drop_column("phrase_id")

    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_column("phrases_state")
        batch_op.drop_column("jobs_version")

    with op.batch_alter_table("copy_variant_phrases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copy_variant_phrases_phrase_id"))

    op.drop_table("copy_variant_phrases")
    with op.batch_alter_table("copy_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copy_events_variant_id"))

    op.drop_table("copy_events")
    with op.batch_alter_table("phrase_segments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_phrase_segments_segment"))

    op.drop_table("phrase_segments")
    with op.batch_alter_table("copy_variants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copy_variants_copy_test_id"))

    op.drop_table("copy_variants")
    with op.batch_alter_table("phrases", schema=None) as batch_op:
        batch_op.drop_index("ix_phrases_project_tests_run")
        batch_op.drop_index("ix_phrases_project_support")
        batch_op.drop_index(batch_op.f("ix_phrases_job_id"))

    op.drop_table("phrases")
    with op.batch_alter_table("copy_tests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_copy_tests_project_id"))
        batch_op.drop_index(batch_op.f("ix_copy_tests_job_id"))

    op.drop_table("copy_tests")
    with op.batch_alter_table("api_keys", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_api_keys_project_id"))

    op.drop_table("api_keys")
