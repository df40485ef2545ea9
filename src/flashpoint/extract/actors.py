"""Link actor mentions to the registry: aliases, acronyms, descriptors and demonym phrases.

Linking order, longest span first: acronyms the text defines ("Syrian Democratic Forces
(SDF)"), demonym + force/government noun ("Syrian troops" -> the state's forces),
"pro-X forces", "forces loyal to X", registry aliases, and descriptors that only count in
their country ("the regime"). Names the registry lacks are found afterwards by
`flashpoint.extract.discovery`, once places are known.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

import pycountry
from spacy.tokens import Doc, Span

from flashpoint.extract.actor_table import (
    ORG_KINDS,
    ActorMention,
    ActorTable,
    actor_from_registry,
    new_actor_id,
)
from flashpoint.extract.datelines import dateline_spans
from flashpoint.extract.discovery import Discoverer, guess_kind
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.patron_marks import mark_patrons
from flashpoint.model import Actor
from flashpoint.model import Span as TextSpan
from flashpoint.nlp.text import doc_text
from flashpoint.resolve.registry import ActorRegistry, RegistryActor, normalize

__all__ = ["ActorLinker", "ActorMention", "ActorTable", "actor_from_registry", "new_actor_id"]

MAX_NGRAM = 7
# a registry name may be longer than the n-grams tried from "the" or "pro" ("Combined Joint
# Task Force - Operation Inherent Resolve" is eight tokens)
MAX_NAME_TOKENS = 10
ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z0-9&-]{1,9})\)")
# an all-capitals word the registry knows, which an earlier name of the text may spell out
ACRONYM_WORD = re.compile(r"[A-Z]{2,6}")
STATE_LIKE = {"state", "government"}
COUNTRY_LOCATIVE_PREPS = {"in", "into", "inside", "across", "throughout", "within"}
LOCATIVE_PREPS = {
    "in",
    "from",
    "to",
    "into",
    "inside",
    "across",
    "near",
    "toward",
    "towards",
    "throughout",
    "within",
    "at",
    "around",
    "outside",
    "through",
}


@lru_cache(maxsize=1024)
def _theatre_country(theatre: str) -> str | None:
    try:
        return pycountry.countries.lookup(theatre.replace("_", " ")).alpha_2
    except LookupError:
        return None


@lru_cache(maxsize=4096)
def is_country_name(text: str) -> bool:
    """'Syria', 'the U.S.', 'USA' name a country; 'Tehran' or 'the Kremlin' do not."""
    cleaned = text.strip().removeprefix("the ").removeprefix("The ").replace(".", "")
    try:
        pycountry.countries.lookup(cleaned)
        return True
    except LookupError:
        return cleaned.upper() in {"US", "UK", "USA", "UAE", "DRC", "AMERICA", "BRITAIN"}


def _belongs_to_named(span: Span, named: set[int]) -> bool:
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"of", "from", "loyal"}
        and any(t.i in named for t in prep.subtree)
        for prep in span.root.children
    )


def _based_in(doc: Doc, end: int) -> bool:
    """'Britain-based', 'London based': where an organisation sits, not the state acting."""
    nxt = doc[end : end + 2]
    words = [t.lower_ for t in nxt]
    return words[:1] == ["based"] or words == ["-", "based"]


def _countries_inside(doc: Doc, table: ActorTable) -> None:
    """'the Government of Iraq', 'the Armed Forces of Ukraine': the country named inside an
    organ's name is also a place the text names (re3d and GeoWebNews mark it so)."""
    for mention in table.mentions:
        if table.actors[mention.actor_id].kind not in {"government", "armed_forces"}:
            continue  # "Islamic State of Iraq": a group's name, not the country's organ
        span = doc[mention.token_start : mention.token_end]
        ofs = [t.i for t in span if t.lower_ == "of"]
        if not ofs:
            continue
        start = ofs[-1] + 1
        if start < span.end and doc[start].lower_ == "the":
            start += 1
        tail = doc[start : span.end]
        if len(tail) and tail[0].is_title and is_country_name(tail.text):
            table.place_names.append((tail.start_char, tail.end_char))


def _lost_possessive(span: Span) -> bool:
    """The n-gram ends in a capitalised word with an "s" run on: "Obamas", "al-Assads"."""
    last = span[-1].text
    return len(last) > 3 and last[0].isupper() and last.endswith("s") and last[-2].islower()


def _owns_next_word(span: Span) -> bool:
    """The word after the n-gram is a noun or adjective it could own ("Russias troops")."""
    doc = span.doc
    if span.end >= len(doc) or len(span[-1].text) < 5:
        return False
    after = doc[span.end]
    return after.pos_ in {"NOUN", "PROPN", "ADJ"} and after.is_alpha


class ActorLinker:
    """Links the actors of one document; built once per process with the registry and lexicon."""

    def __init__(
        self,
        registry: ActorRegistry,
        lexicon: Lexicon,
        is_place_word: Callable[[str], bool] = lambda _: False,
    ):
        self.registry = registry
        self.is_place_word = is_place_word  # "Hama fighters" are not "Hamas fighters"
        self.force_nouns = lexicon.cue("actors", "force_nouns")
        self.government_nouns = lexicon.cue("actors", "government_nouns")
        self.attack_nouns = lexicon.cue("actors", "attack_nouns")
        self.attacking_government_words = lexicon.cue("actors", "attacking_government_words")
        self.discoverer = Discoverer(registry, lexicon, is_place_word)
        self._starts = self._start_words()

    def _start_words(self) -> dict[str, int]:
        """First word of every name, descriptor and demonym (and its singular) -> the longest
        n-gram worth trying from it. Only such tokens start an n-gram: profiling showed the
        exhaustive scan was over half of the extraction time. The length allows for the words
        a pattern adds ("Syrian government forces", "Haftar's forces")."""
        starts: dict[str, int] = {"the": MAX_NGRAM, "pro": MAX_NGRAM}
        for surface, _, _ in self.registry.surface_forms():
            words = normalize(surface).casefold().split()
            if not words:
                continue
            # hyphens and dots become tokens of their own in spaCy's tokenizer
            length = min(MAX_NAME_TOKENS, len(words) + surface.count("-") + 3)
            for key in (words[0], words[0].removesuffix("s")):
                starts[key] = max(starts.get(key, 0), length)
        return starts

    # -- public -------------------------------------------------------------------------
    def link(self, doc: Doc, year: int | None = None) -> ActorTable:
        """`year`: when the text was published; a descriptor ("Kurdish fighters") names only an
        actor that existed then (in 2014 they are not yet the SDF)."""
        table = ActorTable()
        self._located_countries: list[str] = []  # "in Syria": places, but they set the focus
        local_aliases = self._acronym_definitions(doc, table)
        datelines = dateline_spans(doc)
        table.dateline_tokens = {i for start, end in datelines for i in range(start, end)}
        hits = self._without_datelines(datelines, self._registry_hits(doc, local_aliases))
        hits = self._without_home_states(doc, hits)
        table.focus_countries = self._focus(hits, self._located_countries)
        named = {i for start, end, _, how in hits if how != "descriptor" for i in range(start, end)}
        self._named_ids = {
            c.id
            for _, _, cands, how in hits
            if how != "descriptor" and len(cands) == 1
            for c in cands
            if isinstance(c, RegistryActor)
        }
        short_forms = self._short_forms(doc, hits)
        for start, end, candidates, how in hits:
            if how == "descriptor" and _belongs_to_named(doc[start:end], named):
                continue  # "rebel fighters of the SDF" are the SDF's, not a generic descriptor
            short = short_forms.get(doc[end - 1].lower_) if how == "descriptor" else None
            if short is not None and _bare_title(doc[start:end]):
                # "the Syrian Coalition ... the Coalition said": the name the text shortened
                table.add(doc, actor_from_registry(short), start, end, how)
                continue
            if how == "descriptor":
                candidates = [
                    c for c in candidates if not isinstance(c, RegistryActor) or c.active_in(year)
                ]
                if not candidates:
                    continue
            entry = self._choose(candidates, table.focus_countries, how)
            if entry is not None:
                table.add(doc, actor_from_registry(entry), start, end, how)
            elif how == "local":
                table.add(doc, candidates[0], start, end, how)  # type: ignore[arg-type]
        self._loyal_forces(doc, table)
        self._leaders_inside(doc, table)
        self._enemies_inside(doc, table)
        _countries_inside(doc, table)
        return table

    def _without_datelines(
        self, spans: list[tuple[int, int]], hits: list[tuple[int, int, list, str]]
    ) -> list[tuple[int, int, list, str]]:
        """'DAMASCUS, Syria (AP) Rebels fired ...': the states a dateline names are where the
        story was filed, places that set the focus, not actors of it."""
        if not spans:
            return hits
        kept = []
        for hit in hits:
            start, end, candidates, _ = hit
            states = [c for c in candidates if getattr(c, "kind", None) == "state"]
            if (
                states
                and len(states) == len(candidates)
                and any(s <= start and end <= e for s, e in spans)
            ):
                self._located_countries.extend(c.country for c in states if c.country)
                continue
            kept.append(hit)
        return kept

    def _without_home_states(
        self, doc: Doc, hits: list[tuple[int, int, list, str]]
    ) -> list[tuple[int, int, list, str]]:
        """ "Iraq's Kataib Hezbollah vowed to strike US forces", "Lebanon's Hezbollah": the
        state before a non-state group's name says where the group is from, as a demonym
        would; it is no party to what the group does, nor what the story is about."""
        hit_at = {start: candidates for start, _, candidates, _ in hits if candidates}
        kept = []
        for hit in hits:
            start, end, candidates, _ = hit
            if (
                end < len(doc)
                and doc[end].lower_ in {"'s", "’s"}
                and candidates
                and all(getattr(c, "kind", None) == "state" for c in candidates)
            ):
                group = hit_at.get(end + 1) or self._registered_name_at(doc, end + 1)
                if group and all(getattr(c, "kind", None) in NON_STATE_GROUP_KINDS for c in group):
                    continue
            kept.append(hit)
        return kept

    def _registered_name_at(self, doc: Doc, start: int) -> list:
        """The registry actors a name the NER finds at `start` denotes ("al-Shabaab", which
        no registry n-gram opened)."""
        ent = next((e for e in doc.ents if e.start == start), None)
        if ent is None or ent.label_ not in {"ORG", "PERSON"}:
            return []
        return self.registry.lookup(ent.text)

    def _short_forms(
        self, doc: Doc, hits: list[tuple[int, int, list, str]]
    ) -> dict[str, RegistryActor]:
        """Last word of each unambiguous name the text gives -> its actor, where one actor
        alone ends so ("the Syrian Coalition" makes "the Coalition" its short form)."""
        ends: dict[str, set[str]] = {}
        for start, end, candidates, how in hits:
            if how == "descriptor" or len(candidates) != 1 or end - start < 2:
                continue
            entry = candidates[0]
            if isinstance(entry, RegistryActor) and doc[end - 1].is_title:
                ends.setdefault(doc[end - 1].lower_, set()).add(entry.id)
        found = {}
        for word, ids in ends.items():
            entry = self.registry.get(next(iter(ids))) if len(ids) == 1 else None
            if entry is not None:
                found[word] = entry
        return found

    def _leaders_inside(self, doc: Doc, table: ActorTable) -> None:
        """'the Assad regime', 'pro-Assad forces', "Haftar's fighters": the leader the name
        opens with is named too, so the person gets that mention as well (it overlaps the
        organ's, so it is kept on the record only, not in the token table)."""
        for mention in list(table.mentions):
            actor = table.actors[mention.actor_id]
            if actor.kind == "person":
                continue
            start = mention.token_start
            while start < mention.token_end and doc[start].lower_ in {"the", "pro", "-"}:
                start += 1
            for end in range(min(mention.token_end - 1, start + 3), start, -1):
                name = doc[start:end]
                people = [e for e in self.registry.lookup(name.text) if e.kind == "person"]
                if len(people) != 1 or not name[0].is_title or name[-1].lower_ in {"'s", "’s"}:
                    continue
                person = table.actors.setdefault(people[0].id, actor_from_registry(people[0]))
                span = TextSpan(start=name.start_char, end=name.end_char, text=name.text)
                if all((m.start, m.end) != (span.start, span.end) for m in person.mentions):
                    person.mentions.append(span)
                break

    def _enemies_inside(self, doc: Doc, table: ActorTable) -> None:
        """'the counter-ISIL coalition', 'the Global Coalition to Counter ISIL': the group a
        coalition is named against is named too, so it gets that mention as well (kept on the
        record only, as a leader inside an organ's name)."""
        for mention in list(table.mentions):
            if table.actors[mention.actor_id].kind not in {"igo", "armed_forces"}:
                continue
            span = doc[mention.token_start : mention.token_end]
            cues = [t.i for t in span if t.lower_ in AGAINST_WORDS]
            if not cues:
                continue
            start = cues[0] + 1
            while start < span.end and doc[start].text in {"-", "the"}:
                start += 1
            for end in range(min(span.end, start + 4), start, -1):
                name = doc[start:end]
                groups = [e for e in self.registry.lookup(name.text) if e.kind in ORG_KINDS]
                if len(groups) != 1 or groups[0].id == mention.actor_id:
                    continue
                group = table.actors.setdefault(groups[0].id, actor_from_registry(groups[0]))
                key = (name.start_char, name.end_char)
                if all((m.start, m.end) != key for m in group.mentions):
                    group.mentions.append(TextSpan(start=key[0], end=key[1], text=name.text))
                break

    def _loyal_forces(self, doc: Doc, table: ActorTable) -> None:
        """'forces loyal to the Tripoli government', 'fighters loyal to Haftar': the actor's own."""
        for token in doc:
            if (
                token.lower_ != "loyal"
                or token.i < 1
                or doc[token.i - 1].lower_
                not in (self.force_nouns | {"fighters", "militias", "men", "units", "troops"})
            ):
                continue
            nxt = token.nbor(1) if token.i + 1 < len(doc) else None
            if nxt is None or nxt.lower_ != "to":
                continue
            owner = next(
                (
                    table.at(i)
                    for i in range(nxt.i + 1, min(len(doc), nxt.i + 7))
                    if table.at(i) is not None
                    and doc[i].dep_ != "poss"
                    and doc[table.at(i).token_end - 1].dep_ != "poss"
                    and (
                        table.at(i).token_end >= len(doc)
                        or doc[table.at(i).token_end].lower_ not in {"'s", "’s"}
                    )
                ),
                None,
            )
            if owner is None:
                continue
            entry = self.registry.get(owner.actor_id)
            target_id = owner.actor_id
            if entry is not None and entry.kind == "person":
                led = self._led_armed(entry.name)
                target_id = led.id if led else target_id
            elif entry is not None and entry.kind in STATE_LIKE:
                target_id = self._forces_of(entry) or target_id
            if target_id not in table.actors:
                forces_entry = self.registry.get(target_id)
                if forces_entry is None:
                    continue
                table.actors[target_id] = actor_from_registry(forces_entry)
            start = token.i - 1
            while start > 0 and doc[start - 1].pos_ in {"DET", "ADJ"}:
                start -= 1
            table.add(doc, table.actors[target_id], start, token.i + 1, "loyal")

    def discover(self, doc: Doc, table: ActorTable, place_spans: list[tuple[int, int]]) -> None:
        """Second pass, after geoparsing: names the registry lacks, except places."""
        self.discoverer.discover(doc, table, place_spans)
        mark_patrons(doc, table)

    def _acronym_definitions(self, doc: Doc, table: ActorTable) -> dict[str, object]:
        """'Long Name (LN)': the acronym means whatever the long name means, in this document."""
        local: dict[str, object] = {}
        for match in ACRONYM_DEF.finditer(doc.text):
            acronym = match.group(1)
            before = doc.char_span(
                max(0, match.start() - 120), match.start(), alignment_mode="contract"
            )
            if before is None:
                continue
            long_span = self._long_form(before, acronym)
            if long_span is None:
                continue
            self._define(doc, table, local, acronym, long_span)
        for token in doc:
            acronym = token.text
            if acronym in local or not ACRONYM_WORD.fullmatch(acronym):
                continue
            if not self.registry.lookup(acronym):
                continue
            long_span = _implicit_long_form(doc[: token.i], acronym)
            if long_span is not None and not self._registry_means(acronym, long_span.text):
                self._define(doc, table, local, acronym, long_span)
        return local

    def _define(
        self, doc: Doc, table: ActorTable, local: dict[str, object], acronym: str, long_span: Span
    ) -> None:
        """The acronym means what its long form means here: the registry's actor of that name,
        or a new actor when the registry's own meaning of the acronym is another body ("Syrian
        Arab Coalition" makes "SAC" that coalition, not Myanmar's State Administration
        Council)."""
        entries = self.registry.lookup(long_span.text)
        if entries:
            local[acronym] = entries
        elif not self._registry_means(acronym, long_span.text):
            actor = Actor(
                id=new_actor_id(long_span.text),
                name=long_span.text,
                kind=guess_kind(long_span),
                known=False,
                aliases=[acronym],
            )
            local[acronym] = actor
            table.add(doc, actor, long_span.start, long_span.end, "acronym")

    def _registry_means(self, acronym: str, long_form: str) -> bool:
        """Whether a registry actor the acronym names shares a name word with the long form
        ("Islamic State of Iraq and Syria (ISIS)" is the registry's ISIS, spelt otherwise)."""
        words = _name_words(long_form)
        return any(
            words & _name_words(form)
            for entry in self.registry.lookup(acronym)
            for form in (entry.name, *entry.aliases)
        )

    @staticmethod
    def _long_form(before: Span, acronym: str) -> Span | None:
        """The capitalised words just before '(ACR)' whose initials spell the acronym."""
        tokens = [t for t in before if not t.is_space]
        letters = [c for c in acronym if c.isupper()]
        end = len(tokens)
        while end and (tokens[end - 1].is_punct or tokens[end - 1].lower_ in {"'s", "’s"}):
            end -= 1  # "Naval Forces Central Command's (NAVCENT)"
        start = end
        capitals = 0
        while start > 0 and capitals < len(letters):
            token = tokens[start - 1]
            if token.is_title or token.is_upper:
                capitals += 1
            elif token.lower_ not in {"of", "for", "the", "and", "al", "el", "-"}:
                break
            start -= 1
        if capitals == 0 or start == end:
            return None
        initials = "".join(t.text[0].upper() for t in tokens[start:end] if t.is_title or t.is_upper)
        if initials[:1] != letters[0]:
            return None
        doc = before.doc
        return doc[tokens[start].i : tokens[end - 1].i + 1]

    def _registry_hits(
        self, doc: Doc, local: dict[str, object]
    ) -> list[tuple[int, int, list, str]]:
        hits: list[tuple[int, int, list, str]] = []
        # a state's name inside a longer organisation ("Sudan Liberation Army") is not the state
        org_ents = [(e.start, e.end) for e in doc.ents if e.label_ == "ORG" and len(e) > 1]
        i, n = 0, len(doc)
        sent_ends = [0] * n
        for sent in doc.sents:
            for k in range(sent.start, sent.end):
                sent_ends[k] = sent.end
        local_starts = {a.casefold(): 2 for a in local}
        # per-token facts read once: the n-gram loop below would build a Token for each read
        tokens = list(doc)
        keys = [normalize(t.text).casefold() for t in tokens]
        bad_edge = [t.is_punct or t.is_space for t in tokens]
        possessive = [t.lower_ in {"'s", "’s"} for t in tokens]
        while i < n:
            found = None
            key = keys[i]
            longest = (
                self._starts.get(key)
                or local_starts.get(key)
                or (self._starts.get(key[:-1]) if key.endswith("s") else None)
            )
            if not longest:
                i += 1
                continue
            if key in {"the", "pro"} and i + 1 < n:
                # "the Islamic State of Iraq and the Levant": as long as the name it opens
                longest = max(longest, self._starts.get(keys[i + 1], 0) + 1)
            for length in range(min(longest, sent_ends[i] - i), 0, -1):
                last = i + length - 1
                if bad_edge[i] or bad_edge[last] or possessive[last]:
                    continue
                found = self._match(doc[i : i + length], local)
                if found:
                    break
            if found and self._inside_longer_name(doc, found, org_ents):
                i = found[1]  # none of the longer name's words starts another name
                continue
            if found and (self._inside_org_name(found, org_ents) or _based_in(doc, found[1])):
                found = None
            if found:
                start, end, candidates, how = found
                end = self._extend_force_noun(doc, end, candidates)
                hits.append((start, end, candidates, how))
                i = end
            else:
                i += 1
        return hits

    def _before_attack_noun(self, span: Span, *, demonym: bool = True) -> bool:
        """'Russian airstrikes on Ariha', 'Israeli air raids': a demonym heading straight into an
        attack noun it modifies says whose attack it was (not 'anti-Russian attacks', nor 'US-
        backed Syrian attacks', whose Syrians are no state army)."""
        doc = span.doc
        word = span[0]
        if word.dep_ not in {"amod", "compound", "nmod"}:
            return False
        if demonym and (
            _proxy_or_inside_name(span)
            or (word.i > 0 and (doc[word.i - 1].text == "-" or doc[word.i - 1].lower_ == "anti"))
        ):
            return False
        following = doc[span.end : span.end + 3]
        text = doc_text(doc)
        return any(
            len(words) == length
            and word.head == words[-1]
            and text[words.start_char : words.end_char].lower() in self.attack_nouns
            for length in (1, 2, 3)
            for words in [following[:length]]
        )

    @staticmethod
    def _inside_org_name(
        found: tuple[int, int, list, str], org_ents: list[tuple[int, int]]
    ) -> bool:
        start, end, candidates, _ = found
        if not all(getattr(c, "kind", None) == "state" for c in candidates):
            return False
        return any(s <= start and end <= e and (e - s) > (end - start) for s, e in org_ents)

    def _inside_longer_name(
        self, doc: Doc, found: tuple[int, int, list, str], org_ents: list[tuple[int, int]]
    ) -> bool:
        """'the Syrian Arab Coalition' is not the registry's 'Arab coalition': an alias the
        registry writes with a common noun ("coalition", "forces"), capitalised in the text
        right after another capitalised word of the same organisation's name (by the NER),
        is part of a longer name the registry lacks."""
        start, end, candidates, how = found
        if how != "alias" or start == 0:
            return False
        before = doc[start - 1]
        if not before.is_title or before.is_sent_start or before.lower_ in {"the", "pro"}:
            return False
        if not any(s <= start - 1 and end <= e for s, e in org_ents):
            return False
        span = doc[start:end]
        if not all(t.is_title or t.is_upper or not t.is_alpha for t in span):
            return False
        key = normalize(span.text).casefold()
        forms = [
            form
            for entry in candidates
            if isinstance(entry, RegistryActor)
            for form in (entry.name, *entry.aliases)
            if normalize(form).casefold() == key
        ]
        return bool(forms) and all(
            any(w[:1].islower() and w not in NAME_PARTICLES for w in form.split()) for form in forms
        )

    def _match(self, span: Span, local: dict[str, object]) -> tuple[int, int, list, str] | None:
        full = doc_text(span.doc)  # Span.text would build a Token per word of the n-gram
        text = full[span.start_char : span.end_char]
        bare = text[4:] if text[:4].casefold() == "the " else text
        if bare in local:  # "the SAC" after "the Syrian Arab Coalition"
            value = local[bare]
            return (span.start, span.end, value if isinstance(value, list) else [value], "local")
        # "Russian airstrikes", "Israeli strikes": the demonym alone names the attacking forces
        # (before the descriptors, which would swallow the attack noun and wait for a focus)
        rest = full[span[1].idx : span.end_char].lower() if len(span) >= 2 else ""
        if (len(span) == 1 or rest in self.attack_nouns) and self._before_attack_noun(span[:1]):
            state = self.registry.by_demonym(span[0].text)
            forces = self.registry.get(state.forces) if state is not None and state.forces else None
            if forces is not None:
                return (span.start, span.start + 1, [forces], "demonym")
            # "regime shelling", "junta airstrikes": the forces the story's "regime forces" are
            if span[0].lower_ in self.attacking_government_words:
                forces_of = self.registry.lookup_descriptor(f"{span[0].lower_} forces")
                if forces_of:
                    return (span.start, span.start + 1, forces_of, "descriptor")
        # "Saudi-led airstrikes", "US-led strikes": the coalition the leader's word names
        if (
            len(span) >= 3
            and span[-1].lower_ == "led"
            and span[-2].text == "-"
            and self._before_attack_noun(span[-1:], demonym=False)
        ):
            coalitions = self.registry.lookup(f"{text} coalition")
            if coalitions:
                return (span.start, span.end, coalitions, "alias")
        # "Syrian troops", "U.S. air force", "Russian government": demonym + noun (not
        # "US-backed Syrian fighters", a proxy, nor "Free Syria Army", a longer name)
        head_text = full[span[1].idx : span.end_char].lower() if len(span) >= 2 else ""
        if (
            head_text in self.force_nouns or head_text in self.government_nouns
        ) and not _proxy_or_inside_name(span):
            state = self.registry.by_demonym(span[0].text) or self._single_state(span[0].text)
            if state is not None and head_text in self.force_nouns and state.forces:
                target = self.registry.get(state.forces)
                if target:
                    return (span.start, span.end, [target], "demonym")
            if state is not None and head_text in self.government_nouns and state.government:
                target = self.registry.get(state.government)
                if target:
                    return (span.start, span.end, [target], "demonym")
        # "Houthi fighters", "Kurdish militants": a group named by the singular of its name
        if (
            len(span) == 2
            and span[0].is_title
            and span[1].lower_
            in self.force_nouns
            | {"fighters", "militants", "rebels", "gunmen", "commanders", "units"}
        ):
            groups = [e for e in self.registry.lookup(span[0].text + "s") if e.kind in ORG_KINDS]
            if groups and not self.is_place_word(span[0].text):
                return (span.start, span.end, groups, "alias")
        # "Haftar's forces", "Hemedti's fighters": the armed actor the named person leads
        if (
            len(span) >= 3
            and span[-2].lower_ in {"'s", "’s"}
            and span[-1].lower_
            in self.force_nouns | {"fighters", "men", "militia", "militias", "loyalists"}
        ):
            led = self._led_armed(span[:-2].text)
            if led is not None:
                return (span.start, span.end, [led], "alias")
        # "pro-Assad forces": forces of the state the named leader governs
        if len(span) >= 4 and span[0].lower_ == "pro" and span[1].text == "-":
            leader_forces = self._pro_leader_forces(span)
            if leader_forces is not None:
                return (span.start, span.end, [leader_forces], "descriptor")
        entries = self.registry.lookup(text) if any(map(str.isupper, text)) else []
        if not entries and _lost_possessive(span):
            # "Barack Obamas request", "Bashar al-Assads forces": scraped text drops the
            # apostrophe; a person's name and an "s" is that person (a group's own final "s",
            # Hamas, is no person's)
            entries = [e for e in self.registry.lookup(text[:-1]) if e.kind == "person"]
            if not entries and _owns_next_word(span):
                # "Russias troops", "Hezbollahs fighters": a state or body owning the noun
                # after it (not "the two Koreas", whose "s" ends the phrase)
                entries = [e for e in self.registry.lookup(text[:-1]) if e.kind != "person"]
        located = [e for e in entries if self._locative_state(span, e)]
        if located:
            self._located_countries.extend(e.country for e in located if e.country)
        entries = [e for e in entries if e not in located]
        if entries:
            return (span.start, span.end, entries, "alias")
        descriptors = self.registry.lookup_descriptor(text)
        # one-word descriptors only when capitalised mid-sentence ("the Coalition said") or
        # naming a noun at the start ("Coalition nations include ...")
        first = span[0]
        capitalised = first.is_title and (
            not first.is_sent_start or (first.dep_ == "compound" and first.head.i > first.i)
        )
        if descriptors and (len(span) >= 2 or capitalised):
            return (span.start, span.end, descriptors, "descriptor")
        return None

    @staticmethod
    def _locative_state(span: Span, entry: RegistryActor) -> bool:
        """'in Syria', 'from Tehran to Damascus', 'the border with Iraq': a state named as a
        location is a place there, not an actor. Country names need a clearly locative
        preposition ('independence from the U.S.' is the actor); capital cities need any."""
        if entry.kind != "state":
            return False
        root = span.root
        if root.dep_ != "pobj":
            return False
        prep = root.head.lower_
        if prep == "with" and root.head.head.lemma_.lower() in {"border", "frontier", "boundary"}:
            return True
        if is_country_name(span.text):
            return prep in COUNTRY_LOCATIVE_PREPS
        return prep in LOCATIVE_PREPS

    def _single_state(self, text: str) -> RegistryActor | None:
        states = [e for e in self.registry.lookup(text) if e.kind == "state"]
        return states[0] if len(states) == 1 else None

    def _forces_of(self, entry: RegistryActor) -> str | None:
        """A government's own armed forces (GNA -> GNA-aligned forces), else its state's."""
        if entry.kind == "government":
            own = [e for e in self.registry if e.parent == entry.id and e.kind in ORG_KINDS]
            if own:
                return own[0].id
            entry = self.registry.get(entry.parent) if entry.parent else entry
        return entry.forces if entry is not None and entry.forces else None

    def _led_armed(self, name: str) -> RegistryActor | None:
        """The armed actor a person leads, by the registry (leader of the LNA, of the RSF ...)."""
        for person in self.registry.lookup(name):
            if person.kind != "person":
                continue
            for led_id in person.leads:
                led = self.registry.get(led_id)
                if led is not None and led.kind in ORG_KINDS:
                    return led
                if led is not None and led.forces:
                    return self.registry.get(led.forces)
        return None

    def _pro_leader_forces(self, span: Span) -> RegistryActor | None:
        name_tokens = span[2:]
        for cut in range(len(name_tokens), 0, -1):
            rest = name_tokens[cut:].text.lower()
            if rest not in self.force_nouns:
                continue
            for person in self.registry.lookup(name_tokens[:cut].text):
                for led_id in person.leads:
                    led = self.registry.get(led_id)
                    state = led if led and led.kind == "state" else None
                    if led and led.kind == "government" and led.parent:
                        state = self.registry.get(led.parent)
                    if state is None and led and led.country:
                        state = next(
                            (
                                e
                                for e in self.registry
                                if e.kind == "state" and e.country == led.country
                            ),
                            None,
                        )
                    if state and state.forces:
                        return self.registry.get(state.forces)
        return None

    def _extend_force_noun(self, doc: Doc, end: int, candidates: list) -> int:
        """'SAA forces', 'Hezbollah fighters': the noun after an armed actor's name is in it."""
        if end < len(doc) and doc[end].lower_ in self.force_nouns | {"fighters", "militants"}:
            kinds = {getattr(c, "kind", None) for c in candidates}
            if kinds & ORG_KINDS:
                return end + 1
        return end

    @staticmethod
    def _focus(hits: list[tuple[int, int, list, str]], located: list[str]) -> list[str]:
        """Countries the document is about, by mentions of unambiguous actors and of countries
        named as places."""
        counts: Counter[str] = Counter(located)
        for _, _, candidates, how in hits:
            if how == "descriptor" or len(candidates) != 1:
                continue
            entry = candidates[0]
            if getattr(entry, "kind", None) in REPORTING_KINDS:
                # a monitor in London reporting on Syria: where it reports, not where it sits
                covered = [c for t in entry.theatres if (c := _theatre_country(t))]
                if covered:
                    counts.update(covered)
                    continue
            country = getattr(entry, "country", None)
            if country:
                counts[country] += 1
        return [c for c, _ in counts.most_common(4)]

    def _choose(self, candidates: list, focus: list[str], how: str) -> RegistryActor | None:
        if how == "local" and candidates and not isinstance(candidates[0], RegistryActor):
            return None
        if len(candidates) == 1 and how != "descriptor":
            return candidates[0]
        named = getattr(self, "_named_ids", set())

        def family_named(entry: RegistryActor) -> bool:
            """The text also names this actor, its parent or one of its organs ("the GNA's")."""
            return entry.id in named or any(
                (e := self.registry.get(n)) is not None and e.parent == entry.id for n in named
            )

        def focus_rank(entry: RegistryActor) -> int:
            """A state's actor ranks by its country; a transnational one (the US-led
            coalition) by the countries it operates in."""
            places = [entry.country] if entry.country else []
            if entry.country is None:
                places += [_theatre_country(t) for t in entry.theatres]
            ranks = [focus.index(c) for c in places if c in focus]
            return min(ranks) if ranks else len(focus) + 1

        ranked = sorted(candidates, key=lambda e: (not family_named(e), focus_rank(e)))
        best = ranked[0]
        if how == "descriptor" and family_named(best):
            return best  # "the Observatory" of a text that names the Syrian Observatory
        if how == "descriptor" and best.country is None:
            # transnational actors (the US-led coalition) count where they operate
            return best if any(_theatre_country(t) in focus for t in best.theatres) else None
        if how == "descriptor" and best.country not in focus:
            return None
        return best


AGAINST_WORDS = {"counter", "against", "defeat", "anti"}
# groups a state's possessive only locates ("Lebanon's Hezbollah"), unlike its organs
NON_STATE_GROUP_KINDS = {"armed_group", "militia", "terrorist_group"}
# actors whose registered country may be only where they sit: their theatres say what
# the text is about
REPORTING_KINDS = {"media", "ngo"}
# lowercase words that may sit inside a proper name ("Islamic State of Iraq", "Ahrar al-Sham")
NAME_PARTICLES = {"of", "the", "and", "for", "al", "el", "de", "du", "la", "le", "bin", "ibn"}


def _bare_title(span: Span) -> bool:
    """'the Coalition', 'The Front': a determiner and one capitalised noun, nothing else."""
    words = [t for t in span if t.pos_ != "DET"]
    return len(words) == 1 and words[0].is_title


PATRON_WORDS = ("backed", "supported", "sponsored", "funded", "armed", "trained", "led")


def _proxy_or_inside_name(span: Span) -> bool:
    """The word before a demonym says whose the forces are not: a patron's hyphened word
    ('US-backed Syrian fighters' are no state army) or a capitalised word of the same name
    ('Free Syria Army')."""
    if span.start == 0:
        return False
    before = span.doc[span.start - 1]
    hyphened = "-" in before.text or (before.i > 0 and span.doc[before.i - 1].text == "-")
    if before.lower_.endswith(PATRON_WORDS) and hyphened:
        return True
    return before.is_title and before.pos_ == "PROPN" and not before.is_sent_start


def _name_words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", normalize(name).casefold()) if w not in NAME_PARTICLES}


def _implicit_long_form(before: Span, acronym: str) -> Span | None:
    """The last run of capitalised words before the acronym whose initials spell it exactly
    ("the Syrian Arab Coalition ... the SAC"), particles skipped: the text's own meaning of an
    acronym it never defines."""
    tokens = list(before)
    for end in range(len(tokens), 0, -1):
        if not tokens[end - 1].is_title:
            continue
        if end < len(tokens) and tokens[end].is_title:
            continue  # the run goes on: only a whole name spells the acronym
        start, letters = end, []
        while start > 0 and len(letters) < len(acronym):
            token = tokens[start - 1]
            if token.is_title and token.is_alpha:
                letters.append(token.text[0])
            elif token.lower_ not in NAME_PARTICLES or start == end:
                break
            start -= 1
        if (
            len(letters) == len(acronym) >= 2
            and "".join(reversed(letters)) == acronym
            and not (start > 0 and tokens[start - 1].is_title)
        ):
            return before.doc[tokens[start].i : tokens[end - 1].i + 1]
    return None
