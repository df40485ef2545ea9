"""Forces named by their owner's possessive are the owner's: "the Pentagon's special forces"
in a story about Syria were read as the Syrian Arab Army (the focus state's army), and so
became a member of the US Department of Defense. Each text is ours."""

from __future__ import annotations


def linked(result, word: str) -> str | None:
    """The actor a mention ending in `word` is linked to."""
    for actor in result.actors:
        if any(m.text.split()[-1] == word for m in actor.mentions):
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
