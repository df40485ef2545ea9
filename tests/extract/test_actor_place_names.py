"""A name the NER calls an organisation or a person that the text uses as a place is a place.

Each text is ours; the towns are real names (facts), the sentences are written for the test.
"""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2016, 10, 20)


def actor_mentions(result) -> set[str]:
    return {m.text for a in result.actors for m in a.mentions}


def place_mentions(result) -> set[str]:
    return {m.text for p in result.places for m in p.mentions}


def test_a_town_named_by_its_place_noun_is_a_place_everywhere_in_the_text(analyse):
    result = analyse(
        "Rebel fighters took the Syrian town of Dabiq from the militants on Sunday. "
        "Dabiq had mattered to the group for years."
    )
    assert "Dabiq" not in actor_mentions(result)
    dabiq = [p for p in result.places if any(m.text == "Dabiq" for m in p.mentions)]
    assert len(dabiq) == 1 and len(dabiq[0].mentions) == 2


def test_a_sentence_opening_near_a_town_gives_the_town_as_a_place(analyse):
    result = analyse("Strike report\nNear Palmyra, one strike destroyed a tank on the road.")
    assert "Palmyra" in place_mentions(result)
    assert not any(a.kind == "person" for a in result.actors)


def test_a_village_name_shape_is_no_side_of_a_fight(analyse):
    result = analyse("Jabhat al-Nusra fighters shelled Kafr Takharim on Tuesday, a resident said.")
    assert "Kafr Takharim" in place_mentions(result)
    ends = {e for r in result.relations for e in (r.source, r.target)}
    assert not any("kafr" in e for e in ends)


def test_an_organisation_beside_a_town_stays_an_organisation(analyse):
    result = analyse("The Aleppo Media Centre said on Monday that shelling hit the town of Anadan.")
    assert "Aleppo Media Centre" in actor_mentions(result)
    assert "Anadan" in place_mentions(result)


def test_a_strike_report_opening_near_a_place_gives_the_place(analyse):
    result = analyse(
        "Strikes in Iraq\nNear Al Huwayjah, two strikes hit a tunnel. "
        "Near Al Shadaddi, one strike destroyed a mortar."
    )
    places = place_mentions(result)
    assert {"Al Huwayjah", "Al Shadaddi"} <= places
    assert not any(m.startswith("Near") for m in places | actor_mentions(result))


def test_the_country_inside_a_government_name_is_also_a_place(analyse):
    result = analyse("The Government of Iraq asked for more help on Monday.")
    assert "Iraq" in place_mentions(result)
    assert "The Government of Iraq" in actor_mentions(result)


def test_a_unit_named_before_its_area_stays_a_unit(analyse):
    result = analyse("Two destroyers sailed into the U.S. 5th Fleet area of operations this week.")
    assert "U.S. 5th Fleet" not in place_mentions(result)


def test_villages_listed_with_a_place_are_places(analyse):
    result = analyse(
        "Syrian army shells hit the Aleppo neighbourhoods of al-Zahraa, Saif al-Dawleh and "
        "al-Hamadaniyeh on Friday, the Syrian Observatory said."
    )
    assert {"al-Zahraa", "Saif al-Dawleh"} <= place_mentions(result)
    assert not {"al-Zahraa", "Saif al-Dawleh", "al-Hamadaniyeh"} & actor_mentions(result)


def test_a_village_unknown_here_does_not_land_on_a_namesake_abroad(analyzer):
    from flashpoint.extract.place_names import late_places

    text = "Troops entered al-Zara and Kafr Takharim after clashes."
    doc = analyzer.nlp(text)
    spans = [(text.index(n), text.index(n) + len(n)) for n in ("al-Zara", "Kafr Takharim")]
    places = late_places(analyzer.geoparser, doc, spans, ["SY"])
    by_text = {m.text: p for p in places for m in p.mentions}
    assert by_text["al-Zara"].country in (None, "SY")  # not Zadar in Croatia
    assert by_text["Kafr Takharim"].country == "SY"
