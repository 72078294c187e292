"""search-only utterance vectors from a second model, and the model a project's search vectors come from

Revision ID: 0005
Revises: 0004
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("utterances", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_embedding", sa.LargeBinary(), nullable=True))
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_model", sa.String(length=200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("projects", schema=None) as batch_op:
        batch_op.drop_column("search_model")
    with op.batch_alter_table("utterances", schema=None) as batch_op:
        batch_op.drop_column("search_embedding")
