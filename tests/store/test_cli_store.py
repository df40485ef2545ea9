"""The corpus commands over a filled store: tables, --json, filters and one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.errors import FlashpointError


@pytest.fixture
def store_url(tmp_path, make):
    import flashpoint.cli.store  # noqa: F401  (registers the commands)
    from flashpoint.store.database import Database

    url = f"sqlite:///{tmp_path / 'cli.db'}"
    with Database.open(url) as db:
        for analysis in make.corpus():
            db.store(analysis, source="test")
    return url


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": "200"})


def test_cli_store_events_json_and_table(store_url):
    result = run("events", "--actor", "SDF", "--since", "2017-09-01", "--db", store_url, "--json")
    (event,) = json.loads(result.stdout)
    assert event["n_outlets"] == 3 and len(event["reports"]) == 3
    table = run("events", "--db", store_url)
    assert "Deir ez-Zor" in table.stdout and "Raqqa" in table.stdout


def test_cli_store_actor_places_relations_stats(store_url):
    profile = json.loads(run("actor", "SDF", "--db", store_url, "--json").stdout)
    assert profile["actor"]["id"] == "sdf" and profile["patrons"][0]["source_id"] == "usa"
    assert "patrons: United States" in run("actor", "SDF", "--db", store_url).stdout
    names = [p["name"] for p in json.loads(run("places", "--db", store_url, "--json").stdout)]
    assert set(names) == {"Deir ez-Zor", "Husayniyah", "Raqqa"}
    rels = json.loads(run("relations", "--db", store_url, "--json", "--limit", "1").stdout)
    assert rels[0]["type"] == "enemy_of" and rels[0]["n_outlets"] == 2
    counts = json.loads(run("stats", "--db", store_url, "--json").stdout)
    assert counts["documents"] == 4 and counts["reports_merged"] == 2


def test_cli_store_export_and_upgrade(store_url, tmp_path):
    out = tmp_path / "e.geojson"
    result = run("export", "--format", "geojson", "-o", str(out), "--db", store_url)
    assert result.exit_code == 0
    assert json.loads(out.read_text())["type"] == "FeatureCollection"
    assert run("db", "upgrade", "--db", store_url).exit_code == 0


def test_cli_store_bad_input_is_a_user_error(store_url, tmp_path):
    bad_date = run("events", "--since", "last tuesday", "--db", store_url)
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    with pytest.raises(FlashpointError):
        run("ingest", str(tmp_path / "nothing.csv"), "--db", store_url)
    with pytest.raises(FlashpointError):
        run("actor", "Nobody", "--db", store_url)
    missing = tmp_path / "never.db"
    with pytest.raises(FlashpointError) as caught:
        run("stats", "--db", f"sqlite:///{missing}")
    assert caught.value.code == "E405" and not missing.exists()
