"""Option values the commands share, checked while click parses the command line.

A value that does not parse is a usage error naming its option (exit 2), never a traceback.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

import typer


def iso_date(value: str | dt.date | None) -> dt.date | None:
    """A YYYY-MM-DD option value as a date; click shows the message with the option's name."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"want a date as YYYY-MM-DD, not {value!r}") from exc


class ExportFormat(str, Enum):
    """The formats `flashpoint export` writes (the keys of `flashpoint.export.FORMATS`)."""

    json = "json"
    geojson = "geojson"
    acled_csv = "acled-csv"
    plover = "plover"
    graphml = "graphml"
    parquet = "parquet"


class StdinFormat(str, Enum):
    """How `flashpoint ingest -` reads standard input."""

    auto = "auto"
    text = "text"
    jsonl = "jsonl"
