"""Window queries read one window (and region) of the store, on SQLite and PostgreSQL, and the
corpus analysis over them gives the same answer on both."""

from __future__ import annotations

import datetime as dt

from flashpoint.store import window


def _fill(db, make) -> None:
    for analysis in make.corpus():
        db.store(analysis, source="test")


def test_store_window_events_by_dates_and_region(db, make):
    _fill(db, make)
    assert window.date_bounds(db) == (dt.date(2017, 6, 1), dt.date(2017, 9, 17))
    september = list(window.window_events(db, dt.date(2017, 9, 1), dt.date(2017, 9, 30)))
    assert [e.place for e in september] == ["Deir ez-Zor"]
    assert september[0].n_outlets == 3
    june = list(window.window_events(db, dt.date(2017, 6, 1), dt.date(2017, 6, 30), "SY"))
    assert [e.place for e in june] == ["Raqqa"]
    assert list(window.window_events(db, None, None, "IQ")) == []
    assert window.region_known(db, "sy") and not window.region_known(db, "Atlantis")
    outlets = window.event_outlets(db, [september[0].id])
    assert outlets[september[0].id] == frozenset({"Outlet A", "Outlet B", "Outlet C"})


def test_store_window_relations_reports_and_no_opinion(db, make):
    _fill(db, make)
    early = window.window_relations(db, dt.date(2017, 6, 30))
    assert [(r.type, r.source_id, r.target_id) for r in early] == [("enemy_of", "saa", "sdf")]
    every = window.window_relations(db, dt.date(2017, 9, 30))
    assert {r.type for r in every} == {"enemy_of", "patron_of"}
    reports = window.relation_reports(db, [r.id for r in every])
    assert all(reports[r.id] for r in every)
    newest = reports[early[0].id]
    assert [x.published for x in newest] == sorted((x.published for x in newest), reverse=True)
    with db.engine.begin() as connection:  # mark one piece of evidence as opinion
        from sqlalchemy import update

        from flashpoint.store import schema

        connection.execute(
            update(schema.relation_evidence)
            .where(schema.relation_evidence.c.relation_id == early[0].id)
            .values(opinion=True)
        )
    assert window.relation_reports(db, [early[0].id]) == {}


def test_store_window_flashpoints_same_on_every_backend(db, make):
    from flashpoint.present import corpus
    from flashpoint.resolve.registry import ActorRegistry

    _fill(db, make)
    ranked = corpus.flashpoints(
        db,
        ActorRegistry.load(),
        corpus.Question(since=dt.date(2017, 9, 1), until=dt.date(2017, 9, 30)),
    )
    data = ranked.to_json()
    assert data[0]["place"]["name"] == "Deir ez-Zor"
    assert data[0]["first_seen"] == "2017-09-17" and data[0]["outlets"] == 3
    actors = sorted(a["id"] for side in data[0]["sides"] for a in side["actors"])
    assert actors == ["saa", "sdf"]
