"""Where the trained event classifier meets the rules: one verdict per sentence.

The classifier reads each sentence and names the ACLED sub-event type it reports (or none) and
its PLOVER type. A rule event of a matching type becomes the sentence's main event and takes the
learned label; when the rules found nothing, the main event is built on the word that carries
it, with the parse's source and target. A sentence the classifier calls a non-event loses its
material rule events ("the striker fired home", "a clash of ideas"). Learned probabilities set
each main event's `confidence`; the main event comes first among its sentence's events, so the
"first asserted event" of a snippet is the one the sentence is about.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.events import MATERIAL_TYPES, EventExtractor, PlaceIndex
from flashpoint.extract.fatalities import read_casualties
from flashpoint.model import DateRange, Event
from flashpoint.model import Span as TextSpan
from flashpoint.models import EventClassifier, EventPrediction, acled_code
from flashpoint.models.acled import cue_lemmas, default_plover

NONE = "NONE"
EVENT_THRESHOLD = 0.30  # below this the sentence's label is not trusted
NON_EVENT_THRESHOLD = 0.70  # a non-event verdict must be this sure to drop rule events
VIOLENT_TYPES = {"ASSAULT", "COERCE"}


class LearnedEvents:
    def __init__(self, classifier: EventClassifier, extractor: EventExtractor):
        self.classifier = classifier
        self.extractor = extractor

    def apply(
        self,
        doc: Doc,
        events: list[Event],
        table: ActorTable,
        places: PlaceIndex,
        attribution_at: Callable[[int], object],
        opinion_at: Callable[[int], bool],
        resolve_date: Callable[[str], DateRange],
    ) -> list[Event]:
        sentences = list(doc.sents)
        verdicts = self.classifier.classify([s.text for s in sentences])
        by_sentence: dict[int, list[Event]] = {}
        for event in events:
            by_sentence.setdefault(event.evidence.start, []).append(event)
        out: list[Event] = []
        for sent, verdict in zip(sentences, verdicts, strict=True):
            mine = by_sentence.get(sent.start_char, [])
            out.extend(
                self._sentence(
                    sent, verdict, mine, table, places, attribution_at, opinion_at, resolve_date
                )
            )
        for n, event in enumerate(out, 1):
            event.id = f"ev{n}"
        return out

    def _sentence(
        self,
        sent: Span,
        verdict: EventPrediction,
        events: list[Event],
        table: ActorTable,
        places: PlaceIndex,
        attribution_at: Callable[[int], object],
        opinion_at: Callable[[int], bool],
        resolve_date: Callable[[str], DateRange],
    ) -> list[Event]:
        label = verdict.acled
        if label == NONE or verdict.acled_probability < EVENT_THRESHOLD:
            if (
                label == NONE
                and verdict.plover == NONE
                and verdict.acled_probability >= NON_EVENT_THRESHOLD
            ):
                return [e for e in events if e.type not in MATERIAL_TYPES]
            return events
        plover, mode = default_plover(label)
        if verdict.plover != NONE and verdict.plover_probability >= 0.5:
            plover = verdict.plover
        main = self._matching(events, plover)
        if main is None:
            main = self._build(
                sent, label, plover, mode, table, places, attribution_at, opinion_at, resolve_date
            )
            if main is None:
                return events
            rest = events
        else:
            rest = [e for e in events if e is not main]
            if main.type != plover and main.type in MATERIAL_TYPES and plover in MATERIAL_TYPES:
                main.type = plover  # the rule's trigger map is coarser than the learned type
                main.mode = mode or main.mode
        main.acled = acled_code(label)
        if main.mode is None:
            main.mode = mode
        main.confidence = round(min(0.99, verdict.acled_probability), 2)
        if main.type in VIOLENT_TYPES or label in {"FORCE_AGAINST_PROTEST", "MOB_VIOL"}:
            casualties = read_casualties(sent.text)
            main.fatalities, main.injured = casualties.killed, casualties.injured
        for other in rest:
            other.confidence = round(min(other.confidence, main.confidence), 2)
        return [main, *rest]

    @staticmethod
    def _matching(events: list[Event], plover: str) -> Event | None:
        """The rule event the verdict describes: same PLOVER type first, then any material one."""
        for wanted in (lambda e: e.type == plover, lambda e: e.type in MATERIAL_TYPES):
            found = [e for e in events if wanted(e)]
            if found:
                return min(found, key=lambda e: (e.modality != "asserted", e.evidence.start))
        return None

    def _build(
        self,
        sent: Span,
        label: str,
        plover: str,
        mode: str | None,
        table: ActorTable,
        places: PlaceIndex,
        attribution_at: Callable[[int], object],
        opinion_at: Callable[[int], bool],
        resolve_date: Callable[[str], DateRange],
    ) -> Event | None:
        token = self._carrier(sent, label)
        if token is None:
            return None
        source, target = self.extractor._participants(token, table)
        if source is None and target is None:
            source, target = _nearest_actors(sent, token, table)
        if source == target:
            target = None
        modality = self.extractor.modality.read(token)
        return Event(
            id="new",
            type=plover,
            mode=mode,
            source=source,
            target=target,
            place=self.extractor._place(token, places, plover, table),
            date=self.extractor._date(token, resolve_date),
            modality=modality,
            trigger=token.text,
            evidence=TextSpan(start=sent.start_char, end=sent.end_char, text=sent.text),
            attribution=attribution_at(token.idx),
            opinion=opinion_at(token.idx),
        )

    def _carrier(self, sent: Span, label: str) -> Token | None:
        """The word that carries the event: a cue word of the label, else a trigger word of the
        lexicon, else the sentence's main verb."""
        cues = cue_lemmas(label)
        lexicon = self.extractor.lexicon
        content = [t for t in sent if t.pos_ in {"VERB", "NOUN", "ADJ", "PROPN"}]
        for test in (
            lambda t: t.lemma_.lower() in cues or t.lower_ in cues,
            lambda t: bool(lexicon.triggers_for(t.lemma_.lower(), t.pos_)),
        ):
            found = [t for t in content if test(t) and t.pos_ != "PROPN"]
            if found:
                return min(found, key=lambda t: (t.dep_ != "ROOT", t.i))
        root = sent.root
        return root if root.pos_ in {"VERB", "NOUN", "AUX"} else (content[0] if content else None)


def _nearest_actors(sent: Span, token: Token, table: ActorTable) -> tuple[str | None, str | None]:
    """No parse link: the closest actor before the word as source, after it as target."""
    inside = [m for m in table.mentions if sent.start <= m.token_start and m.token_end <= sent.end]
    before = [m for m in inside if m.token_end <= token.i]
    after = [m for m in inside if m.token_start > token.i]
    source = before[-1].actor_id if before else None
    target = after[0].actor_id if after else None
    return source, target
