"""Store reads for the corpus analysis: one window of dates, optionally one region.

A window query reads only what the window needs: the events dated inside it (streamed in
batches, only the types the analysis reads), the outlets that report them, the relations seen
by its end, and the places and actors they name. Evidence text is fetched afterwards, for the
few events and relations an answer cites, and never from a sentence marked as opinion.

    >>> with Database.open(url) as db:
    ...     first, last = date_bounds(db)
    ...     rows = list(window_events(db, dt.date(2017, 9, 1), dt.date(2017, 9, 30), "SY"))
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import Connection, and_, false, func, or_, select
from sqlalchemy.orm import aliased

from flashpoint.store import schema
from flashpoint.store.database import Database
from flashpoint.store.merge import normalise_name
from flashpoint.store.queries import event_select
from flashpoint.store.rows import ActorRow, EventRow, PlaceRow, RelationRow, Report, event_row

BATCH = 500
EVENT_TYPES = ("ASSAULT", "MOBILIZE", "COERCE", "RETREAT", "THREATEN", "AID")


def _day() -> Any:
    """An event's day: when it happened, else when it was first reported."""
    e = schema.events
    return func.coalesce(e.c.date_start, e.c.first_reported)


def date_bounds(db: Database) -> tuple[dt.date | None, dt.date | None]:
    """The first and last event day in the store (None, None when it holds no dated event)."""
    with db.connect() as connection:
        first, last = connection.execute(select(func.min(_day()), func.max(_day()))).one()
    return first, last


def document_count(db: Database) -> int:
    with db.connect() as connection:
        return connection.execute(select(func.count()).select_from(schema.documents)).scalar_one()


def region_condition(connection: Connection, region: str | None) -> Any | None:
    """SQL condition on `places` for a region: an ISO 3166 alpha-2 country code ('SY'), or
    a first-level division by name ('Deir ez-Zor'); None when no region is asked for.
    Returns `false()` when the region names nothing in the store."""
    if not region:
        return None
    p = schema.places
    if len(region) == 2 and region.isalpha():
        return p.c.country == region.upper()
    norm = normalise_name(region)
    names = {
        row.admin1
        for row in connection.execute(select(p.c.admin1).where(p.c.admin1.is_not(None)).distinct())
        if normalise_name(row.admin1) == norm
    }
    names |= {
        row.name
        for row in connection.execute(
            select(p.c.name).where(p.c.feature == "admin1", p.c.norm == norm)
        )
    }
    if not names:
        return false()
    return or_(p.c.admin1.in_(sorted(names)), and_(p.c.feature == "admin1", p.c.norm == norm))


def region_known(db: Database, region: str) -> bool:
    """Whether any stored place lies in the region."""
    with db.connect() as connection:
        condition = region_condition(connection, region)
        if condition is None:
            return True
        return (
            connection.execute(select(schema.places.c.id).where(condition).limit(1)).first()
            is not None
        )


def window_events(
    db: Database,
    start: dt.date | None,
    end: dt.date | None,
    region: str | None = None,
    types: Sequence[str] = EVENT_TYPES,
) -> Iterator[EventRow]:
    """Events of `types` whose day lies in [start, end], in `region` when given, streamed in
    batches (never the whole table at once), oldest first."""
    e = schema.events
    with db.connect() as connection:
        conditions = [e.c.type.in_(list(types))]
        if start is not None:
            conditions.append(_day() >= start)
        if end is not None:
            conditions.append(_day() <= end)
        area = region_condition(connection, region)
        if area is not None:
            conditions.append(area)
        query = (
            event_select()
            .where(*conditions)
            .order_by(_day(), e.c.id)
            .execution_options(yield_per=BATCH)
        )
        for r in connection.execute(query):
            yield event_row(r)


def _chunks(ids: Iterable[Any]) -> Iterator[list[Any]]:
    items = sorted(set(ids))
    for i in range(0, len(items), BATCH):
        yield items[i : i + BATCH]


def event_outlets(db: Database, event_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """The outlets reporting each event (a document with no outlet counts as its own)."""
    es, d = schema.event_sources, schema.documents
    found: dict[int, set[str]] = defaultdict(set)
    with db.connect() as connection:
        for chunk in _chunks(event_ids):
            rows = connection.execute(
                select(es.c.event_id, func.coalesce(d.c.outlet, d.c.id))
                .select_from(es.join(d, d.c.id == es.c.document_id))
                .where(es.c.event_id.in_(chunk))
                .distinct()
            )
            for event_id, outlet in rows:
                found[event_id].add(outlet)
    return {k: frozenset(v) for k, v in found.items()}


def window_relations(
    db: Database, end: dt.date | None, since: dt.date | None = None
) -> list[RelationRow]:
    """Relations first seen by `end` (and last seen on or after `since`), best attested first.
    Undated relations count as always seen."""
    r = schema.relations
    src, tgt = aliased(schema.actors), aliased(schema.actors)
    conditions = []
    if end is not None:
        conditions.append(or_(r.c.first_seen.is_(None), r.c.first_seen <= end))
    if since is not None:
        conditions.append(or_(r.c.last_seen.is_(None), r.c.last_seen >= since))
    query = (
        select(r, src.c.name.label("source_name"), tgt.c.name.label("target_name"))
        .select_from(
            r.outerjoin(src, src.c.id == r.c.source_id).outerjoin(tgt, tgt.c.id == r.c.target_id)
        )
        .where(*conditions)
        .order_by(r.c.n_outlets.desc(), r.c.n_documents.desc(), r.c.id)
        .execution_options(yield_per=BATCH)
    )
    with db.connect() as connection:
        return [
            RelationRow(
                id=x.id,
                type=x.type,
                source_id=x.source_id,
                source=x.source_name or x.source_id,
                target_id=x.target_id,
                target=x.target_name or x.target_id,
                n_evidence=x.n_evidence,
                n_documents=x.n_documents,
                n_outlets=x.n_outlets,
                first_seen=x.first_seen,
                last_seen=x.last_seen,
            )
            for x in connection.execute(query)
        ]


def places_by_id(db: Database, place_ids: Iterable[str]) -> dict[str, PlaceRow]:
    """The named places (counts left at zero: the window does not need them)."""
    p = schema.places
    found: dict[str, PlaceRow] = {}
    with db.connect() as connection:
        for chunk in _chunks(i for i in place_ids if i):
            for x in connection.execute(select(p).where(p.c.id.in_(chunk))):
                found[x.id] = PlaceRow(
                    id=x.id,
                    name=x.name,
                    lat=x.lat,
                    lon=x.lon,
                    country=x.country,
                    geonameid=x.geonameid,
                    feature=x.feature,
                    admin1=x.admin1,
                    n_mentions=0,
                    n_documents=0,
                    n_events=0,
                )
    return found


def actors_by_id(db: Database, actor_ids: Iterable[str]) -> dict[str, ActorRow]:
    """The named actors."""
    a = schema.actors
    found: dict[str, ActorRow] = {}
    with db.connect() as connection:
        for chunk in _chunks(i for i in actor_ids if i):
            for x in connection.execute(select(a).where(a.c.id.in_(chunk))):
                found[x.id] = ActorRow(
                    id=x.id,
                    name=x.name,
                    kind=x.kind,
                    country=x.country,
                    known=x.known,
                    parent=x.parent,
                    first_seen=x.first_seen,
                    last_seen=x.last_seen,
                )
    return found


def _report(x: Any, **extra: Any) -> Report:
    return Report(
        document_id=x.document_id,
        outlet=x.doc_outlet,
        title=x.title,
        url=x.url,
        published=x.published,
        start=x.start,
        end=x.end,
        text=x.text,
        attribution=x.attribution_kind,
        speaker=x.speaker,
        **extra,
    )


def event_reports(db: Database, event_ids: Iterable[int]) -> dict[int, list[Report]]:
    """Each event's reports that are not opinion, newest first."""
    es, d = schema.event_sources, schema.documents
    found: dict[int, list[Report]] = defaultdict(list)
    with db.connect() as connection:
        for chunk in _chunks(event_ids):
            rows = connection.execute(
                select(es, d.c.outlet.label("doc_outlet"), d.c.title, d.c.url, d.c.published)
                .select_from(es.join(d, d.c.id == es.c.document_id))
                .where(es.c.event_id.in_(chunk), es.c.opinion.is_(False))
                .order_by(d.c.published.desc(), es.c.id)
            )
            for x in rows:
                found[x.event_id].append(_report(x, clause=x.clause))
    return dict(found)


def relation_reports(db: Database, relation_ids: Iterable[int]) -> dict[int, list[Report]]:
    """Each relation's evidence that is not opinion, newest first."""
    ev, d = schema.relation_evidence, schema.documents
    found: dict[int, list[Report]] = defaultdict(list)
    with db.connect() as connection:
        for chunk in _chunks(relation_ids):
            rows = connection.execute(
                select(ev, d.c.outlet.label("doc_outlet"), d.c.title, d.c.url, d.c.published)
                .select_from(ev.join(d, d.c.id == ev.c.document_id))
                .where(ev.c.relation_id.in_(chunk), ev.c.opinion.is_(False))
                .order_by(d.c.published.desc(), ev.c.id)
            )
            for x in rows:
                found[x.relation_id].append(_report(x))
    return dict(found)


def document_flashpoints(
    db: Database, since: dt.date | None = None, until: dt.date | None = None
) -> list[dict]:
    """The flashpoints single documents yielded (stored at ingest), by publication date."""
    f, d = schema.flashpoints, schema.documents
    conditions = []
    if since is not None:
        conditions.append(d.c.published >= since)
    if until is not None:
        conditions.append(d.c.published <= until)
    query = (
        select(f.c.document_id, f.c.place_id, f.c.score, f.c.summary, d.c.outlet, d.c.published)
        .select_from(f.join(d, d.c.id == f.c.document_id))
        .where(*conditions)
        .order_by(d.c.published, f.c.id)
    )
    with db.connect() as connection:
        return [
            {
                "document": x.document_id,
                "outlet": x.outlet,
                "published": x.published.isoformat() if x.published else None,
                "place_id": x.place_id,
                "score": x.score,
                "summary": x.summary,
            }
            for x in connection.execute(query)
        ]
