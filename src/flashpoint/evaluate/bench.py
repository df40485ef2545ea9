"""Throughput benchmark: our end-to-end Analyzer against a bare `nlp.pipe` of the same pipeline.

Both sides run in the same pool of worker processes (spawn context), each worker holding one
Analyzer whose `nlp` is the bare pipeline, over the same chunks of the same texts, with the same
number of processes. Loading and a warm-up document are excluded from the timings. The ratio
ours/bare is our overhead; the parse itself is the floor.

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
from typing import Any

from flashpoint.errors import FlashpointError

WARM_UP = "Government forces shelled rebel positions near the town on Monday, officials said."

# Per-process worker state, set once by the pool initialiser (one Analyzer per process).
_WORKER: dict[str, Any] = {}


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _init_worker(options: dict[str, Any]) -> None:
    from flashpoint.pipeline import Analyzer

    started = time.perf_counter()
    try:
        analyzer = Analyzer.from_defaults(**options)
        analyzer.analyze_text(WARM_UP)
    except FlashpointError as exc:  # reported by _ready: a failing initialiser would respawn
        _WORKER["error"] = (exc.code, exc.message)
        return
    except Exception as exc:  # a bug, not a user error; still must not respawn forever
        _WORKER["error"] = (None, f"the Analyzer failed to load: {exc!r}")
        return
    _WORKER["analyzer"] = analyzer
    _WORKER["load_seconds"] = time.perf_counter() - started


def _ready(_: int) -> tuple[int, float, float, tuple[str | None, str] | None]:
    time.sleep(0.05)  # let every worker take one of these, so all of them have loaded
    return os.getpid(), _WORKER.get("load_seconds", 0.0), peak_rss_mb(), _WORKER.get("error")


def _timed(work: Callable[[], None]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


class DocumentFailed(RuntimeError):
    """Our pipeline raised on one document: a bug, reported with the document's position."""

    def __init__(self, position: int, error: str):
        super().__init__(
            f"flashpoint failed on corpus document {position} (0-based, after --limit): {error}"
        )
        self.position = position
        self.error = error

    def __reduce__(self) -> tuple:
        return (DocumentFailed, (self.position, self.error))


def _time_chunk(index: int, first: int, texts: Sequence[str], batch_size: int) -> dict:
    """Wall and CPU seconds of both sides over `texts`, alternating which goes first."""
    from flashpoint.model import Document

    analyzer = _WORKER["analyzer"]

    def bare() -> None:
        for _ in analyzer.nlp.pipe(texts, batch_size=batch_size):
            pass

    def ours() -> None:
        documents = [Document(id=f"bench-{first + i}", text=t) for i, t in enumerate(texts)]
        done = 0
        try:
            for _ in analyzer.analyze_many(documents, batch_size=batch_size):
                done += 1
        except Exception as exc:  # a bug in the pipeline: say which document it was
            raise DocumentFailed(first + done, repr(exc)) from exc

    times: dict[str, tuple[float, float]] = {}
    learned_before = getattr(analyzer, "learned_seconds", 0.0)
    for name in ("bare", "ours") if index % 2 == 0 else ("ours", "bare"):
        times[name] = _timed(bare if name == "bare" else ours)
    learned = getattr(analyzer, "learned_seconds", 0.0) - learned_before
    times["learned"] = (learned, learned)
    return times


def _run_chunk(
    batch_size: int, keep_going: bool, chunk: tuple[int, Sequence[str]]
) -> dict[str, Any]:
    """Time one chunk both ways. With `keep_going`, documents our pipeline fails on are
    found one by one (untimed), left out of both sides, and the chunk is timed again."""
    from flashpoint.model import Document

    index, texts = chunk
    first = index * batch_size
    failed: list[tuple[int, str]] = []
    try:
        times = _time_chunk(index, first, texts, batch_size)
    except DocumentFailed:
        if not keep_going:
            raise
        kept = []
        for i, text in enumerate(texts):
            try:
                _WORKER["analyzer"].analyze(Document(id=f"bench-{first + i}", text=text))
                kept.append(text)
            except Exception as exc:  # recorded and reported: this is what --keep-going is for
                failed.append((first + i, repr(exc)))
        texts = kept
        times = (
            _time_chunk(index, first, texts, batch_size)
            if texts
            else {"bare": (0.0, 0.0), "ours": (0.0, 0.0), "learned": (0.0, 0.0)}
        )
    return {
        "pid": os.getpid(),
        "documents": len(texts),
        "attempted": len(texts) + len(failed),
        "words": sum(len(t.split()) for t in texts),
        "failed": failed,
        "times": times,
        "rss": peak_rss_mb(),
    }


@dataclass
class PhaseResult:
    """One side of the comparison. `seconds` is the wall time the phase would take alone:
    the sum of its per-chunk wall times divided by the number of workers."""

    seconds: float
    cpu_seconds: float
    docs_per_s: float
    words_per_s: float


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
    overhead_cpu: float
    learned_share: float  # of our pipeline's wall time, spent in the learned stages
    wall_seconds: float
    load_seconds: list[float]
    loaded_rss_mb: dict[str, float]
    peak_rss_mb: dict[str, float]
    machine: dict[str, Any]
    failures: list[dict[str, Any]] = field(default_factory=list)

    @property
    def max_rss_mb(self) -> float:
        return max([*self.peak_rss_mb.values(), 0.0])

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["max_rss_mb"] = round(self.max_rss_mb, 1)
        return out


def _chunks(texts: Sequence[str], size: int) -> list[tuple[int, Sequence[str]]]:
    return [(n, texts[i : i + size]) for n, i in enumerate(range(0, len(texts), size))]


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
    lexicon_paths: Sequence[str] = (),
    keep_going: bool = False,
    progress: Callable[[int], None] | None = None,
) -> BenchResult:
    """Time the bare parse and our pipeline over `texts` with `workers` processes each.

    Every chunk of `batch_size` texts is parsed bare and run through our pipeline in the same
    worker, one after the other (alternating which goes first), so that a load change on a
    shared machine hits both sides alike. CPU seconds are reported beside wall seconds.

    keep_going: leave out (and list in `failures`) documents our pipeline raises on, instead
    of stopping with `DocumentFailed`.
    progress: called with the number of documents just finished, after every chunk.
    """
    if not texts:
        raise ValueError("the benchmark needs at least one text")
    workers = max(1, workers)
    chunks = _chunks(list(texts), batch_size)
    context = multiprocessing.get_context("spawn")
    options: dict[str, Any] = {"model": model, "registry_paths": tuple(registry_paths)}
    if lexicon_paths:
        options["lexicon_paths"] = tuple(lexicon_paths)
    with context.Pool(workers, _init_worker, (options,)) as pool:
        loads: dict[str, tuple[float, float]] = {}
        for _ in range(100):
            for pid, seconds, rss, error in pool.map(_ready, range(workers * 2), chunksize=1):
                if error is not None:
                    code, message = error
                    raise FlashpointError(code, message) if code else RuntimeError(message)
                loads[str(pid)] = (seconds, rss)
            if len(loads) >= workers:
                break
        sums = {"bare": [0.0, 0.0], "ours": [0.0, 0.0], "learned": [0.0, 0.0]}
        peaks: dict[str, float] = {}
        documents = words = 0
        failures: list[dict[str, Any]] = []
        started = time.perf_counter()
        for out in pool.imap_unordered(partial(_run_chunk, batch_size, keep_going), chunks):
            documents += out["documents"]
            words += out["words"]
            failures += [{"position": p, "error": e} for p, e in out["failed"]]
            for name, (wall, cpu) in out["times"].items():
                sums[name][0] += wall
                sums[name][1] += cpu
            peaks[str(out["pid"])] = max(out["rss"], peaks.get(str(out["pid"]), 0.0))
            if progress:
                progress(out["attempted"])
        wall_seconds = time.perf_counter() - started

    if not documents:
        raise RuntimeError("flashpoint failed on every document; nothing was measured")

    def phase(name: str) -> PhaseResult:
        seconds = sums[name][0] / workers
        return PhaseResult(
            seconds=round(seconds, 3),
            cpu_seconds=round(sums[name][1], 3),
            docs_per_s=round(documents / seconds, 2),
            words_per_s=round(words / seconds, 1),
        )

    return BenchResult(
        documents=documents,
        words=words,
        workers=workers,
        batch_size=batch_size,
        model=model,
        bare=phase("bare"),
        ours=phase("ours"),
        overhead=round(sums["ours"][0] / sums["bare"][0], 3),
        overhead_cpu=round(sums["ours"][1] / max(sums["bare"][1], 1e-9), 3),
        learned_share=round(sums["learned"][0] / max(sums["ours"][0], 1e-9), 3),
        wall_seconds=round(wall_seconds, 3),
        load_seconds=[round(v[0], 2) for v in loads.values()],
        loaded_rss_mb={k: round(v[1], 1) for k, v in sorted(loads.items())},
        peak_rss_mb={k: round(v, 1) for k, v in sorted(peaks.items())},
        machine=machine_info(),
        failures=sorted(failures, key=lambda f: f["position"]),
    )
