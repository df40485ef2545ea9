"""Where and when an event happens: the finest place named in the trigger's phrase (else its
sentence), and the nearest date phrase that resolves. Place mentions and DATE entities are
indexed once per document, so that each event costs a binary search."""

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
from flashpoint.extract.phrase_actors import SUBJECT_DEPS
from flashpoint.model import DateRange


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


def place_of(token: Token, places: PlaceIndex, event_type: str, table: ActorTable) -> str | None:
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


def date_of(token: Token, resolve_date: Callable[[str], DateRange]) -> DateRange:
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


def date_resolver(published: dt.date | None) -> Callable[[str], DateRange]:
    from flashpoint.resolve.dates import resolve_date

    return lambda expression: _resolve_cached(resolve_date, expression, published)


@lru_cache(maxsize=4096)
def _resolve_cached(resolve, expression: str, published: dt.date | None) -> DateRange:  # noqa: ANN001
    """The same phrase against the same date always resolves alike; dateparser is slow."""
    return resolve(expression, published)
