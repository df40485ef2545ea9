"""The signed actor network of a window: who is tied to whom, for or against, and how surely.

Positive ties: patron_of, ally_of, member_of (reported, or registered with years that cover the
date) and an organ's place in its state (an army -> its government -> its state). Negative ties:
enemy_of (reported or registered), registered rivalries between states, and hostile events
(assaults, coercion, threats) between the two. Each reported tie weighs its evidence: how many
independent outlets report it, how many reports there are, and how recent the last one is
(`tie_weight`). The registry's background counts as much as two independent outlets.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

import networkx as nx

from flashpoint.analyze import scoring
from flashpoint.analyze.records import Window, event_day
from flashpoint.resolve.registry import ActorRegistry
from flashpoint.store.rows import RelationRow

POSITIVE = ("patron_of", "ally_of", "member_of", "part_of")
NEGATIVE = ("enemy_of", "rival_of", "attacked", "threatens")
REGISTRY_WEIGHT = scoring.sources(2) * 1.5  # ~ two independent outlets, reported once
RELATION_HALF_LIFE_DAYS = 365  # relations outlast the events that show them
EVENT_HALF_LIFE_DAYS = 90
NON_COMBATANT = {"media", "ngo", "igo", "population_group", "person"}
HOSTILE_MODALITIES = {"asserted", "threatened", "intended", "conditional"}
CONTESTED_OUTLETS = 3


@dataclass
class Tie:
    """One directed tie. `sign` is +1 or -1; `weight` > 0; `relation` is one of POSITIVE or
    NEGATIVE; `refs` name the store rows behind it ("relation:12", "event:40"), none for the
    registry's background; `evidence` counts the reports behind it."""

    source: str
    target: str
    relation: str
    sign: int
    weight: float
    evidence: int = 0
    outlets: int = 0
    last_seen: dt.date | None = None
    refs: list[str] = field(default_factory=list)
    registry: bool = False


def tie_weight(n_outlets: int, n_evidence: int, age_days: int, half_life_days: int) -> float:
    """Independent outlets first, the number of reports a little, halved every half-life."""
    base = scoring.sources(n_outlets) * (1.0 + 0.25 * math.log2(max(1, n_evidence)))
    return base * 0.5 ** (max(0, age_days) / half_life_days)


def _age(last: dt.date | None, at: dt.date | None) -> int:
    if last is None or at is None:
        return 0
    return max(0, (at - min(last, at)).days)


def registered(relation: RelationRow, registry: ActorRegistry) -> str | None:
    """What the registry says of this tie: "recorded", "contradicted" (it lists the two as
    enemies or rivals), "unrecorded", or None when it knows neither actor."""
    source, target = registry.get(relation.source_id), registry.get(relation.target_id)
    if source is None and target is None:
        return None
    for x, y in ((source, relation.target_id), (target, relation.source_id)):
        if x is not None and (y in x.enemies or y in x.rivals):
            return "recorded" if relation.type == "enemy_of" else "contradicted"
    if relation.type == "enemy_of":
        return "unrecorded"
    recorded = False
    if relation.type == "patron_of" and target is not None:
        recorded = relation.source_id in {p.id for p in target.patrons}
    elif relation.type == "member_of" and source is not None:
        recorded = relation.target_id in source.member_of or relation.target_id == source.parent
        if source.member_of and not recorded:
            return "contradicted"  # the registry lists what it belongs to: "Nusra in the FSA"
    elif relation.type == "ally_of":
        recorded = bool(
            (source and relation.target_id in source.allies)
            or (target and relation.source_id in target.allies)
        )
    return "recorded" if recorded else "unrecorded"


def credible(relation: RelationRow, registry: ActorRegistry, target_kind: str | None) -> bool:
    """A reported tie the registry does not record is a claim (often one side accusing another:
    "Damascus accuses Ankara of arming the Islamic State"; or a misreading: "Turkish artillery
    and coalition jets hit ..." read as enmity): it needs CONTESTED_OUTLETS independent outlets;
    one the registry contradicts never counts, and one between two actors the registry does not
    know needs two outlets. A state is nobody's client here ("Iran-backed Turkey" is a
    misreading). Fighting itself is not a claim: attacks count as events, whoever reports them."""
    if relation.type == "patron_of" and target_kind == "state":
        return False
    verdict = registered(relation, registry)
    if verdict is None:
        return relation.n_outlets >= 2
    if verdict == "unrecorded":
        return relation.n_outlets >= CONTESTED_OUTLETS
    return verdict == "recorded"


def state_of(registry: ActorRegistry, actor_id: str) -> str | None:
    """The state at the top of an actor's parent chain (a state is its own)."""
    entry, seen = registry.get(actor_id), set()
    while entry is not None and entry.id not in seen:
        if entry.kind == "state":
            return entry.id
        seen.add(entry.id)
        entry = registry.get(entry.parent) if entry.parent else None
    return None


def one_state(registry: ActorRegistry, a: str, b: str) -> bool:
    """Two organs of one state (its army and its government): one side, whatever a sentence
    says ("the regime's army" read as an enemy of "the regime")."""
    sa = state_of(registry, a)
    return sa is not None and sa == state_of(registry, b)


def combatant(kind: str | None) -> bool:
    """States and armed actors take sides; outlets, NGOs, the UN and people do not."""
    return kind is not None and kind not in NON_COMBATANT


def ties(window: Window, registry: ActorRegistry, at: dt.date | None = None) -> list[Tie]:
    """Every tie of the window as of `at` (default: the window's end), combatants only, and
    only actors that exist in `at`'s year by their registry `active` range."""
    at = at or window.end
    year = at.year if at else None

    def kind(actor_id: str) -> str | None:
        entry = registry.get(actor_id)
        if entry is not None:
            return entry.kind
        row = window.actors.get(actor_id)
        return row.kind if row else None

    def alive(actor_id: str) -> bool:
        entry = registry.get(actor_id)
        return combatant(kind(actor_id)) and (entry is None or entry.active_in(year))

    found: list[Tie] = []
    for r in window.relations:
        if at is not None and r.first_seen is not None and r.first_seen > at:
            continue
        if r.type not in ("patron_of", "ally_of", "member_of", "enemy_of"):
            continue
        if not (alive(r.source_id) and alive(r.target_id)) or r.source_id == r.target_id:
            continue
        if not credible(r, registry, kind(r.target_id)):
            continue
        if r.type == "enemy_of" and one_state(registry, r.source_id, r.target_id):
            continue
        weight = tie_weight(
            r.n_outlets, r.n_evidence, _age(r.last_seen, at), RELATION_HALF_LIFE_DAYS
        )
        found.append(
            Tie(
                r.source_id,
                r.target_id,
                r.type,
                -1 if r.type == "enemy_of" else 1,
                weight,
                r.n_evidence,
                r.n_outlets,
                r.last_seen,
                [f"relation:{r.id}"],
            )
        )
    for e in window.events:
        day = event_day(e)
        if e.type not in scoring.HOSTILE_TYPES or e.modality not in HOSTILE_MODALITIES:
            continue
        if e.modality != "asserted" and e.type != "THREATEN":
            continue  # an attack only intended or conditional is not an attack
        if not e.source_id or not e.target_id or e.source_id == e.target_id:
            continue
        if at is not None and day is not None and day > at:
            continue
        if not (alive(e.source_id) and alive(e.target_id)):
            continue
        if one_state(registry, e.source_id, e.target_id):
            continue
        relation = "threatens" if e.type == "THREATEN" else "attacked"
        weight = tie_weight(e.n_outlets, e.n_sources, _age(day, at), EVENT_HALF_LIFE_DAYS)
        found.append(
            Tie(
                e.source_id,
                e.target_id,
                relation,
                -1,
                weight,
                e.n_sources,
                e.n_outlets,
                day,
                [f"event:{e.id}"],
            )
        )
    present = {t.source for t in found} | {t.target for t in found}
    present |= {
        a
        for a, row in window.actors.items()
        if alive(a) and (at is None or row.first_seen is None or row.first_seen <= at)
    }  # not yet reported by `at`: not yet present (a month's snapshot sees only its past)
    found.extend(registry_ties(registry, present, year))
    return found


def registry_ties(registry: ActorRegistry, present: set[str], year: int | None) -> list[Tie]:
    """The registry's background among actors present in the window: patrons whose years cover
    `year`, allies, members, organs of a state, enemies and rivals. Patrons and parents are
    pulled in even when the window never names them (they back what it does name)."""

    def usable(actor_id: str) -> bool:
        entry = registry.get(actor_id)
        return entry is not None and entry.active_in(year) and combatant(entry.kind)

    reach: set[str] = set()
    queue = sorted(present)
    while queue:  # the present actors with their patrons and parents, transitively
        actor_id = queue.pop()
        if actor_id in reach or not usable(actor_id):
            continue
        reach.add(actor_id)
        entry = registry.get(actor_id)
        assert entry is not None
        queue.extend(entry.active_patrons(year))
        if entry.parent:
            queue.append(entry.parent)
    found: list[Tie] = []
    seen: set[tuple[str, str, str]] = set()

    def add(source: str, target: str, relation: str, sign: int) -> None:
        key = (source, target, relation)
        if key not in seen and source != target and target in reach:
            seen.add(key)
            found.append(Tie(source, target, relation, sign, REGISTRY_WEIGHT, registry=True))

    for actor_id in sorted(reach):
        entry = registry.get(actor_id)
        assert entry is not None
        for patron in entry.active_patrons(year):
            add(patron, actor_id, "patron_of", 1)
        if entry.parent:
            add(actor_id, entry.parent, "part_of", 1)
        for group in entry.member_of:
            add(actor_id, group, "member_of", 1)
        for ally in entry.allies:
            add(actor_id, ally, "ally_of", 1)
        for enemy in entry.enemies:
            add(actor_id, enemy, "enemy_of", -1)
        for rival in entry.rivals:
            add(actor_id, rival, "rival_of", -1)
    return found


def signed_graph(all_ties: list[Tie]) -> nx.Graph:
    """The undirected net network: one edge per pair with `positive`, `negative` and their
    difference `weight` (a pair both allied and fighting nets out)."""
    graph = nx.Graph()
    for tie in all_ties:
        if graph.has_edge(tie.source, tie.target):
            data = graph.edges[tie.source, tie.target]
        else:
            graph.add_edge(tie.source, tie.target, positive=0.0, negative=0.0)
            data = graph.edges[tie.source, tie.target]
        data["positive" if tie.sign > 0 else "negative"] += tie.weight
    for _a, _b, data in graph.edges(data=True):
        data["weight"] = data["positive"] - data["negative"]
    return graph
