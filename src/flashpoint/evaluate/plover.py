"""Scoring our event coding against the PLOVER gold-standard records (GSR).

Each record is one sentence with an event type (older PLOVER names, mapped onto the current
16 by `data/eval/plover.yaml`) and CAMEO-style source/target actor codes. Our prediction for a
record is the type of the sentence's main event (the event of its main clause, the most
confident one among equals), or none.

    >>> records = load_plover_gsr("PLOVER_GSR_CAMEO.txt", load_eval_data("plover.yaml"))
    >>> result = evaluate_plover(records, analyses, mapping)
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry

from flashpoint.errors import EVAL_DATA_INVALID, EVAL_DATA_NOT_FOUND, FlashpointError
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.evaluate.scoring import Score, classification_scores
from flashpoint.model import PLOVER_TYPES, Actor, Analysis, Event, main_event


@dataclass(frozen=True)
class GoldCode:
    """One gold actor: an ISO alpha-3 country, or a non-country code such as IGO."""

    text: str
    code: str
    country: str | None


@dataclass(frozen=True)
class PloverRecord:
    id: str
    text: str
    original_type: str
    type: str
    source: tuple[GoldCode, ...]
    target: tuple[GoldCode, ...]


def gold_country(code: str, mapping: Mapping[str, Any]) -> str | None:
    """The ISO alpha-3 country of a CAMEO-style code ("IRQGOV" -> "IRQ"), or None."""
    head = code[:3].upper()
    if head in mapping.get("non_country_codes", {}):
        return None
    head = mapping.get("country_aliases", {}).get(head, head)
    return head if pycountry.countries.get(alpha_3=head) else None


def _codes(value: Any, mapping: Mapping[str, Any]) -> tuple[GoldCode, ...]:
    """Gold actors; the file holds a list of objects, an empty string, or stray strings."""
    items = value if isinstance(value, list) else []
    return tuple(
        GoldCode(str(i.get("actorText", "")), str(i["code"]), gold_country(str(i["code"]), mapping))
        for i in items
        if isinstance(i, dict) and i.get("code")
    )


def load_plover_gsr(path: str | Path, mapping: Mapping[str, Any]) -> list[PloverRecord]:
    """Read the GSR JSON array, skipping DOCUMENT records; every type must be in the map."""
    file = Path(path)
    if not file.is_file():
        raise FlashpointError(EVAL_DATA_NOT_FOUND, f"PLOVER gold file not found: {file}")
    try:
        rows = json.loads(file.read_text("utf-8-sig"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise FlashpointError(EVAL_DATA_INVALID, f"{file}: not a JSON array ({exc})") from exc
    if not isinstance(rows, list):
        raise FlashpointError(EVAL_DATA_INVALID, f"{file}: expected a JSON array of records")
    types = mapping["types"]
    records: list[PloverRecord] = []
    for row in rows:
        if not isinstance(row, dict) or row.get("event") == "DOCUMENT":
            continue
        original = str(row.get("event", ""))
        if original not in types:
            raise FlashpointError(
                EVAL_DATA_INVALID,
                f"{file}: event type {original!r} (record {row.get('id')}) is not in the type "
                "map; add it with --type-map FILE",
            )
        if types[original] not in PLOVER_TYPES:
            raise FlashpointError(
                EVAL_DATA_INVALID, f"type map sends {original!r} to unknown {types[original]!r}"
            )
        records.append(
            PloverRecord(
                id=str(row.get("id", len(records))),
                text=str(row.get("text", "")).strip(),
                original_type=original,
                type=types[original],
                source=_codes(row.get("source"), mapping),
                target=_codes(row.get("target"), mapping),
            )
        )
    return records


def chosen_event(analysis: Analysis) -> Event | None:
    """The sentence's main event (`model.main_event`: the event of its main clause,
    else of a reported clause, else of a subordinate one; the most confident within a
    clause), or None."""
    return main_event(analysis.events)


def actor_alpha3(actor: Actor | None) -> str | None:
    if actor is None or not actor.country:
        return None
    country = pycountry.countries.get(alpha_2=actor.country.upper())
    return country.alpha_3 if country else None


def side_agrees(
    gold: Sequence[GoldCode], actor: Actor | None, mapping: Mapping[str, Any]
) -> bool | None:
    """Whether our actor fits one of the gold actors; None when the gold side is not scored.

    Country codes compare on country; kind codes (IGO -> igo, ...) on our actor's kind;
    codes mapped to no kind are not scored. A side with no gold actor is not scored either.
    """
    kinds = mapping.get("non_country_codes", {})
    scored = [g for g in gold if g.country or kinds.get(g.code[:3].upper())]
    if not scored:
        return None
    if actor is None:
        return False
    ours = actor_alpha3(actor)
    for g in scored:
        if g.country and g.country == ours:
            return True
        if not g.country and actor.kind in kinds.get(g.code[:3].upper(), []):
            return True
    return False


@dataclass
class PloverResult:
    records: int
    accuracy: float
    macro_f1: float
    per_type: dict[str, Score]
    source: dict[str, Any]
    target: dict[str, Any]
    no_event: int
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "dataset": "plover-gsr",
            "records": self.records,
            "accuracy": round(self.accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
            "no_event": self.no_event,
            "per_type": {t: s.as_dict() for t, s in sorted(self.per_type.items())},
            "source_agreement": {**self.source, "agreement": round(self.source["agreement"], 4)},
            "target_agreement": {**self.target, "agreement": round(self.target["agreement"], 4)},
        }


def evaluate_plover(
    records: Sequence[PloverRecord], analyses: Sequence[Analysis], mapping: Mapping[str, Any]
) -> PloverResult:
    """Score one analysis per record (same order)."""
    if len(records) != len(analyses):
        raise ValueError("one analysis per record is needed")
    predicted: list[str | None] = []
    agree = {"source": [0, 0], "target": [0, 0]}
    errors: list[dict[str, Any]] = []
    for record, analysis in zip(records, analyses, strict=True):
        event = chosen_event(analysis)
        actors = {a.id: a for a in analysis.actors}
        predicted.append(event.type if event else None)
        sides: dict[str, bool | None] = {}
        for side in ("source", "target"):
            actor = actors.get(getattr(event, side)) if event and getattr(event, side) else None
            ok = side_agrees(getattr(record, side), actor, mapping)
            sides[side] = ok
            if ok is not None:
                agree[side][0] += int(ok)
                agree[side][1] += 1
        if predicted[-1] != record.type or False in sides.values():
            errors.append(
                {
                    "eval": "plover",
                    "id": record.id,
                    "sentence": record.text,
                    "gold_type": record.type,
                    "gold_original_type": record.original_type,
                    "predicted_type": predicted[-1],
                    "error": "type" if predicted[-1] != record.type else "actor",
                    "gold_source": [g.code for g in record.source],
                    "gold_target": [g.code for g in record.target],
                    "predicted_source": _describe(actors.get(event.source) if event else None),
                    "predicted_target": _describe(actors.get(event.target) if event else None),
                    "source_agrees": sides["source"],
                    "target_agrees": sides["target"],
                    "evidence": event.evidence.text if event else None,
                }
            )
    accuracy, macro, per = classification_scores([r.type for r in records], predicted)

    def share(pair: list[int]) -> dict[str, Any]:
        return {"agreement": pair[0] / pair[1] if pair[1] else 0.0, "scored": pair[1]}

    return PloverResult(
        records=len(records),
        accuracy=accuracy,
        macro_f1=macro,
        per_type={str(k): v for k, v in per.items()},
        source=share(agree["source"]),
        target=share(agree["target"]),
        no_event=sum(p is None for p in predicted),
        errors=errors,
    )


def _describe(actor: Actor | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"id": actor.id, "name": actor.name, "kind": actor.kind, "country": actor.country}


def run_plover(
    path: str | Path, analyzer: Any, type_map: str | Path | None = None, batch_size: int = 32
) -> PloverResult:
    """Load the GSR file, analyse each sentence on its own and score the result."""
    from flashpoint.model import Document

    mapping = load_eval_data("plover.yaml", type_map)
    records = load_plover_gsr(path, mapping)
    documents = [Document(id=r.id, text=r.text) for r in records]
    analyses = list(analyzer.analyze_many(documents, batch_size=batch_size))
    return evaluate_plover(records, analyses, mapping)
