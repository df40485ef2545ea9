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
    """`flashpoints` and `coalitions` are the corpus analysis over the export's dates (the
    JSON shapes of `flashpoint flashpoints --json` and `flashpoint coalitions --json`);
    `document_flashpoints` are the ones each document yielded on its own."""

    events: list[EventRow]
    relations: list[RelationRow]
    actors: dict[str, ActorRow]
    places: dict[str, PlaceRow]
    filters: EventFilter = field(default_factory=EventFilter)
    flashpoints: list[dict] = field(default_factory=list)
    coalitions: list[dict] = field(default_factory=list)
    document_flashpoints: list[dict] = field(default_factory=list)


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
    narrowed = filters.place or filters.type or filters.since or filters.until
    if narrowed or filters.min_outlets or filters.main_clause:
        used = {row.place_id for row in rows}
        place_rows = [p for p in place_rows if p.id in used]
    data = ExportData(
        events=rows,
        relations=rels,
        actors={a.id: a for a in actors(db)},
        places={p.id: p for p in place_rows},
        filters=filters,
    )
    add_analysis(db, data)
    return data


def add_analysis(db: Database, data: ExportData) -> None:
    """Ranked flashpoints over the export's dates (all dated events when none are given: one
    window from the first to the last), the coalitions at its end, and the stored
    per-document flashpoints. An empty store has none of them."""
    from flashpoint.present import corpus
    from flashpoint.resolve.registry import ActorRegistry
    from flashpoint.store.window import date_bounds, document_flashpoints

    filters = data.filters
    data.document_flashpoints = document_flashpoints(db, filters.since, filters.until)
    first, last = date_bounds(db)
    if last is None:
        return
    since, until = filters.since or first, filters.until or last
    if since is None or until is None or since > until:
        return
    registry = ActorRegistry.load()
    ranked = corpus.flashpoints(db, registry, corpus.Question(since=since, until=until))
    data.flashpoints = ranked.to_json()
    data.coalitions = [c.to_json() for c in ranked.coalitions]


def country(alpha2: str | None) -> pycountry.db.Country | None:
    """The ISO 3166 record of a two-letter code, or None."""
    if not alpha2:
        return None
    return pycountry.countries.get(alpha_2=alpha2.upper())
