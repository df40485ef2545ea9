"""Phrase relations ('alongside', 'in support of', 'coordinated with'): who is on each side.

Each text is ours. The phrase's own object is the other end, not the next name in the
sentence; a clause without a subject takes its governor's.
"""

from __future__ import annotations

import datetime as dt

from extract.relation_pairs import pairs

PUBLISHED = dt.date(2017, 3, 1)


def test_the_phrase_object_is_the_ally_not_the_next_name(analyse):
    result = analyse(
        "Egypt stands shoulder to shoulder with the Libyan people as they resist the Islamic State."
    )
    assert frozenset({"Egypt", "Islamic State"}) not in pairs(result, "ally_of")


def test_a_name_after_the_supported_group_is_no_ally(analyse):
    result = analyse(
        "Jordan flew sorties in support of its partners to hasten the defeat of the Islamic State."
    )
    assert frozenset({"Jordan", "Islamic State"}) not in pairs(result, "ally_of")


def test_a_clause_hanging_from_the_object_takes_the_main_subject(analyse):
    result = analyse(
        "Turkish warplanes flew sorties coordinated with the Free Syrian Army near al-Bab "
        "on Tuesday."
    )
    assert frozenset({"Turkish Armed Forces", "Free Syrian Army"}) in pairs(result, "ally_of")


def test_a_person_serving_in_support_of_an_operation_is_no_ally(analyse):
    result = analyse(
        "Staff Sergeant John Miller was serving in support of the Saudi-led coalition when "
        "he died in Aden."
    )
    assert not pairs(result, "ally_of")


def test_against_reaches_the_subject_through_open_clauses(analyse):
    result = analyse(
        "Boko Haram remains determined to keep carrying out raids against the Nigerian army, "
        "the governor said."
    )
    assert any("Boko Haram" in pair for pair in pairs(result, "enemy_of"))


def test_who_kills_or_fires_on_members_of_a_group_is_not_one_of_them(analyse):
    for text in (
        "Government troops killed eleven members of Jund al-Aqsa in an ambush near Hama.",
        "Turkish soldiers opened fire on members of the YPG outside Afrin.",
    ):
        result = analyse(text)
        assert not pairs(result, "member_of"), text


def test_members_of_a_group_still_join_it_when_the_clause_says_so(analyse):
    result = analyse("Ahrar al-Sham fought as part of Jaysh al-Fatah in Idlib province.")
    assert frozenset({"Ahrar al-Sham", "Jaysh al-Fatah"}) in pairs(result, "member_of")
