"""Relations accumulate evidence: one record per (type, source, target), symmetric types in a
canonical order, never between an actor and itself or with an outlet or a population."""

from __future__ import annotations

from flashpoint.extract.actor_table import ActorTable
from flashpoint.model import Evidence, Relation

HOSTILE = {"ASSAULT", "COERCE"}
SYMMETRIC = {"ally_of", "enemy_of"}
ARMED = {"armed_forces", "armed_group", "militia", "terrorist_group", "government"}
PASSIVE_KINDS = {"media", "population_group"}
REFERRING_HEADS = {
    "rebels",
    "movement",
    "group",
    "faction",
    "force",
    "forces",
    "fighters",
    "militia",
    "organisation",
    "organization",
    "insurgents",
    "paramilitaries",
}
GENERIC_HEADS = {"force", "forces", "fighter", "fighters", "troops", "proxy", "proxies"}


class RelationBuilder:
    """Accumulates relations, merging evidence for the same (type, source, target)."""

    def __init__(self, table: ActorTable | None = None) -> None:
        self._by_key: dict[tuple[str, str, str], Relation] = {}
        self._table = table

    def add(self, type_: str, source: str, target: str, evidence: Evidence) -> None:
        if source == target:
            return
        if (
            self._table is not None
            and type_ != "leads"
            and any(self._table.actors[x].kind in PASSIVE_KINDS for x in (source, target))
        ):
            return
        if type_ in SYMMETRIC and source > target:
            source, target = target, source
        key = (type_, source, target)
        relation = self._by_key.get(key)
        if relation is None:
            relation = Relation(
                id=f"rel{len(self._by_key) + 1}", type=type_, source=source, target=target
            )
            self._by_key[key] = relation
        if all((e.start, e.end) != (evidence.start, evidence.end) for e in relation.evidence):
            relation.evidence.append(evidence)
        relation.confidence = round(min(0.95, 0.45 + 0.15 * len(relation.evidence)), 2)

    def relations(self) -> list[Relation]:
        return list(self._by_key.values())
