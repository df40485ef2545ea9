"""Forces named by their owner's possessive are the owner's: "the Pentagon's special forces"
in a story about Syria were read as the Syrian Arab Army (the focus state's army), and so
became a member of the US Department of Defense. Each text is ours."""

from __future__ import annotations


def linked(result, word: str) -> str | None:
    """The actor a mention holding `word` is linked to."""
    for actor in result.actors:
        if any(word in m.text.split() for m in actor.mentions):
            return actor.name
    return None


def test_a_body_s_forces_are_that_body_s(analyse):
    result = analyse("In Syria, the Pentagon's special forces raided a compound near Deir ez-Zor.")
    assert linked(result, "forces") == "United States Department of Defense"
    assert "Syrian Arab Army" not in {a.name for a in result.actors}


def test_a_state_s_troops_are_its_armed_forces_not_the_focus_state_s(analyse):
    result = analyse("Near Aleppo, Russia's troops shelled rebel positions on Tuesday.")
    assert linked(result, "troops") == "Russian Armed Forces"


def test_unowned_troops_still_take_the_focus_state(analyse):
    result = analyse("Near Aleppo, Syrian troops shelled rebel positions on Tuesday.")
    assert linked(result, "troops") == "Syrian Arab Army"


def test_a_possessive_without_its_apostrophe_still_names_its_owner(analyse):
    # scraped copy drops the apostrophe: "Russias", "Hezbollahs"
    result = analyse("Near Aleppo, Russias troops and Hezbollahs fighters shelled rebel positions.")
    assert linked(result, "Russias") == "Russia"
    assert linked(result, "Hezbollahs") == "Hezbollah"


def test_a_state_that_only_owns_the_war_or_the_opposition_is_no_party(analyse):
    for text in (
        "Syria's civil war pits President Bashar al-Assad, backed by Russia, against rebel "
        "groups that include some backed by Turkey.",
        "Syrias civil war pits President Bashar al-Assad, backed by Russia, against rebel "
        "groups that include some backed by Turkey.",
    ):
        result = analyse(text)
        ends = {a.id: a.name for a in result.actors}
        names = {(ends.get(r.source), ends.get(r.target)) for r in result.relations}
        assert not any("Syria" in pair for pair in names), (text, names)


def test_a_state_s_own_act_keeps_its_relation(analyse):
    result = analyse("Iran's support for Hezbollah has grown since the war began.")
    assert any(r.type == "patron_of" for r in result.relations)
