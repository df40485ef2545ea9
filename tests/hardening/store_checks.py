"""Helpers shared by the crash-safety and concurrent-writer tests and `scripts/store_trials.py`:
an invented corpus of analyses whose merged store does not depend on the order it is written
in, writers that run in their own processes, and the store's picture to compare runs by.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import multiprocessing
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from flashpoint.store.database import Database, normalise_url

TABLES = (
    "documents",
    "rejected",
    "actors",
    "aliases",
    "places",
    "mentions",
    "events",
    "event_sources",
    "relations",
    "relation_evidence",
    "quotes",
    "flashpoints",
)

_spec = importlib.util.spec_from_file_location(
    "flashpoint_store_factories", Path(__file__).parents[1] / "store" / "factories.py"
)
factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories)

OUTLETS = ("Levant Wire", "Desert Herald", "Frontline Daily", "River Post")
CLUSTERS = (  # (where, source, target, relation): each cluster is one event told many times
    ("deir", "sdf", "saa", ("patron_of", "usa", "sdf")),
    ("raqqa", "saa", "sdf", ("patron_of", "rus", "saa")),
    ("deir_bank", "sdf", "saa", ("enemy_of", "saa", "sdf")),
)


def corpus(n: int = 24) -> list[Any]:
    """`n` invented reports: each repeats one of three events (same actors, place, day), so
    any order of writing merges them into the same three events and relations."""
    reports = []
    for i in range(n):
        where, source, target, relation = CLUSTERS[i % len(CLUSTERS)]
        name = factories.PLACES[where]["name"]
        day = dt.date(2017, 9, (10, 11, 25)[i % len(CLUSTERS)])  # too far apart to merge
        body = (
            f"Fighters of the SDF and Syrian troops fought at {name} in report {i}. "
            f"The U.S. and Russia back the sides, the SDF and the SAA say."
        )
        reports.append(
            factories.report(
                text=body,
                outlet=OUTLETS[i % len(OUTLETS)],
                published=day + dt.timedelta(days=1 + i % 2),
                source=source,
                target=target,
                where=where,
                when=day,
                relations=(relation,),
            )
        )
    return reports


def write(url: str, analyses: list[Any], barrier: Any = None) -> int:
    """Store `analyses` in order (after the barrier, when given); returns how many were new."""
    stored = 0
    if barrier is not None:  # every writer opens at once: a new store races on its schema
        barrier.wait(timeout=60)
    with Database.open(url) as db:
        for analysis in analyses:
            stored += db.store(analysis, source=analysis.document.id)
    return stored


def _write_in_child(url: str, analyses: list[Any], barrier: Any, results: Any) -> None:
    try:
        results.put(("ok", write(url, analyses, barrier)))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which fails the test
        results.put(("error", f"{type(exc).__name__}: {exc}"))


def write_concurrently(url: str, shares: list[list[Any]]) -> list[tuple[str, Any]]:
    """One process per share, all opening the (maybe new) store and writing at once (forked
    where the system can: no engine is shared, each child opens its own)."""
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    barrier = context.Barrier(len(shares))
    results = context.Queue()
    processes = [
        context.Process(target=_write_in_child, args=(url, share, barrier, results))
        for share in shares
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=180) for _ in processes]
    for process in processes:
        process.join(60)
    return outcomes


def query(url: str, sql: str) -> list[tuple]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql))]
    finally:
        engine.dispose()


def picture(url: str) -> dict[str, Any]:
    """Row counts of every table and the merged events and relations with their support,
    without row ids (which depend on the order of writing)."""
    found: dict[str, Any] = {t: query(url, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    found["events_merged"] = sorted(
        tuple(str(v) for v in row)
        for row in query(
            url,
            "SELECT type, source_id, target_id, place_id, date_start, date_end, n_sources, "
            "n_outlets, first_reported, last_reported FROM events",
        )
    )
    found["relations_merged"] = sorted(
        tuple(str(v) for v in row)
        for row in query(
            url,
            "SELECT type, source_id, target_id, n_evidence, n_documents, n_outlets, "
            "first_seen, last_seen FROM relations",
        )
    )
    found["documents_ids"] = sorted(r[0] for r in query(url, "SELECT id FROM documents"))
    return found
