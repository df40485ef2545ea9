"""Ingest throughput with the process pool and with Dask, and how fast the one writer is.

    .venv/bin/python scripts/dask_throughput.py ../shared/corpora/fa-kes/FA-KES-Dataset.csv \\
        --text-column article_content --encoding latin-1 --limit 200 \\
        --run pool:1 --run pool:2 --run dask:1 --run dask:2

Each run ingests the corpus into a new SQLite store (or, with --db, a scratch PostgreSQL
database whose schema every run drops and recreates), through `flashpoint.store.ingest`, as
`flashpoint ingest` does; `pool:N` is `--workers N`, `dask:N` is `--dask local --workers N`,
`dask:tcp://host:port` a running cluster. Besides the run's documents per second (start-up and
model loads included, as a user waits for them), it times the writer alone: the seconds spent
in `Database.store`, so the writer's documents per second bound what any number of analysing
workers can give; and it counts CPU seconds, which on a machine shared with other jobs say more
than the wall clock does. One JSON line per run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import tempfile
import time
from pathlib import Path

from flashpoint.ingest.corpus import CorpusOptions
from flashpoint.store.database import Database, normalise_url
from flashpoint.store.ingest import IngestOptions, ingest


def _fresh(url: str | None, folder: Path, name: str) -> str:
    if url is None:
        return f"sqlite:///{folder / name}.db"
    from sqlalchemy import create_engine, text

    engine = create_engine(normalise_url(url))
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def _cpu(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def run(spec: str, sources: list[str], corpus: CorpusOptions, limit: int, url: str) -> dict:
    kind, _, value = spec.partition(":")
    if kind == "pool":
        options = IngestOptions(workers=int(value), limit=limit, corpus=corpus)
    elif value.isdigit():
        options = IngestOptions(workers=int(value), dask="local", limit=limit, corpus=corpus)
    else:
        options = IngestOptions(dask=value, limit=limit, corpus=corpus)
    writing = [0.0]
    self_before = resource.getrusage(resource.RUSAGE_SELF)
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with Database.open(url) as db:
        store = db.store

        def timed_store(*args, **kwargs):  # type: ignore[no-untyped-def]
            began = time.perf_counter()
            try:
                return store(*args, **kwargs)
            finally:
                writing[0] += time.perf_counter() - began

        db.store = timed_store  # type: ignore[method-assign]
        summary = ingest(sources, db, options)
    main_cpu = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - _cpu(self_before)
    workers_cpu = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(children_before)
    return {
        "run": spec,
        "stored": summary.stored,
        "rejected": summary.rejected_total,
        "elapsed_s": round(summary.elapsed, 1),
        "docs_per_s": round(summary.docs_per_second, 2),
        "articles_per_day": round(summary.docs_per_second * 86_400),
        "writer_s": round(writing[0], 2),
        "writer_docs_per_s": round(summary.stored / writing[0], 1) if writing[0] else None,
        # CPU seconds, which other jobs on the machine barely change: the analysing processes'
        # (the pool's or the LocalCluster's, counted once they have exited) and this one's
        "workers_cpu_s": round(workers_cpu, 1),
        "main_cpu_s": round(main_cpu, 1),
        "docs_per_worker_cpu_s": round(summary.stored / workers_cpu, 2) if workers_cpu else None,
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--text-column")
    parser.add_argument("--encoding")
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--run", action="append", required=True, help="pool:N, dask:N, dask:URL")
    parser.add_argument("--db", help="a scratch PostgreSQL URL (default: new SQLite files)")
    args = parser.parse_args()
    corpus = CorpusOptions(text_column=args.text_column, encoding=args.encoding)
    with tempfile.TemporaryDirectory(prefix="flashpoint-throughput-") as folder:
        for i, spec in enumerate(args.run):
            url = _fresh(args.db, Path(folder), f"run{i}")
            print(json.dumps(run(spec, args.sources, corpus, args.limit, url)), flush=True)


if __name__ == "__main__":
    main()
