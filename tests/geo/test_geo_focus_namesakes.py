"""The focus country alone does not lift a small town over a much larger namesake city abroad;
a state, a containing place or a nearby place the text names still does (rank.focus_credit)."""


def test_talks_abroad_in_a_us_story_stay_abroad(place_named):
    text = (
        "The Pentagon confirmed that American and Chinese envoys met in Geneva this week. "
        "Voters in Texas and Arizona are watching the negotiations closely, a senator from "
        "Nevada said."
    )
    assert place_named(text, "Geneva").country == "CH"


def test_explicit_state_keeps_the_small_namesake(place_named):
    text = "A storm knocked out power in Paris, Texas, and left roads flooded across Texas."
    place = place_named(text, "Paris")
    assert (place.country, place.admin1) == ("US", "Texas")


def test_nearby_places_keep_the_local_namesake(place_named):
    text = (
        "Commuters from Aurora and Naperville crowded the trains to Chicago, and the council "
        "in Springfield promised new money for Illinois railways."
    )
    place = place_named(text, "Springfield")
    assert (place.country, place.admin1) == ("US", "Illinois")


def test_washington_in_a_government_story_is_the_capital(place_named):
    text = "Senators in Washington voted on the budget while the governor of Ohio objected."
    place = place_named(text, "Washington")
    assert (place.country, place.admin1) == ("US", "Washington, D.C.")
