"""Analyse an ingest's documents on Dask: a LocalCluster here, or an existing scheduler whose
workers run on other machines (`flashpoint ingest ... --dask local|tcp://scheduler:8786`).

Each worker process builds one Analyzer on its first batch and keeps it, keyed by the model and
the registries' contents (which travel with every batch, so a worker on another machine needs no
copy of the user's files), then runs `analyse_batch` as a process-pool worker would; that side
lives in `flashpoint.dask_worker`, so a worker imports nothing of the store. What crosses
the wire is typed records: Documents out, Outcomes with their Analysis back, never a spaCy Doc.

The calling process stays the only writer, in corpus order, so a killed run keeps whole
documents and resumes as without Dask: a writer per worker would need the merge itself to be
distributed, and writing is not what limits a run (analysis is, by far: see docs/scale.md).

    >>> options = IngestOptions(workers=2, dask="local")
    >>> outcomes = list(analyse_on_dask(documents, options))  # in the documents' order
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from contextlib import ExitStack
from itertools import islice
from pathlib import Path
from typing import Any

from flashpoint.analysis_worker import Outcome
from flashpoint.dask_worker import BatchSetup, run_batch
from flashpoint.errors import (
    DASK_ADDRESS_INVALID,
    DASK_UNREACHABLE,
    DB_WORKER_FAILED,
    REGISTRY_NOT_FOUND,
    FlashpointError,
)
from flashpoint.model import Document
from flashpoint.resolve.registry import ENV_VAR as REGISTRY_ENV
from flashpoint.store.options import IngestOptions

LOCAL = "local"
SCHEMES = ("tcp", "tls")
CONNECT_SECONDS = 10  # an address that does not answer fails within this
WORKERS_SECONDS = 60  # a scheduler with no worker at all fails within this
IN_FLIGHT_PER_THREAD = 3


def _registry_files(options: IngestOptions) -> list[Path]:
    """The registry files this run adds, as `ActorRegistry.load` finds them: FLASHPOINT_REGISTRY
    then --registry, a folder as its YAML files (a worker elsewhere sees neither)."""
    given = [p for p in os.environ.get(REGISTRY_ENV, "").split(os.pathsep) if p.strip()]
    files = []
    for path in map(Path, [*given, *options.registry_paths]):
        if path.is_dir():
            files += sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        else:
            files.append(path)
    return files


def _setup(options: IngestOptions) -> BatchSetup:
    registries = []
    for path in _registry_files(options):
        try:
            registries.append((str(path), path.read_bytes()))
        except OSError as exc:
            raise FlashpointError(
                REGISTRY_NOT_FOUND, f"{path}: cannot read registry file: {exc.strerror}"
            ) from exc
    return BatchSetup(options.model, tuple(registries), options.timeout)


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
                in_flight.append(client.submit(run_batch, setup, batch, pure=False))
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
                    in_flight.append(client.submit(run_batch, setup, next_batch, pure=False))
                yield from outcomes
        finally:
            for future in in_flight:
                future.cancel()
