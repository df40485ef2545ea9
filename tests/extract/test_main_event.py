"""Each event says where its trigger sits in the sentence, and the sentence's main event is the
one of its main clause: a coder records "the envoy urged restraint", not the burning the
sentence mentions after it."""

from __future__ import annotations

import pytest

from flashpoint.evaluate.plover import chosen_event
from flashpoint.model import Event, Span, main_event

STORMED = "The police said gunmen who stormed the hotel had killed four guards."


def roles(analyzer, text: str) -> dict[str, str]:
    doc = analyzer.nlp(text)
    return {t.text: analyzer.events.clause_of(t) for t in doc if t.pos_ in {"VERB", "NOUN"}}


@pytest.mark.parametrize(
    ("text", "word", "role"),
    [
        ("The army shelled the village on Tuesday.", "shelled", "main"),
        ("Militants attacked a police post near Bannu and set fire to two trucks.", "set", "main"),
        ("Rebel fighters launched an offensive on the town at dawn.", "offensive", "main"),
        ("The EU imposed sanctions on three militia commanders.", "sanctions", "main"),
        ("The ministry condemned the air strike that killed six farmers.", "strike", "argument"),
        ("The ministry condemned the air strike that killed six farmers.", "killed", "subordinate"),
        ("The governor said rebels ambushed a convoy near the pass.", "ambushed", "reported"),
        ("Jets bombed a fuel depot outside Homs, the monitoring group said.", "bombed", "reported"),
        (STORMED, "killed", "reported"),
        (STORMED, "stormed", "subordinate"),
        ("The ministry said the rebels were to blame for the ambush.", "blame", "reported"),
        ("The rebel command accused the army of shelling the market.", "shelling", "subordinate"),
        ("The envoy urged restraint after militias burned two villages.", "burned", "subordinate"),
        ("The envoy urged restraint after militias burned two villages.", "urged", "main"),
    ],
)
def test_clause_role_of_a_trigger(analyzer, text, word, role):
    assert roles(analyzer, text)[word] == role


def event(type_: str, clause: str | None, confidence: float) -> Event:
    return Event(
        id="e",
        type=type_,
        clause=clause,
        confidence=confidence,
        evidence=Span(start=0, end=1, text="x"),
    )


def test_main_event_prefers_the_main_clause_over_a_more_confident_subordinate_one():
    burned = event("ASSAULT", "subordinate", 0.9)
    urged = event("REQUEST", "main", 0.4)
    assert main_event([burned, urged]) is urged


def test_main_event_falls_back_to_a_reported_clause_then_to_confidence():
    reported = event("ASSAULT", "reported", 0.5)
    after = event("AGREE", "subordinate", 0.9)
    assert main_event([after, reported]) is reported
    first, second = event("ASSAULT", "main", 0.6), event("ACCUSE", "main", 0.6)
    assert main_event([first, second]) is first  # ties keep the order
    assert main_event([event("ASSAULT", None, 0.3), event("ACCUSE", None, 0.8)]).type == "ACCUSE"
    assert main_event([]) is None


def test_extracted_events_carry_their_clause(analyse):
    found = analyse("The rebel command accused the army of shelling the market in Kidal.")
    by_trigger = {e.trigger: e.clause for e in found.events}
    assert by_trigger["accused"] == "main" and by_trigger["shelling"] == "subordinate"
    assert chosen_event(found).type == "ACCUSE"


def test_a_verbal_main_clause_over_violence_is_the_chosen_event(analyse):
    found = analyse("The envoy urged restraint after militias burned two villages near the river.")
    assert {e.type for e in found.events} >= {"REQUEST", "ASSAULT"}
    assert (chosen_event(found).type, chosen_event(found).trigger) == ("REQUEST", "urged")


def test_the_clause_is_in_the_json_contract(analyse):
    found = analyse("Jets bombed a fuel depot outside Homs, the monitoring group said.")
    data = found.model_dump(mode="json", by_alias=True)
    assert data["events"][0]["clause"] == "reported"


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        ("Egypt voiced support for the Sudanese army in its war with the RSF.", "SUPPORT"),
        ("The Kenyan government reaffirmed its backing for the Somali government.", "SUPPORT"),
        ("Hamas turned down the Israeli proposal for a three-week truce.", "REJECT"),
    ],
)
def test_verbal_main_clauses_the_lexicon_names(analyse, text, type_):
    assert chosen_event(analyse(text)).type == type_
