"""The actors of one document and where each is mentioned: the answer every later extractor
needs ("which actor is at this token?"), computed once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc

from flashpoint.model import Actor
from flashpoint.model import Span as TextSpan
from flashpoint.resolve.registry import RegistryActor

ORG_KINDS = {"armed_forces", "armed_group", "militia", "terrorist_group"}


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    actor_id: str
    how: str
    token_start: int
    token_end: int


@dataclass
class ActorTable:
    """The actors of one document and where each is mentioned."""

    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    by_token: dict[int, ActorMention] = field(default_factory=dict)
    focus_countries: list[str] = field(default_factory=list)
    # countries of the places the text names, most mentioned first: the focus when no
    # registry actor gives one ("Police in Juliaca ..." are Peru's)
    place_countries: list[str] = field(default_factory=list)
    # character spans of names the NER gave an actor's label that the text uses as places
    # ("the town of Dabiq"): the pipeline resolves them as places
    place_names: list[tuple[int, int]] = field(default_factory=list)
    # tokens of the datelines' place words ("DAMASCUS, Syria (AP)"): where a story was filed,
    # so no role of an event ("MOSCOW (Sputnik) 130 people were killed" has no target there)
    dateline_tokens: set[int] = field(default_factory=set)

    def at(self, token_index: int) -> ActorMention | None:
        return self.by_token.get(token_index)

    def in_span(self, start_token: int, end_token: int) -> list[ActorMention]:
        return [
            m for m in self.mentions if m.token_start >= start_token and m.token_end <= end_token
        ]

    def add(
        self,
        doc: Doc,
        actor: Actor,
        token_start: int,
        token_end: int,
        how: str,
        *,
        alias: bool = True,
    ) -> None:
        """A mention of `actor` over the tokens, unless another mention holds one of them; with
        `alias`, its text also becomes an alias ("the group" pointing back is no name)."""
        if any(i in self.by_token for i in range(token_start, token_end)):
            return
        existing = self.actors.setdefault(actor.id, actor)
        span = doc[token_start:token_end]
        mention = ActorMention(
            span.start_char, span.end_char, span.text, existing.id, how, token_start, token_end
        )
        self.mentions.append(mention)
        for i in range(token_start, token_end):
            self.by_token[i] = mention
        existing.mentions.append(TextSpan(start=span.start_char, end=span.end_char, text=span.text))
        if alias and span.text not in existing.aliases and span.text != existing.name:
            existing.aliases.append(span.text)

    def finish(self) -> None:
        self.mentions.sort(key=lambda m: m.start)
        for actor in self.actors.values():
            actor.mentions.sort(key=lambda s: s.start)


def actor_from_registry(entry: RegistryActor) -> Actor:
    return Actor(
        id=entry.id,
        name=entry.name,
        kind=entry.kind,
        country=entry.country,
        parent=entry.parent,
        known=True,
    )


def new_actor_id(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return f"new:{slug or 'actor'}"
