"""Where the trained relation classifier meets the relation rules, one sentence at a time.

Every pair of actors mentioned in a sentence is read by the classifier. A rule relation whose
sentence the classifier reads as "no relation" with high probability loses that evidence (and
the relation goes when no evidence is left): "X told Reuters" is not leadership. A pair the
classifier reads as related with high probability becomes a relation the rules missed, when
the actors' kinds fit the type (only a person leads; a population backs nobody). A less sure
reading counts when the document already holds that relation (one more sentence stating it)
or the registry records it ("cjtf_oir: enemies [islamic_state]"): read by hand on 150 FA-KES
articles (seed 71), such additions were right 23 times in 29, unregistered ones at that
probability 11 in 35 (third reading).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorMention, ActorTable
from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.relation_builder import PASSIVE_KINDS, RelationBuilder
from flashpoint.extract.relation_ends import GUESSED
from flashpoint.model import SYMMETRIC_RELATIONS, Event, Evidence, Relation
from flashpoint.models import RelationClassifier, RelationPrediction
from flashpoint.resolve.registry import ActorRegistry

DROP_THRESHOLD = 0.80  # "none" at least this sure removes a rule's evidence
# a relation at least this sure is added: read by hand on FA-KES (third reading), the pairs
# added at 0.70-0.84 were right 11 times in 35, those at 0.85 and above 18 in 33
ADD_THRESHOLD = 0.85
# a sentence read as a relation the document already holds (from a rule or from a sure verdict
# elsewhere) or that the registry records between the two is one more place it is stated: a
# lower bar than an unknown relation's
EVIDENCE_THRESHOLD = 0.70
MAX_MENTIONS = 10  # per sentence: pairs grow with the square
# a rule relation resting on one sentence that the classifier reads there as another relation
# or as none, with no surer reading behind it: of the 626 relations of the ten FA-KES readings
# that the code still finds, such relations were right 25 times in 62 (the rest 445 in 564), so
# they carry that rate as their confidence. Leadership is the exception: its rules read titles
# ("X, the leader of Y"), right 41 times in 51
SOLE_RULE_CONFIDENCE = 0.7  # under it, a relation is one sentence's rule reading alone
DISPUTED_CONFIDENCE = 0.4
SOLE_RULE_TRUSTED = {"leads"}
NON_PATRONS = PASSIVE_KINDS | {"person", "ngo", "igo"}
HEDGES = {"if", "unless", "whether"}
FIGHTING_KINDS = {
    "state", "government", "armed_forces", "armed_group", "militia", "terrorist_group", "igo",
}  # fmt: skip


def kinds_fit(type_: str, source_kind: str, target_kind: str) -> bool:
    if type_ == "leads":
        return source_kind == "person" and target_kind != "person"
    if type_ == "member_of":
        return target_kind not in {"person", "population_group", "media"}
    if type_ == "patron_of":
        return source_kind not in NON_PATRONS and target_kind not in {"media"}
    # sides in a conflict: states, their organs and armed groups (a firm, a lake or an
    # unknown organisation listed beside another is not an ally)
    sides = FIGHTING_KINDS | ({"person"} if type_ == "enemy_of" else set())
    return source_kind in sides and target_kind in sides


class LearnedRelations:
    def __init__(
        self,
        classifier: RelationClassifier,
        mediating_verbs: frozenset[str] = frozenset(),
        registry: ActorRegistry | None = None,
    ):
        self.classifier = classifier
        self.mediating_verbs = mediating_verbs
        self.registry = registry

    def apply(
        self,
        doc: Doc,
        table: ActorTable,
        relations: list[Relation],
        events: list[Event],
        attribution: AttributionMap,
        opinion_at: Callable[[int], bool],
    ) -> list[Relation]:
        verdicts = self._verdicts(doc, table)
        hedged = _hedged_sentences(doc, events)
        builder = RelationBuilder(table)
        disputed: set[tuple[str, frozenset[str], int]] = set()
        for relation in relations:
            for evidence in relation.evidence:
                verdict = verdicts.get((evidence.start, relation.source, relation.target))
                if verdict is None:
                    verdict = verdicts.get((evidence.start, relation.target, relation.source))
                if (
                    verdict
                    and verdict[0].type == "none"
                    and verdict[0].probability >= DROP_THRESHOLD
                ):
                    continue
                if verdict and verdict[0].type != relation.type:
                    ends = frozenset((relation.source, relation.target))
                    disputed.add((relation.type, ends, evidence.start))
                builder.add(relation.type, relation.source, relation.target, evidence)
        learned: dict[tuple[str, str, str], float] = {}
        text = doc.text  # spaCy joins every token on each read: once per document
        held = {(r.type, r.source, r.target) for r in relations}
        for (_, first, second), (verdict, _) in verdicts.items():
            if verdict.type != "none" and verdict.probability >= ADD_THRESHOLD:
                pair = (first, second) if verdict.forward else (second, first)
                held.add((verdict.type, *pair))
        for (start, first, second), (verdict, end) in sorted(verdicts.items()):
            if (
                verdict.type == "none"
                or verdict.probability < EVIDENCE_THRESHOLD
                or start in hedged
            ):
                continue
            if verdict.probability < ADD_THRESHOLD and not (
                _held(held, verdict, first, second)
                or registry_tie(self.registry, verdict, first, second)
            ):
                continue
            source, target = (first, second) if verdict.forward else (second, first)
            if reporter(doc, table, source, target, start, end) or reporter(
                doc, table, target, source, start, end
            ):
                continue
            if verdict.type in {"ally_of", "enemy_of"} and (
                self._mediator(doc, table, source, start, end)
                or self._mediator(doc, table, target, start, end)
            ):
                continue
            kinds = table.actors[source].kind, table.actors[target].kind
            if not kinds_fit(verdict.type, *kinds):
                continue
            builder.add(
                verdict.type,
                source,
                target,
                Evidence(
                    start=start,
                    end=end,
                    text=text[start:end],
                    attribution=attribution.at(start),
                    opinion=opinion_at(start),
                ),
            )
            key = (verdict.type, *sorted((source, target)))
            learned[key] = max(learned.get(key, 0.0), verdict.probability)
        out = builder.relations()
        for relation in out:
            p = learned.get((relation.type, *sorted((relation.source, relation.target))))
            if p is not None:
                relation.confidence = round(max(relation.confidence, min(0.95, p)), 2)
        for relation in out:
            if _sole_disputed(relation, disputed):
                relation.confidence = DISPUTED_CONFIDENCE
        for n, relation in enumerate(out, 1):
            relation.id = f"rel{n}"
        return out

    def _mediator(self, doc: Doc, table: ActorTable, actor_id: str, start: int, end: int) -> bool:
        """'a ceasefire brokered by Moscow and Washington': who brokers, mediates or hosts is
        named as neither side of the sentence's fight."""
        for mention in table.mentions:
            if mention.actor_id != actor_id or not start <= mention.start < end:
                continue
            head = doc[mention.token_start : mention.token_end].root
            while head.dep_ == "conj" and head.head.i != head.i:
                head = head.head
            verb = head.head
            if head.dep_ == "pobj" and verb.lower_ == "by" and verb.dep_ == "agent":
                verb = verb.head
            elif head.dep_ not in {"nsubj", "pobj"}:
                continue
            if verb.lemma_.lower() in self.mediating_verbs:
                return True
        return False

    def _verdicts(
        self, doc: Doc, table: ActorTable
    ) -> dict[tuple[int, str, str], tuple[RelationPrediction, int]]:
        """(sentence start, first actor, second actor) -> the verdict on their closest pair."""
        pairs: list[tuple[int, int, ActorMention, ActorMention]] = []
        for sent in doc.sents:
            inside = [
                m for m in table.mentions if sent.start <= m.token_start and m.token_end <= sent.end
            ]
            # names first: a guessed mention ("this terrorist group", a quoted "we") is read
            # when the sentence has room, in text order with the rest (pairs run left to right)
            inside = sorted(
                (
                    [m for m in inside if m.how not in GUESSED]
                    + [m for m in inside if m.how in GUESSED]
                )[:MAX_MENTIONS],
                key=lambda m: m.start,
            )
            best: dict[tuple[str, str], tuple[ActorMention, ActorMention]] = {}
            for i, a in enumerate(inside):
                for b in inside[i + 1 :]:
                    if a.actor_id == b.actor_id or a.end > b.start:
                        continue
                    key = (a.actor_id, b.actor_id)
                    old = best.get(key)
                    if old is None or b.start - a.end < old[1].start - old[0].end:
                        best[key] = (a, b)
            for a, b in best.values():
                pairs.append((sent.start_char, sent.end_char, a, b))
        predictions = self.classifier.classify(
            doc.text, [((a.start, a.end), (b.start, b.end)) for _, _, a, b in pairs], doc
        )
        out: dict[tuple[int, str, str], tuple[RelationPrediction, int]] = {}
        for (start, end, a, b), prediction in zip(pairs, predictions, strict=True):
            out.setdefault((start, a.actor_id, b.actor_id), (prediction, end))
        return out


def _sole_disputed(relation: Relation, disputed: set[tuple[str, frozenset[str], int]]) -> bool:
    """A rule relation that one sentence gives, which the classifier reads otherwise there and
    no surer reading backs: a candidate for an analyst to check, not a finding."""
    return (
        relation.type not in SOLE_RULE_TRUSTED
        and relation.confidence < SOLE_RULE_CONFIDENCE
        and len(relation.evidence) == 1
        and (
            relation.type,
            frozenset((relation.source, relation.target)),
            relation.evidence[0].start,
        )
        in disputed
    )


def _held(
    held: set[tuple[str, str, str]], verdict: RelationPrediction, first: str, second: str
) -> bool:
    """The document already holds this relation between the two (either way if symmetric)."""
    source, target = (first, second) if verdict.forward else (second, first)
    if (verdict.type, source, target) in held:
        return True
    return verdict.type in SYMMETRIC_RELATIONS and (verdict.type, target, source) in held


def registry_tie(
    registry: ActorRegistry | None, verdict: RelationPrediction, first: str, second: str
) -> bool:
    """The registry records the tie the verdict reads ("cjtf_oir: enemies [islamic_state]"):
    background knowledge that makes a sentence's less sure reading of it likely right."""
    source_id, target_id = (first, second) if verdict.forward else (second, first)
    source = registry.get(source_id) if registry is not None else None
    target = registry.get(target_id) if registry is not None else None
    if source is None or target is None:
        return False
    if verdict.type == "enemy_of":
        return target.id in source.enemies or source.id in target.enemies
    if verdict.type == "ally_of":
        return target.id in source.allies or source.id in target.allies
    if verdict.type == "member_of":
        return target.id in source.member_of
    if verdict.type == "leads":
        return target.id in source.leads or source.id in target.leaders
    if verdict.type == "patron_of":
        return source.id in target.active_patrons(None)
    return False


def _hedged_sentences(doc: Doc, events: list[Event]) -> set[int]:
    """Sentences that assert nothing a relation could rest on: a negated main verb, a condition,
    or an event the modality reader found denied, conditional or speculated."""
    out = {
        e.evidence.start for e in events if e.modality in {"negated", "conditional", "speculative"}
    }
    for sent in doc.sents:
        root = sent.root
        if any(c.dep_ == "neg" for c in root.children) or any(t.lower_ in HEDGES for t in sent):
            out.add(sent.start_char)
    return out


REPORTER_KINDS = {"ngo", "media", "person", "igo"}
SELF_WORDS = {"we", "us", "our", "ours", "it", "its", "they", "them", "their", "itself"}


def reporter(
    doc: Doc, table: ActorTable, actor_id: str, other_id: str, start: int, end: int
) -> bool:
    """The monitor, outlet or person a sentence quotes reports the fight; it is not a side
    ("Rami Abdul Rahman ... said the Syrian army had responded" is no leadership). Such an
    actor is named only as the subject of "say" (or after "according to"), and the other end
    only inside what it says. An army or a coalition that says what others did reports it
    too ("the Houthis fired at Saudi Arabia, the coalition said"), unless what it says is
    about itself ("the army said it had pushed them back")."""
    actor = table.actors.get(actor_id)
    if actor is None:
        return False
    inside = [m for m in table.mentions if start <= m.start < end]
    mine = [m for m in inside if m.actor_id == actor_id]
    other = [m for m in inside if m.actor_id == other_id]
    reported: set[int] = set()
    for mention in mine:
        said = _reported_span(doc[mention.token_start : mention.token_end].root)
        if said is None:
            return False
        reported |= said
    if actor.kind not in REPORTER_KINDS and any(doc[i].lower_ in SELF_WORDS for i in reported):
        return False
    return bool(mine and other) and all(m.token_start in reported for m in other)


def _reported_span(head: Token) -> set[int] | None:
    """Token indices of what the speaker at `head` says, or None if `head` is no speaker. A
    body named in its speaker's title speaks through it ("a ministry spokesman said", "a
    spokesman for the ministry said")."""
    for _ in range(4):
        if head.dep_ in {"compound", "poss"} and head.head.pos_ in {"NOUN", "PROPN"}:
            head = head.head
        elif (
            head.dep_ == "pobj"
            and head.head.lower_ in {"of", "for"}
            and head.head.head.pos_ == "NOUN"
        ):
            head = head.head.head
        else:
            break
    while head.dep_ == "appos" and head.head.i != head.i:
        head = head.head
    verb = head.head
    if head.dep_ in {"nsubj", "nsubjpass"} and verb.lemma_.lower() in REPORTING_LEMMAS:
        return {
            t.i
            for child in verb.children
            if child.dep_ in {"ccomp", "xcomp", "advcl", "dobj"}
            for t in child.subtree
        }
    if head.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according":
        cue = set(t.i for t in verb.head.subtree)
        return {t.i for t in head.sent if t.i not in cue}
    return None


REPORTING_LEMMAS = {
    "say", "tell", "report", "claim", "state", "announce", "add", "note", "confirm", "accuse",
    "allege", "document", "record", "estimate", "write",
}  # fmt: skip
