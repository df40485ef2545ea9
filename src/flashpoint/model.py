"""Typed records shared by every stage, and the shape of the published JSON contract.

Stages pass these objects to each other; dicts appear only at the edges (JSON, database rows).
`Analysis.model_json_schema()` generates `data/schema/analysis.schema.json`, the contract
other tools rely on: add optional fields freely, never rename or remove one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]

Modality = Literal["asserted", "negated", "conditional", "threatened", "intended", "speculative"]
# where an event's trigger sits in its sentence (extract/clause.py): the main clause's head,
# a word inside the main clause, a reported clause ("X said ..."), or a subordinate clause
ClauseRole = Literal["main", "argument", "reported", "subordinate"]
# the order a coder prefers clauses in when choosing the event a sentence is coded for
CLAUSE_RANK: dict[str | None, int] = {"main": 0, "argument": 1, "reported": 2, "subordinate": 3}
RelationType = Literal["patron_of", "ally_of", "enemy_of", "member_of", "leads"]
SYMMETRIC_RELATIONS = frozenset({"ally_of", "enemy_of"})
ActorKind = Literal[
    "state",
    "government",
    "armed_forces",
    "armed_group",
    "militia",
    "terrorist_group",
    "igo",
    "ngo",
    "media",
    "person",
    "population_group",
    "organisation",
]
AttributionKind = Literal["author", "speaker", "outlet", "unnamed"]
DatePrecision = Literal["day", "month", "year", "range", "unknown"]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A character range into `Document.text`; `text == document.text[start:end]`."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Attribution(Record):
    """Who asserts a claim: the author, a quoted speaker, a cited outlet, or an unnamed source."""

    kind: AttributionKind = "author"
    speaker: str | None = None
    speaker_id: str | None = None
    role: str | None = None
    outlet: str | None = None
    affiliation: str | None = Field(None, description="actor id the speaker speaks for")


class Evidence(Span):
    """One piece of support for a relation, with who asserts it."""

    attribution: Attribution = Field(default_factory=Attribution)
    opinion: bool = False


class Document(Record):
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None
    language: str | None = None
    source: str | None = Field(
        None, description="where the text came from as the user named it: a path, URL or row"
    )
    text: str


class Actor(Record):
    id: str
    name: str
    kind: ActorKind
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    aliases: list[str] = Field(default_factory=list)
    parent: str | None = Field(None, description="actor id this actor is part of")
    role: str | None = Field(None, description="for people: the role the text gives them")
    known: bool = Field(True, description="true when linked to the registry, false when discovered")
    mentions: list[Span] = Field(default_factory=list)


class Place(Record):
    id: str
    name: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    geonameid: int | None = None
    feature: str = "unknown"
    admin1: str | None = None
    confidence: float = 0.0
    resolved: bool = True
    anchor: str | None = Field(None, description="place id this place is relative to")
    relation: str | None = Field(None, description="e.g. 'north of', 'eastern bank of'")
    mentions: list[Span] = Field(default_factory=list)


class DateRange(Record):
    start: dt.date | None = None
    end: dt.date | None = None
    precision: DatePrecision = "unknown"
    text: str | None = None


class AcledCode(Record):
    event_type: str
    sub_event_type: str


class Event(Record):
    id: str
    type: PloverType
    mode: str | None = None
    source: str | None = None
    target: str | None = None
    place: str | None = None
    date: DateRange = Field(default_factory=DateRange)
    modality: Modality = "asserted"
    acled: AcledCode | None = None
    cameo: str | None = None
    trigger: str | None = None
    clause: ClauseRole | None = Field(
        None,
        description="where the trigger sits in its sentence: 'main' (the head of the main "
        "clause), 'argument' (another word of the main clause), 'reported' (a clause a speech "
        "verb reports) or 'subordinate' (a relative, adverbial or complement clause)",
    )
    evidence: Span
    attribution: Attribution = Field(default_factory=Attribution)
    opinion: bool = False
    confidence: float = 0.5
    fatalities: int | None = Field(None, ge=0, description="people the evidence says were killed")
    injured: int | None = Field(None, ge=0, description="people the evidence says were wounded")


class Relation(Record):
    id: str
    type: RelationType
    source: str
    target: str
    evidence: list[Evidence] = Field(default_factory=list)
    confidence: float = 0.5


class Quote(Record):
    speaker: str | None = None
    speaker_id: str | None = None
    role: str | None = None
    text: str
    start: int
    end: int
    via: str | None = None
    direct: bool = True
    affiliation: str | None = Field(None, description="actor id the speaker speaks for")


class Side(Record):
    actors: list[str]
    patrons: list[str] = Field(default_factory=list)


class PathStep(Record):
    actor: str
    relation: str | None = Field(None, description="relation from this actor to the next step")


class Flashpoint(Record):
    place: str | None
    sides: list[Side]
    score: float
    path: list[PathStep]
    evidence: list[str] = Field(default_factory=list, description="event and relation ids")
    summary: str = ""


class Analysis(Record):
    schema_: str = Field(SCHEMA_VERSION, alias="schema")
    document: Document
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    opinions: list[Span] = Field(default_factory=list, description="sentences of author opinion")
    flashpoints: list[Flashpoint] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_json_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)


def main_event(events: Sequence[Event]) -> Event | None:
    """The event a coder would record for a sentence: the best-placed clause first (the main
    clause's head, then another word of it, then a reported clause, then a subordinate one),
    then the highest confidence, then the first. Here, not in `extract.clause`, because the
    store's writer needs it without loading spaCy.

    >>> main_event([])  # no event, no record
    """
    best: tuple[int, float, int] | None = None
    chosen: Event | None = None
    for n, event in enumerate(events):
        key = (CLAUSE_RANK.get(event.clause, len(CLAUSE_RANK)), -event.confidence, n)
        if best is None or key < best:
            best, chosen = key, event
    return chosen
