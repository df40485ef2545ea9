"""`flashpoint eval ...` and `flashpoint bench`: thin wrappers over `flashpoint.evaluate`.

`eval_app` is a Typer group; other modules add their own evals to it
(`@eval_app.command("geo")`), so each eval keeps its own module.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from flashpoint.cli import app

eval_app = typer.Typer(
    help="Score flashpoint against gold data (re3d, PLOVER, ...).",
    rich_markup_mode="rich",
)
app.add_typer(eval_app, name="eval", help="Score flashpoint against gold data: re3d, plover, geo.")

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable results.")]
ErrorsOption = Annotated[
    Path | None,
    typer.Option(
        "--errors",
        help="Write each false positive and false negative, with its "
        "sentence, to this JSON Lines file.",
    ),
]
ModelOption = Annotated[
    str | None, typer.Option(help="spaCy pipeline to use (default: the installed small model).")
]
RegistryOption = Annotated[
    list[Path] | None,
    typer.Option("--registry", "-r", help="Extra actor registry YAML; repeatable."),
]


RulesOnlyOption = Annotated[
    bool,
    typer.Option(
        "--rules-only",
        help="Leave the trained models out (the hand-written rules alone), to compare.",
    ),
]


ModelsOption = Annotated[
    Path | None,
    typer.Option(
        "--models",
        exists=True,
        file_okay=False,
        help="Score the event and relation models `flashpoint train --out DIR` wrote, "
        "instead of the shipped ones (compare a retrained set before shipping it).",
    ),
]


def load_analyzer(
    model: str | None,
    registry: list[Path] | None,
    quiet: bool,
    rules_only: bool = False,
    models: Path | None = None,
) -> Any:
    """One Analyzer for an eval run, with a spinner while it loads."""
    from flashpoint.pipeline import Analyzer

    if models is not None and rules_only:
        raise typer.BadParameter(
            "--models and --rules-only exclude each other", param_hint="--models"
        )
    console = Console(stderr=True, quiet=quiet)
    with console.status("loading language model, registry and gazetteer…"):
        return Analyzer.from_defaults(
            model=model,
            registry_paths=[str(p) for p in registry or []],
            learned=not rules_only,
            models_dir=models,
        )


def emit(result: Any, renderable: Any, as_json: bool, errors: Path | None) -> None:
    """Print the result (JSON or tables) and write the errors file when asked for."""
    from flashpoint.evaluate.errors_out import write_errors

    count = write_errors(errors, result.errors) if errors is not None else 0
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        Console().print(renderable)
    sys.stdout.flush()
    if errors is not None:
        Console(stderr=True).print(f"{count} false positives and negatives written to {errors}")


@eval_app.command("re3d")
def eval_re3d(
    path: Annotated[
        Path,
        typer.Argument(
            help="re3d directory: source folders, or one folder "
            "with documents.json, entities.json, relations.json."
        ),
    ],
    as_json: JsonOption = False,
    errors: ErrorsOption = None,
    exact: Annotated[
        bool,
        typer.Option(
            "--exact", help="Match entity and relation spans exactly (default: on overlap)."
        ),
    ] = False,
    mapping: Annotated[
        Path | None,
        typer.Option(help="YAML merged over the shipped type mapping (data/eval/re3d.yaml)."),
    ] = None,
    model: ModelOption = None,
    registry: RegistryOption = None,
    rules_only: RulesOnlyOption = False,
    models: ModelsOption = None,
) -> None:
    """Entity and relation precision/recall/F1 against Dstl's re3d gold set.

    Example: flashpoint eval re3d ../shared/eval/re3d --errors re3d-errors.jsonl
    """
    from flashpoint.evaluate.re3d import run_re3d
    from flashpoint.evaluate.tables import re3d_tables

    analyzer = load_analyzer(model, registry, as_json, rules_only, models)
    result = run_re3d(path, analyzer, mapping, "exact" if exact else "overlap")
    emit(result, re3d_tables(result), as_json, errors)


@eval_app.command("plover")
def eval_plover(
    path: Annotated[Path, typer.Argument(help="PLOVER gold-standard records (a JSON array).")],
    as_json: JsonOption = False,
    errors: ErrorsOption = None,
    type_map: Annotated[
        Path | None,
        typer.Option(help="YAML merged over the shipped type map (data/eval/plover.yaml)."),
    ] = None,
    model: ModelOption = None,
    registry: RegistryOption = None,
    rules_only: RulesOnlyOption = False,
    models: ModelsOption = None,
) -> None:
    """Event-type accuracy, macro-F1 and source/target agreement on PLOVER's gold records.

    Example: flashpoint eval plover ../shared/eval/plover-gsr/PLOVER_GSR_CAMEO.txt --json
    """
    from flashpoint.evaluate.plover import run_plover
    from flashpoint.evaluate.tables import plover_tables

    analyzer = load_analyzer(model, registry, as_json, rules_only, models)
    result = run_plover(path, analyzer, type_map)
    emit(result, plover_tables(result), as_json, errors)


@app.command("bench")
def bench(
    corpus: Annotated[
        Path,
        typer.Argument(
            help="A JSONL file (field `text`), a CSV file, or a directory of .txt files."
        ),
    ],
    workers: Annotated[
        int, typer.Option(min=1, max=256, help="Worker processes for each side (1-256).")
    ] = 1,
    limit: Annotated[
        int | None, typer.Option(min=1, help="Use at most this many documents (default: all).")
    ] = None,
    as_json: JsonOption = False,
    text_column: Annotated[
        str | None, typer.Option(help="JSONL field or CSV column with the text (default: text).")
    ] = None,
    encoding: Annotated[str, typer.Option(help="Corpus encoding, e.g. latin-1.")] = "utf-8",
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per nlp.pipe batch.")] = 16,
    keep_going: Annotated[
        bool,
        typer.Option(
            "--keep-going",
            help="Leave out documents flashpoint fails on (listed in the result) "
            "instead of stopping.",
        ),
    ] = False,
    model: ModelOption = None,
    registry: RegistryOption = None,
    geoparse: Annotated[
        bool,
        typer.Option(
            "--geoparse",
            help="Time `flashpoint geoparse` instead: per-document latency in one warm process "
            "(parse + resolution, ms per document and per 1,000 words).",
        ),
    ] = False,
    repeats: Annotated[
        int, typer.Option(min=1, help="With --geoparse: runs per document; the fastest counts.")
    ] = 3,
    ingest: Annotated[
        bool,
        typer.Option(
            "--ingest",
            help="Time `flashpoint ingest` instead: the analysis alone, then the full ingest "
            "into a fresh temporary SQLite store, on the same warm workers and documents "
            "(docs/s of each, their ratio, peak RSS of the writer and of each worker).",
        ),
    ] = False,
) -> None:
    """Throughput of flashpoint against a bare nlp.pipe of the same pipeline, in one run.

    Reports documents/s, words/s, the overhead ratio (ours/bare) and peak RSS per worker.
    With --geoparse, reports geoparsing latency per document instead; with --ingest, the
    store's pace against the analysis'.

    Example: flashpoint bench FA-KES-Dataset.csv --text-column article_content
    --encoding latin-1 --limit 200 --workers 2
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    from flashpoint.errors import BENCH_CORPUS_INVALID, BENCH_DOCUMENT_FAILED, FlashpointError
    from flashpoint.evaluate.bench import DocumentFailed, run_bench
    from flashpoint.evaluate.corpus import read_texts
    from flashpoint.evaluate.tables import bench_table

    if ingest:
        _bench_ingest(corpus, workers, limit, text_column, encoding, model, registry, as_json)
        return
    texts = read_texts(corpus, text_column=text_column, encoding=encoding, limit=limit)
    if not texts:
        raise FlashpointError(BENCH_CORPUS_INVALID, f"{corpus}: no non-empty texts")
    if geoparse:
        _bench_geoparse(texts, model, repeats, as_json)
        return
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(
        *columns, console=Console(stderr=True), disable=as_json, transient=True
    ) as progress:
        task = progress.add_task("bare + flashpoint", total=len(texts))
        try:
            result = run_bench(
                texts,
                workers=workers,
                batch_size=batch_size,
                model=model,
                registry_paths=[str(p) for p in registry or []],
                keep_going=keep_going,
                progress=lambda done: progress.advance(task, done),
            )
        except DocumentFailed as exc:
            raise FlashpointError(
                BENCH_DOCUMENT_FAILED, f"{exc}; pass --keep-going to leave such documents out"
            ) from exc
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
    else:
        Console().print(bench_table(result))


def _bench_geoparse(texts: list[str], model: str | None, repeats: int, as_json: bool) -> None:
    from rich.progress import Progress

    from flashpoint.evaluate.geo_bench import run_geo_bench
    from flashpoint.evaluate.tables import geo_bench_table

    with Progress(console=Console(stderr=True), disable=as_json, transient=True) as progress:
        task = progress.add_task("geoparsing (after a warm-up pass)", total=len(texts))
        result = run_geo_bench(
            texts, model=model, repeats=repeats, progress=lambda n: progress.advance(task, n)
        )
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
    else:
        Console().print(geo_bench_table(result))


def _bench_ingest(
    corpus: Path,
    workers: int,
    limit: int | None,
    text_column: str | None,
    encoding: str,
    model: str | None,
    registry: list[Path] | None,
    as_json: bool,
) -> None:
    from flashpoint.errors import BENCH_CORPUS_INVALID, FlashpointError
    from flashpoint.evaluate.ingest_bench import ingest_bench_table, run_ingest_bench
    from flashpoint.ingest.corpus import CorpusOptions
    from flashpoint.store.ingest import IngestOptions

    if not corpus.exists():
        raise FlashpointError(BENCH_CORPUS_INVALID, f"{corpus}: no such file or folder")
    options = IngestOptions(
        workers=workers,
        limit=limit,
        model=model,
        registry_paths=tuple(str(p) for p in registry or []),
        corpus=CorpusOptions(text_column=text_column, encoding=encoding),
    )
    with Console(stderr=True).status("analysis alone, then ingest", spinner="dots"):
        try:
            result = run_ingest_bench([str(corpus)], options)
        except ValueError as exc:
            raise FlashpointError(BENCH_CORPUS_INVALID, f"{corpus}: {exc}") from exc
    if as_json:
        sys.stdout.write(json.dumps(result.as_dict(), indent=2) + "\n")
    else:
        Console().print(ingest_bench_table(result))
