"""`flashpoint bench --ingest`: does the store keep the analysis' pace?

In one run: the analysis alone (outcomes in corpus order, as `ingest` receives them, then
dropped), then the full `ingest` of the same documents into a fresh temporary SQLite store.
Each side runs on its own fresh pool of the same number of workers, loaded and warmed on one
sentence before its clock starts; batches and documents are the same. Reported: documents/s
of each, their ratio (the ingest's share of the analysis' pace), and the peak RSS of the writer
(this process) and of each ingest worker.

    >>> result = run_ingest_bench(["corpus.csv"], IngestOptions(workers=2, limit=200))
    >>> result.ratio
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Executor, wait
from dataclasses import asdict, dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from flashpoint.analysis_worker import worker_task
from flashpoint.evaluate.bench import WARM_UP, machine_info, peak_rss_mb
from flashpoint.ingest.corpus import iter_corpus
from flashpoint.model import Document
from flashpoint.store.database import Database
from flashpoint.store.ingest import (
    IngestOptions,
    _analyse_parallel,
    ingest,
    worker_pool,
)


def _worker_state(_: int) -> tuple[int, float, float]:
    import os
    import resource

    time.sleep(0.05)  # so that every worker takes one
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), peak_rss_mb(), usage.ru_utime + usage.ru_stime


def _workers(pool: Executor, workers: int) -> dict[str, tuple[float, float]]:
    """Peak RSS (MiB) and CPU seconds so far of every worker of `pool`, by pid."""
    state: dict[str, tuple[float, float]] = {}
    for _ in range(50):
        for pid, rss, cpu in pool.map(_worker_state, range(2 * workers)):
            state[str(pid)] = (rss, cpu)
        if len(state) >= workers:
            break
    return dict(sorted(state.items()))


def _cpu_since(before: dict[str, tuple[float, float]], pool: Executor, workers: int) -> float:
    after = _workers(pool, workers)
    return sum(cpu - before.get(pid, (0.0, 0.0))[1] for pid, (_, cpu) in after.items())


def _warm_up(pool: Executor, workers: int) -> float:
    started = time.perf_counter()
    done = [
        pool.submit(worker_task, [Document(id="warm-up", text=WARM_UP)]) for _ in range(2 * workers)
    ]
    wait(done)
    for future in done:
        outcome = future.result()[0]
        if outcome.fatal:
            from flashpoint.errors import FlashpointError

            raise FlashpointError(outcome.code or "", outcome.reason or "")
    return time.perf_counter() - started


@dataclass
class IngestBenchResult:
    documents: int
    workers: int
    batch_size: int
    analysis_seconds: float
    analysis_docs_per_s: float
    ingest_seconds: float
    ingest_docs_per_s: float
    ratio: float  # ingest docs/s over analysis docs/s
    stored: int
    load_seconds: float
    writer_peak_rss_mb: float
    worker_peak_rss_mb: dict[str, float]
    # CPU seconds, which a loaded machine changes less than wall time: the workers' during
    # each side, and the writer's (this process, reading the corpus included) during ingest
    analysis_worker_cpu_s: float = 0.0
    ingest_worker_cpu_s: float = 0.0
    ingest_writer_cpu_s: float = 0.0
    machine: dict[str, Any] = field(default_factory=machine_info)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _documents(sources: Sequence[str], options: IngestOptions) -> list[Document]:
    """The documents `ingest` would analyse: readable, first copy of each id, within --limit."""
    seen: dict[str, Document] = {}
    for item in islice(iter_corpus(sources, options.corpus), options.limit):
        if item.document is not None and item.document.id not in seen:
            seen[item.document.id] = item.document
    return list(seen.values())


def run_ingest_bench(sources: Sequence[str], options: IngestOptions) -> IngestBenchResult:
    """Time the analysis alone, then the full ingest, each on a fresh pool of warm workers."""
    from concurrent.futures.process import BrokenProcessPool

    from flashpoint.errors import DB_WORKER_FAILED, FlashpointError

    try:
        return _run(sources, options)
    except BrokenProcessPool as exc:  # a worker died while loading or reporting
        raise FlashpointError(DB_WORKER_FAILED, "a worker process died; nothing measured") from exc


def _run(sources: Sequence[str], options: IngestOptions) -> IngestBenchResult:
    documents = _documents(sources, options)
    if not documents:
        raise ValueError("the benchmark needs at least one readable document")
    workers = max(1, options.workers)
    # Each side gets a fresh pool: workers that analysed the documents once hold warm caches
    # (names, places) that would flatter whichever side ran second.
    with worker_pool(options) as pool:
        load_seconds = _warm_up(pool, workers)
        warm = _workers(pool, workers)
        started = time.perf_counter()
        analysed = sum(1 for o in _analyse_parallel(documents, options, pool) if o.analysis)
        analysis_seconds = time.perf_counter() - started
        analysis_cpu = _cpu_since(warm, pool, workers)
    with (
        worker_pool(options) as pool,
        tempfile.TemporaryDirectory(prefix="flashpoint-bench-") as folder,
    ):
        load_seconds = max(load_seconds, _warm_up(pool, workers))
        warm = _workers(pool, workers)
        db = Database.open(f"sqlite:///{Path(folder) / 'store.db'}")
        try:
            started, writer_cpu = time.perf_counter(), time.process_time()
            summary = ingest(sources, db, options, pool=pool)
            ingest_seconds = time.perf_counter() - started
            writer_cpu = time.process_time() - writer_cpu
        finally:
            db.close()
        ingest_cpu = _cpu_since(warm, pool, workers)
        worker_peaks = {pid: round(rss, 1) for pid, (rss, _) in _workers(pool, workers).items()}
    analysis_rate = analysed / analysis_seconds
    ingest_rate = summary.stored / ingest_seconds
    return IngestBenchResult(
        documents=len(documents),
        workers=workers,
        batch_size=options.batch_size,
        analysis_seconds=round(analysis_seconds, 2),
        analysis_docs_per_s=round(analysis_rate, 2),
        ingest_seconds=round(ingest_seconds, 2),
        ingest_docs_per_s=round(ingest_rate, 2),
        ratio=round(ingest_rate / analysis_rate, 3),
        stored=summary.stored,
        load_seconds=round(load_seconds, 2),
        writer_peak_rss_mb=round(peak_rss_mb(), 1),
        worker_peak_rss_mb=worker_peaks,
        analysis_worker_cpu_s=round(analysis_cpu, 2),
        ingest_worker_cpu_s=round(ingest_cpu, 2),
        ingest_writer_cpu_s=round(writer_cpu, 2),
    )


def ingest_bench_table(result: IngestBenchResult) -> Any:
    """The result as a Rich table, one row a figure."""
    from rich.table import Table

    table = Table(
        title=f"ingest against analysis: {result.documents} documents, "
        f"{result.workers} worker(s), batches of {result.batch_size}"
    )
    table.add_column("figure")
    table.add_column("value", justify="right")
    rows = [
        (
            "analysis alone",
            f"{result.analysis_docs_per_s:.2f} docs/s ({result.analysis_seconds} s)",
        ),
        (
            "ingest into SQLite",
            f"{result.ingest_docs_per_s:.2f} docs/s ({result.ingest_seconds} s)",
        ),
        ("ingest / analysis", f"{result.ratio:.1%}"),
        ("documents stored", str(result.stored)),
        ("writer peak RSS", f"{result.writer_peak_rss_mb:.0f} MiB"),
        *(
            (f"worker {pid} peak RSS", f"{rss:.0f} MiB")
            for pid, rss in result.worker_peak_rss_mb.items()
        ),
        (
            "workers' CPU: analysis / ingest",
            f"{result.analysis_worker_cpu_s} / {result.ingest_worker_cpu_s} s",
        ),
        ("writer's CPU during ingest", f"{result.ingest_writer_cpu_s} s"),
        ("worker loading (untimed)", f"{result.load_seconds} s"),
    ]
    for name, value in rows:
        table.add_row(name, value)
    return table
