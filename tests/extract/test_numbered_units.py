"""A unit named by a number after its head ("Division 30", "Brigade 93") keeps the number:
cut to "Division", one faction's name became every division's. Each text is ours."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("Nusra Front fighters attacked Division 30 near Azaz on Friday.", "Division 30"),
        ("Brigade 93 fighters repelled an Islamic State attack near Ain Issa.", "Brigade 93"),
    ],
)
def test_the_number_closes_the_unit_s_name(analyse, text, unit):
    result = analyse(text)
    names = {a.name: a for a in result.actors}
    assert unit in names
    assert "Division" not in names and "Brigade" not in names
    assert names[unit].kind == "armed_group"


def test_an_ordinal_unit_is_still_a_state_force(analyse):
    result = analyse("The 3rd Infantry Division deployed to the border on Monday.")
    assert {a.name: a.kind for a in result.actors}.get("3rd Infantry Division") == "armed_forces"
