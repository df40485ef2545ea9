"""What counts as evidence among namesakes (geo/rank.py): a state named outright beats a
small town of its name, and a neighbouring state's point is not evidence for a town outside
it; the town's own state and a containing place named after it still are."""

import pytest


@pytest.mark.parametrize(
    "text",
    [
        "Wildfires spread across Oregon, and crews from Ohio flew in to help.",
        "Ohio and Oregon sued the agency over the new rules on Monday.",
    ],
)
def test_state_named_outright_beats_a_town_in_another_named_state(place_named, text):
    place = place_named(text, "Oregon")
    assert (place.feature, place.admin1) == ("admin1", "Oregon")


def test_town_followed_by_its_state_stays_the_town(place_named):
    text = "A refinery in Oregon, Ohio, closed on Friday, and the mayor of Toledo was upset."
    place = place_named(text, "Oregon")
    assert (place.feature, place.admin1) == ("town", "Ohio")


def test_a_neighbouring_state_is_not_evidence_for_a_town_outside_it(place_named):
    text = "Voters in Pennsylvania and Texas are watching the talks in Geneva closely."
    assert place_named(text, "Geneva").country == "CH"


def test_the_towns_own_state_still_is(place_named):
    text = "Flooding closed roads in Geneva, and the governor of Illinois sent help."
    place = place_named(text, "Geneva")
    assert (place.country, place.admin1) == ("US", "Illinois")
