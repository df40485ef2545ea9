"""A population group we give is scored as the Nationality re3d calls it, else as the
Organisation re3d calls a group of people (its guide's two definitions). The text is ours."""

from __future__ import annotations

from flashpoint.evaluate.re3d import evaluate_re3d
from flashpoint.evaluate.re3d_data import GoldEntity, Re3dCorpus, Re3dDocument
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.model import Actor, Analysis, Document, Span

TEXT = "Displaced Ruritanians crossed the river; Ruritanian officials met the farmers."


def span(needle: str) -> Span:
    start = TEXT.index(needle)
    return Span(start=start, end=start + len(needle), text=needle)


def corpus(gold: list[tuple[str, str]]) -> Re3dCorpus:
    entities = [GoldEntity("D", kind, span(t).start, span(t).end, t) for kind, t in gold]
    return Re3dCorpus([Re3dDocument("D", "src", "D", TEXT)], entities, [])


def analysis() -> Analysis:
    groups = [
        Actor(
            id="new:ruritanians",
            name="Ruritanians",
            kind="population_group",
            known=False,
            mentions=[span("Displaced Ruritanians")],
        ),
        Actor(
            id="new:farmers",
            name="the farmers",
            kind="population_group",
            known=False,
            mentions=[span("the farmers")],
        ),
    ]
    return Analysis(document=Document(id="D", text=TEXT), actors=groups)


def test_re3d_a_population_group_takes_the_type_the_gold_gives_it():
    gold = [("Organisation", "Displaced Ruritanians"), ("Nationality", "farmers")]
    result = evaluate_re3d(corpus(gold), {"D": analysis()})
    per_type = result.entities["per_type"]
    assert (per_type["Organisation"].tp_gold, per_type["Organisation"].n_pred) == (1, 1)
    assert (per_type["Nationality"].tp_gold, per_type["Nationality"].n_pred) == (1, 1)
    assert result.entities["named"].recall == 1.0


def test_re3d_an_unconfirmed_population_group_stays_a_nationality_false_positive():
    result = evaluate_re3d(corpus([("Organisation", "officials")]), {"D": analysis()})
    per_type = result.entities["per_type"]
    assert per_type["Nationality"].n_pred == 2
    assert per_type["Organisation"].n_pred == 0
    assert result.entities["named"].n_pred == 0


def test_re3d_without_the_rule_a_population_group_is_only_a_nationality():
    mapping = load_eval_data("re3d.yaml")
    mapping["either_types"] = {"state": ["Organisation", "Location"]}
    gold = [("Organisation", "Displaced Ruritanians")]
    result = evaluate_re3d(corpus(gold), {"D": analysis()}, mapping)
    assert result.entities["per_type"]["Organisation"].tp_gold == 0
