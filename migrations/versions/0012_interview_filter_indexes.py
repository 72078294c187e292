"""interview filter indexes: search's segment and industry filters find a project's interviews of one value through an
index instead of walking every interview row of the project

Revision ID: 0012
Revises: 0011
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_interviews_project_segment", "interviews", ["project_id", "segment"])
    op.create_index("ix_interviews_project_industry", "interviews", ["project_id", "industry"])


def downgrade() -> None:
    op.drop_index("ix_interviews_project_industry", table_name="interviews")
    op.drop_index("ix_interviews_project_segment", table_name="interviews")
