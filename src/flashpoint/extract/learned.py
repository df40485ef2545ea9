"""Where the trained event classifier meets the rules: one verdict per sentence.

The classifier reads each sentence and names the ACLED sub-event type it reports (or none) and
its PLOVER type. A rule event of a matching type becomes the sentence's main event and takes the
learned label; when the rules found nothing, the main event is built on the word that carries
it, with the parse's source and target. A sentence the classifier calls a non-event loses
its asserted material rule events ("the striker fired home", "a clash of ideas"). Learned
probabilities set each main event's `confidence`; the main event comes first among its
sentence's events, so the "first asserted event" of a snippet is the one it is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.actor_table import ActorMention, ActorTable
from flashpoint.extract.event_places import PlaceIndex, date_of, place_of
from flashpoint.extract.event_roles import (
    ALIGNMENT_NOUNS,
    HOSTILE_TYPES,
    MATERIAL_TYPES,
    UNDERGOING_VERBS,
    VIOLENT_TYPES,
)
from flashpoint.extract.events import EventExtractor
from flashpoint.extract.fatalities import casualties
from flashpoint.extract.patron_marks import only_backs
from flashpoint.extract.relation_filter import in_dateline
from flashpoint.model import DateRange, Event
from flashpoint.model import Span as TextSpan
from flashpoint.models import EventClassifier, EventPrediction, acled_code
from flashpoint.models.acled import cue_lemmas, default_plover

NONE = "NONE"
# The ACLED head calls a sentence an event when its "no event" probability is under 0.5; the
# probabilities are calibrated at training (a temperature fitted out of fold).
NON_EVENT_THRESHOLD = 0.70  # both heads this sure of "no event" drop the rules' material events
MAX_NO_EVENT_OVER_VERBAL = 0.30  # a new event beside rule events that are all verbal
PLOVER_THRESHOLD = 0.50  # a PLOVER verdict this sure picks the main one of the rule events
BUILD_VERBAL_THRESHOLD = 0.60  # ... and this sure makes a verbal event where the rules found none
# Event.clause of a word that can carry the sentence's own event (not a relative or adverbial)
MAIN_CLAUSE_ROLES = frozenset({"main", "argument", "reported"})


@dataclass(frozen=True)
class _Context:
    """What every sentence of one document reads: its actors, places, attribution and dates."""

    table: ActorTable
    places: PlaceIndex
    attribution_at: Callable[[int], object]
    opinion_at: Callable[[int], bool]
    resolve_date: Callable[[str], DateRange]


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
        verdicts = self.classifier.classify(sentences)  # the parse is read, not redone
        by_sentence: dict[int, list[Event]] = {}
        for event in events:
            by_sentence.setdefault(event.evidence.start, []).append(event)
        context = _Context(table, places, attribution_at, opinion_at, resolve_date)
        out: list[Event] = []
        for sent, verdict in zip(sentences, verdicts, strict=True):
            out.extend(self._sentence(sent, verdict, by_sentence.get(sent.start_char, []), context))
        for n, event in enumerate(out, 1):
            event.id = f"ev{n}"
        return out

    def _sentence(
        self, sent: Span, verdict: EventPrediction, events: list[Event], context: _Context
    ) -> list[Event]:
        label = verdict.acled
        if not verdict.is_event:
            if verdict.no_event >= NON_EVENT_THRESHOLD and verdict.no_plover >= NON_EVENT_THRESHOLD:
                # a hedged rule event keeps its modality: analysis may speculate about one
                return [
                    e for e in events if e.type not in MATERIAL_TYPES or e.modality != "asserted"
                ]
            if verdict.no_plover < 0.5 and verdict.plover_probability >= PLOVER_THRESHOLD:
                typed = any(e.type == verdict.plover for e in events)
                if not typed and verdict.plover_probability >= BUILD_VERBAL_THRESHOLD:
                    built = self._build(sent, None, verdict.plover, None, context)
                    events = [built, *events] if built is not None else events
                return _promote(events, verdict.plover, verdict.plover_probability)
            return events
        plover, mode = default_plover(label)
        confident = verdict.no_plover < 0.5 and verdict.plover_probability >= PLOVER_THRESHOLD
        # "X condemned the air strike": the PLOVER head reads the verbal event the sentence
        # reports, the ACLED head the violence it reports on; each names its own event
        verbal = (
            verdict.plover
            if confident and verdict.plover not in MATERIAL_TYPES and verdict.plover != plover
            else None
        )
        learned_type = confident and verbal is None
        if learned_type:
            plover = verdict.plover
        main = self._matching(events, plover)
        if main is not None and main.modality != "asserted":
            main = self._asserted_carrier(sent, label, plover, mode, events, context) or main
        violent = main is not None and main.type in VIOLENT_TYPES  # before the learned type
        if main is None:
            verbal_only = bool(events) and all(e.type not in MATERIAL_TYPES for e in events)
            if verbal_only and verdict.no_event > MAX_NO_EVENT_OVER_VERBAL:
                return events
            main = self._build(sent, label, plover, mode, context)
            if main is None:
                return events
            rest = events
        else:
            rest = [e for e in events if e is not main]
            if (
                learned_type
                and main.type != plover
                and main.type in MATERIAL_TYPES
                and (plover in MATERIAL_TYPES or plover == "PROTEST")
            ):
                # the rule's trigger map is coarser than the learned type; a riot's burning
                # and stoning are the protest ACLED and PLOVER code ("rioters burned cars")
                main.type = plover
                main.mode = mode or main.mode
        main.acled = acled_code(label)
        if main.source is None:
            main.source = self._agent(sent, main, context.table)
        if main.mode is None:
            main.mode = mode
        main.confidence = round(min(0.99, verdict.acled_probability), 2)  # calibrated
        if violent or main.type in VIOLENT_TYPES or label in {"FORCE_AGAINST_PROTEST", "MOB_VIOL"}:
            counts = casualties(sent)
            main.fatalities, main.injured = counts.killed, counts.injured
        for other in rest:
            other.confidence = round(min(other.confidence, main.confidence), 2)
        if verbal is not None:
            if not any(e.type == verbal for e in rest):
                # the PLOVER head names a verbal main clause no rule trigger found
                built = self._build(sent, None, verbal, None, context)
                if built is not None and built.trigger != main.trigger:
                    rest = [built, *rest]
            promoted = _promote(rest, verbal, verdict.plover_probability)
            return [main, *promoted]
        return [main, *rest]

    @staticmethod
    def _matching(events: list[Event], plover: str) -> Event | None:
        """The rule event the verdict describes: same PLOVER type first, then any material one."""
        for wanted in (lambda e: e.type == plover, lambda e: e.type in MATERIAL_TYPES):
            found = [e for e in events if wanted(e)]
            if found:
                return min(found, key=lambda e: (e.modality != "asserted", e.evidence.start))
        return None

    def _asserted_carrier(
        self,
        sent: Span,
        label: str | None,
        plover: str,
        mode: str | None,
        events: list[Event],
        context: _Context,
    ) -> Event | None:
        """The sentence's event is asserted where the only rule event of its kind is not:
        "forces found and defused a car bomb before it could be detonated" (the rules found
        the hedged 'detonated'), "mortar shells landed on a market ... as the army tried to
        dislodge the rebels" ('dislodge', intended). The word that carries the verdict, in
        the main clause and asserted, is then the event; a denied one stays denied."""
        built = self._build(sent, label, plover, mode, context)
        if (
            built is None
            or built.modality != "asserted"
            or built.clause not in MAIN_CLAUSE_ROLES
            or any(e.trigger == built.trigger for e in events)
        ):
            return None
        return built

    def _build(
        self,
        sent: Span,
        label: str | None,
        plover: str,
        mode: str | None,
        context: _Context,
    ) -> Event | None:
        token = self._carrier(sent, label, plover)
        if token is None:
            return None
        table = context.table
        source, target = self.extractor.roles.participants(token, table, plover in HOSTILE_TYPES)
        if source is None and plover in VIOLENT_TYPES:
            source = self.extractor.roles.claimed_by(token, table, target)
        if source is None and target is None:
            scene = self.extractor.lexicon.cue("relations", "scene_prepositions")
            source, target = _nearest_actors(
                sent,
                token,
                table,
                scene,
                self.extractor.reporting,
                self.extractor.roles.holder,
                self.extractor.roles.harms,
            )
        if plover in MATERIAL_TYPES and source and table.actors[source].kind == "media":
            source = None  # an outlet reports an attack; it does not make one
        if source == target:
            target = None
        modality = self.extractor.modality.read(token)
        return Event(
            id="new",
            type=plover,
            mode=mode,
            source=source,
            target=target,
            place=place_of(token, context.places, plover, table),
            date=date_of(token, context.resolve_date),
            modality=modality,
            trigger=token.text,
            clause=self.extractor.clause_of(token),
            evidence=TextSpan(start=sent.start_char, end=sent.end_char, text=sent.text),
            attribution=context.attribution_at(token.idx),
            opinion=context.opinion_at(token.idx),
        )

    def _carrier(self, sent: Span, label: str | None, plover: str) -> Token | None:
        """The word that carries the event: a cue word of the ACLED label, else a lexicon
        trigger of the PLOVER type, else any trigger, else the sentence's main verb; never a
        word the rules read as no event ("a town held by IS"), and a cue or trigger only in
        a sense its lexicon entry allows ("clashes took place" is no taking)."""
        cues = cue_lemmas(label) if label else frozenset()
        lexicon = self.extractor.lexicon
        content = [t for t in sent if t.pos_ in {"VERB", "NOUN", "ADJ"} and not self._no_event(t)]
        words = [t for t in content if not self.extractor.other_sense(t)]

        def typed(t: Token) -> bool:
            return any(tr.type == plover for tr in lexicon.triggers_for(t.lemma_.lower(), t.pos_))

        blocked = False
        for test, telling in (
            (lambda t: t.lemma_.lower() in cues or t.lower_ in cues, True),
            (typed, True),
            (lambda t: bool(lexicon.triggers_for(t.lemma_.lower(), t.pos_)), False),
        ):
            found = [t for t in words if test(t)]
            if found:
                return min(found, key=lambda t: (t.dep_ != "ROOT", t.i))
            blocked = blocked or (
                telling and any(test(t) for t in sent if t.pos_ in {"VERB", "NOUN", "ADJ"})
            )
        if blocked:
            # the word of the verdict's kind is one the rules read as no event ("the province
            # is controlled by X", "the incident took place"): the main verb does not stand in
            return None
        root = sent.root
        if root.lemma_.lower() in self.extractor.reporting:
            # "X raped women near Bria, HRW said": the event is what is said, not the saying
            said = next((c for c in root.children if c.dep_ == "ccomp" and c.pos_ == "VERB"), None)
            root = said or root
        if self._no_event(root):
            return None  # "the province is controlled by the YPG": a state, not an event
        return root if root.pos_ in {"VERB", "NOUN", "AUX"} else (content[0] if content else None)

    def _no_event(self, token: Token) -> bool:
        """A word the rules read as no event: "troops, backed by clan militias" (a
        relation), "a town held by IS" (a state)."""
        if (
            token.tag_ == "VBN"
            and token.dep_ == "acl"
            and token.lemma_.lower() in self.extractor.backing
        ):
            return True
        return self.extractor.roles.state_participle(token)

    def _agent(self, sent: Span, event: Event, table: ActorTable) -> str | None:
        """A main event with no source from the parse: the actor blamed for it or claiming
        it, else the closest one before the trigger that can act."""
        trigger = _trigger_token(sent, event)
        if trigger is None:
            return None
        if event.type in VIOLENT_TYPES:
            claimed = self.extractor.roles.claimed_by(trigger, table, event.target)
            if claimed:
                return claimed
        extractor = self.extractor
        return _agent_before(
            sent, event, table, extractor.reporting, extractor.roles.holder, extractor.roles.harms
        )


def _promote(events: list[Event], plover: str, probability: float) -> list[Event]:
    """A non-ACLED sentence ("the ministry condemned ..."): the rule event of the learned
    PLOVER type leads, with the learned probability as its confidence."""
    found = [e for e in events if e.type == plover]
    if not found:
        return events
    main = min(found, key=lambda e: (e.modality != "asserted", e.evidence.start))
    main.confidence = round(max(main.confidence, min(0.99, probability)), 2)
    rest = [e for e in events if e is not main]
    for other in rest:
        other.confidence = round(min(other.confidence, main.confidence), 2)
    return [main, *rest]


AGENT_KINDS = {
    "state", "government", "armed_forces", "armed_group", "militia", "terrorist_group",
    "population_group", "person", "organisation",
}  # fmt: skip


def _trigger_token(sent: Span, event: Event) -> Token | None:
    return next((t for t in sent if t.text == event.trigger and t.idx >= sent.start_char), None)


def _agent_before(
    sent: Span,
    event: Event,
    table: ActorTable,
    reporting: frozenset[str] = frozenset(),
    holder: Callable[[Token], bool] = lambda _: False,
    harms: Callable[[Token], bool] = lambda _: True,
) -> str | None:
    """No parse link to a source: the closest actor before the trigger in the sentence that
    can act (not an outlet, not the target), as a reader takes "jets ... bombed". A speaker
    ("Police said the blast ...") reports the event and does not make it; nor does who
    holds the place it hit ("a village held by X was hit")."""
    trigger = _trigger_token(sent, event)
    if trigger is None:
        return None
    for mention in reversed(table.mentions):
        if not (sent.start <= mention.token_start and mention.token_end <= trigger.i):
            continue
        if only_backs(sent.doc, mention):
            continue  # 'US' in 'US-backed Syrian attacks' backs the attackers
        actor = table.actors[mention.actor_id]
        if mention.actor_id == event.target or actor.kind not in AGENT_KINDS:
            continue
        root = sent.doc[mention.token_start : mention.token_end].root
        if in_dateline(sent.doc, mention):
            continue  # "BEIRUT - At least 70 fighters have been killed ...": the dateline
        if _speaker(root, trigger, reporting) or _undergoer(root, trigger, harms) or holder(root):
            continue
        if _lost_passive_subject(mention.token_end, trigger):
            continue
        return mention.actor_id
    return None


def _lost_passive_subject(mention_end: int, trigger: Token) -> bool:
    """'... of Daraa 16 civilians were killed in air strikes': wire copy stripped of its
    commas parses the victims as some other word's object; the words just before the passive's
    auxiliaries are still what underwent it."""
    auxiliaries = [c for c in trigger.children if c.dep_ == "auxpass" and c.i < trigger.i]
    if not auxiliaries or any(c.dep_ == "nsubjpass" for c in trigger.children):
        return False
    first = min(c.i for c in trigger.children if c.dep_ in {"aux", "auxpass"} and c.i < trigger.i)
    return mention_end == first


def _speaker(token: Token, trigger: Token, reporting: frozenset[str]) -> bool:
    """The subject of a reporting verb whose reported clause holds the trigger ("Police said
    the blast ...", "another group, the LCC, said"); not one whose own act it is ("Iraqi
    forces declared the city freed")."""
    for _ in range(3):  # "another activist group the Local Coordination Committees said"
        if token.dep_ not in {"compound", "appos"}:
            break
        token = token.head
    verb = token.head
    if token.dep_ != "nsubj" or verb.lemma_.lower() not in reporting:
        return False
    step = trigger
    while step.head.i != step.i and step.head.i != verb.i:
        step = step.head
    if step.head.i != verb.i or step.dep_ not in {"ccomp", "parataxis"}:
        return False
    # "declared the city freed": a bare participle is the subject's own act, not its report
    bare = not any(c.dep_ in {"aux", "auxpass", "mark"} for c in step.children)
    return not (bare and (step.tag_ == "VBN" or verb.lemma_.lower() in DECLARING_VERBS))


DECLARING_VERBS = {"declare", "pronounce"}
# "30 people including 24 civilians", "dozens of civilians", "among them 11 children"
COUNTING_PREPS = {"of", "including", "among"}


def _undergoer(
    token: Token, trigger: Token, harms: Callable[[Token], bool] = lambda _: True
) -> bool:
    """The subject of a passive of harm or of "died" undergoes the event ("X was killed in a
    Russian airstrike", "nine civilians died in rebel shelling"); it does not do it, nor does
    whom the subject counts in ("30 people including 24 civilians were killed", "dozens of
    civilians"). A passive that harms no one leaves its subject a party: "X has been involved
    in clashes with Y", "bombers were commissioned to hit the targets".
    """
    for _ in range(6):
        if token.dep_ in {"compound", "amod", "nmod", "appos", "conj"}:
            token = token.head
        elif token.dep_ == "pobj" and token.head.lower_ in COUNTING_PREPS:
            token = token.head.head
        else:
            break
    verb = token.head
    if token.dep_ == "nsubjpass":
        return verb.i == trigger.i or harms(verb)
    return token.dep_ == "nsubj" and verb.lemma_.lower() in UNDERGOING_VERBS


def _nearest_actors(
    sent: Span,
    token: Token,
    table: ActorTable,
    scene: frozenset[str],
    reporting: frozenset[str] = frozenset(),
    holder: Callable[[Token], bool] = lambda _: False,
    harms: Callable[[Token], bool] = lambda _: True,
) -> tuple[str | None, str | None]:
    """No parse link: the closest actor before the word as source, after it as target; not
    the speaker whose report holds the word ("the agency said 140 were injured"), nor who
    holds the place ("a town held by X")."""
    inside = [
        m
        for m in table.mentions
        if sent.start <= m.token_start and m.token_end <= sent.end and not only_backs(sent.doc, m)
    ]
    before = [
        m
        for m in inside
        if m.token_end <= token.i
        and _can_be_target(sent, m, token, scene)
        and not _speaker(sent.doc[m.token_start : m.token_end].root, token, reporting)
        and not _undergoer(sent.doc[m.token_start : m.token_end].root, token, harms)
        and not _lost_passive_subject(m.token_end, token)
        and not holder(sent.doc[m.token_start : m.token_end].root)
    ]
    after = [
        m
        for m in inside
        if m.token_start > token.i
        and table.actors[m.actor_id].kind != "media"
        and _can_be_target(sent, m, token, scene)
        and not _reporter(sent.doc[m.token_start : m.token_end].root, reporting)
    ]
    source = before[-1].actor_id if before else None
    target = after[0].actor_id if after else None
    return source, target


def _reporter(token: Token, reporting: frozenset[str]) -> bool:
    """Who tells of the event, not who suffers it: "... the Observatory said", "told AFP",
    "according to the UN", "an AFP photographer saw", "SOHR head Rami Abdel Rahman said"."""
    for _ in range(6):  # the AFP of "an AFP photographer", "a member of Parliament"
        if token.dep_ in {"compound", "poss", "nmod", "amod", "appos"}:
            token = token.head
        elif (
            token.dep_ == "pobj"
            and token.head.lower_ == "of"
            and token.head.head.pos_
            in {
                "NOUN",
                "PROPN",
            }
        ):
            token = token.head.head
        else:
            break
    head = token.head
    if token.dep_ in {"nsubj", "dobj", "dative"}:
        return head.lemma_.lower() in reporting or head.lemma_.lower() in WITNESSING_VERBS
    if token.dep_ == "pobj":
        return (head.lower_ == "to" and head.head.lower_ == "according") or (
            head.lower_ == "by" and head.head.lemma_.lower() in reporting
        )
    return False


WITNESSING_VERBS = {"see", "witness", "hear", "observe", "watch", "film", "photograph"}

NOT_TARGET_PREPS = {"alongside", "beside", "besides", "like", "unlike", "including", "among"}


def _can_be_target(
    sent: Span, mention: ActorMention, trigger: Token, scene: frozenset[str]
) -> bool:
    """Guessing a participant from word order alone, skip the actors the grammar puts
    elsewhere: the scene ("in Syria"), a side taken ("on the side of the government"), a
    comparison, or a dateline ("DARAA, Syria - ...")."""
    token = sent.doc[mention.token_end - 1]
    if in_dateline(sent.doc, mention):
        return False
    for _ in range(6):
        if token.i == trigger.i or token.head.i == token.i:
            return True
        head = token.head
        if token.dep_ == "pobj" and (head.lower_ in scene or head.lower_ in NOT_TARGET_PREPS):
            return False
        if head.lemma_.lower() in ALIGNMENT_NOUNS:
            return False
        token = head
    return True
