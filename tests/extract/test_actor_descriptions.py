"""Mentions an analyst reads as actors or places although no name of the registry or the NER
covers them: a possessive description, a named facility, another spelling of a name, and the
coalition named by its strikes. Each text is ours."""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2016, 12, 1)


def mentions_of(result, name: str) -> list[str]:
    return [m.text for a in result.actors if a.name == name for m in a.mentions]


def test_a_description_in_the_possessive_points_back_to_the_actor(analyse):
    result = analyse(
        "Hayat Tahrir al-Sham shelled Saraqib on Tuesday. "
        "Monitors said the group's fighters withdrew by night."
    )
    assert "the group" in mentions_of(result, "Hayat Tahrir al-Sham")


def test_a_named_facility_is_a_place_not_an_organisation(analyse):
    result = analyse(
        "Government jets took off from Kuweires Military Airport on Friday and bombed "
        "two villages in Aleppo province."
    )
    assert "Kuweires Military Airport" in {m.text for p in result.places for m in p.mentions}
    assert "Kuweires Military Airport" not in {m.text for a in result.actors for m in a.mentions}


def test_the_us_spelling_of_assad_names_the_president_and_his_government(analyse):
    result = analyse(
        "Officials in Washington said the Asad regime must let aid into Daraya. "
        "Asad has not replied."
    )
    assert "the Asad regime" in mentions_of(result, "Syrian government")
    assert mentions_of(result, "Bashar al-Assad").count("Asad") == 2


def test_a_coalition_airstrike_is_a_mention_of_the_coalition_where_it_fights(analyse):
    result = analyse(
        "A coalition airstrike hit a weapons depot outside Raqqa, Syria, on Sunday, "
        "local activists said."
    )
    coalition = [a for a in result.actors if a.id == "cjtf_oir"]
    assert coalition and [m.text for m in coalition[0].mentions] == ["coalition airstrike"]


def test_a_role_set_beside_a_name_is_a_mention_of_the_person(analyse):
    result = analyse(
        "Gen. Joseph L. Votel, U.S. Central Command commander, visited Baghdad on Monday. "
        "The ministry spokesman, Ahmed Kamil, said the talks went well."
    )
    assert "U.S. Central Command commander" in mentions_of(result, "Joseph L. Votel")
    assert "The ministry spokesman" in mentions_of(result, "Ahmed Kamil")
    # the command named inside the role keeps its own mention
    command = [m.text for a in result.actors if a.kind != "person" for m in a.mentions]
    assert "U.S. Central Command" in command


def test_a_role_that_is_not_beside_the_name_is_not_taken(analyse):
    result = analyse("Ahmed Kamil met the commander in Erbil on Monday.")
    assert mentions_of(result, "Ahmed Kamil") == ["Ahmed Kamil"]


def test_the_group_a_coalition_is_named_against_is_mentioned_inside_its_name(analyse):
    result = analyse(
        "Envoys of the Global Coalition to Counter ISIL met in Berlin; "
        "the counter-ISIL coalition will meet again in June."
    )
    assert mentions_of(result, "Islamic State") == ["ISIL", "ISIL"]
    coalition = [m.text for a in result.actors if a.id == "cjtf_oir" for m in a.mentions]
    assert {"the Global Coalition to Counter ISIL", "the counter-ISIL coalition"} <= set(coalition)


def test_a_phrase_naming_an_unnamed_group_is_a_mention_of_a_generic_actor(analyse):
    result = analyse(
        "The minister said Baghdad would keep working with its partners and the wider "
        "international community to help the victims of the bombing."
    )
    generic = {a.name: (a.kind, a.known, [m.text for m in a.mentions]) for a in result.actors}
    assert generic["partners"] == ("organisation", False, ["its partners"])
    community = [a for a in result.actors if a.name.endswith("international community")]
    assert [m.text for a in community for m in a.mentions] == ["the wider international community"]
    assert generic["victims"][:2] == ("population_group", False)


def test_a_generic_group_ends_no_relation_and_takes_part_in_no_event(analyse):
    result = analyse(
        "Enemy fighters attacked Peshmerga positions south of Erbil on Monday, and "
        "Peshmerga units repelled them."
    )
    generic = {a.id for a in result.actors if a.name == "Enemy fighters"}
    assert generic
    ends = {r.source for r in result.relations} | {r.target for r in result.relations}
    sides = {e.source for e in result.events} | {e.target for e in result.events}
    assert not generic & (ends | sides)


def test_a_group_already_named_is_not_made_generic(analyse):
    result = analyse("ISIL fighters fled Dabiq as the offensive closed in, Syria said.")
    assert not [a for a in result.actors if a.name == "fighters"]
    assert "ISIL fighters" in mentions_of(result, "Islamic State")


def test_an_acronym_defined_after_a_possessive_means_the_long_name(analyse):
    result = analyse(
        "Fighters of the Eastern Desert Brigade's (EDB) second battalion took the ridge "
        "on Friday. The EDB said it lost four men."
    )
    brigade = [a for a in result.actors if a.name == "Eastern Desert Brigade"]
    assert brigade and "EDB" in brigade[0].aliases
    assert not [a for a in result.actors if a.name == "EDB"]


def test_a_registry_name_of_eight_tokens_is_found(analyse):
    result = analyse(
        "Combined Joint Task Force - Operation Inherent Resolve delivered masks to Iraqi "
        "troops near Mosul, Iraq."
    )
    mentions = [m.text for a in result.actors if a.id == "cjtf_oir" for m in a.mentions]
    assert mentions == ["Combined Joint Task Force - Operation Inherent Resolve"]


def test_a_long_name_after_the_is_read_whole(analyse):
    result = analyse(
        "Jets from Vermont joined the campaign on the Islamic State of Iraq and the "
        "Levant over eastern Syria."
    )
    assert mentions_of(result, "Islamic State") == ["the Islamic State of Iraq and the Levant"]
    assert "Levant" not in {m.text for p in result.places for m in p.mentions}


def test_a_counted_group_is_named_by_its_noun_not_by_the_count(analyse):
    result = analyse("At least 20 people were wounded, and the Iraqi people mourned them.")
    names = {a.name: [m.text for m in a.mentions] for a in result.actors if not a.known}
    assert names.get("people") == ["20 people"]
    assert names.get("Iraqi people") == ["the Iraqi people"]
