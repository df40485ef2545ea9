"""A body that speaks through its spokesman reports what others did; it is no party to it.

Each text is ours.
"""

from __future__ import annotations


def test_a_ministry_named_in_its_spokesman_title_is_only_the_reporter(analyse):
    result = analyse(
        "A Turkish Defence Ministry spokesman said the YPG had shelled a border post near Kilis."
    )
    names = {a.id: a.name for a in result.actors}
    assert not [
        r
        for r in result.relations
        if "YPG" in names.get(r.source, "") + names.get(r.target, "")
        or "People's Protection Units" in (names.get(r.source), names.get(r.target))
    ]


def test_a_force_speaking_of_its_own_fight_is_still_a_side(analyse):
    result = analyse(
        "Hezbollah fighters said they had killed five Islamic State members near Arsal."
    )
    assert any(r.type == "enemy_of" for r in result.relations)
