"""Analyse an ingest's documents on Dask: a LocalCluster here, or an existing scheduler whose
workers run on other machines (`flashpoint ingest ... --dask local|tcp://scheduler:8786`).

Each worker process builds one Analyzer on its first batch and keeps it, keyed by the model and
the registries' contents (which travel with every batch, so a worker on another machine needs no
copy of the user's files), then runs `analyse_batch` as a process-pool worker would. What crosses
the wire is typed records: Documents out, Outcomes with their Analysis back, never a spaCy Doc.

The calling process stays the only writer, in corpus order, so a killed run keeps whole
documents and resumes as without Dask: a writer per worker would need the merge itself to be
distributed, and writing is not what limits a run (analysis is, by far: see docs/scale.md).

    >>> options = IngestOptions(workers=2, dask="local")
    >>> outcomes = list(analyse_on_dask(documents, options))  # in the documents' order
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from flashpoint.errors import (
    DASK_ADDRESS_INVALID,
    DASK_UNREACHABLE,
    DB_WORKER_FAILED,
    REGISTRY_NOT_FOUND,
    FlashpointError,
)
from flashpoint.model import Document
from flashpoint.store.ingest import IngestOptions, Outcome, analyse_batch

LOCAL = "local"
SCHEMES = ("tcp", "tls")
CONNECT_SECONDS = 10  # an address that does not answer fails within this
WORKERS_SECONDS = 60  # a scheduler with no worker at all fails within this
IN_FLIGHT_PER_THREAD = 3


@dataclass(frozen=True)
class _Setup:
    """What a worker needs to build its Analyzer and run a batch."""

    model: str | None
    registries: tuple[tuple[str, bytes], ...]  # (path as given, contents) of each --registry
    timeout: float | None

    @property
    def key(self) -> str:
        digest = hashlib.sha256(repr(self.model).encode())
        for name, content in self.registries:
            digest.update(name.encode() + b"\0" + content)
        return digest.hexdigest()[:16]


# One Analyzer (or the error that stopped it from loading) per setup, per worker process.
_analyzers: dict[str, Any] = {}
_analyzers_lock = threading.Lock()


def _analyzer(setup: _Setup) -> Any:
    from flashpoint.pipeline import Analyzer

    with _analyzers_lock:  # a worker with several threads builds it once
        if setup.key not in _analyzers:
            folder = Path(tempfile.mkdtemp(prefix=f"flashpoint-registry-{setup.key}-"))
            copies = {}
            for i, (given, content) in enumerate(setup.registries):
                path = folder / f"{i}-{Path(given).name}"
                path.write_bytes(content)
                copies[str(path)] = given
            try:
                _analyzers[setup.key] = Analyzer.from_defaults(
                    model=setup.model, registry_paths=list(copies)
                )
            except FlashpointError as exc:  # reported to the client by this batch
                message = exc.message
                for copy, given in copies.items():  # name the user's file, not our copy
                    message = message.replace(copy, given)
                _analyzers[setup.key] = FlashpointError(exc.code, message)
        return _analyzers[setup.key]


def _run_batch(setup: _Setup, documents: list[Document]) -> list[Outcome]:
    """The task a worker runs: one batch through its Analyzer."""
    analyzer = _analyzer(setup)
    if isinstance(analyzer, FlashpointError):
        return [Outcome("", code=analyzer.code, reason=analyzer.message, fatal=True)]
    return analyse_batch(analyzer, documents, setup.timeout)


def _setup(options: IngestOptions) -> _Setup:
    registries = []
    for path in map(Path, options.registry_paths):
        try:
            registries.append((str(path), path.read_bytes()))
        except OSError as exc:
            raise FlashpointError(
                REGISTRY_NOT_FOUND, f"cannot read registry {path}: {exc.strerror}"
            ) from exc
    return _Setup(options.model, tuple(registries), options.timeout)


def _check_address(address: str) -> None:
    scheme, _, rest = address.partition("://")
    if address != LOCAL and (scheme not in SCHEMES or not rest):
        raise FlashpointError(
            DASK_ADDRESS_INVALID,
            f"--dask wants local or a scheduler address such as tcp://scheduler:8786, "
            f"not {address!r}",
        )


def _client(address: str, workers: int, stack: ExitStack) -> Any:
    """A Client of a new LocalCluster (closed with `stack`) or of the scheduler at `address`."""
    from distributed import Client, LocalCluster

    if address == LOCAL:
        cluster = stack.enter_context(
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                # the scheduler's HTTP routes (health, metrics) stay up without a dashboard:
                # a free loopback port, not 8787, so two local runs never contend for one
                scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
                silence_logs=logging.CRITICAL,  # a dead worker is our one-line error
            )
        )
        return stack.enter_context(Client(cluster, set_as_default=False))
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise FlashpointError(
            DASK_UNREACHABLE,
            f"no Dask scheduler answers at {address} within {CONNECT_SECONDS} s; start one "
            "with `dask scheduler` (no document was analysed; the store is kept)",
        ) from exc
    stack.enter_context(client)
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except TimeoutError as exc:
        raise FlashpointError(
            DASK_UNREACHABLE,
            f"the Dask scheduler at {address} has no worker after {WORKERS_SECONDS} s; start "
            f"some with `dask worker {address}` (no document was analysed; the store is kept)",
        ) from exc
    return client


def _worker_failed(exc: BaseException) -> FlashpointError:
    from distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        what = "a Dask worker died running a batch, and so did its retries"
    elif isinstance(exc, CancelledError | OSError):
        what = "the Dask scheduler went away"
    else:
        what = f"a Dask worker failed: {type(exc).__name__}: {exc}"[:300]
    return FlashpointError(
        DB_WORKER_FAILED, f"{what}; what was stored is kept: run the same command to resume"
    )


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def analyse_on_dask(documents: Iterable[Document], options: IngestOptions) -> Iterator[Outcome]:
    """Outcomes in corpus order (as `ingest` writes them), with at most three batches per
    worker thread in flight; `options.dask` is `local` (a LocalCluster of `options.workers`
    processes on loopback, closed at the end) or the address of a running scheduler."""
    address = options.dask or LOCAL
    _check_address(address)
    setup = _setup(options)
    with ExitStack() as stack:
        client = _client(address, max(1, options.workers), stack)
        threads = max(1, sum(client.nthreads().values()))
        batches = _batches(documents, options.batch_size)
        in_flight: deque[Any] = deque()
        try:
            for batch in islice(batches, IN_FLIGHT_PER_THREAD * threads):
                in_flight.append(client.submit(_run_batch, setup, batch, pure=False))
            while in_flight:
                try:
                    outcomes = in_flight.popleft().result()
                except FlashpointError:
                    raise
                except Exception as exc:  # noqa: BLE001 - any task failure ends in one line
                    raise _worker_failed(exc) from exc
                if outcomes and outcomes[0].fatal:
                    raise FlashpointError(outcomes[0].code or "", outcomes[0].reason or "")
                next_batch = next(batches, None)
                if next_batch:
                    in_flight.append(client.submit(_run_batch, setup, next_batch, pure=False))
                yield from outcomes
        finally:
            for future in in_flight:
                future.cancel()
