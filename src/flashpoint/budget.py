"""A time budget per document, so no input can hold a run: one slow document costs one error.

The budget grows with the text: `seconds` for each started 100,000 characters (the size of
one parsed part, see `flashpoint.nlp.parts`), so a long article gets the time a long article
needs while a short hostile one is stopped early.

    >>> with document_budget(document, 60):
    ...     analysis = analyzer.analyze(document)
"""

from __future__ import annotations

import ctypes
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
    """Raise AnalysisTimeout in this thread after `seconds` (None or 0: no limit).

    A document that sends an extractor into a loop must cost one rejection, not the run. The
    main thread is stopped by SIGALRM; any other (a Dask worker's task thread, the API's) by
    the exception set on it from a timer thread. Both land between two Python bytecodes, so
    neither interrupts one long call into C: a loop of them is stopped after the call."""
    if seconds is None or seconds <= 0:
        yield
        return
    if not hasattr(signal, "SIGALRM") or threading.current_thread() is not threading.main_thread():
        with _thread_time_limit(seconds):
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


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    # CPython's documented C API for raising an exception in another thread (None clears it)
    value = ctypes.py_object(exc) if exc is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), value)


@contextmanager
def _thread_time_limit(seconds: float) -> Iterator[None]:
    target, lock, state = threading.get_ident(), threading.Lock(), {"done": False, "set": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                _set_async_exc(target, AnalysisTimeout)
                state["set"] = True

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
            timer.cancel()
            if state["set"]:  # set but maybe not raised yet: it must not escape later
                _set_async_exc(target, None)


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
