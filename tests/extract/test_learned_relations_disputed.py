"""A rule relation that one sentence gives and the classifier reads otherwise there is kept as a
candidate at the confidence such relations earned when read by hand; a second sentence, a
classifier that agrees, or a leadership title keep the rule's confidence. Each text is ours."""

from __future__ import annotations

import spacy

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.learned_relations import (
    DISPUTED_CONFIDENCE,
    DROP_THRESHOLD,
    LearnedRelations,
)
from flashpoint.model import Actor, Evidence, Relation
from flashpoint.models import RelationPrediction

TEXT = (
    "The task force bombed Talon Front depots near the river. "
    "Later the task force struck Talon Front again."
)


class Stub:
    """Reads every pair as one type, forward, with one probability."""

    reads_parse = False

    def __init__(self, type_: str, probability: float):
        self.type, self.probability = type_, probability

    def classify(self, text, pairs, doc=None):  # noqa: ANN001, ANN201
        return [RelationPrediction(self.type, True, self.probability) for _ in pairs]


def _sentence(n: int) -> Evidence:
    start = 0 if n == 0 else TEXT.index("Later")
    end = TEXT.index("Later") - 1 if n == 0 else len(TEXT)
    return Evidence(start=start, end=end, text=TEXT[start:end])


def _read(verdict: tuple[str, float], type_: str, sentences: list[int], source_kind: str):  # noqa: ANN202
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(TEXT)
    table = ActorTable()
    force = Actor(id="task_force", name="Task Force", kind=source_kind)
    front = Actor(id="talon_front", name="Talon Front", kind="armed_group")
    for actor, word in ((force, "task"), (front, "Talon")):
        for token in doc:
            if token.text == word:
                table.add(doc, actor, token.i, token.i + 2, "alias")
    rule = Relation(id="rel1", type=type_, source="task_force", target="talon_front")
    rule.evidence = [_sentence(n) for n in sentences]
    rule.confidence = round(min(0.95, 0.45 + 0.15 * len(sentences)), 2)
    reader = LearnedRelations(Stub(*verdict))  # type: ignore[arg-type]
    return reader.apply(doc, table, [rule], [], AttributionMap(), lambda _: False)


def _confidence(relations: list[Relation], type_: str) -> float:
    return next(r.confidence for r in relations if r.type == type_)


def test_one_sentence_read_as_another_relation_is_a_candidate():
    out = _read(("ally_of", 0.5), "enemy_of", [0], "armed_forces")
    assert _confidence(out, "enemy_of") == DISPUTED_CONFIDENCE


def test_one_sentence_read_as_no_relation_below_the_drop_bar_is_a_candidate():
    out = _read(("none", DROP_THRESHOLD - 0.1), "enemy_of", [0], "armed_forces")
    assert _confidence(out, "enemy_of") == DISPUTED_CONFIDENCE


def test_a_classifier_that_agrees_keeps_the_rule_confidence():
    out = _read(("enemy_of", 0.5), "enemy_of", [0], "armed_forces")
    assert _confidence(out, "enemy_of") == 0.6


def test_two_sentences_keep_the_rule_confidence():
    out = _read(("ally_of", 0.5), "enemy_of", [0, 1], "armed_forces")
    assert _confidence(out, "enemy_of") == 0.75


def test_a_leadership_title_is_trusted_alone():
    out = _read(("none", 0.5), "leads", [0], "person")
    assert _confidence(out, "leads") == 0.6
