"""Events, places and flashpoints as one RFC 7946 FeatureCollection: Point geometries as [longitude,
latitude] in WGS 84, no `crs` member, string feature ids.

Every feature has a `kind` property, "event", "place" or "flashpoint", and exactly the
properties that `EVENT_PROPERTIES`, `PLACE_PROPERTIES` or `FLASHPOINT_PROPERTIES` list for its
kind (null where unknown), so a map layer per kind has one schema. Flashpoints are the ranked
corpus flashpoints over the export's dates, best first (`rank` 1), drawn at their area's
point. What has no point cannot be drawn: the collection says how much was left out in a
top-level foreign member, `omitted`, and the export prints it on stderr.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from flashpoint.export.data import ExportData
from flashpoint.store.queries import EventRow, PlaceRow

EVENT_PROPERTIES = (
    "kind",
    "event_id",
    "type",
    "mode",
    "modality",
    "source_id",
    "source",
    "target_id",
    "target",
    "place_id",
    "place",
    "country",
    "admin1",
    "date_start",
    "date_end",
    "precision",
    "acled_event_type",
    "acled_sub_event_type",
    "cameo",
    "fatalities",
    "injured",
    "n_sources",
    "n_outlets",
    "first_reported",
    "last_reported",
    "reports",
)
PLACE_PROPERTIES = (
    "kind",
    "place_id",
    "name",
    "country",
    "admin1",
    "feature",
    "geonameid",
    "n_mentions",
    "n_documents",
    "n_events",
)
FLASHPOINT_PROPERTIES = (
    "kind",
    "rank",
    "area_id",
    "name",
    "country",
    "score",
    "trend",
    "previous",
    "first_seen",
    "last_seen",
    "sides",
    "path",
    "evidence",
)


def _point(lat: float | None, lon: float | None) -> dict[str, Any] | None:
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def event_properties(event: EventRow) -> dict[str, Any]:
    """The documented properties of an event feature."""
    properties: dict[str, Any] = {
        "kind": "event",
        "event_id": str(event.id),
        "type": event.type,
        "mode": event.mode,
        "modality": event.modality,
        "source_id": event.source_id,
        "source": event.source,
        "target_id": event.target_id,
        "target": event.target,
        "place_id": event.place_id,
        "place": event.place,
        "country": event.country,
        "admin1": event.admin1,
        "date_start": _iso(event.date_start),
        "date_end": _iso(event.date_end),
        "precision": event.precision,
        "acled_event_type": event.acled_event_type,
        "acled_sub_event_type": event.acled_sub_event_type,
        "cameo": event.cameo,
        "fatalities": event.fatalities,
        "injured": event.injured,
        "n_sources": event.n_sources,
        "n_outlets": event.n_outlets,
        "first_reported": _iso(event.first_reported),
        "last_reported": _iso(event.last_reported),
        "reports": [
            {
                "document_id": r.document_id,
                "outlet": r.outlet,
                "url": r.url,
                "published": _iso(r.published),
                "text": r.text,
                "fatalities": r.fatalities,
                "injured": r.injured,
                "clause": r.clause,
            }
            for r in event.reports
        ],
    }
    return properties


def place_properties(place: PlaceRow) -> dict[str, Any]:
    """The documented properties of a place feature."""
    properties: dict[str, Any] = {
        "kind": "place",
        "place_id": place.id,
        "name": place.name,
        "country": place.country,
        "admin1": place.admin1,
        "feature": place.feature,
        "geonameid": place.geonameid,
        "n_mentions": place.n_mentions,
        "n_documents": place.n_documents,
        "n_events": place.n_events,
    }
    return properties


def flashpoint_properties(rank: int, flashpoint: dict[str, Any]) -> dict[str, Any]:
    """The documented properties of a flashpoint feature (sides and path as in the JSON)."""
    place = flashpoint["place"]
    return {
        "kind": "flashpoint",
        "rank": rank,
        "area_id": place["id"],
        "name": place["name"],
        "country": place["country"],
        "score": flashpoint["score"],
        "trend": flashpoint["trend"],
        "previous": flashpoint.get("previous"),
        "first_seen": flashpoint["first_seen"],
        "last_seen": flashpoint["last_seen"],
        "sides": flashpoint["sides"],
        "path": flashpoint["path"],
        "evidence": flashpoint["evidence"],
    }


def geojson_omitted(data: ExportData) -> dict[str, int]:
    """What cannot be drawn, by reason."""
    return {
        "events_without_place": sum(e.place_id is None for e in data.events),
        "events_without_point": sum(
            e.place_id is not None and (e.lat is None or e.lon is None) for e in data.events
        ),
        "places_without_point": sum(p.lat is None or p.lon is None for p in data.places.values()),
    }


def feature_collection(data: ExportData) -> dict[str, Any]:
    """The GeoJSON object: one feature per located event, then one per located place."""
    features: list[dict[str, Any]] = []
    for event in data.events:
        geometry = _point(event.lat, event.lon)
        if geometry is not None:
            features.append(
                {
                    "type": "Feature",
                    "id": f"event-{event.id}",
                    "geometry": geometry,
                    "properties": event_properties(event),
                }
            )
    for place in data.places.values():
        geometry = _point(place.lat, place.lon)
        if geometry is not None:
            features.append(
                {
                    "type": "Feature",
                    "id": f"place-{place.id}",
                    "geometry": geometry,
                    "properties": place_properties(place),
                }
            )
    for rank, flashpoint in enumerate(data.flashpoints, start=1):
        geometry = _point(flashpoint["place"]["lat"], flashpoint["place"]["lon"])
        if geometry is not None:
            features.append(
                {
                    "type": "Feature",
                    "id": f"flashpoint-{rank}",
                    "geometry": geometry,
                    "properties": flashpoint_properties(rank, flashpoint),
                }
            )
    return {"type": "FeatureCollection", "features": features, "omitted": geojson_omitted(data)}


def export_geojson(data: ExportData, out: TextIO) -> int:
    """Write the FeatureCollection; returns the number of features."""
    collection = feature_collection(data)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])
