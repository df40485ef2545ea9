"""Option values the commands share, checked while click parses the command line.

A value that does not parse is a usage error naming its option (exit 2); one that parses but
lies past what the store holds (`flashpoint.bounds`, the API's checks too) is one line,
`error[E409]: --until: ...`; never a traceback.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum
from typing import Any

import typer

from flashpoint import bounds
from flashpoint.errors import VALUE_OUT_OF_BOUNDS, FlashpointError


def iso_date(value: str | dt.date | None) -> dt.date | None:
    """A YYYY-MM-DD option value as a date; click shows the message with the option's name."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"want a date as YYYY-MM-DD, not {value!r}") from exc


def out_of_bounds(option: str, exc: bounds.OutOfBounds) -> FlashpointError:
    """The one-line error for a value past its bound, naming the option."""
    return FlashpointError(VALUE_OUT_OF_BOUNDS, f"{option}: {exc}")


def bounded(check: Callable[..., Any], **limits: int) -> Callable[..., Any]:
    """A click callback running one of `flashpoint.bounds`' checks on the parsed value, so
    the CLI refuses exactly what the API refuses.

    >>> limit = typer.Option(None, min=1, callback=bounded(bounds.check_count, most=10))
    """

    def callback(param: typer.CallbackParam, value: Any) -> Any:
        try:
            return check(value, **limits)
        except bounds.OutOfBounds as exc:
            named = param.param_type_name == "option" and param.opts
            option = max(param.opts, key=len) if named else (param.name or "value").upper()
            raise out_of_bounds(option, exc) from exc

    return callback


bounded_day = bounded(bounds.check_day)
bounded_name = bounded(bounds.check_name)
bounded_count = bounded(bounds.check_count)
bounded_rows = bounded(bounds.check_count, least=1, most=bounds.MAX_ROWS)
bounded_paths = bounded(bounds.check_count, least=1, most=bounds.MAX_PATHS)


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
