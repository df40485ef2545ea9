"""Exports carry the corpus analysis: flashpoints in JSON and GeoJSON, coalitions in GraphML."""

from __future__ import annotations

import json

import networkx as nx

from flashpoint.export import export


def test_export_json_carries_ranked_and_document_flashpoints(filled_db, tmp_path):
    out = tmp_path / "all.json"
    export(filled_db, "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    best = data["flashpoints"][0]
    assert best["place"]["name"] == "Deir ez-Zor"
    actors = {a["id"] for side in best["sides"] for a in side["actors"]}
    assert {"sdf", "saa"} <= actors
    assert best["trend"] in {"rising", "steady", "falling"}
    assert best["evidence"] and {"document", "outlet", "published", "text"} == set(
        best["evidence"][0]
    )
    assert best["window"] == {"start": "2017-06-01", "end": "2017-09-17"}  # merged clash day
    assert any(c["core"] for c in data["coalitions"])
    assert isinstance(data["document_flashpoints"], list)


def test_export_geojson_flashpoint_layer(filled_db, tmp_path):
    out = tmp_path / "fp.geojson"
    export(filled_db, "geojson", out)
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    layer = [f for f in features if f["properties"]["kind"] == "flashpoint"]
    assert layer and layer[0]["id"] == "flashpoint-1" and layer[0]["properties"]["rank"] == 1
    assert layer[0]["properties"]["name"] == "Deir ez-Zor"
    assert layer[0]["geometry"]["coordinates"] == [40.146, 35.336]


def test_export_graphml_coalition_membership(filled_db, tmp_path):
    out = tmp_path / "g.graphml"
    export(filled_db, "graphml", out)
    graph = nx.read_graphml(out, force_multigraph=True)
    sdf = graph.nodes["sdf"]
    assert sdf["coalition"] and sdf["coalition_name"]
    assert 0 < sdf["coalition_weight"] <= 1
    assert all("coalition" in attributes for _, attributes in graph.nodes(data=True))
    assert graph.nodes["saa"]["coalition"] != sdf["coalition"]
