"""A time budget per document, so no input can hold a run: one slow document costs one error.

The budget grows with the text: `seconds` for each started 100,000 characters (the size of
one parsed part, see `flashpoint.nlp.parts`), so a long article gets the time a long article
needs while a short hostile one is stopped early.

    >>> with document_budget(document, 60):
    ...     analysis = analyzer.analyze(document)
"""

from __future__ import annotations

import math
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flashpoint.errors import ANALYSIS_FAILED, FlashpointError
from flashpoint.nlp.parts import PART_CHARS

DEFAULT_SECONDS = 60.0


class AnalysisTimeout(Exception):
    """A document took longer than the time limit to analyse."""


def budget_seconds(n_chars: int, seconds: float) -> float:
    """The budget of a text of `n_chars` characters at `seconds` per started part."""
    return seconds * max(1, math.ceil(n_chars / PART_CHARS))


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise AnalysisTimeout in this thread after `seconds` (Unix main thread; else no limit).

    A document that sends an extractor into a loop must cost one rejection, not the run."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "SIGALRM")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise AnalysisTimeout()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def document_budget(
    text: str, seconds: float | None, origin: str = "the document"
) -> Iterator[None]:
    """Run the body within the budget of `text`; past it, a FlashpointError(ANALYSIS_FAILED)."""
    if seconds is None or seconds <= 0:
        yield
        return
    limit = budget_seconds(len(text), seconds)
    try:
        with time_limit(limit):
            yield
    except AnalysisTimeout as exc:
        raise FlashpointError(
            ANALYSIS_FAILED,
            f"{origin}: analysis took longer than {limit:g} s ({seconds:g} s per "
            f"{PART_CHARS:,} characters); stopped (raise --timeout, or 0 for no limit)",
        ) from exc
