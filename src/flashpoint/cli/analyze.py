"""`flashpoint analyze` and `flashpoint actors`: one article in, sourced conflict data out."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from flashpoint.budget import DEFAULT_SECONDS
from flashpoint.cli import app, tables
from flashpoint.cli.params import iso_date
from flashpoint.cli.terminal import SafeConsole, terminal_safe
from flashpoint.errors import INPUT_NOT_FOUND, FlashpointError

if TYPE_CHECKING:  # the records load pydantic: only when a command runs
    from flashpoint.model import Analysis, Document

ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".md"}

RegistryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--registry",
        "-r",
        help="Extra actor registry YAML (file or folder); repeatable. "
        "Entries with an existing id replace the shipped ones.",
    ),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option("--lexicon", help="Extra trigger/cue lexicon YAML; repeatable."),
]


def load_input(
    source: str,
    *,
    title: str | None,
    outlet: str | None,
    published: dt.date | None,
    encoding: str | None,
    check_language: bool,
    boilerplate=None,  # noqa: ANN001
    allow_hosts: tuple[str, ...] = (),
) -> Document:
    from flashpoint.ingest import load_document
    from flashpoint.ingest.folder import sidecar_metadata

    meta: dict = {}
    if source not in {"-"} and "://" not in source:
        meta = sidecar_metadata(Path(source))
    return load_document(
        source,
        title=title or meta.get("title"),
        outlet=outlet or meta.get("outlet"),
        published=published or meta.get("published"),
        encoding=encoding,
        check_language=check_language,
        boilerplate=boilerplate,
        allow_hosts=allow_hosts,
    )


def article_paths(folder: Path) -> list[Path]:
    """The folder's documents as `flashpoint ingest` reads them (`folder_documents`), less the
    corpora (CSV, JSON Lines, feeds) and other files that are not one article: those are for
    `flashpoint ingest`."""
    from flashpoint.ingest.folder import folder_documents

    paths = [p for p in folder_documents(folder) if p.suffix.lower() in ARTICLE_SUFFIXES]
    if not paths:
        raise FlashpointError(INPUT_NOT_FOUND, f"no articles (.txt, .html) in folder {folder}")
    return paths


@app.command()
def analyze(
    source: Annotated[
        str,
        typer.Argument(
            help="An article: a text or HTML file, a folder of them, an http(s) URL, "
            "or - for stdin."
        ),
    ],
    as_json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print the full result as JSON (one object; JSON Lines for a folder)."
        ),
    ] = False,
    published: Annotated[
        dt.date | None,
        typer.Option(
            parser=iso_date,
            metavar="YYYY-MM-DD",
            help="Publication date, when the input carries none; relative dates "
            "('in June', 'earlier this year') resolve against it.",
        ),
    ] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet that published the article.")] = None,
    title: Annotated[str | None, typer.Option(help="Title, when the input has none.")] = None,
    registry: RegistryOption = None,
    lexicon: LexiconOption = None,
    encoding: Annotated[
        str | None, typer.Option(help="Text encoding of the input (default: UTF-8, e.g. latin-1).")
    ] = None,
    language_check: Annotated[
        bool,
        typer.Option(
            "--language-check/--no-language-check", help="Refuse input that is not English."
        ),
    ] = True,
    boilerplate: Annotated[
        list[Path] | None,
        typer.Option(
            "--boilerplate",
            help="Extra boilerplate-pattern YAML (see docs/ingest.md); repeatable.",
        ),
    ] = None,
    model: Annotated[
        str | None,
        typer.Option(help="spaCy pipeline to use (default: en_core_web_sm; also _md/_lg)."),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            min=0,
            help="Seconds per 100,000 characters of text before an article is stopped "
            "(0: no limit).",
        ),
    ] = DEFAULT_SECONDS,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Fetch from this host though it is loopback or private (refused by default); "
            "repeatable.",
        ),
    ] = None,
) -> None:
    """Analyse one article: actors, events, relations, places, quotes, opinion and flashpoints.

    Prints a briefing, or with --json the full result (schema: docs/json-contract.md).

    Examples:

      flashpoint analyze examples/yemen_marib_offensive.txt

      flashpoint analyze article.html --json > result.json

      cat article.txt | flashpoint analyze - --published 2017-09-12 --outlet "Reuters"
    """
    path = Path(source)
    folder = path.is_dir()
    sources = [str(p) for p in article_paths(path)] if folder else [source]
    patterns = None
    if boilerplate:
        from flashpoint.ingest import load_boilerplate

        patterns = load_boilerplate([str(p) for p in boilerplate])
    failures: list[FlashpointError] = []
    documents = []
    for s in sources:
        try:
            documents.append(
                load_input(
                    s,
                    title=title,
                    outlet=outlet,
                    published=published,
                    encoding=encoding,
                    check_language=language_check,
                    boilerplate=patterns,
                    allow_hosts=tuple(allow_host or ()),
                )
            )
        except FlashpointError as exc:
            if not folder:
                raise
            _report(exc, s, failures)
    if not documents:
        _finish(failures, len(sources), source)
    from flashpoint.pipeline import Analyzer  # after the input checks: spaCy is slow to load

    console = Console(stderr=True)
    with console.status("loading language model, registry and gazetteer…"):
        analyzer = Analyzer.from_defaults(
            model=model,
            registry_paths=[str(p) for p in registry or []],
            lexicon_paths=[str(p) for p in lexicon or []],
        )
    for document in documents:
        try:
            analysis = analyzer.analyze(document, budget=timeout or None)
        except FlashpointError as exc:
            if not folder:
                raise
            _report(exc, document.source or "", failures)
            continue
        emit(analysis, as_json)
    _finish(failures, len(sources), source)


def _report(error: FlashpointError, source: str, failures: list[FlashpointError]) -> None:
    """One line on stderr for a file of a folder that could not be analysed; the rest go on."""
    failures.append(error)
    message = error.message if source in error.message else f"{source}: {error.message}"
    typer.echo(f"error[{error.code}]: {terminal_safe(message)}", err=True)


def _finish(failures: list[FlashpointError], total: int, source: str) -> None:
    if failures:
        raise FlashpointError(
            failures[0].code, f"{len(failures)} of {total} articles in {source} failed (above)"
        )


def emit(analysis: Analysis, as_json: bool) -> None:
    if as_json:
        sys.stdout.write(json.dumps(analysis.to_json_dict(), ensure_ascii=False) + "\n")
        sys.stdout.flush()
    else:
        from flashpoint.present.briefing import render

        render(analysis, SafeConsole())


@app.command()
def actors(
    registry: RegistryOption = None,
    theatre: Annotated[
        str | None, typer.Option(help="Only actors of this theatre (e.g. syria).")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="Only actors of this kind (e.g. militia).")
    ] = None,
    limit: Annotated[
        int | None,
        typer.Option(min=1, help=f"At most N actors (a table shows {tables.ROWS_SHOWN})."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
) -> None:
    """List the actor registry: ids, names, kinds, countries, aliases and patrons.

    Add or override actors with --registry my_actors.yaml (see docs/registry.md).
    """
    from flashpoint.resolve.registry import ActorRegistry

    entries = [
        e
        for e in ActorRegistry.load([str(p) for p in registry or []])
        if (theatre is None or theatre in e.theatres) and (kind is None or e.kind == kind)
    ][:limit]
    if as_json:
        print(
            json.dumps([e.model_dump(mode="json") for e in entries], ensure_ascii=False, indent=1)
        )
        return
    rows, hidden = tables.shown(entries, limit)
    table = Table(
        tables.text("id"),
        tables.text("name"),
        tables.text("kind"),
        tables.text("country"),
        tables.text("aliases"),
        tables.text("patrons"),
        title=f"Actor registry ({len(entries)} actors)",
    )
    for e in rows:
        patrons = ", ".join(
            p.id + (f" ({p.since}-{p.until or ''})" if p.since else "") for p in e.patrons
        )
        table.add_row(e.id, e.name, e.kind, e.country or "", ", ".join(e.aliases[:3]), patrons)
    tables.print_table(table, hidden)


@app.command()
def schema() -> None:
    """Print the JSON Schema of `flashpoint analyze --json` (see docs/json-contract.md)."""
    from flashpoint.present.schema import schema_text

    sys.stdout.write(schema_text())
