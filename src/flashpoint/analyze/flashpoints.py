"""Flashpoints: where forces of opposing sides are reported at, or advancing on, the same area.

An analyst's question is not "who fights whom" (the events say that) but "where could a local
clash pull in the patrons?". So a pair of actors counts when:
1. both are reported present at the same area (events with a place; a relative place such
   as "north of Deir ez-Zor" belongs to its anchor; places within `NEAR_KM` merge), and
2. they are opposed: hostile relation or event between them, a threat (of any modality), or
   patrons that are enemies or registered rivals; and they are not allied.
The score is `scoring.pair_score`: the strength of the opposition times the escalation
potential (both sides backed by opposed patrons scores highest), the base that the corpus ranking
(analyze/ranking.py) scales by its support. The path reads patron -> client x client <- patron.
"""

from __future__ import annotations

import math
from collections import defaultdict

from flashpoint.analyze import scoring
from flashpoint.analyze.sides import Act, Opposition, Sides, Tie
from flashpoint.model import Actor, Event, Flashpoint, PathStep, Place, Relation, Side
from flashpoint.resolve.registry import ActorRegistry

PRESENCE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "RETREAT", "THREATEN", "AID"}
PRESENCE_MODALITIES = {"asserted", "intended", "threatened"}
NEAR_KM = 60.0
WIDE_FEATURES = {"region", "admin1", "admin2", "valley", "desert"}
MIN_SCORE = scoring.MIN_SCORE
MAX_FLASHPOINTS = 5
COARSE_FEATURES = {"country", "continent", "sea", "ocean"}
NON_COMBATANT = {"media", "ngo", "igo", "population_group", "person"}

__all__ = ["FlashpointFinder", "Opposition", "haversine_km"]


def haversine_km(a: Place, b: Place) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(h))


class FlashpointFinder:
    def __init__(self, registry: ActorRegistry):
        self.registry = registry

    def find(
        self,
        actors: list[Actor],
        places: list[Place],
        events: list[Event],
        relations: list[Relation],
        year: int | None,
    ) -> list[Flashpoint]:
        self.actors = {a.id: a for a in actors}
        self.places = {p.id: p for p in places}
        self.events = events
        self.relations = relations
        self.year = year
        self.sides = Sides(
            self.registry,
            [Tie(r.id, r.type, r.source, r.target) for r in relations],
            [Act(e.id, e.type, e.source, e.target) for e in events],
            year,
        )
        areas = self._areas(places)
        presence: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for event in events:
            if event.type not in PRESENCE_TYPES or event.modality not in PRESENCE_MODALITIES:
                continue
            if not event.place or event.place not in areas:
                continue
            if self.places[event.place].feature in COARSE_FEATURES:
                continue  # "in Syria" is not a front line
            if not self.places[event.place].resolved:
                continue  # an estimated point is no evidence of being in the same place
            area = areas[event.place]
            # the actor that acts is there; so is the one attacked, and the one aided
            present = (event.source, event.target if event.type in {"ASSAULT", "AID"} else None)
            for actor_id in present:
                if actor_id and self._combatant(actor_id):
                    presence[area][actor_id].append(event.id)
        flashpoints: list[Flashpoint] = []
        for area, present in presence.items():
            flashpoints.extend(self._in_area(area, present))
        flashpoints.sort(key=lambda f: -f.score)
        return flashpoints[:MAX_FLASHPOINTS]

    # -- areas --------------------------------------------------------------------------
    def _areas(self, places: list[Place]) -> dict[str, str]:
        """Place id -> area id: anchors absorb relative places; nearby places merge."""
        parent = {p.id: p.id for p in places}

        def root(pid: str) -> str:
            while parent[pid] != pid:
                parent[pid] = parent[parent[pid]]
                pid = parent[pid]
            return pid

        def union(a: str, b: str) -> None:
            """Attach a's area to b's: the anchor, or the earlier-mentioned place, names it."""
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[ra] = rb

        for place in places:
            if place.anchor and place.anchor in parent:
                union(place.id, place.anchor)
        located = [
            p
            for p in places
            if p.lat is not None
            and p.feature not in COARSE_FEATURES
            and p.feature not in WIDE_FEATURES
        ]
        for i, a in enumerate(located):
            for b in located[i + 1 :]:
                distance = haversine_km(a, b)
                if distance is not None and distance <= NEAR_KM:
                    union(b.id, a.id)
        # a province takes in the towns reported inside it ("converging on the governorate"),
        # a named region the towns close to its centre
        for wide in (p for p in places if p.feature in WIDE_FEATURES and p.lat is not None):
            for town in located:
                inside = bool(
                    town.admin1
                    and wide.name
                    and wide.feature in {"admin1", "admin2"}
                    and town.admin1.lower() == wide.name.lower()
                )
                distance = haversine_km(wide, town)
                if inside or (distance is not None and distance <= NEAR_KM / 2):
                    union(wide.id, town.id)
        return {p.id: root(p.id) for p in places}

    # -- sides (shared with the corpus ranking: analyze/sides.py) ----------------------------
    def _combatant(self, actor_id: str) -> bool:
        actor = self.actors.get(actor_id)
        return actor is not None and actor.kind not in NON_COMBATANT

    def patrons(self, actor_id: str) -> list[str]:
        return self.sides.patrons(actor_id)

    def state_of(self, actor_id: str) -> str | None:
        return self.sides.state_of(actor_id)

    def _in_area(self, area: str, present: dict[str, list[str]]) -> list[Flashpoint]:
        ids = sorted(present)
        candidates = []
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                opposition = self.sides.opposition(a, b)
                if opposition is None:
                    continue
                pa, pb = self.patrons(a), self.patrons(b)
                escalation, patron_pair = self.sides.escalation(a, b)
                score = scoring.pair_score(opposition.weight, escalation)
                if score >= MIN_SCORE:
                    candidates.append((score, a, b, opposition, pa, pb, patron_pair))
        candidates.sort(key=lambda c: -c[0])
        flashpoints: list[Flashpoint] = []
        covered: set[frozenset[str]] = set()
        for score, a, b, opposition, pa, pb, patron_pair in candidates:
            if frozenset((a, b)) in covered:
                continue
            side_a = [a] + [
                x
                for x in ids
                if x not in (a, b) and self.sides.same_side(a, x) and not self.sides.same_side(b, x)
            ]
            side_b = [b] + [
                x for x in ids if x not in side_a and x != b and self.sides.same_side(b, x)
            ]
            for x in side_a:
                for y in side_b:
                    covered.add(frozenset((x, y)))
            path = self._path(a, b, opposition, patron_pair)
            evidence = sorted(
                {*present[a], *present[b], *opposition.evidence},
                key=lambda x: (x[:2], int("".join(c for c in x if c.isdigit()) or 0)),
            )
            flashpoints.append(
                Flashpoint(
                    place=area,
                    sides=[Side(actors=side_a, patrons=pa), Side(actors=side_b, patrons=pb)],
                    score=score,
                    path=path,
                    evidence=evidence,
                    summary=self._summary(area, side_a, side_b, pa, pb, opposition),
                )
            )
        return flashpoints

    def _path(
        self, a: str, b: str, opposition: Opposition, pair: tuple[str | None, str | None]
    ) -> list[PathStep]:
        """patron -> a x b <- patron; a state standing behind its own forces 'commands' them."""
        left, right = pair
        steps: list[PathStep] = []
        if left:
            label = "commands" if left == self.state_of(a) else "patron_of"
            steps.append(PathStep(actor=left, relation=label))
        steps.append(PathStep(actor=a, relation=opposition.label))
        if right:
            label = "part_of" if right == self.state_of(b) else "client_of"
            steps.append(PathStep(actor=b, relation=label))
            steps.append(PathStep(actor=right, relation=None))
        else:
            steps.append(PathStep(actor=b, relation=None))
        return steps

    def _name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        if actor:
            return actor.name
        entry = self.registry.get(actor_id)
        return entry.name if entry else actor_id

    def _summary(
        self,
        area: str,
        side_a: list[str],
        side_b: list[str],
        pa: list[str],
        pb: list[str],
        opposition: Opposition,
    ) -> str:
        place = self.places.get(area)
        where = place.name if place else area

        def side(actors: list[str], patrons: list[str]) -> str:
            text = ", ".join(self._name(x) for x in actors)
            if patrons:
                text += " (backed by " + ", ".join(self._name(p) for p in patrons) + ")"
            return text

        return f"{where}: {side(side_a, pa)} vs {side(side_b, pb)} — {opposition.label}"
