"""Fixtures for export tests: a SQLite store filled with the invented corpus of tests/store."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "flashpoint_store_factories",
    Path(__file__).resolve().parents[1] / "store" / "factories.py",
)
factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories)


@pytest.fixture
def make() -> object:
    """The store tests' factories module: report(), corpus(), actor(), place()."""
    return factories


@pytest.fixture
def filled_db(tmp_path):
    from flashpoint.store.database import Database

    database = Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    for analysis in factories.corpus():
        database.store(analysis, source="test")
    yield database
    database.close()


def _theatre() -> list:
    """Invented reports covering ACLED's codes: a clash in a city, foreign shelling in a
    district over a few days, an attack on civilians in a province in some month, a threat,
    a meeting (no ACLED type) and a clash with no place."""
    import datetime as dt

    from flashpoint.model import (
        AcledCode,
        Actor,
        Analysis,
        Attribution,
        DateRange,
        Document,
        Event,
        Place,
        Span,
    )

    actors = {
        "sdf": Actor(id="sdf", name="Syrian Democratic Forces", kind="armed_group", country="SY"),
        "saa": Actor(id="saa", name="Syrian Arab Army", kind="armed_forces", country="SY"),
        "tsk": Actor(id="tsk", name="Turkish Armed Forces", kind="armed_forces", country="TR"),
        "civ": Actor(id="civ", name="Civilians", kind="population_group", country="SY"),
    }
    places = {
        "raqqa": Place(
            id="raqqa",
            name="Raqqa",
            lat=35.95,
            lon=39.01,
            country="SY",
            geonameid=163915,
            feature="city",
            admin1="Raqqa",
        ),
        "manbij": Place(
            id="manbij",
            name="Manbij District",
            lat=36.5,
            lon=37.95,
            country="SY",
            geonameid=None,
            feature="admin2",
            admin1="Aleppo",
        ),
        "idlib": Place(
            id="idlib",
            name="Idlib Governorate",
            lat=35.83,
            lon=36.63,
            country="SY",
            geonameid=169387,
            feature="admin1",
            admin1="Idlib",
        ),
    }
    d = dt.date
    specs = [
        # text, source, target, place, date range, precision, type, acled, modality, figures
        (
            "SDF fighters clashed with government troops in Raqqa.",
            "sdf",
            "saa",
            "raqqa",
            (d(2018, 3, 2), d(2018, 3, 2)),
            "day",
            "ASSAULT",
            ("Battles", "Armed clash"),
            "asserted",
            (3, 4),
        ),
        (
            "Turkish artillery shelled SDF positions around Manbij for three days.",
            "tsk",
            "sdf",
            "manbij",
            (d(2018, 3, 5), d(2018, 3, 7)),
            "range",
            "ASSAULT",
            ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
            "asserted",
            (None, None),
        ),
        (
            "Civilians were attacked by army units in Idlib province in April.",
            "civ",
            "saa",
            "idlib",
            (d(2018, 4, 1), d(2018, 4, 30)),
            "month",
            "ASSAULT",
            ("Violence against civilians", "Attack"),
            "asserted",
            (5, None),
        ),
        (
            "The army threatened to storm Raqqa.",
            "saa",
            "sdf",
            "raqqa",
            (d(2018, 3, 9), d(2018, 3, 9)),
            "day",
            "THREATEN",
            ("Battles", "Armed clash"),
            "threatened",
            (None, None),
        ),
        (
            "Army and SDF officers met in Raqqa.",
            "saa",
            "sdf",
            "raqqa",
            (d(2018, 3, 10), d(2018, 3, 10)),
            "day",
            "CONSULT",
            None,
            "asserted",
            (None, None),
        ),
        (
            "Somewhere, SDF fighters clashed with the army.",
            "sdf",
            "saa",
            None,
            (d(2018, 3, 11), d(2018, 3, 11)),
            "day",
            "ASSAULT",
            ("Battles", "Armed clash"),
            "asserted",
            (1, None),
        ),
    ]
    analyses = []
    for i, (
        text,
        src,
        tgt,
        where,
        (start, end),
        precision,
        kind,
        acled,
        modality,
        figures,
    ) in enumerate(specs):
        published = end + dt.timedelta(days=1)
        evidence = Span(start=0, end=len(text), text=text)
        analyses.append(
            Analysis(
                document=Document(
                    id=f"theatre-{i}",
                    title=text[:20],
                    outlet=f"Outlet {i % 2}",
                    published=published,
                    text=text,
                ),
                actors=[actors[src], actors[tgt]],
                places=[places[where]] if where else [],
                events=[
                    Event(
                        id="e1",
                        type=kind,
                        source=src,
                        target=tgt,
                        place=where,
                        date=DateRange(start=start, end=end, precision=precision),
                        modality=modality,
                        acled=AcledCode(event_type=acled[0], sub_event_type=acled[1])
                        if acled
                        else None,
                        evidence=evidence,
                        attribution=Attribution(kind="author"),
                        fatalities=figures[0],
                        injured=figures[1],
                    )
                ],
            )
        )
    return analyses


@pytest.fixture
def theatre_db(tmp_path):
    """A store whose events exercise every ACLED code the export derives."""
    from flashpoint.store.database import Database

    database = Database.open(f"sqlite:///{tmp_path / 'theatre.db'}")
    for analysis in _theatre():
        database.store(analysis, source="test")
    yield database
    database.close()
