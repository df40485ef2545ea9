"""Is a name the NER calls an organisation or a person a place the text names instead?

The small NER tags many Arabic town names as ORG or PERSON ("the Syrian town of Dabiq",
"Near Palmyra, one strike ...", "in Tel Tamer"), and names the gazetteer does not hold then
became actors, so relations had a village as a side. The decision is read from the words
around the name, as a reader does: a place noun before it ("the town of X") or after it
("X neighbourhood"), a locative preposition governing it ("near X", "in X"), or a name the
gazetteer knows as a sizeable place. A name judged a place once is a place throughout the
document ("Dabiq held symbolic importance" after "the town of Dabiq").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Doc, Span

from flashpoint.geo import Geoparser
from flashpoint.geo.parser import places_from
from flashpoint.model import Place
from flashpoint.models.place_names import PlaceNameModel
from flashpoint.nlp.text import doc_text

# "the town of X", "X neighbourhood": the nouns that make the name beside them a place
PLACE_NOUNS = frozenset(
    {
        "town",
        "city",
        "village",
        "villages",
        "towns",
        "neighbourhood",
        "neighborhood",
        "district",
        "suburb",
        "province",
        "governorate",
        "countryside",
        "outskirts",
        "region",
        "area",
        "areas",
        "hamlet",
        "neighbourhoods",
        "neighborhoods",
        "districts",
        "suburbs",
        "camp",
    }
)
# prepositions that place their object; "from" and "to" are left out ("support from X")
LOCATIVE_PREPS = frozenset(
    {"in", "near", "at", "outside", "inside", "around", "into", "towards", "toward", "across"}
)
# a sentence-initial preposition the NER folds into a person's name ("Near Palmyra")
LEADING_LOCATIVES = frozenset({"near", "in", "at", "outside", "inside", "around", "across"})
# words that open Levantine and Mesopotamian place names, never a person's or a group's
# ("Kafr Takharim", "Deir Hafer", "Tal Abyad", "Jisr al-Shughur", "Maarat al-Numan")
PLACE_OPENERS = frozenset(
    {
        "kafr",
        "kfar",
        "tal",
        "tall",
        "tel",
        "tell",
        "deir",
        "dayr",
        "ain",
        "ayn",
        "jabal",
        "jebel",
        "jisr",
        "maarat",
        "maaret",
        "marat",
        "beit",
        "bayt",
        "qasr",
        "wadi",
        "marj",
        "khirbet",
        "khirbat",
    }
)
# the learned model's P(place) above which an open name is a place: out of fold on our own
# passages, 0.9 keeps 0.99 precision for half the places (scripts/train_place_names.py)
LEARNED_MIN = 0.9
# prepositions that open a strike report's sentence with its place
OPENING_PREPS = frozenset({"near", "outside", "around", "inside"})
# the Arabic article opening a name written in lower case ("al-Zahraa")
ARTICLES = ("al-", "el-", "ad-", "ash-", "as-", "at-", "ar-", "az-")
# nisba endings of Levantine place names ("al-Jaberiyeh", "Al-Diyabiyah", "Salihiya")
PLACE_ENDINGS = ("iyeh", "iyah", "iyya", "iyyeh", "iyyah")
# words of an organisation's or a person's name: never a town ("Aleppo Media Centre")
NAME_WORDS = frozenset(
    {
        "army",
        "forces",
        "force",
        "brigade",
        "brigades",
        "battalion",
        "front",
        "council",
        "committee",
        "ministry",
        "party",
        "movement",
        "group",
        "organization",
        "organisation",
        "centre",
        "center",
        "agency",
        "office",
        "department",
        "command",
        "coalition",
        "union",
        "network",
        "observatory",
        "media",
        "news",
        "fund",
        "program",
        "programme",
        "university",
        "institute",
        "society",
        "foundation",
        "fleet",
        "squadron",
        "wing",
        "regiment",
        "task",
        "uss",
        "hms",
        "fs",
        "hmas",
        "hmcs",
    }
)


def _cued(doc: Doc, span: Span) -> bool:
    """A place noun just before ('the town of X') or after ('X countryside') the name."""
    before = [t.lower_ for t in doc[max(0, span.start - 2) : span.start]]
    if len(before) == 2 and before[1] == "of" and before[0] in PLACE_NOUNS:
        return True
    return span.end < len(doc) and doc[span.end].lower_ in PLACE_NOUNS and doc[span.end].is_lower


def _governed_by_locative(doc: Doc, span: Span) -> bool:
    """'in X', 'near X': a locative preposition right before the name governs it."""
    if span.start == 0:
        return False
    prev = doc[span.start - 1]
    if prev.lower_ in {"the"} and span.start > 1:
        prev = doc[span.start - 2]
    return prev.lower_ in LOCATIVE_PREPS and prev.is_lower


def _conjoined(span: Span, place_tokens: set[int]) -> bool:
    """The name is a conjunct of a place ('X, Y and Z' with X a place), not of an actor."""
    root = span.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [c for c in root.children if c.dep_ == "conj"]
    return any(t.i in place_tokens and t.i not in range(span.start, span.end) for t in linked)


class PlaceNameJudge:
    """Decides, for one document, which NER names are places rather than actors.

    `well_known_place(word)`: the gazetteer holds the name as a country, a first-level
    division or a city of 50,000 or more (the same test the linker uses elsewhere).
    """

    def __init__(
        self, well_known_place: Callable[[str], bool], model: PlaceNameModel | None = None
    ):
        self.well_known_place = well_known_place
        self.model = model

    def is_place(self, doc: Doc, span: Span, label: str) -> bool:
        """One occurrence: a place by its context or its shape, or a well-known place tagged
        as ORG."""
        words = {t.lower_ for t in span}
        named = span.text[:1].isupper() or span.text.lower().startswith(ARTICLES)
        if not named or words & NAME_WORDS:
            return False
        if _cued(doc, span) or (len(span) >= 2 and span[0].lower_ in PLACE_OPENERS):
            return True
        if span[-1].lower_.endswith(PLACE_ENDINGS):
            return True  # "al-Hamadaniyeh", "Al-Diyabiyah": a nisba place name
        if _governed_by_locative(doc, span):
            # "in Dabiq"; a person after "in" is rare, but "at Reuters" is an outlet
            return label == "PERSON" or self.well_known_place(span.text) or len(span) >= 2
        indefinite = span.start > 0 and doc[span.start - 1].lower_ in {"a", "an"}  # "a Fatwa"
        return (
            label == "ORG"
            and len(span) == 1
            and not indefinite
            and self.well_known_place(span.text)
        )

    def place_texts(
        self, doc: Doc, spans: Iterable[tuple[Span, str]], places: Iterable[tuple[int, int]] = ()
    ) -> set[str]:
        """The names judged places at least once in the document, names listed with a place
        ("the neighbourhoods of al-Zahraa, Saif al-Dawleh and al-Hamadaniyeh"; `places` are
        the geoparser's character spans), and the last words of such names ("Maqsoud")."""
        spans = list(spans)
        found = {span.text for span, label in spans if self.is_place(doc, span, label)}
        if self.model is not None:  # the rules left these open: the context decides
            open_spans = [
                span
                for span, _ in spans
                if span.text not in found and not {t.lower_ for t in span} & NAME_WORDS
            ]
            scores = self.model.p_place(doc, open_spans)
            found |= {s.text for s, p in zip(open_spans, scores, strict=True) if p >= LEARNED_MIN}
        place_tokens = {t.i for s, e in places for t in doc.char_span(s, e, "expand") or ()}
        place_tokens |= {t.i for span, _ in spans if span.text in found for t in span}
        for span, _ in spans:  # one pass: conjuncts of a place
            words = {t.lower_ for t in span}
            if span.text not in found and not words & NAME_WORDS and _conjoined(span, place_tokens):
                found.add(span.text)
        return found | {t.split()[-1] for t in found if len(t.split()) >= 2}


def leading_locative(doc: Doc, ent: Span) -> bool:
    """'Near Palmyra' tagged as a person: the preposition opens the sentence."""
    return ent[0].lower_ in LEADING_LOCATIVES and ent[0].is_title and ent[0].is_sent_start


def opening_near_places(doc: Doc) -> list[Span]:
    """'Near Al Huwayjah, one strike ...': strike reports open a sentence with the place, which
    the NER often leaves untagged. The capitalised words between the preposition and the
    comma are the place."""
    out = []
    for sent in doc.sents:
        first = sent[0]
        if first.lower_ not in OPENING_PREPS or not first.is_title:
            continue
        end = first.i + 1
        while end < sent.end and (doc[end].is_title or doc[end].lower_ in {"al", "-"}):
            end += 1
        if end > first.i + 1 and end < sent.end and doc[end].text == "," and end - first.i <= 5:
            out.append(doc[first.i + 1 : end])
    return out


def late_places(
    geoparser: Geoparser, doc: Doc, spans: Sequence[tuple[int, int]], hint: Sequence[str]
) -> list[Place]:
    """Resolve the names judged places here. A village the gazetteer lacks must not land on
    a namesake abroad by a loose transliteration ('al-Zara' in a Syrian report is not Zadar):
    outside the document's countries only a country, a division or a city of 100,000 or more
    under its own name is taken; anything else stays an unresolved place of the text."""
    found = geoparser.resolve_spans(doc, spans, country_hint=hint)
    for resolution in found:
        if not resolution.ranked or not hint:
            continue
        best, match = resolution.ranked[0].entry, resolution.ranked[0].match
        if best.country in hint or best.feature in {"country", "admin1"}:
            continue
        if (best.population or 0) < 100_000 or match not in {"name", "alt"}:
            resolution.ranked = []  # 'Syrias' (a lost apostrophe) is not Siracusa
    return places_from(found, doc_text(doc))


def merge_places(places: list[Place], more: Iterable[Place]) -> list[Place]:
    """Add places found late to the geoparser's, joining mentions of the same place."""
    by_id = {p.id: p for p in places}
    for place in more:
        current = by_id.get(place.id)
        if current is None:
            by_id[place.id] = place
            continue
        seen = {(m.start, m.end) for m in current.mentions}
        current.mentions.extend(m for m in place.mentions if (m.start, m.end) not in seen)
        current.mentions.sort(key=lambda m: m.start)
    return sorted(
        by_id.values(),
        key=lambda p: (p.mentions[0].start if p.mentions else 0, p.anchor is not None),
    )
