"""Answers of GET /api/ kept while the store does not change, and a cap on how many
requests query the store at once.

The store changes only when documents are ingested, and the corpus analysis (flashpoints,
coalitions, brief, path) costs a second or more on a large store, so many readers asking the
page's questions would otherwise recompute the same answer side by side and queue for the
store's connections until they time out. Here each answer is computed once per question and
store version (readers asking the same question meanwhile wait for that one computation), and
served as the same bytes until the store changes. The version is the documents' count and
latest `ingested_at`, read at most once every `check_every` seconds: a write through this
server clears the cache at once, a write by another process (`flashpoint ingest`) shows within
that time. At most `max_running` requests run the endpoints at once; the rest wait their turn
instead of failing.
"""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool

from flashpoint.store import schema
from flashpoint.store.database import Database

Next = Callable[[Request], Awaitable[Response]]


class AnswerCache:
    """Answers by question (path and sorted query) for one store version, least recently
    used dropped first beyond `max_bytes`."""

    def __init__(
        self,
        db: Database,
        *,
        max_bytes: int = 64_000_000,
        check_every: float = 1.0,
        max_running: int = 8,
    ) -> None:
        self.db = db
        self.max_bytes = max_bytes
        self.check_every = check_every
        self.answers: OrderedDict[str, tuple[Any, int, bytes, str]] = OrderedDict()
        self.size = 0
        self.locks: dict[str, asyncio.Lock] = {}
        self.running = asyncio.Semaphore(max_running)
        self._version: Any = None
        self._checked = float("-inf")

    def version(self) -> Any:
        """The store's version (documents, latest ingest), read again after `check_every` s."""
        now = time.monotonic()
        if now - self._checked >= self.check_every:
            documents = schema.documents
            with self.db.connect() as connection:
                row = connection.execute(
                    select(func.count(), func.max(documents.c.ingested_at))
                ).one()
            self._version, self._checked = tuple(row), now
        return self._version

    def clear(self) -> None:
        self.answers.clear()
        self.size = 0
        self._checked = float("-inf")

    def _keep(self, key: str, entry: tuple[Any, int, bytes, str]) -> None:
        if key in self.answers:
            self.size -= len(self.answers.pop(key)[2])
        if len(entry[2]) > self.max_bytes // 4:
            return  # one huge answer would push out everything else
        self.answers[key] = entry
        self.size += len(entry[2])
        while self.size > self.max_bytes:
            self.size -= len(self.answers.popitem(last=False)[1][2])

    async def respond(self, request: Request, call_next: Next) -> Response:
        """The cached answer to a GET, or the endpoint's (kept when it is a 200)."""
        if request.method != "GET":
            async with self.running:
                response = await call_next(request)
            self.clear()  # a write may have changed the store
            return response
        try:
            version = await run_in_threadpool(self.version)
        except Exception:  # the store is unreadable: let the endpoint answer with the error
            async with self.running:
                return await call_next(request)
        key = request.url.path + "?" + "&".join(sorted(request.url.query.split("&")))
        lock = self.locks.setdefault(key, asyncio.Lock())
        async with lock:
            hit = self.answers.get(key)
            if hit and hit[0] == version:
                self.answers.move_to_end(key)
                return Response(hit[2], status_code=hit[1], media_type=hit[3])
            async with self.running:
                response = await call_next(request)
                body = b"".join([chunk async for chunk in response.body_iterator])
        if len(self.locks) > 4096:
            self.locks.clear()
        media = response.headers.get("content-type", "application/json")
        if response.status_code == 200:
            self._keep(key, (version, 200, body, media))
        headers = {k: v for k, v in response.headers.items() if k.lower() != "content-length"}
        return Response(body, status_code=response.status_code, headers=headers)


def install(app: FastAPI, db: Database, **options: Any) -> AnswerCache:
    """Put the cache in front of every /api/ endpoint of `app`."""
    cache = AnswerCache(db, **options)

    @app.middleware("http")
    async def _cached(request: Request, call_next: Next) -> Response:
        if not request.url.path.startswith("/api/"):
            return await call_next(request)
        return await cache.respond(request, call_next)

    return cache
