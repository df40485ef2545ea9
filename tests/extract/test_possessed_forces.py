"""Forces named by their owner's possessive are the owner's: "the Pentagon's special forces"
in a story about Syria were read as the Syrian Arab Army (the focus state's army), and so
became a member of the US Department of Defense. Each text is ours."""

from __future__ import annotations

import pytest

from flashpoint.extract.actor_table import ActorMention
from flashpoint.extract.relation_filter import _owns_only_a_scene


@pytest.fixture(scope="module")
def nlp(analyzer):
    return analyzer.nlp


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


def _first_mention(doc, name: str) -> ActorMention:
    token = next(t for t in doc if t.text == name)
    return ActorMention(token.idx, token.idx + len(name), name, "x", "alias", token.i, token.i + 1)


def test_a_state_that_only_owns_the_war_or_the_opposition_is_no_party(nlp):
    # the parser hangs "Syria's" on "pits", not on "war": the words are read, not the parse
    for text, name in (
        ("Syria's civil war pits a weakened army against several rebel alliances.", "Syria"),
        ("Jihadists first fought beside Syrias opposition near the border.", "Syrias"),
        ("Drones struck targets in Iraq's western province overnight.", "Iraq"),
    ):
        doc = nlp(text)
        assert _owns_only_a_scene(doc, _first_mention(doc, name), "state"), text
    for text, name in (
        ("Iran's support for the militia grew after the siege.", "Iran"),
        ("Syria's army shelled the town at dawn.", "Syria"),
    ):
        doc = nlp(text)
        assert not _owns_only_a_scene(doc, _first_mention(doc, name), "state"), text


def test_a_state_s_own_act_keeps_its_relation(analyse):
    result = analyse("Iran's support for Hezbollah has grown since the war began.")
    assert any(r.type == "patron_of" for r in result.relations)
