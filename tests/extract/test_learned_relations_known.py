"""A pair the classifier reads as related with less than the bar for a new relation still
counts when the document already holds that relation or the registry records it; a coalition
description points back only to an actor so called. Each text is ours."""

from __future__ import annotations

import spacy

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.coreference import resolved_descriptions
from flashpoint.extract.learned_relations import (
    ADD_THRESHOLD,
    EVIDENCE_THRESHOLD,
    LearnedRelations,
    registry_tie,
)
from flashpoint.model import Actor, Evidence, Relation
from flashpoint.model import Span as TextSpan
from flashpoint.models import RelationPrediction
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.resolve.registry import ActorRegistry, RegistryActor

TEXT = (
    "The task force bombed Talon Front depots near the river. "
    "Later the task force struck Talon Front again."
)
MIDDLING = (EVIDENCE_THRESHOLD + ADD_THRESHOLD) / 2


class Stub:
    """Reads every pair as enemies, forward, with one probability."""

    reads_parse = False

    def __init__(self, probability: float):
        self.probability = probability

    def classify(self, text, pairs, doc=None):  # noqa: ANN001, ANN201
        return [RelationPrediction("enemy_of", True, self.probability) for _ in pairs]


def _table(doc) -> ActorTable:  # noqa: ANN001
    table = ActorTable()
    force = Actor(id="task_force", name="Task Force", kind="armed_forces")
    front = Actor(id="talon_front", name="Talon Front", kind="armed_group")
    for actor, word in ((force, "task"), (front, "Talon")):
        for token in doc:
            if token.text == word:
                table.add(doc, actor, token.i, token.i + 2, "alias")
    return table


def _registry(enemies: list[str]) -> ActorRegistry:
    return ActorRegistry(
        [
            RegistryActor(id="task_force", name="Task Force", kind="armed_forces", enemies=enemies),
            RegistryActor(id="talon_front", name="Talon Front", kind="armed_group"),
        ]
    )


def _read(probability: float, registry: ActorRegistry | None, rules: list[Relation]):  # noqa: ANN202
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(TEXT)
    table = _table(doc)
    reader = LearnedRelations(Stub(probability), registry=registry)  # type: ignore[arg-type]
    return reader.apply(doc, table, rules, [], AttributionMap(), lambda _: False)


def _sentence(n: int) -> Evidence:
    start = 0 if n == 0 else TEXT.index("Later")
    end = TEXT.index("Later") - 1 if n == 0 else len(TEXT)
    return Evidence(start=start, end=end, text=TEXT[start:end])


def test_learned_relations_a_middling_reading_adds_nothing_unknown():
    assert _read(MIDDLING, _registry([]), []) == []


def test_learned_relations_a_middling_reading_of_a_registered_enmity_counts():
    relations = _read(MIDDLING, _registry(["talon_front"]), [])
    assert [(r.type, {r.source, r.target}) for r in relations] == [
        ("enemy_of", {"task_force", "talon_front"})
    ]
    assert len(relations[0].evidence) == 2  # both sentences state it


def test_learned_relations_a_middling_reading_adds_evidence_to_a_held_relation():
    rule = Relation(
        id="r", type="enemy_of", source="task_force", target="talon_front", evidence=[_sentence(0)]
    )
    relations = _read(MIDDLING, None, [rule])
    assert len(relations) == 1
    assert [e.start for e in relations[0].evidence] == [0, TEXT.index("Later")]


def test_learned_relations_a_weak_reading_adds_no_evidence():
    rule = Relation(
        id="r", type="enemy_of", source="task_force", target="talon_front", evidence=[_sentence(0)]
    )
    relations = _read(EVIDENCE_THRESHOLD - 0.05, _registry(["talon_front"]), [rule])
    assert [e.start for e in relations[0].evidence] == [0]


def test_learned_relations_registry_tie_reads_each_type_its_way():
    registry = ActorRegistry(
        [
            RegistryActor(id="a", name="A", kind="armed_group", member_of=["b"], enemies=["c"]),
            RegistryActor(id="b", name="B", kind="armed_group"),
            RegistryActor(id="c", name="C", kind="armed_group"),
        ]
    )
    assert registry_tie(registry, RelationPrediction("member_of", True, 0.7), "a", "b")
    assert not registry_tie(registry, RelationPrediction("member_of", False, 0.7), "a", "b")
    assert registry_tie(registry, RelationPrediction("enemy_of", False, 0.7), "c", "a")
    assert not registry_tie(registry, RelationPrediction("ally_of", True, 0.7), "a", "c")
    assert not registry_tie(None, RelationPrediction("enemy_of", True, 0.7), "a", "c")


def test_coreference_a_coalition_description_points_back_only_to_a_coalition():
    nlp = load_pipeline()
    doc = nlp(
        "The Coalition Against Talon trained Kurdish Peshmerga units near Erbil. "
        "Officials said the coalition would stay."
    )
    coalition = Actor(
        id="cat", name="Coalition Against Talon", kind="armed_forces", aliases=["the coalition"]
    )
    peshmerga = Actor(id="peshmerga", name="Peshmerga", kind="armed_forces")
    for actor, text in ((coalition, "The Coalition Against Talon"), (peshmerga, "Peshmerga")):
        start = doc.text.index(text)
        actor.mentions.append(TextSpan(start=start, end=start + len(text), text=text))
    heads = {"coalition": frozenset({"igo", "armed_group", "armed_forces"})}
    found = {
        c.text: r.id for c, r in resolved_descriptions(doc, [coalition, peshmerga], [], heads, {})
    }
    assert found == {"the coalition": "cat"}
