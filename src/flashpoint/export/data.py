"""What every export reads: the filtered events with their reports, and the actors, places and
relations they involve, loaded once from the store."""

from __future__ import annotations

from dataclasses import dataclass, field

import pycountry

from flashpoint.store.database import Database
from flashpoint.store.queries import (
    ActorRow,
    EventFilter,
    EventRow,
    PlaceRow,
    RelationRow,
    actors,
    events,
    find_actor_ids,
    places,
    relations,
)


@dataclass
class ExportData:
    events: list[EventRow]
    relations: list[RelationRow]
    actors: dict[str, ActorRow]
    places: dict[str, PlaceRow]
    filters: EventFilter = field(default_factory=EventFilter)


def load_export_data(db: Database, filters: EventFilter | None = None) -> ExportData:
    """Events matching the filters; relations of the filtered actor (all relations otherwise)."""
    filters = filters or EventFilter()
    rows = events(db, filters, reports=True)
    actor_ids = None
    if filters.actor:
        with db.connect() as connection:
            actor_ids = find_actor_ids(connection, filters.actor)
    rels = relations(db, actor_ids=actor_ids, evidence=True)
    place_rows = places(db)
    if filters.place or filters.type or filters.since or filters.until or filters.min_outlets:
        used = {row.place_id for row in rows}
        place_rows = [p for p in place_rows if p.id in used]
    return ExportData(
        events=rows,
        relations=rels,
        actors={a.id: a for a in actors(db)},
        places={p.id: p for p in place_rows},
        filters=filters,
    )


def country(alpha2: str | None) -> pycountry.db.Country | None:
    """The ISO 3166 record of a two-letter code, or None."""
    if not alpha2:
        return None
    return pycountry.countries.get(alpha_2=alpha2.upper())
