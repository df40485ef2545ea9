"""Flashpoints: where forces of opposing sides are reported at, or advancing on, the same area.

An analyst's question is not "who fights whom" (the events say that) but "where could a local
clash pull in the patrons?". So a pair of actors counts when:
1. both are reported present at the same area (events with a place; a relative place such
   as "north of Deir ez-Zor" belongs to its anchor; places within `NEAR_KM` merge), and
2. they are opposed: hostile relation or event between them, a threat (of any modality), or
   patrons that are enemies or registered rivals; and they are not allied.
The score weighs proximity, the strength of the opposition, and escalation potential (both
sides backed by opposed patrons scores highest). The path reads patron -> client x client <- patron.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

from flashpoint.model import Actor, Event, Flashpoint, PathStep, Place, Relation, Side
from flashpoint.resolve.registry import ActorRegistry

PRESENCE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "RETREAT", "THREATEN", "AID"}
PRESENCE_MODALITIES = {"asserted", "intended", "threatened"}
NEAR_KM = 60.0
WIDE_FEATURES = {"region", "admin1", "admin2", "valley", "desert"}
MIN_SCORE = 0.25
MAX_FLASHPOINTS = 5
COARSE_FEATURES = {"country", "continent", "sea", "ocean"}
NON_COMBATANT = {"media", "ngo", "igo", "population_group", "person"}


@dataclass
class Opposition:
    label: str
    weight: float
    evidence: list[str]


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

    # -- sides --------------------------------------------------------------------------
    def _combatant(self, actor_id: str) -> bool:
        actor = self.actors.get(actor_id)
        return actor is not None and actor.kind not in NON_COMBATANT

    def _related(self, type_: str, a: str, b: str) -> list[Relation]:
        return [r for r in self.relations if r.type == type_ and {r.source, r.target} == {a, b}]

    def patrons(self, actor_id: str) -> list[str]:
        found = [r.source for r in self.relations if r.type == "patron_of" and r.target == actor_id]
        entry = self.registry.get(actor_id)
        chain = [entry] if entry else []
        for r in self.relations:
            if r.type == "member_of" and r.source == actor_id:
                found.extend(self.patrons_direct(r.target))
        seen: set[str] = set()
        while chain:  # an army's patrons include its government's (a cycle stops the climb)
            current = chain.pop()
            if current.id in seen:
                break
            seen.add(current.id)
            found.extend(current.active_patrons(self.year))
            if (
                current.parent
                and (parent := self.registry.get(current.parent))
                and parent.kind != "state"
            ):
                chain.append(parent)
        unique = []
        for p in found:
            if p != actor_id and p not in unique:
                unique.append(p)
        # "Turkey" and "the Turkish Armed Forces" are one patron: keep the state
        return [p for p in unique if self.state_of(p) not in unique]

    def patrons_direct(self, actor_id: str) -> list[str]:
        found = [r.source for r in self.relations if r.type == "patron_of" and r.target == actor_id]
        entry = self.registry.get(actor_id)
        if entry:
            found.extend(entry.active_patrons(self.year))
        return found

    def _hostile(self, a: str, b: str) -> bool:
        if self._related("enemy_of", a, b):
            return True
        ea, eb = self.registry.get(a), self.registry.get(b)
        return bool(
            (ea and (b in ea.rivals or b in ea.enemies))
            or (eb and (a in eb.rivals or a in eb.enemies))
        )

    def _allied(self, a: str, b: str) -> bool:
        if self._related("ally_of", a, b) or self._related("member_of", a, b):
            return True
        if self._related("patron_of", a, b):
            return True
        ea, eb = self.registry.get(a), self.registry.get(b)
        if ea and eb and (b in ea.allies or a in eb.allies or ea.parent == b or eb.parent == a):
            return True
        return bool(set(self.patrons(a)) & {b}) or bool(set(self.patrons(b)) & {a})

    def _family(self, actor_id: str) -> set[str]:
        """An actor with its members and the groups it belongs to: the Deir ez-Zor Military
        Council's threat is the SDF's threat."""
        family = {actor_id}
        for r in self.relations:
            if r.type == "member_of" and actor_id in (r.source, r.target):
                family |= {r.source, r.target}
        return family

    def _between(self, types: set[str], a: str, b: str) -> list[Event]:
        fa, fb = self._family(a), self._family(b)
        return [
            e
            for e in self.events
            if e.type in types
            and e.source
            and e.target
            and ((e.source in fa and e.target in fb) or (e.source in fb and e.target in fa))
        ]

    def _same_side(self, a: str, b: str) -> bool:
        """Allied, or backed by a common patron and not opposed to each other."""
        if self._allied(a, b):
            return True
        common = set(self.patrons(a)) & set(self.patrons(b))
        return bool(common) and not self._between({"ASSAULT", "COERCE", "THREATEN"}, a, b)

    def _opposition(self, a: str, b: str) -> Opposition | None:
        if self._allied(a, b):
            return None
        threats = self._between({"THREATEN"}, a, b)
        hostile_events = self._between({"ASSAULT", "COERCE"}, a, b)
        enemies = self._related("enemy_of", a, b)
        if enemies:
            return Opposition("enemy_of", 1.0, [r.id for r in enemies] + [e.id for e in threats])
        if threats:
            return Opposition("threatens", 0.9, [e.id for e in threats + hostile_events])
        if hostile_events:
            return Opposition("may clash with", 0.75, [e.id for e in hostile_events])
        for pa in self.patrons(a) or []:
            for pb in self.patrons(b) or []:
                if pa != pb and self._hostile(pa, pb):
                    relation_ids = [r.id for r in self._related("enemy_of", pa, pb)]
                    return Opposition("rival patrons", 0.6, relation_ids)
        ea, eb = self.registry.get(a), self.registry.get(b)
        if (ea and b in ea.enemies) or (eb and a in eb.enemies):
            return Opposition("enemy_of", 0.5, [])
        return None

    def state_of(self, actor_id: str) -> str | None:
        """The state an organ belongs to (an army -> its government -> its state)."""
        entry, seen = self.registry.get(actor_id), set()
        while entry is not None and entry.id not in seen:
            if entry.kind == "state":
                return entry.id if entry.id != actor_id else None
            seen.add(entry.id)
            entry = self.registry.get(entry.parent) if entry.parent else None
        return None

    def _escalation(
        self, a: str, b: str, pa: list[str], pb: list[str]
    ) -> tuple[float, tuple[str | None, str | None]]:
        """How far a clash could reach: opposed outside patrons (1.0), a patron against the
        other side's own state (0.85), patrons on both sides (0.7), on one side (0.5), none."""
        for x in pa:
            for y in pb:
                if x != y and self._hostile(x, y):
                    return 1.0, (x, y)
        sa, sb = self.state_of(a), self.state_of(b)
        for x in pa:
            if sb and x != sb and self._hostile(x, sb):
                return 0.85, (x, sb)
        for y in pb:
            if sa and y != sa and self._hostile(sa, y):
                return 0.85, (sa, y)
        if pa and pb:
            return 0.7, (pa[0], pb[0])
        if pa or pb:
            return 0.5, (pa[0] if pa else None, pb[0] if pb else None)
        return 0.4, (None, None)

    def _in_area(self, area: str, present: dict[str, list[str]]) -> list[Flashpoint]:
        ids = sorted(present)
        candidates = []
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                opposition = self._opposition(a, b)
                if opposition is None:
                    continue
                pa, pb = self.patrons(a), self.patrons(b)
                escalation, patron_pair = self._escalation(a, b, pa, pb)
                score = round(min(1.0, opposition.weight * escalation), 2)
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
                if x not in (a, b) and self._same_side(a, x) and not self._same_side(b, x)
            ]
            side_b = [b] + [x for x in ids if x not in side_a and x != b and self._same_side(b, x)]
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
