"""The learned place-or-actor model reads a name's context and shape, not only the name."""

from __future__ import annotations

import pytest

from flashpoint.models.place_names import context_text, shipped_model


@pytest.fixture(scope="module")
def model():
    found = shipped_model()
    assert found is not None, "data/models/place_name.npz is missing (scripts/train_place_names.py)"
    return found


def score(analyzer, model, text: str, name: str) -> float:
    doc = analyzer.nlp(text)
    start = text.index(name)
    return model.p_place(doc, [doc.char_span(start, start + len(name))])[0]


def test_a_village_context_scores_above_an_actor_context_for_one_unknown_name(analyzer, model):
    as_place = score(
        analyzer, model, "Militants attacked army posts around Qabtan on Monday.", "Qabtan"
    )
    as_actor = score(
        analyzer, model, "Qabtan said in a statement that its fighters withdrew.", "Qabtan"
    )
    assert as_place > 0.5 > as_actor


def test_a_brigade_is_never_a_place(analyzer, model):
    assert (
        score(analyzer, model, "Hreitan Brigade fighters claimed the attack.", "Hreitan Brigade")
        < 0.1
    )


def test_the_context_hides_the_name_itself(analyzer):
    doc = analyzer.nlp("Shelling hit Qabtan overnight.")
    text = context_text(doc, doc[2:3])
    assert "qabtan" not in text.split() and "<N>" in text
