"""Unnamed perpetrators ('armed men', 'suicide bombers') are the source of what they do."""

from __future__ import annotations

import pytest


def source_names(result) -> list[str | None]:
    names = {a.id: a.name for a in result.actors}
    return [names.get(e.source) for e in result.events if e.type == "ASSAULT"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Armed men abducted four teachers from a school near Kaduna.", "Armed men"),
        ("Suicide bombers hit two checkpoints outside the town at dawn.", "Suicide bombers"),
        ("Gang members torched a police station in the capital overnight.", "Gang members"),
    ],
)
def test_an_unnamed_perpetrator_is_the_source(analyse, text, source):
    result = analyse(text)
    assert source in source_names(result)
    assert next(a for a in result.actors if a.name == source).kind == "armed_group"


def test_a_patron_word_before_a_group_still_names_no_generic_actor(analyse):
    result = analyse("Iranian-armed militias shelled the town.")
    assert "armed militias" not in {a.name for a in result.actors}
