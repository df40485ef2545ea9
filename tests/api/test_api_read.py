"""The read endpoints over a small invented store: shapes, filters, pages and errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner


def _cli_json(*args: str) -> object:
    from flashpoint.cli import _register, app

    _register()
    done = CliRunner().invoke(app, list(args))
    assert done.exit_code == 0, done.output
    return json.loads(done.stdout)


def test_api_events_same_as_cli_json(client, store):
    url, _ = store
    body = client.get("/api/events", params={"limit": 500}).json()
    assert body["items"] == _cli_json("events", "--db", url, "--json")
    assert body["total"] == len(body["items"]) and body["next"] is None
    assert all(item["reports"] for item in body["items"])  # each event with its sources


def test_api_relations_and_actor_same_as_cli_json(client, store):
    url, _ = store
    relations = client.get("/api/relations", params={"actor": "SDF", "limit": 20}).json()
    assert relations["items"] == _cli_json("relations", "--db", url, "--actor", "SDF", "--json")
    assert relations["items"] and all(
        "sdf" in (r["source_id"], r["target_id"]) for r in relations["items"]
    )
    profile = client.get("/api/actors/Syrian Democratic Forces").json()
    assert profile == _cli_json("actor", "Syrian Democratic Forces", "--db", url, "--json")
    assert profile["actor"]["id"] == "sdf" and "SDF" in profile["aliases"]


def test_api_analysis_same_as_cli_json(client, store):
    url, registry = store
    flash = client.get("/api/flashpoints").json()
    assert flash["items"] == _cli_json("flashpoints", "--db", url, "--registry", registry, "--json")
    assert flash["items"][0]["place"]["name"] == "Deir ez-Zor"
    camps = client.get("/api/coalitions").json()
    assert camps["items"] == _cli_json("coalitions", "--db", url, "--registry", registry, "--json")
    path = client.get("/api/path", params={"a": "usa", "b": "rus"}).json()
    cli_path = _cli_json("path", "usa", "rus", "--db", url, "--registry", registry, "--json")
    assert path["items"] == cli_path
    assert path["items"][0]["steps"][0]["actor"]["id"] == "usa"
    brief = client.get("/api/brief").json()
    cli_brief = _cli_json("brief", "--db", url, "--registry", registry, "--format", "json")
    assert brief == cli_brief and brief["sections"]


def test_api_events_filters(client):
    every = client.get("/api/events").json()["items"]
    assert {e["place"] for e in every} == {"Deir ez-Zor", "Raqqa"}
    raqqa = client.get("/api/events", params={"place": "Raqqa"}).json()["items"]
    assert [e["place"] for e in raqqa] == ["Raqqa"]
    wide = client.get("/api/events", params={"min_outlets": 3}).json()["items"]
    assert wide and all(e["n_outlets"] >= 3 for e in wide)
    assert client.get("/api/events", params={"type": "PROTEST"}).json()["items"] == []
    late = client.get("/api/events", params={"since": "2017-09-01"}).json()["items"]
    assert late and all((e["date_end"] or e["date_start"]) >= "2017-09-01" for e in late)


def test_api_pages_walk_the_whole_list(client):
    whole = client.get("/api/documents", params={"limit": 500}).json()
    assert whole["total"] == len(whole["items"]) >= 4
    seen, offset = [], 0
    while offset is not None:
        body = client.get("/api/documents", params={"limit": 2, "offset": offset}).json()
        assert len(body["items"]) <= 2
        seen += body["items"]
        offset = body["next"]
    assert seen == whole["items"]
    past = client.get("/api/documents", params={"offset": 1000}).json()
    assert past["items"] == [] and past["next"] is None


def test_api_documents_filters(client):
    b = client.get("/api/documents", params={"outlet": "outlet b"}).json()["items"]
    assert b and {d["outlet"] for d in b} == {"Outlet B"}
    raqqa = client.get("/api/documents", params={"place": "Raqqa"}).json()["items"]
    assert len(raqqa) == 1


def test_api_document_offsets_point_into_its_text(client):
    first = client.get("/api/documents", params={"limit": 1}).json()["items"][0]
    one = client.get(f"/api/documents/{first['id']}").json()
    text = one["text"]
    assert one["document"] == first
    assert one["mentions"] and one["claims"]
    for span in one["mentions"] + one["claims"] + one["quotes"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert {c["kind"] for c in one["claims"]} == {"event", "relation"}
    assert all(c["attribution"] for c in one["claims"])  # who asserts it


def test_api_page_size_has_a_hard_maximum(client):
    refused = client.get("/api/events", params={"limit": 501})
    assert refused.status_code == 422
    assert refused.json()["error"]["code"] == "E804"
    assert "limit" in refused.json()["error"]["message"]


def test_api_errors_are_short_json(client):
    missing = client.get("/api/documents/doc_nothing_here")
    assert missing.status_code == 404
    assert missing.json() == {
        "error": {"code": "E405", "message": "no document with id 'doc_nothing_here'"}
    }
    assert client.get("/api/actors/Nobody At All").status_code == 404
    for path, params in (
        ("/api/events", {"since": "last week"}),
        ("/api/flashpoints", {"window": "soon"}),
        ("/api/path", {"a": "usa"}),
        ("/api/flashpoints", {"by": "country"}),
    ):
        bad = client.get(path, params=params)
        assert bad.status_code == 422, (path, params)
        assert bad.json()["error"]["code"] == "E804"
        assert "Traceback" not in bad.text
    region = client.get("/api/flashpoints", params={"region": "Atlantis"})
    assert region.status_code == 422 and region.json()["error"]["code"] == "E702"
    assert client.get("/api/nothing").status_code == 404


def test_api_headers_close_the_browser_door(client):
    response = client.get("/api/places", headers={"Origin": "https://elsewhere.example"})
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in response.headers


def test_api_openapi_lists_every_endpoint(client):
    paths = set(client.get("/openapi.json").json()["paths"])
    for path in ("documents", "actors", "events", "relations", "places"):
        assert f"/api/{path}" in paths
    for path in ("flashpoints", "coalitions", "path", "brief"):
        assert f"/api/{path}" in paths
    assert client.get("/docs").status_code == 200


def test_api_a_bug_is_a_bare_500(client, monkeypatch):
    from flashpoint.present import listing

    def broken(*_args: object, **_kwargs: object) -> list:
        raise RuntimeError("secret internals /home/someone/store.db")

    monkeypatch.setattr(listing, "places_json", broken)
    # a question no other test asks, so that no cached answer (api/cache.py) stands in for it
    response = client.get("/api/places", params={"limit": 13})
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "E805", "message": "internal error; see the server log"}
    }
    assert "secret" not in response.text and "Traceback" not in response.text
