"""The answer cache: the same question gets the same bytes while the store is unchanged, and
a document stored by another writer shows once the version is read again."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
import time
from pathlib import Path

from fastapi.testclient import TestClient

from flashpoint.api import Settings, create_app
from flashpoint.store.database import Database

_spec = importlib.util.spec_from_file_location(
    "flashpoint_store_factories", Path(__file__).resolve().parents[1] / "store" / "factories.py"
)
factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories)


def test_api_cache_follows_the_store(tmp_path, store):
    copy = tmp_path / "store.db"
    shutil.copyfile(store[0].removeprefix("sqlite:///"), copy)
    url = f"sqlite:///{copy}"
    with TestClient(create_app(Settings(db_url=url))) as client:
        first = client.get("/api/documents", params={"limit": 100})
        again = client.get("/api/documents", params={"limit": 100})
        assert first.content == again.content
        assert again.headers["content-security-policy"].startswith("default-src 'none'")
        # the same question with its parameters in another order is the same question
        swapped = client.get("/api/documents?offset=0&limit=100")
        assert client.get("/api/documents?limit=100&offset=0").content == swapped.content
        before = {d["id"] for d in first.json()["items"]}
        news = factories.report(
            text="SDF fighters attacked Syrian troops near Raqqa again. The SDF and SAA fight.",
            outlet="Outlet E",
            published=dt.date(2017, 9, 25),
            when=dt.date(2017, 9, 24),
            where="raqqa",
        )
        with Database.open(url) as db:  # another writer, as `flashpoint ingest` would be
            assert db.store(news, source="test")
        time.sleep(1.2)  # the version is read again after a second
        listed = client.get("/api/documents", params={"limit": 100}).json()["items"]
        after = {d["id"] for d in listed}
        assert after - before == {news.document.id}
        missing = client.get("/api/documents/doc_nothing")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "E405"
