"""PLOVER type accuracy and macro-F1 on our own main-clause dev file, scored as the GSR is.

    python scripts/plover_dev.py                    # the shipped models
    python scripts/plover_dev.py --models FOLDER    # models `flashpoint train --out` wrote
    python scripts/plover_dev.py --errors out.jsonl # the sentences we type wrongly

Each line of `src/flashpoint/data/eval/plover_dev.jsonl` is one long sentence labelled with the
PLOVER type of its main clause; about half put a verbal act over violence in a subordinate
clause, half a material act over a verbal one. The prediction for a sentence is the type of its
main event (`evaluate/plover.py`, as for the GSR). A dev file: never trained on.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from flashpoint.errors import FlashpointError
from flashpoint.evaluate.plover_dev import run_plover_dev
from flashpoint.pipeline import Analyzer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=Path, help="a folder of trained models")
    parser.add_argument("--data", type=Path, default=None, help="another file in this format")
    parser.add_argument("--errors", type=Path, help="write the mistyped sentences here")
    args = parser.parse_args(argv)
    analyzer = Analyzer.from_defaults(models_dir=args.models)
    report, result = run_plover_dev(analyzer, args.data)
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
