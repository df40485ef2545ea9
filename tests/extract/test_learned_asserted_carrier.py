"""The verdict's event is asserted where the rules read only a hedged word of its kind.

"Soldiers found and defused a roadside bomb ... before it could be detonated": the rules' one
trigger is the speculative "detonated", so the DISR_WEAP verdict used to sit on a hedged
event and the snippet had no asserted event at all. The word that carries the verdict in the
main clause ("found", "defused") is then the main event. A denial keeps its negation:
nothing asserted is made of "denied that its jets had bombed". The classifier is replaced by
a fixed verdict so the test reads the policy, not the weights.
"""

from __future__ import annotations

import pytest

from flashpoint.models.classifiers import EventPrediction


class FixedVerdict:
    def __init__(self, acled: str):
        self.acled = acled

    def classify(self, sentences):  # noqa: ANN001, ANN201 - the classifier's interface
        return [EventPrediction(self.acled, 0.9, "", 0.0, 0.05, 0.9) for _ in sentences]


@pytest.fixture
def verdict(analyzer):
    real = analyzer.learned.classifier

    def use(acled: str, text: str):
        analyzer.learned.classifier = FixedVerdict(acled)
        return analyzer.analyze_text(text)

    yield use
    analyzer.learned.classifier = real


def _first_asserted(analysis):  # noqa: ANN001, ANN202
    return next((e for e in analysis.events if e.modality == "asserted" and e.acled), None)


def test_an_asserted_carrier_replaces_a_hedged_rule_event(verdict):
    text = (
        "Soldiers found and defused a roadside bomb near Jowhar before it could be detonated, "
        "officials said."
    )
    first = _first_asserted(verdict("DISR_WEAP", text))
    assert first is not None
    assert first.acled.sub_event_type == "Disrupted weapons use"
    assert first.trigger in {"found", "defused"}


def test_shells_that_landed_are_the_event_not_the_intended_assault(verdict):
    text = (
        "Artillery shells landed on a village near Kaya, residents said, as the army tried to "
        "dislodge the militants."
    )
    first = _first_asserted(verdict("ART_MISS_ATTACK", text))
    assert first is not None
    assert first.acled.sub_event_type == "Shelling/artillery/missile attack"


def test_a_denied_event_stays_denied(verdict):
    text = "The air force denied that its jets had bombed the market in Kafr Nabl."
    analysis = verdict("AIR_STRIKE", text)
    strikes = [
        e for e in analysis.events if e.acled and e.acled.sub_event_type == "Air/drone strike"
    ]
    assert strikes and all(e.modality != "asserted" for e in strikes)
