"""Events as a Parquet table (via pyarrow), one row per merged event: ACLED's 31 columns with
the types of its codebook, then ours, so the CSV and this table load into the same dataframe
code. Unlike the CSV it keeps every event (ACLED's columns are null where ACLED has no value,
e.g. a threatened attack); `modality` and `event_type` tell them apart."""

from __future__ import annotations

from typing import BinaryIO

import pyarrow as pa
import pyarrow.parquet as pq

from flashpoint.export.acled import acled_row
from flashpoint.export.acled_codes import AcledCodes
from flashpoint.export.data import ExportData

SCHEMA = pa.schema(
    [
        ("event_id_cnty", pa.string()),
        ("event_date", pa.date32()),
        ("year", pa.int32()),
        ("time_precision", pa.int8()),
        ("disorder_type", pa.string()),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("actor1", pa.string()),
        ("assoc_actor_1", pa.string()),
        ("inter1", pa.int8()),
        ("actor2", pa.string()),
        ("assoc_actor_2", pa.string()),
        ("inter2", pa.int8()),
        ("interaction", pa.int16()),
        ("civilian_targeting", pa.string()),
        ("iso", pa.int32()),
        ("region", pa.string()),
        ("country", pa.string()),
        ("admin1", pa.string()),
        ("admin2", pa.string()),
        ("admin3", pa.string()),
        ("location", pa.string()),
        ("latitude", pa.float64()),
        ("longitude", pa.float64()),
        ("geo_precision", pa.int8()),
        ("source", pa.string()),
        ("source_scale", pa.string()),
        ("notes", pa.string()),
        ("fatalities", pa.int32()),
        ("tags", pa.string()),
        ("timestamp", pa.int64()),
        ("flashpoint_event_id", pa.int64()),
        ("date_end", pa.date32()),
        ("plover_type", pa.string()),
        ("plover_mode", pa.string()),
        ("modality", pa.string()),
        ("cameo", pa.string()),
        ("injured", pa.int32()),
        ("actor1_id", pa.string()),
        ("actor2_id", pa.string()),
        ("place_id", pa.string()),
        ("n_sources", pa.int32()),
        ("n_outlets", pa.int32()),
        ("document_ids", pa.list_(pa.string())),
    ]
)


def events_table(data: ExportData) -> pa.Table:
    """The events as an Arrow table with a fixed schema."""
    codes = AcledCodes.load()
    columns: dict[str, list] = {name: [] for name in SCHEMA.names}
    for event in data.events:
        row = acled_row(event, data.actors, data.places, codes)
        row.update(
            event_date=event.date_start,
            date_end=event.date_end,
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
