"""Exports of the store in the formats analysts load elsewhere.

    >>> with Database.open() as db:
    ...     export(db, "geojson", Path("events.geojson"), EventFilter(actor="SDF"))

Each format is a module with one `export_<format>(data, out)` function over `ExportData`.
A format that cannot hold some records (GeoJSON: events without a point; ACLED: what ACLED
would not record) says how many it left out, on stderr; see docs/exports.md.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flashpoint.errors import EXPORT_FAILED, FlashpointError
from flashpoint.export.acled import acled_omitted, export_acled_csv
from flashpoint.export.data import ExportData, load_export_data
from flashpoint.export.geojson import export_geojson, geojson_omitted
from flashpoint.export.graphml import export_graphml
from flashpoint.export.json_export import export_json
from flashpoint.export.parquet import export_parquet
from flashpoint.export.plover import export_plover
from flashpoint.store.database import Database
from flashpoint.store.queries import EventFilter


@dataclass(frozen=True)
class Format:
    name: str
    write: Callable[[ExportData, Any], int]
    binary: bool
    suffix: str
    counts: str
    omitted: Callable[[ExportData], dict[str, int]] | None = None


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", export_json, False, ".json", "events"),
        Format("geojson", export_geojson, False, ".geojson", "features", geojson_omitted),
        Format("acled-csv", export_acled_csv, False, ".csv", "rows", acled_omitted),
        Format("plover", export_plover, False, ".jsonl", "records"),
        Format("graphml", export_graphml, True, ".graphml", "edges"),
        Format("parquet", export_parquet, True, ".parquet", "rows"),
    )
}


def export(
    db: Database, format: str, out: Path | None = None, filters: EventFilter | None = None
) -> int:
    """Write the filtered store in `format` to `out` (standard output when None)."""
    spec = FORMATS.get(format)
    if spec is None:
        raise FlashpointError(EXPORT_FAILED, f"unknown format {format!r}: {', '.join(FORMATS)}")
    data = load_export_data(db, filters)
    count = _write(spec, data, out)
    if spec.omitted is not None:
        note = omitted_note(spec.name, spec.omitted(data))
        if note:
            print(note, file=sys.stderr)
    return count


def omitted_note(format: str, omitted: dict[str, int]) -> str | None:
    """One line saying what a format left out, or None when it left out nothing.

    >>> omitted_note("geojson", {"events_without_place": 2, "places_without_point": 0})
    'geojson: left out events_without_place=2'
    """
    parts = [f"{reason}={n}" for reason, n in omitted.items() if n]
    return f"{format}: left out {', '.join(parts)}" if parts else None


def _write(spec: Format, data: ExportData, out: Path | None) -> int:
    if out is None:
        if spec.binary:
            buffer = io.BytesIO()
            count = spec.write(data, buffer)
            sys.stdout.buffer.write(buffer.getvalue())
            return count
        return spec.write(data, sys.stdout)
    # Written beside `out` and renamed over it only when complete: a failed export leaves no
    # empty or half-written file, and an earlier export of the same name stays as it was.
    if out.exists() and not out.is_file():  # a device or a pipe (/dev/stdout): as it is
        return _write_to(spec, data, out, out)
    return _write_to(spec, data, out, out.with_name(f".{out.name}.partial"))


def _write_to(spec: Format, data: ExportData, out: Path, partial: Path) -> int:
    try:
        handle = (
            partial.open("wb") if spec.binary else partial.open("w", encoding="utf-8", newline="")
        )
        with handle:
            count = spec.write(data, handle)
        if partial != out:
            os.replace(partial, out)
        return count
    except OSError as exc:
        raise FlashpointError(EXPORT_FAILED, f"cannot write {out}: {exc.strerror}") from exc
    finally:
        if partial != out:
            partial.unlink(missing_ok=True)


__all__ = ["FORMATS", "ExportData", "export", "load_export_data"]
