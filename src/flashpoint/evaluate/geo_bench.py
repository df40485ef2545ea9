"""Latency of `flashpoint geoparse`: one warm process, one document at a time.

A user who geoparses an article waits for the parse (the cut-down toponym pipeline) and the
resolution; both are timed per document after a warm-up pass over the same texts, so the
figures are what a long-running process (the API, a worker) sees, not first-use costs.
Loading the model and opening the gazetteer are reported separately.

    >>> result = run_geo_bench(["Clashes broke out near Raqqa."], repeats=1)
    >>> result.per_1000_words_ms["median"]
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from flashpoint.evaluate.bench import machine_info, peak_rss_mb


@dataclass
class GeoBenchResult:
    documents: int
    words: int
    repeats: int
    model: str
    load_model_seconds: float
    open_gazetteer_seconds: float
    document_ms: dict[str, float]  # median / p90 / max of the whole geoparse per document
    parse_ms: dict[str, float]  # the spaCy part of it
    resolve_ms: dict[str, float]  # recognition + resolution after parsing
    per_1000_words_ms: dict[str, float]  # whole geoparse scaled to 1,000 words
    toponyms: int
    peak_rss_mb: float
    machine: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _summary(values: Sequence[float]) -> dict[str, float]:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(round(0.9 * (len(ordered) - 1))))]
    return {
        "median": round(statistics.median(ordered), 2),
        "p90": round(p90, 2),
        "max": round(ordered[-1], 2),
    }


def run_geo_bench(
    texts: Sequence[str],
    *,
    model: str | None = None,
    gazetteer_path: str | None = None,
    repeats: int = 3,
    progress: Callable[[int], None] | None = None,
) -> GeoBenchResult:
    """Time geoparsing each text; each document's figure is its fastest of `repeats` runs
    (the least disturbed by other work on the machine)."""
    from flashpoint.geo import Gazetteer, Geoparser
    from flashpoint.nlp.pipeline import load_toponym_pipeline

    started = time.perf_counter()
    nlp = load_toponym_pipeline(model)
    loaded = time.perf_counter()
    gazetteer = Gazetteer.load(gazetteer_path)
    opened = time.perf_counter()
    geoparser = Geoparser(nlp, gazetteer)
    for text in texts:  # warm-up: memoised lookups and page cache, as in a running service
        geoparser.resolve_doc(nlp(text))

    whole, parse, resolve, scaled = [], [], [], []
    words = toponyms = 0
    for text in texts:
        best = (float("inf"), 0.0, 0.0)
        for _ in range(max(1, repeats)):
            t0 = time.perf_counter()
            doc = nlp(text)
            t1 = time.perf_counter()
            found = geoparser.resolve_doc(doc)
            t2 = time.perf_counter()
            if t2 - t0 < best[0]:
                best = (t2 - t0, t1 - t0, t2 - t1)
        count = len(text.split())
        words += count
        toponyms += len(found)
        whole.append(best[0] * 1000)
        parse.append(best[1] * 1000)
        resolve.append(best[2] * 1000)
        scaled.append(best[0] * 1000 * 1000 / max(count, 1))
        if progress is not None:
            progress(1)
    return GeoBenchResult(
        documents=len(texts),
        words=words,
        repeats=repeats,
        model=f"{nlp.meta.get('lang')}_{nlp.meta.get('name')} {nlp.meta.get('version')}",
        load_model_seconds=round(loaded - started, 3),
        open_gazetteer_seconds=round(opened - loaded, 3),
        document_ms=_summary(whole),
        parse_ms=_summary(parse),
        resolve_ms=_summary(resolve),
        per_1000_words_ms=_summary(scaled),
        toponyms=toponyms,
        peak_rss_mb=round(peak_rss_mb(), 1),
        machine=machine_info(),
    )
