"""The single-document path: ingest -> nlp -> extract -> resolve -> analyze.

`Analyzer` holds everything that is expensive to load (spaCy, the actor registry, the
gazetteer, the lexicons) so that a process loads it once and analyses many documents.

    >>> analyzer = Analyzer.from_defaults()
    >>> result = analyzer.analyze_text("SDF fighters attacked ISIS near Raqqa.")
    >>> [a.name for a in result.actors]
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.analyze.flashpoints import FlashpointFinder
from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.actors import ActorLinker, actor_from_registry
from flashpoint.extract.attribution import Attributor
from flashpoint.extract.coreference import add_nominal_mentions, group_kinds
from flashpoint.extract.discovery import trim_prefix
from flashpoint.extract.event_places import PlaceIndex, date_resolver
from flashpoint.extract.events import EventExtractor
from flashpoint.extract.fatalities import casualties
from flashpoint.extract.learned import LearnedEvents
from flashpoint.extract.learned_relations import LearnedRelations
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.opinion import OpinionReader, opinion_lookup
from flashpoint.extract.place_names import late_places, merge_places
from flashpoint.extract.relation_builder import guessed_ends
from flashpoint.extract.relation_ends import GUESSED, refer_in_table
from flashpoint.extract.relation_filter import (
    named_ends,
    one_side,
    party_ends,
    registry_sides,
)
from flashpoint.extract.relation_sense import SenseWords, SentenceSense
from flashpoint.extract.relations import RelationExtractor
from flashpoint.extract.roles import find_roles
from flashpoint.geo import Geoparser
from flashpoint.ingest.load import document_id  # re-exported: ids are made where corpora are read
from flashpoint.model import Actor, Analysis, Document, Event, Flashpoint
from flashpoint.models import Models
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.resolve.registry import ActorRegistry

SECTORS = ("government", "armed_forces", "armed_group", "population")


def person_spans(doc: Doc, prefix_words: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Full names and their later surnames ('Ash Carter' ... 'Carter'): not places. A lone
    PERSON tag is not trusted: the small model gives it to many Arabic and African toponyms,
    nor is one that swallowed a capitalised preposition ('Near Ar Raqqah')."""
    people = [
        e
        for e in doc.ents
        if e.label_ == "PERSON" and trim_prefix(e, prefix_words).start == e.start
    ]
    full = [e for e in people if len(e) >= 2]
    surnames = {e[-1].text for e in full}
    return [
        (e.start_char, e.end_char) for e in people if len(e) >= 2 or (len(e) and e.text in surnames)
    ]


@dataclass
class Analyzer:
    """Everything one process needs to analyse documents, loaded once."""

    nlp: Language
    registry: ActorRegistry
    lexicon: Lexicon
    geoparser: Geoparser
    models: Models | None = None
    linker: ActorLinker = field(init=False)
    attributor: Attributor = field(init=False)
    opinion: OpinionReader = field(init=False)
    events: EventExtractor = field(init=False)
    relations: RelationExtractor = field(init=False)
    flashpoints: FlashpointFinder = field(init=False)
    learned: LearnedEvents | None = field(init=False)
    learned_relations: LearnedRelations | None = field(init=False)
    generic_agents: frozenset[str] = field(init=False)
    # seconds spent in the learned stages, for `flashpoint bench` to report their share
    learned_seconds: float = field(init=False, default=0.0)

    def __post_init__(self) -> None:
        self.linker = ActorLinker(self.registry, self.lexicon, self._well_known_place)
        self.attributor = Attributor(self.lexicon)
        self.opinion = OpinionReader(self.lexicon)
        self.events = EventExtractor(self.lexicon)
        self.relations = RelationExtractor(self.registry, self.lexicon)
        self.sense = SentenceSense(SenseWords.from_lexicon(self.lexicon), self.registry)
        self.flashpoints = FlashpointFinder(self.registry)
        self.generic_agents = frozenset().union(
            *(self.lexicon.cue("actors", f"sector_{k}") for k in SECTORS),
            self.lexicon.cue("actors", "not_agent_words"),
        )
        self.nominal_actor_heads, self.nominal_place_heads, self.nominal_modifiers = _nominal_heads(
            self.lexicon
        )
        self.group_heads = group_kinds(self.lexicon)
        self.learned = LearnedEvents(self.models.events, self.events) if self.models else None
        self.learned_relations = (
            LearnedRelations(
                self.models.relations,
                self.lexicon.cue("relations", "mediating_verbs"),
                self.registry,
            )
            if self.models
            else None
        )

    @classmethod
    def from_defaults(
        cls,
        model: str | None = None,
        registry_paths: Iterable[str] = (),
        lexicon_paths: Iterable[str] = (),
        learned: bool = True,
        models_dir: Path | None = None,
    ) -> Analyzer:
        """Load the spaCy pipeline, the registry (plus the user's files), the lexicons and
        the trained models: the shipped ones, or those `flashpoint train --out DIR` wrote
        (`models_dir`); `learned=False`: the rules alone, for comparison."""
        models = Models.load(models_dir) if learned else None  # a missing file fails first
        nlp = load_pipeline(model)
        return cls(
            nlp=nlp,
            registry=ActorRegistry.load(registry_paths),
            lexicon=Lexicon.load(lexicon_paths),
            geoparser=Geoparser(nlp=nlp),
            models=models,
        )

    def analyze(self, document: Document, *, budget: float | None = None) -> Analysis:
        """Parse and analyse one document; `budget` is seconds per 100,000 characters (see
        `flashpoint.budget`), past which it stops with FlashpointError(ANALYSIS_FAILED)."""
        from flashpoint.budget import document_budget

        with document_budget(document.text, budget, document.source or "the document"):
            return self.analyze_parsed(document, self.nlp(document.text))

    def analyze_text(
        self,
        text: str,
        *,
        title: str | None = None,
        outlet: str | None = None,
        published: dt.date | None = None,
        url: str | None = None,
    ) -> Analysis:
        document = Document(
            id=document_id(text),
            title=title,
            outlet=outlet,
            published=published,
            url=url,
            text=text,
            language="en",
        )
        return self.analyze(document)

    def analyze_many(
        self, documents: Iterable[Document], *, batch_size: int = 16
    ) -> Iterator[Analysis]:
        """Analyse a stream of documents, parsing them in batches with `nlp.pipe`."""
        pairs = ((d.text, d) for d in documents)
        for doc, document in self.nlp.pipe(pairs, batch_size=batch_size, as_tuples=True):
            yield self.analyze_parsed(document, doc)

    def analyze_parsed(self, document: Document, doc: Doc) -> Analysis:
        """Run every extraction stage over an already parsed document (one over 100,000
        characters part by part, see `flashpoint.long_documents`)."""
        from flashpoint.long_documents import analyze_in_parts, is_long

        if is_long(document):
            return analyze_in_parts(self, document, doc)
        table = self.linker.link(doc, document.published.year if document.published else None)
        # organisations' names are not places ("Deir ez-Zor Military Council"), nor are people's;
        # a state's name is both an actor and a place, as re3d and GeoWebNews annotate it
        exclude = [
            (m.start, m.end) for m in table.mentions if table.actors[m.actor_id].kind != "state"
        ]
        exclude += person_spans(doc, self.lexicon.cue("actors", "name_prefix_words"))
        places = self.geoparser.geoparse_doc(
            doc, exclude=exclude, country_hint=table.focus_countries
        )
        table.place_countries = _countries_by_mentions(places)
        self.linker.discover(
            doc,
            table,
            [(m.start, m.end) for p in places for m in p.mentions if p.feature != "country"],
        )
        if table.place_names:  # names the NER called actors that the text uses as places
            hint = table.focus_countries or table.place_countries[:1]
            places = merge_places(places, late_places(self.geoparser, doc, table.place_names, hint))
        roles = find_roles(doc, table, self.lexicon, self.registry)
        affiliations = {r.person_id: r.organisation_id for r in roles if r.organisation_id}
        attribution = self.attributor.attribute(doc, table, affiliations)
        opinions = self.opinion.read(doc, attribution)
        opinion_at = opinion_lookup(opinions)
        place_index = PlaceIndex(
            [(m.start, m.end, p.id) for p in places for m in p.mentions],
            frozenset(p.id for p in places if p.feature in {"country", "region", "continent"}),
        )
        resolve_date = date_resolver(document.published)
        self.relations.mark_backed(doc, table)
        events = self.events.extract(doc, table, attribution, place_index, opinion_at, resolve_date)
        started = time.perf_counter()
        if self.learned is not None:
            events = self.learned.apply(
                doc, events, table, place_index, attribution.at, opinion_at, resolve_date
            )
        self.learned_seconds += time.perf_counter() - started
        _count_casualties(doc, events)
        # descriptions and a quoted "we" that point back to a named actor end relations too
        refer_in_table(
            doc,
            table,
            places,
            self.nominal_actor_heads,
            self.nominal_place_heads,
            attribution.quotes,
            self.nominal_modifiers,
        )
        relations = self.relations.extract(doc, table, attribution, events, roles, opinion_at)
        if self.learned_relations is not None:
            started = time.perf_counter()
            relations = self.learned_relations.apply(
                doc, table, relations, events, attribution, opinion_at
            )
            self.learned_seconds += time.perf_counter() - started
        table.finish()
        relations = registry_sides(relations, self.registry)
        relations = party_ends(
            doc,
            table,
            relations,
            self.lexicon.cue("relations", "scene_prepositions"),
            lambda actor_id: self._surfaces(actor_id, table),
            self.lexicon.cue("relations", "aim_verbs"),
        )
        relations = one_side(self.sense.apply(doc, table, relations))
        year = document.published.year if document.published else None
        actors = list(table.actors.values())
        relations = named_ends(
            relations,
            actors,
            places,
            self.generic_agents,
            self._well_known_place,
            lambda word: self.registry.by_demonym(word) is not None,
        )
        relations = guessed_ends(relations, table, GUESSED)
        add_nominal_mentions(
            doc,
            actors,
            places,
            self.nominal_actor_heads,
            self.nominal_place_heads,
            self.group_heads,
            self.nominal_modifiers,
        )
        flashpoints = self.flashpoints.find(actors, places, events, relations, year)
        actors = self._with_referenced(actors, flashpoints)
        warnings = (
            []
            if document.published
            else ["no publication date: relative dates are left unresolved"]
        )
        return Analysis(
            document=document,
            actors=actors,
            places=places,
            events=events,
            relations=relations,
            quotes=attribution.quotes,
            opinions=opinions,
            flashpoints=flashpoints,
            warnings=warnings,
        )

    def _well_known_place(self, word: str) -> bool:
        """A capitalised word naming a city of 50,000 or more, a division or a country."""
        if not word[:1].isupper() or len(word) < 3:
            return False
        return any(
            entry.feature in {"country", "admin1"} or (entry.population or 0) >= 50_000
            for entry, how in self.geoparser.index.lookup(word, limit=5)
            if how in {"name", "alt"}
        )

    def _surfaces(self, actor_id: str, table: ActorTable) -> list[str]:
        """An actor's names: as this text used them, and as the registry knows them."""
        actor = table.actors.get(actor_id)
        entry = self.registry.get(actor_id)
        names = [actor.name, *actor.aliases] if actor else []
        if entry is not None:
            names += [entry.name, *entry.aliases]
        return names

    def _with_referenced(self, actors: list[Actor], flashpoints: list[Flashpoint]) -> list[Actor]:
        """Patrons named only by the registry still get an actor record, with no mentions."""
        known = {a.id for a in actors}
        extra: list[Actor] = []
        for flashpoint in flashpoints:
            ids = [s.actor for s in flashpoint.path] + [
                p for side in flashpoint.sides for p in side.patrons
            ]
            for actor_id in ids:
                entry = self.registry.get(actor_id)
                if actor_id not in known and entry is not None:
                    extra.append(actor_from_registry(entry))
                    known.add(actor_id)
        return actors + extra


# which actor kinds and place features each class of head noun in `coreference` refers to
NOMINAL_ACTOR_CLASSES = {
    "armed_group_heads": {"armed_group", "militia", "terrorist_group", "organisation"},
    "government_heads": {"government"},
    "forces_heads": {"armed_forces"},
    "coalition_heads": {"igo", "armed_group", "armed_forces"},
    "country_heads": {"state"},
}
# what kind of actor a description's modifier says it is ("the extremist group")
NOMINAL_MODIFIER_CLASSES = {"terrorist_modifiers": {"terrorist_group"}}
NOMINAL_PLACE_CLASSES = {
    "settlement_heads": {"city", "town", "village"},
    "division_heads": {"admin1", "admin2", "region"},
}


def _nominal_heads(
    lexicon: Lexicon,
) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    def build(classes: dict[str, set[str]]) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = {}
        for name, kinds in classes.items():
            for word in lexicon.cue("coreference", name):
                out.setdefault(word, set()).update(kinds)
        return {word: frozenset(kinds) for word, kinds in out.items()}

    return (
        build(NOMINAL_ACTOR_CLASSES),
        build(NOMINAL_PLACE_CLASSES),
        build(NOMINAL_MODIFIER_CLASSES),
    )


def _countries_by_mentions(places: list) -> list[str]:  # list[Place]
    """Countries of the places, most mentioned first, ties by first mention."""
    counts: dict[str, list[int]] = {}
    for place in places:
        if place.country and place.mentions:
            entry = counts.setdefault(place.country, [0, place.mentions[0].start])
            entry[0] += len(place.mentions)
            entry[1] = min(entry[1], place.mentions[0].start)
    return sorted(counts, key=lambda c: (-counts[c][0], counts[c][1], c))


def _count_casualties(doc: Doc, events: list[Event]) -> None:
    """The dead and wounded a sentence states go to its first violent event without a count
    (the learned stage already counted its main events), never to two events at once."""
    counted = {e.evidence.start for e in events if e.fatalities is not None or e.injured}
    for event in events:
        if event.evidence.start in counted or event.type not in {"ASSAULT", "COERCE"}:
            continue
        span = doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
        if span is None:
            continue
        counts = casualties(span)
        if counts.killed is not None or counts.injured is not None:
            event.fatalities, event.injured = counts.killed, counts.injured
            counted.add(event.evidence.start)
