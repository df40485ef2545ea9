"""A verbal main clause the PLOVER head names is an event even when no rule trigger found it.

"The governor held the militia responsible for the ambush": the ACLED head reads the ambush,
the PLOVER head the accusation; the rules know no trigger for "held ... responsible", so the
accusation used to vanish. The classifier is replaced by a fixed verdict so the test reads
the policy, not the weights.
"""

from __future__ import annotations

import pytest

from flashpoint.models.classifiers import EventPrediction

SENTENCE = "The governor held the militia responsible for the ambush that killed four villagers."


class FixedVerdict:
    def __init__(self, plover: str):
        self.plover = plover

    def classify(self, sentences):  # noqa: ANN001, ANN201 - the classifier's interface
        return [EventPrediction("ATTACK", 0.9, self.plover, 0.8, 0.05, 0.05) for _ in sentences]


@pytest.fixture
def swap(analyzer):
    real = analyzer.learned.classifier

    def use(plover: str):
        analyzer.learned.classifier = FixedVerdict(plover)
        return analyzer.analyze_text(SENTENCE)

    yield use
    analyzer.learned.classifier = real


def test_verbal_main_clause_without_a_rule_trigger_becomes_an_event(swap):
    events = swap("ACCUSE")
    assert [e.type for e in events.events][:2] == ["ASSAULT", "ACCUSE"]
    accusation = events.events[1]
    assert accusation.trigger == "held" and accusation.confidence == 0.8
    assert events.events[0].acled.sub_event_type == "Attack"  # the first event stays the ambush


def test_no_extra_event_when_the_heads_agree_on_the_violence(swap):
    events = swap("ASSAULT")
    assert [e.type for e in events.events] == ["ASSAULT"]


class NonEventVerdict:
    """No ACLED event; the PLOVER head sure of a verbal type."""

    def classify(self, sentences):  # noqa: ANN001, ANN201
        return [EventPrediction("ATTACK", 0.05, "REQUEST", 0.8, 0.9, 0.05) for _ in sentences]


def test_a_verbal_verdict_leads_even_when_the_rules_found_another_verbal_event(analyzer):
    real = analyzer.learned.classifier
    analyzer.learned.classifier = NonEventVerdict()
    try:
        found = analyzer.analyze_text(
            "The minister, who met the envoy on Monday, pressed the rebels to free the hostages."
        )
    finally:
        analyzer.learned.classifier = real
    first = found.events[0]
    assert (first.type, first.trigger, first.confidence) == ("REQUEST", "pressed", 0.8)
    assert "CONSULT" in [e.type for e in found.events[1:]]  # the rule event is kept behind it
