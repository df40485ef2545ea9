"""re3d scoring of a record whose kind maps to two types: the gold mention closest to its span
decides ("the Iraqi people" is an Organisation; "Iraqi" inside it a Nationality)."""

from __future__ import annotations

from flashpoint.evaluate.re3d import evaluate_re3d
from flashpoint.evaluate.re3d_data import GoldEntity, Re3dCorpus, Re3dDocument
from flashpoint.model import Actor, Analysis, Document, Span

TEXT = "Aid reached the Kurdish people of the valley before winter, and Kurdish leaders met."


def _at(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def _corpus(*gold: tuple[str, str]) -> Re3dCorpus:
    entities = [GoldEntity("d1", kind, *_at(needle), needle) for kind, needle in gold]
    return Re3dCorpus(documents=[Re3dDocument("d1", "f", None, TEXT)], entities=entities)


def _analysis(needle: str) -> Analysis:
    start, end = _at(needle)
    actor = Actor(
        id="new:kurdish_people",
        name="Kurdish people",
        kind="population_group",
        known=False,
        mentions=[Span(start=start, end=end, text=needle)],
    )
    return Analysis(document=Document(id="d1", text=TEXT), actors=[actor])


def test_entities_a_group_phrase_is_scored_as_the_closer_gold_type():
    corpus = _corpus(("Nationality", "Kurdish"), ("Organisation", "the Kurdish people"))
    result = evaluate_re3d(corpus, {"d1": _analysis("the Kurdish people")})
    per_type = result.entities["per_type"]
    assert per_type["Organisation"].tp_gold == 1
    assert per_type["Nationality"].n_pred == 0


def test_entities_a_demonym_is_still_scored_as_its_nationality():
    corpus = _corpus(("Nationality", "Kurdish"), ("Organisation", "the Kurdish people"))
    result = evaluate_re3d(corpus, {"d1": _analysis("Kurdish")})
    per_type = result.entities["per_type"]
    assert per_type["Nationality"].tp_gold == 1
    assert per_type["Organisation"].n_pred == 0
