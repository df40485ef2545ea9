"""PLOVER type accuracy and macro-F1 on our own main-clause dev file, scored as the GSR is.

    python scripts/plover_dev.py                    # the shipped models
    python scripts/plover_dev.py --models FOLDER    # models `flashpoint train --out` wrote
    python scripts/plover_dev.py --errors out.jsonl # the sentences we type wrongly

Each line of `src/flashpoint/data/eval/plover_dev.jsonl` is one long sentence labelled with the
PLOVER type of its main clause; about half put a verbal act over violence in a subordinate
clause, half a material act over a verbal one. The prediction for a sentence is the type of its
highest-confidence event (`evaluate/plover.py`, as for the GSR). A dev file: never trained on.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from importlib import resources
from pathlib import Path

from flashpoint.errors import EVAL_DATA_INVALID, FlashpointError
from flashpoint.evaluate.plover import PloverRecord, evaluate_plover
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.model import PLOVER_TYPES, Document
from flashpoint.pipeline import Analyzer


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="a folder of trained models")
    parser.add_argument("--data", type=Path, default=None, help="another file in this format")
    parser.add_argument("--errors", type=Path, help="write the mistyped sentences here")
    args = parser.parse_args(argv)
    analyzer = Analyzer.from_defaults()
    if args.models is not None:
        from flashpoint.models.classifiers import Models

        analyzer = dataclasses.replace(analyzer, models=Models.load(args.models))
    rows = load_dev(args.data or dev_file())
    records = [r for r, _ in rows]
    documents = [Document(id=r.id, text=r.text) for r in records]
    analyses = list(analyzer.analyze_many(documents))
    mapping = load_eval_data("plover.yaml")
    result = evaluate_plover(records, analyses, mapping)
    report = {
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
    print(json.dumps(report, indent=1))
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as handle:
            for error in result.errors:
                if error["error"] == "type":
                    handle.write(json.dumps(error, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except FlashpointError as exc:
        print(exc, file=sys.stderr)
        sys.exit(2)
