"""Armed groups a text does not name are still the ones who acted: "terrorist groups
targeted the neighbourhood", "armed groups attacked a convoy" (state media's and the UN's
phrasing). The plural stays a generic actor; the singular "this terrorist group" still points
back to the named group. Each text is ours."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Six civilians were wounded as terrorist groups targeted the old market with "
            "rocket shells on Friday.",
            "terrorist groups",
        ),
        ("Armed groups ambushed a supply convoy near Beni on Sunday.", "Armed groups"),
    ],
)
def test_an_unnamed_plural_group_is_the_source(analyse, text, source):
    result = analyse(text)
    names = {a.id: a.name for a in result.actors}
    assert any(names.get(e.source) == source for e in result.events if e.type == "ASSAULT")
    assert {a.known for a in result.actors if a.name == source} == {False}


def test_the_singular_still_points_back_to_the_named_group(analyse):
    result = analyse(
        "Islamic State fighters seized the town on Monday. This terrorist group has killed "
        "hundreds of people there."
    )
    names = {a.id: a.name for a in result.actors}
    killed = next(e for e in result.events if e.trigger == "killed")
    assert names.get(killed.source) == "Islamic State"
