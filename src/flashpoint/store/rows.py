"""The small typed rows that store queries return, and their JSON form.

Dataclasses rather than dicts, so callers (CLI, exports, API) see one documented shape.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Report:
    """One document's report of an event or one piece of evidence for a relation.

    `clause` is where an event report's trigger sits in its sentence (`model.ClauseRole`:
    main, argument, reported, subordinate); None when unknown (stored before the store kept
    it) and for a relation's evidence.
    """

    document_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: dt.date | None
    start: int
    end: int
    text: str
    attribution: str
    speaker: str | None = None
    fatalities: int | None = None
    injured: int | None = None
    clause: str | None = None


@dataclass
class EventRow:
    id: int
    type: str
    mode: str | None
    modality: str
    source_id: str | None
    source: str | None
    target_id: str | None
    target: str | None
    place_id: str | None
    place: str | None
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    date_start: dt.date | None
    date_end: dt.date | None
    precision: str
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None
    n_sources: int
    n_outlets: int
    first_reported: dt.date | None
    last_reported: dt.date | None
    fatalities: int | None = None
    injured: int | None = None
    reports: list[Report] = field(default_factory=list)


# an event query's column labels that are not the record's own field names
_EVENT_LABELS = {"source": "source_name", "target": "target_name", "place": "place_name"}
_EVENT_FIELDS = [
    "id", "type", "mode", "modality", "source_id", "source", "target_id", "target", "place_id",
    "place", "lat", "lon", "country", "admin1", "date_start", "date_end", "precision",
    "acled_event_type", "acled_sub_event_type", "cameo", "n_sources", "n_outlets",
    "first_reported", "last_reported", "fatalities", "injured",
]  # fmt: skip


def event_row(row: Any) -> EventRow:
    """One event from a result row of the store's event queries (list or window)."""
    return EventRow(**{f: getattr(row, _EVENT_LABELS.get(f, f)) for f in _EVENT_FIELDS})


@dataclass
class RelationRow:
    id: int
    type: str
    source_id: str
    source: str
    target_id: str
    target: str
    n_evidence: int
    n_documents: int
    n_outlets: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    evidence: list[Report] = field(default_factory=list)


@dataclass
class PlaceRow:
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    geonameid: int | None
    feature: str | None
    admin1: str | None
    n_mentions: int
    n_documents: int
    n_events: int


@dataclass
class ActorRow:
    id: str
    name: str
    kind: str
    country: str | None
    known: bool
    parent: str | None
    first_seen: dt.date | None
    last_seen: dt.date | None
    n_mentions: int = 0
    n_documents: int = 0


@dataclass
class ActorProfile:
    actor: ActorRow
    aliases: list[str]
    patrons: list[RelationRow]
    clients: list[RelationRow]
    allies: list[RelationRow]
    enemies: list[RelationRow]
    other_relations: list[RelationRow]
    places: list[tuple[str, int]]
    timeline: list[EventRow]


@dataclass
class EventFilter:
    """Filters shared by `events`, the exports and the API; names match ids, names and aliases.

    `main_clause` keeps the events at least one report of which is the event its sentence is
    coded for (`model.main_event`: the main clause's event, else the best-placed one; "X
    condemned the strike" codes the condemnation, not the strike); a report stored before the
    store kept this (None) counts, so an old store loses nothing.
    """

    actor: str | None = None
    place: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    min_outlets: int = 0
    limit: int | None = None
    main_clause: bool = False


def to_jsonable(value: Any) -> Any:
    """Rows to JSON-ready structures: dataclasses to dicts, dates to ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
