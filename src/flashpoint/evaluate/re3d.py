"""Scoring our actors, places and relations against Dstl's re3d gold set.

The corpus is read by `re3d_data.load_re3d`. The mapping between re3d's types and ours lives in
`data/eval/re3d.yaml`; the matching rules are documented in docs/quality.md.

    >>> corpus = load_re3d("path/to/re3d")
    >>> result = evaluate_re3d(corpus, analyses_by_doc_id)
    >>> result.entities["micro"].f1
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from flashpoint.evaluate.errors_out import sentence_around
from flashpoint.evaluate.re3d_data import (
    GoldEntity,
    GoldRelation,
    Re3dCorpus,
    Re3dDocument,
    load_re3d,
)
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.evaluate.scoring import (
    MatchRule,
    PairInstance,
    Score,
    match_any,
    match_spans_one_to_one,
    overlap_size,
    pair_matches,
    spans_match,
    total,
)
from flashpoint.model import SYMMETRIC_RELATIONS, Analysis


@dataclass(frozen=True)
class PredictedMention:
    doc: str
    type: str
    start: int
    end: int
    text: str
    actor: str | None = None
    alternatives: tuple[str, ...] = ()


def predicted_entities(analysis: Analysis, mapping: Mapping[str, Any]) -> list[PredictedMention]:
    """Our actor and place mentions, each labelled with the re3d type it is scored as."""
    doc = analysis.document.id
    kind_to_type: dict[str, str] = {}
    place_types: list[str] = []
    for re3d_type, rule in mapping["entities"].items():
        for kind in rule.get("actor_kinds", []):
            kind_to_type[kind] = re3d_type
        if rule.get("places"):
            place_types.append(re3d_type)
    either = {k: tuple(v) for k, v in (mapping.get("either_types") or {}).items()}
    seen: set[tuple[str, int, int]] = set()
    out: list[PredictedMention] = []

    def add(
        re3d_type: str, start: int, end: int, text: str, actor: str | None, alt: tuple = ()
    ) -> None:
        if (re3d_type, start, end) not in seen:
            seen.add((re3d_type, start, end))
            out.append(PredictedMention(doc, re3d_type, start, end, text, actor, alt))

    for actor in analysis.actors:
        re3d_type = kind_to_type.get(actor.kind)
        if re3d_type:
            for m in actor.mentions:
                add(re3d_type, m.start, m.end, m.text, actor.id, either.get(actor.kind, ()))
    for place in analysis.places:
        for re3d_type in place_types:
            for m in place.mentions:
                add(re3d_type, m.start, m.end, m.text, place.id)
    return out


@dataclass(frozen=True)
class PredictedRelation:
    instance: PairInstance
    relation: str
    evidence: tuple[int, int] | None


def predicted_relations(analysis: Analysis, mapping: Mapping[str, Any]) -> list[PredictedRelation]:
    """One instance per (relation, evidence span): the ends are the actor mentions near it.

    Near means overlapping the evidence span widened by `near_chars` on each side. A relation
    without evidence gives one instance using all the mentions of its two actors.
    """
    wanted = set(mapping["relations"].values())
    near = int(mapping.get("near_chars", 50))
    mentions = {a.id: [(m.start, m.end) for m in a.mentions] for a in analysis.actors}
    out: list[PredictedRelation] = []
    for rel in analysis.relations:
        if rel.type not in wanted:
            continue
        windows: list[tuple[int, int] | None] = [(e.start, e.end) for e in rel.evidence] or [None]
        for window in dict.fromkeys(windows):

            def ends(actor_id: str, w: tuple[int, int] | None = window) -> tuple:
                spans = mentions.get(actor_id, [])
                if w is None:
                    return tuple(spans)
                lo, hi = w[0] - near, w[1] + near
                return tuple(s for s in spans if s[0] < hi and lo < s[1])

            instance = PairInstance(
                analysis.document.id, rel.type, ends(rel.source), ends(rel.target)
            )
            out.append(PredictedRelation(instance, rel.id, window))
    return out


@dataclass
class Re3dResult:
    """Scores by figure; `errors` holds every false positive and false negative."""

    documents: int
    entities: dict[str, Any]
    relations: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, Score):
                return value.as_dict()
            if isinstance(value, dict):
                return {k: plain(v) for k, v in value.items()}
            return value

        return {
            "dataset": "re3d",
            "documents": self.documents,
            "entities": plain(self.entities),
            "relations": plain(self.relations),
        }


def _gold_relations(
    corpus: Re3dCorpus, mapping: Mapping[str, Any]
) -> tuple[list[GoldRelation], int]:
    """Mapped gold relations between actor-typed ends, each pair once; and how many left out."""
    end_types = set(mapping.get("relation_end_types", []))
    entity_type = {(e.doc, e.start, e.end): e.type for e in corpus.entities}
    kept: dict[tuple, GoldRelation] = {}
    excluded = 0
    for rel in corpus.relations:
        ours = mapping["relations"].get(rel.type)
        if ours is None:
            continue
        ends = (entity_type.get((rel.doc, *rel.source)), entity_type.get((rel.doc, *rel.target)))
        if end_types and not all(t in end_types for t in ends):
            excluded += 1
            continue
        pair: Any = (rel.source, rel.target)
        if ours in SYMMETRIC_RELATIONS:
            pair = frozenset(pair)
        kept.setdefault((rel.doc, ours, pair), rel)
    return list(kept.values()), excluded


def _settle_types(
    preds: list[PredictedMention],
    gold: Mapping[tuple[str, str], list[GoldEntity]],
    rule: MatchRule,
) -> list[PredictedMention]:
    """Give a mention with alternative types the one a gold mention confirms, the gold mention
    closest to its span deciding when several types do ("the Iraqi people" is the Organisation
    re3d marks it, not the Nationality of the "Iraqi" inside it), the first listed on a tie.

    Without confirmation it keeps its first type. A span already predicted with the settled
    type (say a place at the same offsets) is not counted twice.
    """
    out: list[PredictedMention] = []
    seen: set[tuple[str, str, int, int]] = set()
    for p in preds:
        chosen, best = p.type, 0.0
        for candidate in p.alternatives:
            closeness = max(
                (
                    _closeness((p.start, p.end), (g.start, g.end))
                    for g in gold.get((p.doc, candidate), [])
                    if spans_match((p.start, p.end), (g.start, g.end), rule)
                ),
                default=0.0,
            )
            if closeness > best:
                chosen, best = candidate, closeness
        key = (p.doc, chosen, p.start, p.end)
        if key not in seen:
            seen.add(key)
            out.append(replace(p, type=chosen))
    return out


def _closeness(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Shared characters over the characters either span covers (1.0 for the same span)."""
    union = max(a[1], b[1]) - min(a[0], b[0])
    return overlap_size(a, b) / union if union else 0.0


def _by(items: Iterable[Any], key: Any) -> dict[Any, list[Any]]:
    groups: dict[Any, list[Any]] = defaultdict(list)
    for item in items:
        groups[key(item)].append(item)
    return groups


@dataclass
class _Context:
    """What the scoring steps share: the documents, their folders and the errors found."""

    docs: dict[str, Re3dDocument]
    folder_of: dict[str, str]
    rule: MatchRule
    errors: list[dict[str, Any]] = field(default_factory=list)

    def sentence(self, doc: str, start: int, end: int) -> str:
        return sentence_around(self.docs[doc].text, start, end) if doc in self.docs else ""

    def summarise(self, table: dict[tuple[str, str], Score], keys: list[str]) -> dict[str, Any]:
        """Micro, per-type and per-folder totals of per-(document, type) scores."""

        def per_type(sub: dict[tuple[str, str], Score]) -> dict[str, Score]:
            return {t: total(s for k, s in sub.items() if k[1] == t) for t in keys}

        per_folder = {}
        for folder in sorted(set(self.folder_of.values())):
            sub = {k: s for k, s in table.items() if self.folder_of.get(k[0]) == folder}
            per_folder[folder] = {"micro": total(sub.values()), "per_type": per_type(sub)}
        return {
            "micro": total(table.values()),
            "per_type": per_type(table),
            "per_folder": per_folder,
        }


def _score_entities(
    ctx: _Context,
    corpus: Re3dCorpus,
    analyses: Mapping[str, Analysis],
    mapping: Mapping[str, Any],
) -> dict[str, Any]:
    types = list(mapping["entities"])
    gold_ents = [e for e in corpus.entities if e.type in types and e.doc in ctx.docs]
    gold_groups = _by(gold_ents, lambda e: (e.doc, e.type))
    predicted = [
        p for d, a in analyses.items() if d in ctx.docs for p in predicted_entities(a, mapping)
    ]
    pred_groups = _by(_settle_types(predicted, gold_groups, ctx.rule), lambda p: (p.doc, p.type))
    scores: dict[str, dict[tuple[str, str], Score]] = {"overlap": {}, "exact": {}}
    for key in sorted(set(gold_groups) | set(pred_groups)):
        gold, pred = gold_groups.get(key, []), pred_groups.get(key, [])
        for name in ("overlap", "exact"):
            matching = match_spans_one_to_one(
                [(p.start, p.end) for p in pred], [(g.start, g.end) for g in gold], name
            )
            scores[name][key] = matching.score(len(pred), len(gold))
            if name != ctx.rule:
                continue
            for i, p in enumerate(pred):
                if i not in matching.pred:
                    ctx.errors.append(
                        {
                            "eval": "re3d",
                            "item": "entity",
                            "error": "false_positive",
                            "type": p.type,
                            "doc": p.doc,
                            "folder": ctx.folder_of.get(p.doc),
                            "start": p.start,
                            "end": p.end,
                            "text": p.text,
                            "id": p.actor,
                            "sentence": ctx.sentence(p.doc, p.start, p.end),
                        }
                    )
            for i, g in enumerate(gold):
                if i not in matching.gold:
                    ctx.errors.append(
                        {
                            "eval": "re3d",
                            "item": "entity",
                            "error": "false_negative",
                            "type": g.type,
                            "doc": g.doc,
                            "folder": ctx.folder_of.get(g.doc),
                            "start": g.start,
                            "end": g.end,
                            "text": g.text,
                            "sentence": ctx.sentence(g.doc, g.start, g.end),
                        }
                    )
    secondary = "exact" if ctx.rule == "overlap" else "overlap"
    entities = {"match": ctx.rule, **ctx.summarise(scores[ctx.rule], types)}
    entities["named"] = _named_figure(gold_groups, pred_groups, mapping, ctx.rule)
    entities[secondary] = {
        k: v for k, v in ctx.summarise(scores[secondary], types).items() if k != "per_folder"
    }
    return entities


def _named_figure(
    gold_groups: dict[Any, list[GoldEntity]],
    pred_groups: dict[Any, list[PredictedMention]],
    mapping: Mapping[str, Any],
    rule: MatchRule,
) -> Score:
    """Organisations, people and places with pronouns left out ("we", "its"): the entity
    figure the issue's held-out re3d folders are scored by, so the two can be compared."""
    named = mapping.get("named_types") or ["Organisation", "Person", "Location"]
    pronouns = {str(p).lower() for p in mapping.get("pronouns") or []}

    def pronoun(text: str) -> bool:
        word = text.lower().strip().removesuffix("'s").removesuffix("’s")
        return word in pronouns

    scores = []
    for key, gold in sorted(gold_groups.items()):
        if key[1] not in named:
            continue
        kept = [g for g in gold if not pronoun(g.text)]
        pred = pred_groups.get(key, [])
        matching = match_spans_one_to_one(
            [(p.start, p.end) for p in pred], [(g.start, g.end) for g in kept], rule
        )
        scores.append(matching.score(len(pred), len(kept)))
    for key, pred in pred_groups.items():  # predictions where no gold of that type exists
        if key[1] in named and key not in gold_groups:
            scores.append(Score(n_pred=len(pred), n_gold=0, tp_pred=0, tp_gold=0))
    return total(scores)


def _score_relations(
    ctx: _Context,
    corpus: Re3dCorpus,
    analyses: Mapping[str, Analysis],
    mapping: Mapping[str, Any],
) -> dict[str, Any]:
    gold_rels, excluded = _gold_relations(corpus, mapping)
    gold_rels = [g for g in gold_rels if g.doc in ctx.docs]
    our_name = dict(mapping["relations"])
    gold_inst = [PairInstance(g.doc, our_name[g.type], (g.source,), (g.target,)) for g in gold_rels]
    preds = [
        p for d, a in analyses.items() if d in ctx.docs for p in predicted_relations(a, mapping)
    ]
    table: dict[tuple[str, str], Score] = {}
    gold_groups = _by(range(len(gold_inst)), lambda i: (gold_inst[i].doc, gold_inst[i].type))
    pred_groups = _by(range(len(preds)), lambda i: (preds[i].instance.doc, preds[i].instance.type))
    for key in sorted(set(gold_groups) | set(pred_groups)):
        gi, pi = gold_groups.get(key, []), pred_groups.get(key, [])
        symmetric = key[1] in SYMMETRIC_RELATIONS
        matching = match_any(
            [preds[i].instance for i in pi],
            [gold_inst[i] for i in gi],
            lambda p, g, s=symmetric: pair_matches(p, g, s, ctx.rule),
        )
        table[key] = matching.score(len(pi), len(gi))
        for n, i in enumerate(pi):
            if n not in matching.pred:
                p = preds[i]
                start, end = p.evidence or (0, 0)
                ctx.errors.append(
                    {
                        "eval": "re3d",
                        "item": "relation",
                        "error": "false_positive",
                        "type": p.instance.type,
                        "doc": p.instance.doc,
                        "folder": ctx.folder_of.get(p.instance.doc),
                        "id": p.relation,
                        "source": list(p.instance.source),
                        "target": list(p.instance.target),
                        "evidence": [start, end] if p.evidence else None,
                        "sentence": ctx.sentence(p.instance.doc, start, end) if p.evidence else "",
                    }
                )
        for n, i in enumerate(gi):
            if n not in matching.gold:
                g = gold_rels[i]
                lo, hi = min(g.source[0], g.target[0]), max(g.source[1], g.target[1])
                ctx.errors.append(
                    {
                        "eval": "re3d",
                        "item": "relation",
                        "error": "false_negative",
                        "type": our_name[g.type],
                        "gold_type": g.type,
                        "doc": g.doc,
                        "folder": ctx.folder_of.get(g.doc),
                        "source": list(g.source),
                        "target": list(g.target),
                        "source_text": g.source_text,
                        "target_text": g.target_text,
                        "sentence": ctx.sentence(g.doc, lo, hi),
                    }
                )
    return {
        "match": ctx.rule,
        **ctx.summarise(table, list(dict.fromkeys(our_name.values()))),
        "gold_names": {ours: theirs for theirs, ours in our_name.items()},
        "excluded_gold": excluded,
    }


def evaluate_re3d(
    corpus: Re3dCorpus,
    analyses: Mapping[str, Analysis],
    mapping: Mapping[str, Any] | None = None,
    rule: MatchRule = "overlap",
) -> Re3dResult:
    """Score analyses (keyed by re3d document id) against the gold corpus.

    Entities are matched one-to-one within a document and type (`rule`: overlap or exact;
    the other rule is reported as a secondary figure). Relations are matched any-to-any.
    Analyses of documents that are not in the corpus are ignored.
    """
    mapping = mapping or load_eval_data("re3d.yaml")
    ctx = _Context(
        docs={d.id: d for d in corpus.documents},
        folder_of={d.id: d.folder for d in corpus.documents},
        rule=rule,
    )
    entities = _score_entities(ctx, corpus, analyses, mapping)
    relations = _score_relations(ctx, corpus, analyses, mapping)
    return Re3dResult(len(ctx.docs), entities, relations, ctx.errors)


def analyse_corpus(corpus: Re3dCorpus, analyzer: Any, batch_size: int = 16) -> dict[str, Analysis]:
    """Run the analyzer over every document's text as is (no publication date is known)."""
    from flashpoint.model import Document

    documents = [Document(id=d.id, title=d.title, text=d.text) for d in corpus.documents]
    analyses = analyzer.analyze_many(documents, batch_size=batch_size)
    return {doc.id: analysis for doc, analysis in zip(documents, analyses, strict=True)}


def run_re3d(
    path: str | Path,
    analyzer: Any,
    mapping_file: str | Path | None = None,
    rule: MatchRule = "overlap",
) -> Re3dResult:
    """Load re3d from `path`, analyse its documents and score them."""
    corpus = load_re3d(path)
    mapping = load_eval_data("re3d.yaml", mapping_file)
    return evaluate_re3d(corpus, analyse_corpus(corpus, analyzer), mapping, rule)
