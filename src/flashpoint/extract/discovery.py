"""Actors the registry does not know: organisations and people from spaCy's entities and
proper-noun group names, generic agents ("Hungarian officials", "protesters"), and short
forms of people named in full ("Kholeh")."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from flashpoint.extract.actor_table import (
    ORG_KINDS,
    ActorTable,
    actor_from_registry,
    new_actor_id,
)
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.patron_marks import only_patron
from flashpoint.extract.person_names import person_short_forms
from flashpoint.extract.place_names import PlaceNameJudge, leading_locative, opening_near_places
from flashpoint.model import Actor
from flashpoint.models.place_names import shipped_model
from flashpoint.nlp.text import noun_chunks
from flashpoint.resolve.registry import ActorRegistry, RegistryActor

ARMED_WORDS = {
    "army",
    "forces",
    "force",
    "brigade",
    "brigades",
    "battalion",
    "battalions",
    "front",
    "corps",
    "division",
    "regiment",
    "guard",
    "guards",
    "fighters",
    "rebels",
    "military",
    "armed",
    "jihadists",
    "insurgents",
    "mujahideen",
    "militants",
    "army's",
}


BACKED_SUFFIXES = (
    "backed",
    "supported",
    "sponsored",
    "funded",
    "armed",
    "trained",
    "allied",
    "aligned",
    "affiliated",
    "linked",
    "inspired",
    "led",
)
ORDINAL = re.compile(r"\d+(st|nd|rd|th)")  # "158th" opens a numbered unit's name
DEICTIC = {"these", "those", "this", "that", "its", "their", "his", "her", "our", "such"}


def _backed(token) -> bool:  # noqa: ANN001
    """'Iranian-backed', 'Turkish-armed', 'allied': a patron's word, not 'armed' alone ('armed
    men' are men carrying weapons)."""
    word = token.lower_
    hyphen = "-" in word or (token.i > 0 and token.doc[token.i - 1].text == "-")
    return word.endswith(BACKED_SUFFIXES) and (hyphen or word != "armed")


def _owner_after_of(doc: Doc, table: ActorTable, token):  # noqa: ANN001, ANN202
    """'a meeting for leaders of Ahrar al-Sham and al-Nusra': the named actor right after the
    noun's 'of' or 'from', where the parser hung the phrase on another word."""
    k = token.i + 1
    if k >= len(doc) or doc[k].lower_ not in {"of", "from"}:
        return None
    k += 1
    if k < len(doc) and doc[k].lower_ == "the":
        k += 1
    owner = table.at(k) if k < len(doc) else None
    if owner is None or table.actors[owner.actor_id].kind == "state":
        return None  # "police from Iraq": the state's forces, read from the modifiers below
    return owner


def _possessor(token, table: ActorTable):  # noqa: ANN001, ANN202
    """The named actor whose possessive governs the noun ('the Pentagon's special forces'):
    theirs, not the forces of the country the text is about."""
    for child in token.children:
        if child.dep_ == "poss" and child.lower_ not in DEICTIC:
            mention = table.at(child.i)
            if mention is not None:
                return mention
    return None


def _contiguous_modifiers(token, named: Callable[[int], bool] = lambda _: False) -> list:  # noqa: ANN001
    """The adjectives and nouns directly before a head noun that modify it ('Hungarian
    riot police' -> Hungarian, riot), and named actors coordinated with one ('Badr and
    Interior Ministry officers': the parser hangs the later names on the first)."""
    found = []
    deps = {"amod", "compound", "nmod", "poss"}
    i = token.i - 1
    while i >= 0:
        left = token.doc[i]
        coordinated = left.head.head.i == token.i and left.head.dep_ in deps
        if coordinated and (left.dep_ == "cc" or (left.dep_ == "conj" and named(left.i))):
            if left.dep_ == "conj":
                found.append(left)
            i -= 1
            continue
        if left.head.i != token.i or left.dep_ not in deps:
            break
        found.append(left)
        i -= 1
    return found


class Discoverer:
    def __init__(
        self,
        registry: ActorRegistry,
        lexicon: Lexicon,
        is_place_word: Callable[[str], bool] = lambda _: False,
    ):
        self.registry = registry
        self.is_place_word = is_place_word
        self.places = PlaceNameJudge(is_place_word, shipped_model())
        self.group_heads = lexicon.cue("actors", "group_heads")
        self.prefix_words = lexicon.cue("actors", "name_prefix_words")
        self.site_heads = lexicon.cue("actors", "site_heads")
        self.weapons = lexicon.cue("actors", "weapon_acronyms")
        self.vessel_prefixes = lexicon.cue("actors", "vessel_prefixes")
        self.office_titles = lexicon.cue("actors", "office_titles")
        self.unit_heads = lexicon.cue("actors", "unit_heads")
        self.speaker_labels = lexicon.cue("actors", "speaker_labels")
        self.role_nouns = lexicon.cue("relations", "role_nouns") | lexicon.cue(
            "relations", "leader_nouns"
        )
        self.sectors = {
            word: kind
            for kind, name in (
                ("government", "sector_government"),
                ("armed_forces", "sector_armed_forces"),
                ("armed_group", "sector_armed_group"),
                ("population_group", "sector_population"),
            )
            for word in lexicon.cue("actors", name)
        }
        # "rebel forces", "opposition fighters": a side's word makes the phrase no state's
        self.non_state_words = lexicon.cue("actors", "non_state_modifiers") | {
            word for word, kind in self.sectors.items() if kind == "armed_group"
        }
        self.states: dict[str, object] = {}
        for entry in registry:
            if entry.kind == "state" and entry.country and entry.country not in self.states:
                self.states[entry.country] = entry

    def discover(self, doc: Doc, table: ActorTable, place_spans: list[tuple[int, int]]) -> None:
        self._unit_names(doc, table, place_spans)
        self._discover_entities(doc, table, place_spans)
        person_short_forms(doc, table)
        self._discover_sectors(doc, table)
        table.finish()

    def _discover_sectors(self, doc: Doc, table: ActorTable) -> None:
        """Generic agents, CAMEO-style: 'Hungarian officials', 'Serbian police', 'protesters'.

        A state's own officials or forces are that state's government or forces when the
        registry knows them; otherwise a new actor carrying the demonym's country."""
        for token in doc:
            kind = self.sectors.get(token.lower_) or self.sectors.get(token.lemma_.lower())
            if kind is None and token.i > 0:  # two-word entries: "armed men", "riot police"
                kind = self.sectors.get(f"{doc[token.i - 1].lower_} {token.lower_}")
            if kind is None or token.pos_ not in {"NOUN", "PROPN"} or token.i in table.by_token:
                continue
            if token.dep_ not in {
                "nsubj",
                "nsubjpass",
                "dobj",
                "pobj",
                "conj",
                "appos",
                "dative",
                "agent",
                "attr",
            }:
                continue
            owner = next(
                (
                    table.at(g.i)
                    for c in token.children
                    if c.dep_ == "prep" and c.lower_ in {"of", "from"}
                    for g in c.children
                    if g.dep_ == "pobj" and table.at(g.i)
                ),
                None,
            ) or _owner_after_of(doc, table, token)
            possessed_by = None  # "the Pentagon's special forces", "Russia's troops"
            if owner is None:
                possessor = _possessor(token, table)
                if possessor is not None and table.actors[possessor.actor_id].kind == "state":
                    possessed_by = self.registry.get(possessor.actor_id)
                else:
                    owner = possessor
            if owner is not None and only_patron(doc, table, owner):
                continue  # "extremists from al-Qaeda's former affiliate": the affiliate's
            if owner is not None and table.actors[owner.actor_id].kind not in {
                "population_group",
                "media",
                "person",
            }:
                # "rebels of the M23 movement", "soldiers of the Armed Forces": that actor's own
                table.add(doc, table.actors[owner.actor_id], token.i, token.i + 1, "sector")
                continue
            owner_actor = table.actors[owner.actor_id] if owner is not None else None
            if owner_actor is not None and (
                owner_actor.kind == "population_group"
                or (owner_actor.kind == "person" and not owner_actor.known)
            ):
                # "leaders of the displaced", "leaders of Ahrar al-Cham" (a group the NER took
                # for a person): theirs, not the focus state's organs
                continue
            led = self._led_by(owner_actor.id, kind) if owner_actor is not None else None
            if led is not None:
                # "the government of President Assad", "leaders of Julani's circle": the body
                # the registry says that person leads
                actor = table.actors.get(led.id) or actor_from_registry(led)
                table.add(doc, actor, token.i, token.i + 1, "sector")
                continue
            if any(c.dep_ in {"det", "poss"} and c.lower_ in DEICTIC for c in token.children):
                continue  # "these troops", "their fighters": a reference, resolved elsewhere
            if self._person_title(doc, table, token):
                continue  # "Envoy ... Brett McGurk", "the prime minister": a person's title
            modifiers = _contiguous_modifiers(token, lambda i: table.at(i) is not None)
            if any(_backed(m) for m in modifiers):
                continue  # "Iranian-backed militia": the relation extractor names it
            state = (
                possessed_by if possessed_by is not None and possessed_by.kind == "state" else None
            )
            for modifier in modifiers:
                mention = table.at(modifier.i)
                if mention is not None and table.actors[mention.actor_id].kind in ORG_KINDS | {
                    "government",
                    "igo",
                }:
                    state = None
                    break  # "Hezbollah fighters" belong to that actor, linked elsewhere
                entry = self.registry.by_demonym(modifier.text)
                if mention is not None and table.actors[mention.actor_id].kind == "state":
                    entry = self.registry.get(mention.actor_id)
                if entry is not None and entry.kind == "state":
                    state = entry
            else:
                start = min([m.i for m in modifiers] + [token.i])
                if any(i in table.by_token for i in range(start, token.i)):
                    start = token.i
                span = doc[start : token.i + 1]
                target = None
                country = None
                qualified = any(
                    m.is_title and not m.is_sent_start and self.registry.by_demonym(m.text) is None
                    for m in modifiers
                )  # "Kurdish police" are not the forces of the country they are in
                side = [m for m in modifiers if self._non_state(m)]
                if side and kind == "armed_forces":
                    # "rebel forces", "Opposition forces", "tribal forces": an armed group,
                    # never the army of the country they fight in
                    kind, qualified = "armed_group", True
                if state is None and kind in {"government", "armed_forces"} and not qualified:
                    # "police", "soldiers": the forces of the country the document is about,
                    # as ACLED codes them ("Police Forces of Kenya"), named or where its
                    # places are; with neither, a generic actor of that kind
                    focus = table.focus_countries[:1] or table.place_countries[:1]
                    state = self.states.get(focus[0]) if focus else None
                    country = focus[0] if focus else None
                if state is not None and kind == "government" and state.government:
                    target = self.registry.get(state.government)
                elif state is not None and kind == "armed_forces" and state.forces:
                    target = self.registry.get(state.forces)
                if target is not None:
                    actor = table.actors.get(target.id) or actor_from_registry(target)
                else:
                    name = span.text
                    actor = table.actors.get(new_actor_id(name)) or Actor(
                        id=new_actor_id(name),
                        name=name,
                        kind=kind,
                        known=False,
                        country=state.country if state else country,
                    )
                table.add(doc, actor, span.start, span.end, "sector")

    def _person_title(self, doc: Doc, table: ActorTable, token) -> bool:  # noqa: ANN001
        """One person's title, not their government: 'Special Presidential Envoy ..., Brett
        McGurk' (a person in apposition), or 'the prime minister' where the text has named
        someone with that title ('Prime Minister Al-Abadi'; coreference points it back)."""
        if token.lower_ not in self.role_nouns or token.tag_ not in {"NN", "NNP"}:
            return False

        def person_at(i: int) -> bool:
            mention = table.at(i)
            return mention is not None and table.actors[mention.actor_id].kind == "person"

        if any(c.dep_ == "appos" and person_at(c.i) for c in token.children):
            return True
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
            return False
        for mention in table.mentions:
            if table.actors[mention.actor_id].kind != "person":
                continue
            words = mention.text.lower().split()[:-1]
            start = mention.token_start
            while start > 0 and doc[start - 1].is_title and mention.token_start - start < 4:
                start -= 1  # "Prime Minister Al-Abadi": the title before the name
                words.append(doc[start].lower_)
            if token.lower_ in words:
                return True
        return False

    def _non_state(self, token) -> bool:  # noqa: ANN001
        """A modifier naming a side that is no state's ('rebel', 'Opposition' opening a
        sentence, 'Kurdish', which the NER tags a nationality no state is registered for)."""
        if token.lower_ in self.non_state_words or token.lemma_.lower() in self.non_state_words:
            return True
        return token.ent_type_ == "NORP" and self.registry.by_demonym(token.text) is None

    def _led_by(self, person_id: str, kind: str):  # noqa: ANN202
        """The government or armed body a registered person leads, for a sector noun of
        `kind` ("government" or an armed kind); None for anyone else."""
        person = self.registry.get(person_id)
        if person is None or person.kind != "person" or kind not in {"government", "armed_forces"}:
            return None
        for led_id in person.leads:
            led = self.registry.get(led_id)
            if led is None:
                continue
            if led.kind == "state":
                led = self.registry.get(
                    led.government if kind == "government" else led.forces or ""
                )
            if led is not None and led.kind == "government" and kind == "government":
                return led
            if led is not None and led.kind in ORG_KINDS and kind == "armed_forces":
                return led
        return None

    # -- passes -------------------------------------------------------------------------
    def _discover_entities(
        self, doc: Doc, table: ActorTable, place_spans: list[tuple[int, int]]
    ) -> None:
        """Organisations and people the registry does not know become new actors."""

        def is_place(span: Span) -> bool:
            return any(s < span.end_char and span.start_char < e for s, e in place_spans)

        vessels = vessel_names(doc, self.vessel_prefixes)
        names = []
        for ent in doc.ents:
            if ent.label_ not in {"ORG", "PERSON", "NORP"} or _headline_case(ent.sent):
                continue
            if _clean_name(ent).text in vessels:
                continue  # "the frigate FS Forbin", later "Forbin": a ship, not a person
            trimmed = trim_prefix(ent, self.prefix_words)
            if ent.label_ == "PERSON" and trimmed.start != ent.start:
                # "Near Ar Raqqah": a place the NER misread as a person
                span = _clean_name(trimmed)
                if span.text and leading_locative(doc, ent) and not is_place(span):
                    table.place_names.append((span.start_char, span.end_char))
                continue
            names.append((ent, _clean_name(trimmed)))
        for span in opening_near_places(doc):
            if not is_place(span) and not any(table.at(i) for i in range(span.start, span.end)):
                table.place_names.append((span.start_char, span.end_char))
        place_texts = self.places.place_texts(
            doc,
            ((span, ent.label_) for ent, span in names if ent.label_ != "NORP" and span.text),
            place_spans,
        )
        for ent, span in names:
            if not span.text or any(i in table.by_token for i in range(span.start, span.end)):
                continue
            if is_place(span):
                continue
            if is_site(span, self.site_heads):
                # "Tiyas Military Airfield", "the Ishtar Gate": a facility is a place the text
                # names, resolved or not, so it is kept rather than dropped
                table.place_names.append((span.start_char, span.end_char))
                continue
            if ent.label_ != "NORP" and span.text in place_texts:
                table.place_names.append((span.start_char, span.end_char))
                continue
            if ent.label_ == "NORP":
                if span.root.pos_ == "NOUN" or (span.root.tag_ in {"NNPS", "NNS"}):
                    actor = Actor(
                        id=new_actor_id(span.text),
                        name=span.text,
                        kind="population_group",
                        known=False,
                    )
                    table.add(doc, actor, span.start, span.end, "ner")
                continue
            if ent.label_ == "ORG" and span.root.pos_ == "ADJ":
                continue
            if ent.label_ == "ORG" and self._place_words_only(span):
                # "Syria Hama", "Saraqib Idlib": a scraped tag list or dateline of places
                table.place_names.append((span.start_char, span.end_char))
                continue
            stem = self._lost_possessive_of(span)
            if stem is not None:
                # "Syrias", "Al-Qaedas", "SOHRs": a name whose apostrophe the page lost
                if isinstance(stem, RegistryActor):
                    actor = table.actors.get(stem.id) or actor_from_registry(stem)
                    table.add(doc, actor, span.start, span.end, "alias", alias=False)
                continue
            if span.text.lower() in self.weapons:
                continue  # "destroyed a VBIED": a weapon, not an organisation
            if _speaker_label(span, self.speaker_labels):
                continue  # "QUESTION: Did you discuss Aleppo?": a transcript's label, no one
            if _office_in_title(span, self.office_titles):
                continue  # "Secretary of State Kerry": part of a person's title, no actor
            person = ent.label_ == "PERSON" or _named_by_role(span, self.role_nouns)
            kind = "person" if person else guess_kind(span)
            actor = Actor(id=new_actor_id(span.text), name=span.text, kind=kind, known=False)
            table.add(doc, actor, span.start, span.end, "ner")
        for chunk in noun_chunks(doc):
            if chunk.root.lemma_.lower() not in self.group_heads:
                continue
            if any(i in table.by_token for i in range(chunk.start, chunk.end)):
                continue
            owner = table.at(chunk.root.head.i) if chunk.root.dep_ == "appos" else None
            if owner is not None:
                # "Hezbollah, the Iranian-backed Lebanese armed group": a description of Hezbollah
                table.add(doc, table.actors[owner.actor_id], chunk.start, chunk.end, "appos")
                continue
            if _headline_case(chunk.sent):
                continue
            proper = [t for t in chunk if t.pos_ == "PROPN" or t.ent_type_ in {"GPE", "LOC", "ORG"}]
            if not proper:
                continue
            span = trim_prefix(doc[proper[0].i : chunk.root.i + 1], self.prefix_words)
            if not span.text or is_site(span, self.site_heads):
                continue
            actor = Actor(
                id=new_actor_id(span.text), name=span.text, kind=guess_kind(span), known=False
            )
            table.add(doc, actor, span.start, span.end, "chunk")

    def _place_words_only(self, span: Span) -> bool:
        words = [t for t in span if t.is_alpha]
        return len(words) >= 1 and all(t.is_title and self.is_place_word(t.text) for t in words)

    def _lost_possessive_of(self, span: Span) -> RegistryActor | bool | None:
        """The registry actor (or True, for a place) a name ending in an 's' the page's lost
        apostrophe left names, when the name without it is one; else None."""
        text = span.text
        if len(text) < 4 or not text.endswith("s") or text[-2:-1] in {"s", "'", "’"}:
            return None
        doc = span.doc
        if span.end >= len(doc) or doc[span.end].pos_ not in {"NOUN", "PROPN", "ADJ"}:
            return None  # a possessive owns the noun after it ("Syrias war")
        found = [e for e in self.registry.lookup(text[:-1]) if e.kind != "person"]
        if len(found) == 1:
            return found[0]
        if len(span) == 1 and self.is_place_word(text[:-1]):
            return True
        return None

    def _unit_names(self, doc: Doc, table: ActorTable, place_spans: list[tuple[int, int]]) -> None:
        """'the 158th Fighter Wing', '3rd Infantry Division': a numbered military unit the NER
        missed is an armed force of its own (its commander and its deployments are about it)."""
        for token in doc:
            if (
                not token.is_title
                or token.lower_ not in self.unit_heads
                or token.i in table.by_token
            ):
                continue
            start = token.i
            while start > 0 and (
                doc[start - 1].is_title or ORDINAL.fullmatch(doc[start - 1].text) is not None
            ):
                start -= 1
                if ORDINAL.fullmatch(doc[start].text):
                    break  # the number opens the unit's name
            numbered_after = token.i + 1 < len(doc) and doc[token.i + 1].text.isdigit()
            if numbered_after:
                # "Division 30", "Brigade 93": the number closes the name; the title words
                # before the head belong to it unless they open the sentence
                while start < token.i and (doc[start].is_sent_start or doc[start].is_stop):
                    start += 1
                span = doc[start : token.i + 2]
            else:
                span = doc[start : token.i + 1]
                if not ORDINAL.fullmatch(span[0].text) or len(span) < 2:
                    continue
            if any(i in table.by_token for i in range(span.start, span.end)) or any(
                s < span.end_char and span.start_char < e for s, e in place_spans
            ):
                continue
            # an ordinal opens a state army's unit ("3rd Infantry Division"); a number after
            # the head is as often a rebel faction's ("Division 30")
            kind = guess_kind(span) if numbered_after else "armed_forces"
            actor = table.actors.get(new_actor_id(span.text)) or Actor(
                id=new_actor_id(span.text), name=span.text, kind=kind, known=False
            )
            table.add(doc, actor, span.start, span.end, "unit")


def _named_by_role(span: Span, role_nouns: frozenset[str]) -> bool:
    """'Knox Thames, the special advisor to ...', 'Spokesperson Maria Lopez': a short proper
    name the NER called an organisation is a person when a person's role stands beside it in
    apposition or opens it."""
    if not 2 <= len(span) <= 4 or not all(t.is_title and t.pos_ == "PROPN" for t in span):
        return False
    if span[0].lower_ in role_nouns and len(span) >= 3:
        return True
    return len(span) <= 3 and any(
        c.dep_ == "appos" and c.i >= span.end and c.lemma_.lower() in role_nouns
        for c in span.root.children
    )


def _speaker_label(span: Span, labels: frozenset[str]) -> bool:
    """'QUESTION:', 'MODERATOR:': a transcript's turn label before its colon names no actor."""
    doc = span.doc
    return (
        span.text.lower() in labels
        and span.text.isupper()
        and span.end < len(doc)
        and doc[span.end].text == ":"
    )


def _office_in_title(span: Span, office_titles: frozenset[str]) -> bool:
    """'Secretary of State', 'Minister of Interior': the one-word office after a title's "of"
    names no organisation of its own (the NER tags "State" as one)."""
    if len(span) != 1 or span.root.dep_ != "pobj" or span.root.head.lower_ != "of":
        return False
    title = span.root.head.head
    return title.is_title and title.lemma_.lower() in office_titles


def vessel_names(doc: Doc, prefixes: frozenset[str]) -> set[str]:
    """'USS Mahan', 'FS Forbin': a ship's name after its navy's prefix, with and without it,
    so neither the full name nor the short form later in the text becomes an actor."""
    names: set[str] = set()
    for token in doc:
        if not (token.is_upper and token.lower_ in prefixes) or token.i + 1 >= len(doc):
            continue
        end = token.i + 1
        while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
            end += 1
        if end > token.i + 1:
            names.add(doc[token.i : end].text)
            names.add(doc[token.i + 1 : end].text)
    return names


def trim_prefix(span: Span, prefix_words: frozenset[str]) -> Span:
    """'Near Palmyra' -> 'Palmyra': a capitalised preposition opening a sentence is not a name."""
    start = span.start
    while start < span.end and span.doc[start].lower_ in prefix_words:
        start += 1
    return span.doc[start : span.end]


def is_site(span: Span, site_heads: frozenset[str]) -> bool:
    """A name ending in a site noun ('Tiyas Military Airfield') is a place, not an actor."""
    words = [t.lower_ for t in span if not t.is_punct]
    if len(words) < 2:
        return False
    return words[-1] in site_heads or " ".join(words[-2:]) in site_heads


def _clean_name(span: Span) -> Span:
    """Trim determiners, numbers and punctuation from the edges of a name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (
        doc[start].pos_ in {"DET", "NUM", "PUNCT", "PRON"} or doc[start].lower_ in {"'s", "’s"}
    ):
        start += 1
    while end > start and doc[end - 1].pos_ in {"PUNCT", "PART"}:
        end -= 1
    return doc[start:end]


def _headline_case(sent: Span) -> bool:
    """Title-case lines (headlines) fool NER into seeing organisations everywhere. Words
    inside the names the NER found do not count: a sentence full of long names ("Stephen J.
    Townsend, commander of Combined Joint Task Force ..., said") is not a headline."""
    words = [t for t in sent if t.is_alpha and len(t) > 3 and not t.ent_type_]
    if any(
        t.pos_ == "VERB"
        and t.is_lower
        and any(
            c.dep_ in {"nsubj", "nsubjpass"} and c.left_edge.i <= sent.start + 1 for c in t.children
        )
        for t in sent
    ):
        # a headline capitalises its verbs: "Special Presidential Envoy ... Brett McGurk met
        # Prime Minister Al-Abadi" is a sentence of titles and names, its subject opening it
        # (a headline the parser glued before a sentence is not: "... Syria The US rejected")
        return False
    return len(words) >= 3 and sum(t.is_title for t in words) / len(words) > 0.8


def guess_kind(span: Span) -> str:
    """An unknown organisation's kind from its name's words ('... Brigades' is armed)."""
    words = {t.lower_ for t in span}
    if words & {"militia", "militias"}:
        return "militia"
    if words & ARMED_WORDS:
        return "armed_group"
    return "organisation"
