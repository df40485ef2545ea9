"""Rules that decide when reports from different documents describe the same thing.

Plain functions over small records, so the rules can be read, unit-tested and changed without a
database. The store calls them while writing; nothing here touches SQL.

- actors: registry id when the actor is known, else its normalised name (`name:<norm>`);
- places: GeoNames id when known, else normalised name plus country;
- events: same PLOVER type and modality, compatible actors, same or nearby place, close dates;
- relations: one row per (type, source, target), symmetric types stored with sorted ends;
- casualty figures: each report keeps its own; a merged event carries the highest stated one
  (differing figures for one event are mostly a toll that rose as reporting went on; a report
  stating none is not a zero).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from flashpoint.model import SYMMETRIC_RELATIONS, Actor, Place

NEARBY_KM = 25.0
DATE_SLACK_DAYS = 3
VAGUE_DAYS = 7
UNDATED_REPORT_WINDOW_DAYS = 14

_ARTICLE = re.compile(r"^(the|a|an)\s+")
_NON_WORD = re.compile(r"[^\w\s]")


@lru_cache(maxsize=1 << 16)  # the writer normalises every mention of every actor it stores
def normalise_name(name: str) -> str:
    """Compare names loosely: lower case, no accents, dots or article ('The S.D.F.' -> 'sdf')."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = text.replace("'s", "").replace("’s", "")
    text = _NON_WORD.sub(lambda m: "" if m.group() == "." else " ", text)
    text = " ".join(text.split())
    return _ARTICLE.sub("", text)


def actor_key(actor: Actor) -> str:
    """The canonical id of an actor across documents: its registry id, or its normalised name."""
    if actor.known:
        return actor.id
    return "name:" + normalise_name(actor.name)


def place_key(place: Place) -> str:
    """The canonical id of a place: `gn:<geonameid>`, else normalised name and country. A place
    relative to another ("outskirts of Damascus") is never keyed as its anchor: it would name it."""
    if place.geonameid is not None and place.anchor is None:
        return f"gn:{place.geonameid}"
    return f"pl:{normalise_name(place.name)}|{(place.country or '').upper()}"


def relation_key(kind: str, source: str, target: str) -> tuple[str, str, str]:
    """One key per relation; ally_of and enemy_of are symmetric, so their ends are sorted."""
    if kind in SYMMETRIC_RELATIONS and target < source:
        source, target = target, source
    return kind, source, target


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def nearby_box(lat: float, lon: float, km: float = NEARBY_KM) -> tuple[float, float, float, float]:
    """A latitude/longitude box holding every point within `km` of (lat, lon), so a store can
    pre-filter candidate places with an index-friendly BETWEEN before `haversine_km` decides.
    Near a pole or the antimeridian the longitude range is the whole circle."""
    angle = km / 6371.0
    dlat = math.degrees(angle) * 1.001  # a hair wider than exact: rounding must never exclude
    lat_lo, lat_hi = max(-90.0, lat - dlat), min(90.0, lat + dlat)
    widest = math.cos(math.radians(max(abs(lat_lo), abs(lat_hi))))
    if widest <= 0 or math.sin(angle / 2) >= widest:
        return lat_lo, lat_hi, -180.0, 180.0
    dlon = math.degrees(2 * math.asin(math.sin(angle / 2) / widest)) * 1.001
    if lon - dlon < -180.0 or lon + dlon > 180.0:
        return lat_lo, lat_hi, -180.0, 180.0
    return lat_lo, lat_hi, lon - dlon, lon + dlon


@dataclass(frozen=True)
class EventFacts:
    """What the merge rule looks at in an event report or a stored event.

    `reported` is the publication date range of the reports (one day for a single report).
    """

    type: str
    modality: str = "asserted"
    source: str | None = None
    target: str | None = None
    place: str | None = None
    lat: float | None = None
    lon: float | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    reported_first: dt.date | None = None
    reported_last: dt.date | None = None


def _actor_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b


def place_match(a: EventFacts, b: EventFacts) -> bool | None:
    """True: same or nearby place; False: different places; None: at least one is unknown."""
    if a.place is None or b.place is None:
        return None
    if a.place == b.place:
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return haversine_km(a.lat, a.lon, b.lat, b.lon) <= NEARBY_KM  # type: ignore[arg-type]
    return False


def _gap_days(a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date) -> int:
    """Days between two date ranges; zero or less when they overlap."""
    return max((b_start - a_end).days, (a_start - b_end).days, 0)


def date_match(a: EventFacts, b: EventFacts, slack_days: int = DATE_SLACK_DAYS) -> bool | None:
    """True: ranges overlap or lie within `slack_days`; False: further apart; None: unknown,
    or too vague to tell (a range longer than a week, such as "last month" or "in 2017")."""
    if a.start is None or b.start is None:
        return None
    a_end, b_end = a.end or a.start, b.end or b.start
    if _gap_days(a.start, a_end, b.start, b_end) > slack_days:
        return False
    if (a_end - a.start).days > VAGUE_DAYS or (b_end - b.start).days > VAGUE_DAYS:
        return None
    return True


def _reported_close(a: EventFacts, b: EventFacts) -> bool:
    if a.reported_first is None or b.reported_first is None:
        return False
    return (
        _gap_days(
            a.reported_first,
            a.reported_last or a.reported_first,
            b.reported_first,
            b.reported_last or b.reported_first,
        )
        <= UNDATED_REPORT_WINDOW_DAYS
    )


def same_event(a: EventFacts, b: EventFacts) -> bool:
    """Whether two reports describe one event.

    Required: same type and modality, and compatible actors (equal, or one side unknown).
    Then at least one positive anchor: the same/nearby place, or both actors known and equal.
    Dates must overlap or be within a few days; when either date is unknown or vague (a month,
    a year) the reports merge only on strong evidence: both actors and the place agree, and
    the reports appeared within two weeks of each other.
    """
    if a.type != b.type or a.modality != b.modality:
        return False
    if not (_actor_compatible(a.source, b.source) and _actor_compatible(a.target, b.target)):
        return False
    place = place_match(a, b)
    if place is False:
        return False
    actors_equal = (
        a.source is not None
        and a.target is not None
        and a.source == b.source
        and a.target == b.target
    )
    if not (place or actors_equal):
        return False
    dates = date_match(a, b)
    if dates is False:
        return False
    if dates is None:
        return bool(place and actors_equal and _reported_close(a, b))
    return True


def merge_facts(stored: EventFacts, report: EventFacts) -> EventFacts:
    """The stored event after absorbing a matching report: unknowns filled, dates widened."""

    def widen(x: dt.date | None, y: dt.date | None, pick) -> dt.date | None:  # noqa: ANN001
        values = [v for v in (x, y) if v is not None]
        return pick(values) if values else None

    return EventFacts(
        type=stored.type,
        modality=stored.modality,
        source=stored.source or report.source,
        target=stored.target or report.target,
        place=stored.place or report.place,
        lat=stored.lat if stored.place else report.lat,
        lon=stored.lon if stored.place else report.lon,
        start=widen(stored.start, report.start, min),
        end=widen(stored.end or stored.start, report.end or report.start, max),
        reported_first=widen(stored.reported_first, report.reported_first, min),
        reported_last=widen(
            stored.reported_last or stored.reported_first,
            report.reported_last or report.reported_first,
            max,
        ),
    )
