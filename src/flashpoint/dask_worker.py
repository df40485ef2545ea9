"""What a Dask worker runs for `flashpoint ingest --dask`: batches of documents into `Outcome`s
through one Analyzer per worker process, built on its first batch and kept for later runs.

Kept out of `flashpoint.store` (as `flashpoint.analysis_worker` is) so that a worker imports the
pipeline and nothing of the store; `flashpoint.store.dask_runner` submits the batches.
"""

from __future__ import annotations

import hashlib
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.analysis_worker import Outcome, analyse_batch
from flashpoint.errors import FlashpointError
from flashpoint.model import Document


@dataclass(frozen=True)
class BatchSetup:
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


def _analyzer(setup: BatchSetup) -> Any:
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


def run_batch(setup: BatchSetup, documents: list[Document]) -> list[Outcome]:
    """The task a worker runs: one batch through its Analyzer."""
    analyzer = _analyzer(setup)
    if isinstance(analyzer, FlashpointError):
        return [Outcome("", code=analyzer.code, reason=analyzer.message, fatal=True)]
    return analyse_batch(analyzer, documents, setup.timeout)
