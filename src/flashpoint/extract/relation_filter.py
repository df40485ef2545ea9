"""A relation joins two actors the text names: not a place, not a generic word.

Read by hand, a third of the wrong relations on FA-KES had a non-actor at one end: a village
an armed group shells ("IS enemy_of Kobane"), or a word for anyone ("militants", "terrorists").
A discovered actor (one the registry does not know) whose every mention is also a place
mention, or whose name is only a generic agent word, ends no relation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from flashpoint.extract.actor_table import ActorMention, ActorTable
from flashpoint.model import Actor, Place, Relation

DETERMINERS = {"the", "a", "an", "these", "those", "some", "its", "their"}


def _generic(actor: Actor, generic_words: frozenset[str]) -> bool:
    words = [w for w in actor.name.lower().split() if w not in DETERMINERS]
    return bool(words) and all(w in generic_words for w in words)


def _a_place(actor: Actor, place_spans: list[tuple[int, int]]) -> bool:
    return bool(actor.mentions) and all(
        any(m.start < e and s < m.end for s, e in place_spans) for m in actor.mentions
    )


def named_ends(
    relations: list[Relation],
    actors: list[Actor],
    places: list[Place],
    generic_words: frozenset[str],
) -> list[Relation]:
    """The relations both of whose ends are actors in their own right."""
    place_spans = [(m.start, m.end) for p in places for m in p.mentions]
    by_id = {a.id: a for a in actors}

    def fit(actor_id: str) -> bool:
        actor = by_id.get(actor_id)
        if actor is None or actor.known:
            return True
        return not (_generic(actor, generic_words) or _a_place(actor, place_spans))

    kept = [r for r in relations if fit(r.source) and fit(r.target)]
    for n, relation in enumerate(kept, 1):
        relation.id = f"rel{n}"
    return kept


def _scene(doc: Doc, mention: ActorMention, prepositions: frozenset[str]) -> bool:
    """'in Syria', 'near Kafr Nabl': the mention's head is the object of a locative preposition."""
    head = doc[mention.token_end - 1]
    return head.dep_ == "pobj" and head.head.lower_ in prepositions


def party_ends(
    doc: Doc,
    table: ActorTable,
    relations: list[Relation],
    prepositions: frozenset[str],
    surfaces: Callable[[str], Iterable[str]] = lambda _: (),
) -> list[Relation]:
    """Keep the evidence in which both ends are named as parties, not only as the scene.

    Read by hand, "Hezbollah enemy_of Syria" came from Hezbollah fighting *in* Syria, and
    "Barack Obama leads United States" from a sentence naming neither. An end must be mentioned
    inside the evidence span, at least once other than as the object of "in", "near", ...
    A name the rules read inside a word ("U.S.-backed") counts as a mention: `surfaces`
    gives an actor's names and aliases.
    """

    def party(actor_id: str, start: int, end: int) -> bool:
        inside = [m for m in table.mentions if start <= m.start and m.end <= end]
        if any(m.actor_id == actor_id and not _scene(doc, m, prepositions) for m in inside):
            return True
        if any(m.actor_id == actor_id for m in inside):
            return False  # named, but only as the scene
        text = doc.text[start:end]
        return any(
            re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
            for name in surfaces(actor_id)
            if len(name) > 1
        )

    kept: list[Relation] = []
    for relation in relations:
        evidence = [
            e
            for e in relation.evidence
            if party(relation.source, e.start, e.end) and party(relation.target, e.start, e.end)
        ]
        if evidence or not relation.evidence:
            kept.append(relation.model_copy(update={"evidence": evidence}))
    return kept


def one_side(relations: list[Relation]) -> list[Relation]:
    """A sentence cannot put two actors on the same side and on opposite sides at once: of
    ally_of and enemy_of resting on the same sentence, the surer keeps it (a tie, neither)."""
    sides = [r for r in relations if r.type in {"ally_of", "enemy_of"}]
    claims: dict[tuple[str, str, int], list[Relation]] = {}
    for relation in sides:
        pair = tuple(sorted((relation.source, relation.target)))
        for evidence in relation.evidence:
            claims.setdefault((*pair, evidence.start), []).append(relation)
    losers: set[tuple[int, int]] = set()  # (id of relation, evidence start)
    for (_, _, start), rivals in claims.items():
        if len({r.type for r in rivals}) < 2:
            continue
        best = max(r.confidence for r in rivals)
        winners = [r for r in rivals if r.confidence == best]
        for relation in rivals:
            if relation not in winners or len({r.type for r in winners}) > 1:
                losers.add((id(relation), start))
    kept: list[Relation] = []
    for relation in relations:
        evidence = [e for e in relation.evidence if (id(relation), e.start) not in losers]
        if evidence or not relation.evidence:
            kept.append(relation.model_copy(update={"evidence": evidence}))
    return kept
