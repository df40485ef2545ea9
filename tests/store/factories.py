"""Hand-built analyses for store and export tests (our own words, invented reports).

Loaded by tests/store/conftest.py and tests/export/conftest.py; not a test module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os

import pytest

from flashpoint.model import (
    Actor,
    Analysis,
    Attribution,
    DateRange,
    Document,
    Event,
    Evidence,
    Place,
    Quote,
    Relation,
    Span,
)

PLACES = {
    "deir": dict(name="Deir ez-Zor", lat=35.336, lon=40.146, country="SY", geonameid=170794),
    "deir_bank": dict(name="Husayniyah", lat=35.40, lon=40.05, country="SY", geonameid=None),
    "raqqa": dict(name="Raqqa", lat=35.952, lon=39.009, country="SY", geonameid=163915),
}
ACTORS = {
    "sdf": dict(name="Syrian Democratic Forces", kind="armed_group", country="SY", aliases=["SDF"]),
    "saa": dict(
        name="Syrian Arab Army", kind="armed_forces", country="SY", aliases=["SAA", "Syrian troops"]
    ),
    "usa": dict(name="United States", kind="state", country="US", aliases=["U.S."]),
    "rus": dict(name="Russia", kind="state", country="RU", aliases=["Moscow"]),
}


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def actor(key: str, text: str = "", *, known: bool = True, local_id: str | None = None) -> Actor:
    info = ACTORS[key]
    mentions = [span(text, a) for a in [info["name"], *info["aliases"]] if a in text]
    return Actor(id=local_id or key, known=known, mentions=mentions, **info)


def place(key: str, text: str = "", local_id: str | None = None) -> Place:
    info = PLACES[key]
    mentions = [span(text, info["name"])] if info["name"] in text else []
    return Place(id=local_id or f"p_{key}", mentions=mentions, **info)


def report(
    *,
    text: str,
    outlet: str,
    published: dt.date,
    event_type: str = "ASSAULT",
    source: str | None = "sdf",
    target: str | None = "saa",
    where: str | None = "deir",
    when: dt.date | None = None,
    relations: tuple[tuple[str, str, str], ...] = (),
    modality: str = "asserted",
    clause: str | None = None,
) -> Analysis:
    """One invented article reporting one event (and some relations) between registry actors."""
    digest = hashlib.sha1(f"{outlet}|{text}".encode()).hexdigest()[:16]
    document = Document(
        id=f"doc_{digest}", title=text[:30], outlet=outlet, published=published, text=text
    )
    keys = {k for k in (source, target) if k} | {k for r in relations for k in r[1:]}
    actors = [actor(k, text) for k in sorted(keys)]
    places = [place(where, text)] if where else []
    events = [
        Event(
            id="e1",
            type=event_type,
            source=source,
            target=target,
            place=f"p_{where}" if where else None,
            date=DateRange(start=when, end=when, precision="day" if when else "unknown"),
            modality=modality,
            clause=clause,
            evidence=span(text, text.split(".")[0]),
            attribution=Attribution(kind="author", outlet=outlet),
        )
    ]
    rels = [
        Relation(
            id=f"r{i}",
            type=kind,
            source=s,
            target=t,
            evidence=[Evidence(**span(text, text.split(".")[-2].strip()).model_dump())],
        )
        for i, (kind, s, t) in enumerate(relations)
    ]
    quotes = [
        Quote(speaker="a commander", text=text.split(".")[0], start=0, end=len(text.split(".")[0]))
    ]
    return Analysis(
        document=document,
        actors=actors,
        places=places,
        events=events,
        relations=rels,
        quotes=quotes,
    )


def corpus() -> list[Analysis]:
    """Three outlets report one clash at Deir ez-Zor; one reports another clash in Raqqa."""
    d = dt.date
    return [
        report(
            text="SDF fighters attacked Syrian troops at Deir ez-Zor. The U.S. backs the SDF.",
            outlet="Outlet A",
            published=d(2017, 9, 18),
            when=d(2017, 9, 17),
            relations=(("patron_of", "usa", "sdf"),),
        ),
        report(
            text="The Syrian Democratic Forces shelled SAA positions in Husayniyah. "
            "Russia backs the Syrian Arab Army.",
            outlet="Outlet B",
            published=d(2017, 9, 19),
            when=d(2017, 9, 18),
            where="deir_bank",
            relations=(("patron_of", "rus", "saa"),),
        ),
        report(
            text="SDF units clashed with the SAA at Deir ez-Zor on Sunday. "
            "The SDF and the SAA are enemies.",
            outlet="Outlet C",
            published=d(2017, 9, 20),
            when=d(2017, 9, 17),
            relations=(("enemy_of", "saa", "sdf"),),
        ),
        report(
            text="SDF fighters attacked Syrian troops near Raqqa. The SAA and the SDF fight.",
            outlet="Outlet A",
            published=d(2017, 6, 2),
            when=d(2017, 6, 1),
            where="raqqa",
            relations=(("enemy_of", "sdf", "saa"),),
        ),
    ]


def set_clause(analysis: Analysis, clause: str) -> Analysis:
    """Give the analysis' event the clause role `clause`; unless it is `main`, its sentence also
    gets a main-clause accusation (no place, no actors), so the event is not the one its
    sentence is coded for (as "the ministry condemned the strike" codes the condemnation)."""
    event = analysis.events[0]
    event.clause = clause
    if clause != "main":
        analysis.events.append(
            event.model_copy(
                update={
                    "id": "e_said",
                    "type": "ACCUSE",
                    "mode": None,
                    "source": None,
                    "target": None,
                    "place": None,
                    "clause": "main",
                }
            )
        )
    return analysis


def old_store(url: str, revision: str, analyses: list[Analysis]):
    """An engine on a store at an older `revision` holding `analyses`, as a writer of that
    revision left it: filled with today's writer, then taken back by `downgrade`."""
    from flashpoint.store.database import Database, _create_engine, migrate, normalise_url

    engine = _create_engine(normalise_url(url))
    migrate(engine)
    new = Database(engine, url)
    for analysis in analyses:
        new.store(analysis)
    downgrade(engine, revision)
    return engine


def downgrade(engine, revision: str) -> None:
    """Take a store back to an older revision with the shipped scripts' `downgrade()`s, so a
    test can fill a store with today's writer and then upgrade it as a user's old one."""
    from importlib.resources import files

    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

    from flashpoint.store import schema

    config = Config()
    config.set_main_option("script_location", str(files("flashpoint.store") / "migrations"))
    script = ScriptDirectory.from_config(config)

    def down(rev, _context):
        return script._downgrade_revs(revision, rev)

    with (
        engine.begin() as connection,
        EnvironmentContext(config, script, fn=down, destination_rev=revision) as env,
    ):
        env.configure(connection=connection, target_metadata=schema.metadata, render_as_batch=True)
        with env.begin_transaction():
            env.run_migrations()


def postgres_url() -> str:
    """The test PostgreSQL URL; skipped outside CI when unset, a failure in CI."""
    url = os.environ.get("FLASHPOINT_TEST_PG_URL")
    if not url:
        message = "FLASHPOINT_TEST_PG_URL is not set (run .ci/postgres.sh)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return url


def reset_postgres(url: str) -> None:
    """Drop everything in the test database so each test starts from an empty schema."""
    from sqlalchemy import create_engine, text

    from flashpoint.store.database import normalise_url

    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
