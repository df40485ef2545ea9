"""POST /api/documents: one article (text, HTML or a URL) analysed into the store.

Off unless the server was started with `--allow-writes`, and then only for a request that
carries `Authorization: Bearer <FLASHPOINT_TOKEN>`. A URL is fetched by the ingest fetcher,
which refuses loopback, private and link-local hosts at every redirect; the body size is
capped by `BodyLimit` before the request reaches the endpoint, and the analysis has the
same time budget as `flashpoint ingest` (per 100,000 characters).
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flashpoint.api.errors import error_response
from flashpoint.api.state import AppState, get_state
from flashpoint.errors import (
    ANALYSIS_FAILED,
    API_UNAUTHORIZED,
    API_WRITES_OFF,
    INPUT_TOO_LARGE,
    FlashpointError,
)
from flashpoint.ingest.fetch import is_url

router = APIRouter(prefix="/api", tags=["write"])
SOURCE = "api"  # documents.source of a submitted text or HTML (a URL keeps its URL)


class Submission(BaseModel):
    """Exactly one of `text`, `html` or `url`; metadata given here wins over the page's."""

    model_config = ConfigDict(extra="forbid")

    text: str | None = Field(None, description="The article as plain text.")
    html: str | None = Field(None, description="The article as a web page.")
    url: str | None = Field(None, description="An http(s) URL to fetch (public hosts only).")
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    check_language: bool = Field(True, description="Refuse text that does not look English.")

    @model_validator(mode="after")
    def _one_source(self) -> Submission:
        given = [k for k in ("text", "html", "url") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        if self.url is not None and not is_url(self.url):
            raise ValueError("url must start with http:// or https://")
        return self


def authorised(
    state: Annotated[AppState, Depends(get_state)],
    authorization: Annotated[str | None, Header()] = None,
) -> AppState:
    """Writes are on, and the request carries the server's bearer token."""
    settings = state.settings
    if not settings.allow_writes or not settings.token:
        raise FlashpointError(
            API_WRITES_OFF, "this server is read-only; start it with --allow-writes to submit"
        )
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), settings.token.encode()
    ):
        raise FlashpointError(API_UNAUTHORIZED, "send Authorization: Bearer <FLASHPOINT_TOKEN>")
    return state


def _document(submission: Submission, state: AppState) -> Any:
    from flashpoint.ingest.load import (
        DEFAULT_MAX_BYTES,
        document_from_html,
        document_from_text,
        load_document,
    )

    meta = {
        "title": submission.title,
        "outlet": submission.outlet,
        "published": submission.published,
        "check_language": submission.check_language,
    }
    if submission.text is not None:
        return document_from_text(
            submission.text, **meta, origin="the submitted text", source=SOURCE
        )
    if submission.html is not None:
        return document_from_html(
            submission.html, **meta, origin="the submitted HTML", source=SOURCE
        )
    return load_document(
        str(submission.url),
        **meta,
        max_bytes=DEFAULT_MAX_BYTES,  # a fetched page: the same limit as `flashpoint ingest URL`
        allow_hosts=state.settings.allow_hosts,
    )


def submit(state: AppState, submission: Submission) -> tuple[str, bool]:
    """Load, analyse and store one article; (its id, whether it was new)."""
    from flashpoint.analysis_worker import TIMEOUT_SECONDS, analyse_batch
    from flashpoint.pipeline import Analyzer

    document = _document(submission, state)
    if state.db.stored_ids([document.id]):
        return document.id, False
    with state.lock:  # one analysis at a time: the pipeline is loaded once and shared
        if state.analyzer is None:
            state.analyzer = Analyzer.from_defaults(registry_paths=state.settings.registry_paths)
        outcome = analyse_batch(state.analyzer, [document], TIMEOUT_SECONDS)[0]
    if outcome.analysis is None:
        raise FlashpointError(outcome.code or ANALYSIS_FAILED, outcome.reason or "analysis failed")
    source = submission.url or SOURCE
    return document.id, state.db.store(outcome.analysis, source=source)


@router.post(
    "/documents",
    status_code=201,
    summary="Analyse one article into the store (needs --allow-writes and the token)",
)
def post_document(
    submission: Submission, state: Annotated[AppState, Depends(authorised)]
) -> JSONResponse:
    document_id, stored = submit(state, submission)
    body = {"id": document_id, "stored": stored, "href": f"/api/documents/{document_id}"}
    return JSONResponse(body, status_code=201 if stored else 200)


class BodyLimit:
    """Refuse a request body larger than `max_bytes` with 413, before any endpoint reads it:
    by its Content-Length when it gives one, else by counting what arrives."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_bytes:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = error_response(
            413, INPUT_TOO_LARGE, f"the request body is larger than {self.max_bytes:,} bytes"
        )
        await response(scope, receive, send)
