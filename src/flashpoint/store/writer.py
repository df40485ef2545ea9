"""Write one Analysis into the store, merging its actors, places, events and relations with
what earlier documents said.

Everything runs on the connection of the caller's transaction (`Database.store`), so a document
lands whole or not at all. The decisions (same actor? same event?) come from `merge.py`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from sqlalchemy import Connection

from flashpoint.model import Analysis, Attribution, Event, Place, main_event
from flashpoint.store import schema
from flashpoint.store.actor_writer import write_actors
from flashpoint.store.merge import (
    EventFacts,
    merge_facts,
    normalise_name,
    place_key,
    relation_key,
)
from flashpoint.store.prepared import (
    by_id,
    document_insert,
    facts_from_row,
    find_event,
    refresh_event_counts,
    refresh_relation_counts,
    relation_row,
)
from flashpoint.store.schema import KEY_CHARS
from flashpoint.store.upsert import insert_ignore

_EVENT_INSERT = schema.events.insert()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def _key(value: str) -> str:
    """A canonical id cut to a length every index accepts."""
    return value[:KEY_CHARS]


def _actor_ref(actor_ids: dict[str, str], local: str | None) -> str | None:
    """The canonical id of an actor an event, relation or quote points at."""
    return _key(actor_ids.get(local, local)) if local else None


def _place_row(place: Place, key: str) -> dict[str, Any]:
    return {
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


def coded_events(events: list[Event]) -> set[str]:
    """Ids of the events their sentences are coded for: `model.main_event` among the events
    that share an evidence sentence."""
    by_sentence: dict[tuple[int, int], list[Event]] = {}
    for event in events:
        by_sentence.setdefault((event.evidence.start, event.evidence.end), []).append(event)
    return {chosen.id for group in by_sentence.values() if (chosen := main_event(group))}


def _write_event(
    connection: Connection,
    analysis: Analysis,
    event: Event,
    actor_ids: dict[str, str],
    place_ids: dict[str, str],
    places: dict[str, Place],
    coded: bool,
) -> dict[str, Any]:
    """Merge one event report into the store; returns its `event_sources` row, which the
    caller inserts with the document's others."""
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
    stored = find_event(connection, facts)
    if stored is None:
        event_id = connection.execute(
            _EVENT_INSERT,
            {
                "type": event.type,
                "mode": event.mode,
                "modality": event.modality,
                "source_id": facts.source,
                "target_id": facts.target,
                "place_id": facts.place,
                "date_start": facts.start,
                "date_end": facts.end,
                "precision": event.date.precision,
                "acled_event_type": event.acled.event_type if event.acled else None,
                "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
                "cameo": event.cameo,
                "n_sources": 0,
                "n_outlets": 0,
                "first_reported": published,
                "last_reported": published,
            },
        ).inserted_primary_key[0]
    else:
        event_id = stored.id
        merged = merge_facts(facts_from_row(stored), facts)
        connection.execute(
            by_id("events"),
            {
                "row_id": event_id,
                "source_id": merged.source,
                "target_id": merged.target,
                "place_id": merged.place,
                "date_start": merged.start,
                "date_end": merged.end,
                "first_reported": merged.reported_first,
                "last_reported": merged.reported_last,
                "mode": stored.mode or event.mode,
                "cameo": stored.cameo or event.cameo,
            },
        )
    return {
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
        "clause": event.clause,
        "coded": coded,
    }


def _write_relations(connection: Connection, analysis: Analysis, actor_ids: dict[str, str]) -> None:
    r = schema.relations
    published = analysis.document.published
    evidence: list[dict[str, Any]] = []
    for relation in analysis.relations:
        kind, source, target = relation_key(
            relation.type,
            _actor_ref(actor_ids, relation.source),
            _actor_ref(actor_ids, relation.target),
        )
        if source == target:
            continue
        key = {"type": kind, "source_id": source, "target_id": target}
        row = connection.execute(relation_row(), key).first()
        if row is None:
            insert_ignore(
                connection,
                r,
                [
                    {
                        **key,
                        "n_evidence": 0,
                        "n_documents": 0,
                        "n_outlets": 0,
                        "first_seen": published,
                        "last_seen": published,
                    }
                ],
            )
            relation_id = connection.execute(relation_row(), key).one().id
        else:
            relation_id = row.id
            seen = [x for x in (row.first_seen, row.last_seen, published) if x is not None]
            connection.execute(
                by_id("relations"),
                {
                    "row_id": relation_id,
                    "first_seen": min(seen) if seen else None,
                    "last_seen": max(seen) if seen else None,
                },
            )
        evidence += [
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
        ]
    insert_ignore(connection, schema.relation_evidence, evidence)
    refresh_relation_counts(connection, {e["relation_id"] for e in evidence})


def write_analysis(connection: Connection, analysis: Analysis, *, source: str | None) -> None:
    """Insert the document row and merge every record of its analysis into the store."""
    document = analysis.document
    connection.execute(
        document_insert(),
        {
            "id": document.id,
            "title": document.title,
            "outlet": document.outlet,
            "url": document.url,
            "published": document.published,
            "language": document.language,
            "source": source,
            "text": document.text,
            "ingested_at": _now(),
        },
    )
    actor_ids: dict[str, str] = {}
    place_ids: dict[str, str] = {}
    mentions: list[dict] = []
    keys = write_actors(connection, analysis.actors, document.published)
    for actor, key in zip(analysis.actors, keys, strict=True):
        actor_ids[actor.id] = key
        mentions += _mention_rows(document.id, "actor", key, actor.mentions)
    places: dict[str, Place] = {}
    place_rows = []
    for place in analysis.places:
        key = _key(place_key(place))
        place_ids[place.id] = key
        places[place.id] = place
        place_rows.append(_place_row(place, key))
        mentions += _mention_rows(document.id, "place", key, place.mentions)
    # one statement for all (insert-or-ignore, in the same order: the first row of a key wins)
    insert_ignore(connection, schema.places, place_rows)
    insert_ignore(connection, schema.mentions, mentions)
    coded = coded_events(analysis.events)
    reports = [
        _write_event(connection, analysis, event, actor_ids, place_ids, places, event.id in coded)
        for event in analysis.events
    ]
    insert_ignore(connection, schema.event_sources, reports)
    refresh_event_counts(connection, {r["event_id"] for r in reports})
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
