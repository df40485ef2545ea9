"""Later mentions an analyst reads as the same actor: a description by a word of its name,
a title, and a force named by its owner. Each text is ours."""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2016, 11, 2)


def mentions_of(result, name: str) -> list[str]:
    return [m.text for a in result.actors if a.name == name for m in a.mentions]


def test_a_force_named_by_its_owner_and_the_owner_inside_it_are_both_mentions(analyse):
    result = analyse(
        "Near Mosul, three strikes hit two ISIL tactical units and destroyed a tunnel. "
        "Later, ISIL fighters fled west of the city."
    )
    mentions = mentions_of(result, "Islamic State")
    assert "ISIL tactical units" in mentions
    assert mentions.count("ISIL") == 2  # inside both phrases
    assert "ISIL fighters" in mentions


def test_a_force_word_that_is_part_of_a_name_is_not_cut_off(analyse):
    result = analyse("Syrian Democratic Forces fighters entered the town on Sunday.")
    texts = {m.text for a in result.actors for m in a.mentions}
    assert "Syrian Democratic" not in texts


def test_a_title_points_back_to_the_person_it_introduced(analyse):
    result = analyse(
        "Defense Secretary Ash Carter met Iraqi leaders in Baghdad on Monday. "
        "The secretary said the offensive would go on."
    )
    assert "The secretary" in mentions_of(result, "Ash Carter")


def test_a_description_by_a_word_of_the_name_points_back_to_it(analyse):
    result = analyse(
        "The 134th Expeditionary Fighter Squadron arrived in Turkey this week. "
        "The squadron will fly strikes over Syria."
    )
    assert "The squadron" in mentions_of(result, "134th Expeditionary Fighter Squadron")


def test_the_state_is_not_the_islamic_state(analyse):
    result = analyse("The Islamic State claimed the attack. The state has not commented.")
    assert "The state" not in mentions_of(result, "Islamic State")


def test_a_leader_named_inside_a_regime_is_a_mention_of_the_leader(analyse):
    result = analyse("The Assad regime bombed the city again. Haftar's forces advanced.")
    assert "Assad" in mentions_of(result, "Bashar al-Assad")
    assert "Haftar" in mentions_of(result, "Khalifa Haftar")
    assert "The Assad regime" in mentions_of(result, "Syrian government")


def test_the_syrian_opposition_is_an_organisation_not_a_population(analyse):
    result = analyse("The Syrian opposition will send a delegation to the talks in Geneva.")
    kinds = {a.kind for a in result.actors if any("opposition" in m.text for m in a.mentions)}
    assert kinds == {"organisation"}
