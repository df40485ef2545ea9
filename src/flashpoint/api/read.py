"""Read endpoints over the store: documents, actors, events, relations, places. Each calls
the function behind the CLI's `--json` (present/listing.py, store/documents.py), so both
print the same shapes; lists come one page at a time (paging.py)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from flashpoint.api.paging import Limit, Offset, PageAsk, page_of_query
from flashpoint.api.state import AppState, get_state
from flashpoint.bounds import EARLIEST, LATEST, MAX_COUNT, MAX_NAME
from flashpoint.present import listing
from flashpoint.store import documents as store_documents
from flashpoint.store.rows import EventFilter, to_jsonable

router = APIRouter(prefix="/api", tags=["store"])
State = Annotated[AppState, Depends(get_state)]
Since = Annotated[
    dt.date | None,
    Query(ge=EARLIEST, le=LATEST, description="On or after this day (YYYY-MM-DD)."),
]
Until = Annotated[
    dt.date | None,
    Query(ge=EARLIEST, le=LATEST, description="On or before this day (YYYY-MM-DD)."),
]
ActorName = Annotated[
    str | None, Query(max_length=MAX_NAME, description="Actor id, name or alias.")
]
PlaceName = Annotated[str | None, Query(max_length=MAX_NAME, description="Place id or name.")]
Name = Annotated[str, Path(max_length=MAX_NAME)]


@router.get("/documents", summary="Documents, newest first")
def list_documents(
    state: State,
    outlet: Annotated[
        str | None, Query(max_length=MAX_NAME, description="Only this outlet.")
    ] = None,
    actor: ActorName = None,
    place: PlaceName = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    def fetch(n: int) -> list[Any]:
        filters = store_documents.DocumentFilter(
            outlet=outlet, actor=actor, place=place, since=since, until=until, limit=n
        )
        return to_jsonable(store_documents.documents(state.db, filters))

    return page_of_query(fetch, PageAsk(limit, offset))


@router.get("/documents/{document_id}", summary="One document with its extractions")
def get_document(state: State, document_id: Name) -> dict[str, Any]:
    """The text, and every actor/place mention, event and relation claim (with who asserts
    it), quote and flashpoint, each at its `start`/`end` character offsets into `text`."""
    return to_jsonable(store_documents.document(state.db, document_id))


@router.get("/actors", summary="Actors, most mentioned first")
def list_actors(state: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return page_of_query(lambda n: listing.actors_json(state.db, n), PageAsk(limit, offset))


@router.get("/actors/{name:path}", summary="One actor's profile (as `flashpoint actor --json`)")
def get_actor(state: State, name: Name) -> dict[str, Any]:
    return listing.actor_json(state.db, name)


@router.get("/events", summary="Merged events with their reports (as `flashpoint events --json`)")
def list_events(
    state: State,
    actor: ActorName = None,
    place: PlaceName = None,
    type: Annotated[
        str | None, Query(max_length=MAX_NAME, description="PLOVER event type, e.g. ASSAULT.")
    ] = None,
    since: Since = None,
    until: Until = None,
    min_outlets: Annotated[
        int, Query(ge=0, le=MAX_COUNT, description="Reported by at least N outlets.")
    ] = 0,
    main_clause: Annotated[
        bool,
        Query(
            description="Only events some report of which is the event its sentence is coded "
            "for (its main clause's, else the best-placed one, as a PLOVER coder codes it; "
            "reports stored before the store kept this count)."
        ),
    ] = False,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    def fetch(n: int) -> list[Any]:
        filters = EventFilter(
            actor=actor,
            place=place,
            type=type,
            since=since,
            until=until,
            min_outlets=min_outlets,
            main_clause=main_clause,
            limit=n,
        )
        return listing.events_json(state.db, filters)

    return page_of_query(fetch, PageAsk(limit, offset))


@router.get("/relations", summary="Relations, best attested first, with their evidence")
def list_relations(
    state: State,
    actor: ActorName = None,
    type: Annotated[
        str | None, Query(max_length=MAX_NAME, description="patron_of, ally_of, enemy_of ...")
    ] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return page_of_query(
        lambda n: listing.relations_json(state.db, actor=actor, type=type, limit=n),
        PageAsk(limit, offset),
    )


@router.get("/places", summary="Places, most mentioned first (as `flashpoint places --json`)")
def list_places(state: State, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return page_of_query(lambda n: listing.places_json(state.db, n), PageAsk(limit, offset))
