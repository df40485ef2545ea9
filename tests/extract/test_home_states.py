"""A state's possessive before a non-state group's name only says where the group is from:
"Iraq's Kataib Hezbollah vowed to strike US forces" had Iraq enemy_of the US forces, and
"Lebanon's Hezbollah" made Lebanon a party (eleventh reading #20). A state's own organ keeps
its state ("Iran's Revolutionary Guards"). Each text is ours."""

from __future__ import annotations

import pytest


def names(result) -> set[str]:  # noqa: ANN001
    return {a.name for a in result.actors}


@pytest.mark.parametrize(
    ("text", "home"),
    [
        ("Iraq's Kataib Hezbollah vowed to strike US forces in eastern Syria.", "Iraq"),
        ("Yemen's Houthis fired two missiles at Saudi Arabia on Sunday.", "Yemen"),
        ("Nigeria's Boko Haram kidnapped 300 schoolgirls in Chibok.", "Nigeria"),
    ],
)
def test_the_home_state_is_no_party(analyse, text, home):
    result = analyse(text)
    ids = {a.id: a.name for a in result.actors}
    assert home not in names(result)
    assert all(home not in (ids.get(r.source), ids.get(r.target)) for r in result.relations)


def test_the_home_state_does_not_make_the_story_its_own(analyse):
    result = analyse("Troops backed by Lebanon's Hezbollah advanced on Zabadani in Syria.")
    assert "Lebanese Armed Forces" not in names(result)


def test_a_state_s_own_organ_keeps_its_state(analyse):
    result = analyse("Iran's Revolutionary Guards fired missiles at targets near Erbil.")
    assert "Iran" in names(result)
