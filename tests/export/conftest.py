"""Fixtures for export tests: a SQLite store filled with the invented corpus of tests/store."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "flashpoint_store_factories",
    Path(__file__).resolve().parents[1] / "store" / "factories.py",
)
factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories)


@pytest.fixture
def filled_db(tmp_path):
    from flashpoint.store.database import Database

    database = Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    for analysis in factories.corpus():
        database.store(analysis, source="test")
    yield database
    database.close()
