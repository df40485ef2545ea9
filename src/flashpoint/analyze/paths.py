"""Escalation paths: the chains of backing and hostility that tie two actors' forces.

A path runs from one actor through its own side (patron, ally, member, organ ties), crosses to
the other side over exactly one hostile tie (enemy, attack, threat), and climbs the other side
to the second actor: "United States -> SDF x Syrian Arab Army <- Russia". The search runs on a
two-layer graph (before and after the crossing), so networkx's shortest simple paths give the
fewest hops first, and among equal hops the strongest ties.

A path's score is the product of its ties' strengths (1 - exp(-weight)): one weak tie anywhere
weakens the whole chain, and every extra hop costs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from itertools import islice

import networkx as nx

from flashpoint.analyze.network import NEGATIVE, Tie

FORWARD = {
    "patron_of": "patron_of",
    "ally_of": "ally_of",
    "member_of": "member_of",
    "part_of": "part_of",
    "enemy_of": "enemy_of",
    "rival_of": "rival_of",
    "attacked": "attacked",
    "threatens": "threatens",
}
BACKWARD = {
    "patron_of": "client_of",
    "ally_of": "ally_of",
    "member_of": "has_member",
    "part_of": "commands",
    "enemy_of": "enemy_of",
    "rival_of": "rival_of",
    "attacked": "attacked_by",
    "threatens": "threatened_by",
}
SEARCH_FACTOR = 8  # candidate paths examined per path wanted


@dataclass
class Step:
    """One actor on the path; `relation` ties it to the next actor (None on the last), with
    `evidence` reports behind that tie, its store `refs`, and whether it is registry background."""

    actor: str
    relation: str | None = None
    evidence: int = 0
    refs: list[str] = field(default_factory=list)
    registry: bool = False


@dataclass
class Path:
    steps: list[Step]
    score: float

    def actors(self) -> list[str]:
        return [s.actor for s in self.steps]


def strength(weight: float) -> float:
    """A tie's weight as a probability-like strength in (0, 1)."""
    return 1.0 - math.exp(-max(weight, 1e-6))


def _best_ties(all_ties: list[Tie]) -> dict[tuple[str, str, bool], tuple[Tie, bool]]:
    """For every ordered pair and sign: one tie standing for all of them (the strongest reported
    one, else the registry's), carrying the summed weight, and whether it runs backwards."""
    groups: dict[tuple[str, str, bool], list[tuple[Tie, bool]]] = {}
    for tie in all_ties:
        hostile = tie.relation in NEGATIVE
        for a, b, backwards in ((tie.source, tie.target, False), (tie.target, tie.source, True)):
            groups.setdefault((a, b, hostile), []).append((tie, backwards))
    best: dict[tuple[str, str, bool], tuple[Tie, bool]] = {}
    for key, members in groups.items():
        lead, backwards = max(members, key=lambda m: (not m[0].registry, m[0].weight))
        total = sum(t.weight for t, _ in members)
        best[key] = (replace(lead, weight=total), backwards)
    return best


def _layered(best: dict[tuple[str, str, bool], tuple[Tie, bool]]) -> nx.DiGraph:
    """Layer 0 before the hostile crossing, layer 1 after it; cost 1 per hop plus weakness.
    A rivalry between states is no crossing: the chain must cross where forces meet."""
    graph = nx.DiGraph()
    for (a, b, hostile), (tie, _backwards) in best.items():
        if tie.relation == "rival_of":
            continue
        cost = 1.0 + (1.0 - strength(tie.weight))
        if hostile:
            graph.add_edge((a, 0), (b, 1), cost=cost, key=(a, b, True))
        else:
            graph.add_edge((a, 0), (b, 0), cost=cost, key=(a, b, False))
            graph.add_edge((a, 1), (b, 1), cost=cost, key=(a, b, False))
    return graph


def _path(nodes: list[tuple[str, int]], graph: nx.DiGraph, best: dict) -> Path | None:
    actors = [n for n, _ in nodes]
    if len(set(actors)) != len(actors):
        return None  # the same actor on both sides is no chain
    steps: list[Step] = []
    score = 1.0
    for u, v in zip(nodes, nodes[1:], strict=False):
        tie, backwards = best[graph.edges[u, v]["key"]]
        label = (BACKWARD if backwards else FORWARD)[tie.relation]
        steps.append(Step(u[0], label, tie.evidence, list(tie.refs), tie.registry))
        score *= strength(tie.weight)
    steps.append(Step(nodes[-1][0]))
    return Path(steps, round(score, 3))


def escalation_paths(
    all_ties: list[Tie], a: str, b: str, limit: int = 5, *, direct: bool = True
) -> list[Path]:
    """Up to `limit` paths from a to b crossing exactly one hostile tie (enemy, attack or
    threat), fewest hops first. `direct=False` wants the crossing between two of their forces,
    not at a or b themselves (for rival patrons, whose forces are the point)."""
    best = _best_ties(all_ties)
    graph = _layered(best)
    source, target = (a, 0), (b, 1)
    if source not in graph or target not in graph or a == b:
        return []
    found: list[Path] = []
    try:
        candidates = nx.shortest_simple_paths(graph, source, target, weight="cost")
        for nodes in islice(candidates, limit * SEARCH_FACTOR):
            path = _path(list(nodes), graph, best)
            if path is None or (not direct and _crosses_at_an_end(path)):
                continue
            found.append(path)
            if len(found) >= limit:
                break
    except nx.NetworkXNoPath:
        return found
    return found


def _crosses_at_an_end(path: Path) -> bool:
    hostile = set(FORWARD.values()) - {"patron_of", "ally_of", "member_of", "part_of"}
    hostile |= {"attacked_by", "threatened_by"}
    first, last = path.steps[0], path.steps[-2]
    return first.relation in hostile or last.relation in hostile


def rival_pairs(all_ties: list[Tie]) -> list[tuple[str, str]]:
    """Pairs of actors with a rivalry or enmity between two backers (actors that back someone
    in the window), sorted: the default question of `flashpoint path`."""
    patrons = {t.source for t in all_ties if t.relation == "patron_of"}
    pairs = {
        tuple(sorted((t.source, t.target)))
        for t in all_ties
        if t.relation in ("rival_of", "enemy_of") and t.source in patrons and t.target in patrons
    }
    return sorted(pairs)  # type: ignore[arg-type]
