"""Fixtures for store tests: a fresh database on each backend, and the invented corpus."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "flashpoint_store_factories", Path(__file__).with_name("factories.py")
)
factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories)


@pytest.fixture
def make() -> object:
    """The factories module: report(), corpus(), actor(), place()."""
    return factories


@pytest.fixture(params=["sqlite", "postgres"])
def db(request, tmp_path):
    """An empty, migrated store on SQLite (always) and PostgreSQL (FLASHPOINT_TEST_PG_URL)."""
    from flashpoint.store.database import Database

    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = factories.postgres_url()
        factories.reset_postgres(url)
    database = Database.open(url)
    yield database
    database.close()


@pytest.fixture(params=["sqlite", "postgres"])
def old_store_url(request, tmp_path):
    """The URL of an empty store for a migration test to fill and take back
    (`factories.old_store`), on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'old.db'}"
    url = factories.postgres_url()
    factories.reset_postgres(url)
    return url
