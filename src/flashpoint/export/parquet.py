"""Events as a Parquet table (via pyarrow), one row per merged event, with the same columns as
the ACLED-style CSV so both load into the same dataframe code."""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from flashpoint.export.acled import acled_row
from flashpoint.export.data import ExportData

SCHEMA = pa.schema(
    [
        ("flashpoint_event_id", pa.int64()),
        ("event_id_cnty", pa.string()),
        ("event_date", pa.date32()),
        ("date_end", pa.date32()),
        ("year", pa.int32()),
        ("time_precision", pa.int8()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("modality", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("cameo", pa.string()),
        ("actor1", pa.string()),
        ("actor1_id", pa.string()),
        ("inter1", pa.int8()),
        ("actor2", pa.string()),
        ("actor2_id", pa.string()),
        ("inter2", pa.int8()),
        ("interaction", pa.string()),
        ("iso", pa.int32()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("location", pa.string()),
        ("place_id", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("source", pa.string()),
        ("notes", pa.string()),
        ("n_sources", pa.int32()),
        ("n_outlets", pa.int32()),
        ("document_ids", pa.list_(pa.string())),
    ]
)


def events_table(data: ExportData) -> pa.Table:
    """The events as an Arrow table with a fixed schema."""
    now = int(dt.datetime.now(dt.timezone.utc).timestamp())
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    for event in data.events:
        row = acled_row(event, data.actors, now)
        row.update(
            event_date=event.date_start,
            date_end=event.date_end,
            actor1_id=event.source_id,
            actor2_id=event.target_id,
            place_id=event.place_id,
            document_ids=[r.document_id for r in event.reports],
        )
        for name in SCHEMA.names:
            value = row.get(name)
            columns[name].append(None if value == "" else value)
    return pa.table(columns, schema=SCHEMA)


def export_parquet(data: ExportData, out: BinaryIO) -> int:
    """Write the Parquet file; returns the number of rows."""
    table = events_table(data)
    pq.write_table(table, out)
    return table.num_rows
