"""Shared fixtures: the `../shared` data beside the repo, and one warm Analyzer per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FLASHPOINT_SHARED", REPO.parent / "shared"))


def need_shared(relative: str) -> Path:
    """Path of a file under ../shared; a skip outside CI, a failure in CI (CI=true)."""
    path = SHARED / relative
    if not path.exists():
        message = f"shared data missing: {path}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return need_shared(".")


@pytest.fixture(scope="session")
def analyzer():
    from flashpoint.pipeline import Analyzer

    return Analyzer.from_defaults()
