"""Who did what to whom, where and when: PLOVER events from trigger words and the parse.

A trigger (from `data/lexicons/events.yaml`) becomes an event when an actor is its source or
its target. The source is the grammatical subject (or the agent of a passive, or the noun a
participle modifies: "forces advancing on X"); the target is the object or the object of
"against/on/with/at/to/for". Modality, attribution and opinion come from their own readers.
The roles are read in `extract/event_roles.py` (what a noun phrase denotes in
`extract/phrase_actors.py`), the place and the date in `extract/event_places.py`.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.clause import clause_role
from flashpoint.extract.event_places import PlaceIndex, date_of, place_of
from flashpoint.extract.event_roles import (
    HOSTILE_TYPES,
    LIGHT_VERBS,
    MATERIAL_TYPES,
    VIOLENT_TYPES,
    EventRoles,
)
from flashpoint.extract.lexicon import Lexicon, Trigger
from flashpoint.extract.modality import ModalityReader
from flashpoint.extract.phrase_actors import PhraseActors
from flashpoint.model import AcledCode, ClauseRole, DateRange, Event, Span


class EventExtractor:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.modality = ModalityReader(lexicon)
        self.nouns = PhraseActors(lexicon)
        self.roles = EventRoles(lexicon, self.nouns)
        self.reporting = lexicon.cue("attribution", "reporting_verbs")
        self.backing = lexicon.cue("relations", "patron_passive_verbs")
        self.stand_in = lexicon.cue("clause", "stand_in_verbs")

    def clause_of(self, token: Token) -> ClauseRole:
        """Where the trigger sits in its sentence (`extract/clause.py`)."""
        return clause_role(token, self.reporting, self.stand_in)

    def extract(
        self,
        doc: Doc,
        table: ActorTable,
        attribution: AttributionMap,
        places: PlaceIndex,
        opinion_at: Callable[[int], bool],
        resolve_date: Callable[[str], DateRange],
    ) -> list[Event]:
        """Events in document order. "We"/"they"/"it" in a speaker's words resolve to the
        organisation the speaker speaks for (`Attribution.affiliation`)."""
        self.nouns.attribution = attribution
        events: list[Event] = []
        seen: set[tuple] = set()
        for token in doc:
            if token.pos_ not in {"VERB", "NOUN", "ADJ"} or table.at(token.i) is not None:
                continue
            if (
                token.dep_ in {"amod", "compound"}
                and token.pos_ == "VERB"
                and (token.tag_ == "VBN" or "-" in token.text)
            ):
                continue  # "U.S.-backed", "Iranian-backed": relations, not events
            if (
                token.tag_ == "VBN"
                and token.lemma_.lower() in self.backing
                and (token.dep_ == "acl" or token.dep_ == "conj" and token.head.dep_ == "acl")
            ):
                continue  # "forces backed by Russia", "units armed and trained": a relation
            if self.roles.state_participle(token):
                continue  # "a village held by IS": what the village is in, not an event
            if token.pos_ == "VERB" and token.lemma_.lower() in self.reporting:
                continue
            triggers = self.lexicon.triggers_for(token.lemma_.lower(), token.pos_)
            if not triggers:
                continue
            trigger = self._select(token, triggers)
            if trigger is None:
                continue
            modality = self.modality.read(token)
            if (
                trigger.only_if
                and trigger.only_if != modality
                and not (
                    trigger.only_if == "conditional" and modality in {"intended", "threatened"}
                )
            ):
                continue
            source, target = self.roles.participants(token, table, trigger.type in HOSTILE_TYPES)
            if source is None and trigger.type in VIOLENT_TYPES:
                source = self.roles.claimed_by(token, table, target)
            if source is None and target is None and not self._main_event(token):
                continue  # actorless events only when they are what the sentence reports
            if source == target:
                target = None
            if trigger.type in MATERIAL_TYPES and source and table.actors[source].kind == "media":
                source = None  # an outlet reports an attack; it does not make one
            sent = token.sent
            key = (trigger.type, source, target, sent.start, modality)
            if key in seen:
                continue
            seen.add(key)
            place = place_of(token, places, trigger.type, table)
            date = date_of(token, resolve_date)
            events.append(
                Event(
                    id=f"ev{len(events) + 1}",
                    type=trigger.type,
                    mode=trigger.mode,
                    source=source,
                    target=target,
                    place=place,
                    date=date,
                    modality=modality,
                    acled=AcledCode(event_type=trigger.acled[0], sub_event_type=trigger.acled[1])
                    if trigger.acled
                    else None,
                    cameo=trigger.cameo,
                    trigger=token.text,
                    clause=self.clause_of(token),
                    evidence=Span(start=sent.start_char, end=sent.end_char, text=sent.text),
                    attribution=attribution.at(token.idx),
                    opinion=opinion_at(token.idx),
                    confidence=round(
                        0.4
                        + 0.2 * (source is not None)
                        + 0.2 * (target is not None)
                        + 0.1 * (place is not None)
                        - 0.1 * (modality != "asserted"),
                        2,
                    ),
                )
            )
        _inherit_threat_targets(events)
        return events

    # -- helpers ------------------------------------------------------------------------
    def _main_event(self, token: Token) -> bool:
        """The sentence's main verb, the clause a reporting verb introduces, or the object of
        a main light verb ("students staged demonstrations")."""
        if (
            token.pos_ == "NOUN"
            and token.dep_ == "dobj"
            and token.head.lemma_.lower() in LIGHT_VERBS
        ):
            token = token.head
        if token.pos_ != "VERB":
            return False
        if token.dep_ == "ROOT":
            return True
        head = token.head
        return (
            token.dep_ in {"ccomp", "xcomp"}
            and head.dep_ == "ROOT"
            and head.lemma_.lower() in self.reporting
        )

    def _select(self, token: Token, triggers: list[Trigger]) -> Trigger | None:
        """The first trigger whose object words (if it names any) the phrase has."""
        return next(iter(self.senses(token, triggers)), None)

    def other_sense(self, token: Token) -> bool:
        """The phrase has a word that one of the lemma's triggers names as giving it another
        sense ("took place", "taken to hospital"): the word is no event of that kind."""
        triggers = self.lexicon.triggers_for(token.lemma_.lower(), token.pos_)
        if not any(t.not_objects for t in triggers):
            return False
        objects = _object_words(token)
        return any(objects & t.not_objects for t in triggers)

    def senses(self, token: Token, triggers: list[Trigger]) -> list[Trigger]:
        """The word's triggers that the phrase bears out: their object words (if they name
        any) are there and none of the words that give the lemma another sense is."""
        objects = _object_words(token)
        return [
            t
            for t in triggers
            if not objects & t.not_objects and (t.objects is None or objects & t.objects)
        ]


def _object_words(token: Token) -> set[str]:
    """The words a trigger's senses are told by: its objects and particles, the nouns of its
    prepositions, as written and as lemmas ("arms" is not "arm"). An infinitive complement
    counts as its "to" ("committed to withdraw" as "committed to a withdrawal")."""
    words = [c for c in token.children if c.dep_ in {"dobj", "attr", "dative"}]
    words += [
        g
        for c in token.children
        if c.dep_ in {"prep", "prt", "dobj"}
        for g in c.children
        if g.dep_ in {"pobj", "compound", "amod"}
    ]
    objects = {w.lower_ for w in words} | {w.lemma_.lower() for w in words}
    objects |= {c.lower_ for c in token.children if c.dep_ in {"prep", "prt", "compound", "amod"}}
    objects |= {
        g.lower_
        for c in token.children
        if c.dep_ == "xcomp"
        for g in c.children
        if g.dep_ == "aux" and g.lower_ == "to"
    }
    return objects


def _inherit_threat_targets(events: list[Event]) -> None:
    """'did not expect clashes with X but would respond if fired upon': the response is aimed
    at the party of the hostile event the same source names in the same sentence."""
    for event in events:
        if event.type != "THREATEN" or event.target is not None:
            continue
        for other in events:
            if (
                other is not event
                and other.evidence.start == event.evidence.start
                and other.source == event.source
                and other.target
                and other.type in {"ASSAULT", "COERCE"}
            ):
                event.target = other.target
                break
