"""Corpus analysis endpoints: flashpoints, coalitions, path and brief, answered by
`flashpoint.present.corpus` exactly as the CLI's commands of the same names answer them."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from flashpoint import bounds
from flashpoint.analyze import ranking
from flashpoint.api.paging import Limit, Offset, PageAsk, page
from flashpoint.api.read import Since, Until
from flashpoint.api.state import AppState, get_state
from flashpoint.bounds import EARLIEST, LATEST, MAX_NAME, MAX_PATHS
from flashpoint.errors import API_BAD_REQUEST, FlashpointError
from flashpoint.present import corpus, listing, situation

router = APIRouter(prefix="/api", tags=["analysis"])
State = Annotated[AppState, Depends(get_state)]
Region = Annotated[
    str | None,
    Query(max_length=MAX_NAME, description="ISO 3166 alpha-2 code (SY) or a province name."),
]
WindowText = Annotated[str, Query(max_length=40, description="Window length: 30d, 6w, 3m, 1y.")]
At = Annotated[
    dt.date | None,
    Query(ge=EARLIEST, le=LATEST, description="As of this day (default: `until`)."),
]
ActorAsked = Annotated[
    str | None, Query(max_length=MAX_NAME, description="An actor (id, name or alias).")
]


class AreaKind(str, Enum):
    radius = "radius"
    admin1 = "admin1"


def _days(window: str) -> int:
    try:
        return bounds.window_days(window)
    except ValueError as exc:
        raise FlashpointError(API_BAD_REQUEST, f"window: {exc}") from exc


@router.get("/flashpoints", summary="Flashpoints of the window, best first")
def list_flashpoints(
    state: State,
    window: WindowText = "30d",
    region: Region = None,
    since: Since = None,
    until: Until = None,
    by: AreaKind = AreaKind.radius,
    radius: Annotated[float, Query(ge=1.0, le=2000.0, description="Area radius, km.")] = (
        ranking.RADIUS_KM
    ),
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """As `flashpoint flashpoints --json`; the page also says the window it covers."""
    question = corpus.Question(
        since=since,
        until=until,
        window_days=_days(window),
        region=region,
        by=by.value,
        radius_km=radius,
    )
    ranked = corpus.flashpoints(state.db, state.registry, question)
    body = page(ranked.to_json(), PageAsk(limit, offset))
    body["window"] = {"start": ranked.start.isoformat(), "end": ranked.end.isoformat()}
    return body


@router.get("/coalitions", summary="Camps of the signed actor network")
def list_coalitions(
    state: State,
    at: At = None,
    since: Annotated[
        dt.date | None,
        Query(
            ge=EARLIEST,
            le=LATEST,
            description="Follow the camps monthly from here (default 6 months).",
        ),
    ] = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """As `flashpoint coalitions --json`."""
    day, camps = listing.coalitions_json(state.db, state.registry, at or until, since)
    body = page(camps, PageAsk(limit, offset))
    body["at"] = day.isoformat()
    return body


@router.get("/path", summary="Chains of backing and hostility between two actors")
def list_paths(
    state: State,
    a: ActorAsked = None,
    b: ActorAsked = None,
    max: Annotated[int, Query(ge=1, le=MAX_PATHS, description="At most N paths.")] = 5,
    at: At = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """As `flashpoint path A B --json`; neither actor: every pair of rival patrons."""
    if (a is None) != (b is None):
        raise FlashpointError(
            API_BAD_REQUEST, "give two actors (a and b), or none for every pair of rival patrons"
        )
    found = corpus.escalation_paths(state.db, state.registry, a, b, max, at or until)
    return page(found, PageAsk(limit, offset))


@router.get("/brief", summary="The situation report of the window, with citations")
def get_brief(
    state: State,
    region: Region = None,
    since: Since = None,
    until: Until = None,
    window: WindowText = "30d",
) -> dict[str, Any]:
    """As `flashpoint brief --format json`."""
    question = corpus.Question(since=since, until=until, window_days=_days(window), region=region)
    return situation.to_json(corpus.brief(state.db, state.registry, question))
