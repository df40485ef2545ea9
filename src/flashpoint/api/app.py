"""The FastAPI application: read and analysis endpoints, the write endpoint when allowed,
errors as JSON, and headers that keep a browser from running anything an article holds.

CORS stays closed (no CORS middleware: browsers refuse other origins' scripts), and every
/api/ response says `Content-Security-Policy: default-src 'none'` and `nosniff`; the page and
/docs (web.py) have a CSP of their own that allows only this origin.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request, Response

from flashpoint import __version__
from flashpoint.api import analysis, cache, errors, read, web, write
from flashpoint.api.hosts import HostCheck
from flashpoint.api.settings import Settings
from flashpoint.api.state import AppState
from flashpoint.store.database import Database

API_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


def open_state(settings: Settings) -> AppState:
    """Check the settings, open the store (never creating one) and load the registry; any
    problem is a `FlashpointError` for the CLI to print on one line."""
    from flashpoint.resolve.registry import ActorRegistry

    settings.check()
    db = Database.open(settings.db_url, create=False)
    try:
        registry = ActorRegistry.load(list(settings.registry_paths))
    except Exception:
        db.close()
        raise
    return AppState(settings=settings, db=db, registry=registry)


def create_app(settings: Settings, state: AppState | None = None) -> FastAPI:
    """The app over one store. Opens it now (see `open_state`) unless `state` is given.

    >>> app = create_app(Settings(db_url="sqlite:///flashpoint.db"))
    """
    state = state or open_state(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.db.close()

    app = FastAPI(
        title="flashpoint",
        version=__version__,
        description="Conflict reporting rebuilt as sourced, mapped data: read the store.",
        lifespan=lifespan,
        docs_url=None,  # web.install serves /docs from the package, not from a CDN
        redoc_url=None,
    )
    app.state.flashpoint = state
    errors.install(app)
    app.include_router(read.router)
    app.include_router(analysis.router)
    app.include_router(write.router)
    web.install(app, settings.page_dir or web.STATIC)

    @app.middleware("http")
    async def _headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        if request.url.path.startswith("/api/"):
            response.headers.update(API_HEADERS)
        return response

    app.add_middleware(write.BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(cache.AnswerCache, db=state.db)  # a hit skips everything inside it
    if settings.trusted_hosts is not None:  # outermost: a foreign Host is refused first
        app.add_middleware(HostCheck, trusted=settings.trusted_hosts)
    return app
