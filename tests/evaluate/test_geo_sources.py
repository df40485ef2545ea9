"""Error sources: a given-spans error is our point (right place, distant point) or our choice."""

from __future__ import annotations

from collections import Counter

import pytest

from flashpoint.evaluate.geo_sources import classify, point_offsets, sources_summary
from flashpoint.geo import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load(None)


def _entry(gazetteer, name, feature, country):
    return next(
        e for e in gazetteer.search(name, 50) if e.feature == feature and e.country == country
    )


def test_geo_sources_the_gold_id_far_away_is_our_point(gazetteer):
    bc = _entry(gazetteer, "British Columbia", "admin1", "CA")
    # GeoNames' own point for the province, 200 km north-west of ours
    assert classify("BC", bc.geonameid, (54.0, -125.0), bc, gazetteer) == (
        "division",
        "right place, distant point",
    )
    assert point_offsets(bc.geonameid, (54.0, -125.0), gazetteer) == ("division", True)


def test_geo_sources_a_feature_of_the_gold_name_in_the_gold_country_is_our_point(gazetteer):
    bc = _entry(gazetteer, "British Columbia", "admin1", "CA")
    # no gold id: the gold point's country comes from its nearest town (Prince George, CA)
    assert classify("British Columbia", None, (54.0, -125.0), bc, gazetteer) == (
        "no GeoNames id",
        "right place, distant point",
    )


def test_geo_sources_a_namesake_is_a_wrong_place(gazetteer):
    state = _entry(gazetteer, "New York", "admin1", "US")
    city = _entry(gazetteer, "New York City", "city", "US")
    point = (43.0, -75.5)
    assert classify("New York", state.geonameid, point, city, gazetteer) == (
        "division",
        "wrong place",
    )
    assert classify("New York", state.geonameid, point, None, gazetteer)[1] == "no candidate"


def test_geo_sources_nearest_reverse_geocodes_a_point(gazetteer):
    assert gazetteer.nearest(35.95, 39.01).country == "SY"
    assert gazetteer.nearest(0.0, -150.0) is None  # mid-Pacific: no town within a degree


def test_geo_sources_summary_shares_are_of_all_scored_toponyms():
    errors = Counter({("division", "right place, distant point"): 2, ("city", "wrong place"): 6})
    summary = sources_summary(errors, Counter({("division", True): 2, ("division", False): 8}), 100)
    assert summary["errors"] == 8
    assert summary["by_outcome"]["wrong place"] == {"n": 6, "share": 0.06}
    assert summary["held_points_over_161km"] == [{"gold_class": "division", "n": 2}]
    assert summary["held_total"] == {"division": 10}
