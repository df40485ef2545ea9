"""re3d loading (both layouts) and scoring on a tiny corpus written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import EVAL_DATA_INVALID, EVAL_DATA_NOT_FOUND, FlashpointError
from flashpoint.evaluate.re3d import evaluate_re3d, predicted_relations
from flashpoint.evaluate.re3d_data import load_re3d
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.model import Actor, Analysis, Document, Evidence, Place, Relation, Span

TEXT = (
    "The Northern Brigade clashed with the Coastal Front near Port Vell. "
    "Colonel Ana Ruiz commands the Northern Brigade in Patria."
)


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def entity(doc: str, kind: str, needle: str, nth: int = 0) -> dict:
    start, end = at(TEXT, needle, nth)
    return {
        "_id": f"{doc}-{start}",
        "documentId": doc,
        "begin": start,
        "end": end,
        "type": kind,
        "value": needle,
    }


def relation(doc: str, kind: str, source: tuple[int, int], target: tuple[int, int]) -> dict:
    return {
        "_id": f"{doc}-{kind}-{source}",
        "documentId": doc,
        "type": kind,
        "sourceBegin": source[0],
        "sourceEnd": source[1],
        "targetBegin": target[0],
        "targetEnd": target[1],
    }


def write_source(folder: Path, doc_ids: list[str], entities: list[dict], relations: list[dict]):
    folder.mkdir(parents=True)
    lines = [json.dumps({"_id": d, "title": d, "text": TEXT}) for d in doc_ids]
    (folder / "documents.json").write_text("\n".join(lines) + "\n")
    (folder / "entities.json").write_text("\n".join(json.dumps(e) for e in entities) + "\n")
    (folder / "relations.json").write_text("\n".join(json.dumps(r) for r in relations) + "\n")


GOLD_ENTITIES = [
    entity("A", "Organisation", "The Northern Brigade"),
    entity("A", "Organisation", "the Coastal Front"),
    entity("A", "Location", "Port Vell"),
    entity("A", "Person", "Colonel Ana Ruiz"),
    entity("A", "Organisation", "the Northern Brigade"),
    entity("A", "Location", "Patria"),
]
BRIGADE, FRONT = at(TEXT, "The Northern Brigade"), at(TEXT, "the Coastal Front")
GOLD_RELATIONS = [
    relation("A", "FightingAgainst", BRIGADE, FRONT),
    # the same pair the other way round: one symmetric gold pair, not two
    relation("A", "FightingAgainst", FRONT, BRIGADE),
    relation("A", "InChargeOf", at(TEXT, "Colonel Ana Ruiz"), at(TEXT, "the Northern Brigade")),
    # a relation to a place is outside what our relations cover: excluded
    relation("A", "InChargeOf", at(TEXT, "the Northern Brigade"), at(TEXT, "Patria")),
]


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Path:
    write_source(tmp_path / "alpha", ["A"], GOLD_ENTITIES, GOLD_RELATIONS)
    write_source(tmp_path / "beta", ["B"], [], [])
    return tmp_path


def mention(needle: str, nth: int = 0) -> Span:
    start, end = at(TEXT, needle, nth)
    return Span(start=start, end=end, text=needle)


def analysis(doc: str) -> Analysis:
    """What an extractor might say: mostly right, with partial spans and one wrong direction."""
    brigade = Actor(
        id="brigade",
        name="Northern Brigade",
        kind="armed_group",
        mentions=[mention("Northern Brigade"), mention("Northern Brigade", 1)],
    )
    front = Actor(
        id="front", name="Coastal Front", kind="militia", mentions=[mention("Coastal Front")]
    )
    ruiz = Actor(id="ruiz", name="Ana Ruiz", kind="person", mentions=[mention("Ana Ruiz")])
    patria = Actor(id="patria", name="Patria", kind="state", mentions=[mention("Patria")])
    port = Place(id="port", name="Port Vell", mentions=[mention("Port Vell")])
    first, second = TEXT.split(". ")[0], TEXT.split(". ")[1]
    s1 = Evidence(start=0, end=len(first), text=first)
    s2_start = TEXT.index(second)
    s2 = Evidence(start=s2_start, end=s2_start + len(second), text=second)
    relations = [
        Relation(id="r1", type="enemy_of", source="front", target="brigade", evidence=[s1]),
        Relation(id="r2", type="leads", source="brigade", target="ruiz", evidence=[s2]),
    ]
    return Analysis(
        document=Document(id=doc, text=TEXT),
        actors=[brigade, front, ruiz, patria],
        places=[port],
        relations=relations,
    )


def test_re3d_reads_a_directory_of_sources(corpus_dir: Path):
    corpus = load_re3d(corpus_dir)
    assert sorted((d.id, d.folder) for d in corpus.documents) == [("A", "alpha"), ("B", "beta")]
    assert len(corpus.entities) == len(GOLD_ENTITIES)
    assert len(corpus.relations) == len(GOLD_RELATIONS)


def test_re3d_reads_a_single_source_folder(corpus_dir: Path):
    corpus = load_re3d(corpus_dir / "beta")
    assert [d.id for d in corpus.documents] == ["B"]
    assert corpus.entities == []


def test_re3d_bad_line_is_a_one_line_error(corpus_dir: Path):
    with (corpus_dir / "alpha" / "entities.json").open("a") as handle:
        handle.write("{not json\n")
    with pytest.raises(FlashpointError) as info:
        load_re3d(corpus_dir)
    assert info.value.code == EVAL_DATA_INVALID
    assert "entities.json" in info.value.message


def test_re3d_missing_or_empty_directory(tmp_path: Path):
    for path in (tmp_path / "nowhere", tmp_path):
        with pytest.raises(FlashpointError) as info:
            load_re3d(path)
        assert info.value.code == EVAL_DATA_NOT_FOUND


def test_re3d_entities_overlap_and_exact(corpus_dir: Path):
    result = evaluate_re3d(load_re3d(corpus_dir), {"A": analysis("A")})
    per_type = result.entities["per_type"]
    # Organisation: both brigade mentions and the front overlap their gold spans
    assert (per_type["Organisation"].tp_gold, per_type["Organisation"].n_gold) == (3, 3)
    assert per_type["Person"].recall == 1.0
    # the state mention "Patria" is scored as the Location the gold calls it
    assert (per_type["Location"].tp_gold, per_type["Location"].n_pred) == (2, 2)
    assert result.entities["micro"].f1 == 1.0
    # exact: only "Port Vell" and "Patria" have the gold's exact offsets
    exact = result.entities["exact"]["micro"]
    assert exact.tp_gold == 2
    assert exact.precision == pytest.approx(2 / 6)


def test_re3d_state_scores_as_organisation_without_either_rule(corpus_dir: Path):
    mapping = load_eval_data("re3d.yaml")
    mapping["either_types"] = {}
    result = evaluate_re3d(load_re3d(corpus_dir), {"A": analysis("A")}, mapping)
    assert result.entities["per_type"]["Organisation"].n_pred == 4
    assert result.entities["per_type"]["Location"].tp_gold == 1


def test_re3d_relations_direction_and_symmetry(corpus_dir: Path):
    result = evaluate_re3d(load_re3d(corpus_dir), {"A": analysis("A")})
    per_type = result.relations["per_type"]
    # enemy_of predicted the other way round still matches the one (deduplicated) gold pair
    assert per_type["enemy_of"].as_dict()["n_gold"] == 1
    assert per_type["enemy_of"].f1 == 1.0
    # leads predicted brigade -> person; the gold says the person is in charge: no match
    assert (per_type["leads"].tp_pred, per_type["leads"].n_pred) == (0, 1)
    assert per_type["leads"].n_gold == 1
    assert result.relations["excluded_gold"] == 1
    kinds = {(e["item"], e["error"], e["type"]) for e in result.errors}
    assert ("relation", "false_positive", "leads") in kinds
    assert ("relation", "false_negative", "leads") in kinds


def test_re3d_same_spans_in_another_document_do_not_match(corpus_dir: Path):
    # document B has the same text and no gold; predictions there are all false positives
    result = evaluate_re3d(load_re3d(corpus_dir), {"B": analysis("B")})
    assert result.entities["micro"].tp_pred == 0
    assert result.entities["micro"].n_pred == 6
    assert result.entities["micro"].n_gold == len(GOLD_ENTITIES)
    assert result.relations["micro"].tp_gold == 0
    beta = result.entities["per_folder"]["beta"]["micro"]
    alpha = result.entities["per_folder"]["alpha"]["micro"]
    assert (beta.n_pred, beta.n_gold, alpha.n_pred, alpha.n_gold) == (6, 0, 0, 6)


def test_re3d_relation_ends_come_from_mentions_near_the_evidence():
    mapping = load_eval_data("re3d.yaml")
    result = analysis("A")
    instances = {p.relation: p.instance for p in predicted_relations(result, mapping)}
    first_brigade, second_brigade = at(TEXT, "Northern Brigade"), at(TEXT, "Northern Brigade", 1)
    # the 50-character window reaches back into the first sentence
    assert instances["r2"].source == (first_brigade, second_brigade)
    mapping["near_chars"] = 0
    narrow = {p.relation: p.instance for p in predicted_relations(result, mapping)}
    assert narrow["r2"].source == (second_brigade,)
    assert narrow["r1"].target == (first_brigade,)


def test_re3d_errors_carry_the_sentence(corpus_dir: Path):
    result = evaluate_re3d(load_re3d(corpus_dir), {"B": analysis("B")})
    negatives = [e for e in result.errors if e["error"] == "false_negative"]
    assert negatives
    for error in negatives:
        assert error["sentence"] and error["sentence"] in TEXT


def test_re3d_named_figure_leaves_pronouns_out(tmp_path: Path):
    """'Colonel Ana Ruiz commands ...' with 'the Northern Brigade' re-annotated as a pronoun-only
    gold mention would lower recall; the named figure must not count a pronoun gold item."""
    pronoun_text = "It"
    gold = [
        entity("A", "Organisation", "Northern Brigade"),
        entity("A", "Person", "Colonel Ana Ruiz"),
        {**entity("A", "Organisation", "Coastal Front"), "value": pronoun_text},
    ]
    write_source(tmp_path / "alpha", ["A"], gold, [])
    corpus = load_re3d(tmp_path)
    result = evaluate_re3d(corpus, {"A": analysis("A")})
    named = result.entities["named"]
    micro_org_gold = result.entities["per_type"]["Organisation"].n_gold
    assert micro_org_gold == 2  # the pronoun is still gold for the plain figure
    assert named.n_gold == 2  # Northern Brigade and Colonel Ana Ruiz; "It" left out
