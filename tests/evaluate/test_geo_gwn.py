"""GeoWebNews end to end: figures must stay at or above the floors in data/eval/geo.yaml.

Reads ../shared/eval/geowebnews/GWN.xml (skipped outside CI when missing, a failure in CI).
Takes about half a minute warm, plus the one-off gazetteer build on a fresh machine.
"""

from __future__ import annotations

import json
import os

import pytest

from flashpoint.evaluate.geo import evaluate_geo, read_gold
from flashpoint.evaluate.resources import load_eval_data


@pytest.fixture(scope="module")
def gwn_report(shared_dir):
    path = shared_dir / "eval" / "geowebnews" / "GWN.xml"
    if not path.exists():
        message = f"shared data missing: {path}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from flashpoint.geo.parser import Geoparser

    return evaluate_geo(read_gold(path), Geoparser()).as_dict()


def test_geo_gwn_figures_stay_above_floors(gwn_report):
    floors = load_eval_data("geo.yaml")["floors"]["geowebnews"]
    figures = {
        "recognition_f1": gwn_report["recognition"]["f1"],
        "recognition_recall": gwn_report["recognition"]["recall"],
        "recognition_places_f1": gwn_report["recognition_places"]["f1"],
        "given_spans_acc161": gwn_report["resolution_given_spans"]["acc161"],
        "end_to_end_acc161": gwn_report["resolution_end_to_end"]["acc161"],
        "given_spans_with_geonameid_acc161": gwn_report["resolution_given_spans_with_geonameid"][
            "acc161"
        ],
        "given_spans_in_gazetteer_acc161": gwn_report["resolution_given_spans_in_gazetteer"][
            "acc161"
        ],
    }
    below = {k: (figures[k], v) for k, v in floors.items() if figures[k] < v}
    assert not below, json.dumps(below)


def test_geo_gwn_counts_every_gold_toponym_with_coordinates(gwn_report):
    spans = gwn_report["resolution_given_spans"]
    assert spans["n"] > 2500  # all gold toponyms with coordinates are scored, none dropped
    assert gwn_report["recognition"]["n_gold"] > spans["n"] - 10


def test_geo_gwn_ceiling_and_reliability_are_consistent(gwn_report):
    # no ranking can beat having a right candidate at all
    assert gwn_report["resolution_given_spans"]["acc161"] <= gwn_report["candidate_recall161"]
    bands = gwn_report["reliability"]
    assert sum(b["n"] for b in bands) == gwn_report["resolution_given_spans"]["n"]
    # confidence means something: the confident band is the most accurate
    assert bands[0]["acc161"] > bands[-1]["acc161"]
