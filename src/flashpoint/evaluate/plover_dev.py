"""PLOVER typing on our own main-clause dev file (`data/eval/plover_dev.jsonl`), scored as the
GSR is: the type of each sentence's main event (`evaluate/plover.py`, `extract/clause.py`).

Each line is one long sentence of our own labelled with the PLOVER type of its main clause;
about half put a verbal act over violence in a subordinate clause, half a material act over a
verbal one. It is a dev file, never trained on, so the main-clause work can be chosen on it
while the GSR stays a test.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from flashpoint.errors import EVAL_DATA_INVALID, FlashpointError
from flashpoint.evaluate.plover import PloverRecord, PloverResult, evaluate_plover
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.model import PLOVER_TYPES, Document


def dev_file() -> Path:
    return Path(str(resources.files("flashpoint") / "data" / "eval" / "plover_dev.jsonl"))


def load_dev(path: Path) -> list[tuple[PloverRecord, str]]:
    """(record, main-clause kind) per line; gold actors are not scored here."""
    out = []
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        if row.get("plover") not in PLOVER_TYPES:
            raise FlashpointError(EVAL_DATA_INVALID, f"{path.name}:{n}: unknown PLOVER type")
        record = PloverRecord(row["id"], row["text"], row["plover"], row["plover"], (), ())
        out.append((record, row["main_clause"]))
    return out


def run_plover_dev(analyzer: Any, path: Path | None = None) -> tuple[dict[str, Any], PloverResult]:
    """The report (accuracy, macro-F1, accuracy per kind of main clause, F1 per type) and the
    full result, whose `errors` list the mistyped sentences."""
    rows = load_dev(path or dev_file())
    records = [r for r, _ in rows]
    analyses = list(analyzer.analyze_many(Document(id=r.id, text=r.text) for r in records))
    result = evaluate_plover(records, analyses, load_eval_data("plover.yaml"))
    report: dict[str, Any] = {
        "records": result.records,
        "accuracy": round(result.accuracy, 4),
        "macro_f1": round(result.macro_f1, 4),
        "no_event": result.no_event,
    }
    wrong = {e["id"] for e in result.errors if e["error"] == "type"}
    for kind in sorted({k for _, k in rows}):
        ids = [r.id for r, k in rows if k == kind]
        report[f"{kind}_main_accuracy"] = round(sum(i not in wrong for i in ids) / len(ids), 4)
        report[f"{kind}_main_records"] = len(ids)
    report["per_type_f1"] = {t: round(s.f1, 3) for t, s in sorted(result.per_type.items())}
    return report, result
