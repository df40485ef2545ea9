"""Casualty figures travel from each report into the store and onto the merged event."""

from __future__ import annotations

from sqlalchemy import inspect, text

from flashpoint.store.database import Database, migrate
from flashpoint.store.queries import events


def _with_figures(analysis, fatalities, injured=None):
    analysis.events[0].fatalities = fatalities
    analysis.events[0].injured = injured
    return analysis


def test_store_fatalities_merged_event_keeps_each_report_and_the_highest(db, make):
    deir_a, deir_b, deir_c, raqqa = make.corpus()
    db.store(_with_figures(deir_a, 3, 5))
    db.store(_with_figures(deir_b, None))  # states no figure: not a zero
    db.store(_with_figures(deir_c, 7, 2))
    db.store(raqqa)
    rows = {row.place: row for row in events(db, reports=True)}
    deir = rows["Deir ez-Zor"]
    assert (deir.fatalities, deir.injured) == (7, 5)
    assert sorted((r.fatalities or -1) for r in deir.reports) == [-1, 3, 7]
    assert (rows["Raqqa"].fatalities, rows["Raqqa"].injured) == (None, None)


def test_store_fatalities_do_not_depend_on_the_order_reports_arrive(db, make):
    deir_a, _, deir_c, _ = make.corpus()
    db.store(_with_figures(deir_c, 7))
    db.store(_with_figures(deir_a, 3))
    db.store(_with_figures(deir_a, 3))  # the same document again changes nothing
    (row,) = events(db)
    assert row.fatalities == 7 and row.n_sources == 2


def test_store_fatalities_migration_upgrades_a_0001_store_in_place(tmp_path, make):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    from flashpoint.store.database import _create_engine

    engine = _create_engine(url)
    migrate(engine, "0001")
    columns = {c["name"] for c in inspect(engine).get_columns("events")}
    assert "fatalities" not in columns
    engine.dispose()
    with Database.open(url) as db:  # opening applies 0002
        db.store(_with_figures(make.corpus()[0], 4))
        (row,) = events(db)
        assert row.fatalities == 4
        with db.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar_one() >= "0002"  # the head, at least 0002
