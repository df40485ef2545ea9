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


# a relation that only a guessed antecedent ties to one of its actors ("this terrorist group",
# a quoted "we") is less sure than one between two names
GUESSED_FACTOR = 0.75
# the types a guess may end: sides and backing. Membership and leadership read from a
# description are too often the description's own words ("the faction, affiliated with X")
GUESSED_TYPES = {"enemy_of", "ally_of", "patron_of"}


def guessed_ends(
    relations: list[Relation], table: ActorTable, guessed: frozenset[str]
) -> list[Relation]:
    """Weigh the evidence that rests on a guess: a sentence in which one end is mentioned only
    through mentions whose `how` is in `guessed`. A relation all of whose evidence is guessed
    keeps `GUESSED_FACTOR` of its confidence if its type is in `GUESSED_TYPES`; for another
    type the guessed evidence goes, and the relation with it when none is left."""
    spans: dict[tuple[str, bool], list[int]] = {}
    for mention in table.mentions:
        spans.setdefault((mention.actor_id, mention.how in guessed), []).append(mention.start)

    def only_guessed(actor_id: str, evidence: Evidence) -> bool:
        def inside(key: tuple[str, bool]) -> bool:
            return any(evidence.start <= s < evidence.end for s in spans.get(key, ()))

        return inside((actor_id, True)) and not inside((actor_id, False))

    def rests_on_guess(relation: Relation, evidence: Evidence) -> bool:
        return only_guessed(relation.source, evidence) or only_guessed(relation.target, evidence)

    kept: list[Relation] = []
    for relation in relations:
        if relation.type not in GUESSED_TYPES:
            named = [e for e in relation.evidence if not rests_on_guess(relation, e)]
            if relation.evidence and not named:
                continue
            relation.evidence = named if relation.evidence else relation.evidence
        elif relation.evidence and all(rests_on_guess(relation, e) for e in relation.evidence):
            relation.confidence = round(relation.confidence * GUESSED_FACTOR, 2)
        kept.append(relation)
    for n, relation in enumerate(kept, 1):
        relation.id = f"rel{n}"
    return kept
