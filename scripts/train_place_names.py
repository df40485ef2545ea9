"""Train the place-or-actor model for names alone, with out-of-fold figures.

    python scripts/train_place_names.py [--out PATH] [--seed 13]

`flashpoint train` trains it with the other models; this prints the out-of-fold precision and
recall of "place" at a few thresholds first (`flashpoint.train.place_names`).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from flashpoint.models.linear import shipped_model_path
from flashpoint.models.place_names import MODEL_NAME
from flashpoint.train.corpus import training_files
from flashpoint.train.place_names import read_items, train_place_names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=shipped_model_path(MODEL_NAME))
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    model, report = train_place_names(read_items(training_files()), args.seed, folds=True)
    print(json.dumps(report, indent=2))
    if model is None:
        raise SystemExit("the corpus names no places and actors both: no model written")
    model.save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
