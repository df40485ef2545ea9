"""Analyse a long document in parts and join the parts' analyses into one, offsets kept.

Several extraction stages compare each mention with every other one in the document, so
their cost grows with the square of its length: a 200,000-character article took five times
as long as a 100,000-character one. A document longer than one part (100,000 characters, see
`flashpoint.nlp.parts`) is therefore parsed whole, cut at paragraph breaks into parts, each
part analysed alone, and the analyses joined: spans shifted back into the whole text, actors
and places merged by their ids (registry, GeoNames and name ids are the same in every part),
relations merged by type and ends, events and relations numbered again, and flashpoints found
again over the joined records. A relation or event whose evidence crosses a part boundary is
not found; the boundaries are paragraph breaks, which such evidence rarely crosses.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, Any

from flashpoint.model import Actor, Analysis, Document, Place, Relation, Span
from flashpoint.nlp.parts import PART_CHARS, length_cuts

if TYPE_CHECKING:
    from spacy.tokens import Doc


def is_long(document: Document) -> bool:
    return len(document.text) > PART_CHARS


def analyze_in_parts(analyzer: Any, document: Document, doc: Doc) -> Analysis:
    """The analysis of a long `document` whose parse is `doc`, made part by part."""
    starts = [token.idx for token in doc]
    bounds = [0]
    for cut in length_cuts(document.text, PART_CHARS):
        index = bisect.bisect_left(starts, cut)
        if bounds[-1] < index < len(doc):
            bounds.append(index)
    bounds.append(len(doc))
    parts: list[tuple[int, Analysis]] = []
    for first, last in zip(bounds, bounds[1:], strict=False):
        part = doc[first:last].as_doc()
        offset = doc[first].idx
        sub = document.model_copy(update={"text": part.text})
        parts.append((offset, analyzer.analyze_parsed(sub, part)))
    joined = join(document, parts)
    year = document.published.year if document.published else None
    joined.flashpoints = analyzer.flashpoints.find(
        joined.actors, joined.places, joined.events, joined.relations, year
    )
    joined.actors = analyzer._with_referenced(joined.actors, joined.flashpoints)
    return joined


def _shift(span: Span, offset: int) -> Any:
    return span.model_copy(update={"start": span.start + offset, "end": span.end + offset})


def join(document: Document, parts: list[tuple[int, Analysis]]) -> Analysis:
    """One analysis of `document` from analyses of its parts, each with its start offset."""
    actors: dict[str, Actor] = {}
    places: dict[str, Place] = {}
    relations: dict[tuple[str, str, str], Relation] = {}
    events, quotes, opinions, warnings = [], [], [], []
    for offset, analysis in parts:
        for actor in analysis.actors:
            mentions = [_shift(m, offset) for m in actor.mentions]
            known = actors.get(actor.id)
            if known is None:
                actors[actor.id] = actor.model_copy(update={"mentions": mentions})
            else:
                known.mentions.extend(mentions)
                known.aliases.extend(a for a in actor.aliases if a not in known.aliases)
        for place in analysis.places:
            mentions = [_shift(m, offset) for m in place.mentions]
            if place.id in places:
                places[place.id].mentions.extend(mentions)
            else:
                places[place.id] = place.model_copy(update={"mentions": mentions})
        for event in analysis.events:
            events.append(
                event.model_copy(
                    update={
                        "id": f"ev{len(events) + 1}",
                        "evidence": _shift(event.evidence, offset),
                    }
                )
            )
        for relation in analysis.relations:
            evidence = [_shift(e, offset) for e in relation.evidence]
            key = (relation.type, relation.source, relation.target)
            if key in relations:
                known = relations[key]
                known.evidence.extend(evidence)
                known.confidence = max(known.confidence, relation.confidence)
            else:
                relations[key] = relation.model_copy(
                    update={"id": f"rel{len(relations) + 1}", "evidence": evidence}
                )
        quotes += [
            q.model_copy(update={"start": q.start + offset, "end": q.end + offset})
            for q in analysis.quotes
        ]
        opinions += [_shift(s, offset) for s in analysis.opinions]
        warnings += [w for w in analysis.warnings if w not in warnings]
    return Analysis(
        document=document,
        actors=list(actors.values()),
        places=list(places.values()),
        events=events,
        relations=list(relations.values()),
        quotes=quotes,
        opinions=opinions,
        warnings=warnings,
    )
