"""Events as CSV in ACLED's layout: its 31 columns, in its order, with values as its codebook
defines them (country names, regions, actor type and interaction codes, precision codes,
fatalities), so ACLED users load them with the code they already have. Our own columns follow.

The code tables are data (`data/export/acled*.yaml`, see `acled_codes`); the column-by-column
mapping, and what stays empty and why, is in docs/exports.md. Only what ACLED would record is
written (asserted events of an ACLED type at a located place); the rest is counted on stderr.
"""

from __future__ import annotations

import csv
import datetime as dt
from typing import TextIO

from flashpoint.export.acled_codes import AcledCodes
from flashpoint.export.data import ExportData
from flashpoint.store.queries import ActorRow, EventRow, PlaceRow

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
EXTRA_COLUMNS = (
    "plover_type",
    "plover_mode",
    "modality",
    "cameo",
    "injured",
    "n_sources",
    "n_outlets",
    "date_end",
    "flashpoint_event_id",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS


def _timestamp(day: dt.date | None) -> int | str:
    """ACLED's `timestamp` is when the row last changed: for us, the last report's day (UTC),
    so that exporting the same store twice gives the same file."""
    if day is None:
        return ""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.timezone.utc).timestamp())


# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# ("=HYPERLINK(...)", "@SUM(...)"); text from articles must never run as one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe (the
    OWASP advice for CSV injection); numbers and other text pass unchanged."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _coordinate(value: float | None) -> float | str:
    return "" if value is None else round(value, 4)


def acled_row(
    event: EventRow,
    actors: dict[str, ActorRow],
    places: dict[str, PlaceRow] | None = None,
    codes: AcledCodes | None = None,
) -> dict[str, object]:
    """One row for one merged event, ACLED's columns first (empty strings where unknown), then
    ours, then the ids of actor 1 and 2 (for the Parquet table; not CSV columns)."""
    codes = codes or AcledCodes.load()
    where = codes.country(event.country)
    place = (places or {}).get(event.place_id or "")
    sides = []
    for actor_id, name in ((event.source_id, event.source), (event.target_id, event.target)):
        actor = actors.get(actor_id or "")
        inter = codes.inter(actor.kind, actor.country, event.country) if actor else 0
        sides.append((actor_id, name or "", inter or None))
    civilians = codes.rules["civilian_targeting"]["inter"]
    if sides[0][2] == civilians and sides[1][2] != civilians:  # ACLED: civilians are actor 2
        sides.reverse()
    (actor1_id, actor1, inter1), (actor2_id, actor2, inter2) = sides
    disorder = codes.disorder_type(event.acled_event_type)
    outlets = sorted({r.outlet for r in event.reports if r.outlet})
    interaction = codes.interaction(inter1, inter2)
    return {
        "event_id_cnty": f"{where.iso3 if where else 'XXX'}{event.id}",
        "event_date": event.date_start.isoformat() if event.date_start else "",
        "year": event.date_start.year if event.date_start else "",
        "time_precision": codes.time_precision(event.precision, event.date_start, event.date_end),
        "disorder_type": disorder,
        "event_type": event.acled_event_type or "",
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": actor1,
        "inter1": inter1 or 0,  # ACLED writes 0 for no actor (or one of no ACLED type)
        "actor2": actor2,
        "inter2": inter2 or 0,
        "interaction": interaction if interaction is not None else "",
        "civilian_targeting": codes.civilian_targeting(inter1, inter2, disorder),
        "iso": where.iso if where and where.iso is not None else "",
        "region": where.region if where else "",
        "country": where.name if where else "",
        "admin1": event.admin1 or "",
        "location": event.place or "",
        "latitude": _coordinate(event.lat),
        "longitude": _coordinate(event.lon),
        "geo_precision": codes.geo_precision(place.feature if place else None)
        if event.lat is not None
        else "",
        "source": "; ".join(outlets),
        "notes": event.reports[0].text if event.reports else "",
        "fatalities": event.fatalities or 0,
        "timestamp": _timestamp(event.last_reported or event.first_reported),
        "plover_type": event.type,
        "plover_mode": event.mode or "",
        "modality": event.modality,
        "cameo": event.cameo or "",
        "injured": event.injured if event.injured is not None else "",
        "n_sources": event.n_sources,
        "n_outlets": event.n_outlets,
        "date_end": event.date_end.isoformat() if event.date_end else "",
        "flashpoint_event_id": event.id,
        "actor1_id": actor1_id,
        "actor2_id": actor2_id,
    }


def omission(event: EventRow) -> str | None:
    """Why ACLED would not record this event, or None when it would: ACLED records what
    happened (asserted), of one of its event types, at a located place."""
    if event.modality != "asserted":
        return "events_not_asserted"
    if not event.acled_event_type:
        return "events_without_acled_type"
    if event.place_id is None or event.lat is None or event.lon is None:
        return "events_without_place"
    return None


def acled_omitted(data: ExportData) -> dict[str, int]:
    """What the CSV leaves out, by reason."""
    counts = dict.fromkeys(
        ("events_not_asserted", "events_without_acled_type", "events_without_place"), 0
    )
    for event in data.events:
        reason = omission(event)
        if reason:
            counts[reason] += 1
    return counts


def export_acled_csv(data: ExportData, out: TextIO) -> int:
    """Write the CSV; returns the number of rows."""
    codes = AcledCodes.load()
    writer = csv.DictWriter(
        out, fieldnames=COLUMNS, restval="", extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    rows = [e for e in data.events if omission(e) is None]
    for event in rows:
        row = acled_row(event, data.actors, data.places, codes)
        writer.writerow({k: neutralise(v) for k, v in row.items()})
    return len(rows)
