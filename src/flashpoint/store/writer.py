"""Write one Analysis into the store, merging its actors, places, events and relations with
what earlier documents said.

Everything runs on the connection of the caller's transaction (`Database.store`), so a document
lands whole or not at all. The decisions (same actor? same event?) come from `merge.py`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection, and_, func, or_, select, update

from flashpoint.model import Actor, Analysis, Attribution, Event, Place
from flashpoint.store import schema
from flashpoint.store.database import insert_ignore
from flashpoint.store.merge import (
    DATE_SLACK_DAYS,
    EventFacts,
    actor_key,
    merge_facts,
    nearby_box,
    normalise_name,
    place_key,
    relation_key,
    same_event,
)
from flashpoint.store.schema import KEY_CHARS


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _key(value: str) -> str:
    """A canonical id cut to a length every index accepts."""
    return value[:KEY_CHARS]


def _actor_ref(actor_ids: dict[str, str], local: str | None) -> str | None:
    """The canonical id of an actor an event, relation or quote points at."""
    return _key(actor_ids.get(local, local)) if local else None


def _resolve_actor(connection: Connection, actor: Actor) -> str:
    """The canonical id: registry id, or an existing actor whose alias matches, or a new name id."""
    if actor.known:
        return _key(actor.id)
    norms = [normalise_name(n)[:KEY_CHARS] for n in [actor.name, *actor.aliases]]
    norms = [n for n in dict.fromkeys(norms) if n]
    if norms:
        rows = connection.execute(
            select(schema.aliases.c.actor_id, schema.actors.c.known)
            .join(schema.actors, schema.actors.c.id == schema.aliases.c.actor_id)
            .where(schema.aliases.c.norm.in_(norms))
        ).all()
        if rows:  # prefer a registry actor over another discovered one
            return sorted(rows, key=lambda r: (not r.known, r.actor_id))[0].actor_id
    return _key(actor_key(actor))


def _write_actor(connection: Connection, actor: Actor, key: str, published: dt.date | None) -> None:
    table = schema.actors
    existing = connection.execute(select(table).where(table.c.id == key)).first()
    if existing is None:  # insert-or-ignore: another writer on a shared server may be first
        insert_ignore(
            connection,
            table,
            [
                {
                    "id": key,
                    "name": actor.name,
                    "kind": actor.kind,
                    "country": actor.country,
                    "parent": actor.parent,
                    "known": actor.known,
                    "first_seen": published,
                    "last_seen": published,
                }
            ],
        )
    elif published is not None:
        first = min(filter(None, [existing.first_seen, published]))
        last = max(filter(None, [existing.last_seen, published]))
        connection.execute(
            update(table).where(table.c.id == key).values(first_seen=first, last_seen=last)
        )
    names = [actor.name, *actor.aliases, *(m.text for m in actor.mentions)]
    alias_rows = {}
    for name in names:
        norm = normalise_name(name)
        if norm and norm not in alias_rows:
            alias_rows[norm] = {"actor_id": key, "norm": norm[:KEY_CHARS], "alias": name.strip()}
    insert_ignore(connection, schema.aliases, list(alias_rows.values()))


def _write_place(connection: Connection, place: Place, key: str) -> None:
    insert_ignore(
        connection,
        schema.places,
        [
            {
                "id": key,
                "name": place.name,
                "norm": normalise_name(place.name)[:KEY_CHARS],
                "lat": place.lat,
                "lon": place.lon,
                "country": place.country,
                "geonameid": place.geonameid,
                "feature": place.feature,
                "admin1": place.admin1,
            }
        ],
    )


def _mention_rows(document_id: str, kind: str, key: str, spans: list[Any]) -> list[dict]:
    return [
        {
            "document_id": document_id,
            "kind": kind,
            "entity_id": key,
            "start": s.start,
            "end": s.end,
            "text": s.text,
        }
        for s in spans
    ]


def _attribution_cols(attribution: Attribution) -> dict[str, Any]:
    return {
        "attribution_kind": attribution.kind,
        "speaker": attribution.speaker or None,
        "outlet": attribution.outlet,
    }


def _facts_from_row(row: Any) -> EventFacts:
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


def _anchors(facts: EventFacts) -> list[Any]:
    """SQL for what `same_event` requires besides type and dates: the same or a nearby place,
    or both actors equal. Without one of them no stored event can match, so the look-up reads
    the few events at this place or between these actors, not every event of the type."""
    e, p = schema.events, schema.places
    anchors: list[Any] = []
    if facts.place is not None:
        anchors.append(e.c.place_id == facts.place)
        if facts.lat is not None and facts.lon is not None:
            lat_lo, lat_hi, lon_lo, lon_hi = nearby_box(facts.lat, facts.lon)
            anchors.append(and_(p.c.lat.between(lat_lo, lat_hi), p.c.lon.between(lon_lo, lon_hi)))
    if facts.source is not None and facts.target is not None:
        anchors.append(and_(e.c.source_id == facts.source, e.c.target_id == facts.target))
    return anchors


def _find_event(connection: Connection, facts: EventFacts) -> Any | None:
    """The first stored event that `same_event` says this report belongs to."""
    e, p = schema.events, schema.places
    anchors = _anchors(facts)
    if not anchors:
        return None
    conditions = [e.c.type == facts.type, e.c.modality == facts.modality, or_(*anchors)]
    for column, value in ((e.c.source_id, facts.source), (e.c.target_id, facts.target)):
        if value is not None:
            conditions.append(or_(column.is_(None), column == value))
    if facts.start is not None:  # a cheap pre-filter; `same_event` has the final word
        slack = dt.timedelta(days=DATE_SLACK_DAYS)
        conditions.append(
            or_(
                e.c.date_start.is_(None),
                and_(
                    e.c.date_start <= (facts.end or facts.start) + slack,
                    func.coalesce(e.c.date_end, e.c.date_start) >= facts.start - slack,
                ),
            )
        )
    query = (
        select(e, p.c.lat, p.c.lon)
        .select_from(e.outerjoin(p, p.c.id == e.c.place_id))
        .where(*conditions)
        .order_by(e.c.id)
    )
    for row in connection.execute(query):
        if same_event(_facts_from_row(row), facts):
            return row
    return None


def _refresh_event_counts(connection: Connection, event_id: int) -> None:
    """Source counts, and casualty figures as the highest any report states (see merge.py)."""
    es, d = schema.event_sources, schema.documents
    n_sources, n_outlets, fatalities, injured = connection.execute(
        select(
            func.count(func.distinct(es.c.document_id)),
            func.count(func.distinct(func.coalesce(d.c.outlet, d.c.id))),
            func.max(es.c.fatalities),
            func.max(es.c.injured),
        )
        .select_from(es.join(d, d.c.id == es.c.document_id))
        .where(es.c.event_id == event_id)
    ).one()
    connection.execute(
        update(schema.events)
        .where(schema.events.c.id == event_id)
        .values(n_sources=n_sources, n_outlets=n_outlets, fatalities=fatalities, injured=injured)
    )


def _write_event(
    connection: Connection,
    analysis: Analysis,
    event: Event,
    actor_ids: dict[str, str],
    place_ids: dict[str, str],
    places: dict[str, Place],
) -> None:
    published = analysis.document.published
    place = places.get(event.place) if event.place else None
    facts = EventFacts(
        type=event.type,
        modality=event.modality,
        source=_actor_ref(actor_ids, event.source),
        target=_actor_ref(actor_ids, event.target),
        place=place_ids.get(event.place) if place else None,  # only places the analysis lists
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        start=event.date.start,
        end=event.date.end or event.date.start,
        reported_first=published,
        reported_last=published,
    )
    stored = _find_event(connection, facts)
    if stored is None:
        event_id = connection.execute(
            schema.events.insert().values(
                type=event.type,
                mode=event.mode,
                modality=event.modality,
                source_id=facts.source,
                target_id=facts.target,
                place_id=facts.place,
                date_start=facts.start,
                date_end=facts.end,
                precision=event.date.precision,
                acled_event_type=event.acled.event_type if event.acled else None,
                acled_sub_event_type=event.acled.sub_event_type if event.acled else None,
                cameo=event.cameo,
                n_sources=0,
                n_outlets=0,
                first_reported=published,
                last_reported=published,
            )
        ).inserted_primary_key[0]
    else:
        event_id = stored.id
        merged = merge_facts(_facts_from_row(stored), facts)
        connection.execute(
            update(schema.events)
            .where(schema.events.c.id == event_id)
            .values(
                source_id=merged.source,
                target_id=merged.target,
                place_id=merged.place,
                date_start=merged.start,
                date_end=merged.end,
                first_reported=merged.reported_first,
                last_reported=merged.reported_last,
                mode=stored.mode or event.mode,
                cameo=stored.cameo or event.cameo,
            )
        )
    insert_ignore(
        connection,
        schema.event_sources,
        [
            {
                "event_id": event_id,
                "document_id": analysis.document.id,
                "local_id": _key(event.id),
                "start": event.evidence.start,
                "end": event.evidence.end,
                "text": event.evidence.text,
                "trigger": event.trigger,
                "date_text": event.date.text,
                **_attribution_cols(event.attribution),
                "opinion": event.opinion,
                "confidence": event.confidence,
                "fatalities": event.fatalities,
                "injured": event.injured,
            }
        ],
    )
    _refresh_event_counts(connection, event_id)


def _write_relations(connection: Connection, analysis: Analysis, actor_ids: dict[str, str]) -> None:
    r, ev, d = schema.relations, schema.relation_evidence, schema.documents
    published = analysis.document.published
    for relation in analysis.relations:
        kind, source, target = relation_key(
            relation.type,
            _actor_ref(actor_ids, relation.source),
            _actor_ref(actor_ids, relation.target),
        )
        if source == target:
            continue
        key = (r.c.type == kind, r.c.source_id == source, r.c.target_id == target)
        row = connection.execute(select(r).where(*key)).first()
        if row is None:
            insert_ignore(
                connection,
                r,
                [
                    {
                        "type": kind,
                        "source_id": source,
                        "target_id": target,
                        "n_evidence": 0,
                        "n_documents": 0,
                        "n_outlets": 0,
                        "first_seen": published,
                        "last_seen": published,
                    }
                ],
            )
            relation_id = connection.execute(select(r.c.id).where(*key)).scalar_one()
        else:
            relation_id = row.id
            seen = [x for x in (row.first_seen, row.last_seen, published) if x is not None]
            connection.execute(
                update(r)
                .where(r.c.id == relation_id)
                .values(
                    first_seen=min(seen) if seen else None,
                    last_seen=max(seen) if seen else None,
                )
            )
        insert_ignore(
            connection,
            ev,
            [
                {
                    "relation_id": relation_id,
                    "document_id": analysis.document.id,
                    "start": e.start,
                    "end": e.end,
                    "text": e.text,
                    **_attribution_cols(e.attribution),
                    "opinion": e.opinion,
                }
                for e in relation.evidence
            ],
        )
        n_evidence, n_documents, n_outlets = connection.execute(
            select(
                func.count(),
                func.count(func.distinct(ev.c.document_id)),
                func.count(func.distinct(func.coalesce(d.c.outlet, d.c.id))),
            )
            .select_from(ev.join(d, d.c.id == ev.c.document_id))
            .where(ev.c.relation_id == relation_id)
        ).one()
        connection.execute(
            update(r)
            .where(r.c.id == relation_id)
            .values(
                n_evidence=n_evidence,
                n_documents=n_documents,
                n_outlets=n_outlets,
            )
        )


def write_analysis(connection: Connection, analysis: Analysis, *, source: str | None) -> None:
    """Insert the document row and merge every record of its analysis into the store."""
    document = analysis.document
    connection.execute(
        schema.documents.insert().values(
            id=document.id,
            title=document.title,
            outlet=document.outlet,
            url=document.url,
            published=document.published,
            language=document.language,
            source=source,
            text=document.text,
            ingested_at=_now(),
        )
    )
    actor_ids: dict[str, str] = {}
    place_ids: dict[str, str] = {}
    mentions: list[dict] = []
    for actor in analysis.actors:
        key = _resolve_actor(connection, actor)
        actor_ids[actor.id] = key
        _write_actor(connection, actor, key, document.published)
        mentions += _mention_rows(document.id, "actor", key, actor.mentions)
    places: dict[str, Place] = {}
    for place in analysis.places:
        key = _key(place_key(place))
        place_ids[place.id] = key
        places[place.id] = place
        _write_place(connection, place, key)
        mentions += _mention_rows(document.id, "place", key, place.mentions)
    insert_ignore(connection, schema.mentions, mentions)
    for event in analysis.events:
        _write_event(connection, analysis, event, actor_ids, place_ids, places)
    _write_relations(connection, analysis, actor_ids)
    insert_ignore(
        connection,
        schema.quotes,
        [
            {
                "document_id": document.id,
                "speaker": q.speaker,
                "speaker_id": _actor_ref(actor_ids, q.speaker_id),
                "role": q.role,
                "text": q.text,
                "start": q.start,
                "end": q.end,
                "via": q.via,
                "direct": q.direct,
            }
            for q in analysis.quotes
        ],
    )
    insert_ignore(
        connection,
        schema.flashpoints,
        [
            {
                "document_id": document.id,
                "place_id": place_ids.get(f.place) if f.place else None,
                "score": f.score,
                "summary": f.summary,
                "data": json.dumps(f.model_dump(mode="json")),
            }
            for f in analysis.flashpoints
        ],
    )
