"""Relative locations: "40 km north of Raqqa", "the eastern bank of the Euphrates".

The phrase before a toponym becomes a second place anchored to the first. With a distance and
a bearing the point is moved by them (a great-circle step, so "40 km north of Raqqa" lies 40 km
north of Raqqa's point); without a distance it stays at the anchor's point, because "north of
Raqqa" says nothing about how far.

    >>> relative_phrase("Clashes 40 km north of Raqqa", 23)
    ('40 km north of', 8)
    >>> offset_point(35.95, 39.01, "40 km north of")
    (36.3097, 39.01)
"""

from __future__ import annotations

import math
import re

from flashpoint.geo.rank import EARTH_RADIUS_KM

_DIRECTION = r"(?:north|south|east|west)(?:-?(?:east|west))?"
RELATIVE = re.compile(
    rf"(?P<rel>(?:\d[\d,.]*\s*(?:km|kilometers|kilometres|miles|mi)\s+)?"
    rf"(?:{_DIRECTION}(?:ern)?(?:\s+(?:bank|side|outskirts|countryside|suburbs|edge|part|"
    rf"shore|coast)s?)?|outskirts|countryside|suburbs|environs|vicinity)\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
REGIONAL = re.compile(rf"(?P<rel>{_DIRECTION}ern)\s+$", re.IGNORECASE)
_DISTANCE = re.compile(
    rf"^(?P<amount>\d[\d,.]*)\s*(?P<unit>km|kilometers|kilometres|miles|mi)\s+"
    rf"(?P<direction>{_DIRECTION})\s+of$",
    re.IGNORECASE,
)
BEARINGS = {
    "north": 0.0,
    "northeast": 45.0,
    "east": 90.0,
    "southeast": 135.0,
    "south": 180.0,
    "southwest": 225.0,
    "west": 270.0,
    "northwest": 315.0,
}
KM_PER_MILE = 1.609344


def relative_phrase(text: str, start: int) -> tuple[str, int] | None:
    """The relation before a mention ("40 km north of", "eastern bank of"), with its start."""
    window_start = max(0, start - 60)
    window = text[window_start:start]
    for pattern in (RELATIVE, REGIONAL):
        match = pattern.search(window)
        if match:
            rel = " ".join(match.group("rel").split()).lower()
            if pattern is REGIONAL:
                rel = f"{rel} part of"
            return rel, window_start + match.start("rel")
    return None


def offset_point(lat: float, lon: float, relation: str) -> tuple[float, float] | None:
    """The point `relation` ("40 km north of", "25 miles south-east of") puts away from
    (lat, lon); None when the relation gives no distance and bearing."""
    match = _DISTANCE.match(relation.strip())
    if not match:
        return None
    try:
        distance = float(match.group("amount").replace(",", ""))
    except ValueError:
        return None
    if match.group("unit").lower() in ("miles", "mi"):
        distance *= KM_PER_MILE
    bearing = math.radians(BEARINGS[match.group("direction").lower().replace("-", "")])
    angular = distance / EARTH_RADIUS_KM
    lat1, lon1 = math.radians(lat), math.radians(lon)
    lat2 = math.asin(
        math.sin(lat1) * math.cos(angular) + math.cos(lat1) * math.sin(angular) * math.cos(bearing)
    )
    lon2 = lon1 + math.atan2(
        math.sin(bearing) * math.sin(angular) * math.cos(lat1),
        math.cos(angular) - math.sin(lat1) * math.sin(lat2),
    )
    lon_deg = (math.degrees(lon2) + 540.0) % 360.0 - 180.0
    return round(math.degrees(lat2), 4), round(lon_deg, 4)
