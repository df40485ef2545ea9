"""The statements the writer runs for every event and relation, built once with bind parameters.

SQLAlchemy builds, keys and compiles a statement each time the code constructs one; the writer
runs dozens per document, and on a 200-article FA-KES ingest that bookkeeping cost more than
SQLite's own work. Each statement here is built once per shape (a cached function) and run with
parameters; the support counts of a document's events and relations are refreshed by one UPDATE
each, after all its reports are in, instead of a SELECT and an UPDATE per report.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from functools import cache
from typing import Any

from sqlalchemy import (
    Connection,
    Delete,
    Insert,
    Select,
    Update,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    union,
    update,
)

from flashpoint.store import schema
from flashpoint.store.merge import DATE_SLACK_DAYS, EventFacts, nearby_box, same_event

_SLACK = dt.timedelta(days=DATE_SLACK_DAYS)


@cache
def _event_query(
    place: bool, near: bool, pair: bool, source: bool, target: bool, dated: bool
) -> Select:
    """Stored events that may be the same as a report (`same_event` has the final word): same
    type and modality, compatible actors, close dates, and one anchor `same_event` requires:
    the same or a nearby place, or both actors equal.

    Each anchor is its own select of event ids, so that each is one index look-up:
    `ix_events_type_modality_place` for the place and for the places in
    `ix_places_lat_lon`'s box, `ix_events_type_modality_pair` for the actors. As one OR of
    the three (the nearby places joined in), SQLite walked every event of the type and
    modality for each report, a cost that grew with the store
    (`tests/store/test_event_lookup.py` checks the plan)."""
    e, p = schema.events, schema.places
    kind = (e.c.type == bindparam("type"), e.c.modality == bindparam("modality"))
    anchors: list[Any] = []
    if place:
        anchors.append(e.c.place_id == bindparam("place"))
    if near:
        box = p.alias("nearby")
        nearby = select(box.c.id).where(
            box.c.lat.between(bindparam("lat_lo"), bindparam("lat_hi")),
            box.c.lon.between(bindparam("lon_lo"), bindparam("lon_hi")),
        )
        anchors.append(e.c.place_id.in_(nearby))
    if pair:
        anchors.append(
            and_(e.c.source_id == bindparam("source"), e.c.target_id == bindparam("target"))
        )
    candidates = union(*(select(e.c.id).where(*kind, anchor) for anchor in anchors))
    conditions: list[Any] = [e.c.id.in_(candidates)]
    if source:
        conditions.append(or_(e.c.source_id.is_(None), e.c.source_id == bindparam("source")))
    if target:
        conditions.append(or_(e.c.target_id.is_(None), e.c.target_id == bindparam("target")))
    if dated:
        conditions.append(
            or_(
                e.c.date_start.is_(None),
                and_(
                    e.c.date_start <= bindparam("date_hi", type_=e.c.date_start.type),
                    func.coalesce(e.c.date_end, e.c.date_start)
                    >= bindparam("date_lo", type_=e.c.date_start.type),
                ),
            )
        )
    return (
        select(e, p.c.lat, p.c.lon)
        .select_from(e.outerjoin(p, p.c.id == e.c.place_id))
        .where(*conditions)
        .order_by(e.c.id)
    )


def facts_from_row(row: Any) -> EventFacts:
    """The merge rule's view of a stored event (a row of `_event_query`)."""
    return EventFacts(
        type=row.type,
        modality=row.modality,
        source=row.source_id,
        target=row.target_id,
        place=row.place_id,
        lat=row.lat,
        lon=row.lon,
        start=row.date_start,
        end=row.date_end,
        reported_first=row.first_reported,
        reported_last=row.last_reported,
    )


def find_event(connection: Connection, facts: EventFacts) -> Any | None:
    """The first stored event (by id) that `same_event` says this report belongs to."""
    near = facts.place is not None and facts.lat is not None and facts.lon is not None
    pair = facts.source is not None and facts.target is not None
    if facts.place is None and not pair:
        return None  # no place and not both actors: nothing stored can be the same event
    params: dict[str, Any] = {
        "type": facts.type,
        "modality": facts.modality,
        "place": facts.place,
        "source": facts.source,
        "target": facts.target,
    }
    if near:
        box = nearby_box(facts.lat, facts.lon)  # type: ignore[arg-type]
        params.update(zip(("lat_lo", "lat_hi", "lon_lo", "lon_hi"), box, strict=True))
    if facts.start is not None:
        params["date_hi"] = (facts.end or facts.start) + _SLACK
        params["date_lo"] = facts.start - _SLACK
    query = _event_query(
        facts.place is not None,
        near,
        pair,
        facts.source is not None,
        facts.target is not None,
        facts.start is not None,
    )
    for row in connection.execute(query, params):  # a key the shape does not use is ignored
        if same_event(facts_from_row(row), facts):
            return row
    return None


def _support(table: Any, key: Any, owner: Any, *columns: Any) -> list[Any]:
    """Correlated sub-queries over one event's (or relation's) reports joined to their documents."""
    d = schema.documents
    joined = table.join(d, d.c.id == table.c.document_id)
    return [select(c).select_from(joined).where(key == owner).scalar_subquery() for c in columns]


@cache
def _event_counts() -> Update:
    e, es, d = schema.events, schema.event_sources, schema.documents
    n_sources, n_outlets, fatalities, injured = _support(
        es,
        es.c.event_id,
        e.c.id,
        func.count(func.distinct(es.c.document_id)),
        func.count(func.distinct(func.coalesce(d.c.outlet, d.c.id))),
        func.max(es.c.fatalities),
        func.max(es.c.injured),
    )
    return (
        update(e)
        .where(e.c.id.in_(bindparam("ids", expanding=True)))
        .values(n_sources=n_sources, n_outlets=n_outlets, fatalities=fatalities, injured=injured)
    )


@cache
def _relation_counts() -> Update:
    r, ev, d = schema.relations, schema.relation_evidence, schema.documents
    n_evidence, n_documents, n_outlets = _support(
        ev,
        ev.c.relation_id,
        r.c.id,
        func.count(),
        func.count(func.distinct(ev.c.document_id)),
        func.count(func.distinct(func.coalesce(d.c.outlet, d.c.id))),
    )
    return (
        update(r)
        .where(r.c.id.in_(bindparam("ids", expanding=True)))
        .values(n_evidence=n_evidence, n_documents=n_documents, n_outlets=n_outlets)
    )


def refresh_event_counts(connection: Connection, event_ids: Collection[int]) -> None:
    """Source and outlet counts, and casualty figures as the highest any report states."""
    if event_ids:
        connection.execute(_event_counts(), {"ids": sorted(event_ids)})


def refresh_relation_counts(connection: Connection, relation_ids: Collection[int]) -> None:
    """Evidence, document and outlet counts of relations."""
    if relation_ids:
        connection.execute(_relation_counts(), {"ids": sorted(relation_ids)})


@cache
def by_id(table_name: str) -> Update:
    """UPDATE one row by id; the SET columns are the keys of the parameters it runs with."""
    table = schema.metadata.tables[table_name]
    return update(table).where(table.c.id == bindparam("row_id"))


@cache
def relation_row() -> Select:
    """The relation with a (type, source_id, target_id) key, if stored."""
    r = schema.relations
    return select(r).where(
        r.c.type == bindparam("type"),
        r.c.source_id == bindparam("source_id"),
        r.c.target_id == bindparam("target_id"),
    )


@cache
def rows_by_ids(table_name: str) -> Select:
    """SELECT the rows with any of these ids."""
    table = schema.metadata.tables[table_name]
    return select(table).where(table.c.id.in_(bindparam("ids", expanding=True)))


@cache
def alias_owners_by_norm() -> Select:
    """The actors holding any of these alias forms: (norm, actor_id) pairs."""
    a = schema.aliases
    return select(a.c.norm, a.c.actor_id).where(a.c.norm.in_(bindparam("norms", expanding=True)))


@cache
def document_stored() -> Select:
    """The id of the document with this id, if stored (`Database.store`'s duplicate check)."""
    d = schema.documents
    return select(d.c.id).where(d.c.id == bindparam("id"))


@cache
def document_insert() -> Insert:
    """INSERT a document row; the columns are the keys of the parameters it runs with."""
    return schema.documents.insert()


@cache
def rejection_delete() -> Delete:
    """DELETE the rejection recorded for a source (stored now: a bug since fixed, say)."""
    r = schema.rejected
    return delete(r).where(r.c.source == bindparam("source"))
