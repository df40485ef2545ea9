"""A town's alternate names (GeoNames lists translations and former names) do not beat a
building, institution or other site that bears the name as its own
(rank.without_translated_names)."""

import pytest

from flashpoint.geo.gazetteer import GazetteerEntry
from flashpoint.geo.rank import without_translated_names


@pytest.mark.parametrize(
    "text",
    [
        "A spokesman for the White House declined to comment on the sanctions.",
        "Officials at the White House said the president would travel to Ohio next week.",
        "The Kremlin and the White House traded accusations over the pipeline.",
    ],
)
def test_site_is_not_a_city_known_by_its_name_in_translation(place_named, text):
    place = place_named(text, "White House")
    assert (place.country, place.feature) == ("US", "site")


def test_a_former_name_still_finds_its_city(place_named):
    place = place_named("Protesters marched through Bombay on Saturday.", "Bombay")
    assert place.country == "IN"


def _entry(name, feature, population=0):
    return GazetteerEntry(None, name, 0.0, 0.0, "XX", feature, population, None)


def test_only_a_site_of_the_name_drops_a_town_known_by_it_as_an_alternate():
    town = (_entry("Mumbai", "city", 12_000_000), "alt")
    namesake = (_entry("Bombay", "village", 700), "name")
    for feature, kept in (("site", [namesake]), ("river", [town, namesake])):
        other = (_entry("Bombay", feature), "name")
        assert without_translated_names([town, namesake, other]) == [*kept, other]


def test_a_former_name_yields_to_the_town_of_its_country_called_so_today(place_named):
    place = place_named("Voters in Whitehall and Columbus went to the polls.", "Whitehall")
    assert (place.name, place.admin1) == ("Whitehall", "Ohio")


def test_a_former_name_abroad_still_finds_its_city(place_named):
    text = "Rhodesian troops marched into Salisbury in 1965."
    assert place_named(text, "Salisbury").country == "ZW"
