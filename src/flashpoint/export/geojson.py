"""Events and places as an RFC 7946 FeatureCollection: [longitude, latitude] in WGS 84, no
`crs` member; features without coordinates are left out (the count says how many)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from flashpoint.export.data import ExportData
from flashpoint.store.queries import to_jsonable


def _point(lat: float | None, lon: float | None) -> dict[str, Any] | None:
    if lat is None or lon is None:
        return None
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def feature_collection(data: ExportData) -> dict[str, Any]:
    """The GeoJSON object: one feature per located event and per located place."""
    features: list[dict[str, Any]] = []
    for event in data.events:
        geometry = _point(event.lat, event.lon)
        if geometry is None:
            continue
        properties = to_jsonable(event)
        properties["reports"] = [
            {"document_id": r.document_id, "outlet": r.outlet, "url": r.url, "text": r.text}
            for r in event.reports
        ]
        properties["feature_kind"] = "event"
        features.append(
            {
                "type": "Feature",
                "id": f"event-{event.id}",
                "geometry": geometry,
                "properties": properties,
            }
        )
    for place in data.places.values():
        geometry = _point(place.lat, place.lon)
        if geometry is None:
            continue
        properties = to_jsonable(place) | {"feature_kind": "place"}
        features.append(
            {
                "type": "Feature",
                "id": f"place-{place.id}",
                "geometry": geometry,
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def export_geojson(data: ExportData, out: TextIO) -> int:
    """Write the FeatureCollection; returns the number of features."""
    collection = feature_collection(data)
    json.dump(collection, out, ensure_ascii=False)
    out.write("\n")
    return len(collection["features"])
