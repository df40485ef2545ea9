"""A name's own first reading is no evidence for itself: the focus countries a toponym's
candidates see leave out its own mentions (rank.focus_by_name), so a name said twice does
not vote its likeliest namesake into the story's country."""

import pytest


def test_a_county_said_twice_stays_in_the_story_country(place_named):
    text = (
        "Police in Kent said the roads were flooded. Drivers in Kent were told to stay home, "
        "and schools in England closed."
    )
    assert place_named(text, "Kent").country == "GB"


def test_a_province_said_twice_beside_its_country(place_named):
    text = (
        "Ontario said the new rules would start in May. Ontario and Canada will share the "
        "cost, the premier said."
    )
    place = place_named(text, "Ontario")
    assert (place.country, place.feature) == ("CA", "admin1")


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Clashes broke out in Tripoli overnight.", "Tripoli", "LY"),
        (
            "Council workers in Birmingham went on strike. Alabama officials said the "
            "Birmingham strike would spread.",
            "Birmingham",
            "US",
        ),
    ],
)
def test_other_names_still_set_the_focus(place_named, text, name, country):
    assert place_named(text, name).country == country
