"""Definite descriptions that point back to a named actor or place ("the group", "the city").

News names an actor once and then refers to it by a common noun: "Islamic State ... the
terrorist group", "Raqqa ... the city". Those later mentions belong to the record the reader
already has, so the document view and the mention lists show them. They are added after the
relations are read: a guessed antecedent never creates or moves a relation.

The rule is the simplest one that is right most of the time in news: a definite noun phrase
("the", "this") whose head is a kind noun from the lexicon refers to the nearest earlier
actor (or place) of a matching kind, within the same or the previous two sentences.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span

from flashpoint.model import Actor, Place
from flashpoint.model import Span as TextSpan

LOOKBACK_SENTENCES = 2
DEFINITE = {"the", "this", "that"}


def add_nominal_mentions(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    actor_heads: Mapping[str, frozenset[str]],
    place_heads: Mapping[str, frozenset[str]],
) -> None:
    """Give each definite description the actor or place it points back to, as a mention.

    `actor_heads` maps a head noun to the actor kinds it can refer to ("group" -> armed
    groups, ...); `place_heads` maps a head noun to place features ("city" -> city, town).
    """
    taken = [(m.start, m.end) for a in actors for m in a.mentions]
    taken += [(m.start, m.end) for p in places for m in p.mentions]
    named = sorted(
        [(m.start, "actor", a) for a in actors for m in a.mentions]
        + [(m.start, "place", p) for p in places for m in p.mentions],
        key=lambda item: item[0],
    )
    sentence_starts = [s.start_char for s in doc.sents]
    for chunk in doc.noun_chunks:
        first = chunk[0]
        if first.lower_ not in DEFINITE or len(chunk) > 5:
            continue
        head = chunk.root.lemma_.lower()
        if head not in actor_heads and head not in place_heads:
            continue
        if any(s < chunk.end_char and chunk.start_char < e for s, e in taken):
            continue
        referent = _antecedent(chunk, named, sentence_starts, head, actor_heads, place_heads)
        if referent is None:
            continue
        referent.mentions.append(
            TextSpan(start=chunk.start_char, end=chunk.end_char, text=chunk.text)
        )
        taken.append((chunk.start_char, chunk.end_char))
    for record in [*actors, *places]:
        record.mentions.sort(key=lambda m: m.start)


def _antecedent(
    chunk: Span,
    named: list[tuple[int, str, Actor | Place]],
    sentence_starts: list[int],
    head: str,
    actor_heads: Mapping[str, frozenset[str]],
    place_heads: Mapping[str, frozenset[str]],
) -> Actor | Place | None:
    own = max((i for i, s in enumerate(sentence_starts) if s <= chunk.start_char), default=0)
    window_start = sentence_starts[max(0, own - LOOKBACK_SENTENCES)]
    for start, what, record in reversed(named):
        if start >= chunk.start_char:
            continue
        if start < window_start:
            return None
        if what == "actor" and head in actor_heads and record.kind in actor_heads[head]:
            return record
        if what == "place" and head in place_heads and record.feature in place_heads[head]:
            return record
    return None
