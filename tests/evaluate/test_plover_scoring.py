"""The PLOVER type map and scoring on records written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import EVAL_DATA_INVALID, EVAL_DATA_NOT_FOUND, FlashpointError
from flashpoint.evaluate.plover import (
    evaluate_plover,
    gold_country,
    load_plover_gsr,
    side_agrees,
)
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.model import PLOVER_TYPES, Actor, Analysis, Document, Event, Span

MAPPING = load_eval_data("plover.yaml")


def test_plover_map_sends_every_name_to_a_current_type():
    types = MAPPING["types"]
    assert set(types.values()) <= set(PLOVER_TYPES)
    assert all(types[t] == t for t in PLOVER_TYPES)
    assert types["FIGHT"] == "ASSAULT"
    assert types["DEMAND"] == "REQUEST"


def test_plover_map_covers_every_type_in_the_gold_file(shared_dir: Path):
    path = shared_dir / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    rows = json.loads(path.read_text("utf-8"))
    names = {r["event"] for r in rows if r.get("event") != "DOCUMENT"}
    assert names, "the gold file holds no event records"
    assert names <= set(MAPPING["types"])
    assert len(load_plover_gsr(path, MAPPING)) == len([r for r in rows if r["event"] != "DOCUMENT"])


def test_plover_gold_country_codes():
    assert gold_country("IRQGOV", MAPPING) == "IRQ"
    assert gold_country("JAP", MAPPING) == "JPN"  # a non-ISO code in the gold, via the aliases
    assert gold_country("IGO", MAPPING) is None
    assert gold_country("XYZ", MAPPING) is None


def write_gold(path: Path, records: list[dict]) -> Path:
    header = {"id": "doc", "event": "DOCUMENT"}
    path.write_text(json.dumps([header, *records]))
    return path


def record(n: int, event: str, source: str | None, target: str | None) -> dict:
    return {
        "id": f"r{n}",
        "event": event,
        "text": f"Sentence {n}.",
        "source": [{"actorText": "x", "code": source}] if source else "",
        "target": [{"actorText": "y", "code": target}] if target else "",
    }


def analysis(text: str, events: list[tuple[str, float, str | None, str | None]]) -> Analysis:
    actors = {
        "iraq": Actor(id="iraq", name="Iraq", kind="state", country="IQ"),
        "un": Actor(id="un", name="United Nations", kind="igo"),
        "usa": Actor(id="usa", name="United States", kind="state", country="US"),
    }
    span = Span(start=0, end=len(text), text=text)
    return Analysis(
        document=Document(id=text, text=text),
        actors=list(actors.values()),
        events=[
            Event(id=f"e{i}", type=t, confidence=c, source=s, target=g, evidence=span)
            for i, (t, c, s, g) in enumerate(events)
        ],
    )


def test_plover_scores_the_highest_confidence_event(tmp_path: Path):
    gold = write_gold(
        tmp_path / "gold.json",
        [
            record(1, "FIGHT", "IRQMIL", "USA"),
            record(2, "DEMAND", "IGO", "IRQ"),
            record(3, "AGREE", "USA", None),
        ],
    )
    records = load_plover_gsr(gold, MAPPING)
    assert [r.type for r in records] == ["ASSAULT", "REQUEST", "AGREE"]
    analyses = [
        analysis(
            "Sentence 1.", [("THREATEN", 0.3, "iraq", "usa"), ("ASSAULT", 0.9, "iraq", "usa")]
        ),
        analysis("Sentence 2.", [("REQUEST", 0.6, "un", "usa")]),
        analysis("Sentence 3.", []),
    ]
    result = evaluate_plover(records, analyses, MAPPING)
    assert result.accuracy == pytest.approx(2 / 3)
    assert result.no_event == 1
    # sources: IRQ == Iraq (IQ -> IRQ); IGO compared on kind; USA with no event: wrong
    assert result.source == {"agreement": pytest.approx(2 / 3), "scored": 3}
    # targets: USA ok; IRQ vs United States wrong; record 3 has no gold target: not scored
    assert result.target == {"agreement": 0.5, "scored": 2}
    assert {e["id"] for e in result.errors} == {"r2", "r3"}
    assert result.macro_f1 == pytest.approx((1 + 1 + 0) / 3)


def test_plover_side_without_scoreable_codes_is_not_scored():
    from flashpoint.evaluate.plover import GoldCode

    assert side_agrees([], None, MAPPING) is None
    assert side_agrees([GoldCode("Muslim hackers", "ISM", None)], None, MAPPING) is None


def test_plover_unknown_type_names_are_reported(tmp_path: Path):
    gold = write_gold(tmp_path / "gold.json", [record(1, "CELEBRATE", "USA", None)])
    with pytest.raises(FlashpointError) as info:
        load_plover_gsr(gold, MAPPING)
    assert info.value.code == EVAL_DATA_INVALID
    assert "CELEBRATE" in info.value.message


def test_plover_user_type_map_extends_the_shipped_one(tmp_path: Path):
    extra = tmp_path / "map.yaml"
    extra.write_text("types:\n  CELEBRATE: SUPPORT\n")
    mapping = load_eval_data("plover.yaml", extra)
    assert mapping["types"]["CELEBRATE"] == "SUPPORT"
    assert mapping["types"]["FIGHT"] == "ASSAULT"
    gold = write_gold(tmp_path / "gold.json", [record(1, "CELEBRATE", "USA", None)])
    assert load_plover_gsr(gold, mapping)[0].type == "SUPPORT"


def test_plover_missing_and_malformed_files(tmp_path: Path):
    with pytest.raises(FlashpointError) as info:
        load_plover_gsr(tmp_path / "none.json", MAPPING)
    assert info.value.code == EVAL_DATA_NOT_FOUND
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    with pytest.raises(FlashpointError) as info:
        load_plover_gsr(bad, MAPPING)
    assert info.value.code == EVAL_DATA_INVALID
