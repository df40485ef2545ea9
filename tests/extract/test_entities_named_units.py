"""Discovery of names the NER misses or misreads: numbered military units are armed forces,
the office in a title ("Secretary of State") and a transcript's turn label ("QUESTION:")
are no actors."""

from __future__ import annotations


def _mentions(analysis) -> dict[str, tuple[str, str]]:
    return {m.text: (a.id, a.kind) for a in analysis.actors for m in a.mentions}


def test_discovery_numbered_unit_is_an_armed_force(analyse):
    text = "Crews of the 61st Tactical Airlift Squadron returned home on Monday."
    mentions = _mentions(analyse(text))
    assert mentions["61st Tactical Airlift Squadron"][1] == "armed_forces"


def test_discovery_capitalised_words_without_a_number_make_no_unit(analyse):
    text = "Pilots of the Northern Fighter Wing landed at dusk after the patrol."
    mentions = _mentions(analyse(text))
    assert all(kind != "armed_forces" or "Wing" not in name for name, (_, kind) in mentions.items())


def test_discovery_office_after_a_title_is_no_organisation(analyse):
    text = "Deputy Secretary of State Mara Ellison will travel to Amman on Tuesday for talks."
    mentions = _mentions(analyse(text))
    assert "State" not in mentions
    assert any("Mara Ellison" in name and kind == "person" for name, (_, kind) in mentions.items())


def test_discovery_transcript_label_is_no_person(analyse):
    text = "QUESTION: Minister Ellison, did the talks in Amman cover the border crossings?"
    mentions = _mentions(analyse(text))
    assert "QUESTION" not in mentions


def test_discovery_airmen_and_officers_are_generic_forces(analyse):
    text = "Dozens of airmen flew the tankers while border officers detained two smugglers."
    mentions = _mentions(analyse(text))
    assert mentions["airmen"][1] == "armed_forces"
    assert any(
        name.endswith("officers") and kind == "armed_forces" for name, (_, kind) in mentions.items()
    )


def test_discovery_residents_are_a_population_group(analyse):
    text = "The agency moved the camp residents to new shelters before the storm reached the coast."
    mentions = _mentions(analyse(text))
    assert any(
        name.endswith("residents") and kind == "population_group"
        for name, (_, kind) in mentions.items()
    )


def test_discovery_officers_after_coordinated_names_are_theirs(analyse):
    text = "Gunmen fired on Badr and Interior Ministry officers at a checkpoint near Baquba."
    mentions = _mentions(analyse(text))
    assert "officers" not in mentions
    assert "Interior Ministry" in mentions
