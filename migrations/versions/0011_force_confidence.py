"""force confidence: a force signal keeps the force classifier's probability, so that a job counts a person for a
force only where the classifier is confident (pipelines.forces.is_confident_force); forces stored before this have
none and count as they did then, until their interview is ingested again

Revision ID: 0011
Revises: 0010
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("utterance_signals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("confidence", sa.Float(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("utterance_signals", schema=None) as batch_op:
        batch_op.drop_column("confidence")
