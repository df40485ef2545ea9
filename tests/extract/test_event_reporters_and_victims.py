"""Who tells of an attack is not its target, and who suffers it is not its source.

Word order alone put the reporter after the trigger as the target ("... told AFP", "an AFP
photographer saw", "according to the UN"), and a noun before a past participle ("villagers
abducted this week") as the one who did it. Each text is ours, written without commas where
wire copy on the web loses them, since that is where the parser needs the fallback."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        (
            "Fighting is continuing to take place in the northern villages a local commander "
            "told AFP by telephone.",
            "Fighting",  # "take place" is no event (test_event_trigger_senses.py)
        ),
        ("The barrel bomb hit the square where an AFP photographer saw a burning car.", "hit"),
    ],
)
def test_the_reporter_is_not_the_target(analyse, roles, text, trigger):
    source, target = roles(analyse(text), trigger)
    assert target != "Agence France-Presse"
    assert source != "Agence France-Presse"


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        (
            "Dozens of civilians killed by the militia were buried on Friday.",
            "killed",
            "militia",
            "civilians",
        ),
        (
            "The number of villagers abducted this week stands at 150 the monitor said.",
            "abducted",
            None,
            "villagers",
        ),
    ],
)
def test_the_noun_before_a_participle_suffered_it(analyse, roles, text, trigger, source, target):
    assert roles(analyse(text), trigger) == (source, target)


def test_an_attack_claimed_by_a_group_is_the_group_s(analyse, roles):
    result = analyse(
        "A car bomb struck the checkpoint at dawn. The attack was claimed by the Islamic State."
    )
    assert roles(result, "attack")[0] == "Islamic State"


def test_backing_is_a_relation_not_an_attack(analyse):
    result = analyse(
        "Somali troops backed by clan militias retook the town of Bulo Burde from al-Shabaab."
    )
    assert not any(e.trigger == "backed" for e in result.events)
