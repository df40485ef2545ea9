"""Resolutions -> `Place` records: one per distinct location with all its mentions.

A resolved toponym gives the gazetteer entry's place; an unknown one placed at a nearby place
gives an approximate place (`resolved` false, `anchor`, `relation` "within"); a relative
phrase before a name ("40 km north of Raqqa") adds a place moved from its anchor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from flashpoint.geo.names import slug
from flashpoint.geo.rank import Scored
from flashpoint.geo.recognise import Toponym
from flashpoint.geo.relative import offset_point, relative_phrase
from flashpoint.model import Place, Span


@dataclass
class Resolution:
    """One toponym with its ranked candidates (best first); `ranked` empty when unresolved."""

    toponym: Toponym
    ranked: list[Scored] = field(default_factory=list)
    confidence: float = 0.0
    partial: bool = False  # placed through a known name leading a longer one
    fallback: bool = False  # not found; placed at the document's home place

    @property
    def approximate(self) -> bool:
        """True when the toponym itself was not found and its point is an estimate."""
        return self.partial or self.fallback


def _place_id(scored: Scored) -> str:
    entry = scored.entry
    if entry.geonameid:
        return f"geonames:{entry.geonameid}"
    return f"place:{slug(entry.name)}-{(entry.country or 'xx').lower()}-{entry.feature}"


def place_of(resolution: Resolution) -> Place:
    """The `Place` for one resolution (without mentions)."""
    toponym = resolution.toponym
    if not resolution.ranked:
        return Place(
            id=f"place:{slug(toponym.text)}", name=toponym.text, resolved=False, confidence=0.0
        )
    best = resolution.ranked[0].entry
    if resolution.approximate:
        return Place(
            id=f"place:{slug(toponym.text)}",
            name=toponym.text,
            lat=best.lat,
            lon=best.lon,
            country=best.country,
            admin1=best.admin1,
            resolved=False,
            anchor=_place_id(resolution.ranked[0]),
            relation="within",
            confidence=resolution.confidence,
        )
    return Place(
        id=_place_id(resolution.ranked[0]),
        name=best.name,
        lat=best.lat,
        lon=best.lon,
        country=best.country,
        geonameid=best.geonameid,
        feature=best.feature,
        admin1=best.admin1,
        confidence=resolution.confidence,
    )


def places_from(resolutions: Sequence[Resolution], text: str) -> list[Place]:
    """One Place per distinct location with all its mentions, plus relative places."""
    places: dict[str, Place] = {}
    for resolution in resolutions:
        toponym = resolution.toponym
        place = place_of(resolution)
        mention = Span(start=toponym.start, end=toponym.end, text=text[toponym.start : toponym.end])
        current = places.setdefault(place.id, place)
        current.mentions.append(mention)
        current.confidence = max(current.confidence, place.confidence)
        relative = relative_phrase(text, toponym.start)
        if relative and place.resolved:
            rel, rel_start = relative
            rel_id = f"{place.id}~{slug(rel)}"
            moved = offset_point(place.lat, place.lon, rel) if place.lat is not None else None
            rel_place = places.setdefault(
                rel_id,
                place.model_copy(
                    update={
                        "id": rel_id,
                        "name": f"{rel} {place.name}",
                        "geonameid": None,  # not the GeoNames feature: `anchor` names that
                        "anchor": place.id,
                        "relation": rel,
                        "mentions": [],
                        "confidence": round(place.confidence * 0.9, 3),
                        **({"lat": moved[0], "lon": moved[1]} if moved else {}),
                    }
                ),
            )
            rel_place.mentions.append(
                Span(start=rel_start, end=toponym.end, text=text[rel_start : toponym.end])
            )
    ordered = sorted(places.values(), key=lambda p: (p.mentions[0].start, p.anchor is not None))
    return ordered
