"""Who did what to whom, where and when: PLOVER events from trigger words and the parse.

A trigger (from `data/lexicons/events.yaml`) becomes an event when an actor is its source or
its target. The source is the grammatical subject (or the agent of a passive, or the noun a
participle modifies: "forces advancing on X"); the target is the object or the object of
"against/on/with/at/to/for". Modality, attribution and opinion come from their own readers.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Sentence

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.clause import clause_role
from flashpoint.extract.lexicon import Lexicon, Trigger
from flashpoint.extract.modality import ModalityReader
from flashpoint.extract.patron_marks import only_backs
from flashpoint.model import AcledCode, ClauseRole, DateRange, Event, Span

MATERIAL_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "AID", "RETREAT", "SANCTION"}
VIOLENT_TYPES = {"ASSAULT", "COERCE"}  # an attack: its agent may be the one blamed for it
ARMED_KINDS = {"armed_forces", "armed_group", "militia", "terrorist_group"}
OWNER_KINDS = ARMED_KINDS | {"state", "government"}
# whose subject undergoes what happens ("nine civilians died in the shelling")
UNDERGOING_VERBS = frozenset({"die", "perish", "suffer"})
SUBJECT_DEPS = {"nsubj", "csubj"}
# the links a verb without its own subject follows up to the clause whose subject it shares
CLAUSE_CLIMB_DEPS = {"xcomp", "conj", "ccomp", "pcomp", "prep", "pobj", "advmod"}
# "on the side of X", "on behalf of X", "on the orders of X": X is with the agent, not its target
ALIGNMENT_NOUNS = {
    "side", "sides", "behalf", "ranks", "orders", "order", "command", "banner", "part",
}  # fmt: skip
TARGET_PREPS = {"against", "on", "with", "at", "to", "for", "upon", "into", "toward", "towards"}
CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "csubj", "parataxis"}  # a clause of its own
NP_CLAUSE_DEPS = {"relcl", "acl", "prep"}  # what modifies a noun phrase, not what it names
# types whose 'against X' names the target ('coordinated with Y against X' does not)
HOSTILE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "ACCUSE", "PROTEST"}
LIGHT_VERBS = {
    "launch",
    "carry",
    "conduct",
    "mount",
    "stage",
    "begin",
    "continue",
    "step",
    "intensify",
    "escalate",
    "wage",
    "unleash",
    "resume",
    "suspend",
    "halt",
    "pause",
    "stop",
    "expand",
    "plan",
    "prepare",
    "start",
    "expect",
    "provide",
    "make",
    "lead",
    "spearhead",
    "order",
    "see",
    "avoid",
    "fear",
    "risk",
    "amount",
    "come",
    "face",
    "trigger",
    "spark",
    "report",
    "renew",
    "hold",
    "impose",
    "announce",
    "call",
    "end",
    "extend",
    "undertake",
    "claim",
    "deny",
    "trade",
    "exchange",
    "press",
    "commit",
    "perpetrate",
}
DEMONSTRATIVES = {"these", "those", "this", "that", "the"}
# "a member of X", "militants of X": one of X's people, who acts for X
MEMBER_NOUNS = frozenset({"member", "members", "militants", "militiamen", "dissidents"})
# "its troops", "their fighters": the forces of the actor the clause above is about
OWNING_PRONOUNS = {"its", "their"}
PLACE_PREPS = {
    "in",
    "near",
    "at",
    "on",
    "to",
    "toward",
    "towards",
    "into",
    "around",
    "outside",
    "from",
    "across",
    "of",
    "inside",
    "within",
    "along",
    "north",
    "south",
    "east",
    "west",
    "outskirts",
}


class Intervals:
    """Character spans sorted once, so that "does any of them overlap start..end?" costs a
    binary search instead of a pass over every span of the document."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.reach = list(accumulate((e for _, e in ordered), max))  # furthest end so far

    def overlaps(self, start: int, end: int) -> bool:
        before = bisect_left(self.starts, end)  # the spans that start before `end`
        return before > 0 and self.reach[before - 1] > start


@dataclass
class PlaceIndex:
    """Character spans of place mentions, to find the place an event happens at. The spans
    are sorted once (again if more are appended), so each question is a binary search:
    a document of many events and places costs n log n, not events x places x actors."""

    spans: list[tuple[int, int, str]]
    coarse: frozenset[str] = frozenset()  # countries and regions: used only when nothing finer
    _sorted: list[tuple[int, int, str]] = field(default_factory=list, init=False, repr=False)
    _starts: list[int] = field(default_factory=list, init=False, repr=False)
    _fine: list[tuple[int, str]] = field(default_factory=list, init=False, repr=False)
    _actors: tuple[tuple[int, int], Intervals] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def _index(self) -> list[int]:
        if len(self._sorted) != len(self.spans):
            self._sorted = sorted(self.spans)
            self._starts = [s for s, _, _ in self._sorted]
            self._fine = sorted((s, pid) for s, _, pid in self.spans if pid not in self.coarse)
        return self._starts

    def in_range(self, start: int, end: int) -> list[str]:
        """Place ids mentioned in the range, finer places first, then by position."""
        starts = self._index()
        window = self._sorted[bisect_left(starts, start) : bisect_right(starts, end)]
        inside = [(s, pid) for s, e, pid in window if e <= end]
        return [pid for _, pid in sorted(inside, key=lambda x: (x[1] in self.coarse, x[0], x[1]))]

    def starting_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The place mentions that start in start..end (end excluded)."""
        starts = self._index()
        return self._sorted[bisect_left(starts, start) : bisect_left(starts, end)]

    def last_fine_before(self, char: int) -> str | None:
        """The place (not a country or region) mentioned last before `char`."""
        self._index()
        before = bisect_left(self._fine, (char,))
        return self._fine[before - 1][1] if before else None

    def actor_spans(self, table: ActorTable) -> Intervals:
        """The actor mentions of `table`, sorted once per document (again when it gains any)."""
        key = (id(table), len(table.mentions))
        if self._actors is None or self._actors[0] != key:
            self._actors = (key, Intervals((m.start, m.end) for m in table.mentions))
        return self._actors[1]


class EventExtractor:
    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.modality = ModalityReader(lexicon)
        self.force_nouns = (
            lexicon.cue("actors", "force_nouns")
            | lexicon.cue("actors", "group_heads")
            | MEMBER_NOUNS
        )
        self.reporting = lexicon.cue("attribution", "reporting_verbs")
        self.taking_verbs = lexicon.cue("relations", "taking_verbs")
        self.backing = lexicon.cue("relations", "patron_passive_verbs")
        self.stand_in = lexicon.cue("clause", "stand_in_verbs")
        self.perpetrator_verbs = lexicon.cue("attribution", "perpetrator_verbs")
        self.claim_objects = lexicon.cue("attribution", "claim_objects")
        self.suffered = lexicon.cue("attribution", "suffered_participles")
        self.states = lexicon.cue("events", "state_participles")
        self.aim_verbs = lexicon.cue("relations", "aim_verbs")

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
        self._attribution = attribution
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
            if self.state_participle(token):
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
            source, target = self._participants(token, table, trigger.type in HOSTILE_TYPES)
            if source is None and trigger.type in VIOLENT_TYPES:
                source = self.claimed_by(token, table, target)
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
            place = self._place(token, places, trigger.type, table)
            date = self._date(token, resolve_date)
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

    def claimed_by(self, token: Token, table: ActorTable, target: str | None) -> str | None:
        """An attack that names no agent ("a bomb killed four") is laid at the door of the
        actor the report blames for it ("..., the army said, blaming the TTP"; "an attack
        blamed on X"; "X was suspected") or the one that claims it ("X claimed the attack"),
        in its sentence or, for a claim, the next one ("... police said. X claimed
        responsibility.")."""
        sent = token.sent
        found = self._perpetrator(sent, table, claims_only=False)
        if found is None and sent.end < len(token.doc):
            found = self._perpetrator(token.doc[sent.end].sent, table, claims_only=True)
        if found is None or found == target or table.actors[found].kind == "media":
            return None
        return found

    def _perpetrator(self, sent: Sentence, table: ActorTable, claims_only: bool) -> str | None:
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB":
                continue
            children = list(verb.children)
            if lemma == "claim":
                if any(
                    c.dep_ == "dobj" and c.lemma_.lower() in self.claim_objects for c in children
                ):
                    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
                    actor = self._actor_of(subject, table)
                    if actor:
                        return actor
                if any(
                    c.dep_ == "nsubjpass" and c.lemma_.lower() in self.claim_objects
                    for c in children
                ):  # "the attack was claimed by X"
                    agent = next((c for c in children if c.dep_ == "agent"), None)
                    pobj = (
                        next((g for g in agent.children if g.dep_ == "pobj"), None)
                        if agent
                        else None
                    )
                    actor = self._actor_of(pobj, table)
                    if actor:
                        return actor
                continue
            if claims_only or lemma not in self.perpetrator_verbs:
                continue
            passive = [c for c in children if c.dep_ == "nsubjpass"]
            if passive or verb.tag_ == "VBN":
                # "X was suspected"; "an attack blamed on X", "attributed to X"
                ends = passive + [
                    g
                    for c in children
                    if c.dep_ in {"prep", "agent"} and c.lower_ in {"on", "to"}
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            else:  # "the army blamed the ADF", "..., accusing the YPG"
                ends = [c for c in children if c.dep_ == "dobj"]
            for end in ends:
                actor = self._actor_of(end, table)
                if actor:
                    return actor
        return None

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

    def state_participle(self, token: Token) -> bool:
        """A past participle that says what state a noun is in, not what happened to it: on
        the noun ("a village held by IS", "rebel-held areas", "areas controlled and run by
        the rebels") or as a passive of the present ("the province is controlled by the YPG",
        "has been held by rebels since 2012"; "was occupied in 1967" may tell of the taking)."""
        if token.tag_ != "VBN" or token.lemma_.lower() not in self.states:
            return False
        if token.dep_ in {"acl", "amod", "compound"}:
            return True
        if token.dep_ == "conj":
            return self.state_participle(token.head)
        if not any(c.dep_ == "nsubjpass" for c in token.children):
            return False
        return any(
            (c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"})
            or (c.dep_ == "aux" and c.lemma_.lower() == "have")
            for c in token.children
        )

    def holder(self, token: Token) -> bool:
        """The X of "a village held by X": who holds the place, not an agent of the attack
        on it."""
        while token.dep_ in {"compound", "amod", "nmod", "poss"}:  # "the Islamic State group"
            token = token.head
        by = token.head
        return (
            token.dep_ == "pobj"
            and by.lower_ == "by"
            and by.dep_ in {"agent", "prep"}
            and self.state_participle(by.head)
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

    def _participants(
        self, token: Token, table: ActorTable, hostile: bool = False
    ) -> tuple[str | None, str | None]:
        source = target = None
        if token.pos_ == "VERB" and token.dep_ == "amod" and token.tag_ == "VBG":
            # "has not shied away from striking Syrian forces" (parsed as an adjective)
            target = self._actor_of(token.head, table)
            return self._subject(token.head, table), target
        if token.pos_ == "ADJ":  # "Norway is willing to send ...": the subject of the copula
            source = self._subject(token.head, table) if token.dep_ == "acomp" else None
        elif token.pos_ == "NOUN":
            source = self._noun_source(token, table)
            if source is None and hostile:
                sides = self._between(token, table)
                if sides is not None:
                    return sides
        elif token.lemma_.lower() in UNDERGOING_VERBS:
            # "civilians died in regime shelling": who dies is the target; the source is whose
            # attack the sentence names as the means
            return self._attack_owner(token, table), self._subject(token, table)
        else:
            source = self._subject(token, table)
        target = self._target(token, table) or (self._against(token, table) if hostile else None)
        if target is None and hostile:
            target = self._weapon_target(token, table)
        if self._undergone(token):
            # "civilians abducted by the militia": the noun is the target, "by X" the agent
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return self._actor_of(pobj, table), target or self._actor_of(token.head, table)
        if token.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in token.children):
            passive = next(c for c in token.children if c.dep_ == "nsubjpass")
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            target = self._actor_of(passive, table) or (
                self._weapon_target(token, table) if hostile else None
            )
            source = None
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                source = self._actor_of(pobj, table) if pobj is not None else None
            if source is None:
                source = self._attack_owner(token, table)
        return source, target

    def _weapon_target(self, token: Token, table: ActorTable) -> str | None:
        """An act on a weapon in use is aimed at whoever uses it: "intercepted a missile fired
        by X", "a drone that was intercepted" (the relative's antecedent) give X."""
        for child in token.children:
            if child.dep_ not in {"dobj", "nsubjpass"}:
                continue
            relative = child.tag_ in {"WDT", "WP"} and token.dep_ == "relcl"
            user = self._weapon_user(token.head if relative else child, table)
            if user is not None:
                return user
        return None

    def _weapon_user(self, noun: Token, table: ActorTable) -> str | None:
        """Who fired or launched the weapon a noun names: the agent or subject of a firing
        verb on it ("a rocket fired by X", "a drone that X launched"), or the subject of the
        firing verb it is the object of ("X fired a rocket that ...")."""
        for clause in noun.children:
            if clause.dep_ not in {"acl", "relcl"} or clause.lemma_.lower() not in self.aim_verbs:
                continue
            for child in clause.children:
                if child.dep_ == "agent":
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if self._actor_of(pobj, table):
                        return self._actor_of(pobj, table)
                if child.dep_ == "nsubj" and self._actor_of(child, table):
                    return self._actor_of(child, table)
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.aim_verbs:
            return self._subject(noun.head, table)
        return None

    def _between(self, noun: Token, table: ActorTable) -> tuple[str, str] | None:
        """'clashes between X and Y', 'fighting erupted between X and Y': the two sides, the
        first named as source (as ACLED codes a clash: actor 1 and actor 2)."""
        holders = [noun] + ([noun.head] if noun.dep_ in SUBJECT_DEPS else [])
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != "between":
                    continue
                first = next((c for c in prep.children if c.dep_ == "pobj"), None)
                second = (
                    next((c for c in first.children if c.dep_ == "conj"), None)
                    if first is not None
                    else None
                )
                if second is None:
                    continue
                a, b = self._actor_of(first, table), self._actor_of(second, table)
                if a and b and a != b:
                    return a, b
        return None

    def _attack_owner(self, verb: Token, table: ActorTable) -> str | None:
        """'killed in regime airstrikes', 'wounded in Russian shelling': who made the attack
        that the passive names as its means: an actor named in the phrase before the attack
        word (the parse of such phrases is often broken, so the words are read in order)."""
        # "were killed and 40 wounded in airstrikes": the phrase hangs on the last verb
        joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for prep in [*verb.children, *(c for v in joined for c in v.children)]:
            if prep.dep_ not in {"prep", "agent"} or prep.lower_ not in {"in", "by"}:
                continue
            phrase = sorted(prep.subtree, key=lambda t: t.i)
            attack = next((t for t in phrase if self._attack_word(t)), None)
            if attack is None:
                attack = next(
                    (
                        t
                        for t in verb.children
                        if t.dep_ == "conj"
                        and t.i == prep.right_edge.i + 1
                        and self._attack_word(t)
                    ),
                    None,
                )
                if attack is None:
                    continue
                phrase = [t for t in verb.doc[prep.i : attack.i]]
            for token in reversed([t for t in phrase if t.i < attack.i]):
                mention = table.at(token.i)
                if mention is not None and table.actors[mention.actor_id].kind in OWNER_KINDS:
                    return mention.actor_id
            by = self._agent_after([t for t in phrase if t.i > attack.i], table)
            if by is not None:
                return by
        # "were killed after US jets bombed a bakery": the attack the clause tells of is theirs
        for clause in verb.children:
            if clause.dep_ == "advcl" and clause.pos_ == "VERB" and self._attack_word(clause):
                marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
                if marks & {"after", "when", "as"}:
                    actor = self._subject(clause, table)
                    if actor is not None and table.actors[actor].kind in OWNER_KINDS:
                        return actor
        return None

    def _agent_after(self, words: list[Token], table: ActorTable) -> str | None:
        """'killed in airstrikes by Russian forces', '... in air raids carried out by the
        coalition', 'by a mortar round fired by X': the agent a "by" after the attack names."""
        for by in words:
            if by.lower_ != "by" or by.dep_ not in {"prep", "agent"}:
                continue
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is None or self.holder(pobj):
                continue  # "an air raid on a village held by IS": IS holds, it does not raid
            actor = self._actor_of(pobj, table)
            if actor is not None and table.actors[actor].kind in OWNER_KINDS:
                return actor
        return None

    def harms(self, verb: Token) -> bool:
        """A verb whose passive subject suffers the event ("were killed", "was targeted"), not
        one that leaves it a party ("has been involved in clashes")."""
        return verb.lemma_.lower() in self.suffered or self._attack_word(verb)

    def _attack_word(self, token: Token) -> bool:
        return any(
            t.type in VIOLENT_TYPES
            for pos in ("NOUN", "VERB")
            for t in self.lexicon.triggers_for(token.lemma_.lower(), pos)
        )

    def _subject(self, verb: Token, table: ActorTable) -> str | None:
        token = verb
        came_from: Token | None = None
        for _ in range(4):
            # object control: "accused Tehran of arming", "ordered troops to attack"
            if (
                came_from is not None
                and came_from.dep_ in {"prep", "xcomp"}
                and token.pos_ == "VERB"
            ):
                objects = [c for c in token.children if c.dep_ == "dobj"]
                if objects and (came_from.dep_ == "xcomp" or came_from.lower_ in {"of", "for"}):
                    return self._actor_of(objects[0], table)
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                return self._actor_of(subjects[0], table)
            if self._undergone(token):
                return None  # "the villagers abducted this week": the noun undergoes it
            if token.dep_ == "acl" or (
                token.dep_ == "relcl" and token.head.pos_ in {"NOUN", "PROPN"}
            ):
                return self._actor_of(token.head, table)
            # a gerund or infinitive adjunct has its clause's subject ("the office said,
            # accusing Asmara ..."; "sent troops to attack ..."); a past participle does not
            # ("Backed by Russia, the army ...": the army is what was backed)
            adjunct = token.dep_ == "advcl" and token.tag_ in {"VBG", "VB"}
            if not adjunct and token.dep_ not in CLAUSE_CLIMB_DEPS:
                return None
            if adjunct and token.head.lemma_.lower() in UNDERGOING_VERBS:
                return None  # "civilians died in rebel shelling" (parsed as an adjunct)
            if self._reported_clause(token) and self._material(verb):
                return None  # "children were killed in shelling, activists said": told, not done
            came_from = token
            token = token.head
            if adjunct and self._reported_clause(token) and not self._material(came_from):
                # "the ministry said drones struck X, accusing Kyiv": the parser hangs the
                # speaker's own verbal act on the reported verb; it is the speaker's
                token = token.head
        return None

    def _undergone(self, verb: Token) -> bool:
        """A past participle after its noun ("civilians abducted by the militia") says what the
        noun underwent; one with a subject or an object of its own is a finite verb the parser
        mistook ("Nusra targeted with rockets the village")."""
        if verb.pos_ != "VERB" or verb.dep_ != "acl" or verb.tag_ != "VBN":
            return False
        if any(c.dep_ in {"dobj", *SUBJECT_DEPS} for c in verb.children):
            return False
        return verb.lemma_.lower() in self.suffered or any(c.dep_ == "agent" for c in verb.children)

    def _reported_clause(self, verb: Token) -> bool:
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.reporting

    def _material(self, verb: Token) -> bool:
        triggers = self.lexicon.triggers_for(verb.lemma_.lower(), verb.pos_)
        return any(t.type in MATERIAL_TYPES for t in triggers)

    def _noun_source(self, noun: Token, table: ActorTable) -> str | None:
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                actor = self._actor_of(child, table)
                if actor:
                    return actor
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None:
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return self._actor_of(pobj, table)
        # "a mortar round fired by X", "rockets launched by X": the weapon's user
        weapon = noun.head if noun.dep_ == "compound" else noun
        for clause in weapon.children:
            if clause.dep_ == "acl" and clause.tag_ == "VBN":
                agent = self._agent_after([c for c in clause.children if c.dep_ == "agent"], table)
                if agent is not None:
                    return agent
        head = noun.head
        if noun.dep_ in {"dobj", "pobj", "nsubjpass"} and head.lemma_.lower() in LIGHT_VERBS | {
            "to"
        }:
            if head.lower_ == "to":
                head = head.head
            return self._subject(head, table)
        return None

    def _target(self, token: Token, table: ActorTable) -> str | None:
        objects = [c for c in token.children if c.dep_ in {"dobj", "dative", "iobj"}]
        for child in objects:
            actor = self._actor_of(child, table)
            if actor:
                return actor
        # "stepped up its support for the SDF": the target hangs off the object noun
        for child in [*token.children, *[g for o in objects for g in o.children]]:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                if child.lower_ == "for" and child.head.pos_ == "VERB":
                    continue  # "fought for the government": a side taken, not a target
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in ALIGNMENT_NOUNS:
                        actor = self._actor_of(pobj, table)
                        if actor:
                            return actor
        return None

    def _against(self, token: Token, table: ActorTable) -> str | None:
        """'carried out nine strikes arranged with and in aid of Iraqi troops against Islamic
        State fighters': the parser hangs 'against' off a word in between; it still names the
        target, wherever it sits in the trigger's phrase (not inside a clause of its own).
        Whom a town is taken from is the other side too: 'captured Tabqa from IS'."""
        takes = token.lemma_.lower() in self.taking_verbs
        for child in token.subtree:
            if child.i <= token.i or child.dep_ != "prep":
                continue
            if child.lower_ != "against" and not (takes and child.lower_ == "from"):
                continue
            if any(a.dep_ in CLAUSE_DEPS for a in _path_up(child, token)):
                continue
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    actor = self._actor_of(pobj, table)
                    if actor:
                        return actor
        return None

    def _actor_of(self, token: Token | None, table: ActorTable) -> str | None:
        """The actor a noun phrase denotes: a mention on its head or inside it, or the antecedent
        of "these fighters"/"they"."""
        if token is None or token.i in table.dateline_tokens:
            return None
        mention = table.at(token.i)
        if mention and not only_backs(token.doc, mention):  # 'US' in 'US-backed attacks'
            return mention.actor_id
        owner = of_owner(token, table, self.force_nouns)
        if owner:
            return owner
        for child in token.subtree:
            if child.dep_ in {"relcl", "acl", "prep"} and child.i > token.i:
                break
            if any(step.dep_ in NP_CLAUSE_DEPS for step in _path_up(child, token)):
                continue  # "the market, where an AFP photographer saw ...": not the market
            mention = table.at(child.i)
            if mention is not None and only_backs(token.doc, mention):
                continue
            if mention and child.dep_ in {"compound", "poss", "nmod", "amod", "appos", "conj"}:
                return mention.actor_id
        owned = self._owned_by_subject(token, table)
        if owned:
            return owned
        if token.lower_ in {"we", "us", "they", "them", "it"}:
            # "we pushed them back", "the Emirates says it supports ...": the speaker's side
            speaker = self._attribution.at(token.idx)
            if speaker.affiliation and token.lower_ in {"we", "us", "it"} | (
                {"they"} if token.dep_ in SUBJECT_DEPS else set()
            ):
                return speaker.affiliation
        if token.lower_ in {"they", "it", "them"} or (
            (token.lemma_.lower() in self.force_nouns or token.lower_ in self.force_nouns)
            and any(c.lower_ in DEMONSTRATIVES for c in token.children)
        ):
            return self._antecedent(token, table)
        return None

    def _owned_by_subject(self, token: Token, table: ActorTable) -> str | None:
        """'The army denied that its troops had fought ...': a force that "its" or "their"
        owns is the force of the subject of a clause above it, and a mention of that actor;
        so is the agent of an operation it owns ("X said its operation killed 30")."""
        force = token.lemma_.lower() in self.force_nouns or token.lower_ in self.force_nouns
        if not force and not self.lexicon.triggers_for(token.lemma_.lower(), "NOUN"):
            return None
        if not any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in token.children):
            return None
        verb = token.head
        for _ in range(6):
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            mention = table.at(subject.i) if subject is not None and subject.i < token.i else None
            if mention is not None and table.actors[mention.actor_id].kind in OWNER_KINDS:
                if force:
                    start = min(t.i for t in token.subtree if t.i <= token.i)
                    table.add(
                        token.doc, table.actors[mention.actor_id], start, token.i + 1, "owned"
                    )
                return mention.actor_id
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return None

    @staticmethod
    def _antecedent(token: Token, table: ActorTable) -> str | None:
        """What 'they' or 'these troops' points to: the armed subject of the sentence before,
        else the last armed actor mentioned."""
        sent = token.sent
        if token.lower_ not in {"they", "them", "it"} and sent.start > 0:
            previous = token.doc[sent.start - 1].sent
            for subject in (t for t in previous if t.dep_ in {"nsubj", "nsubjpass"}):
                mention = table.at(subject.i)
                if mention and table.actors[mention.actor_id].kind in ARMED_KINDS:
                    return mention.actor_id
        for mention in reversed(table.mentions):  # kept in text order by ActorTable.finish
            if mention.start >= token.idx:
                continue
            if token.idx - mention.start > 600:
                break
            if table.actors[mention.actor_id].kind in ARMED_KINDS:
                return mention.actor_id
        return None

    @staticmethod
    def _place(token: Token, places: PlaceIndex, event_type: str, table: ActorTable) -> str | None:
        """The finest place in the trigger's phrase (else its sentence, for physical events),
        never a state that is itself a participant ('a confrontation with Russia')."""
        subtree = [t for t in token.subtree if t.dep_ not in SUBJECT_DEPS or t.i >= token.i]
        actors = places.actor_spans(table)

        def usable(start: int, end: int) -> list[str]:
            found = places.in_range(start, end)
            if not found:
                return found
            # a place named here where an actor is named too ('Russia') is a participant
            taken = {p for s, e, p in places.starting_in(start, end) if actors.overlaps(s, e)}
            return [pid for pid in found if pid not in taken]

        found = usable(min(t.idx for t in subtree), max(t.idx + len(t) for t in subtree))
        if not found:
            found = _the_city(subtree, places)
        if not found and event_type in {"ASSAULT", "MOBILIZE", "COERCE", "RETREAT"}:
            found = usable(token.sent.start_char, token.sent.end_char) or _the_city(
                list(token.sent), places
            )
        return found[0] if found else None

    @staticmethod
    def _date(token: Token, resolve_date: Callable[[str], DateRange]) -> DateRange:
        """The date phrase nearest the trigger that resolves: spaCy's DATE entities, widened
        by the phrases it cuts short ("07 Apr 2017" where it tags "2017", "in 1982")."""
        from flashpoint.resolve.date_finder import find_date_expressions

        sent = token.sent
        doc = token.doc
        subtree = {t.i for t in token.subtree}
        found = _date_entities(sent)
        for start, end, _ in find_date_expressions(sent.text):
            span = (sent.start_char + start, sent.start_char + end)
            found = [f for f in found if not (f[0] < span[1] and span[0] < f[1])] + [span]
        spans = [doc.char_span(a, b, alignment_mode="expand") for a, b in found]
        dates = [d for d in spans if d is not None]
        dates.sort(key=lambda e: (e.root.i not in subtree, abs(e.start - token.i), e.start))
        for date in dates:  # the nearest phrase that resolves ("at 0914" does not)
            before = doc[date.start - 1] if date.start > 0 else None
            # "in 1982": the preposition is the evidence that a bare number is a year
            phrase = (
                f"{before.text} {date.text}"
                if before is not None and before.lower_ in YEAR_PREPOSITIONS
                else date.text
            )
            resolved = resolve_date(phrase)
            if resolved.start is not None or resolved.precision != "unknown":
                return resolved
        return DateRange()


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


YEAR_PREPOSITIONS = {"in", "since", "during", "until", "by", "from", "before", "after"}
# each parsed document's DATE entities (token start, end, character start, end), made once:
# `Span.ents` walks every entity of the document, once per event
_DATE_ENTITIES: WeakKeyDictionary[Doc, list[tuple[int, int, int, int]]] = WeakKeyDictionary()


def _date_entities(sent: Sentence) -> list[tuple[int, int]]:
    """The character spans of the DATE entities inside `sent`, as `sent.ents` has them."""
    entities = _DATE_ENTITIES.get(sent.doc)
    if entities is None:
        entities = [
            (e.start, e.end, e.start_char, e.end_char) for e in sent.doc.ents if e.label_ == "DATE"
        ]
        _DATE_ENTITIES[sent.doc] = entities
    found = []
    for _, end, start_char, end_char in entities[bisect_left(entities, (sent.start,)) :]:
        if end > sent.end:
            break
        found.append((start_char, end_char))
    return found


SETTLEMENT_NOUNS = {"city", "town", "village", "capital", "camp", "base", "port", "airport"}


def _path_up(token: Token, top: Token) -> list[Token]:
    """The tokens from `token` up to (not including) `top`, which dominates it."""
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _the_city(subtree: list[Token], places: PlaceIndex) -> list[str]:
    """'hold the city', 'entered the town': the settlement named most recently before."""
    for t in subtree:
        if t.lemma_.lower() in SETTLEMENT_NOUNS and any(
            c.lower_ in {"the", "this"} for c in t.children
        ):
            before = places.last_fine_before(t.idx)
            if before is not None:
                return [before]
    return []


def of_owner(token: Token, table: ActorTable, heads: frozenset[str]) -> str | None:
    """'fighters of the SDF', 'units of the Russian army': the actor the group belongs to."""
    if token.lemma_.lower() not in heads and token.lower_ not in heads:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
            for pobj in prep.children:
                mention = table.at(pobj.i) if pobj.dep_ == "pobj" else None
                if mention:
                    return mention.actor_id
    return None


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


def date_resolver(published: dt.date | None) -> Callable[[str], DateRange]:
    from flashpoint.resolve.dates import resolve_date

    return lambda expression: _resolve_cached(resolve_date, expression, published)


@lru_cache(maxsize=4096)
def _resolve_cached(resolve, expression: str, published: dt.date | None) -> DateRange:  # noqa: ANN001
    """The same phrase against the same date always resolves alike; dateparser is slow."""
    return resolve(expression, published)
