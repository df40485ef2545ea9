"""What the shipped classifiers say about sentences written for this test (none is in the
training corpus): each is clear-cut for an analyst, so a model that misses it is broken."""

from __future__ import annotations

import pytest

from flashpoint.models import Models
from flashpoint.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def models() -> Models:
    return Models.load()


CLEAR_CASES = [
    ("Fighter jets bombed a fuel depot outside the town overnight, residents said.", "AIR_STRIKE"),
    (
        "Police fired tear gas to break up a sit-in by teachers demanding unpaid wages.",
        "PROTEST_WITH_INTER",
    ),
    ("A suicide bomber blew himself up at the gate of a police academy.", "SUIC_BOMB"),
    ("Soldiers detained four journalists at a checkpoint on Sunday.", "ARREST"),
    ("Gunmen on motorbikes kidnapped the village chief and his two sons.", "ABDUCT_DISSAP"),
    (
        "Thousands of students marched peacefully through the capital to demand reforms.",
        "PEACE_PROTEST",
    ),
]


@pytest.mark.parametrize(("sentence", "label"), CLEAR_CASES)
def test_models_event_classifier_reads_clear_cases(models, sentence, label):
    verdict = models.events.classify([sentence])[0]
    assert verdict.is_event and verdict.acled == label


def test_models_event_classifier_knows_a_non_event(models):
    verdict = models.events.classify(["The striker fired home a late winner to seal the title."])[0]
    assert not verdict.is_event and verdict.no_event > 0.5


def test_models_relation_classifier_reads_patronage_direction(models):
    text = "The Iranian-backed Houthis fired missiles at Marib."
    a = (text.index("Iranian"), text.index("Iranian") + len("Iranian"))
    b = (text.index("Houthis"), text.index("Houthis") + len("Houthis"))
    verdict = models.relations.classify(text, [(a, b)], load_pipeline()(text))[0]
    assert (verdict.type, verdict.forward) == ("patron_of", True)


def test_models_relation_classifier_that_reads_the_parse_needs_it(models):
    text = "Hezbollah fighters battled Nusra Front militants near Arsal."
    pair = [((0, 9), (text.index("Nusra"), text.index("Nusra") + len("Nusra Front")))]
    if not models.relations.reads_parse:
        pytest.skip("the shipped relation model does not read the parse")
    with pytest.raises(ValueError, match="parse"):
        models.relations.classify(text, pair)
    verdict = models.relations.classify(text, pair, load_pipeline()(text))[0]
    assert verdict.type == "enemy_of"
