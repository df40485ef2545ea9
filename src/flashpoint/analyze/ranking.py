"""Corpus flashpoints: areas where forces of opposed camps are reported within one window.

1. Sightings: an actor is reported at a place when it acts there (or is attacked or aided
   there), with the presence types and modalities of the per-document finder; places need a
   point and must be finer than a country.
2. Areas: a place joins the most-reported place within `radius_km` (a hub; no chaining, so a
   string of towns never becomes one area), or, with `by="admin1"`, its first-level division.
3. Sides: actors present in an area are grouped by coalition (an actor in none is its own
   side). Two sides make a flashpoint when `Sides.opposition` finds a reason for their best
   pair of actors, or their coalitions oppose each other.
4. Score: `scoring.pair_score` (opposition x escalation) scaled by the window's support
   (`scoring.corpus_score`): proximity in space and time, independent outlets, fighting or
   threats between the two sides in the area, recency. One flashpoint per area by default.
5. Trend: the same sides in the same area scored over the previous window of the same length.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from flashpoint.analyze import scoring
from flashpoint.analyze.coalitions import Coalition, membership
from flashpoint.analyze.flashpoints import (
    COARSE_FEATURES,
    PRESENCE_MODALITIES,
    PRESENCE_TYPES,
)
from flashpoint.analyze.network import Tie, combatant, signed_graph
from flashpoint.analyze.paths import Path, Step
from flashpoint.analyze.records import Window, event_day
from flashpoint.analyze.sides import Act, Opposition, Sides
from flashpoint.analyze.sides import Tie as SideTie
from flashpoint.resolve.registry import ActorRegistry
from flashpoint.store.merge import haversine_km
from flashpoint.store.rows import RelationRow

RADIUS_KM = 40.0
CO_PRESENCE_DAYS = 7  # reports of the two sides this close in time count as "together"
PER_AREA = 1
MAX_EVIDENCE = 6
LINK_LABELS = {
    "enemy_of": "enemy_of",
    "threatens": "threatens",
    "may clash with": "attacked",
    "rival patrons": "opposed_to",
    "registered enemies": "enemy_of",
    "opposed camps": "opposed_to",
}
OPPOSED_CAMPS = 0.6  # opposition weight when only the coalitions say the sides are opposed


@dataclass(frozen=True)
class Sighting:
    actor: str
    place: str
    day: dt.date
    event: int
    modality: str
    outlets: frozenset[str]


@dataclass
class Area:
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    admin1: str | None
    places: set[str] = field(default_factory=set)


@dataclass
class SideView:
    camp: str
    actors: list[str]
    patrons: list[str]
    modalities: list[str] = field(default_factory=list)


@dataclass
class RankedFlashpoint:
    """One area and two opposed sides; `evidence` holds event ids (best first), `support` the
    three components of the window's support, `previous` the score one window earlier."""

    area: Area
    sides: list[SideView]
    score: float
    base: float
    trend: str
    previous: float | None
    first_seen: dt.date
    last_seen: dt.date
    opposition: str
    path: Path
    evidence: list[int]
    support: dict[str, float]
    distance_km: float | None
    gap_days: int
    outlets: int
    hostile_in_area: bool


def _kind(actor_id: str, window: Window, registry: ActorRegistry) -> str | None:
    entry = registry.get(actor_id)
    if entry is not None:
        return entry.kind
    row = window.actors.get(actor_id)
    return row.kind if row else None


def sightings(window: Window, registry: ActorRegistry) -> list[Sighting]:
    """Who is reported where and when in the window (see the module docstring)."""
    year = window.end.year if window.end else None
    found: list[Sighting] = []
    for event in window.events:
        day = event_day(event)
        place = window.places.get(event.place_id or "")
        if day is None or place is None or place.lat is None or place.lon is None:
            continue
        if event.type not in PRESENCE_TYPES or event.modality not in PRESENCE_MODALITIES:
            continue
        if (place.feature or "unknown") in COARSE_FEATURES:
            continue
        present = [event.source_id]
        if event.type in {"ASSAULT", "AID"}:
            present.append(event.target_id)
        for actor_id in present:
            if not actor_id or not combatant(_kind(actor_id, window, registry)):
                continue
            entry = registry.get(actor_id)
            if entry is not None and not entry.active_in(year):
                continue
            outlets = window.outlets.get(event.id, frozenset())
            found.append(Sighting(actor_id, place.id, day, event.id, event.modality, outlets))
    return found


def areas(
    window: Window, seen: list[Sighting], radius_km: float = RADIUS_KM, by: str = "radius"
) -> dict[str, Area]:
    """Place id -> its area, hubs being the most-reported places (see the module docstring)."""
    counts: dict[str, int] = defaultdict(int)
    for s in seen:
        counts[s.place] += 1
    ordered = sorted(counts, key=lambda p: (-counts[p], p))
    result: dict[str, Area] = {}
    hubs: list[Area] = []
    by_division: dict[tuple[str | None, str], Area] = {}
    for place_id in ordered:
        place = window.places[place_id]
        if by == "admin1":
            division = place.name if place.feature == "admin1" else (place.admin1 or place.name)
            key = (place.country, division.lower())
            if key not in by_division:
                by_division[key] = Area(
                    f"admin1:{place.country or ''}:{division}",
                    division,
                    place.lat,
                    place.lon,
                    place.country,
                    division,
                )
            area = by_division[key]
        else:
            area = next(
                (
                    h
                    for h in hubs
                    if haversine_km(h.lat, h.lon, place.lat, place.lon) <= radius_km  # type: ignore[arg-type]
                ),
                None,
            )
            if area is None:
                area = Area(place.id, place.name, place.lat, place.lon, place.country, place.admin1)
                hubs.append(area)
        area.places.add(place_id)
        result[place_id] = area
    return result


def build_sides(
    window: Window, registry: ActorRegistry, all_ties: list[Tie] | None = None
) -> Sides:
    """The side logic over the window's relations and events, for the window's last year.

    Given the signed network (`all_ties`), a reported relation counts only if the network kept
    it (a contested backing needs several outlets: network.py), and only where the net tie
    between the two agrees in sign: one outlet's "the US backs the Islamic State" does not
    outweigh years of reported air strikes, nor one outlet's "the coalition against the US"
    the alliance between them."""
    graph = signed_graph(all_ties) if all_ties is not None else None
    kept = {ref for t in all_ties for ref in t.refs} if all_ties is not None else None

    def agrees(r: RelationRow) -> bool:
        if graph is None or kept is None:
            return True
        if f"relation:{r.id}" not in kept:
            return False
        net = graph.edges[r.source_id, r.target_id]["weight"]
        return net < 0 if r.type == "enemy_of" else net > 0

    return Sides(
        registry,
        [
            SideTie(f"relation:{r.id}", r.type, r.source_id, r.target_id)
            for r in window.relations
            if agrees(r)
        ],
        [Act(f"event:{e.id}", e.type, e.source_id, e.target_id) for e in window.events],
        window.end.year if window.end else None,
    )


@dataclass
class _Pair:
    a: str
    b: str
    opposition: Opposition
    base: float
    patron_pair: tuple[str | None, str | None]


def _best_pair(
    sides: Sides,
    left: list[str],
    right: list[str],
    camps_opposed: bool,
    weight: dict[str, int],
    registry: ActorRegistry,
) -> _Pair | None:
    """The pair with the highest base score; among equals, registry actors before discovered
    ones, then the most often sighted."""
    best: tuple[tuple, _Pair] | None = None
    for a in left:
        for b in right:
            if _one_state(sides, a, b):
                continue  # a state and its own army are one side, whatever a sentence says
            opposition = sides.opposition(a, b)
            if opposition is None and camps_opposed and not sides.allied(a, b):
                opposition = Opposition("opposed camps", OPPOSED_CAMPS, [])
            if opposition is None:
                continue
            escalation, pair = sides.escalation(a, b)
            base = scoring.pair_score(opposition.weight, escalation)
            known = (a in registry) + (b in registry)
            key = (base, known, weight[a] + weight[b], b, a)
            if best is None or key[:3] > best[0][:3]:
                best = (key, _Pair(a, b, opposition, base, pair))
    return best[1] if best else None


def _one_state(sides: Sides, a: str, b: str) -> bool:
    sa, sb = sides.state_of(a), sides.state_of(b)
    return sa == b or sb == a or (sa is not None and sa == sb)


def _hostile_here(window: Window, area: Area, left: set[str], right: set[str]) -> list[int]:
    found = []
    for e in window.events:
        if e.type not in scoring.HOSTILE_TYPES or e.place_id not in area.places:
            continue
        if e.modality != "asserted" and e.type != "THREATEN":
            continue
        ends = {e.source_id, e.target_id}
        if ends & left and ends & right:
            found.append(e.id)
    return found


@dataclass
class _Support:
    score: float
    parts: dict[str, float]
    distance: float | None
    gap: int
    outlets: int
    hostile: list[int]


def _support(
    window: Window, area: Area, left: list[Sighting], right: list[Sighting], radius_km: float
) -> _Support:
    """The window's support for two sides in an area (see the module docstring)."""
    places = window.places
    days = window.days
    end = window.end or max(s.day for s in left + right)
    distance: float | None = None
    gap = days
    close = set()
    for x in left:
        for y in right:
            px, py = places[x.place], places[y.place]
            d = haversine_km(px.lat, px.lon, py.lat, py.lon)  # type: ignore[arg-type]
            distance = d if distance is None else min(distance, d)
            apart = abs((x.day - y.day).days)
            gap = min(gap, apart)
            if apart <= CO_PRESENCE_DAYS:
                close |= {("l", x.event, x.actor), ("r", y.event, y.actor)}
    together = len(close) / (len(left) + len(right))
    outlets = len(frozenset().union(*(s.outlets for s in left + right)))
    last = max(s.day for s in left + right)
    hostile = _hostile_here(window, area, {s.actor for s in left}, {s.actor for s in right})
    proximity = 0.5 * scoring.spatial_proximity(distance, radius_km) + 0.5 * together
    parts = {
        "proximity": round(proximity, 3),
        "sources": round(scoring.sources(outlets), 3),
        "hostility": round(scoring.hostility(len(hostile)), 3),
        "recency": round(scoring.recency((end - last).days, days), 3),
    }
    return _Support(scoring.support(parts), parts, distance, gap, outlets, hostile)


def _tie_lookup(all_ties: list[Tie]) -> dict[frozenset[str], Tie]:
    best: dict[frozenset[str], Tie] = {}
    for tie in all_ties:
        key = frozenset((tie.source, tie.target))
        rank = (not tie.registry, tie.weight)  # reported evidence first, then the strongest
        if tie.sign > 0 and (key not in best or rank > (not best[key].registry, best[key].weight)):
            best[key] = tie
    return best


def _path(pair: _Pair, sides: Sides, ties: dict[frozenset[str], Tie]) -> Path:
    """patron -> a x b <- patron, with the evidence behind each tie."""

    def step(x: str, y: str | None, label: str | None) -> Step:
        tie = ties.get(frozenset((x, y))) if y else None
        if tie is None:
            return Step(x, label, 0, [], y is not None)
        return Step(x, label, tie.evidence, list(tie.refs), tie.registry)

    left, right = pair.patron_pair
    steps: list[Step] = []
    if left:
        label = "commands" if left == sides.state_of(pair.a) else "patron_of"
        steps.append(step(left, pair.a, label))
    link = LINK_LABELS.get(pair.opposition.label, "opposed_to")
    steps.append(Step(pair.a, link, len(pair.opposition.evidence), list(pair.opposition.evidence)))
    if right:
        label = "part_of" if right == sides.state_of(pair.b) else "client_of"
        steps.append(step(pair.b, right, label))
        steps.append(Step(right))
    else:
        steps.append(Step(pair.b))
    return Path(steps, pair.base)


def rank_flashpoints(
    window: Window,
    registry: ActorRegistry,
    coalitions: list[Coalition],
    all_ties: list[Tie],
    previous: Window | None = None,
    *,
    radius_km: float = RADIUS_KM,
    by: str = "radius",
    per_area: int = PER_AREA,
    limit: int | None = None,
) -> list[RankedFlashpoint]:
    """The window's flashpoints, best first, at most `per_area` in one area (see the module
    docstring). `all_ties` is the signed network as of the window's end."""
    camp_of = {actor: c.id for actor, c in membership(coalitions).items()}
    opposed = {(c.id, o) for c in coalitions for o in c.opposes}
    sides = build_sides(window, registry, all_ties)
    current = sightings(window, registry)
    if not current:
        return []
    before = sightings(previous, registry) if previous is not None else []
    merged = Window(
        window.start, window.end, places={**(previous.places if previous else {}), **window.places}
    )
    area_of = areas(merged, current + before, radius_km, by)
    ties = _tie_lookup(all_ties)

    def by_area(seen: list[Sighting]) -> dict[str, dict[str, list[Sighting]]]:
        grouped: dict[str, dict[str, list[Sighting]]] = defaultdict(lambda: defaultdict(list))
        for s in seen:
            grouped[area_of[s.place].id][camp_of.get(s.actor, s.actor)].append(s)
        return grouped

    now, earlier = by_area(current), by_area(before)
    area_by_id = {a.id: a for a in area_of.values()}
    found: list[RankedFlashpoint] = []
    for area_id in sorted(now):
        area, camps = area_by_id[area_id], now[area_id]
        counts: dict[str, int] = defaultdict(int)
        for seen in camps.values():
            for s in seen:
                counts[s.actor] += 1
        here: list[RankedFlashpoint] = []
        keys = sorted(camps)
        for i, k1 in enumerate(keys):
            for k2 in keys[i + 1 :]:
                left = sorted({s.actor for s in camps[k1]})
                right = sorted({s.actor for s in camps[k2]})
                pair = _best_pair(
                    sides, left, right, (k1, k2) in opposed or (k2, k1) in opposed, counts, registry
                )
                if pair is None or pair.base < scoring.MIN_SCORE:
                    continue
                support = _support(window, area, camps[k1], camps[k2], radius_km)
                score = scoring.corpus_score(pair.base, support.score)
                previous_score = None
                if previous is not None and earlier[area_id].get(k1) and earlier[area_id].get(k2):
                    was = _support(
                        previous, area, earlier[area_id][k1], earlier[area_id][k2], radius_km
                    )
                    previous_score = scoring.corpus_score(pair.base, was.score)
                here.append(
                    _flashpoint(
                        area, camps, (k1, k2), pair, sides, ties, score, previous_score, support
                    )
                )
        here.sort(key=_order)
        found.extend(here[:per_area])
    found.sort(key=_order)
    return found[:limit] if limit else found


def _order(f: RankedFlashpoint) -> tuple:
    return (-f.score, -f.outlets, f.area.name, f.sides[0].camp, f.sides[1].camp)


def _flashpoint(
    area: Area,
    camps: dict[str, list[Sighting]],
    keys: tuple[str, str],
    pair: _Pair,
    sides: Sides,
    ties: dict[frozenset[str], Tie],
    score: float,
    previous_score: float | None,
    support: _Support,
) -> RankedFlashpoint:
    k1, k2 = keys
    hostile = support.hostile

    def view(camp: str, chosen: str) -> SideView:
        seen = camps[camp]
        counts: dict[str, int] = defaultdict(int)
        for s in seen:
            counts[s.actor] += 1
        actors = sorted(counts, key=lambda a: (a != chosen, -counts[a], a))
        return SideView(camp, actors, sides.patrons(chosen), sorted({s.modality for s in seen}))

    both = camps[k1] + camps[k2]
    chosen = [s for s in both if s.actor in (pair.a, pair.b)] or both
    ranked = sorted(chosen, key=lambda s: (-len(s.outlets), -s.day.toordinal(), s.event))
    evidence = list(dict.fromkeys([*hostile, *(s.event for s in ranked)]))[:MAX_EVIDENCE]
    return RankedFlashpoint(
        area=area,
        sides=[view(k1, pair.a), view(k2, pair.b)],
        score=score,
        base=pair.base,
        trend=scoring.trend(score, previous_score),
        previous=previous_score,
        first_seen=min(s.day for s in both),
        last_seen=max(s.day for s in both),
        opposition=pair.opposition.label,
        path=_path(pair, sides, ties),
        evidence=evidence,
        support=support.parts,
        distance_km=round(support.distance, 1) if support.distance is not None else None,
        gap_days=support.gap,
        outlets=support.outlets,
        hostile_in_area=bool(hostile),
    )
