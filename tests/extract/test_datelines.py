"""A dateline says where a story was filed, wherever a scraped page leaves it: the states it
names are no actors ("DAMASCUS, Syria (AP) Rebels fired ..." had Syria firing). Each text is
ours."""

from __future__ import annotations

import pytest

from flashpoint.extract.datelines import dateline_spans


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("DAMASCUS, Syria (AP) Rebels fired mortars at the capital.", "DAMASCUS, Syria"),
        ("Blast in Idlib MOSCOW (Sputnik) A car bomb went off on Tuesday.", "MOSCOW"),
        ("NEW YORK - The council met on Friday.", "NEW YORK"),
    ],
)
def test_datelines_are_found_wherever_they_sit(analyzer, text, place):
    doc = analyzer.nlp(text)
    assert [doc[s:e].text for s, e in dateline_spans(doc)] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "Russia (which backs the government) struck rebel positions near Hama.",
        "The UN said the talks in Geneva - the fourth round - had stalled.",
        "The SDF said in a statement (issued late on Monday) that it had taken the town.",
    ],
)
def test_an_aside_is_no_dateline(analyzer, text):
    assert dateline_spans(analyzer.nlp(text)) == []


def test_an_acronym_spelt_out_keeps_its_actor(analyse):
    result = analyse("ISIS (Islamic State) fighters attacked a checkpoint near Mosul.")
    assert "Islamic State" in {a.name for a in result.actors}


def test_a_state_in_a_dateline_is_no_actor(analyse):
    result = analyse("DAMASCUS, Syria (AP) Rebels fired mortars at the capital on Sunday.")
    names = {a.id: a.name for a in result.actors}
    assert "Syria" not in names.values()
    event = next(e for e in result.events if e.type == "ASSAULT")
    assert names.get(event.source) == "Syrian armed opposition"


def test_a_state_that_acts_after_a_dateline_is_still_an_actor(analyse):
    result = analyse("BEIRUT (Reuters) Russia struck rebel positions near Hama on Monday.")
    assert "Russia" in {a.name for a in result.actors}


def test_a_dateline_holds_no_target(analyse):
    result = analyse(
        "MOSCOW (Sputnik) Over 40 people were killed in a bombing near the city of Homs on "
        "Saturday."
    )
    names = {a.id: a.name for a in result.actors}
    assert all(names.get(e.target) not in {"Sputnik", "Russia"} for e in result.events)
