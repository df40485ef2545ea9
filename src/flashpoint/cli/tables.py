"""Tables that stay readable in an 80-column terminal.

Dates are never cut ("2015-02…" says nothing), long names fold onto a second line instead of
losing their ends, and a long listing shows its first rows and says how many it left out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

from rich.console import Console, RenderableType
from rich.table import Column, Table
from rich.text import Text

from flashpoint.cli.terminal import SafeConsole

ROWS_SHOWN = 50
"""Rows a table prints when the user gave no --limit; --json always gives them all."""

T = TypeVar("T")


def text(header: str) -> Column:
    """A column of names or ids: folded onto more lines when narrow, never cut short."""
    return Column(header, overflow="fold")


def date(header: str, values: Iterable[str] = ()) -> Column:
    """A column of dates, as wide as its widest line and never wrapped (a range may take two
    lines: see `date_range`)."""
    width = max([10, len(header), *(len(line) for v in values for line in v.splitlines())])
    return Column(header, no_wrap=True, min_width=width)


def date_range(start: dt.date | None, end: dt.date | None) -> str:
    """A date, or a range as "start" over "..end" so that the column stays narrow."""
    text = start.isoformat() if start else "?"
    if end and end != start:
        text += f"\n..{end.isoformat()}"
    return text


def count(header: str) -> Column:
    """A column of small numbers, right-aligned."""
    return Column(header, justify="right", no_wrap=True)


def shown(rows: Sequence[T], limit: int | None) -> tuple[Sequence[T], int]:
    """The rows to print and how many are left out: all of them when --limit was given (the
    query already applied it), else the first ROWS_SHOWN."""
    if limit is not None or len(rows) <= ROWS_SHOWN:
        return rows, 0
    return rows[:ROWS_SHOWN], len(rows) - ROWS_SHOWN


def add_row(table: Table, *cells: RenderableType) -> None:
    """Add a row whose strings are data, printed as they are: a name such as "[/]" read from
    an article is not Rich markup (it would stop the command) and styles nothing."""
    table.add_row(*(Text(c) if isinstance(c, str) else c for c in cells))


def print_table(table: Table, hidden: int, console: Console | None = None) -> None:
    """Print the table and, when rows were left out, one line saying how to see them."""
    console = console or SafeConsole()
    console.print(table)
    if hidden:
        console.print(f"... and {hidden} more; use --limit N to show more, or --json for all")
