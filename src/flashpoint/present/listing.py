"""Store listings as the CLI's `--json` prints them and the API serves them, so that a filter
and a shape mean the same thing in both: one function per listing, returning JSON-ready data."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from flashpoint.store import queries
from flashpoint.store.database import Database
from flashpoint.store.rows import EventFilter, to_jsonable

if TYPE_CHECKING:
    from flashpoint.resolve.registry import ActorRegistry


def relation_rows(
    db: Database,
    *,
    actor: str | None = None,
    type: str | None = None,
    limit: int | None = None,
    evidence: bool = False,
) -> list[queries.RelationRow]:
    """Relations, best attested first; `actor` is an id, name or alias (none match: none)."""
    ids = None
    if actor:
        with db.connect() as connection:
            ids = queries.find_actor_ids(connection, actor)
    return queries.relations(db, actor_ids=ids, type=type, limit=limit, evidence=evidence)


def events_json(db: Database, filters: EventFilter) -> list[dict[str, Any]]:
    """`flashpoint events --json`: merged events with every report behind them."""
    return to_jsonable(queries.events(db, filters, reports=True))


def relations_json(
    db: Database, *, actor: str | None = None, type: str | None = None, limit: int | None = None
) -> list[dict[str, Any]]:
    """`flashpoint relations --json`: relations with their evidence."""
    return to_jsonable(relation_rows(db, actor=actor, type=type, limit=limit, evidence=True))


def places_json(db: Database, limit: int | None = None) -> list[dict[str, Any]]:
    """`flashpoint places --json`."""
    return to_jsonable(queries.places(db, limit=limit))


def actors_json(db: Database, limit: int | None = None) -> list[dict[str, Any]]:
    """Actors, most mentioned first."""
    return to_jsonable(queries.actors(db, limit=limit))


def actor_json(db: Database, name: str) -> dict[str, Any]:
    """`flashpoint actor NAME --json`: the actor's profile."""
    return to_jsonable(queries.actor_profile(db, name))


def months_between(since: dt.date | None, at: dt.date | None) -> int:
    """How many monthly snapshots follow the camps from `since` to `at` (default 6)."""
    from flashpoint.present.corpus import TRACK_MONTHS

    if since is None or at is None:
        return TRACK_MONTHS
    return max(1, (at.year - since.year) * 12 + at.month - since.month + 1)


def coalitions_json(
    db: Database,
    registry: ActorRegistry,
    at: dt.date | None = None,
    since: dt.date | None = None,
) -> tuple[dt.date, list[dict[str, Any]]]:
    """`flashpoint coalitions --json`: the day asked about (default: the last event day) and
    the camps as of that day, followed month by month from `since`."""
    from flashpoint.present import corpus

    day = at or corpus.bounds(db, corpus.Question())[1]
    camps, _ties, _names = corpus.coalitions(db, registry, day, months_between(since, day))
    return day, [c.to_json() for c in camps]
