"""`flashpoint train` (rebuild the shipped models) and `flashpoint eval acled` (score them)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from flashpoint.cli import app
from flashpoint.cli.evaluate import (
    ErrorsOption,
    JsonOption,
    ModelOption,
    ModelsOption,
    RegistryOption,
    RulesOnlyOption,
    emit,
    eval_app,
    load_analyzer,
)


@app.command("train")
def train(
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Folder for the trained weights (default: the package's own data/models/, "
            "replacing the shipped models).",
        ),
    ] = None,
    data: Annotated[
        list[Path] | None,
        typer.Option(
            "--data",
            help="Training JSON Lines file; repeatable (default: the shipped corpus in "
            "data/training/events/).",
        ),
    ] = None,
    dev: Annotated[
        Path | None,
        typer.Option(
            help="Dev file in the same format, scored after training (default: the "
            "shipped data/eval/acled_dev.jsonl)."
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option(help="Random seed; the same seed gives the same weights.")
    ] = 13,
    as_json: JsonOption = False,
) -> None:
    """Train the event and relation classifiers from the labelled corpus.

    The corpus format is in docs/training-data.md. Training is single-process and seeded;
    on two laptop cores it takes 10 to 30 minutes (the event, relation and place-or-actor
    models, each with out-of-fold calibration).

    Example: flashpoint train --out my-models/ --data data/training/events/*.jsonl
    """
    from flashpoint.models.linear import shipped_model_path
    from flashpoint.train import train_all

    folder = out if out is not None else shipped_model_path("x").parent
    console = Console(stderr=True, quiet=as_json)
    with console.status("training…") as status:
        report = train_all(
            folder, seed=seed, files=data, dev=dev, progress=lambda m: status.update(m)
        )
    result = {
        "out": str(folder) if out is not None else "package data/models",
        "items": report.items,
        "event_examples": report.event_examples,
        "relation_examples": report.relation_examples,
        "place_names": report.place_names,
        "seconds": report.seconds,
        "files": report.files,
        "dev": report.dev,
    }
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    table = Table(title="flashpoint train", title_justify="left")
    table.add_column("figure")
    table.add_column("value", justify="right")
    for key in ("items", "event_examples", "relation_examples", "place_names", "seconds"):
        table.add_row(key.replace("_", " "), str(result[key]))
    for key, value in report.dev.items():
        table.add_row(f"dev {key.replace('_', ' ')}", str(value))
    Console().print(table)


@eval_app.command("acled")
def eval_acled(
    path: Annotated[
        Path,
        typer.Argument(help="Snippets as id<TAB>snippet<TAB>label, labels such as AIR_STRIKE."),
    ],
    as_json: JsonOption = False,
    errors: ErrorsOption = None,
    model: ModelOption = None,
    registry: RegistryOption = None,
    rules_only: RulesOnlyOption = False,
    models: ModelsOption = None,
) -> None:
    """Accuracy, weighted and macro F1 of ACLED sub-event typing (the CASE 2021 format).

    Each snippet is analysed as a document; the prediction is the sub-event type of its first
    asserted event. Labels are ACLED's 25 sub-event types under short codes (ARMED_CLASH,
    AIR_STRIKE, SUIC_BOMB, ...; see data/models/acled_labels.yaml).

    Example: flashpoint eval acled dev.tsv --errors acled-errors.jsonl
    (or --models DIR, to score what `flashpoint train --out DIR` wrote)
    """
    from flashpoint.evaluate.acled import load_snippets, run_acled
    from flashpoint.evaluate.tables import acled_tables

    load_snippets(path)  # a bad file fails before the model loads
    analyzer = load_analyzer(model, registry, as_json, rules_only, models)
    result = run_acled(path, analyzer)
    emit(result, acled_tables(result), as_json, errors)
