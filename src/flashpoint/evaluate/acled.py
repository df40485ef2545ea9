"""Scoring ACLED sub-event typing on snippets in the CASE 2021 fine-grained format.

A file holds `id<TAB>snippet<TAB>label` lines (a header line is allowed), the label one of
ACLED's 25 sub-event types under its short code (`data/models/acled_labels.yaml`). Our
prediction for a snippet is the sub-event type of the first asserted event we extract from it,
exactly as a user reading `flashpoint analyze --json` would take it.

    >>> result = run_acled("dev.tsv", analyzer)
    >>> result.weighted_f1
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import EVAL_DATA_INVALID, EVAL_DATA_NOT_FOUND, FlashpointError
from flashpoint.evaluate.scoring import Score, classification_scores
from flashpoint.model import Analysis, Event
from flashpoint.models.acled import ACLED_SUB_EVENT_NAMES, label_of

CALIBRATION_BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.0001))


@dataclass(frozen=True)
class Snippet:
    id: str
    text: str
    label: str


def load_snippets(path: str | Path) -> list[Snippet]:
    """Read the three-column file; every label must be one of the 25 codes."""
    file = Path(path)
    if not file.is_file():
        raise FlashpointError(EVAL_DATA_NOT_FOUND, f"snippet file not found: {file}")
    try:
        lines = file.read_text("utf-8-sig").splitlines()
    except UnicodeDecodeError as exc:
        raise FlashpointError(EVAL_DATA_INVALID, f"{file}: not UTF-8 text ({exc})") from exc
    out: list[Snippet] = []
    for n, row in enumerate(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE), 1):
        if not row or not "".join(row).strip():
            continue
        if len(row) < 3:
            raise FlashpointError(
                EVAL_DATA_INVALID, f"{file}:{n}: expected id<TAB>snippet<TAB>label"
            )
        ident, text, label = row[0].strip(), "\t".join(row[1:-1]).strip(), row[-1].strip()
        if (
            n == 1
            and label not in ACLED_SUB_EVENT_NAMES
            and label.lower()
            in {
                "subtype",
                "label",
                "sub_event_type",
            }
        ):
            continue  # a header
        if label not in ACLED_SUB_EVENT_NAMES:
            raise FlashpointError(EVAL_DATA_INVALID, f"{file}:{n}: unknown label {label!r}")
        out.append(Snippet(ident, text, label))
    if not out:
        raise FlashpointError(EVAL_DATA_INVALID, f"{file}: no snippets")
    return out


def first_asserted(analysis: Analysis) -> Event | None:
    """The first asserted event of an ACLED type: the first the ACLED CSV export would
    write as a row (`export/acled.py`'s `omission`; the place is not scored). A threat the
    PLOVER head names carries no ACLED type, and ACLED records no hedged or denied event."""
    return next(
        (e for e in analysis.events if e.modality == "asserted" and e.acled is not None), None
    )


@dataclass
class AcledResult:
    snippets: int
    accuracy: float
    weighted_f1: float
    macro_f1: float
    no_event: int
    per_label: dict[str, Score]
    confusion: dict[str, dict[str, int]]
    calibration: list[dict[str, Any]]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "snippets": self.snippets,
            "accuracy": round(self.accuracy, 4),
            "weighted_f1": round(self.weighted_f1, 4),
            "macro_f1": round(self.macro_f1, 4),
            "no_event": self.no_event,
            "per_label": {k: v.as_dict() for k, v in sorted(self.per_label.items())},
            "confusion": self.confusion,
            "calibration": self.calibration,
        }


def weighted_f1(gold: Sequence[str], per: dict[Any, Score]) -> float:
    """F1 per gold label weighted by its support, as scikit-learn's `average='weighted'`."""
    support = Counter(gold)
    total = sum(support.values())
    return sum(per[label].f1 * n for label, n in support.items()) / total if total else 0.0


def evaluate_acled(snippets: Sequence[Snippet], analyses: Sequence[Analysis]) -> AcledResult:
    gold = [s.label for s in snippets]
    chosen = [first_asserted(a) for a in analyses]
    pred = [label_of(e.acled) if e else None for e in chosen]
    accuracy, macro, per = classification_scores(gold, pred)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred, strict=True):
        row = confusion.setdefault(g, {})
        row[p or "none"] = row.get(p or "none", 0) + 1
    calibration = []
    for lo, hi in CALIBRATION_BANDS:
        band = [
            (e, g, p)
            for e, g, p in zip(chosen, gold, pred, strict=True)
            if e is not None and lo <= e.confidence < hi
        ]
        right = sum(1 for _, g, p in band if g == p)
        calibration.append(
            {
                "band": f"{lo:.1f}-{min(hi, 1.0):.1f}",
                "events": len(band),
                "correct": right,
                "precision": round(right / len(band), 4) if band else None,
            }
        )
    errors = [
        {
            "id": s.id,
            "gold": s.label,
            "predicted": p,
            "confidence": e.confidence if e else None,
            "trigger": e.trigger if e else None,
            "text": s.text,
        }
        for s, e, p in zip(snippets, chosen, pred, strict=True)
        if p != s.label
    ]
    return AcledResult(
        snippets=len(snippets),
        accuracy=accuracy,
        weighted_f1=weighted_f1(gold, per),
        macro_f1=macro,
        no_event=sum(1 for p in pred if p is None),
        per_label={str(k): v for k, v in per.items()},
        confusion={k: dict(sorted(v.items())) for k, v in sorted(confusion.items())},
        calibration=calibration,
        errors=errors,
    )


def run_acled(path: str | Path, analyzer: Any, batch_size: int = 32) -> AcledResult:
    from flashpoint.model import Document
    from flashpoint.pipeline import document_id

    snippets = load_snippets(path)
    documents = [
        Document(id=document_id(s.text) + f"_{i}", text=s.text, language="en")
        for i, s in enumerate(snippets)
    ]
    analyses = list(analyzer.analyze_many(documents, batch_size=batch_size))
    return evaluate_acled(snippets, analyses)
