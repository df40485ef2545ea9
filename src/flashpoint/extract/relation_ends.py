"""Descriptions and a quoted "we" as the mentions a relation can end on.

"Peshmerga fighters have fought against the group", "Gen. X, commander of U.S. Central
Command, said: 'we will defeat Daesh'": the description (resolved as in `coreference`) and the
speaker's "we" stand for a named body, so they join the actor table before relations are
read, marked as guesses (`GUESSED`) that `relation_builder.guessed_ends` weighs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.coreference import resolved_descriptions
from flashpoint.model import Actor, Place, Quote

# ActorMention.how of the mentions that rest on a guessed antecedent
GUESSED = frozenset({"coreference", "speaker"})
# a description ends a relation only for a body: never for a population ("the Iraqi people"
# is no side) nor for a person ("the president" is too often another president)
UNREFERRED_KINDS = {"population_group", "media", "person"}
# first-person plural words a quoted speaker uses for the body they speak for
WE_WORDS = {"we", "us"}
OUR_FORCES = {"forces", "force", "troops", "military", "army", "navy", "aircraft", "coalition"}


def refer_in_table(
    doc: Doc,
    table: ActorTable,
    places: list[Place],
    actor_heads: Mapping[str, frozenset[str]],
    place_heads: Mapping[str, frozenset[str]],
    quotes: Sequence[Quote] = (),
    modifier_kinds: Mapping[str, frozenset[str]] | None = None,
) -> None:
    """Before relations are read: a description tied to a named actor ("this terrorist
    group", "the regime") and a quoted speaker's "we", "us" or "our forces" (for the body the
    speaker speaks for, when attribution knows it) become that actor's mentions in `table`,
    marked as guessed (`GUESSED`), so a relation can end on them; they are the actor's
    mentions in the document view too, and `add_nominal_mentions` leaves them as they are.
    Only actors are referred to here; places' descriptions wait for `add_nominal_mentions`."""
    actors = list(table.actors.values())
    resolved = resolved_descriptions(doc, actors, places, actor_heads, place_heads, modifier_kinds)
    for chunk, referent in resolved:
        if isinstance(referent, Actor) and _a_named_body(referent):
            _refer(doc, table, referent, chunk.start, chunk.end, "coreference")
    for quote in quotes:
        body = _spoken_for(quote, table)
        if body is None:
            continue
        inside = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        for token in inside if inside is not None else ():
            if token.lower_ in WE_WORDS:
                _refer(doc, table, body, token.i, token.i + 1, "speaker")
            elif token.lower_ == "our" and _owns_force(token):
                _refer(doc, table, body, token.i, token.i + 2, "speaker")


def _a_named_body(actor: Actor) -> bool:
    """A body the registry knows or the text names ('warplanes' is no antecedent of 'the
    group' for a relation, whatever the document view shows)."""
    return actor.kind not in UNREFERRED_KINDS and (actor.known or actor.name[:1].isupper())


def _owns_force(token: Token) -> bool:
    """'our forces', 'our troops' (not 'our partners' forces')."""
    return token.head.lower_ in OUR_FORCES and token.head.i == token.i + 1


def _spoken_for(quote: Quote, table: ActorTable) -> Actor | None:
    """The body a quote's "we" is: the organisation its speaker's role names ("Gen. X,
    commander of U.S. Central Command, said"). A body quoted as the speaker itself is left
    out: the nearest name before a quote is too often a party it speaks about."""
    actor = table.actors.get(quote.affiliation or "")
    return actor if actor is not None and actor.kind not in UNREFERRED_KINDS else None


def _refer(
    doc: Doc, table: ActorTable, actor: Actor, token_start: int, token_end: int, how: str
) -> None:
    """A mention of `actor` in the table and in its record (no alias: "the group" is no name),
    unless another mention holds one of its tokens."""
    table.add(doc, actor, token_start, token_end, how, alias=False)
