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
from typing import Any

from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from flashpoint.store import schema
from flashpoint.store.database import Database

Entry = tuple[Any, int, list[tuple[bytes, bytes]], bytes]  # version, status, headers, body


class AnswerCache:
    """ASGI middleware (outermost, so that a hit costs one dictionary look-up): answers by
    question (path and sorted query) for one store version, least recently used dropped
    first beyond `max_bytes`."""

    def __init__(
        self,
        app: ASGIApp,
        db: Database,
        *,
        max_bytes: int = 64_000_000,
        check_every: float = 1.0,
        max_running: int = 8,
    ) -> None:
        self.app, self.db = app, db
        self.max_bytes = max_bytes
        self.check_every = check_every
        self.max_running = max_running
        self.answers: OrderedDict[str, Entry] = OrderedDict()
        self.size = 0
        self.locks: dict[str, asyncio.Lock] = {}
        self.running: asyncio.Semaphore | None = None
        self._version: Any = None
        self._checked = float("-inf")

    def version(self) -> Any:
        """The store's version (documents, latest ingest), as last read."""
        documents = schema.documents
        with self.db.connect() as connection:
            row = connection.execute(select(func.count(), func.max(documents.c.ingested_at))).one()
        self._version, self._checked = tuple(row), time.monotonic()
        return self._version

    async def current(self) -> Any:
        if time.monotonic() - self._checked >= self.check_every:
            return await run_in_threadpool(self.version)
        return self._version

    def clear(self) -> None:
        self.answers.clear()
        self.size = 0
        self._checked = float("-inf")

    def _keep(self, key: str, entry: Entry) -> None:
        if key in self.answers:
            self.size -= len(self.answers.pop(key)[3])
        if len(entry[3]) > self.max_bytes // 4:
            return  # one huge answer would push out everything else
        self.answers[key] = entry
        self.size += len(entry[3])
        while self.size > self.max_bytes:
            self.size -= len(self.answers.popitem(last=False)[1][3])

    async def _run(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.running is None:
            self.running = asyncio.Semaphore(self.max_running)
        async with self.running:
            await self.app(scope, receive, send)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            try:
                await self._run(scope, receive, send)
            finally:
                self.clear()  # a write may have changed the store
            return
        try:
            version = await self.current()
        except Exception:  # the store is unreadable: let the endpoint answer with the error
            await self._run(scope, receive, send)
            return
        query = scope.get("query_string", b"").decode("latin-1")
        key = scope["path"] + "?" + "&".join(sorted(query.split("&")))
        hit = self.answers.get(key)
        if hit is None or hit[0] != version:
            lock = self.locks.setdefault(key, asyncio.Lock())
            async with lock:  # one computation per question; the others wait for it
                hit = self.answers.get(key)
                if hit is None or hit[0] != version:
                    await self._compute(key, version, scope, receive, send)
                    return
        self.answers.move_to_end(key)
        await send({"type": "http.response.start", "status": hit[1], "headers": hit[2]})
        await send({"type": "http.response.body", "body": hit[3]})

    async def _compute(
        self, key: str, version: Any, scope: Scope, receive: Receive, send: Send
    ) -> None:
        """Run the endpoint, pass its answer on, and keep it when it is a 200."""
        start: Message = {}
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self._run(scope, receive, keep)
        if start.get("status") == 200:
            self._keep(key, (version, 200, list(start.get("headers", [])), b"".join(chunks)))
        if len(self.locks) > 4096:
            self.locks.clear()
