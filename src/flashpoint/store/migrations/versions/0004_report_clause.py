"""Clause roles: `clause` on each event report, where its trigger sits in its sentence, and
`coded`, whether the report is the event its sentence is coded for.

`clause` is a nullable string, one of `main`, `argument`, `reported`, `subordinate`
(`model.ClauseRole`); `coded` a nullable boolean (`model.main_event` among the events of the
report's sentence). Reports stored before this revision keep None, which means unknown: the
exports' main-clause filter counts them as coded, so an upgraded store loses no event.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("event_sources") as batch:
        batch.add_column(sa.Column("clause", sa.String(), nullable=True))
        batch.add_column(sa.Column("coded", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("event_sources") as batch:
        batch.drop_column("coded")
        batch.drop_column("clause")
