"""Relations that hold over time: patron_of, ally_of, enemy_of, member_of, leads.

This module reads patronage ("X-backed", "backed by") and relations implied by events; the
phrase rules live in `relation_phrases.py`. Sources of evidence, each kept with its span and
attribution:
- patron_of: "X-backed Y", "Y backed by X", asserted AID events from X to Y;
- ally_of: "Y include(s) Z", "alongside Z", "X-allied/aligned Y", "allied with";
- enemy_of: asserted ASSAULT/COERCE events between two actors, "fighting against", "at war with";
- member_of: "fights under the banner of", "part of", "member of";
- leads: roles ("head of", "commander of"), "led by".
Non-asserted events (threatened, conditional, negated ...) never make a relation.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorTable, actor_from_registry, new_actor_id
from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.phrase_actors import of_owner
from flashpoint.extract.relation_builder import (
    ARMED,
    GENERIC_HEADS,
    HOSTILE,
    REFERRING_HEADS,
    RelationBuilder,
)
from flashpoint.extract.relation_phrases import PhraseRelations
from flashpoint.extract.roles import Role
from flashpoint.model import Actor, Event, Evidence, Relation
from flashpoint.resolve.registry import ActorRegistry


class RelationExtractor:
    def __init__(self, registry: ActorRegistry, lexicon: Lexicon):
        self.registry = registry
        cue = lexicon.cue
        self.patron_suffixes = cue("relations", "patron_suffixes")
        self.ally_suffixes = cue("relations", "ally_suffixes")
        self.member_suffixes = cue("relations", "member_suffixes")
        self.passive_verbs = cue("relations", "patron_passive_verbs")
        self.led_verbs = cue("relations", "led_verbs")
        self.group_heads = cue("actors", "group_heads") | cue("actors", "force_nouns")
        self.phrases = PhraseRelations(lexicon, frozenset(m for e in registry for m in e.member_of))
        suffixes = "|".join(
            sorted(self.patron_suffixes | self.ally_suffixes | self.member_suffixes)
        )
        # Bounded words and word counts: unbounded ones made a run of capitals ("ISISIS...")
        # quadratic, each start position scanning to the end of the run (issue 15).
        name = r"[A-Z][\w.’']{0,40}"
        self._compound = re.compile(rf"({name}(?:[ -]{name}){{0,5}})\s?-\s?({suffixes})\b")

    def mark_backed(self, doc: Doc, table: ActorTable) -> None:
        """Before events are read: 'Turkish-backed rebels shelled ...' has its client as an
        actor (and 'Turkish' as a patron-only mention), so the shelling has a source. The
        relations themselves are built by `extract`, which finds these mentions in place."""

        def no_evidence(start: int, end: int) -> Evidence:
            return Evidence(start=start, end=end, text="")

        self._compounds(doc, table, RelationBuilder(table), no_evidence)

    def extract(
        self,
        doc: Doc,
        table: ActorTable,
        attribution: AttributionMap,
        events: list[Event],
        roles: list[Role],
        opinion_at: Callable[[int], bool],
    ) -> list[Relation]:
        out = RelationBuilder(table)
        text = doc.text  # Doc.text joins every token anew on each call

        def evidence(start: int, end: int) -> Evidence:
            sent = doc.char_span(start, end, alignment_mode="expand")
            s = sent.sent if sent is not None else None
            s_start, s_end = (s.start_char, s.end_char) if s is not None else (start, end)
            return Evidence(
                start=s_start,
                end=s_end,
                text=text[s_start:s_end],
                attribution=attribution.at(start),
                opinion=opinion_at(start),
            )

        self._compounds(doc, table, out, evidence)
        self._passive_backing(doc, table, out, evidence)
        self.phrases.extract(doc, table, out, evidence, events)
        for role in roles:
            if role.leads and role.organisation_id:
                out.add(
                    "leads", role.person_id, role.organisation_id, evidence(role.start, role.end)
                )
        for event in events:
            if not event.source or not event.target:
                continue
            ev = evidence(event.evidence.start, event.evidence.end)
            # hostility shows in attacks made, planned or vowed; a conditional or denied one
            # ("would respond if fired upon", "did not attack") shows none
            hostile = (
                event.type in HOSTILE
                and event.modality in {"asserted", "intended"}
                or (event.type == "THREATEN" and event.modality in {"asserted", "threatened"})
            )
            if hostile:
                out.add("enemy_of", event.source, event.target, ev)
            elif event.modality != "asserted":
                continue
            elif event.type == "AID" and self._can_patron(table, event.source):
                out.add("patron_of", event.source, self._led_by(event.target, table), ev)
        return out.relations()

    # -- patterns -----------------------------------------------------------------------
    def _patron_actor(self, surface: str) -> str | None:
        entry = self.registry.by_demonym(surface) or next(iter(self.registry.lookup(surface)), None)
        return entry.id if entry else None

    def _can_patron(self, table: ActorTable, actor_id: str) -> bool:
        return table.actors[actor_id].kind not in {"media", "population_group"}

    def _compounds(self, doc: Doc, table: ActorTable, out: RelationBuilder, evidence) -> None:  # noqa: ANN001
        """'U.S.-backed force', 'Iranian-backed militias', 'Russia-backed Syrian forces'."""
        clients: dict[str, list[str]] = {}
        for match in self._compound.finditer(doc.text):
            patron_surface, suffix = match.group(1), match.group(2)
            patron = self._patron_actor(patron_surface)
            if patron is None:
                continue
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is None:
                continue
            patron_span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            entry = self.registry.get(patron)
            if entry is not None and patron not in table.actors:
                table.actors[patron] = actor_from_registry(entry)
            client = self._client_of(
                doc, span[-1], table, clients.get(patron, []), patron, start_token=span[0].i
            )
            if patron_span is not None and len(patron_span):  # kept when not inside the client's
                table.add(doc, table.actors[patron], patron_span.start, patron_span.end, "patron")
            if client is None or client == patron:
                continue
            clients.setdefault(patron, []).append(client)
            where = evidence(match.start(), match.end())
            if suffix in self.member_suffixes:  # "Al-Qaeda-affiliated Al-Nusra Front"
                out.add("member_of", client, patron, where)
            elif suffix in self.ally_suffixes:
                out.add("ally_of", patron, client, where)
            else:
                out.add("patron_of", patron, client, where)

    def _registered_client(self, noun: Token, patron: str, table: ActorTable) -> str | None:
        """'Rwandan-backed rebels' in a text about the M23: the one actor here whose registered
        patrons include Rwanda (not for plural 'militias', which are often a different lot)."""
        if noun.lower_ not in REFERRING_HEADS:
            return None
        clients = [
            a.id
            for a in table.actors.values()
            if (e := self.registry.get(a.id))
            and patron in e.active_patrons(None)
            and a.kind in ARMED
        ]
        return clients[0] if len(clients) == 1 else None

    @staticmethod
    def _definite_antecedent(noun: Token, table: ActorTable) -> str | None:
        """'The Iranian-backed movement, which ...': the armed subject of the sentence before."""
        if noun.lower_ not in REFERRING_HEADS or not any(
            c.lower_ in {"the", "this"} for c in noun.children
        ):
            return None
        sent = noun.sent
        if sent.start == 0:
            return None
        previous = noun.doc[sent.start - 1].sent
        for subject in (t for t in previous if t.dep_ in {"nsubj", "nsubjpass"}):
            mention = table.at(subject.i)
            if mention and table.actors[mention.actor_id].kind in ARMED - {"government"}:
                return mention.actor_id
        return None

    def _client_of(
        self,
        doc: Doc,
        token: Token,
        table: ActorTable,
        known_clients: list[str],
        patron: str = "",
        start_token: int | None = None,
    ) -> str | None:
        """The actor an 'X-backed' modifier describes; 'Iranian-backed militias' becomes one."""
        noun = token
        while noun.dep_ in {"amod", "npadvmod", "compound", "punct"} and noun.head.i != noun.i:
            noun = noun.head
            if noun.pos_ in {"NOUN", "PROPN"}:
                break
        mention = table.at(noun.i)
        if mention and (mention.token_start > token.i - 1 or token.i >= mention.token_start):
            return mention.actor_id
        if noun.dep_ == "appos":
            owner = table.at(noun.head.i)
            if owner:
                return owner.actor_id
            of = of_owner(noun.head, table, self.group_heads)
            if of:
                return of
        if noun.lemma_.lower() not in self.group_heads and noun.lower_ not in self.group_heads:
            return None
        modifiers = [t for t in noun.lefts if t.i > token.i and t.dep_ in {"amod", "compound"}]
        first = min(
            [t.left_edge.i for t in noun.lefts if t.dep_ in {"amod", "compound", "npadvmod"}]
            + [noun.i]
        )
        if start_token is not None and start_token <= noun.i:
            first = min(first, start_token)  # the whole "Iranian-backed militia", as written
        span = doc[first : noun.i + 1]
        known = self._registered_client(noun, patron, table) or self._definite_antecedent(
            noun, table
        )
        if known is not None:
            table.add(doc, table.actors[known], span.start, span.end, "patron-compound")
            return known
        if noun.lower_ in GENERIC_HEADS and not modifiers:
            # "U.S.-backed forces" in a text that introduced one U.S.-backed actor: that actor
            if not known_clients:
                return None
            # several clients of the same patron: the one mentioned most recently
            recent = max(
                dict.fromkeys(known_clients),  # ties go to the first-named client
                key=lambda c: max(
                    (
                        m.start
                        for m in table.mentions
                        if m.actor_id == c and m.start < span.start_char
                    ),
                    default=-1,
                ),
            )
            table.add(doc, table.actors[recent], span.start, span.end, "patron-compound")
            return recent
        if any(i in table.by_token for i in range(span.start, span.end)):
            return None
        name = span.text
        registered = (
            self.registry.lookup(name)
            or self.registry.lookup(name + "s")
            or [
                e
                for form in (name, name + "s")
                for e in self.registry.lookup_descriptor(form)
                if e.country and e.country in table.focus_countries[:1]
            ]
        )
        if registered:  # "Iranian-backed militia" is the registry's "Iranian-backed militias"
            entry = registered[0]
            actor = table.actors.get(entry.id) or actor_from_registry(entry)
            table.add(doc, actor, span.start, span.end, "patron-compound")
            return entry.id
        actor = table.actors.get(new_actor_id(_singular(name))) or Actor(
            id=new_actor_id(_singular(name)),
            name=name,
            kind="militia" if "militia" in noun.lower_ else "armed_group",
            known=False,
        )
        table.add(doc, actor, span.start, span.end, "patron-compound")
        return actor.id

    def _passive_backing(self, doc: Doc, table: ActorTable, out: RelationBuilder, evidence) -> None:  # noqa: ANN001
        """'pro-Assad forces backed by Russia', 'militias supported by Iran'."""
        for token in doc:
            lemma = token.lemma_.lower()
            if lemma not in self.passive_verbs | self.led_verbs or token.tag_ != "VBN":
                continue
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            if agent is None and lemma in self.passive_verbs:
                # "units armed and trained with American and German help"
                agent = next(
                    (c for c in token.children if c.dep_ == "prep" and c.lower_ == "with"), None
                )
            if agent is None:
                continue
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            patrons = self._patrons_in(pobj, doc, table) if pobj is not None else []
            if not patrons:
                continue
            participle = token.head if token.dep_ == "conj" else token
            to_client = next(
                (
                    g
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ == "to"
                    for g in c.children
                    if g.dep_ == "pobj" and table.at(g.i)
                ),
                None,
            )
            if to_client is not None:  # "missiles supplied to Russia by North Korea"
                client_token = to_client
            elif participle.dep_ in {"acl", "relcl"}:
                client_token = participle.head
                if client_token.dep_ == "appos" or table.at(client_token.i) is None:
                    client_token = (
                        client_token.head if client_token.dep_ == "appos" else client_token
                    )
            elif participle.dep_ == "advcl":  # "Backed by Turkish drones, GNA forces recaptured"
                client_token = next(
                    (c for c in participle.head.children if c.dep_ == "nsubj"), None
                )
            else:
                client_token = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
            client = table.at(client_token.i) if client_token is not None else None
            if client is None and client_token is not None:
                client = next(
                    iter(table.in_span(client_token.left_edge.i, client_token.i + 1)), None
                )
            if client is None:
                continue
            where = evidence(token.idx, token.idx + len(token))
            for patron in patrons:
                if patron == client.actor_id:
                    continue
                if lemma in self.led_verbs:  # "the SAF, led by General al-Burhan"
                    if table.actors[patron].kind == "person":
                        out.add("leads", patron, client.actor_id, where)
                else:
                    out.add("patron_of", patron, self._led_by(client.actor_id, table), where)

    def _patrons_in(self, pobj: Token, doc: Doc, table: ActorTable) -> list[str]:
        """'backed by Russia and Iran', 'with American and German help': actors or the states
        their demonyms name."""
        found: list[str] = []
        heads = [pobj, *(c for c in pobj.children if c.dep_ in {"conj", "appos"})]
        for head in heads:
            mention = table.at(head.i)
            if mention is not None:
                found.append(mention.actor_id)
                continue
            modifiers = [c for c in head.children if c.dep_ in {"amod", "compound", "nmod"}]
            modifiers += [g for c in modifiers for g in c.children if g.dep_ == "conj"]
            for child in modifiers:
                mention = table.at(child.i)
                state = self.registry.by_demonym(child.text) if mention is None else None
                if mention is not None and table.actors[mention.actor_id].kind == "state":
                    found.append(mention.actor_id)
                elif state is not None:
                    if state.id not in table.actors:
                        table.actors[state.id] = actor_from_registry(state)
                    table.add(doc, table.actors[state.id], child.i, child.i + 1, "demonym")
                    found.append(state.id)
        return list(dict.fromkeys(found))

    def _led_by(self, actor_id: str, table: ActorTable) -> str:
        """Backing a leader ('Egypt backs Haftar') is backing the armed actor they lead, when
        that actor is in the text."""
        actor = table.actors.get(actor_id)
        entry = self.registry.get(actor_id)
        if actor is None or actor.kind != "person" or entry is None:
            return actor_id
        for led in entry.leads:
            if led in table.actors and table.actors[led].kind in ARMED:
                return led
        return actor_id


def _singular(name: str) -> str:
    """'Iranian-backed militias' and 'Iranian-backed militia' are one actor."""
    if name.endswith("ias"):
        return name[:-1]
    if name.endswith("s") and not name.endswith("ss"):
        return name[:-1]
    return name
