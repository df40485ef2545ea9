"""Who a hyphened patron or leader word makes the attacker: 'Turkish-backed rebels shelled'
is the rebels' shelling (their actor was made only after events were read); 'US-backed
Syrian attacks' are not the United States' (the patron only backs them); 'Saudi-led
airstrikes' are the coalition's. Each text is ours."""

from __future__ import annotations

import pytest


def first_assault_source(result) -> str | None:  # noqa: ANN001
    names = {a.id: a.name for a in result.actors}
    event = next((e for e in result.events if e.type == "ASSAULT"), None)
    return names.get(event.source) if event is not None and event.source else None


def test_a_backed_group_is_the_source_of_its_attack(analyse):
    result = analyse("Turkish-backed rebels shelled Kurdish positions near Tal Rifaat.")
    assert first_assault_source(result) == "Turkish-backed rebels"


@pytest.mark.parametrize(
    "text",
    [
        "US-backed Syrian attacks on Raqqa began in June.",
        "Iranian-backed attacks on the base have grown since the summer.",
    ],
)
def test_the_patron_is_not_the_attacker(analyse, text):
    assert first_assault_source(analyse(text)) not in {"United States", "Iran"}


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Saudi-led airstrikes hit a school bus in Dahyan, killing 40 children.",
            "Saudi-led coalition",
        ),
        (
            "US-led strikes killed 20 Islamic State fighters near Mosul.",
            "Combined Joint Task Force – Operation Inherent Resolve",
        ),
    ],
)
def test_a_led_attack_is_the_coalition_s(analyse, text, source):
    assert first_assault_source(analyse(text)) == source


def test_a_linked_group_s_own_name_is_still_the_source(analyse):
    result = analyse("Wagner-linked fighters allegedly raped women at a mining site near Bria.")
    assert first_assault_source(result) == "Wagner Group"


def test_a_linked_plural_group_is_the_group_named(analyse):
    result = analyse("ISIS-linked militants attacked a church in Cabo Delgado on Sunday.")
    assert first_assault_source(result) == "Islamic State"
    assert "linked militants" not in {a.name for a in result.actors}
