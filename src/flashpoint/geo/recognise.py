"""Finding toponyms in a parsed document: spaCy's GPE/LOC/FAC plus what the NER misses.

The statistical NER often misses or mislabels Middle Eastern and African names ("al-Tanf" as a
PERSON, "the Euphrates" as an ORG). A gazetteer-driven matcher adds capitalised runs the index
knows, unless they are part of a longer proper name ("Deir ez-Zor Military Council"), or a
one-word sentence opener. Each toponym carries the cue words around it ("province", "river",
"border") that the ranker uses.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from spacy.tokens import Doc, Span, Token

from flashpoint.geo.gazetteer import GazetteerEntry
from flashpoint.geo.names import ARTICLES, name_key
from flashpoint.geo.rank import SKELETON_MIN_PRIOR, prior
from flashpoint.geo.spans import SpanIndex
from flashpoint.geo.words import WORDS
from flashpoint.nlp.text import doc_text

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABEL_MIN_PRIOR = 0.78  # ~300k people, or a curated feature, division or country
UNLABELLED_MIN_PRIOR = 0.6  # ~15k people
ALT_ABROAD_MIN_PRIOR = 0.75  # ~180k people: a town abroad matched by another spelling
FOCUS_DISCOUNT = 0.3  # in the document's countries: ~1,500 and ~100 people
# labels the NER gives place names it misreads ("al-Tanf" as a PERSON, "Manbij" as a DATE)
MISLABELS = frozenset({"PERSON", "ORG", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "DATE"})
# words the NER folds into the front of a misread name: an article, or a capitalised
# preposition opening a sentence ("Near Palmyra, ...", "Outside Kabul, ...")
LEADING_WORDS = frozenset({"the", "near", "outside", "inside", "in", "at", "around", "across"})
# cue word after a name -> the feature kinds it points to
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "province": ("admin1",),
    "governorate": ("admin1",),
    "oblast": ("admin1",),
    "state": ("admin1",),
    "region": ("admin1", "region"),
    "district": ("admin1", "admin2"),
    "county": ("admin2", "admin1"),
    "prefecture": ("admin1",),
    "wilayat": ("admin1",),
    "river": ("river",),
    "sea": ("sea",),
    "lake": ("lake",),
    "mountains": ("mountain",),
    "mountain": ("mountain",),
    "desert": ("desert",),
    "valley": ("valley",),
    "crossing": ("crossing",),
    "airbase": ("airbase",),
    "airport": ("airbase",),
    "city": ("city", "town"),
    "town": ("town", "village", "city"),
    "village": ("village", "town"),
    "camp": ("site",),
}
ADMIN_SUFFIXES = frozenset(
    {"province", "governorate", "oblast", "region", "state", "county", "district", "prefecture"}
)
GENERIC_TAIL = frozenset(CUE_WORDS) | {"air", "base", "dam", "heights", "strait", "gulf", "bay"}
JOINERS = frozenset({"and", "of", "the", "de", "du", "la", "le", "del", "des", "di"})
CONNECTORS = frozenset(
    {
        "al",
        "el",
        "ez",
        "az",
        "ad",
        "ar",
        "as",
        "ash",
        "an",
        "at",
        "ed",
        "es",
        "de",
        "du",
        "la",
        "le",
        "of",
        "-",
        "'s",
        "bin",
        "bani",
        "abu",
        "um",
    }
)


class NameIndex(Protocol):
    """What recognition needs from a gazetteer (a `Gazetteer` or a cache in front of one)."""

    def has_key(self, key: str) -> bool: ...

    def lookup(self, name: str, *, limit: int = 20) -> list[tuple[GazetteerEntry, str]]: ...

    def demonyms(self) -> dict[str, str]: ...


@dataclass
class Toponym:
    """A place name found in the text, before resolution."""

    start: int
    end: int
    text: str
    source: str  # "ner" | "gazetteer" | "demonym" | "gold"
    cues: tuple[str, ...] = ()
    country: str | None = None  # set for demonym toponyms ("the Iraqi border")
    # "place"; "embedded" inside another name ("Texas A&M University"); "demonym" ("Russian")
    role: str = "place"


def cues_after(doc: Doc, end_token: int) -> tuple[str, ...]:
    """Feature cues in the two tokens after a name ("Idlib province", "Euphrates river")."""
    out: list[str] = []
    for token in doc[end_token : end_token + 2]:
        word = token.lower_
        if word in CUE_WORDS:
            out.extend(CUE_WORDS[word])
        if word == "border":
            out.append("border")
        if word == "base" and token.i > 0 and doc[token.i - 1].lower_ in ("air", "military"):
            out.append("airbase")
        if not token.is_alpha:
            break
    return tuple(out)


def cues_before(doc: Doc, start_token: int) -> tuple[str, ...]:
    """Cues in the words before a name ("the river Euphrates", "the town of X").

    Only lower-case words in the same clause count: in "Oaxaca State, Mexico" and "Eva's
    Village in Paterson" the division word belongs to the name before."""
    out: list[str] = []
    for token in reversed(doc[max(0, start_token - 3) : start_token]):
        if token.is_punct:
            break
        if token.is_lower and token.lower_ in CUE_WORDS:
            out.extend(CUE_WORDS[token.lower_])
    return tuple(out)


def _strip_span(span: Span) -> Span:
    """Drop a leading "the", lower-case directions ("north west London": the place is London)
    and trailing generic words or possessives that are not part of the name."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end - 1 and (
        doc[start].lower_ in ("the", "a")
        or (doc[start].is_lower and doc[start].lower_ in WORDS.leading_directions)
    ):
        start += 1
    while end - 1 > start and (
        span.doc[end - 1].lower_ in ("'s", "’s", "'", "’")
        or (span.doc[end - 1].lower_ in ADMIN_SUFFIXES and span.doc[end - 1].is_lower)
    ):
        end -= 1
    return span.doc[start:end]


def _extend(span: Span, gazetteer: NameIndex) -> Span:
    """Grow an entity the NER cut short ("Deir" of "Deir ez-Zor") to the longest known name."""
    doc = span.doc
    best = span
    starts = [span.start]
    if (
        span.start >= 2
        and doc[span.start - 1].text == "-"
        and doc[span.start - 2].lower_ in ARTICLES
    ):  # "al-" before "Tanf"
        starts.insert(0, span.start - 2)
    for start in starts:
        for end in range(min(len(doc), span.end + 3), span.end - 1, -1):
            if (start, end) == (span.start, span.end) or end - start <= len(best):
                continue
            extra = list(doc[span.end : end])
            if any(
                not (
                    t.text in ("-", ",")
                    or t.lower_ in ARTICLES
                    or t.lower_ in JOINERS
                    or is_name_token(t)
                )
                or t.is_punct
                and t.text not in ("-", ",")
                for t in extra
            ) or not is_name_token(doc[end - 1]):
                continue
            if gazetteer.has_key(name_key(doc[start:end].text)):
                best = doc[start:end]
    return best


def _with_suffix(span: Span) -> Span:
    """ "Rakhine State", "Suffolk County": a capitalised division word is part of the name
    (a lower-case one, "Idlib province", stays a cue beside it)."""
    doc = span.doc
    if (
        len(span)
        and span.end < len(doc)
        and doc[span.end].lower_ in ADMIN_SUFFIXES
        and doc[span.end].is_title
        and span[-1].is_alpha
    ):
        return doc[span.start : span.end + 1]
    return span


def lookup_text(text: str) -> tuple[str, tuple[str, ...]]:
    """The name to look up and the cues its division word gives ("Idlib province" -> Idlib)."""
    words = text.split()
    if len(words) > 1 and words[-1].lower() in ADMIN_SUFFIXES:
        return " ".join(words[:-1]), CUE_WORDS[words[-1].lower()]
    return text, ()


def ner_toponyms(
    doc: Doc, exclude: Sequence[tuple[int, int]], gazetteer: NameIndex | None = None
) -> list[Toponym]:
    """GPE/LOC/FAC entities, minus those inside actor names."""
    out = []
    people = _person_words(doc)
    excluded = SpanIndex(exclude)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        for span in _split_list(_cut_person_tail(_strip_span(ent), gazetteer), gazetteer):
            if gazetteer is not None and len(span):
                span = _extend(span, gazetteer)
            span = _with_suffix(span)
            if not span.text.strip() or excluded.overlaps(span.start_char, span.end_char):
                continue
            if is_date_word(span):
                continue
            if span.text.lower() in WORDS.time_zones or _is_demonym(span.text, gazetteer):
                continue  # time zones, and "Mexicans": people, not places
            if span.text.lower() in WORDS.generic_names or _is_person(span, people, gazetteer):
                continue
            cues = cues_before(doc, span.start) + cues_after(doc, span.end)
            tail = ent.doc[ent.end - 1].lower_
            if tail in CUE_WORDS:
                cues += CUE_WORDS[tail]
            out.append(Toponym(span.start_char, span.end_char, span.text, "ner", cues))
    return out


def is_date_word(span: Span) -> bool:
    """A day of the week ("on Sunday", "Mondays") is a date wherever it stands, and so is a
    month after a time word ("since March", "by May", "last August") or before a day or year
    ("March 3", "May 2018"), not March in Cambridgeshire."""
    if len(span) != 1:
        return False
    word = span[0].lower_
    if word in WORDS.weekdays or (word.endswith("s") and word[:-1] in WORDS.weekdays):
        return True
    if word not in WORDS.months:
        return False
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    return (prev is not None and prev.lower_ in WORDS.time_words) or (
        nxt is not None and nxt.like_num
    )


def _cut_person_tail(span: Span, gazetteer: NameIndex | None) -> Span:
    """ "Granville County Fire Marshal Doug" tagged as one place: the place ends before the
    office and the person ("Granville County"), at the longest opening the gazetteer knows."""
    titles = [i for i, t in enumerate(span) if i > 0 and t.lower_ in WORDS.titles]
    if gazetteer is None or not titles or gazetteer.has_key(name_key(span.text)):
        return span
    for end in range(titles[0], 0, -1):
        head = span[:end]
        if gazetteer.has_key(name_key(head.text)) or gazetteer.has_key(
            name_key(lookup_text(head.text)[0])
        ):
            return head
    return span[: titles[0]]


def _split_list(span: Span, gazetteer: NameIndex | None) -> list[Span]:
    """ "Thruxton, Hampshire" tagged as one place is two names the ranker reads together."""
    doc = span.doc
    commas = [t.i for t in span if t.text == ","]
    if gazetteer is None or len(commas) != 1:
        return [span]
    left, right = doc[span.start : commas[0]], doc[commas[0] + 1 : span.end]
    if len(left) and len(right) and all(gazetteer.has_key(name_key(p.text)) for p in (left, right)):
        return [left, right]
    return [span]


def _person_words(doc: Doc) -> frozenset[str]:
    """Words of the multi-word person names in the document ("Narendra Modi")."""
    return frozenset(
        t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
    )


def _is_person(span: Span, people: frozenset[str], gazetteer: NameIndex | None) -> bool:
    """A one-word "place" after a title, or that names a person elsewhere in the text, unless
    it is a big or well-known place ("Buhari" is the president; "Jordan" stays a country)."""
    if len(span) != 1:
        return False
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    titled = prev is not None and prev.lower_ in WORDS.titles
    if not titled and span[0].lower_ not in people:
        return False
    if gazetteer is None:
        return True
    return not any(prior(e) >= MISLABEL_MIN_PRIOR for e, _ in gazetteer.lookup(span.text))


def _is_demonym(text: str, gazetteer: NameIndex | None) -> bool:
    if gazetteer is None:
        return False
    demonyms = gazetteer.demonyms()
    key = name_key(text)
    return key.endswith("s") and key[:-1] in demonyms and not gazetteer.has_key(key)


def is_name_token(token) -> bool:  # noqa: ANN001
    return token.is_title or (token.is_upper and len(token) > 1) or token.text[:1].isupper()


def gazetteer_toponyms(
    doc: Doc,
    gazetteer: NameIndex,
    taken: Sequence[tuple[int, int]],
    focus: frozenset[str] = frozenset(),
    max_len: int = 5,
) -> list[Toponym]:
    """Capitalised runs the gazetteer knows and the NER did not label as places.

    focus: countries the document is about; their villages pass a lower bar than the world's.
    """
    demonyms = gazetteer.demonyms()
    people = _person_words(doc)
    blocked = SpanIndex(taken)
    # read once: has_annotation scans the whole document (a blank pipeline has no tags, and
    # then capitals decide what is a proper name)
    tagged = doc.has_annotation("POS")
    ents_by_token: dict[int, Span] = {}
    for ent in doc.ents:
        for i in range(ent.start, ent.end):
            ents_by_token[i] = ent
    out: list[Toponym] = []
    i = 0
    n = len(doc)
    # one look per token: a run may end only on a capitalised word; the tokens and the text
    # are read once, and a candidate run's text sliced from the document's (no Span per run)
    tokens = list(doc)
    full = doc_text(doc)
    named = [is_name_token(t) and t.is_alpha for t in tokens]
    while i < n:
        token = tokens[i]
        article = (
            token.lower_ in ARTICLES
            and i + 2 < n
            and tokens[i + 1].text == "-"
            and is_name_token(tokens[i + 2])
        )
        if not article and (not named[i] or token.lower_ in ("the", "a", "an")):
            i += 1
            continue
        match = None
        for length in range(min(max_len, n - i), 0, -1):
            if not named[i + length - 1]:
                continue
            last = tokens[i + length - 1]
            end_char = last.idx + len(last.text)
            if blocked.overlaps(token.idx, end_char):
                continue
            text = full[token.idx : end_char]
            ent = ents_by_token.get(i)
            whole_ent = ent is not None and (ent.start, ent.end) == (i, i + length)
            key = name_key(text)
            if (
                text.lower() in WORDS.time_zones
                or key in demonyms
                or (key.endswith("s") and key[:-1] in demonyms)
            ):
                continue  # "Mexicans": people, not a place
            if (
                gazetteer.has_key(key)
                or gazetteer.has_key(name_key(lookup_text(text)[0]))
                or (
                    # a transliteration the index spells differently ("Deir el-Zour", "Hassakeh")
                    (sum(t.is_alpha for t in tokens[i : i + length]) >= 3 or whole_ent)
                    and last.text[:1].isupper()
                    and gazetteer.lookup(text)
                )
            ):
                match = doc[i : i + length]
                break
        if match is None:
            i += 1
            continue
        if (
            _acceptable(doc, match, ents_by_token, tagged)
            and not is_date_word(match)
            and not _is_person(match, people, gazetteer)
            and _notable(match, gazetteer, ents_by_token, focus)
        ):
            cues = cues_before(doc, match.start) + cues_after(doc, match.end)
            out.append(Toponym(match.start_char, match.end_char, match.text, "gazetteer", cues))
        i = match.end
    return out


def _notable(
    span: Span, gazetteer: NameIndex, ents_by_token: dict[int, Span], focus: frozenset[str]
) -> bool:
    """Without NER support a name must be a notable place: a person called Kelly is not Kelly,
    Texas. The bar is higher when the NER called the name something else, and lower for
    places in the countries the document is about (the villages of a war's front line); a town
    elsewhere must match by its main name, or be a big one not named in a title ("The Guardian"
    is a newspaper, though "Guardian" is an old alternate name of Hrodna)."""
    mislabelled = ents_by_token.get(span.start) is not None
    organisation = mislabelled and ents_by_token[span.start].label_ in ("ORG", "FAC")
    bar = MISLABEL_MIN_PRIOR if mislabelled else UNLABELLED_MIN_PRIOR
    if len(span) > 1:
        bar -= 0.1
    doc = span.doc
    before = [t for t in doc[max(0, span.start - 3) : span.start] if not t.is_space]
    titled = bool(before) and before[-1].lower_ == "the"  # "The Guardian": a title
    found = gazetteer.lookup(span.text, limit=20) or gazetteer.lookup(
        lookup_text(span.text)[0], limit=20
    )
    for entry, match in found:
        if match == "skeleton" and prior(entry) < SKELETON_MIN_PRIOR:
            continue
        if entry.country in focus:
            if prior(entry) >= bar - FOCUS_DISCOUNT:
                return True
        elif (match == "name" or entry.feature in ("country", "continent", "admin1")) and prior(
            entry
        ) >= bar:
            return True
        elif prior(entry) >= max(bar, ALT_ABROAD_MIN_PRIOR) and not (titled or organisation):
            # abroad, a town known by another name must be a big one, and not an organisation
            # the NER saw ("the White House" is not Casablanca, "Casa Blanca" in English)
            return True
    return False


def _acceptable(doc: Doc, span: Span, ents_by_token: dict[int, Span], tagged: bool) -> bool:
    """Reject matches that are likely not places: part of a longer name, sentence openers, etc."""
    if any(t.is_stop or t.is_digit for t in span) and len(span) == 1:
        return False

    def proper(token) -> bool:  # noqa: ANN001
        return (token.pos_ == "PROPN" or not tagged) and is_name_token(token)

    if not any(proper(t) for t in span):
        return False
    nxt = doc[span.end] if span.end < len(doc) else None
    prev = doc[span.start - 1] if span.start > 0 else None
    if _dateline(span, nxt):
        return True
    # part of a longer proper name ("Deir ez-Zor Military Council", "Centre for Policy")
    if nxt is not None and proper(nxt) and nxt.lower_ not in GENERIC_TAIL:
        return False
    if (
        nxt is not None
        and nxt.lower_ in ("for", "of")
        and span.end + 1 < len(doc)
        and is_name_token(doc[span.end + 1])
        and len(span) == 1
    ):
        return False
    if (
        prev is not None
        and proper(prev)
        and prev.lower_ not in CONNECTORS
        and not prev.is_sent_start
    ):
        return False
    ent = ents_by_token.get(span.start) or ents_by_token.get(span.end - 1)
    # NER called it something else: accept only when the entity is exactly this name
    # (or this name and a possessive: "Rakhine State's")
    # a possessive closes a name: "Derry's Altnagelvin Hospital" is a hospital in Derry
    possessive = nxt is not None and nxt.lower_ in ("'s", "’s")
    if ent is not None and ent.label_ in MISLABELS and not (possessive and ent.label_ == "ORG"):
        start = ent.start
        while start < ent.end - 1 and ent.doc[start].lower_ in LEADING_WORDS:
            start += 1  # "the Holy See"; "Near Palmyra" tagged as one PERSON
        end = ent.end - 1 if ent[-1].lower_ in ("'s", "’s") else ent.end
        if (start, end) != (span.start, span.end):
            return False
    if ent is not None and ent.label_ not in MISLABELS | PLACE_LABELS:
        return False
    return not (len(span) == 1 and span[0].is_sent_start)


def _dateline(span: Span, nxt: Token | None) -> bool:
    """ "KOLKATA, India –", "ST. LOUIS (AP) -": an upper-case place opening a story."""
    return (
        span[0].is_sent_start
        and all(t.is_upper or not t.is_alpha for t in span)
        and len(span.text) > 3
        and nxt is not None
        and nxt.text in (",", "(", "-", "–", "—")
    )


def demonym_toponyms(
    doc: Doc, demonyms: dict[str, str], taken: Sequence[tuple[int, int]]
) -> list[Toponym]:
    """ "the Iraqi border", "the Syrian-Turkish border": demonyms that name a country's border."""
    out = []
    blocked = SpanIndex(taken)
    for token in doc:
        if token.lower_ != "border" and token.lower_ != "borders":
            continue
        j = token.i - 1
        while j >= 0 and (doc[j].text in ("-", "–", "/") or doc[j].lower_ in demonyms):
            word = doc[j]
            target = demonyms.get(word.lower_, "")
            if len(target) == 2 and not blocked.overlaps(word.idx, word.idx + len(word)):
                out.append(
                    Toponym(
                        word.idx,
                        word.idx + len(word.text),
                        word.text,
                        "demonym",
                        ("border", "country"),
                        target,
                    )
                )
            j -= 1
    return out
