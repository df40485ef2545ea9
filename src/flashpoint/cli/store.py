"""Corpus commands: `ingest` fills the store; `events`, `actor`, `places`, `relations`, `stats`
query it; `export` writes it out; `db upgrade` migrates it. Thin wrappers over
`flashpoint.store` and `flashpoint.export`, imported inside the commands (SQLAlchemy is slow
to import, and `--help` should not wait for it)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column, Table
from rich.text import Text

from flashpoint.cli import app, tables
from flashpoint.cli.params import (
    ExportFormat,
    StdinFormat,
    bounded_count,
    bounded_day,
    bounded_name,
    bounded_rows,
    iso_date,
)
from flashpoint.cli.terminal import SafeConsole
from flashpoint.errors import INPUT_NOT_FOUND, FlashpointError

if TYPE_CHECKING:
    from flashpoint.store.database import Database

DB_HELP = (
    "Database URL: sqlite:///file.db or postgresql://user@host/name "
    "(default: flashpoint.db in the current folder)."
)
DbOption = typer.Option(None, "--db", envvar="FLASHPOINT_DB", help=DB_HELP, show_default=False)
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")
SinceOption = typer.Option(
    None,
    parser=iso_date,
    callback=bounded_day,
    metavar="YYYY-MM-DD",
    help="Only events on or after this date.",
)
UntilOption = typer.Option(
    None,
    parser=iso_date,
    callback=bounded_day,
    metavar="YYYY-MM-DD",
    help="Only events on or before this date.",
)
ActorOption = typer.Option(None, callback=bounded_name, help="Actor id, name or alias.")
PlaceOption = typer.Option(None, callback=bounded_name, help="Place id or name.")
MinOutletsOption = typer.Option(
    0, callback=bounded_count, help="Only events reported by at least N outlets."
)

db_app = typer.Typer(help="Manage the store's schema.")
app.add_typer(db_app, name="db")


def _open(url: str | None, **options: Any) -> Database:
    from flashpoint.store.database import DEFAULT_URL, Database

    return Database.open(url or DEFAULT_URL, **options)


def _print_json(value: Any) -> None:
    from flashpoint.store.queries import to_jsonable

    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")


class RateColumn(ProgressColumn):
    """Documents per second so far."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "-- docs/s", style="cyan")


class _BarReporter:
    def __init__(self, progress: Progress):
        self.progress = progress
        self.task: Any = None

    def reading(self, n: int) -> None:
        if self.task is None:
            self.task = self.progress.add_task("reading", total=None)
        self.progress.update(self.task, completed=n)

    def start(self, total: int) -> None:
        if self.task is not None:
            self.progress.remove_task(self.task)
        self.task = self.progress.add_task("analysing", total=total)

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)


@app.command()
def ingest(
    sources: Annotated[
        list[str],
        typer.Argument(help="Files, folders, CSV/JSONL corpora, feeds, URLs; - for stdin."),
    ],
    db: str = DbOption,
    workers: int = typer.Option(
        1,
        "--workers",
        "-w",
        min=1,
        max=256,
        help="Parsing processes (1-256); with --dask local, the cluster's workers.",
    ),
    dask: str = typer.Option(
        None,
        "--dask",
        metavar="ADDRESS",
        help="Analyse on Dask: local starts a cluster of --workers processes on this machine; "
        "tcp://scheduler:8786 uses a running scheduler and its workers (flashpoint installed "
        "on each). This process still writes the store. See docs/scale.md.",
    ),
    text_column: str = typer.Option(None, help="CSV/JSONL column with the article text."),
    title_column: str = typer.Option(None, help="... with the title."),
    date_column: str = typer.Option(None, help="... with the publication date."),
    url_column: str = typer.Option(None, help="... with the URL."),
    outlet_column: str = typer.Option(None, help="... with the outlet name."),
    encoding: str = typer.Option(None, help="Encoding of the input files (default UTF-8)."),
    limit: int = typer.Option(None, min=1, help="Read at most N documents."),
    timeout: float = typer.Option(
        60.0,
        min=0,
        help="Seconds per 100,000 characters of a document before it is rejected (0: no limit).",
    ),
    model: str = typer.Option(None, help="spaCy pipeline to use instead of the default."),
    registry: Annotated[list[Path], typer.Option(help="Extra actor registry YAML files.")] = [],  # noqa: B006 - typer reads the default, it is never mutated
    language_check: bool = typer.Option(
        True,
        "--language-check/--no-language-check",
        help="Reject documents that do not look English (--no-language-check keeps them).",
    ),
    format: Annotated[
        StdinFormat,
        typer.Option(
            "--format",
            help="How to read - (standard input): jsonl is one JSON object a line (fields as "
            "in a JSONL corpus), text is one article; auto reads JSON Lines when the first "
            "line is a JSON object, else one article.",
        ),
    ] = StdinFormat.auto,
    allow_host: Annotated[
        list[str],
        typer.Option(
            "--allow-host",
            help="Fetch from this host though it is loopback or private (refused by default); "
            "repeatable.",
        ),
    ] = [],  # noqa: B006 - typer reads the default, it is never mutated
    json_output: bool = JsonOption,
) -> None:
    """Analyse many documents into the store; safe to re-run, and resumes after a kill.

    Examples:

      flashpoint ingest corpus.csv --text-column article_content --workers 2

      cat article.txt | flashpoint ingest - --no-language-check

      flashpoint ingest - --format jsonl < articles.jsonl

      flashpoint ingest corpus.csv --dask tcp://scheduler:8786 --db postgresql://me@db/flashpoint
    """
    from flashpoint.ingest.corpus import STDIN, CorpusOptions
    from flashpoint.store.ingest import IngestOptions
    from flashpoint.store.ingest import ingest as run_ingest

    if sources.count(STDIN) > 1:
        raise typer.BadParameter("give - (standard input) at most once", param_hint="SOURCES")
    if STDIN in sources and sys.stdin.isatty():
        raise typer.BadParameter(
            "- reads documents from standard input, but nothing is piped in",
            param_hint="SOURCES",
        )
    for source in sources:
        is_url = source.lower().startswith(("http://", "https://"))
        if source != STDIN and not is_url and not Path(source).exists():
            raise FlashpointError(INPUT_NOT_FOUND, f"no such file or folder: {source}")
    options = IngestOptions(
        workers=workers,
        dask=dask,
        limit=limit,
        model=model,
        timeout=timeout or None,
        registry_paths=tuple(str(p) for p in registry),
        corpus=CorpusOptions(
            text_column=text_column,
            title_column=title_column,
            date_column=date_column,
            url_column=url_column,
            outlet_column=outlet_column,
            encoding=encoding,
            check_language=language_check,
            stdin_format=format.value,
            allow_hosts=tuple(allow_host),
        ),
    )
    console = Console(stderr=True)
    with (
        _open(db) as database,
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            RateColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        ) as progress,
    ):
        summary = run_ingest(sources, database, options, reporter=_BarReporter(progress))
    if json_output:
        _print_json(summary.to_dict())
        return
    out = SafeConsole(highlight=False)
    out.print(
        f"stored [bold]{summary.stored}[/], skipped as duplicates {summary.duplicates}, "
        f"rejected {summary.rejected_total}, in {summary.elapsed:.1f} s "
        f"({summary.docs_per_second:.2f} docs/s)"
    )
    for code, count in summary.rejected.most_common():
        out.print(Text(f"  rejected {count} x {code}: e.g. {summary.reasons.get(code, '')}"))


MainClauseOption = typer.Option(
    False,
    "--main-clause",
    help="Only the events a sentence is coded for, as a PLOVER coder codes one event per "
    "sentence: its main clause's event, else the best-placed one. 'X condemned the strike' "
    "keeps the condemnation and drops the strike, as it drops a raid in an 'after ...' "
    "clause beside a main event; 'X said Y shelled Z' keeps the shelling when the saying "
    "is no event. An event stays if any one of its reports is coded; reports stored before "
    "the store kept this count as coded.",
)


@app.command()
def events(
    actor: str = ActorOption,
    place: str = PlaceOption,
    type: str = typer.Option(
        None, "--type", callback=bounded_name, help="PLOVER event type, e.g. ASSAULT."
    ),
    since: dt.date = SinceOption,
    until: dt.date = UntilOption,
    min_outlets: int = MinOutletsOption,
    main_clause: bool = MainClauseOption,
    limit: int = typer.Option(
        None,
        min=1,
        callback=bounded_rows,
        help=f"At most N events (a table shows {tables.ROWS_SHOWN}).",
    ),
    db: str = DbOption,
    json_output: bool = JsonOption,
) -> None:
    """Merged events, with how many documents and independent outlets report each."""
    from flashpoint.store.queries import EventFilter
    from flashpoint.store.queries import events as query_events

    filters = EventFilter(
        actor=actor,
        place=place,
        type=type,
        since=since,
        until=until,
        min_outlets=min_outlets,
        main_clause=main_clause,
        limit=limit,
    )
    with _open(db, create=False) as database:
        rows = query_events(database, filters, reports=json_output)
    if json_output:
        _print_json(rows)
        return
    rows, hidden = tables.shown(rows, limit)
    dates = [tables.date_range(r.date_start, r.date_end) for r in rows]
    table = Table(
        tables.count("id"),
        tables.date("date", dates),
        tables.text("type"),
        tables.text("source"),
        tables.text("target"),
        tables.text("place"),
        tables.count("docs"),
        tables.count("outlets"),
    )
    for r, date in zip(rows, dates, strict=True):
        tables.add_row(
            table,
            str(r.id),
            date,
            r.type if r.modality == "asserted" else f"{r.type}\n({r.modality})",
            r.source or "",
            r.target or "",
            r.place or "",
            str(r.n_sources),
            str(r.n_outlets),
        )
    tables.print_table(table, hidden)


def _relation_line(relation: Any, actor_id: str) -> str:
    other = relation.target if relation.source_id == actor_id else relation.source
    return f"{other} ({relation.n_documents} docs, {relation.n_outlets} outlets)"


@app.command()
def actor(
    name: str = typer.Argument(..., callback=bounded_name, help="Actor id, name or alias."),
    limit: int = typer.Option(
        None,
        min=1,
        callback=bounded_rows,
        help=f"At most N timeline events in the table ({tables.ROWS_SHOWN}).",
    ),
    db: str = DbOption,
    json_output: bool = JsonOption,
) -> None:
    """One actor: aliases, patrons, allies, enemies, places and a timeline of events."""
    from flashpoint.store.queries import actor_profile

    with _open(db, create=False) as database:
        profile = actor_profile(database, name)
    if json_output:
        _print_json(profile)
        return
    a = profile.actor
    out = SafeConsole(highlight=False)
    out.print(
        f"[bold]{escape(a.name)}[/] ({escape(a.id)}) {a.kind}"
        f"{', ' + escape(a.country) if a.country else ''}"
        f" - {a.n_mentions} mentions in {a.n_documents} documents"
    )
    out.print(Text("aliases: " + (", ".join(profile.aliases) or "-")))
    for label, rels in (
        ("patrons", profile.patrons),
        ("clients", profile.clients),
        ("allies", profile.allies),
        ("enemies", profile.enemies),
    ):
        out.print(Text(f"{label}: " + ("; ".join(_relation_line(r, a.id) for r in rels) or "-")))
    out.print(Text("places: " + (", ".join(f"{n} ({c})" for n, c in profile.places[:15]) or "-")))
    timeline = profile.timeline[:limit] if limit else profile.timeline
    rows, hidden = tables.shown(timeline, limit)
    dates = [e.date_start.isoformat() if e.date_start else "?" for e in rows]
    table = Table(
        tables.date("date", dates),
        tables.text("type"),
        tables.text("source"),
        tables.text("target"),
        tables.text("place"),
        tables.count("docs"),
        title="timeline",
    )
    for e, date in zip(rows, dates, strict=True):
        tables.add_row(
            table, date, e.type, e.source or "", e.target or "", e.place or "", str(e.n_sources)
        )
    tables.print_table(table, hidden, out)


def _place_label(place: Any) -> Text:
    """The name with the division it lies in and its country, so that places sharing a name
    read apart: the city "Aleppo  Aleppo, SY" and the province "Aleppo  SY"."""
    division = place.admin1 if place.feature != "admin1" else None
    where = ", ".join(x for x in (division, place.country) if x)
    name = escape(place.name)
    return Text.from_markup(f"{name} [dim]{escape(where)}[/]" if where else name)


@app.command()
def places(
    limit: int = typer.Option(
        None,
        min=1,
        callback=bounded_rows,
        help=f"At most N places (a table shows {tables.ROWS_SHOWN}).",
    ),
    db: str = DbOption,
    json_output: bool = JsonOption,
) -> None:
    """Places in the store, most mentioned first, with their kind, division and events."""
    from flashpoint.store.queries import places as query_places

    with _open(db, create=False) as database:
        rows = query_places(database, limit=limit)
    if json_output:
        _print_json(rows)
        return
    rows, hidden = tables.shown(rows, limit)
    table = Table(
        tables.text("place"),
        tables.text("kind"),
        Column("lat, lon", no_wrap=True),
        tables.count("geonameid"),
        tables.count("mentions"),
        tables.count("docs"),
        tables.count("events"),
    )
    for p in rows:
        tables.add_row(
            table,
            _place_label(p),
            p.feature or "",
            f"{p.lat:.3f}, {p.lon:.3f}" if p.lat is not None and p.lon is not None else "-",
            str(p.geonameid or ""),
            str(p.n_mentions),
            str(p.n_documents),
            str(p.n_events),
        )
    tables.print_table(table, hidden)


@app.command()
def relations(
    actor: str = typer.Option(None, callback=bounded_name, help="Only relations of this actor."),
    type: str = typer.Option(
        None, "--type", callback=bounded_name, help="patron_of, ally_of, enemy_of, member_of ..."
    ),
    limit: int = typer.Option(20, min=1, callback=bounded_rows, help="At most N relations."),
    db: str = DbOption,
    json_output: bool = JsonOption,
) -> None:
    """Relations, best attested first (independent outlets, then documents)."""
    from flashpoint.present.listing import relation_rows

    with _open(db, create=False) as database:
        rows = relation_rows(database, actor=actor, type=type, limit=limit, evidence=json_output)
    if json_output:
        _print_json(rows)
        return
    firsts = [str(r.first_seen or "") for r in rows]
    lasts = [str(r.last_seen or "") for r in rows]
    table = Table(
        tables.text("source"),
        tables.text("relation"),
        tables.text("target"),
        tables.count("evidence"),
        tables.count("docs"),
        tables.count("outlets"),
        tables.date("first", firsts),
        tables.date("last", lasts),
    )
    for r, first, last in zip(rows, firsts, lasts, strict=True):
        tables.add_row(
            table,
            r.source,
            r.type,
            r.target,
            str(r.n_evidence),
            str(r.n_documents),
            str(r.n_outlets),
            first,
            last,
        )
    SafeConsole().print(table)


@app.command()
def stats(db: str = DbOption, json_output: bool = JsonOption) -> None:
    """Counts: documents, rejected, actors, places, events, relations, merged reports."""
    from flashpoint.store.queries import stats as query_stats

    with _open(db, create=False) as database:
        counts = query_stats(database)
    if json_output:
        _print_json(counts)
        return
    table = Table("what", "count")
    for key, value in counts.items():
        tables.add_row(table, key.replace("_", " "), str(value if value is not None else "-"))
    SafeConsole().print(table)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="What to write.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default stdout).")
    ] = None,
    actor: str = typer.Option(None, callback=bounded_name, help="Only events of this actor."),
    place: str = typer.Option(None, callback=bounded_name, help="Only events at this place."),
    type: str = typer.Option(
        None, "--type", callback=bounded_name, help="Only this PLOVER event type."
    ),
    since: dt.date = SinceOption,
    until: dt.date = UntilOption,
    min_outlets: int = MinOutletsOption,
    main_clause: bool = MainClauseOption,
    db: str = DbOption,
    json_output: bool = typer.Option(False, "--json", help="Print a JSON summary on stderr."),
) -> None:
    """Write the store (filtered) as JSON, GeoJSON, ACLED-style CSV, PLOVER, GraphML or Parquet.

    Examples:

      flashpoint export --format plover -o events.jsonl --main-clause

      flashpoint export -f acled-csv --actor SDF --since 2017-09-01 -o sdf.csv
    """
    from flashpoint.export import FORMATS
    from flashpoint.export import export as run_export
    from flashpoint.store.queries import EventFilter

    filters = EventFilter(
        actor=actor,
        place=place,
        type=type,
        since=since,
        until=until,
        min_outlets=min_outlets,
        main_clause=main_clause,
    )
    with _open(db, create=False) as database:
        count = run_export(database, format.value, output, filters)
    summary = {
        "format": format.value,
        "output": str(output) if output else "-",
        "count": count,
        "unit": FORMATS[format.value].counts,
    }
    if json_output:
        typer.echo(json.dumps(summary), err=True)
    elif output is not None:
        typer.echo(f"wrote {count} {summary['unit']} to {output}", err=True)


@db_app.command("upgrade")
def db_upgrade(db: str = DbOption, json_output: bool = JsonOption) -> None:
    """Create or migrate the store's schema to the latest version (opening does this too)."""
    with _open(db) as database:
        counts = database.counts()
    if json_output:
        _print_json({"url": database.url, "tables": counts})
    else:
        typer.echo(f"schema up to date: {database.engine.url.render_as_string(hide_password=True)}")
