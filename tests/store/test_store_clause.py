"""Each event report keeps its clause role and whether it is the event its sentence is coded
for (revision 0004); `Report.clause` reads the role back, and `EventFilter.main_clause` keeps
the events some report of which is coded."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import MetaData, inspect, text

from flashpoint.model import Document
from flashpoint.store.database import Database
from flashpoint.store.queries import EventFilter, events
from flashpoint.store.window import event_reports

# our own words: a reported shelling (the sentence's only event, so coded), then a main-clause
# bombing beside an attack in an "after ..." clause (not coded)
TWO_SENTENCES = (
    "A spokesman for the Syrian Democratic Forces said that government troops shelled Manbij "
    "on Monday. Turkish jets bombed a village near Afrin on Tuesday after Kurdish fighters "
    "attacked a border post."
)


def _columns(engine, table: str) -> list[str]:
    return [c["name"] for c in inspect(engine).get_columns(table)]


def _rows(engine, table: str) -> list[dict]:
    tables = MetaData()
    tables.reflect(engine, only=[table])
    with engine.connect() as connection:
        found = connection.execute(tables.tables[table].select().order_by("id")).mappings()
        return [dict(r) for r in found]


def test_store_clause_migration_upgrades_a_0003_store_keeping_its_reports(old_store_url, make):
    store_url = old_store_url
    deir_a, deir_b, _, raqqa = make.corpus()
    engine = make.old_store(store_url, "0003", [deir_a, raqqa])
    assert {"clause", "coded"}.isdisjoint(_columns(engine, "event_sources"))
    before = _rows(engine, "event_sources")
    assert len(before) == 2
    engine.dispose()

    with Database.open(store_url) as db:  # opening applies 0004
        with db.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar_one() == "0004"
        after = _rows(db.engine, "event_sources")
        assert [(r.pop("clause"), r.pop("coded")) for r in after] == [(None, None)] * 2
        assert after == before  # every old report kept, unchanged
        # an old report (unknown) counts as coded: the filter loses no old event
        assert len(events(db, EventFilter(main_clause=True))) == 2
        # a new report merged into an old event brings its clause
        deir_b.events[0].clause = "reported"
        db.store(deir_b)
        (deir,) = [e for e in events(db, reports=True) if e.place == "Deir ez-Zor"]
    assert sorted(str(r.clause) for r in deir.reports) == ["None", "reported"]


def _assaults(found) -> list:
    return [e for e in found if e.type != "ACCUSE"]


def test_store_clause_written_and_read_back_by_every_reader(db, make):
    deir_a, _, _, raqqa = make.corpus()
    make.set_clause(deir_a, "main")
    make.set_clause(raqqa, "subordinate")  # beside a main-clause accusation: not coded
    db.store(deir_a)
    db.store(raqqa)
    rows = {e.place: e for e in _assaults(events(db, reports=True))}
    assert [r.clause for r in rows["Deir ez-Zor"].reports] == ["main"]
    assert [r.clause for r in rows["Raqqa"].reports] == ["subordinate"]
    window = event_reports(db, [rows["Raqqa"].id])
    assert [r.clause for r in window[rows["Raqqa"].id]] == ["subordinate"]
    kept = events(db, EventFilter(main_clause=True))
    assert [e.place for e in _assaults(kept)] == ["Deir ez-Zor"]
    assert [e.type for e in kept if e.place is None] == ["ACCUSE"]  # the accusation is coded
    # the filter composes with the others
    assert events(db, EventFilter(main_clause=True, place="Raqqa")) == []
    assert len(_assaults(events(db, EventFilter(main_clause=False)))) == 2


def test_store_clause_the_sentences_only_event_is_coded_whatever_its_clause(db, make):
    deir_a, _, _, _ = make.corpus()
    deir_a.events[0].clause = "reported"  # "a spokesman said troops shelled ...": no other event
    db.store(deir_a)
    (kept,) = events(db, EventFilter(main_clause=True), reports=True)
    assert [r.clause for r in kept.reports] == ["reported"]


def test_store_clause_event_kept_when_any_report_is_coded(db, make):
    deir_a, deir_b, deir_c, _ = make.corpus()
    for analysis, clause in ((deir_a, "reported"), (deir_b, "argument"), (deir_c, "main")):
        db.store(make.set_clause(analysis, clause))
    (merged,) = _assaults(events(db, EventFilter(main_clause=True), reports=True))
    assert sorted(r.clause for r in merged.reports) == ["argument", "main", "reported"]


def test_store_clause_no_coded_report_drops_the_event(db, make):
    deir_a, deir_b, _, _ = make.corpus()
    for analysis, clause in ((deir_a, "reported"), (deir_b, "argument")):
        db.store(make.set_clause(analysis, clause))
    assert len(_assaults(events(db))) == 1
    assert _assaults(events(db, EventFilter(main_clause=True))) == []


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
    assert sorted(r.clause for e in stored for r in e.reports) == [
        "main",
        "reported",
        "subordinate",
    ]
    # the attack in the "after ..." clause is not the event its sentence is coded for
    assert sorted(r.clause for e in main_only for r in e.reports) == ["main", "reported"]
