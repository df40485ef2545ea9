"""Throughput benchmark: our end-to-end Analyzer against a bare `nlp.pipe` of the same pipeline.

Both phases run in the same pool of worker processes (spawn context), each worker holding one
Analyzer whose `nlp` is the bare pipeline, over the same chunks of the same texts. Loading and
a warm-up document are excluded from the timings. The ratio ours/bare is our overhead; the
parse itself is the floor.

    >>> result = run_bench(["Rebels shelled the town.", "Talks resumed in Geneva."], workers=1)
    >>> result.overhead
"""

from __future__ import annotations

import multiprocessing
import os
import platform
import resource
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import Any, Literal

from flashpoint.errors import FlashpointError

Phase = Literal["bare", "ours"]
WARM_UP = "Government forces shelled rebel positions near the town on Monday, officials said."

# Per-process worker state, set once by the pool initialiser (one Analyzer per process).
_WORKER: dict[str, Any] = {}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _init_worker(model: str | None, registry_paths: tuple[str, ...]) -> None:
    from flashpoint.pipeline import Analyzer

    started = time.perf_counter()
    try:
        analyzer = Analyzer.from_defaults(model=model, registry_paths=registry_paths)
        analyzer.analyze_text(WARM_UP)
    except FlashpointError as exc:  # reported by _ready: a failing initialiser would respawn
        _WORKER["error"] = exc
        return
    _WORKER["analyzer"] = analyzer
    _WORKER["load_seconds"] = time.perf_counter() - started


def _ready(_: int) -> tuple[int, float, FlashpointError | None]:
    time.sleep(0.05)  # let every worker take one of these, so all of them have loaded
    return os.getpid(), _WORKER.get("load_seconds", 0.0), _WORKER.get("error")


def _run_chunk(phase: Phase, batch_size: int, texts: Sequence[str]) -> tuple[int, int, float]:
    from flashpoint.model import Document

    analyzer = _WORKER["analyzer"]
    if phase == "bare":
        for _ in analyzer.nlp.pipe(texts, batch_size=batch_size):
            pass
    else:
        documents = [Document(id=f"bench-{i}", text=t) for i, t in enumerate(texts)]
        for _ in analyzer.analyze_many(documents, batch_size=batch_size):
            pass
    return os.getpid(), len(texts), peak_rss_mb()


@dataclass
class PhaseResult:
    seconds: float
    docs_per_s: float
    words_per_s: float
    peak_rss_mb: dict[str, float] = field(default_factory=dict)


@dataclass
class BenchResult:
    documents: int
    words: int
    workers: int
    batch_size: int
    model: str | None
    bare: PhaseResult
    ours: PhaseResult
    overhead: float
    load_seconds: list[float]
    machine: dict[str, Any]

    @property
    def max_rss_mb(self) -> float:
        return max([*self.bare.peak_rss_mb.values(), *self.ours.peak_rss_mb.values(), 0.0])

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["max_rss_mb"] = round(self.max_rss_mb, 1)
        return out


def _chunks(texts: Sequence[str], size: int) -> list[Sequence[str]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def machine_info() -> dict[str, Any]:
    """What the figures were measured on."""
    return {
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(terse=True),
        "processor": platform.machine(),
    }


def run_bench(
    texts: Sequence[str],
    *,
    workers: int = 1,
    batch_size: int = 16,
    model: str | None = None,
    registry_paths: Sequence[str] = (),
    progress: Callable[[Phase, int], None] | None = None,
) -> BenchResult:
    """Time the bare parse and our pipeline over `texts` with `workers` processes each.

    progress: called with (phase, documents just finished) after every chunk.
    """
    if not texts:
        raise ValueError("the benchmark needs at least one text")
    workers = max(1, workers)
    words = sum(len(t.split()) for t in texts)
    chunks = _chunks(list(texts), batch_size)
    context = multiprocessing.get_context("spawn")
    with context.Pool(workers, _init_worker, (model, tuple(registry_paths))) as pool:
        loads: dict[int, float] = {}
        for _ in range(100):
            for pid, seconds, error in pool.map(_ready, range(workers * 2), chunksize=1):
                if error is not None:
                    raise error
                loads[pid] = seconds
            if len(loads) >= workers:
                break
        phases: dict[str, PhaseResult] = {}
        for phase in ("bare", "ours"):
            peaks: dict[str, float] = {}
            started = time.perf_counter()
            job = partial(_run_chunk, phase, batch_size)
            for pid, done, rss in pool.imap_unordered(job, chunks):
                peaks[str(pid)] = max(rss, peaks.get(str(pid), 0.0))
                if progress:
                    progress(phase, done)  # type: ignore[arg-type]
            seconds = time.perf_counter() - started
            phases[phase] = PhaseResult(
                seconds=round(seconds, 3),
                docs_per_s=round(len(texts) / seconds, 2),
                words_per_s=round(words / seconds, 1),
                peak_rss_mb={k: round(v, 1) for k, v in sorted(peaks.items())},
            )
    return BenchResult(
        documents=len(texts), words=words, workers=workers, batch_size=batch_size, model=model,
        bare=phases["bare"], ours=phases["ours"],
        overhead=round(phases["ours"].seconds / phases["bare"].seconds, 3),
        load_seconds=[round(v, 2) for v in loads.values()], machine=machine_info(),
    )
