"""Recognition and partial-name rules on the shipped gazetteer and the real English NER.

Each case is a pattern news text uses, written by us: datelines, possessives, "X, Y" lists,
people the NER calls places, and institutions named after a country.
"""

from __future__ import annotations

import pytest

from flashpoint.geo.parser import Geoparser


@pytest.fixture(scope="module")
def geo() -> Geoparser:
    return Geoparser()


def _found(geo: Geoparser, text: str) -> list[str]:
    return [t.text for t in geo.recognise(geo.nlp(text))]


def _resolve(geo: Geoparser, text: str, name: str):
    start = text.index(name)
    (resolution,) = geo.resolve_spans(geo.nlp(text), [(start, start + len(name))])
    return resolution


def test_a_plural_possessive_is_not_part_of_the_name(geo):
    found = _found(geo, "Hawaii has the United States' lowest jobless rate this spring.")
    assert "United States" in found
    assert not any(name.endswith("'") for name in found)


def test_a_place_list_tagged_as_one_entity_is_split(geo):
    found = _found(geo, "Races at Thruxton, Hampshire were cancelled after the storm.")
    assert {"Thruxton", "Hampshire"} <= set(found)
    assert "Thruxton, Hampshire" not in found


def test_lower_case_directions_leave_the_place_name(geo):
    assert "London" in _found(geo, "He grew up in north west London before the war.")


def test_people_the_ner_calls_places_are_dropped(geo):
    text = (
        "President Buhari visited troops in Maiduguri on Monday. Supporters of Narendra Modi "
        "said they voted for Modi again."
    )
    found = _found(geo, text)
    assert "Maiduguri" in found
    assert "Buhari" not in found and "Modi" not in found


def test_an_upper_case_dateline_is_a_place(geo):
    assert "KOLKATA" in _found(geo, "KOLKATA, India – Police arrested a man on Tuesday.")
    assert "BEIRUT" in _found(geo, "BEIRUT (Reuters) - Government troops advanced overnight.")


def test_a_plural_demonym_is_people_not_a_place(geo):
    assert "Mexicans" not in _found(geo, "The plan may win over rural Mexicans, analysts said.")


def test_an_institution_named_after_a_country_is_placed_in_it(geo):
    text = "Rates rose after the US Federal Reserve met; the European Commission said nothing."
    fed = _resolve(geo, text, "US Federal Reserve")
    assert fed.partial and fed.ranked[0].entry.country == "US"
    commission = _resolve(geo, text, "European Commission")
    assert commission.partial and commission.ranked[0].entry.name == "Europe"


def test_a_place_after_a_site_word_closes_the_name(geo):
    text = "Staff at the British Embassy Tokyo were told to stay home."
    embassy = _resolve(geo, text, "British Embassy Tokyo")
    assert embassy.ranked[0].entry.country == "JP"


def test_a_word_inside_a_name_is_not_matched_by_transliteration(geo):
    # "Trust" shares a consonant skeleton with Trieste; inside a longer name that is no evidence
    text = "The Northern Trust opened a new clinic in Derry this week."
    trust = _resolve(geo, text, "Northern Trust")
    assert not trust.ranked or trust.ranked[0].entry.country != "IT"


def test_a_division_word_of_the_name_before_is_not_a_cue(geo):
    # "State" belongs to Oaxaca, "Village" to a shelter's name: neither describes what follows
    text = "Migrants camped in Matias Romero, Oaxaca State, Mexico, before moving north."
    assert _resolve(geo, text, "Mexico").ranked[0].entry.feature == "country"
    text = "The benefit for the shelter at Eva's Village in Paterson raised money for mothers."
    paterson = _resolve(geo, text, "Paterson").ranked[0].entry
    assert (paterson.name, paterson.country) == ("Paterson", "US")


def test_places_inside_organisation_entities(geo):
    # the NER's "the Holy See" (ORG) is the Holy See; a possessive closes a place's name
    assert "Holy See" in _found(geo, "During his official visit to the Holy See, he met the Pope.")
    text = "A new campus has opened at Derry's Altnagelvin Hospital, the first in Northern Ireland."
    assert "Derry" in _found(geo, text)
    # a surname is not a place, though a village somewhere bears it
    found = _found(
        geo, "The actress Jaime King was at home. Representatives for King had no comment."
    )
    assert "King" not in found
