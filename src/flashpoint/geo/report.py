"""The `flashpoint geoparse --json` record: every toponym with its place and runner-ups.

Kept apart from `Place` (the shared contract) so the runner-up candidates, which only the
geoparse command shows, do not widen the `analyze` JSON.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from flashpoint.geo.parser import RUNNERS_UP
from flashpoint.geo.places import Resolution, place_of, places_from
from flashpoint.model import Document, Place

GEOPARSE_SCHEMA = "flashpoint.geoparse/1.0"


def _candidate(scored: Any) -> dict[str, Any]:
    entry = scored.entry
    return {
        "name": entry.name,
        "lat": entry.lat,
        "lon": entry.lon,
        "geonameid": entry.geonameid,
        "country": entry.country,
        "feature": entry.feature,
        "admin1": entry.admin1,
        "population": entry.population,
        "score": round(scored.score, 3),
        "match": scored.match,
    }


def toponym_record(resolution: Resolution, place: Place) -> dict[str, Any]:
    """One toponym: offsets, how it was found, the place it resolved to, and runner-ups."""
    toponym = resolution.toponym
    return {
        "start": toponym.start,
        "end": toponym.end,
        "text": toponym.text,
        "source": toponym.source,
        # "place"; "embedded": inside another name ("Texas" of "Texas A&M University");
        # "demonym": an adjective naming the place ("Russian" -> Russia). Only places are
        # in `places`; keep or drop the others as the use needs.
        "role": toponym.role,
        "cues": list(toponym.cues),
        "place": place.id,
        "resolved": place.resolved,
        "approximate": resolution.approximate,
        "name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "geonameid": place.geonameid,
        "country": place.country,
        "feature": place.feature,
        "admin1": place.admin1,
        "confidence": resolution.confidence,
        "candidates": [_candidate(s) for s in resolution.ranked[1 : 1 + RUNNERS_UP]],
    }


def geoparse_record(document: Document, resolutions: Sequence[Resolution]) -> dict[str, Any]:
    """The whole `geoparse --json` object: document, toponyms, places."""
    places = places_from([r for r in resolutions if r.toponym.role == "place"], document.text)
    by_mention = {
        (m.start, m.end): p
        for p in places
        if p.anchor is None or not p.resolved
        for m in p.mentions
    }
    toponyms = []
    for resolution in resolutions:
        span = (resolution.toponym.start, resolution.toponym.end)
        if resolution.toponym.role != "place":
            toponyms.append(toponym_record(resolution, place_of(resolution)))
        elif span in by_mention:
            toponyms.append(toponym_record(resolution, by_mention[span]))
    return {
        "schema": GEOPARSE_SCHEMA,
        "document": document.model_dump(mode="json", exclude={"text"}),
        "toponyms": toponyms,
        "places": [p.model_dump(mode="json") for p in places],
    }
