"""Revision 0003: the event look-up's indexes, used by the look-up, added to old stores in place."""

from __future__ import annotations

import pytest
from sqlalchemy import MetaData, inspect, text

from flashpoint.store import schema
from flashpoint.store.database import Database, _create_engine, migrate, normalise_url
from flashpoint.store.prepared import _event_query

NEW_INDEXES = {
    "events": {
        "ix_events_type_modality_place": ["type", "modality", "place_id"],
        "ix_events_type_modality_pair": ["type", "modality", "source_id", "target_id"],
    },
    "places": {"ix_places_lat_lon": ["lat", "lon"]},
}
PARAMS = {
    "type": "assault",
    "modality": "asserted",
    "place": "gn:1",
    "source": "sdf",
    "target": "saa",
    "lat_lo": 35.0,
    "lat_hi": 35.5,
    "lon_lo": 40.0,
    "lon_hi": 40.5,
    "date_lo": "2017-09-01",
    "date_hi": "2017-09-30",
}


def _indexes(engine, table: str) -> dict[str, list[str]]:
    return {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes(table)}


def _plan(connection, shape: tuple[bool, ...]) -> str:
    compiled = _event_query(*shape).compile(connection)
    cursor = connection.connection.dbapi_connection.cursor()
    rows = cursor.execute(
        "EXPLAIN QUERY PLAN " + str(compiled), [PARAMS[k] for k in compiled.positiontup]
    ).fetchall()
    return "\n".join(row[-1] for row in rows)


# (place, near, pair, source, target, dated): every shape `find_event` builds a query for
SHAPES = [
    (True, True, True, True, True, True),
    (True, True, False, True, False, True),
    (True, False, False, False, False, False),
    (True, False, True, True, True, False),
    (False, False, True, True, True, True),
]


@pytest.mark.parametrize("shape", SHAPES)
def test_event_lookup_searches_each_anchor_by_its_index(tmp_path, shape):
    with Database.open(f"sqlite:///{tmp_path / 'store.db'}") as db, db.engine.connect() as c:
        plan = _plan(c, shape)
    place, near, pair = shape[:3]
    assert ("ix_events_type_modality_place (type=? AND modality=? AND place_id=?)" in plan) == (
        place or near
    )
    assert (
        "ix_events_type_modality_pair (type=? AND modality=? AND source_id=? AND target_id=?)"
        in plan
    ) == pair
    assert ("ix_places_lat_lon" in plan) == near
    # no walk of the events: every read of `events` is a search on a full index key or an id
    assert "SCAN events" not in plan
    assert all(
        "place_id=?" in line or "target_id=?" in line or "rowid=?" in line
        for line in plan.splitlines()
        if "SEARCH events" in line
    ), plan


def _rows(engine) -> dict[str, list[tuple]]:
    """Every row of every table, with the columns the store has at its revision."""
    tables = MetaData()
    tables.reflect(engine, only=list(schema.metadata.tables))
    with engine.connect() as connection:
        return {
            name: sorted(map(tuple, connection.execute(table.select()).all()), key=repr)
            for name, table in tables.tables.items()
        }


def test_event_indexes_migration_upgrades_a_0002_store_in_place(old_store_url, make):
    store_url = old_store_url
    deir_a, deir_b, deir_c, raqqa = make.corpus()
    engine = make.old_store(store_url, "0002", [deir_a, raqqa])
    assert "ix_events_type_modality" in _indexes(engine, "events")
    before = _rows(engine)
    engine.dispose()

    engine = _create_engine(normalise_url(store_url))
    migrate(engine, "0003")
    with engine.connect() as connection:
        version = connection.execute(text("SELECT version_num FROM alembic_version"))
        assert version.scalar_one() == "0003"
    assert _rows(engine) == before  # nothing lost, nothing changed
    engine.dispose()

    with Database.open(store_url) as db:  # opening applies the rest
        for table, wanted in NEW_INDEXES.items():
            indexes = _indexes(db.engine, table)
            assert {name: indexes.get(name) for name in wanted} == wanted
        assert "ix_events_type_modality" not in _indexes(db.engine, "events")
        # the upgraded store merges new reports into the events stored before it
        db.store(deir_b)
        db.store(deir_c)
        counts = db.counts()
    assert counts["events"] == len(before["events"]) == 2
    assert counts["event_sources"] == 4
