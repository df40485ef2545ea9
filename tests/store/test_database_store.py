"""Writing analyses into the store and merging them, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.errors import DB_CORRUPT, DB_UNREACHABLE, DB_URL_INVALID, FlashpointError
from flashpoint.store import writer
from flashpoint.store.database import Database
from flashpoint.store.queries import (
    EventFilter,
    actor_profile,
    events,
    places,
    relations,
    stats,
)

D = dt.date


def test_database_store_is_idempotent(db, make):
    analysis = make.corpus()[0]
    assert db.store(analysis, source="a.txt") is True
    before = db.counts()
    assert db.store(analysis, source="a.txt") is False
    assert db.counts() == before
    assert before["documents"] == 1 and before["event_sources"] == 1


def test_database_store_merges_reports_of_one_event(db, make):
    for analysis in make.corpus():
        db.store(analysis)
    rows = events(db)
    assert len(rows) == 2  # the Deir ez-Zor clash (3 reports) and the Raqqa clash
    raqqa, deir = rows  # oldest first
    assert (deir.n_sources, deir.n_outlets) == (3, 3)
    assert (deir.date_start, deir.date_end) == (D(2017, 9, 17), D(2017, 9, 18))
    assert (raqqa.n_sources, raqqa.place) == (1, "Raqqa")
    assert stats(db)["reports_merged"] == 2


def test_database_outlets_counted_once(db, make):
    d = D(2017, 9, 18)
    first = make.report(
        text="SDF fighters attacked Syrian troops at Deir ez-Zor. Later too.",
        outlet="Same Wire",
        published=d,
        when=D(2017, 9, 17),
    )
    second = make.report(
        text="SDF fighters struck SAA lines at Deir ez-Zor. It went on.",
        outlet="Same Wire",
        published=d,
        when=D(2017, 9, 17),
    )
    db.store(first)
    db.store(second)
    (row,) = events(db)
    assert (row.n_sources, row.n_outlets) == (2, 1)


def test_database_relations_accumulate_evidence(db, make):
    for analysis in make.corpus():
        db.store(analysis)
    rows = {(r.type, r.source_id, r.target_id): r for r in relations(db, evidence=True)}
    enemy = rows[("enemy_of", "saa", "sdf")]  # stated both ways round, stored once
    assert (enemy.n_evidence, enemy.n_documents, enemy.n_outlets) == (2, 2, 2)
    assert (enemy.first_seen, enemy.last_seen) == (D(2017, 6, 2), D(2017, 9, 20))
    assert {e.outlet for e in enemy.evidence} == {"Outlet A", "Outlet C"}
    assert rows[("patron_of", "usa", "sdf")].n_documents == 1


def test_database_discovered_actor_joins_registry_actor_by_alias(db, make):
    db.store(make.corpus()[0])
    text = "Syrian troops advanced on Deir ez-Zor. Residents fled."
    analysis = make.report(
        text=text,
        outlet="Outlet D",
        published=D(2017, 9, 21),
        source="saa",
        target=None,
        when=D(2017, 9, 21),
    )
    found = analysis.actors[0].model_copy(
        update={"id": "x1", "known": False, "name": "Syrian troops", "aliases": []}
    )
    event = analysis.events[0].model_copy(update={"source": "x1"})
    db.store(analysis.model_copy(update={"actors": [found], "events": [event]}))
    assert db.counts()["actors"] == 3  # sdf, saa, usa: no new actor for "Syrian troops"
    assert {e.source_id for e in events(db)} == {"sdf", "saa"}


def test_database_one_transaction_per_document(db, make, monkeypatch):
    def fail(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(writer, "_write_relations", fail)
    with pytest.raises(RuntimeError):
        db.store(make.corpus()[0])
    assert all(count == 0 for count in db.counts().values())


def test_database_reject_recorded_once(db):
    assert db.reject("bad.bin", "E103", "looks like a binary file") is True
    assert db.reject("bad.bin", "E103", "looks like a binary file") is False
    assert db.counts()["rejected"] == 1


def test_database_storing_clears_an_old_rejection(db, make):
    db.reject("a.txt", "E407", "analysis failed: a bug since fixed")
    db.store(make.corpus()[0], source="a.txt")
    assert db.counts()["rejected"] == 0


def test_database_queries_filter_events(db, make):
    for analysis in make.corpus():
        db.store(analysis)
    assert len(events(db, EventFilter(actor="SAA"))) == 2  # by alias
    assert len(events(db, EventFilter(actor="Syrian Arab Army", place="Raqqa"))) == 1
    assert len(events(db, EventFilter(type="coerce"))) == 0
    assert len(events(db, EventFilter(since=D(2017, 9, 1)))) == 1
    assert len(events(db, EventFilter(until=D(2017, 8, 1)))) == 1
    assert len(events(db, EventFilter(min_outlets=2))) == 1
    with_reports = events(db, EventFilter(since=D(2017, 9, 1)), reports=True)
    assert {r.outlet for r in with_reports[0].reports} == {"Outlet A", "Outlet B", "Outlet C"}


def test_database_actor_profile(db, make):
    for analysis in make.corpus():
        db.store(analysis)
    profile = actor_profile(db, "Syrian Democratic Forces")
    assert profile.actor.id == "sdf"
    assert "SDF" in profile.aliases
    assert [r.source_id for r in profile.patrons] == ["usa"]
    assert [r.target_id if r.source_id == "sdf" else r.source_id for r in profile.enemies] == [
        "saa"
    ]
    assert dict(profile.places) == {"Deir ez-Zor": 1, "Raqqa": 1}
    assert len(profile.timeline) == 2
    with pytest.raises(FlashpointError) as caught:
        actor_profile(db, "Nobody At All")
    assert caught.value.code == "E405"


def test_database_places_and_stats(db, make):
    for analysis in make.corpus():
        db.store(analysis)
    rows = {p.name: p for p in places(db)}
    assert rows["Deir ez-Zor"].n_events == 1 and rows["Deir ez-Zor"].n_documents == 2
    assert rows["Husayniyah"].geonameid is None
    counts = stats(db)
    assert (counts["documents"], counts["events"], counts["outlets"]) == (4, 2, 3)
    assert counts["first_published"] == D(2017, 6, 2)


def test_database_corrupt_sqlite_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = path.read_bytes()
    with pytest.raises(FlashpointError) as caught:
        Database.open(f"sqlite:///{path}")
    assert caught.value.code == DB_CORRUPT
    assert path.read_bytes() == before


def test_database_damaged_sqlite_pages_are_reported(tmp_path, make):
    path = tmp_path / "store.db"
    with Database.open(f"sqlite:///{path}") as database:
        database.store(make.corpus()[0])
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # keep the header, wreck the schema page
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    with pytest.raises(FlashpointError) as caught:
        Database.open(f"sqlite:///{path}")
    assert caught.value.code == DB_CORRUPT


def test_database_unreachable_postgres():
    with pytest.raises(FlashpointError) as caught:
        Database.open("postgresql://nobody@127.0.0.1:9/nothing?connect_timeout=2")
    assert caught.value.code == DB_UNREACHABLE


def test_database_bad_url():
    with pytest.raises(FlashpointError) as caught:
        Database.open("nosuchdb://x")
    assert caught.value.code == DB_URL_INVALID


def test_database_odd_extractor_output_is_stored(db, make):
    analysis = make.corpus()[0]
    long_name = "Brigade of the " + "very " * 200 + "long name"
    odd = analysis.actors[0].model_copy(
        update={
            "id": "x9",
            "known": False,
            "name": long_name,
            "country": "SYR",
            "aliases": [],
        }
    )
    event = analysis.events[0].model_copy(update={"source": "x9", "trigger": "hit " * 100})
    assert db.store(analysis.model_copy(update={"actors": [odd], "events": [event]}))
    (row,) = events(db)
    assert row.source_id.startswith("name:brigade of the very") and len(row.source_id) == 200
    assert row.source == long_name
