"""What an ingest's worker process runs: analyse batches of documents into `Outcome`s.

Kept out of `flashpoint.store` so that a worker imports the pipeline and nothing of the store
(SQLAlchemy alone is about 26 MB of resident memory in each worker). `flashpoint.store.ingest`
starts the workers and writes what they return; it re-exports `Outcome` and `analyse_batch`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flashpoint.budget import AnalysisTimeout, budget_seconds, time_limit
from flashpoint.errors import ANALYSIS_FAILED, FlashpointError
from flashpoint.model import Analysis, Document

TIMEOUT_SECONDS = 60.0


@dataclass(frozen=True)
class Outcome:
    """An analysis, or why a document could not be analysed."""

    document_id: str
    analysis: Analysis | None = None
    code: str | None = None
    reason: str | None = None
    fatal: bool = False


def analyse_batch(
    analyzer: Any, documents: Sequence[Document], timeout: float | None = TIMEOUT_SECONDS
) -> list[Outcome]:
    """Analyse a batch with `nlp.pipe`; if it fails or takes longer than its budget (`timeout`
    seconds per 100,000 characters, see `flashpoint.budget`), retry one by one, each with its
    own budget, to isolate the bad document (None: no limit)."""
    chars = sum(len(d.text) for d in documents)
    try:
        with time_limit(budget_seconds(chars, timeout) if timeout else None):
            analyses = list(analyzer.analyze_many(list(documents)))
            return [Outcome(d.id, a) for d, a in zip(documents, analyses, strict=True)]
    except Exception:  # noqa: BLE001 - an error handler, like spaCy's: isolate and go on
        pass
    outcomes = []
    for document in documents:
        limit = budget_seconds(len(document.text), timeout) if timeout else None
        try:
            with time_limit(limit):
                outcomes.append(Outcome(document.id, analyzer.analyze(document)))
        except AnalysisTimeout:
            reason = f"analysis took longer than {limit:g} s; stopped"
            outcomes.append(Outcome(document.id, code=ANALYSIS_FAILED, reason=reason))
        except FlashpointError as exc:
            outcomes.append(Outcome(document.id, code=exc.code, reason=exc.message))
        except Exception as exc:  # noqa: BLE001 - a bad document must not stop the corpus
            reason = f"analysis failed: {type(exc).__name__}: {exc}"[:500]
            outcomes.append(Outcome(document.id, code=ANALYSIS_FAILED, reason=reason))
    return outcomes


# The Analyzer of a worker process (or the error that stopped it from loading) and the time
# limit per document, set once by `_init_worker`; never used in the main process.
_worker_analyzer: list[Any] = []


def init_worker(model: str | None, registry_paths: tuple[str, ...], timeout: float | None) -> None:
    from flashpoint.pipeline import Analyzer

    try:
        _worker_analyzer.append(Analyzer.from_defaults(model=model, registry_paths=registry_paths))
    except FlashpointError as exc:  # reported to the main process by the first task
        _worker_analyzer.append(exc)
    _worker_analyzer.append(timeout)


def worker_task(documents: list[Document]) -> list[Outcome]:
    analyzer = _worker_analyzer[0]
    if isinstance(analyzer, FlashpointError):
        return [Outcome("", code=analyzer.code, reason=analyzer.message, fatal=True)]
    return analyse_batch(analyzer, documents, _worker_analyzer[1])
