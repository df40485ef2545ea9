"""Every export format, read back with the library its users would use."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pyarrow.parquet as pq
import pytest

from flashpoint.errors import EXPORT_FAILED, FlashpointError
from flashpoint.export import FORMATS, export
from flashpoint.export.acled import ACLED_COLUMNS
from flashpoint.store.queries import EventFilter


def test_export_json_holds_events_relations_actors_places(filled_db, tmp_path):
    out = tmp_path / "store.json"
    assert export(filled_db, "json", out) == 2
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["events"]) == 2
    merged = max(data["events"], key=lambda e: e["n_sources"])
    assert merged["n_outlets"] == 3 and len(merged["reports"]) == 3
    assert {a["id"] for a in data["actors"]} == {"sdf", "saa", "usa", "rus"}
    assert any(r["type"] == "patron_of" and r["evidence"] for r in data["relations"])


def test_export_geojson_is_rfc7946(filled_db, tmp_path):
    out = tmp_path / "store.geojson"
    export(filled_db, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "crs" not in data
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds.count("event") == 2 and kinds.count("place") == 3
    raqqa = next(f for f in data["features"] if f["properties"].get("name") == "Raqqa")
    lon, lat = raqqa["geometry"]["coordinates"]  # longitude first
    assert (round(lon, 3), round(lat, 3)) == (39.009, 35.952)
    for feature in data["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"


def test_export_acled_csv_columns_and_values(theatre_db, tmp_path):
    out = tmp_path / "events.csv"
    export(theatre_db, "acled-csv", out, EventFilter(place="Raqqa"))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0])[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    (row,) = rows  # the threat and the meeting at Raqqa are not ACLED events
    assert row["event_date"] == "2018-03-02" and row["year"] == "2018"
    assert (row["actor1"], row["actor2"]) == ("Syrian Democratic Forces", "Syrian Arab Army")
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("2", "1", "12")
    assert row["country"] == "Syria" and row["iso"] == "760" and row["region"] == "Middle East"
    assert row["event_id_cnty"].startswith("SYR")
    assert (row["location"], row["latitude"]) == ("Raqqa", "35.95")
    assert row["plover_type"] == "ASSAULT" and row["source"] == "Outlet 0"


def test_export_carries_fatalities_into_every_format(theatre_db, tmp_path):
    paths = {name: tmp_path / f"all{FORMATS[name].suffix}" for name in FORMATS}
    for name, path in paths.items():
        export(theatre_db, name, path)
    clash = next(e for e in json.loads(paths["json"].read_text())["events"] if e["fatalities"])
    assert (clash["fatalities"], clash["injured"]) == (3, 4)
    assert clash["reports"][0]["fatalities"] == 3
    features = json.loads(paths["geojson"].read_text())["features"]
    assert {
        f["properties"].get("fatalities") for f in features if f["properties"]["kind"] == "event"
    } == {3, None, 5}
    plover = [json.loads(line) for line in paths["plover"].read_text().splitlines()]
    assert [r["size"] for r in plover if "size" in r] == [
        {"dead": 3, "injured": 4},
        {"dead": 1},
        {"dead": 5},
    ]  # oldest first
    table = pq.read_table(paths["parquet"]).to_pylist()
    assert sorted(r["fatalities"] or 0 for r in table) == [0, 0, 0, 1, 3, 5]
    assert str(pq.read_schema(paths["parquet"]).field("fatalities").type) == "int32"


def test_export_plover_jsonl_records(filled_db, tmp_path):
    out = tmp_path / "events.jsonl"
    export(filled_db, "plover", out, EventFilter(min_outlets=2))
    (line,) = out.read_text(encoding="utf-8").splitlines()
    record = json.loads(line)
    assert record["event"] == ["ASSAULT"] and record["date"] == "2017-09-17"
    assert record["actor"][0]["identifier_id"] == "sdf" and record["actor"][0]["code"] == "SYR"
    assert record["recipient"][0]["sector"] == "MIL"
    assert record["event_loc"]["geonameid"] == 170794
    assert len(record["event_text"]) == len(record["cite_info"]) == 3


def test_export_graphml_actor_network(filled_db, tmp_path):
    out = tmp_path / "actors.graphml"
    export(filled_db, "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert graph.nodes["sdf"]["label"] == "Syrian Democratic Forces"
    relation_edges = [(u, v, d) for u, v, d in graph.edges(data=True) if d["kind"] == "relation"]
    types = {(u, d["type"], v): d["evidence"] for u, v, d in relation_edges}
    assert types[("usa", "patron_of", "sdf")] == 1
    assert types[("saa", "enemy_of", "sdf")] == 2
    events = [d for u, v, d in graph.edges(data=True) if d["kind"] == "event"]
    assert events and events[0]["events"] == 2 and events[0]["evidence"] == 4


def test_export_parquet_table(filled_db, tmp_path):
    out = tmp_path / "events.parquet"
    assert export(filled_db, "parquet", out) == 2
    table = pq.read_table(out)
    assert table.num_rows == 2
    rows = table.to_pylist()
    assert {r["n_outlets"] for r in rows} == {1, 3}
    assert all(r["actor1_id"] == "sdf" for r in rows)
    assert sorted(len(r["document_ids"]) for r in rows) == [1, 3]


def test_export_to_stdout_and_unknown_format(filled_db, capsys):
    export(filled_db, "plover", None, EventFilter(place="Raqqa"))
    assert json.loads(capsys.readouterr().out)["event"] == ["ASSAULT"]
    with pytest.raises(FlashpointError) as caught:
        export(filled_db, "xlsx", None)
    assert caught.value.code == EXPORT_FAILED


def test_export_unwritable_path(filled_db, tmp_path):
    with pytest.raises(FlashpointError) as caught:
        export(filled_db, "json", tmp_path / "missing" / "out.json")
    assert caught.value.code == EXPORT_FAILED


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_export_every_format_handles_an_empty_store(tmp_path, name):
    from flashpoint.store.database import Database

    with Database.open(f"sqlite:///{tmp_path / 'empty.db'}") as db:
        buffer = tmp_path / f"empty{FORMATS[name].suffix}"
        assert export(db, name, buffer) == 0
        assert buffer.stat().st_size > 0 or name == "plover"
