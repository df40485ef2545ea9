"""Events as CSV with ACLED's column names where they apply, so ACLED users can load them with
the code they already have; columns we cannot fill are left empty, and our own columns follow.

Fatalities are not extracted, so `fatalities` stays empty (ACLED would write 0 for "none")."""

from __future__ import annotations

import csv
import datetime as dt
from typing import TextIO

from flashpoint.export.data import ExportData, country
from flashpoint.store.queries import ActorRow, EventRow

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
    "n_sources",
    "n_outlets",
    "date_end",
    "flashpoint_event_id",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS

# ACLED's actor type codes ("inter"): 1 state forces, 2 rebel groups, 3 political militias,
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
INTER_BY_KIND = {
    "state": 1,
    "government": 1,
    "armed_forces": 1,
    "armed_group": 2,
    "terrorist_group": 2,
    "militia": 3,
    "population_group": 7,
    "igo": 8,
    "ngo": 8,
    "organisation": 8,
    "media": 8,
}
DISORDER_BY_EVENT_TYPE = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Political violence; Demonstrations",
    "Strategic developments": "Strategic developments",
}
TIME_PRECISION = {"day": 1, "range": 2, "month": 3, "year": 3}


def _inter(actor: ActorRow | None) -> int | None:
    return INTER_BY_KIND.get(actor.kind) if actor else None


def acled_row(event: EventRow, actors: dict[str, ActorRow], now: int) -> dict[str, object]:
    """One CSV row for one merged event."""
    iso = country(event.country)
    source_actor = actors.get(event.source_id or "")
    target_actor = actors.get(event.target_id or "")
    inter1, inter2 = _inter(source_actor), _inter(target_actor)
    interaction = "".join(str(i) for i in sorted(x for x in (inter1, inter2) if x))
    outlets = sorted({r.outlet for r in event.reports if r.outlet})
    notes = event.reports[0].text if event.reports else ""
    return {
        "event_id_cnty": f"{iso.alpha_3 if iso else 'XXX'}{event.id}",
        "event_date": event.date_start.isoformat() if event.date_start else "",
        "year": event.date_start.year if event.date_start else "",
        "time_precision": TIME_PRECISION.get(event.precision, "") if event.date_start else "",
        "disorder_type": DISORDER_BY_EVENT_TYPE.get(event.acled_event_type or "", ""),
        "event_type": event.acled_event_type or "",
        "sub_event_type": event.acled_sub_event_type or "",
        "actor1": event.source or "",
        "inter1": inter1 or "",
        "actor2": event.target or "",
        "inter2": inter2 or "",
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": int(iso.numeric) if iso else "",
        "country": iso.name if iso else "",
        "admin1": event.admin1 or "",
        "location": event.place or "",
        "latitude": event.lat if event.lat is not None else "",
        "longitude": event.lon if event.lon is not None else "",
        "geo_precision": "" if event.lat is None else 1,
        "source": "; ".join(outlets),
        "notes": notes,
        "timestamp": now,
        "plover_type": event.type,
        "plover_mode": event.mode or "",
        "modality": event.modality,
        "cameo": event.cameo or "",
        "n_sources": event.n_sources,
        "n_outlets": event.n_outlets,
        "date_end": event.date_end.isoformat() if event.date_end else "",
        "flashpoint_event_id": event.id,
    }


def export_acled_csv(data: ExportData, out: TextIO) -> int:
    """Write the CSV; returns the number of rows."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    now = int(dt.datetime.now(dt.timezone.utc).timestamp())
    for event in data.events:
        writer.writerow(acled_row(event, data.actors, now))
    return len(data.events)
