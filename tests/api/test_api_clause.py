"""`/api/events` carries each report's `clause` and filters with `main_clause`, meaning what
`flashpoint export --main-clause` means (one `EventFilter`)."""

from __future__ import annotations

import pytest
from serving import factories

from flashpoint.present.listing import events_json
from flashpoint.store.queries import EventFilter

# Deir ez-Zor is a main clause in one of its three reports, Raqqa only in a reported clause;
# a report that is not a main clause shares its sentence with a main-clause accusation
# (factories.set_clause), so the tests read the clashes
CLAUSES = ("reported", "argument", "main", "reported")
CLASHES = {"type": "ASSAULT"}


@pytest.fixture
def clause_store(tmp_path):
    from fastapi.testclient import TestClient

    from flashpoint.api import Settings, create_app
    from flashpoint.store.database import Database

    url = f"sqlite:///{tmp_path / 'store.db'}"
    db = Database.open(url)
    for analysis, clause in zip(factories.corpus(), CLAUSES, strict=True):
        factories.set_clause(analysis, clause)
        db.store(analysis, source="test")
    with TestClient(create_app(Settings(db_url=url)), raise_server_exceptions=False) as client:
        yield client, db
    db.close()


def test_api_clause_reports_and_main_clause_filter(clause_store):
    client, db = clause_store
    every = client.get("/api/events", params=CLASHES).json()["items"]
    clauses = {e["place"]: sorted(r["clause"] for r in e["reports"]) for e in every}
    assert clauses == {"Deir ez-Zor": ["argument", "main", "reported"], "Raqqa": ["reported"]}
    main = client.get("/api/events", params={"main_clause": "true", **CLASHES}).json()
    assert [e["place"] for e in main["items"]] == ["Deir ez-Zor"] and main["total"] == 1
    assert main["items"] == events_json(db, EventFilter(main_clause=True, type="ASSAULT", limit=50))
    off = client.get("/api/events", params={"main_clause": "false", **CLASHES}).json()["items"]
    assert len(off) == 2


def test_api_clause_main_clause_wrong_value_is_refused(clause_store):
    client, _ = clause_store
    bad = client.get("/api/events", params={"main_clause": "perhaps"})
    assert bad.status_code == 422
    assert bad.json()["error"]["code"] == "E804" and "main_clause" in bad.text
    assert "Traceback" not in bad.text


def test_api_clause_on_the_document_views_event_claims(clause_store):
    client, _ = clause_store
    documents = client.get("/api/documents", params={"limit": 10}).json()["items"]
    seen = []
    for listed in documents:
        one = client.get(f"/api/documents/{listed['id']}").json()
        seen += [(c["kind"], c["clause"]) for c in one["claims"]]
    accusations = ["main" for c in CLAUSES if c != "main"]  # set_clause's partners
    assert sorted(c for k, c in seen if k == "event") == sorted([*CLAUSES, *accusations])
    assert {c for k, c in seen if k == "relation"} == {None}
