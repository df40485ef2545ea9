"""Read the merged picture back: events, actors, places, relations and counts.

Plain functions over a `Database`, returning the typed rows of `rows.py`; the CLI, the
exports and the API all call these, so a filter means the same thing everywhere.

    >>> rows = events(db, EventFilter(actor="SDF", since=dt.date(2017, 9, 1)))
    >>> profile = actor_profile(db, "Syrian Democratic Forces")
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Select, and_, func, or_, select
from sqlalchemy.orm import aliased

from flashpoint.errors import DB_NOT_FOUND, FlashpointError
from flashpoint.store import schema
from flashpoint.store.database import Database
from flashpoint.store.merge import normalise_name
from flashpoint.store.rows import (
    ActorProfile,
    ActorRow,
    EventFilter,
    EventRow,
    PlaceRow,
    RelationRow,
    Report,
    event_row,
    to_jsonable,
)


def find_actor_ids(connection: Connection, name: str) -> list[str]:
    """Actor ids whose id, name or alias equals `name` (loosely); else those containing it."""
    a, al = schema.actors, schema.aliases
    norm = normalise_name(name)
    exact = (
        connection.execute(
            select(a.c.id).where(
                or_(a.c.id == name, a.c.id.in_(select(al.c.actor_id).where(al.c.norm == norm)))
            )
        )
        .scalars()
        .all()
    )
    if exact or not norm:
        return list(exact)
    # autoescape: `_` and `%` in a name are characters to find, not LIKE wildcards
    # ("--actor _" once matched every actor)
    return list(
        connection.execute(
            select(func.distinct(al.c.actor_id)).where(al.c.norm.contains(norm, autoescape=True))
        ).scalars()
    )


def find_place_ids(connection: Connection, name: str) -> list[str]:
    """Place ids whose id or normalised name equals `name`."""
    p = schema.places
    norm = normalise_name(name)
    return list(
        connection.execute(select(p.c.id).where(or_(p.c.id == name, p.c.norm == norm))).scalars()
    )


def _reports(connection: Connection, event_ids: Sequence[int]) -> dict[int, list[Report]]:
    es, d = schema.event_sources, schema.documents
    found: dict[int, list[Report]] = {i: [] for i in event_ids}
    for i in range(0, len(event_ids), 500):
        rows = connection.execute(
            select(es, d.c.outlet.label("doc_outlet"), d.c.title, d.c.url, d.c.published)
            .select_from(es.join(d, d.c.id == es.c.document_id))
            .where(es.c.event_id.in_(event_ids[i : i + 500]))
            .order_by(d.c.published, es.c.id)
        )
        for r in rows:
            found[r.event_id].append(
                Report(
                    document_id=r.document_id,
                    outlet=r.doc_outlet,
                    title=r.title,
                    url=r.url,
                    published=r.published,
                    start=r.start,
                    end=r.end,
                    text=r.text,
                    attribution=r.attribution_kind,
                    speaker=r.speaker,
                    fatalities=r.fatalities,
                    injured=r.injured,
                    clause=r.clause,
                )
            )
    return found


def main_clause_events() -> Select:
    """Ids of events with a report that is the event its sentence is coded for
    (`EventFilter.main_clause`); a report stored before the store knew (NULL) counts."""
    es = schema.event_sources
    return select(es.c.event_id).where(or_(es.c.coded.is_(None), es.c.coded.is_(True)))


def event_select() -> Select:
    """Events with their actors' and place's names and the place's point: the one shape
    `rows.event_row` reads, shared by the list and the window queries."""
    e, p = schema.events, schema.places
    src, tgt = aliased(schema.actors), aliased(schema.actors)
    return select(
        e,
        src.c.name.label("source_name"),
        tgt.c.name.label("target_name"),
        p.c.name.label("place_name"),
        p.c.lat,
        p.c.lon,
        p.c.country,
        p.c.admin1,
    ).select_from(
        e.outerjoin(src, src.c.id == e.c.source_id)
        .outerjoin(tgt, tgt.c.id == e.c.target_id)
        .outerjoin(p, p.c.id == e.c.place_id)
    )


def events(
    db: Database, filters: EventFilter | None = None, *, reports: bool = False
) -> list[EventRow]:
    """Merged events matching the filters, oldest first (undated last)."""
    filters = filters or EventFilter()
    e = schema.events
    with db.connect() as connection:
        conditions = []
        if filters.actor:
            ids = find_actor_ids(connection, filters.actor)
            conditions.append(or_(e.c.source_id.in_(ids), e.c.target_id.in_(ids)))
        if filters.place:
            conditions.append(e.c.place_id.in_(find_place_ids(connection, filters.place)))
        if filters.type:
            conditions.append(e.c.type == filters.type.upper())
        if filters.since:
            conditions.append(func.coalesce(e.c.date_end, e.c.date_start) >= filters.since)
        if filters.until:
            conditions.append(e.c.date_start <= filters.until)
        if filters.min_outlets:
            conditions.append(e.c.n_outlets >= filters.min_outlets)
        if filters.main_clause:
            conditions.append(e.c.id.in_(main_clause_events()))
        query = (
            event_select()
            .where(*conditions)
            .order_by(e.c.date_start.is_(None), e.c.date_start, e.c.id)
            .limit(filters.limit)
        )
        rows = [event_row(r) for r in connection.execute(query)]
        if reports and rows:
            found = _reports(connection, [r.id for r in rows])
            for row in rows:
                row.reports = found[row.id]
    return rows


def relations(
    db: Database,
    *,
    actor_ids: Sequence[str] | None = None,
    type: str | None = None,
    limit: int | None = None,
    evidence: bool = False,
) -> list[RelationRow]:
    """Relations, best attested first (independent outlets, then documents)."""
    r, ev, d = schema.relations, schema.relation_evidence, schema.documents
    src, tgt = aliased(schema.actors), aliased(schema.actors)
    conditions = []
    if actor_ids is not None:
        conditions.append(or_(r.c.source_id.in_(actor_ids), r.c.target_id.in_(actor_ids)))
    if type:
        conditions.append(r.c.type == type)
    query = (
        select(r, src.c.name.label("source_name"), tgt.c.name.label("target_name"))
        .select_from(
            r.outerjoin(src, src.c.id == r.c.source_id).outerjoin(tgt, tgt.c.id == r.c.target_id)
        )
        .where(*conditions)
        .order_by(r.c.n_outlets.desc(), r.c.n_documents.desc(), r.c.n_evidence.desc(), r.c.id)
        .limit(limit)
    )
    with db.connect() as connection:
        rows = [
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
        if evidence:
            for row in rows:
                row.evidence = [
                    Report(
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
                    )
                    for x in connection.execute(
                        select(
                            ev, d.c.outlet.label("doc_outlet"), d.c.title, d.c.url, d.c.published
                        )
                        .select_from(ev.join(d, d.c.id == ev.c.document_id))
                        .where(ev.c.relation_id == row.id)
                        .order_by(d.c.published, ev.c.id)
                    )
                ]
    return rows


def actors(db: Database, *, limit: int | None = None) -> list[ActorRow]:
    """Actors, most mentioned first."""
    a, m = schema.actors, schema.mentions
    counts = (
        select(
            m.c.entity_id,
            func.count().label("n_mentions"),
            func.count(func.distinct(m.c.document_id)).label("n_documents"),
        )
        .where(m.c.kind == "actor")
        .group_by(m.c.entity_id)
        .subquery()
    )
    query = (
        select(
            a,
            func.coalesce(counts.c.n_mentions, 0).label("n_mentions"),
            func.coalesce(counts.c.n_documents, 0).label("n_documents"),
        )
        .select_from(a.outerjoin(counts, counts.c.entity_id == a.c.id))
        .order_by(func.coalesce(counts.c.n_mentions, 0).desc(), a.c.id)
        .limit(limit)
    )
    with db.connect() as connection:
        return [
            ActorRow(
                id=x.id,
                name=x.name,
                kind=x.kind,
                country=x.country,
                known=x.known,
                parent=x.parent,
                first_seen=x.first_seen,
                last_seen=x.last_seen,
                n_mentions=x.n_mentions,
                n_documents=x.n_documents,
            )
            for x in connection.execute(query)
        ]


def places(db: Database, *, limit: int | None = None) -> list[PlaceRow]:
    """Places with how often they are mentioned and how many events happened there."""
    p, m, e = schema.places, schema.mentions, schema.events
    mention_counts = (
        select(
            m.c.entity_id,
            func.count().label("n_mentions"),
            func.count(func.distinct(m.c.document_id)).label("n_documents"),
        )
        .where(m.c.kind == "place")
        .group_by(m.c.entity_id)
        .subquery()
    )
    event_counts = (
        select(e.c.place_id, func.count().label("n_events")).group_by(e.c.place_id).subquery()
    )
    n_mentions = func.coalesce(mention_counts.c.n_mentions, 0)
    query = (
        select(
            p,
            n_mentions.label("n_mentions"),
            func.coalesce(mention_counts.c.n_documents, 0).label("n_documents"),
            func.coalesce(event_counts.c.n_events, 0).label("n_events"),
        )
        .select_from(
            p.outerjoin(mention_counts, mention_counts.c.entity_id == p.c.id).outerjoin(
                event_counts, event_counts.c.place_id == p.c.id
            )
        )
        .order_by(n_mentions.desc(), p.c.id)
        .limit(limit)
    )
    with db.connect() as connection:
        return [
            PlaceRow(
                id=x.id,
                name=x.name,
                lat=x.lat,
                lon=x.lon,
                country=x.country,
                geonameid=x.geonameid,
                feature=x.feature,
                admin1=x.admin1,
                n_mentions=x.n_mentions,
                n_documents=x.n_documents,
                n_events=x.n_events,
            )
            for x in connection.execute(query)
        ]


def actor_profile(db: Database, name: str) -> ActorProfile:
    """Everything the store knows about one actor: aliases, patrons, allies, enemies, places,
    and a timeline of its events. Raises DB_NOT_FOUND when no actor matches `name`."""
    a, al, e, p = schema.actors, schema.aliases, schema.events, schema.places
    with db.connect() as connection:
        ids = find_actor_ids(connection, name)
        if not ids:
            raise FlashpointError(DB_NOT_FOUND, f"no actor called {name!r} in the store")
        mention_count = func.count(schema.mentions.c.id)
        ranked = connection.execute(
            select(a.c.id, mention_count)
            .select_from(
                a.outerjoin(
                    schema.mentions,
                    and_(schema.mentions.c.entity_id == a.c.id, schema.mentions.c.kind == "actor"),
                )
            )
            .where(a.c.id.in_(ids))
            .group_by(a.c.id)
            .order_by(mention_count.desc(), a.c.id)
        ).all()
        actor_id = ranked[0][0]
        alias_names = list(
            connection.execute(
                select(al.c.alias).where(al.c.actor_id == actor_id).order_by(al.c.alias)
            ).scalars()
        )
        place_rows = connection.execute(
            select(p.c.name, func.count())
            .select_from(e.join(p, p.c.id == e.c.place_id))
            .where(or_(e.c.source_id == actor_id, e.c.target_id == actor_id))
            .group_by(p.c.name)
            .order_by(func.count().desc(), p.c.name)
        ).all()
    row = next(r for r in actors(db) if r.id == actor_id)
    rels = relations(db, actor_ids=[actor_id])
    return ActorProfile(
        actor=row,
        aliases=alias_names,
        patrons=[r for r in rels if r.type == "patron_of" and r.target_id == actor_id],
        clients=[r for r in rels if r.type == "patron_of" and r.source_id == actor_id],
        allies=[r for r in rels if r.type == "ally_of"],
        enemies=[r for r in rels if r.type == "enemy_of"],
        other_relations=[r for r in rels if r.type not in ("patron_of", "ally_of", "enemy_of")],
        places=[(n, c) for n, c in place_rows],
        timeline=events(db, EventFilter(actor=actor_id)),
    )


def stats(db: Database) -> dict[str, Any]:
    """Counts of every table, outlets, date range, and how many reports from other documents
    merged into an existing event (`reports_merged`)."""
    counts = db.counts()
    d, e = schema.documents, schema.events
    with db.connect() as connection:
        outlets = connection.execute(select(func.count(func.distinct(d.c.outlet)))).scalar_one()
        first, last = connection.execute(
            select(func.min(d.c.published), func.max(d.c.published))
        ).one()
        multi, merged = connection.execute(
            select(func.count(), func.coalesce(func.sum(e.c.n_sources - 1), 0))
            .select_from(e)
            .where(e.c.n_sources > 1)
        ).one()
    return {
        "documents": counts["documents"],
        "rejected": counts["rejected"],
        "actors": counts["actors"],
        "aliases": counts["aliases"],
        "places": counts["places"],
        "mentions": counts["mentions"],
        "events": counts["events"],
        "event_reports": counts["event_sources"],
        "reports_merged": int(merged),
        "events_with_several_sources": multi,
        "relations": counts["relations"],
        "relation_evidence": counts["relation_evidence"],
        "quotes": counts["quotes"],
        "flashpoints": counts["flashpoints"],
        "outlets": outlets,
        "first_published": first,
        "last_published": last,
    }


__all__ = [
    "ActorProfile",
    "ActorRow",
    "EventFilter",
    "EventRow",
    "PlaceRow",
    "RelationRow",
    "Report",
    "actor_profile",
    "actors",
    "events",
    "find_actor_ids",
    "find_place_ids",
    "places",
    "relations",
    "stats",
    "to_jsonable",
]
