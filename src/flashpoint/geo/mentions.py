"""Mentions the first recognition pass leaves out: later mentions, names inside names, demonyms.

The NER labels a place name once and misses it the next time ("the citizens of Texas"), and
never labels a place inside an organisation's name ("Texas A&M University") or an adjective
("Russian jets"). A place a document names is the same place at every mention, so every
later occurrence of a found name is reported too. Places inside longer names and demonyms are
reported with a `role` ("embedded", "demonym") so that a user can keep or drop them; the
analysis never turns them into event places (`Geoparser.geoparse_doc` leaves them out).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span

from flashpoint.geo.names import name_key
from flashpoint.geo.rank import prior
from flashpoint.geo.recognise import NameIndex, Toponym, cues_after, cues_before, is_name_token
from flashpoint.geo.spans import SpanIndex
from flashpoint.geo.words import WORDS
from flashpoint.nlp.text import doc_text

EMBEDDED = "embedded"
DEMONYM = "demonym"
# labels of the longer names a place can sit inside ("Texas A&M University", "Toronto Raptors")
CONTAINER_LABELS = frozenset({"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
EMBEDDED_MIN_PRIOR = 0.72  # a place inside an organisation's name is a city (~100k people)
MAX_NAME_TOKENS = 4


def _entity_at(doc: Doc) -> dict[int, Span]:
    return {i: ent for ent in doc.ents for i in range(ent.start, ent.end)}


def _inside_longer_name(span: Span, ents: dict[int, Span]) -> bool:
    """The name is part of another name: an entity reaching past it, or capitalised words
    beside it ("Texas Rangers", "Bank of Texas"); a title after it does not count ("Texas
    Gov. Greg Abbott": a place qualifying a person)."""
    doc = span.doc
    ent = ents.get(span.start) or ents.get(span.end - 1)
    if ent is not None and (ent.start < span.start or ent.end > span.end):
        return ent.label_ in CONTAINER_LABELS
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if (
        nxt is not None
        and is_name_token(nxt)
        and nxt.is_alpha
        and nxt.lower_ not in WORDS.titles
        and f"{nxt.lower_}." not in WORDS.titles
    ):
        return True
    if prev is not None and prev.lower_ == "of" and span.start > 1:
        before = doc[span.start - 2]
        return is_name_token(before) and not before.is_sent_start and before.lower_ != "the"
    return prev is not None and is_name_token(prev) and prev.is_alpha and not prev.is_sent_start


# labels the NER gives a named building, venue or street ("Barclays Center" as an ORG)
SITE_LABELS = frozenset({"ORG", "PERSON"})


def facility_toponyms(doc: Doc, taken: Sequence[tuple[int, int]]) -> list[Toponym]:
    """Buildings, venues and streets the NER calls organisations or people, after a word of
    place: "a press conference at Barclays Center", "taken to Colchester General Hospital",
    "the corner of Dubonet Drive". The name must end on a facility word and follow "at",
    "in", "to" and the like; the gazetteer rarely holds them, so they are placed like other
    unknown names (at a notable place inside them, or the story's home town)."""
    blocked = SpanIndex(taken)
    out: list[Toponym] = []
    for ent in doc.ents:
        if ent.label_ not in SITE_LABELS or len(ent) < 2:
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" else ent.start
        last = doc[ent.end - 1]
        if not (is_name_token(last) and last.lower_ in WORDS.facility_heads):
            continue
        before = ent.start - 1
        if before >= 0 and doc[before].lower_ == "the":
            before -= 1
        if before < 0 or doc[before].lower_ not in WORDS.locative_words:
            continue
        span = doc[start : ent.end]
        if len(span) < 2 or blocked.overlaps(span.start_char, span.end_char):
            continue
        out.append(Toponym(span.start_char, span.end_char, span.text, "ner", ("site",)))
    return out


def later_mentions(
    doc: Doc,
    found: Sequence[Toponym],
    taken: Sequence[tuple[int, int]],
    sources: Iterable[str],
) -> list[Toponym]:
    """Every other occurrence of a name already found as a place, with the same letters and
    case, on word boundaries. Inside a person's name it is not a place; inside another
    name it is reported with the role "embedded"; before a hyphen and a lower-case word
    ("US-based") it is found too, and `adjectival_uses` marks it.

    sources: the names that may be repeated (those the gazetteer knows as themselves, not
    by a place inside them); a word of a person's name in the text ("Alfie" of "Alfie
    Evans") is never one."""
    sources = set(sources)
    people = {
        w for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for w in ent.text.split()
    }
    names = sorted(
        {t.text for t in found if t.role == "place" and t.text in sources and t.text not in people},
        key=len,
    )
    if not names:
        return []
    ents = _entity_at(doc)
    # finditer's matches never overlap one another: only the earlier passes' spans block
    blocked = SpanIndex(taken)
    out: list[Toponym] = []
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(n) for n in reversed(names))
        + r")(?!\w)(?!-(?:[^a-z]|$))"
    )
    for match in pattern.finditer(doc_text(doc)):
        start, end = match.span()
        if blocked.overlaps(start, end):
            continue
        span = doc.char_span(start, end)
        if span is None:
            continue
        ent = ents.get(span.start)
        if ent is not None and ent.label_ == "PERSON":
            continue
        role = EMBEDDED if _inside_longer_name(span, ents) else "place"
        cues = cues_before(doc, span.start) + cues_after(doc, span.end)
        out.append(Toponym(start, end, match.group(), "mention", cues, role=role))
    return out


def embedded_toponyms(
    doc: Doc, index: NameIndex, taken: Sequence[tuple[int, int]]
) -> list[Toponym]:
    """Notable places inside organisations' and facilities' names: "Texas" in "Texas A&M
    University", "Michigan" in "the University of Michigan", "Toronto" in "Toronto Raptors".
    The longest known name wins; a demonym inside a name ("Russian Foreign Ministry") is one."""
    demonyms = index.demonyms()
    # a capitalised word the text also writes in lower case is a common noun ("Police")
    common = {t.lower_ for t in doc if t.is_lower}
    blocked = SpanIndex(taken)
    out: list[Toponym] = []
    for ent in doc.ents:
        if ent.label_ not in CONTAINER_LABELS or len(ent) < 2:
            continue
        # an office ends the name: "Granville County Fire Marshal Doug Logan" names a person
        end = next((t.i for t in ent[1:] if t.lower_ in WORDS.titles), ent.end)
        i = ent.start
        while i < end:
            token = doc[i]
            if not (is_name_token(token) and token.is_alpha or _initials(token.text)) or (
                token.lower_ == "the"
            ):
                i += 1
                continue
            hit = None
            for size in range(min(MAX_NAME_TOKENS, end - i), 0, -1):
                span = doc[i : i + size]
                if size == len(ent) or not (
                    is_name_token(span[-1]) and span[-1].is_alpha or _initials(span[-1].text)
                ):
                    continue
                if blocked.overlaps(span.start_char, span.end_char):
                    continue
                key = name_key(span.text)
                if key in demonyms and span.text[:1].isupper():
                    hit = (span, DEMONYM)
                    break
                last = span[-1].lower_
                if (
                    last in WORDS.generic_heads
                    or last in WORDS.institution_heads
                    or (len(span.text) < 3 and not _initials(span.text))
                    or (size == 1 and last in common)
                ):
                    continue
                if _notable_main_name(span.text, index):
                    hit = (span, EMBEDDED)
                    break
            if hit is None:
                i += 1
                continue
            span, kind = hit
            country = demonyms.get(name_key(span.text)) if kind == DEMONYM else None
            out.append(
                Toponym(
                    span.start_char,
                    span.end_char,
                    span.text,
                    "embedded",
                    (),
                    country if country and len(country) == 2 and country.isupper() else None,
                    role=EMBEDDED,
                )
            )
            i = span.end
    return out


def _initials(text: str) -> bool:
    """ "BC", "U.S.", "EU": capitals with or without dots. Inside an organisation's name
    ("FrontCounter BC", "the U.S. Department of Transportation") they name a place only when
    the gazetteer knows them as a country, division or continent (`_notable_main_name`)."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()


def _notable_main_name(text: str, index: NameIndex) -> bool:
    """A place known by exactly this name that is worth naming: a country, a division, or a
    city of ~100,000 people or more ("Notre Dame", "Goldman" and Police in Poland are not)."""
    for entry, match in index.lookup(text, limit=20):
        if match == "skeleton":
            continue
        if entry.feature in ("country", "admin1", "continent"):
            return True
        if match == "name" and prior(entry) >= EMBEDDED_MIN_PRIOR:
            return True
    return False


def demonym_adjectives(
    doc: Doc, demonyms: dict[str, str], taken: Sequence[tuple[int, int]]
) -> list[Toponym]:
    """Adjectival demonyms before a word ("Russian jets", "South Korean officials"): the
    country or region they name, role "demonym". A demonym used as a noun ("the Russians
    said") names people and is left out, and so is a language ("speaks Chinese")."""
    out: list[Toponym] = []
    blocked = SpanIndex(taken)
    i = 0
    n = len(doc)
    capital = [t.is_alpha and t.text[:1].isupper() and t.lower_ != "the" for t in doc]
    while i < n:
        hit = None
        if not capital[i]:  # most words: one look at a precomputed flag
            i += 1
            continue
        for size in (2, 1):
            if i + size > n or not all(capital[i : i + size]):
                continue
            span = doc[i : i + size]
            if name_key(span.text) in demonyms:
                hit = span
                break
        if hit is None:
            i += 1
            continue
        nxt = doc[hit.end] if hit.end < n else None
        prev = doc[hit.start - 1] if hit.start > 0 else None
        adjective = nxt is not None and (
            (nxt.is_alpha and (not nxt.is_stop or nxt.lower_ in WORDS.prenominal))
            or nxt.like_num  # "a British 11-month-old"
            # "Asian-Pacific", "Iranian-backed"
            or (nxt.text == "-" and hit.end + 1 < n and doc[hit.end + 1].is_alpha)
            or _coordinated(doc, hit.end, capital)  # "the Russian and Venezuelan delegations"
        )
        language = prev is not None and prev.lower_ in WORDS.language_verbs
        if adjective and not language and not blocked.overlaps(hit.start_char, hit.end_char):
            target = demonyms[name_key(hit.text)]
            country = target if len(target) == 2 and target.isupper() else None
            out.append(
                Toponym(
                    hit.start_char,
                    hit.end_char,
                    hit.text,
                    "demonym",
                    (),
                    country,
                    role=DEMONYM,
                )
            )
        i = hit.end
    return out


def _coordinated(doc: Doc, i: int, capital: Sequence[bool]) -> bool:
    """A demonym joined by "and", "or" or a comma to a capitalised word: one of a list of
    qualifiers before a noun ("German, Irish and other immigrants", "Japanese and UK
    governments", "Irish and other immigrants"); "the British and the French" is not one."""
    if i + 1 >= len(doc) or doc[i].text not in ("and", "or", ","):
        return False
    return capital[i + 1] or doc[i + 1].lower_ in WORDS.prenominal  # "Irish and other"


# a capitalised word or initials joined by a hyphen to a lower-case word: "U.S.-led" (one
# token to spaCy), "Turkey-backed", "UK-based"
HYPHENATED = re.compile(r"(?<![\w.\-’'])((?:[A-Z]\.){2,4}|[A-Z][a-z]{2,}|[A-Z]{2,4})-(?=[a-z]{2,})")


def hyphenated_places(
    text: str, index: NameIndex, taken: Sequence[tuple[int, int]]
) -> list[Toponym]:
    """A country, continent or first-level division joined by a hyphen to a lower-case word
    ("the U.S.-led coalition", "Turkey-backed fighters"): an adjective naming the place, role
    "demonym", found even when the place is named nowhere else in the text."""
    blocked = SpanIndex(taken)
    out: list[Toponym] = []
    for match in HYPHENATED.finditer(text):
        start, end = match.span(1)
        if blocked.overlaps(start, end):
            continue
        name = match.group(1)
        found = [
            e
            for e, how in index.lookup(name, limit=20)
            if how != "skeleton" and e.feature in ("country", "continent", "admin1")
        ]
        if found:
            out.append(Toponym(start, end, name, "demonym", (), role=DEMONYM))
    return out


def adjectival_uses(text: str, toponyms: Sequence[Toponym]) -> list[Toponym]:
    """A place name joined by a hyphen to a lower-case word ("US-based", "U.S.-led",
    "Turkey-backed") is an adjective naming the place: role "demonym", so the analysis does
    not take it for the place where something happened."""
    return [
        replace(t, role=DEMONYM)
        if t.role == "place"
        and text[t.end : t.end + 1] == "-"
        and text[t.end + 1 : t.end + 2].islower()
        else t
        for t in toponyms
    ]
