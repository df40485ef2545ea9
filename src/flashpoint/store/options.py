"""How an ingest runs: its own module, because both the local pool (`store/ingest.py`) and the
Dask runner (`store/dask_runner.py`) read it, and the ingest calls the runner."""

from __future__ import annotations

from dataclasses import dataclass, field

from flashpoint.analysis_worker import TIMEOUT_SECONDS
from flashpoint.ingest.corpus import CorpusOptions

BATCH_SIZE = 4
WINDOW = 256  # corpus items read and checked against the store at a time


@dataclass
class IngestOptions:
    """How to run an ingest; `model` and `registry_paths` go to `Analyzer.from_defaults`.

    `workers` analysis processes run beside the calling process, which reads and writes, so
    even one worker overlaps the writing with the analysis; 0 analyses in the calling process
    (one process, for a profiler without --subprocesses)."""

    workers: int = 1
    limit: int | None = None
    corpus: CorpusOptions = field(default_factory=CorpusOptions)
    model: str | None = None
    registry_paths: tuple[str, ...] = ()
    batch_size: int = BATCH_SIZE
    timeout: float | None = TIMEOUT_SECONDS
    window: int = WINDOW
    dask: str | None = None  # "local" or a scheduler address: analyse on Dask (dask_runner.py)
