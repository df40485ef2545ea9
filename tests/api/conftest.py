"""Fixtures for API tests: a small store of invented reports, and clients over it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

_serving_spec = importlib.util.spec_from_file_location(
    "flashpoint_test_serving", Path(__file__).resolve().parents[1] / "serving.py"
)
serving_helpers = importlib.util.module_from_spec(_serving_spec)
_serving_spec.loader.exec_module(serving_helpers)
factories = serving_helpers.factories

TOKEN = "test-token-0123456789abcdef"
HOSTILE = serving_helpers.HOSTILE_TEXT
REGISTRY = serving_helpers.REGISTRY


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> tuple[str, str]:
    """(database URL, registry path) of a store holding the invented corpus."""
    from flashpoint.store.database import Database

    folder = tmp_path_factory.mktemp("api")
    url = f"sqlite:///{folder / 'store.db'}"
    with Database.open(url) as db:
        for analysis in factories.corpus():
            db.store(analysis, source="test")
    registry = folder / "theatre.yaml"
    registry.write_text(REGISTRY, encoding="utf-8")
    return url, str(registry)


@pytest.fixture(scope="session")
def client(store):
    """A read-only app over the store."""
    from fastapi.testclient import TestClient

    from flashpoint.api import Settings, create_app

    url, registry = store
    app = create_app(Settings(db_url=url, registry_paths=(registry,)))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def writer(tmp_path):
    """An app that accepts writes with TOKEN, over a fresh copy of the store."""
    from fastapi.testclient import TestClient

    from flashpoint.api import Settings, create_app
    from flashpoint.store.database import Database

    url = f"sqlite:///{tmp_path / 'store.db'}"
    with Database.open(url) as db:
        for analysis in factories.corpus():
            db.store(analysis, source="test")
    settings = Settings(db_url=url, allow_writes=True, token=TOKEN, max_body_bytes=20_000)
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def auth() -> dict[str, str]:
    """The header that carries the writer's token."""
    return {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def hostile() -> str:
    return HOSTILE


@pytest.fixture
def token() -> str:
    return TOKEN
