"""Indexes for the writer's event look-up: one for each anchor `same_event` accepts.

A report's stored event has the same type and modality and either the same or a nearby place,
or the same actor pair. With only `(type, modality)` indexed, SQLite walked every event of that
type and modality for each report, a cost that grows with the store. `(type, modality,
place_id)` serves the place anchors (the nearby places come from `places(lat, lon)`), and
`(type, modality, source_id, target_id)` the actor pair; both start with the columns of the
old `(type, modality)` index, which they replace.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

NEW = {
    "ix_events_type_modality_place": ("events", ["type", "modality", "place_id"]),
    "ix_events_type_modality_pair": ("events", ["type", "modality", "source_id", "target_id"]),
    "ix_places_lat_lon": ("places", ["lat", "lon"]),
}


def upgrade() -> None:
    for name, (table, columns) in NEW.items():
        op.create_index(name, table, columns)
    op.drop_index("ix_events_type_modality", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_type_modality", "events", ["type", "modality"])
    for name, (table, _) in NEW.items():
        op.drop_index(name, table_name=table)
