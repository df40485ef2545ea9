"""Fill the store from a corpus: read, skip what is stored, analyse in parallel, write serially.

Workers (processes, one Analyzer each, built once by the pool initialiser) only parse and
extract; the calling process reads the corpus a window at a time (see `_new_documents`) and is
the only writer, writing each document with everything found in it in one transaction while
the workers analyse the next ones. So a run killed at any moment (kill -9 included) leaves
whole documents or none, and running the same command again skips what is stored and finishes
the rest.

    >>> with Database.open("sqlite:///flashpoint.db") as db:
    ...     summary = ingest(["corpus.csv"], db, IngestOptions(workers=2))
    >>> summary.stored, summary.duplicates, summary.rejected
"""

from __future__ import annotations

import multiprocessing
import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice
from typing import Any, Protocol

from sqlalchemy.exc import DataError, IntegrityError

from flashpoint.analysis_worker import (
    Outcome,
    analyse_batch,
    init_worker,
    worker_task,
)
from flashpoint.budget import time_limit
from flashpoint.errors import (
    ANALYSIS_FAILED,
    DB_WORKER_FAILED,
    DB_WRITE_FAILED,
    FlashpointError,
)
from flashpoint.ingest.corpus import CorpusItem, iter_corpus
from flashpoint.model import Analysis, Document
from flashpoint.store.database import Database
from flashpoint.store.options import IngestOptions

# Outcome, analyse_batch and time_limit are re-exported for the Dask runner, the API and tests.
__all__ = ["IngestOptions", "IngestSummary", "Outcome", "analyse_batch", "ingest", "time_limit"]


@dataclass
class IngestSummary:
    """What a run did; `rejected` counts rejections by error code, `reasons` keeps one example."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: Counter = field(default_factory=Counter)
    reasons: dict[str, str] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def rejected_total(self) -> int:
        return sum(self.rejected.values())

    @property
    def docs_per_second(self) -> float:
        return self.stored / self.elapsed if self.elapsed > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "rejected": self.rejected_total,
            "rejected_by_code": dict(self.rejected),
            "reasons": self.reasons,
            "elapsed_s": round(self.elapsed, 2),
            "docs_per_second": round(self.docs_per_second, 2),
        }


class Reporter(Protocol):
    """Progress callbacks; the CLI passes a Rich progress bar."""

    def start(self, total: int | None) -> None:
        """`total`: the corpus items to go through (a cheap count; None when unknown)."""

    def advance(self, n: int) -> None:
        """`n` more items done: stored, found a duplicate, or rejected."""


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _analyse_serial(documents: Iterable[Document], options: IngestOptions) -> Iterator[Outcome]:
    from flashpoint.pipeline import Analyzer

    analyzer = Analyzer.from_defaults(model=options.model, registry_paths=options.registry_paths)
    for batch in _batches(documents, options.batch_size):
        yield from analyse_batch(analyzer, batch, options.timeout)


def worker_pool(options: IngestOptions) -> ProcessPoolExecutor:
    """The analysis processes (spawned, one Analyzer each, loaded by the initialiser)."""
    return ProcessPoolExecutor(
        max_workers=max(1, options.workers),
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(options.model, tuple(options.registry_paths), options.timeout),
    )


def _analyse_parallel(
    documents: Iterable[Document], options: IngestOptions, pool: Executor | None = None
) -> Iterator[Outcome]:
    """Outcomes in corpus order, with at most three batches per worker in flight, on `pool`
    (kept open) or on a `worker_pool` of its own.

    Writing in corpus order (not completion order) makes the merged store the same whatever the
    number of workers, and makes a killed run's stored documents a prefix of the corpus."""
    if pool is None:
        with worker_pool(options) as own:
            yield from _analyse_parallel(documents, options, own)
        return
    batches = _batches(documents, options.batch_size)
    in_flight: deque[Future] = deque()
    try:
        for batch in islice(batches, 3 * max(1, options.workers)):
            in_flight.append(pool.submit(worker_task, batch))
        while in_flight:
            outcomes = in_flight.popleft().result()
            if outcomes and outcomes[0].fatal:
                raise FlashpointError(outcomes[0].code or "", outcomes[0].reason or "")
            next_batch = next(batches, None)
            if next_batch:
                in_flight.append(pool.submit(worker_task, next_batch))
            yield from outcomes
    except BrokenProcessPool as exc:
        raise FlashpointError(
            DB_WORKER_FAILED,
            "a worker process died; what was stored is kept: run the same command to resume",
        ) from exc
    finally:
        for future in in_flight:
            future.cancel()


def _record_rejection(
    db: Database,
    summary: IngestSummary,
    source: str,
    code: str,
    reason: str,
    document_id: str | None = None,
) -> None:
    db.reject(source, code, reason, document_id=document_id)
    summary.rejected[code] += 1
    summary.reasons.setdefault(code, reason)


def _store(db: Database, summary: IngestSummary, analysis: Analysis, source: str) -> bool:
    """Store one analysis; a write the database refuses costs that document, not the run."""
    try:
        if db.store(analysis, source=source):
            return True
    except (DataError, IntegrityError) as exc:
        first = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
        _record_rejection(
            db,
            summary,
            source,
            DB_WRITE_FAILED,
            f"could not store: {first}",
            document_id=analysis.document.id,
        )
        return False
    summary.duplicates += 1  # stored meanwhile by another run on the same database
    return False


def _new_documents(
    items: Iterator[CorpusItem],
    db: Database,
    summary: IngestSummary,
    pending: dict[str, str],
    reporter: Reporter | None,
    window: int,
) -> Iterator[Document]:
    """The documents to analyse, read up to `window` items at a time (8, 16, ... then `window`,
    so the first batches reach the workers at once): each window costs one look-up
    of which ids are stored; rejected and duplicate items are recorded as they are read.
    `pending` maps each yielded document's id to its source until its outcome is written, so
    a second copy in flight is a duplicate too; nothing here grows with the corpus."""
    size = min(8, window)  # small at first, so the workers start while the rest is read
    while chunk := list(islice(items, size)):
        size = min(2 * size, window)
        summary.read += len(chunk)
        stored = db.stored_ids(item.document.id for item in chunk if item.document)
        for item in chunk:
            document = item.document
            if document is None:
                _record_rejection(db, summary, item.source, item.code or "", item.reason or "")
            elif document.id in stored or document.id in pending:
                summary.duplicates += 1
            else:
                pending[document.id] = item.source
                yield document
                continue
            if reporter is not None:
                reporter.advance(1)


def ingest(
    sources: Iterable[str],
    db: Database,
    options: IngestOptions | None = None,
    reporter: Reporter | None = None,
    *,
    pool: Executor | None = None,
) -> IngestSummary:
    """Read every source, store each new document with its analysis, and say what happened.
    `pool`: a `worker_pool` to analyse on, left open (the benchmark times warm workers).

    The corpus streams: it is read a window at a time while earlier documents are analysed and
    written, so memory does not grow with the corpus; the progress total is a cheap count
    (`flashpoint.ingest.count`), None when a source cannot be counted."""
    from flashpoint.ingest.count import count_documents

    options = options or IngestOptions()
    sources = tuple(sources)
    summary = IngestSummary()
    began = time.perf_counter()
    if reporter is not None:
        total = count_documents(sources, options.corpus, options.limit)
        reporter.start(total if total is not None else options.limit)
    pending: dict[str, str] = {}
    items = islice(iter_corpus(sources, options.corpus), options.limit)
    documents = _new_documents(items, db, summary, pending, reporter, options.window)
    first = next(documents, None)
    analyse = _analyse_parallel if options.workers > 0 else _analyse_serial
    if pool is not None and options.workers > 0:
        analyse = partial(_analyse_parallel, pool=pool)
    if options.dask:
        from flashpoint.store.dask_runner import analyse_on_dask

        analyse = analyse_on_dask
    # No worker is started (nor a model loaded) when every document is stored already.
    for outcome in analyse(chain([first], documents), options) if first else ():
        source = pending.pop(outcome.document_id)
        if outcome.analysis is None:
            _record_rejection(
                db,
                summary,
                source,
                outcome.code or ANALYSIS_FAILED,
                outcome.reason or "",
                document_id=outcome.document_id,
            )
        elif _store(db, summary, outcome.analysis, source):
            summary.stored += 1
        if reporter is not None:
            reporter.advance(1)
    summary.elapsed = time.perf_counter() - began
    return summary
