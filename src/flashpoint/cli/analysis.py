"""Corpus analysis commands: `coalitions`, `path`, `flashpoints` and `brief`, over the store.

Thin wrappers over `flashpoint.present.corpus` (store queries composed with the analysis), with
the store commands' options: `--db`, `--since/--until`, `--json`.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from flashpoint.cli import app, tables
from flashpoint.cli.params import (
    bounded_day,
    bounded_name,
    bounded_paths,
    bounded_rows,
    iso_date,
    out_of_bounds,
)
from flashpoint.cli.store import DbOption, JsonOption, SinceOption, UntilOption, _open, _print_json
from flashpoint.errors import EXPORT_FAILED, FlashpointError

ARROWS = {
    "patron_of": "→",
    "commands": "→",
    "member_of": "→",
    "part_of": "→",
    "client_of": "←",
    "has_member": "←",
    "ally_of": "=",
}

RegistryOption = typer.Option(help="Extra actor registry YAML files (patrons, active years).")
AtOption = typer.Option(
    None,
    "--at",
    parser=iso_date,
    callback=bounded_day,
    metavar="YYYY-MM-DD",
    help="As of this day (default: --until).",
)
RegionOption = typer.Option(
    None, callback=bounded_name, help="ISO 3166 alpha-2 code (SY) or a province name."
)


def window_days(value: str | int | None) -> int:
    """'30d', '6w', '3m' (30 days each), '1y' or a bare number of days, as days: a length that
    does not parse is a usage error, one past the API's bound a one-line error."""
    from flashpoint import bounds

    try:
        return bounds.window_days(value)
    except bounds.OutOfBounds as exc:
        raise out_of_bounds("--window", exc) from exc
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


WindowOption = typer.Option(
    "30d", "--window", parser=window_days, metavar="LENGTH", help="Window: 30d, 6w, 3m, 1y."
)


class AreaKind(str, Enum):
    radius = "radius"
    admin1 = "admin1"


class BriefFormat(str, Enum):
    md = "md"
    html = "html"
    json = "json"


def _registry(paths: list[Path]) -> Any:
    from flashpoint.resolve.registry import ActorRegistry

    return ActorRegistry.load([str(p) for p in paths])


@app.command()
def coalitions(
    at: dt.date = AtOption,
    since: Annotated[
        dt.date | None,
        typer.Option(
            parser=iso_date,
            callback=bounded_day,
            metavar="YYYY-MM-DD",
            help="Follow the camps month by month from here (default: 6 months).",
        ),
    ] = None,
    until: dt.date = UntilOption,
    registry: Annotated[list[Path], RegistryOption] = [],  # noqa: B006 - typer reads the default
    db: str = DbOption,
    json_output: bool = JsonOption,
) -> None:
    """Camps of the signed actor network: members, core, whom they oppose, who joined or left.

    Example: flashpoint coalitions --at 2017-09-30
    """
    from flashpoint.present import corpus
    from flashpoint.present.listing import coalitions_json, months_between

    with _open(db, create=False) as database:
        if json_output:
            _print_json(coalitions_json(database, _registry(registry), at or until, since)[1])
            return
        day = at or until
        if day is None:
            day = corpus.bounds(database, corpus.Question())[1]
        camps, _ties, _names = corpus.coalitions(
            database, _registry(registry), day, months_between(since, day)
        )
    out = Console()
    if not camps:
        out.print(f"no coalition as of {day}: no ties between actors in the store yet")
        return
    names = {c.id: c.name for c in camps}
    table = Table(
        tables.text("coalition"),
        tables.text("core"),
        tables.count("members"),
        tables.text("opposes"),
        tables.text("joined / left"),
        title=f"coalitions as of {day}",
    )
    for c in camps:
        member_names = {m.id: m.name for m in c.members}
        moves = []
        if c.joined and len(c.joined) < len(c.members):
            moves.append("+ " + ", ".join(member_names.get(i, i) for i in c.joined[:4]))
        if c.left:
            moves.append("- " + ", ".join(c.left[:4]))
        table.add_row(
            f"{c.name}\n[dim]{c.id}[/]",
            ", ".join(member_names.get(i, i) for i in c.core),
            str(len(c.members)),
            "; ".join(names.get(o, o) for o in c.opposes[:3]),
            "\n".join(moves),
        )
    out.print(table)


def path_line(steps: list[dict]) -> str:
    """'United States → Syrian Democratic Forces ✕ Syrian Arab Army ← Russia'."""
    parts: list[str] = []
    for index, step in enumerate(steps):
        parts.append(step["actor"]["name"])
        if index + 1 < len(steps):
            parts.append(ARROWS.get(step["relation"], "✕"))
    return " ".join(parts)


@app.command()
def path(
    a: str = typer.Argument(None, callback=bounded_name, help="One actor (id, name or alias)."),
    b: str = typer.Argument(None, callback=bounded_name, help="The other actor."),
    max_paths: int = typer.Option(
        5, "--max", min=1, callback=bounded_paths, help="At most N paths."
    ),
    at: dt.date = AtOption,
    until: dt.date = UntilOption,
    registry: Annotated[list[Path], RegistryOption] = [],  # noqa: B006 - typer reads the default
    db: str = DbOption,
    json_output: bool = JsonOption,
) -> None:
    """Shortest chains of backing and hostility that tie two actors' forces (default: every
    pair of rival patrons): "United States → SDF ✕ Syrian Arab Army ← Russia".

    Example: flashpoint path "United States" Russia --max 3
    """
    from flashpoint.present import corpus

    if (a is None) != (b is None):
        raise typer.BadParameter("give two actors, or none for every pair of rival patrons")
    with _open(db, create=False) as database:
        found = corpus.escalation_paths(database, _registry(registry), a, b, max_paths, at or until)
    if json_output:
        _print_json(found)
        return
    out = Console()
    if not found:
        out.print("no chain of backing and hostility ties them in the store")
        return
    for item in found:
        evidence = ", ".join(str(s["evidence"]) for s in item["steps"][:-1])
        out.print(f"{item['score']:.3f}  {path_line(item['steps'])}  [dim](reports: {evidence})[/]")


@app.command()
def flashpoints(
    window: int = WindowOption,
    region: str = RegionOption,
    limit: int = typer.Option(None, min=1, callback=bounded_rows, help="At most N flashpoints."),
    since: dt.date = SinceOption,
    until: dt.date = UntilOption,
    by: Annotated[AreaKind, typer.Option(help="Areas by radius or by admin1 unit.")] = (
        AreaKind.radius
    ),
    radius: float = typer.Option(
        40.0, min=1.0, max=2000.0, help="Area radius in km, 1-2,000 (with --by radius)."
    ),
    registry: Annotated[list[Path], RegistryOption] = [],  # noqa: B006 - typer reads the default
    db: str = DbOption,
    json_output: bool = JsonOption,
) -> None:
    """Where forces of opposed coalitions are reported close together, ranked, with a trend
    against the previous window. The window ends at --until (default: the last event day).

    Example: flashpoint flashpoints --window 30d --region SY --limit 10
    """
    from flashpoint.present import corpus

    question = corpus.Question(
        since=since,
        until=until,
        window_days=window,
        region=region,
        by=by.value,
        radius_km=radius,
        limit=limit,
    )
    with _open(db, create=False) as database:
        ranked = corpus.flashpoints(database, _registry(registry), question)
    data = ranked.to_json()
    if json_output:
        _print_json(data)
        return
    out = Console()
    if not data:
        out.print(f"no flashpoint between {ranked.start} and {ranked.end}")
        return
    rows, hidden = tables.shown(data, limit)
    table = Table(
        tables.count("score"),
        tables.text("trend"),
        tables.text("where"),
        tables.text("escalation path"),
        tables.date("seen", [f"{d['first_seen']}\n..{d['last_seen']}" for d in rows]),
        tables.count("outlets"),
        title=f"flashpoints {ranked.start} .. {ranked.end}",
    )
    for d in rows:
        table.add_row(
            f"{d['score']:.2f}",
            d["trend"],
            d["place"]["name"],
            path_line(d["path"]),
            f"{d['first_seen']}\n..{d['last_seen']}",
            str(d["outlets"]),
        )
    tables.print_table(table, hidden, out)


@app.command()
def brief(
    region: str = RegionOption,
    since: dt.date = SinceOption,
    until: dt.date = UntilOption,
    window: int = WindowOption,
    format: Annotated[
        BriefFormat, typer.Option("--format", help="md, html or json.")
    ] = BriefFormat.md,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write.")] = None,
    registry: Annotated[list[Path], RegistryOption] = [],  # noqa: B006 - typer reads the default
    db: str = DbOption,
    json_output: bool = typer.Option(False, "--json", help="Same as --format json."),
) -> None:
    """A situation report in plain sentences, each followed by its sources [outlet, date]:
    leading flashpoints, what changed, who backs whom.

    Example: flashpoint brief --region SY --since 2017-09-01 --format md
    """
    import json

    from flashpoint.present import corpus, situation

    question = corpus.Question(since=since, until=until, window_days=window, region=region)
    with _open(db, create=False) as database:
        report = corpus.brief(database, _registry(registry), question)
    kind = "json" if json_output else format.value
    if kind == "json":
        text = json.dumps(situation.to_json(report), ensure_ascii=False, indent=2) + "\n"
    elif kind == "html":
        text = situation.to_html(report)
    else:
        text = situation.to_markdown(report)
    if output is None:
        typer.echo(text, nl=False)
        return
    try:
        output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise FlashpointError(EXPORT_FAILED, f"cannot write {output}: {exc.strerror}") from exc
    typer.echo(f"wrote the brief to {output}", err=True)
