"""The focus country alone does not lift a small town over a much larger namesake city abroad;
a state, a containing place or a nearby place the text names still does (rank.focus_credit)."""

import pytest

from flashpoint.geo import Geoparser


@pytest.fixture(scope="module")
def geo():
    return Geoparser()


def _country(geo, text, name):
    places = geo.geoparse(text)
    found = [p for p in places if any(m.text == name for m in p.mentions)]
    assert found, [p.name for p in places]
    return found[0]


def test_talks_abroad_in_a_us_story_stay_abroad(geo):
    text = (
        "The Pentagon confirmed that American and Chinese envoys met in Geneva this week. "
        "Voters in Texas and Arizona are watching the negotiations closely, a senator from "
        "Nevada said."
    )
    assert _country(geo, text, "Geneva").country == "CH"


def test_explicit_state_keeps_the_small_namesake(geo):
    text = "A storm knocked out power in Paris, Texas, and left roads flooded across Texas."
    place = _country(geo, text, "Paris")
    assert (place.country, place.admin1) == ("US", "Texas")


def test_nearby_places_keep_the_local_namesake(geo):
    text = (
        "Commuters from Aurora and Naperville crowded the trains to Chicago, and the council "
        "in Springfield promised new money for Illinois railways."
    )
    place = _country(geo, text, "Springfield")
    assert (place.country, place.admin1) == ("US", "Illinois")


def test_washington_in_a_government_story_is_the_capital(geo):
    text = "Senators in Washington voted on the budget while the governor of Ohio objected."
    place = _country(geo, text, "Washington")
    assert (place.country, place.admin1) == ("US", "Washington, D.C.")
