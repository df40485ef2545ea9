"""The offline geoparser: toponyms in a parsed document -> resolved `Place` records.

No server and no download: recognition is spaCy's NER plus a gazetteer matcher, resolution is a
context-aware ranking over the SQLite gazetteer. Toponyms it cannot resolve are kept with
`resolved=False`, never dropped.

    >>> geo = Geoparser()
    >>> [p.name for p in geo.geoparse("Clashes broke out north of Raqqa.")]
    ['north of Ar Raqqah', 'Ar Raqqah']
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc

from flashpoint.geo.gazetteer import Gazetteer, GazetteerEntry
from flashpoint.geo.mentions import (
    adjectival_uses,
    demonym_adjectives,
    embedded_toponyms,
    facility_toponyms,
    hyphenated_places,
    later_mentions,
)
from flashpoint.geo.names import fold, name_key
from flashpoint.geo.nearby import Nearby
from flashpoint.geo.places import Resolution, places_from
from flashpoint.geo.rank import (
    MATCH_PENALTY,
    NEAR_KM,
    SKELETON_MIN_PRIOR,
    Context,
    Scored,
    confidence,
    distance_km,
    fame,
    focus_by_name,
    focus_countries,
    named_admins,
    prior,
    score_candidates,
    without_translated_names,
)
from flashpoint.geo.recognise import (
    Toponym,
    cues_after,
    cues_before,
    demonym_toponyms,
    gazetteer_toponyms,
    lookup_text,
    ner_toponyms,
)
from flashpoint.geo.words import WORDS
from flashpoint.model import Place
from flashpoint.nlp.text import doc_text

MAX_CANDIDATES = 30
LOCAL_KINDS = ("city", "town", "village")
AREA_KINDS = ("country", "continent", "sea", "region")  # never anchors of nearness
PARTIAL_MIN_PRIOR = 0.6  # a place inside a longer name must be a notable one (>= ~15k people)
PARTIAL_MAX_KM = 1000.0  # a place inside a name, this far from the document's home, is doubtful
RUNNERS_UP = 3
WELL_KNOWN_FAME = 0.8  # ~40 names in the world's languages
WITHIN_NEXT_CONFIDENCE = 0.2  # an unknown name placed in the place named right after it


class CachedIndex:
    """Memoised name lookups over a gazetteer, shared by recognition and resolution."""

    def __init__(self, gazetteer: Gazetteer, max_items: int = 100_000):
        self.gazetteer = gazetteer
        self._max = max_items
        self._keys: dict[str, bool] = {}
        self._lookups: dict[tuple[str, int], list] = {}

    def has_key(self, key: str) -> bool:
        if key not in self._keys:
            if len(self._keys) > self._max:
                self._keys.clear()
            self._keys[key] = self.gazetteer.has_key(key)
        return self._keys[key]

    def lookup(self, name: str, *, limit: int = 20) -> list:
        key = (name_key(name), limit)
        if key not in self._lookups:
            if len(self._lookups) > self._max:
                self._lookups.clear()
            self._lookups[key] = self.gazetteer.lookup(name, limit=limit)
        return self._lookups[key]

    def demonyms(self) -> dict[str, str]:
        return self.gazetteer.demonyms()


class Geoparser:
    """Recognise and resolve the places of a document; load once per process."""

    def __init__(self, nlp: Language | None = None, gazetteer: Gazetteer | None = None):
        self._nlp = nlp
        self.gazetteer = gazetteer or Gazetteer.load()
        self.index = CachedIndex(self.gazetteer)

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from flashpoint.nlp.pipeline import load_toponym_pipeline

            self._nlp = load_toponym_pipeline()
        return self._nlp

    # ---- public API -------------------------------------------------------------------------

    def geoparse(self, text: str) -> list[Place]:
        """Parse `text` and return its places, ordered by first mention."""
        return self.geoparse_doc(self.nlp(text))

    def geoparse_doc(
        self,
        doc: Doc,
        *,
        exclude: Sequence[tuple[int, int]] = (),
        country_hint: Sequence[str] = (),
    ) -> list[Place]:
        """Places of an already parsed document.

        exclude: character spans of actor names; toponyms inside them are not places.
        country_hint: ISO codes the caller knows the document is about.
        """
        resolutions = self.resolve_doc(doc, exclude=exclude, country_hint=country_hint)
        return places_from([r for r in resolutions if r.toponym.role == "place"], doc_text(doc))

    def resolve_doc(
        self,
        doc: Doc,
        *,
        exclude: Sequence[tuple[int, int]] = (),
        country_hint: Sequence[str] = (),
    ) -> list[Resolution]:
        """Recognition then resolution, keeping every candidate ranking (for --json, eval)."""
        toponyms = self.recognise(doc, exclude=exclude, country_hint=country_hint)
        return self._resolve(doc, toponyms, country_hint)

    def recognise(
        self,
        doc: Doc,
        *,
        exclude: Sequence[tuple[int, int]] = (),
        country_hint: Sequence[str] = (),
    ) -> list[Toponym]:
        """Toponyms in the document, by character offset: places (role "place"), and places
        inside longer names and demonyms (roles "embedded" and "demonym")."""
        found = ner_toponyms(doc, exclude, self.index)
        taken = [(t.start, t.end) for t in found] + list(exclude)
        found += demonym_toponyms(doc, self.index.demonyms(), taken)
        taken = [(t.start, t.end) for t in found] + list(exclude)
        found += gazetteer_toponyms(doc, self.index, taken, self._focus(found, country_hint))
        taken = [(t.start, t.end) for t in found] + list(exclude)
        found += facility_toponyms(doc, taken)
        taken = [(t.start, t.end) for t in found] + list(exclude)
        found += later_mentions(doc, found, taken, self._repeatable(found))
        taken = [(t.start, t.end) for t in found] + list(exclude)
        found += embedded_toponyms(doc, self.index, taken)
        taken = [(t.start, t.end) for t in found] + list(exclude)
        found += demonym_adjectives(doc, self.index.demonyms(), taken)
        taken = [(t.start, t.end) for t in found] + list(exclude)
        found += hyphenated_places(doc_text(doc), self.index, taken)
        found.sort(key=lambda t: t.start)
        return adjectival_uses(doc_text(doc), found)

    def resolve_spans(
        self, doc: Doc, spans: Sequence[tuple[int, int]], *, country_hint: Sequence[str] = ()
    ) -> list[Resolution]:
        """Resolve given toponym spans (gold spans in evaluation), one Resolution per span.

        Only the given spans are context for each other (adding our own recognised toponyms as
        context was tried and lowered GeoWebNews accuracy: their false positives mislead).
        """
        toponyms = []
        for start, end in spans:
            span = doc.char_span(start, end, alignment_mode="expand")
            cues: tuple[str, ...] = ()
            if span is not None:
                cues = cues_before(doc, span.start) + cues_after(doc, span.end)
            toponyms.append(Toponym(start, end, doc_text(doc)[start:end], "gold", cues))
        return self._resolve(doc, toponyms, country_hint)

    # ---- resolution ---------------------------------------------------------------------------

    def _candidates(self, name: str) -> list:
        """Gazetteer matches; a mere transliteration match must be a sizeable place."""
        return without_translated_names(
            [
                (entry, match)
                for entry, match in self.index.lookup(name, limit=MAX_CANDIDATES)
                if match != "skeleton" or prior(entry) >= SKELETON_MIN_PRIOR
            ]
        )

    def _repeatable(self, toponyms: Sequence[Toponym]) -> set[str]:
        """Names found as places that the gazetteer knows as themselves (not through a place
        inside them); an all-capital short name only when it is a country or division ("US",
        "BC"), since most are organisations' initials."""
        out = set()
        for toponym in toponyms:
            cands, partial = self._lookup(toponym)
            if not cands or partial:
                continue
            initials = toponym.text.isupper() and len(toponym.text) <= 4
            if initials and not any(e.feature in ("country", "admin1") for e, _ in cands):
                continue
            out.add(toponym.text)
        return out

    def _focus(self, toponyms: Sequence[Toponym], hints: Sequence[str]) -> frozenset[str]:
        """Countries of the names the NER found (their likeliest reading) and of the hints."""
        countries = {h.upper() for h in hints}
        for toponym in toponyms:
            cands, _ = self._lookup(toponym)
            if cands:
                best = max(cands, key=lambda c: prior(c[0]) - MATCH_PENALTY.get(c[1], 0.3))
                if best[0].country:
                    countries.add(best[0].country)
        return frozenset(countries)

    def _demonym(self, text: str) -> list:
        """ "Russian", "Mexicans", "European" -> the country or region they name."""
        demonyms = self.gazetteer.demonyms()
        key = fold(text)
        target = demonyms.get(key) or (demonyms.get(key[:-1]) if key.endswith("s") else None)
        if not target:
            return []
        if len(target) == 2 and target.isupper():
            entry = self.gazetteer.country(target)
            return [(entry, "demonym")] if entry else []
        return [(e, "demonym") for e, _ in self._candidates(target)[:1]]

    def _lookup(self, toponym: Toponym) -> tuple[list, bool]:
        if toponym.country:
            entry = self.gazetteer.country(toponym.country)
            return ([(entry, "demonym")] if entry else []), False
        for text in dict.fromkeys((toponym.text, lookup_text(toponym.text)[0])):
            # "Suffolk County" as written first, then "Idlib province" without its division word
            found = self._demonym(text) + self._candidates(text)
            if found:
                return found, False
        return self._partial(lookup_text(toponym.text)[0]), True

    def _partial(self, text: str) -> list:
        """A notable place inside a longer name: "Idlib countryside", "Arizona State
        University", "University of California" (the place after "of"), "British Embassy
        Tokyo" (a place after a site word), "US Federal Reserve", "European Commission"
        (a country or demonym opening an institution's name). Transliteration matches are
        not trusted here: "Trust" is not Trieste."""
        words = [w for w in re.split(r"\s+", text.strip()) if w]
        if len(words) < 2:
            return []
        lowered = [w.lower() for w in words]
        if lowered[-1] in WORDS.institution_heads:
            found = self._demonym(words[0]) or [
                (e, m) for e, m in self._candidates(words[0]) if e.feature == "country"
            ]
            if found:
                return found
        parts = [" ".join(words[:size]) for size in range(len(words) - 1, 0, -1)]
        if "of" in lowered[1:-1]:
            parts.insert(0, " ".join(words[len(lowered) - lowered[::-1].index("of") :]))
        if lowered[0] in WORDS.direction_heads:  # "South Florida", "Western US"
            parts.insert(0, " ".join(words[1:]))
        if len(words) > 2 and lowered[-2] in WORDS.site_words:
            parts.insert(0, words[-1])
        for part in parts:
            if part.lower() in WORDS.generic_heads or len(part) < 4 or not part[:1].isupper():
                continue
            found = [
                (e, m)
                for e, m in self._candidates(part)
                if m != "skeleton" and prior(e) >= PARTIAL_MIN_PRIOR
            ]
            if found:
                return found
        return []

    def _resolve(
        self, doc: Doc, toponyms: Sequence[Toponym], country_hint: Sequence[str]
    ) -> list[Resolution]:
        lookups = [self._lookup(t) for t in toponyms]
        context = Context.empty(country_hint)
        first = [
            score_candidates(t.text, cands, _cues(t), context)[:1]
            for t, (cands, _) in zip(toponyms, lookups, strict=True)
        ]
        # names inside names and demonyms are placed in the document's context, never its source
        best = [
            f[0] if f and t.role == "place" else None for f, t in zip(first, toponyms, strict=True)
        ]
        context.countries = focus_countries(best)
        context.by_name = focus_by_name([t.text for t in toponyms], best)
        context.admins = named_admins(best)
        containers = _containers(doc_text(doc), toponyms, best)
        contained = _contained(doc_text(doc), toponyms)
        cues = [_cues(t) + extra for t, extra in zip(toponyms, contained, strict=True)]
        ranked = [
            score_candidates(t.text, c, q, context, k)
            for t, (c, _), q, k in zip(toponyms, lookups, cues, containers, strict=True)
        ]
        # second pass: nearness to the confidently placed, non-country places of the document
        context.anchors = _anchors(ranked, toponyms, AREA_KINDS)
        context.place_anchors = _anchors(ranked, toponyms, (*AREA_KINDS, "admin1"))
        if context.anchors:
            ranked = [
                score_candidates(t.text, c, q, context, k)
                for t, (c, _), q, k in zip(toponyms, lookups, cues, containers, strict=True)
            ]
        out = []
        for toponym, (_, partial), scored in zip(toponyms, lookups, ranked, strict=True):
            conf = confidence(scored) * (0.5 if partial else 1.0)
            out.append(Resolution(toponym, scored, round(conf, 3), partial and bool(scored)))
        _within_next(doc_text(doc), out)
        home = home_place([r for r in out if r.toponym.role == "place"])
        if home is not None:
            for resolution in out:
                best = resolution.ranked[0].entry if resolution.ranked else None
                if (
                    resolution.partial
                    and best is not None
                    and best.country != home.country
                    and distance_km(best.lat, best.lon, home.lat, home.lon) > PARTIAL_MAX_KM
                ):
                    # "West Surrey" in a British story: the Surrey at home, not Canada's city
                    local = [s for s in resolution.ranked if s.entry.country == home.country]
                    if local:
                        resolution.ranked = local + [
                            s for s in resolution.ranked if s.entry.country != home.country
                        ]
                    elif not well_known(best, resolution.toponym.text):
                        resolution.ranked = []
                if not resolution.ranked:
                    resolution.ranked = [Scored(home, 0.0, "context")]
                    resolution.fallback = True
                    resolution.confidence = 0.1
        return out


def _anchors(
    ranked: Sequence[Sequence[Scored]], toponyms: Sequence[Toponym], skip: tuple[str, ...]
) -> list[tuple[float, float]]:
    """Points of the confidently placed places of the document, but for the kinds in `skip`
    (a country's or sea's point says nothing about what lies near it)."""
    return [
        (r[0].entry.lat, r[0].entry.lon)
        for r, t in zip(ranked, toponyms, strict=True)
        if r and t.role == "place" and r[0].entry.feature not in skip and confidence(r) >= 0.8
    ]


def _within_next(text: str, resolutions: Sequence[Resolution]) -> None:
    """An unknown name followed by "in" or a comma and a placed name lies in that place:
    "Caesar's Palace in Las Vegas", "Frenchmen Street, New Orleans" (before the story's
    home town is tried)."""
    ordered = sorted(resolutions, key=lambda r: r.toponym.start)
    for here, nxt in zip(ordered, ordered[1:], strict=False):
        between = text[here.toponym.end : nxt.toponym.start]
        if (
            here.ranked
            or not nxt.ranked
            or nxt.fallback
            or nxt.toponym.role != "place"
            or between.strip().lower() not in ("in", ",")
            or len(between) > 4
        ):
            continue
        here.ranked = [Scored(nxt.ranked[0].entry, 0.0, "context")]
        here.fallback = True
        here.confidence = WITHIN_NEXT_CONFIDENCE


def well_known(entry: GazetteerEntry, name: str) -> bool:
    """Whether the place found inside a longer `name` stands for itself wherever the story
    is: a widely known town ("Cannes Lions" is at Cannes), a first-level division, a country
    or continent opening or closing an institution's name ("UK Border Force", "Bank of
    Japan"), or qualified ("Central Europe" is in Europe in a story about China). A "Niger
    Delta" or a "Mall of Asia" is not at its country's or continent's point."""
    words = name.lower().split()
    if entry.feature in ("country", "continent"):
        return (
            words[0] in WORDS.institution_heads
            or words[-1] in WORDS.institution_heads
            or words[0] in WORDS.direction_heads
        )
    if entry.feature == "admin1":
        return True
    return entry.feature in LOCAL_KINDS and fame(entry) >= WELL_KNOWN_FAME


def _cues(toponym: Toponym) -> tuple[str, ...]:
    return toponym.cues + lookup_text(toponym.text)[1]


def _contained(text: str, toponyms: Sequence[Toponym]) -> list[tuple[str, ...]]:
    """ "Tacoma, Washington", "Athens, Georgia": the name after a place and a comma is its
    division (or country), so it is cued as one; the capital and the country wait."""
    out: list[tuple[str, ...]] = [()] * len(toponyms)
    for i in range(1, len(toponyms)):
        between = text[toponyms[i - 1].end : toponyms[i].start]
        if between.strip() == "," and len(between) <= 3 and toponyms[i - 1].role == "place":
            out[i] = ("admin1",)
    return out


def _containers(
    text: str, toponyms: Sequence[Toponym], best: Sequence[Scored | None]
) -> list[GazetteerEntry | None]:
    """For "Parkland, Florida" or "Tripoli, Lebanon": the division or country named after."""
    out: list[GazetteerEntry | None] = [None] * len(toponyms)
    for i in range(len(toponyms) - 1):
        nxt = best[i + 1]
        between = text[toponyms[i].end : toponyms[i + 1].start]
        if (
            nxt is not None
            and between.strip() == ","
            and len(between) <= 3
            and nxt.entry.feature in ("country", "admin1")
        ):
            out[i] = nxt.entry
    return out


def home_place(resolutions: Sequence[Resolution]) -> GazetteerEntry | None:
    """The document's most mentioned confidently placed locality (else division, country)."""
    placed = [
        r.ranked[0].entry
        for r in resolutions
        if r.ranked and not r.fallback and (r.partial or r.confidence >= 0.6)
    ]
    for kinds in (LOCAL_KINDS, ("admin2", "admin1"), ("country",)):
        scores: dict[GazetteerEntry, float] = {}
        for entry in placed:
            if entry.feature in kinds:
                scores[entry] = scores.get(entry, 2 * prior(entry)) + 1.0
        if scores:
            # support from the other places the document names nearby, each mention counted
            mentions = Counter(placed)
            others = list(mentions)
            near = Nearby([(e.lat, e.lon) for e in others], NEAR_KM)
            for entry in scores:
                scores[entry] += sum(
                    mentions[others[i]]
                    for i, _ in near.within(entry.lat, entry.lon)
                    if others[i] != entry
                )
            return max(scores, key=scores.__getitem__)
    return None
