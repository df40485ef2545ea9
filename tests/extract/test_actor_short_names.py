"""Short forms of people and sides named by a modifier (issue 10's actor table)."""

from __future__ import annotations


def actor_of(result, text: str):
    return next(a for a in result.actors if any(m.text == text for m in a.mentions))


def test_actor_short_names_partial_names_are_the_person(analyse):
    result = analyse(
        "Abu Musab al-Zarqawi set up the cell in 2004. Zarqawi died two years later, "
        "and Abu Musab was replaced by a deputy."
    )
    full = actor_of(result, "Abu Musab al-Zarqawi")
    assert actor_of(result, "Zarqawi").id == full.id
    assert actor_of(result, "Abu Musab").id == full.id


def test_actor_short_names_surname_after_a_suffix_is_no_place(analyse):
    result = analyse(
        "Navy diver Peter J. Hollis III died in the blast near Mosul. Hollis had served "
        "three tours."
    )
    assert actor_of(result, "Hollis").kind == "person"
    assert not any(m.text == "Hollis" for p in result.places for m in p.mentions)


def test_actor_short_names_rebel_forces_are_no_state_army(analyse):
    result = analyse(
        "Syrian troops shelled the town. Rebel forces answered with mortars, and "
        "opposition forces held the hills."
    )
    army = actor_of(result, "Syrian troops")
    for text in ("Rebel forces", "opposition forces"):
        side = actor_of(result, text)
        assert side.id != army.id
        assert side.kind == "armed_group"
