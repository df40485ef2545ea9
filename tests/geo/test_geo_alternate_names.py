"""A town's alternate names (GeoNames lists translations and former names) do not beat a
building or other feature that bears the name as its own (rank.without_translated_names)."""

import pytest

from flashpoint.geo import Geoparser


@pytest.fixture(scope="module")
def geo():
    return Geoparser()


def _place(geo, text, name):
    places = geo.geoparse(text)
    found = [p for p in places if any(m.text == name for m in p.mentions)]
    assert found, [p.name for p in places]
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman for the White House declined to comment on the sanctions.",
        "Officials at the White House said the president would travel to Ohio next week.",
        "The Kremlin and the White House traded accusations over the pipeline.",
    ],
)
def test_site_is_not_a_city_known_by_its_name_in_translation(geo, text):
    place = _place(geo, text, "White House")
    assert (place.country, place.feature) == ("US", "site")


def test_a_former_name_still_finds_its_city(geo):
    place = _place(geo, "Protesters marched through Bombay on Saturday.", "Bombay")
    assert place.country == "IN"
