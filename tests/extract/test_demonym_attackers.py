"""A state's demonym on an attack noun names who attacked: "Russian airstrikes on Ariha",
"Israeli strikes", "Turkish shelling of villages". The event had no source, since the
demonym alone is no actor, or the registry's "Israeli strikes" descriptor swallowed the attack
noun and waited for Israel to be the story's focus. Each text is ours."""

from __future__ import annotations

import pytest


def source_of(result, trigger: str) -> str | None:  # noqa: ANN001
    names = {a.id: a.name for a in result.actors}
    event = next(e for e in result.events if e.trigger == trigger)
    return names.get(event.source) if event.source else None


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        (
            "Russian airstrikes on the town of Ariha killed nine civilians on Tuesday.",
            "airstrikes",
            "Russian Armed Forces",
        ),
        (
            "At least 14 people died in Israeli strikes on Khan Younis overnight, medics said.",
            "strikes",
            "Israel Defense Forces",
        ),
        (
            "Turkish shelling of Kurdish villages near Afrin continued for a third day.",
            "shelling",
            "Turkish Armed Forces",
        ),
        (
            "Russian air strikes and government shelling killed 30 people in Idlib.",
            "strikes",
            "Russian Armed Forces",
        ),
    ],
)
def test_the_demonym_names_the_attacker(analyse, text, trigger, source):
    assert source_of(analyse(text), trigger) == source


@pytest.mark.parametrize(
    "text",
    [
        "The anti-American attacks were condemned by the council on Monday.",
        "US-backed Syrian attacks on the city began in June.",
    ],
)
def test_a_demonym_that_is_not_the_attacker_names_no_forces(analyse, text):
    names = {a.name for a in analyse(text).actors}
    assert "Syrian Arab Army" not in names
    assert "United States Armed Forces" not in names


def test_the_attack_noun_stays_an_event(analyse):
    result = analyse("Israeli strikes on Khan Younis killed 14 people.")
    assert any(e.trigger == "strikes" and e.type == "ASSAULT" for e in result.events)


@pytest.mark.parametrize(
    "text",
    [
        "Three boys were killed in army shelling of an opposition-held suburb near the "
        "capital late on Monday, activists said.",
        "Five fishermen were killed when their boat was bombed near the coast, residents said.",
    ],
)
def test_who_tells_of_a_passive_attack_did_not_make_it(analyse, text):
    result = analyse(text)
    tellers = {a.id for a in result.actors if a.name in {"activists", "residents"}}
    assert all(e.source not in tellers for e in result.events if e.type == "ASSAULT")


def test_a_regime_attack_in_a_story_about_syria_is_its_army_s(analyse):
    text = (
        "Regime airstrikes hit the town of Saraqeb in Syria's Idlib province on Monday, "
        "killing six people."
    )
    result = analyse(text)
    names = {a.id: a.name for a in result.actors}
    event = next(e for e in result.events if e.type == "ASSAULT")
    assert names.get(event.source) == "Syrian Arab Army"


def test_victims_before_a_passive_are_no_source_when_commas_are_lost(analyse):
    text = (
        "Near Inkhil in the countryside of Quneitra 9 farmers were killed in two air raids "
        "while 14 were hurt reported the Syrian Observatory for Human Rights."
    )
    result = analyse(text)
    victims = {a.id for a in result.actors if a.kind == "population_group"}
    assert victims
    assert all(e.source not in victims for e in result.events)
