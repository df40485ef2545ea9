"""Documents read back from the store: a list to browse, and one document with everything
extracted from it at its character offsets, so that a reader can check each claim against the
sentence it came from.

    >>> page = documents(db, DocumentFilter(outlet="Reuters", limit=20))
    >>> one = document(db, page[0].id)   # text, mentions, events, relations, quotes, flashpoints
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from flashpoint.errors import DB_NOT_FOUND, FlashpointError
from flashpoint.store import schema
from flashpoint.store.database import Database
from flashpoint.store.queries import find_actor_ids, find_place_ids


@dataclass
class DocumentFilter:
    """Which documents to list; `actor` and `place` match ids, names and aliases."""

    outlet: str | None = None
    actor: str | None = None
    place: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    limit: int | None = None
    offset: int = 0


@dataclass
class DocumentRow:
    id: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    n_chars: int


@dataclass
class Mention:
    """An actor or place named in the text, at [start, end)."""

    kind: str
    entity_id: str
    name: str | None
    start: int
    end: int
    text: str


@dataclass
class Claim:
    """An event report or a piece of relation evidence in this document, with who asserts it."""

    kind: str  # "event" or "relation"
    id: int  # the merged event's or relation's id
    type: str
    source_id: str | None
    target_id: str | None
    start: int
    end: int
    text: str
    attribution: str
    speaker: str | None
    opinion: bool
    place_id: str | None = None
    modality: str | None = None
    clause: str | None = None  # an event report's clause role (rows.Report); None: unknown


@dataclass
class QuoteRow:
    speaker: str | None
    speaker_id: str | None
    role: str | None
    start: int
    end: int
    text: str
    direct: bool


@dataclass
class DocumentDetail:
    document: DocumentRow
    text: str
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[QuoteRow] = field(default_factory=list)
    flashpoints: list[dict[str, Any]] = field(default_factory=list)


def _row(x: Any) -> DocumentRow:
    return DocumentRow(
        id=x.id,
        title=x.title,
        outlet=x.outlet,
        url=x.url,
        published=x.published,
        source=x.source,
        n_chars=x.n_chars,
    )


def documents(db: Database, filters: DocumentFilter | None = None) -> list[DocumentRow]:
    """Documents matching the filters, newest first (undated last), then by id."""
    filters = filters or DocumentFilter()
    d, m = schema.documents, schema.mentions
    with db.connect() as connection:
        conditions = []
        if filters.outlet:
            conditions.append(func.lower(d.c.outlet) == filters.outlet.lower())
        if filters.since:
            conditions.append(d.c.published >= filters.since)
        if filters.until:
            conditions.append(d.c.published <= filters.until)
        for kind, name, find in (
            ("actor", filters.actor, find_actor_ids),
            ("place", filters.place, find_place_ids),
        ):
            if name:
                ids = find(connection, name)
                named = select(m.c.document_id).where(m.c.kind == kind, m.c.entity_id.in_(ids))
                conditions.append(d.c.id.in_(named))
        query = (
            select(
                d.c.id,
                d.c.title,
                d.c.outlet,
                d.c.url,
                d.c.published,
                d.c.source,
                func.length(d.c.text).label("n_chars"),
            )
            .where(*conditions)
            .order_by(d.c.published.is_(None), d.c.published.desc(), d.c.id)
            .limit(filters.limit)
            .offset(filters.offset or None)
        )
        return [_row(x) for x in connection.execute(query)]


def _names(connection: Any, table: Any, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = connection.execute(select(table.c.id, table.c.name).where(table.c.id.in_(ids)))
    return {x.id: x.name for x in rows}


def document(db: Database, document_id: str) -> DocumentDetail:
    """One document with its mentions, event and relation claims, quotes and flashpoints,
    each at its offsets into `text`. Raises DB_NOT_FOUND for an unknown id."""
    d, m, es, e = schema.documents, schema.mentions, schema.event_sources, schema.events
    ev, r, q, f = schema.relation_evidence, schema.relations, schema.quotes, schema.flashpoints
    with db.connect() as connection:
        found = connection.execute(
            select(d, func.length(d.c.text).label("n_chars")).where(d.c.id == document_id)
        ).first()
        if found is None:
            raise FlashpointError(DB_NOT_FOUND, f"no document with id {document_id!r}")
        mention_rows = connection.execute(
            select(m).where(m.c.document_id == document_id).order_by(m.c.start, m.c.kind, m.c.id)
        ).all()
        actor_names = _names(
            connection, schema.actors, {x.entity_id for x in mention_rows if x.kind == "actor"}
        )
        place_names = _names(
            connection, schema.places, {x.entity_id for x in mention_rows if x.kind == "place"}
        )
        claims = [
            _claim(
                "event", x.event_id, x, place_id=x.place_id, modality=x.modality, clause=x.clause
            )
            for x in connection.execute(
                select(es, e.c.type, e.c.source_id, e.c.target_id, e.c.place_id, e.c.modality)
                .select_from(es.join(e, e.c.id == es.c.event_id))
                .where(es.c.document_id == document_id)
            )
        ]
        claims += [
            _claim("relation", x.relation_id, x)
            for x in connection.execute(
                select(ev, r.c.type, r.c.source_id, r.c.target_id)
                .select_from(ev.join(r, r.c.id == ev.c.relation_id))
                .where(ev.c.document_id == document_id)
            )
        ]
        quotes = [
            QuoteRow(
                speaker=x.speaker,
                speaker_id=x.speaker_id,
                role=x.role,
                start=x.start,
                end=x.end,
                text=x.text,
                direct=x.direct,
            )
            for x in connection.execute(
                select(q).where(q.c.document_id == document_id).order_by(q.c.start, q.c.id)
            )
        ]
        flashpoints = [
            json.loads(x.data)
            for x in connection.execute(
                select(f.c.data)
                .where(f.c.document_id == document_id)
                .order_by(f.c.score.desc(), f.c.id)
            )
        ]
    names = {"actor": actor_names, "place": place_names}
    return DocumentDetail(
        document=_row(found),
        text=found.text,
        mentions=[
            Mention(
                kind=x.kind,
                entity_id=x.entity_id,
                name=names.get(x.kind, {}).get(x.entity_id),
                start=x.start,
                end=x.end,
                text=x.text,
            )
            for x in mention_rows
        ],
        claims=sorted(claims, key=lambda c: (c.start, c.kind, c.id, c.end)),
        quotes=quotes,
        flashpoints=flashpoints,
    )


def _claim(kind: str, claim_id: str, row: Any, **extra: Any) -> Claim:
    """An event's or a relation's evidence row as a claim of the document view."""
    return Claim(
        kind=kind,
        id=claim_id,
        type=row.type,
        source_id=row.source_id,
        target_id=row.target_id,
        start=row.start,
        end=row.end,
        text=row.text,
        attribution=row.attribution_kind,
        speaker=row.speaker,
        opinion=row.opinion,
        **extra,
    )
