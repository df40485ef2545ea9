"""Camps in the signed network: who is lined up with whom, and which camps oppose each other.

Signed communities by greedy agglomeration (correlation clustering): every actor starts alone,
and the two groups with the largest positive net tie between them merge, until no pair of
groups has a positive net tie. A group that is both allied and hostile to another joins it
only if the alliance outweighs the hostility. The order is fixed (weight, then ids), so the
same window gives the same camps.

A coalition's core is its most attached members (weight >= CORE_SHARE of the best), and it is
named after them. `track` follows coalitions from month to month: a coalition that shares
most of its members with one of last month's keeps that one's id and name, and says who joined
and who left.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import networkx as nx

from flashpoint.analyze.network import Tie, signed_graph

CORE_SHARE = 0.5
CORE_MAX = 3
NAME_PARTS = 2
MIN_MEMBERS = 2
MATCH_SHARE = 0.34  # Jaccard overlap for a coalition to be last month's


@dataclass
class Member:
    id: str
    name: str
    weight: float


@dataclass
class Coalition:
    """A camp: members with their attachment (0..1), core ids, and the ids of camps it opposes
    (strongest opposition first); `joined`/`left` compare with the previous month."""

    id: str
    name: str
    members: list[Member]
    core: list[str]
    opposes: list[str] = field(default_factory=list)
    joined: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)

    def member_ids(self) -> set[str]:
        return {m.id for m in self.members}

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "members": [
                {"id": m.id, "name": m.name, "weight": round(m.weight, 3)} for m in self.members
            ],
            "core": list(self.core),
            "opposes": list(self.opposes),
            "joined": list(self.joined),
            "left": list(self.left),
        }


def _clusters(graph: nx.Graph) -> list[set[str]]:
    """Greedy signed agglomeration over the net weights of `graph`."""
    group_of = {node: node for node in graph.nodes}
    members: dict[str, set[str]] = {node: {node} for node in graph.nodes}
    between: dict[str, dict[str, float]] = defaultdict(dict)
    for a, b, data in graph.edges(data=True):
        between[a][b] = between[a].get(b, 0.0) + data["weight"]
        between[b][a] = between[b].get(a, 0.0) + data["weight"]
    while True:
        best: tuple[float, str, str] | None = None
        for a in sorted(between):  # sorted ids: on a tie, the first pair wins
            for b in sorted(between[a]):
                weight = between[a][b]
                if a < b and weight > 1e-9 and (best is None or weight > best[0] + 1e-12):
                    best = (weight, a, b)
        if best is None:
            break
        _, keep, gone = best
        members[keep] |= members.pop(gone)
        for node in members[keep]:
            group_of[node] = keep
        for other, weight in between.pop(gone).items():
            if other == keep:
                continue
            between[other].pop(gone, None)
            total = between[keep].get(other, 0.0) + weight
            between[keep][other] = total
            between[other][keep] = total
        between[keep].pop(gone, None)
    return list(members.values())


def _attachment(graph: nx.Graph, group: set[str]) -> dict[str, float]:
    """Each member's positive net ties inside the group, as a share of the best member's."""
    strength = {
        node: sum(
            max(0.0, graph.edges[node, other]["weight"])
            for other in graph.neighbors(node)
            if other in group
        )
        for node in group
    }
    top = max(strength.values(), default=0.0) or 1.0
    return {node: value / top for node, value in strength.items()}


def form_coalitions(all_ties: list[Tie], names: dict[str, str]) -> list[Coalition]:
    """Coalitions of at least MIN_MEMBERS actors, largest first; ids from the core's first."""
    graph = signed_graph(all_ties)
    groups = [g for g in _clusters(graph) if len(g) >= MIN_MEMBERS]
    coalitions: list[Coalition] = []
    for group in groups:
        weight = _attachment(graph, group)
        ranked = sorted(group, key=lambda n: (-weight[n], n))
        core = [n for n in ranked if weight[n] >= CORE_SHARE][:CORE_MAX] or ranked[:1]
        coalitions.append(
            Coalition(
                id=core[0],
                name=" + ".join(names.get(n, n) for n in core[:NAME_PARTS]),
                members=[Member(n, names.get(n, n), weight[n]) for n in ranked],
                core=core,
            )
        )
    coalitions.sort(key=lambda c: (-len(c.members), c.id))
    _oppositions(graph, coalitions)
    return coalitions


def _oppositions(graph: nx.Graph, coalitions: list[Coalition]) -> None:
    """Fill `opposes`: camps whose net tie is negative, strongest first."""
    side = {m.id: c.id for c in coalitions for m in c.members}
    net: dict[tuple[str, str], float] = defaultdict(float)
    for a, b, data in graph.edges(data=True):
        ca, cb = side.get(a), side.get(b)
        if ca and cb and ca != cb:
            net[(ca, cb)] += data["weight"]
            net[(cb, ca)] += data["weight"]
    for coalition in coalitions:
        against = [(w, other) for (c, other), w in net.items() if c == coalition.id and w < 0]
        coalition.opposes = [other for _, other in sorted(against)]


def membership(coalitions: list[Coalition]) -> dict[str, Coalition]:
    """Actor id -> its coalition."""
    return {m.id: c for c in coalitions for m in c.members}


def _rename(coalitions: list[Coalition], mapping: dict[str, str]) -> None:
    for coalition in coalitions:
        coalition.opposes = [mapping.get(o, o) for o in coalition.opposes]


def follow(previous: list[Coalition], current: list[Coalition]) -> list[Coalition]:
    """Give each current coalition the id and name of last month's that it continues (the
    best Jaccard overlap >= MATCH_SHARE, each old coalition continued at most once), and note
    who joined and who left. A new coalition whose id is taken gets a suffix."""
    pairs = []
    for new in current:
        for old in previous:
            a, b = new.member_ids(), old.member_ids()
            share = len(a & b) / len(a | b)
            if share >= MATCH_SHARE:
                pairs.append((-share, new.id, old.id, new, old))
    pairs.sort(key=lambda p: p[:3])
    taken_new: set[int] = set()
    taken_old: set[str] = set()
    mapping: dict[str, str] = {}
    for _, _, _, new, old in pairs:
        if id(new) in taken_new or old.id in taken_old:
            continue
        taken_new.add(id(new))
        taken_old.add(old.id)
        mapping[new.id] = old.id
        new.joined = sorted(new.member_ids() - old.member_ids())
        new.left = sorted(old.member_ids() - new.member_ids())
        new.name = old.name
    used = set(mapping.values())
    for new in current:
        if id(new) in taken_new:
            continue
        candidate, n = new.id, 2
        while candidate in used:
            candidate, n = f"{new.id}_{n}", n + 1
        used.add(candidate)
        mapping[new.id] = candidate
        new.joined = sorted(new.member_ids())
    originals = {id(c): c.id for c in current}
    for new in current:
        new.id = mapping[originals[id(new)]]
    _rename(current, mapping)
    return current


def month_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last day of every month from start's to end's, with `end` itself last."""
    days: list[dt.date] = []
    year, month = start.year, start.month
    while (year, month) < (end.year, end.month):
        nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
        days.append(nxt - dt.timedelta(days=1))
        year, month = nxt.year, nxt.month
    days.append(end)
    return days


def track(snapshots: list[list[Tie]], names: dict[str, str]) -> list[Coalition]:
    """Coalitions of the last snapshot, named and identified through the earlier ones (one
    snapshot a month, oldest first); `joined`/`left` compare the last two."""
    current: list[Coalition] = []
    for index, snapshot in enumerate(snapshots):
        formed = form_coalitions(snapshot, names)
        current = follow(current, formed) if index else formed
    return current
