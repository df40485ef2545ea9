"""Each event report keeps its clause role (revision 0004), read back on `Report.clause`, and
`EventFilter.main_clause` keeps the events some report of which is a sentence's main clause."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import MetaData, inspect, text

from flashpoint.model import Document
from flashpoint.store.database import Database, _create_engine, migrate, normalise_url
from flashpoint.store.queries import EventFilter, events
from flashpoint.store.window import event_reports

# our own words: a reported shelling, then a plain attack in the main clause
TWO_SENTENCES = (
    "A spokesman for the Syrian Democratic Forces said that government troops shelled Manbij "
    "on Monday. Turkish jets bombed a village near Afrin on Tuesday."
)


def _columns(engine, table: str) -> list[str]:
    return [c["name"] for c in inspect(engine).get_columns(table)]


def _rows(engine, table: str) -> list[dict]:
    tables = MetaData()
    tables.reflect(engine, only=[table])
    with engine.connect() as connection:
        found = connection.execute(tables.tables[table].select().order_by("id")).mappings()
        return [dict(r) for r in found]


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request, tmp_path, make):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    url = make.postgres_url()
    make.reset_postgres(url)
    return url


def test_store_clause_migration_upgrades_a_0003_store_keeping_its_reports(store_url, make):
    deir_a, deir_b, _, raqqa = make.corpus()
    engine = _create_engine(normalise_url(store_url))
    migrate(engine)
    new = Database(engine, store_url)
    for analysis in (deir_a, raqqa):
        new.store(analysis)
    make.downgrade(engine, "0003")  # the store as a 0003 writer left it
    assert "clause" not in _columns(engine, "event_sources")
    before = _rows(engine, "event_sources")
    assert len(before) == 2
    engine.dispose()

    with Database.open(store_url) as db:  # opening applies 0004
        with db.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar_one() == "0004"
        after = _rows(db.engine, "event_sources")
        assert [r.pop("clause") for r in after] == [None, None]  # unknown, not guessed
        assert after == before  # every old report kept, unchanged
        # an old report of unknown clause counts as main: the filter loses no old event
        assert len(events(db, EventFilter(main_clause=True))) == 2
        # a new report merged into an old event brings its clause
        deir_b.events[0].clause = "reported"
        db.store(deir_b)
        (deir,) = [e for e in events(db, reports=True) if e.place == "Deir ez-Zor"]
    assert sorted(str(r.clause) for r in deir.reports) == ["None", "reported"]


def test_store_clause_written_and_read_back_by_every_reader(db, make):
    deir_a, _, _, raqqa = make.corpus()
    deir_a.events[0].clause = "main"
    raqqa.events[0].clause = "subordinate"
    db.store(deir_a)
    db.store(raqqa)
    rows = {e.place: e for e in events(db, reports=True)}
    assert [r.clause for r in rows["Deir ez-Zor"].reports] == ["main"]
    assert [r.clause for r in rows["Raqqa"].reports] == ["subordinate"]
    window = event_reports(db, [rows["Raqqa"].id])
    assert [r.clause for r in window[rows["Raqqa"].id]] == ["subordinate"]
    kept = events(db, EventFilter(main_clause=True))
    assert [e.place for e in kept] == ["Deir ez-Zor"]
    # the filter composes with the others
    assert events(db, EventFilter(main_clause=True, place="Raqqa")) == []
    assert len(events(db, EventFilter(main_clause=False))) == 2


def test_store_clause_event_kept_when_any_report_is_main(db, make):
    deir_a, deir_b, deir_c, _ = make.corpus()
    for analysis, clause in ((deir_a, "reported"), (deir_b, "argument"), (deir_c, "main")):
        analysis.events[0].clause = clause
        db.store(analysis)
    (merged,) = events(db, EventFilter(main_clause=True), reports=True)
    assert sorted(r.clause for r in merged.reports) == ["argument", "main", "reported"]


def test_store_clause_no_main_report_drops_the_event(db, make):
    deir_a, deir_b, _, _ = make.corpus()
    for analysis, clause in ((deir_a, "reported"), (deir_b, "argument")):
        analysis.events[0].clause = clause
        db.store(analysis)
    assert len(events(db)) == 1
    assert events(db, EventFilter(main_clause=True)) == []


def test_store_clause_of_a_real_analysis_in_sqlite(analyzer, tmp_path):
    document = Document(
        id="doc_clause_pair",
        title="Two strikes",
        outlet="Test Wire",
        published=dt.date(2018, 1, 24),
        text=TWO_SENTENCES,
    )
    analysis = analyzer.analyze(document)
    with Database.open(f"sqlite:///{tmp_path / 'store.db'}") as db:
        db.store(analysis)
        stored = events(db, reports=True)
        main_only = events(db, EventFilter(main_clause=True), reports=True)
    shelled = next(r for e in stored for r in e.reports if "shelled" in r.text)
    bombed = next(r for e in stored for r in e.reports if "bombed" in r.text)
    assert (shelled.clause, bombed.clause) == ("reported", "main")
    assert [r.text for e in main_only for r in e.reports] == [bombed.text]
