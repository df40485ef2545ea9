"""Events as PLOVER JSON records, one per line (JSONL, as the PLOVER manual suggests), with the
field names of its record, entity, location, text and citation objects."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TextIO

from flashpoint import __version__
from flashpoint.export.data import ExportData, country
from flashpoint.store.queries import ActorRow, EventRow, PlaceRow

SECTOR_BY_KIND = {
    "state": "GOV",
    "government": "GOV",
    "armed_forces": "MIL",
    "armed_group": "REB",
    "terrorist_group": "REB",
    "militia": "REB",
    "igo": "IGO",
    "ngo": "NGO",
    "media": "MED",
    "population_group": "CVL",
    "person": "",
    "organisation": "",
}
RESOLUTION_BY_FEATURE = {"country": 1, "admin1": 2, "region": 2, "admin2": 3, "city": 4}


def _entity(actor_id: str | None, name: str | None, actors: dict[str, ActorRow]) -> list[dict]:
    if actor_id is None:
        return []
    actor = actors.get(actor_id)
    iso = country(actor.country if actor else None)
    entity: dict[str, Any] = {"identifier_id": actor_id, "identifier_text": name or actor_id}
    if iso:
        entity["code"] = iso.alpha_3
    sector = SECTOR_BY_KIND.get(actor.kind, "") if actor else ""
    if sector:
        entity["sector"] = sector
    return [entity]


def _location(event: EventRow, place: PlaceRow | None) -> dict[str, Any] | None:
    if event.place_id is None:
        return None
    iso = country(event.country)
    location: dict[str, Any] = {
        "resolved_place": event.place,
        "lat": event.lat,
        "lon": event.lon,
        "province": event.admin1,
        "country": iso.name if iso else None,
        "country_code": iso.alpha_3 if iso else None,
    }
    if place is not None:
        location["geonameid"] = place.geonameid
        location["resolution"] = RESOLUTION_BY_FEATURE.get(place.feature or "")
    return {k: v for k, v in location.items() if v is not None}


def _size(event: EventRow) -> dict[str, int] | None:
    """PLOVER's `size` information object: `dead` and `injured`, where a report states them."""
    size = {"dead": event.fatalities, "injured": event.injured}
    size = {k: v for k, v in size.items() if v is not None}
    return size or None


def plover_record(
    event: EventRow, actors: dict[str, ActorRow], places: dict[str, PlaceRow], coded: str
) -> dict[str, Any]:
    """One PLOVER record for one merged event; its reports become `event_text`, `text_info`
    (offsets and clause role) and `cite_info`."""
    record: dict[str, Any] = {
        "id": f"flashpoint-{event.id}",
        "has_event": True,
        "date": event.date_start.isoformat() if event.date_start else None,
        "enddate": event.date_end.isoformat() if event.date_end else None,
        "actor": _entity(event.source_id, event.source, actors),
        "recipient": _entity(event.target_id, event.target, actors),
        "event": [event.type],
        "mode": [event.mode] if event.mode else [],
        "modality": event.modality,
        "event_loc": _location(event, places.get(event.place_id or "")),
        "size": _size(event),
        "event_text": [r.text for r in event.reports],
        # where each report's trigger sits in its sentence (null: unknown), so a user can
        # keep a sentence's main event, as a PLOVER coder codes it
        "text_info": [{"start": r.start, "end": r.end, "clause": r.clause} for r in event.reports],
        "cite_info": [
            {
                k: v
                for k, v in {
                    "citation": r.document_id,
                    "url": r.url,
                    "title": r.title,
                    "publication": r.outlet,
                    "language": "en",
                    "published": r.published.isoformat() if r.published else None,
                }.items()
                if v is not None
            }
            for r in event.reports
        ],
        "coder": f"flashpoint {__version__}",
        "coded_date": coded,
        "sources": event.n_sources,
        "outlets": event.n_outlets,
    }
    return {k: v for k, v in record.items() if v is not None}


def export_plover(data: ExportData, out: TextIO) -> int:
    """Write one JSON record per line; returns the number of records."""
    coded = dt.date.today().isoformat()
    for event in data.events:
        record = plover_record(event, data.actors, data.places, coded)
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(data.events)
