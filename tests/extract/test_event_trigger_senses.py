"""A trigger word counts in the sense its lexicon entry names, not in every sense it has.

Read by hand on FA-KES: "crimes committed by X" was an agreement (the lemma of "committed to a
truce"); "air defences intercepted a missile fired by X" was X's attack, the interception lost;
"a village held by X" made X the source of the air strike that hit it. Each text is ours."""

from __future__ import annotations

import pytest


def names(result) -> dict[str, str]:  # noqa: ANN001
    return {a.id: a.name for a in result.actors}


def by_trigger(result, trigger: str):  # noqa: ANN001, ANN201
    return [e for e in result.events if e.trigger == trigger]


def first_asserted(result):  # noqa: ANN001, ANN201
    return next(e for e in result.events if e.modality == "asserted")


@pytest.mark.parametrize(
    "text",
    [
        "Observers documented abuses committed by the security forces in Idlib province.",
        "The massacre committed by the militia shocked the region.",
        "The commission said the army committed atrocities in the villages it shelled.",
    ],
)
def test_a_crime_committed_is_no_agreement(analyse, text):
    result = analyse(text)
    assert not [e for e in by_trigger(result, "committed") if e.type == "AGREE"]


@pytest.mark.parametrize(
    "text",
    [
        "The two factions committed to a truce on Sunday.",
        "The militia committed to withdraw its fighters from the city.",
    ],
)
def test_a_commitment_to_something_is_still_an_agreement(analyse, text):
    result = analyse(text)
    assert [e for e in by_trigger(result, "committed") if e.type == "AGREE"]


def test_the_crime_s_own_word_keeps_who_committed_it(analyse):
    result = analyse("The massacre committed by the militia shocked the region.")
    (massacre,) = by_trigger(result, "massacre")
    assert massacre.type == "ASSAULT"
    assert names(result).get(massacre.source) == "militia"


def test_a_massacre_committed_is_the_committer_s_attack(analyse):
    result = analyse(
        "The militia committed a massacre in the village where 18 civilians were killed in a "
        "barrel bomb attack."
    )
    event = first_asserted(result)
    assert (event.trigger, event.type) == ("massacre", "ASSAULT")
    assert names(result).get(event.source) == "militia"


@pytest.mark.parametrize(
    "text",
    [
        "Saudi air defences intercepted a missile fired by the Houthis over Jizan.",
        "Saudi air defences intercepted a drone that the Houthis launched at the airport.",
    ],
)
def test_the_interception_is_the_event_not_the_firing(analyse, text):
    result = analyse(text)
    event = first_asserted(result)
    assert event.trigger == "intercepted"
    assert event.acled is not None and event.acled.sub_event_type == "Disrupted weapons use"
    assert names(result).get(event.source) == "Saudi Arabian Armed Forces"
    assert names(result).get(event.target) == "Houthis"


def test_a_missile_fired_and_then_intercepted_keeps_both_sides(analyse):
    result = analyse(
        "The Houthis fired a missile at Jizan that was intercepted by Saudi air defences."
    )
    people = names(result)
    (interception,) = by_trigger(result, "intercepted")
    assert people.get(interception.source) == "Saudi Arabian Armed Forces"
    assert people.get(interception.target) == "Houthis"
    assert all(people.get(e.source) != "Houthis" for e in result.events if e.type == "COERCE")


@pytest.mark.parametrize(
    "text",
    [
        "Regime jets bombed positions held by Kurdish forces in Hasakeh.",
        "Warplanes struck a village held by the Islamic State group in Deir ez-Zor.",
        "A village held by the Islamic State group was hit by air strikes on Monday.",
    ],
)
def test_a_place_held_is_a_state_not_an_event(analyse, text):
    result = analyse(text)
    assert not by_trigger(result, "held")
    assert all(names(result).get(e.source) != "Islamic State" for e in result.events)


@pytest.mark.parametrize(
    ("text", "trigger"),
    [
        ("Heavy clashes took place on Monday between the army and the rebels near Daraa.", "took"),
        ("The wounded were taken to hospitals in Idlib after the army shelled the town.", "taken"),
        ("No group has taken responsibility for the bombing that killed nine soldiers.", "taken"),
    ],
)
def test_take_in_another_sense_is_no_capture(analyse, text, trigger):
    assert not by_trigger(analyse(text), trigger)


def test_taking_a_town_is_still_a_capture(analyse):
    result = analyse("The rebels took the town of Ramussa after a three-week siege.")
    (took,) = by_trigger(result, "took")
    assert took.type == "ASSAULT"


@pytest.mark.parametrize(
    "text",
    [
        "Nearly all of the province is controlled by the Kurdish People's Protection Units.",
        "The town has been held by rebels since 2012.",
        "Aid convoys queued between the rebel-held east and the government-controlled west.",
    ],
)
def test_who_holds_a_place_now_is_no_event(analyse, text):
    assert analyse(text).events == []
