"""Who stands with whom: patrons, allies, enemies and states, from relations and the registry.

One document's flashpoint finder and the corpus ranking ask the same questions of the same
knowledge ("who backs this militia in 2017?", "are these two on one side?", "how far could a
clash between them reach?"), so both build a `Sides` over their relations and ask it. The
relations are indexed once: the corpus holds thousands, and every pair of actors in every area
asks several questions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from flashpoint.analyze import scoring
from flashpoint.resolve.registry import ActorRegistry


@dataclass(frozen=True)
class Tie:
    """A relation as the side logic sees it: its type and ends, and an id to cite."""

    id: str
    type: str
    source: str
    target: str


@dataclass(frozen=True)
class Act:
    """An event as the side logic sees it: who did what to whom (ids, PLOVER type)."""

    id: str
    type: str
    source: str | None
    target: str | None


@dataclass
class Opposition:
    """Why two actors are on opposed sides, how strongly (see `scoring.OPPOSITION`), and the
    ids of the events and relations that say so."""

    label: str
    weight: float
    evidence: list[str]


class Sides:
    """Relations, events and the registry's background, answering side questions for a year."""

    def __init__(
        self,
        registry: ActorRegistry,
        ties: Iterable[Tie],
        acts: Iterable[Act] = (),
        year: int | None = None,
    ):
        self.registry = registry
        self.year = year
        self.ties = list(ties)
        self._by_pair: dict[tuple[str, frozenset[str]], list[Tie]] = defaultdict(list)
        self._patron_ties: dict[str, list[str]] = defaultdict(list)
        self._member_ties: dict[str, list[str]] = defaultdict(list)
        self._families: dict[str, set[str]] = defaultdict(set)
        for tie in self.ties:
            self._by_pair[(tie.type, frozenset((tie.source, tie.target)))].append(tie)
            if tie.type == "patron_of":
                self._patron_ties[tie.target].append(tie.source)
            if tie.type == "member_of":
                self._member_ties[tie.source].append(tie.target)
                self._families[tie.source] |= {tie.source, tie.target}
                self._families[tie.target] |= {tie.source, tie.target}
        self._acts: dict[frozenset[str], list[Act]] = defaultdict(list)
        for act in acts:
            if act.source and act.target:
                self._acts[frozenset((act.source, act.target))].append(act)
        self._patrons: dict[str, list[str]] = {}

    # -- plain facts ----------------------------------------------------------------------
    def related(self, type_: str, a: str, b: str) -> list[Tie]:
        return self._by_pair.get((type_, frozenset((a, b))), [])

    def state_of(self, actor_id: str) -> str | None:
        """The state an organ belongs to (an army -> its government -> its state)."""
        entry, seen = self.registry.get(actor_id), set()
        while entry is not None and entry.id not in seen:
            if entry.kind == "state":
                return entry.id if entry.id != actor_id else None
            seen.add(entry.id)
            entry = self.registry.get(entry.parent) if entry.parent else None
        return None

    def patrons_direct(self, actor_id: str) -> list[str]:
        found = list(self._patron_ties.get(actor_id, []))
        entry = self.registry.get(actor_id)
        if entry:
            found.extend(entry.active_patrons(self.year))
        return found

    def patrons(self, actor_id: str) -> list[str]:
        """Reported and registered patrons, those of the groups it is a member of, and those
        of the organs above it; a state and its own armed forces count once (the state)."""
        if actor_id in self._patrons:
            return self._patrons[actor_id]
        found = list(self._patron_ties.get(actor_id, []))
        entry = self.registry.get(actor_id)
        chain = [entry] if entry else []
        for group in self._member_ties.get(actor_id, []):
            found.extend(self.patrons_direct(group))
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
        unique: list[str] = []
        for p in found:
            if p != actor_id and p not in unique:
                unique.append(p)
        # "Turkey" and "the Turkish Armed Forces" are one patron: keep the state
        result = [p for p in unique if self.state_of(p) not in unique]
        self._patrons[actor_id] = result
        return result

    def hostile(self, a: str, b: str) -> bool:
        """Enemies by a reported relation, or enemies or rivals by the registry."""
        if self.related("enemy_of", a, b):
            return True
        ea, eb = self.registry.get(a), self.registry.get(b)
        return bool(
            (ea and (b in ea.rivals or b in ea.enemies))
            or (eb and (a in eb.rivals or a in eb.enemies))
        )

    def allied(self, a: str, b: str) -> bool:
        """Allies, members, patron and client, by report or registry."""
        if self.related("ally_of", a, b) or self.related("member_of", a, b):
            return True
        if self.related("patron_of", a, b):
            return True
        ea, eb = self.registry.get(a), self.registry.get(b)
        if ea and eb and (b in ea.allies or a in eb.allies or ea.parent == b or eb.parent == a):
            return True
        return b in self.patrons(a) or a in self.patrons(b)

    def family(self, actor_id: str) -> set[str]:
        """An actor with its members and the groups it belongs to: the Deir ez-Zor Military
        Council's threat is the SDF's threat."""
        return self._families.get(actor_id) or {actor_id}

    def between(self, types: set[str], a: str, b: str) -> list[Act]:
        """Events of these types from either family to the other."""
        found: list[Act] = []
        for x in sorted(self.family(a)):
            for y in sorted(self.family(b)):
                if x == y:
                    continue
                for act in self._acts.get(frozenset((x, y)), []):
                    if act.type in types and act not in found:
                        found.append(act)
        return found

    def same_side(self, a: str, b: str) -> bool:
        """Allied, or backed by a common patron and not opposed to each other."""
        if self.allied(a, b):
            return True
        common = set(self.patrons(a)) & set(self.patrons(b))
        return bool(common) and not self.between(scoring.HOSTILE_TYPES, a, b)

    # -- scores ---------------------------------------------------------------------------
    def opposition(self, a: str, b: str) -> Opposition | None:
        """The strongest reason the two are opposed, or None when nothing says they are."""
        if self.allied(a, b):
            return None
        weights = scoring.OPPOSITION
        threats = self.between({"THREATEN"}, a, b)
        hostile_events = self.between({"ASSAULT", "COERCE"}, a, b)
        enemies = self.related("enemy_of", a, b)
        if enemies:
            ids = [r.id for r in enemies] + [e.id for e in threats]
            return Opposition("enemy_of", weights["enemy_of"], ids)
        if threats:
            return Opposition(
                "threatens", weights["threatens"], [e.id for e in threats + hostile_events]
            )
        if hostile_events:
            return Opposition(
                "may clash with", weights["may clash with"], [e.id for e in hostile_events]
            )
        for pa in self.patrons(a):
            for pb in self.patrons(b):
                if pa != pb and self.hostile(pa, pb):
                    relation_ids = [r.id for r in self.related("enemy_of", pa, pb)]
                    return Opposition("rival patrons", weights["rival patrons"], relation_ids)
        ea, eb = self.registry.get(a), self.registry.get(b)
        if (ea and b in ea.enemies) or (eb and a in eb.enemies):
            return Opposition("enemy_of", weights["registered enemies"], [])
        return None

    def escalation(self, a: str, b: str) -> tuple[float, tuple[str | None, str | None]]:
        """How far a clash between a and b could reach, and the pair of actors it would reach
        (see `scoring.ESCALATION`)."""
        pa, pb = self.patrons(a), self.patrons(b)
        weights = scoring.ESCALATION
        for x in pa:
            for y in pb:
                if x != y and self.hostile(x, y):
                    return weights["opposed patrons"], (x, y)
        sa, sb = self.state_of(a), self.state_of(b)
        for x in pa:
            if sb and x != sb and self.hostile(x, sb):
                return weights["patron against the state"], (x, sb)
        for y in pb:
            if sa and y != sa and self.hostile(sa, y):
                return weights["patron against the state"], (sa, y)
        if pa and pb:
            return weights["both backed"], (pa[0], pb[0])
        if pa or pb:
            return weights["one backed"], (pa[0] if pa else None, pb[0] if pb else None)
        return weights["none"], (None, None)
