"""The whole filtered picture as one JSON document: events with their reports, relations with
their evidence, actors and places, the ranked flashpoints and coalitions of the corpus analysis
over the same dates, and the flashpoints each document yielded on its own."""

from __future__ import annotations

import datetime as dt
import json
from typing import TextIO

from flashpoint.export.data import ExportData
from flashpoint.model import SCHEMA_VERSION
from flashpoint.store.queries import to_jsonable


def export_json(data: ExportData, out: TextIO) -> int:
    """Write the export; returns the number of events written."""
    document = {
        "schema": SCHEMA_VERSION,
        "kind": "flashpoint.store.export",
        "exported_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "filters": to_jsonable(data.filters),
        "events": to_jsonable(data.events),
        "relations": to_jsonable(data.relations),
        "actors": to_jsonable(list(data.actors.values())),
        "places": to_jsonable(list(data.places.values())),
        "flashpoints": data.flashpoints,
        "coalitions": data.coalitions,
        "document_flashpoints": data.document_flashpoints,
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
    return len(data.events)
