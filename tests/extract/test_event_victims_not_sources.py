"""Who dies in an attack does not make it. Read by hand on FA-KES: "civilians had died" made
the civilians the source of their own deaths, and so did a toll whose civilians are named inside
the passive's subject rather than as its head (a count of people "including" civilians, then
"were killed by ..."). Each text is ours."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("The doctor said civilians had died in three towns of the Ghouta overnight.", "died"),
        (
            "At least 20 people including 14 civilians were killed in air raids near Raqqa on "
            "Sunday.",
            "killed",
        ),
        (
            "Dozens of civilians who tried to leave the district were killed in mortar attacks "
            "on Tuesday.",
            "killed",
        ),
    ],
)
def test_the_dead_are_not_the_source(analyse, roles, text, trigger):
    source, _ = roles(analyse(text), trigger)
    assert source != "civilians"


def test_who_died_is_the_target(analyse, roles):
    result = analyse("The doctor said civilians had died in three towns of the Ghouta overnight.")
    assert roles(result, "died")[1] == "civilians"


def test_a_party_to_clashes_stays_their_source(analyse, roles):
    result = analyse(
        "Jaish al-Islam has been involved in clashes with several rival brigades around Douma "
        "since May."
    )
    assert roles(result, "clashes")[0] == "Jaysh al-Islam"


def test_a_reporter_named_in_apposition_is_not_the_source(analyse, roles):
    result = analyse(
        "A second monitoring network the Local Coordination Committees reported that scores "
        "of residents were killed."
    )
    assert roles(result, "killed")[0] is None
