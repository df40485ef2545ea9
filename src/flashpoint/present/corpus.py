"""The corpus questions, answered from the store: the store's window queries feed the analysis
functions, and the answers come back as the JSON shapes the CLI prints and the exports carry.

This is where the two layers meet, so that the CLI, the exports and an API all ask the same
thing the same way:

    >>> with Database.open(url) as db:
    ...     camps = coalitions(db, registry, at=dt.date(2017, 9, 30))
    ...     ranked = flashpoints(db, registry, Question(window_days=30))
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from flashpoint.analyze import network, paths, ranking
from flashpoint.analyze.coalitions import Coalition, month_ends, track
from flashpoint.analyze.records import Window
from flashpoint.analyze.report import Brief, build_brief
from flashpoint.errors import (
    ANALYSIS_REGION_UNKNOWN,
    ANALYSIS_STORE_EMPTY,
    DB_NOT_FOUND,
    FlashpointError,
)
from flashpoint.resolve.registry import ActorRegistry
from flashpoint.store import window as store_window
from flashpoint.store.database import Database
from flashpoint.store.queries import find_actor_ids
from flashpoint.store.rows import Report

NETWORK_DAYS = 365  # hostile events older than this no longer shape the camps
TRACK_MONTHS = 6  # months of history a coalition's name and id are carried through


@dataclass(frozen=True)
class Question:
    """The window asked about: `until` (default: the store's last event day), `since`
    (default: `window_days` before `until`), a region (ISO2 or admin1 name), and how areas
    are formed (`by` radius or admin1)."""

    since: dt.date | None = None
    until: dt.date | None = None
    window_days: int = 30
    region: str | None = None
    by: str = "radius"
    radius_km: float = ranking.RADIUS_KM
    limit: int | None = None


def bounds(db: Database, question: Question) -> tuple[dt.date, dt.date]:
    """The window's first and last day; an empty store or a region with no place is an error."""
    first, last = store_window.date_bounds(db)
    if last is None:
        raise FlashpointError(
            ANALYSIS_STORE_EMPTY, "the store holds no dated event; fill it with `flashpoint ingest`"
        )
    if question.region and not store_window.region_known(db, question.region):
        raise FlashpointError(
            ANALYSIS_REGION_UNKNOWN,
            f"no place in the store lies in {question.region!r}: give an ISO 3166 alpha-2 code "
            "(SY) or a province name (Deir ez-Zor)",
        )
    end = question.until or last
    start = question.since or end - dt.timedelta(days=question.window_days - 1)
    if start > end:
        raise FlashpointError(
            ANALYSIS_STORE_EMPTY, f"the window starts ({start}) after it ends ({end})"
        )
    return start, end


def load_window(
    db: Database,
    start: dt.date | None,
    end: dt.date | None,
    region: str | None = None,
    *,
    relations_since: dt.date | None = None,
    relations: bool = True,
) -> Window:
    """One window of the store as analysis records (see store/window.py for what is read)."""
    events = list(store_window.window_events(db, start, end, region))
    rels = store_window.window_relations(db, end, relations_since) if relations else []
    actor_ids = {x for e in events for x in (e.source_id, e.target_id) if x}
    actor_ids |= {x for r in rels for x in (r.source_id, r.target_id)}
    return Window(
        start=start,
        end=end,
        events=events,
        relations=rels,
        places=store_window.places_by_id(db, {e.place_id for e in events if e.place_id}),
        actors=store_window.actors_by_id(db, actor_ids),
        outlets=store_window.event_outlets(db, [e.id for e in events]),
    )


def names_for(db: Database, registry: ActorRegistry, ids: set[str]) -> dict[str, str]:
    """Display names: the store's, else the registry's, else the id."""
    rows = store_window.actors_by_id(db, ids)
    found = {}
    for actor_id in ids:
        entry = registry.get(actor_id)
        found[actor_id] = (
            rows[actor_id].name if actor_id in rows else entry.name if entry else actor_id
        )
    return found


def _network_window(db: Database, at: dt.date, months: int) -> Window:
    first = month_ends(at - dt.timedelta(days=31 * (months - 1)), at)[0]
    return load_window(db, first - dt.timedelta(days=NETWORK_DAYS), at)


def coalitions(
    db: Database, registry: ActorRegistry, at: dt.date | None = None, months: int = TRACK_MONTHS
) -> tuple[list[Coalition], list[network.Tie], dict[str, str]]:
    """Camps as of `at` (default: the store's last event day), followed through `months`
    monthly snapshots for stable ids and names; with the ties and names they came from."""
    if at is None:
        at = bounds(db, Question())[1]
    window = _network_window(db, at, months)
    snapshots_at = month_ends(at - dt.timedelta(days=31 * (months - 1)), at)[-months:]
    snapshots = [network.ties(window, registry, day) for day in snapshots_at]
    present = {x for t in snapshots[-1] for x in (t.source, t.target)}
    names = names_for(db, registry, present | set(window.actors))
    return track(snapshots, names), snapshots[-1], names


def _actor_id(db: Database, registry: ActorRegistry, name: str) -> str:
    with db.connect() as connection:
        ids = find_actor_ids(connection, name)
    ids += [e.id for e in registry.lookup(name) if e.id not in ids]
    if registry.get(name) and name not in ids:
        ids.insert(0, name)
    if not ids:
        raise FlashpointError(DB_NOT_FOUND, f"no actor called {name!r} in the store or registry")
    return sorted(ids, key=lambda i: (i != name, registry.get(i) is None, i))[0]


def best_reports(db: Database, refs: list[str]) -> dict[str, Report]:
    """The newest non-opinion report behind each ref ("relation:12", "event:40")."""
    relation_ids = [int(r.split(":")[1]) for r in refs if r.startswith("relation:")]
    event_ids = [int(r.split(":")[1]) for r in refs if r.startswith("event:")]
    found: dict[str, Report] = {}
    for key, reports in store_window.relation_reports(db, relation_ids).items():
        if reports:
            found[f"relation:{key}"] = reports[0]
    for key, reports in store_window.event_reports(db, event_ids).items():
        if reports:
            found[f"event:{key}"] = reports[0]
    return found


def evidence_json(report: Report | None) -> dict | None:
    if report is None:
        return None
    return {
        "document": report.document_id,
        "outlet": report.outlet,
        "published": report.published.isoformat() if report.published else None,
        "text": report.text,
    }


def path_json(path: paths.Path, names: dict[str, str], best: dict[str, Report]) -> dict:
    steps = []
    for step in path.steps:
        cited = next((best[r] for r in step.refs if r in best), None)
        steps.append(
            {
                "actor": {"id": step.actor, "name": names.get(step.actor, step.actor)},
                "relation": step.relation,
                "evidence": step.evidence,
                "registry": step.registry,
                "best": evidence_json(cited),
            }
        )
    return {"steps": steps, "score": path.score}


def escalation_paths(
    db: Database,
    registry: ActorRegistry,
    a: str | None,
    b: str | None,
    limit: int = 5,
    at: dt.date | None = None,
) -> list[dict]:
    """Paths between two actors (names, ids or aliases), or the best path of every pair of
    rival patrons when both are None; as JSON-ready dicts, best first."""
    if at is None:
        at = bounds(db, Question())[1]
    ids = (_actor_id(db, registry, a), _actor_id(db, registry, b)) if a and b else None
    window = load_window(db, at - dt.timedelta(days=NETWORK_DAYS), at)
    all_ties = network.ties(window, registry, at)
    found: list[paths.Path] = []
    if ids is not None:
        found = paths.escalation_paths(all_ties, ids[0], ids[1], limit)
    else:
        for x, y in paths.rival_pairs(all_ties):
            found.extend(paths.escalation_paths(all_ties, x, y, 1, direct=False))
        found.sort(key=lambda p: (-p.score, p.actors()))
        found = found[:limit]
    actors = {s.actor for p in found for s in p.steps}
    names = names_for(db, registry, actors)
    best = best_reports(db, [r for p in found for s in p.steps for r in s.refs])
    return [path_json(p, names, best) for p in found]


@dataclass
class Ranked:
    """Ranked flashpoints with what is needed to print or cite them."""

    flashpoints: list[ranking.RankedFlashpoint]
    coalitions: list[Coalition]
    names: dict[str, str]
    reports: dict[int, list[Report]]
    best: dict[str, Report]
    start: dt.date
    end: dt.date
    window: Window
    ties: list[network.Tie]

    def to_json(self) -> list[dict]:
        return [flashpoint_json(fp, self) for fp in self.flashpoints]


def flashpoints(db: Database, registry: ActorRegistry, question: Question) -> Ranked:
    """The window's flashpoints, best first, with trends against the window before."""
    start, end = bounds(db, question)
    days = (end - start).days + 1
    camps, all_ties, names = coalitions(db, registry, end)
    current = load_window(db, start, end, question.region, relations_since=None)
    previous = load_window(
        db,
        start - dt.timedelta(days=days),
        start - dt.timedelta(days=1),
        question.region,
        relations=False,
    )
    ranked = ranking.rank_flashpoints(
        current,
        registry,
        camps,
        all_ties,
        previous,
        radius_km=question.radius_km,
        by=question.by,
        limit=question.limit,
    )
    ids = {x for fp in ranked for side in fp.sides for x in side.actors + side.patrons}
    ids |= {s.actor for fp in ranked for s in fp.path.steps}
    names = {**names, **names_for(db, registry, ids - set(names))}
    reports = store_window.event_reports(db, [e for fp in ranked for e in fp.evidence])
    best = best_reports(db, [r for fp in ranked for s in fp.path.steps for r in s.refs])
    return Ranked(ranked, camps, names, reports, best, start, end, current, all_ties)


def flashpoint_json(fp: ranking.RankedFlashpoint, ranked: Ranked) -> dict:
    names = ranked.names

    def actors(ids: list[str]) -> list[dict]:
        return [{"id": i, "name": names.get(i, i)} for i in ids]

    evidence = []
    for event_id in fp.evidence:
        for report in ranked.reports.get(event_id, [])[:1]:
            evidence.append(evidence_json(report))
    return {
        "place": {
            "id": fp.area.id,
            "name": fp.area.name,
            "lat": fp.area.lat,
            "lon": fp.area.lon,
            "country": fp.area.country,
        },
        "sides": [
            {"camp": side.camp, "actors": actors(side.actors), "patrons": actors(side.patrons)}
            for side in fp.sides
        ],
        "score": fp.score,
        "trend": fp.trend,
        "previous": fp.previous,
        "base": fp.base,
        "support": fp.support,
        "opposition": fp.opposition,
        "distance_km": fp.distance_km,
        "gap_days": fp.gap_days,
        "outlets": fp.outlets,
        "first_seen": fp.first_seen.isoformat(),
        "last_seen": fp.last_seen.isoformat(),
        "window": {"start": ranked.start.isoformat(), "end": ranked.end.isoformat()},
        "path": path_json(fp.path, names, ranked.best)["steps"],
        "evidence": evidence,
    }


def brief(db: Database, registry: ActorRegistry, question: Question) -> Brief:
    """The situation report of the window: leading flashpoints, changes, who backs whom."""
    ranked = flashpoints(db, registry, question)
    in_region = {x for e in ranked.window.events for x in (e.source_id, e.target_id) if x}
    kept = {ref for tie in ranked.ties for ref in tie.refs}  # what the network believed
    recent = [
        r
        for r in ranked.window.relations
        if f"relation:{r.id}" in kept
        and (r.last_seen is None or r.last_seen >= ranked.start)
        and (not question.region or r.source_id in in_region or r.target_id in in_region)
    ]
    relation_reports = {
        k: [x for x in v if x.published is None or ranked.start <= x.published <= ranked.end]
        for k, v in store_window.relation_reports(db, [r.id for r in recent]).items()
    }
    names = {**ranked.names}
    for r in recent:
        names.setdefault(r.source_id, r.source)
        names.setdefault(r.target_id, r.target)
    return build_brief(
        flashpoints=ranked.flashpoints,
        coalitions=ranked.coalitions,
        relations=recent,
        names=names,
        event_reports=ranked.reports,
        relation_reports=relation_reports,
        start=ranked.start,
        end=ranked.end,
        region=question.region,
        window_days=(ranked.end - ranked.start).days + 1,
    )
