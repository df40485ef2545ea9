"""GeoJSON holds one documented schema per kind of feature and says what it left out; GraphML
declares every key once and reads back in networkx."""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx

from flashpoint.export import export
from flashpoint.export.geojson import EVENT_PROPERTIES, FLASHPOINT_PROPERTIES, PLACE_PROPERTIES

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


def test_export_geojson_one_schema_per_kind_and_string_ids(theatre_db, tmp_path):
    out = tmp_path / "t.geojson"
    export(theatre_db, "geojson", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"type", "features", "omitted"} and "crs" not in data
    schemas = {
        "event": EVENT_PROPERTIES,
        "place": PLACE_PROPERTIES,
        "flashpoint": FLASHPOINT_PROPERTIES,
    }
    ids = [f["id"] for f in data["features"]]
    assert all(isinstance(i, str) for i in ids) and len(set(ids)) == len(ids)
    for feature in data["features"]:
        properties = feature["properties"]
        assert tuple(properties) == schemas[properties["kind"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    event = next(f for f in data["features"] if f["properties"]["kind"] == "event")
    assert isinstance(event["properties"]["event_id"], str)
    raqqa = next(f for f in data["features"] if f["properties"].get("name") == "Raqqa")
    assert raqqa["geometry"]["coordinates"] == [39.01, 35.95]  # longitude, latitude
    assert data["omitted"] == {
        "events_without_place": 1,
        "events_without_point": 0,
        "places_without_point": 0,
    }
    kinds = [f["properties"]["kind"] for f in data["features"]]
    assert kinds.count("event") == 5 and kinds.count("place") == 3


def test_export_geojson_reports_what_it_left_out_on_stderr(theatre_db, tmp_path):
    out = tmp_path / "cli.geojson"
    flashpoint = Path(sys.executable).with_name("flashpoint")
    done = subprocess.run(
        [flashpoint, "export", "-f", "geojson", "-o", str(out), "--db", theatre_db.url],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "geojson: left out events_without_place=1" in done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["omitted"]["events_without_place"] == 1


def test_export_graphml_key_ids_unique_and_networkx_reads_it(filled_db, tmp_path):
    out = tmp_path / "g.graphml"
    export(filled_db, "graphml", out)
    keys = ET.parse(out).getroot().findall(f"{GRAPHML}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids)), ids
    declared = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(declared) == len(set(declared))
    assert {
        ("node", "documents"),
        ("edge", "documents"),
        ("node", "kind"),
        ("edge", "kind"),
    } <= set(declared)
    graph = nx.read_graphml(out, force_multigraph=True)
    assert graph.nodes["sdf"]["kind"] == "armed_group"
    assert graph.nodes["sdf"]["documents"] == 4
    assert {d["kind"] for _, _, d in graph.edges(data=True)} == {"relation", "event"}
