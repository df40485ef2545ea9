"""Fitting the event and relation classifiers: seeded, single-process, a few minutes on a laptop.

>>> report = train_all(out=Path("models/"), seed=13)
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sklearn.metrics import accuracy_score, f1_score

from flashpoint.errors import EVAL_OUTPUT_UNWRITABLE, FlashpointError
from flashpoint.model import SYMMETRIC_RELATIONS
from flashpoint.models.classifiers import REVERSED, between_text, pair_text
from flashpoint.models.features import clause_tokens, embedder, hashed_counts, pair_parse_tokens
from flashpoint.models.linear import LinearModel
from flashpoint.models.place_names import MODEL_NAME as PLACE_MODEL
from flashpoint.train.corpus import Item, load_corpus, shipped_dev_file, training_files
from flashpoint.train.fit import fit_linear
from flashpoint.train.place_names import read_items, train_place_names

# chosen on the dev file (docs/training-data.md): n-grams and embeddings together, mild L2
EVENT_C = 8.0
RELATION_C = 4.0
EMBED_DIM = 256
CLAUSE_WEIGHT = 3.0  # main-clause counts beside the sentence's (chosen on the dev files)


@dataclass
class TrainReport:
    items: int
    event_examples: int
    relation_examples: int
    seconds: float
    place_names: int = 0
    dev: dict = field(default_factory=dict)
    files: list[str] = field(default_factory=list)


def _parses(items: list[Item]) -> list:  # list[Doc]
    """Each item parsed by the pipeline the analysis uses (the relation features read it)."""
    from flashpoint.nlp.pipeline import load_pipeline

    return list(load_pipeline().pipe([i.text for i in items]))


def _entities(docs: list) -> list[list[tuple[int, int]]]:  # docs: list[Doc]
    return [
        [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ENTITY_LABELS] for doc in docs
    ]


def event_examples(
    items: list[Item], docs: list | None = None
) -> tuple[list, list[str], list[str], list[int]]:
    """Each passage, and the sentence holding its trigger when the passage has several, as
    spaCy spans of the items' parses (`docs`, parsed here when not given); the last list says
    which item each example comes from (folds keep an item's examples together)."""
    examples, acled, plover, groups = [], [], [], []
    docs = docs if docs is not None else _parses(items)
    for n, (item, doc) in enumerate(zip(items, docs, strict=True)):
        examples.append(doc[:])
        acled.append(item.label)
        plover.append(item.plover)
        groups.append(n)
        sents = list(doc.sents)
        if len(sents) < 2:
            continue
        for sent in sents:
            holds = item.trigger is not None and sent.start_char <= item.trigger[0] < sent.end_char
            if holds or item.label == "NONE":
                examples.append(sent)
                acled.append(item.label)
                plover.append(item.plover)
                groups.append(n)
    return examples, acled, plover, groups


def relation_label(kind: str, first_is_a: bool) -> str:
    if kind == "none":
        return "none"
    if kind in SYMMETRIC_RELATIONS or first_is_a:
        return kind
    return kind + REVERSED


IMPLICIT_NEGATIVES = 2  # per item: unlabelled entity pairs taught as "none"
ENTITY_LABELS = {"ORG", "PERSON", "GPE", "NORP"}


def _implicit_negatives(item: Item, entities: list[tuple[int, int]]) -> list[tuple]:
    """Pairs of named entities the author did not relate: real text is mostly such pairs, and
    a classifier that only ever saw annotated pairs calls too many of them related."""

    def touches(span: tuple[int, int], other: tuple[int, int]) -> bool:
        return span[0] < other[1] and other[0] < span[1]

    labelled = [(p.a, p.b) for p in item.relations]
    out = []
    for i, a in enumerate(entities):
        for b in entities[i + 1 :]:
            if a[1] > b[0] or any(
                touches(a, x) and touches(b, y) or touches(a, y) and touches(b, x)
                for x, y in labelled
            ):
                continue
            out.append((a, b))
            if len(out) == IMPLICIT_NEGATIVES:
                return out
    return out


def relation_examples(
    items: list[Item], docs: list | None = None
) -> tuple[list[str], list[str], list[str], list[int]]:
    """Pair strings (with the parse features when `docs`, the items' parses, are given),
    the words between, labels and item numbers."""
    strings, betweens, labels, groups = [], [], [], []
    entities = _entities(docs) if docs is not None else None

    def pair_string(n: int, first: tuple[int, int], second: tuple[int, int]) -> str:
        text = pair_text(items[n].text, first, second)
        return f"{text} {pair_parse_tokens(docs[n], first, second)}" if docs else text

    for n, item in enumerate(items):
        for first, second in _implicit_negatives(item, entities[n]) if entities else []:
            strings.append(pair_string(n, first, second))
            betweens.append(between_text(item.text, first, second))
            labels.append("none")
            groups.append(n)
        for pair in item.relations:
            first, second = sorted([pair.a, pair.b])
            if first[1] > second[0]:
                continue  # overlapping mentions
            strings.append(pair_string(n, first, second))
            betweens.append(between_text(item.text, first, second))
            labels.append(relation_label(pair.type, first == pair.a))
            groups.append(n)
    return strings, betweens, labels, groups


def train_events(
    items: list[Item],
    seed: int,
    docs: list | None = None,
    clause_features: bool = True,
    clause_weight: float = CLAUSE_WEIGHT,
) -> tuple[LinearModel, LinearModel, int]:
    """Both event heads; with `clause_features`, they also read each sentence's main clause
    (`models/features.py`, `clause_tokens`) and need the parse at inference."""
    examples, acled, plover, groups = event_examples(items, docs)
    texts = [span.text for span in examples]
    extra = [clause_tokens(span) for span in examples] if clause_features else None
    counts = hashed_counts(texts, extra=extra, extra_weight=clause_weight)
    dense = embedder(EMBED_DIM).embed(texts)
    meta = {"examples": len(texts), "c": EVENT_C, "seed": seed}
    if clause_features:
        meta["clause_features"] = 1
        if clause_weight != 1.0:
            meta["clause_weight"] = clause_weight
    acled_model = fit_linear(counts, dense, acled, EVENT_C, seed, groups, meta=meta)
    plover_model = fit_linear(counts, dense, plover, EVENT_C, seed, groups, meta=meta)
    return acled_model, plover_model, len(texts)


def train_relations(
    items: list[Item], seed: int, docs: list | None = None
) -> tuple[LinearModel, int]:
    strings, betweens, labels, groups = relation_examples(
        items, docs if docs is not None else _parses(items)
    )
    counts = hashed_counts(strings, chars=False)
    dense = embedder(EMBED_DIM).embed(betweens)
    meta = {"examples": len(strings), "c": RELATION_C, "seed": seed, "parse_features": 1}
    model = fit_linear(counts, dense, labels, RELATION_C, seed, groups, meta=meta)
    return model, len(strings)


def dev_scores(folder: Path, dev_items: list[Item]) -> dict:
    """Sentence-level figures on the dev file: the classifiers alone, not the pipeline."""
    from flashpoint.models.classifiers import Models

    models = Models.load(folder)
    docs = _parses(dev_items) if models.events.reads_parse else None
    predictions = models.events.classify(
        [d[:] for d in docs] if docs is not None else [i.text for i in dev_items]
    )
    gold = [i.label for i in dev_items]
    guess = [p.acled if p.is_event else "NONE" for p in predictions]
    gold_p = [i.plover for i in dev_items]
    guess_p = [p.plover if p.no_plover < 0.5 else "NONE" for p in predictions]
    return {
        "items": len(dev_items),
        "acled_accuracy": round(accuracy_score(gold, guess), 3),
        "acled_weighted_f1": round(float(f1_score(gold, guess, average="weighted")), 3),
        "acled_macro_f1": round(float(f1_score(gold, guess, average="macro")), 3),
        "plover_accuracy": round(accuracy_score(gold_p, guess_p), 3),
        **relation_dev_scores(models.relations, dev_items),
    }


def relation_dev_scores(classifier, dev_items: list[Item]) -> dict:  # noqa: ANN001
    """The relation classifier alone on the dev file's labelled pairs (direction counts)."""
    docs = _parses(dev_items) if classifier.reads_parse else [None] * len(dev_items)
    gold, guess = [], []
    for item, doc in zip(dev_items, docs, strict=True):
        pairs = [sorted([p.a, p.b]) + [p] for p in item.relations]
        pairs = [(a, b, p) for a, b, p in pairs if a[1] <= b[0]]
        found = classifier.classify(item.text, [(a, b) for a, b, _ in pairs], doc)
        for (a, _, pair), prediction in zip(pairs, found, strict=True):
            gold.append(relation_label(pair.type, a == pair.a))
            guess.append(
                relation_label(prediction.type, prediction.forward)
                if prediction.type != "none"
                else "none"
            )
    if not gold:
        return {}
    return {
        "relation_pairs": len(gold),
        "relation_accuracy": round(accuracy_score(gold, guess), 3),
        "relation_macro_f1": round(float(f1_score(gold, guess, average="macro")), 3),
    }


def train_all(
    out: Path,
    seed: int = 13,
    files: list[Path] | None = None,
    dev: Path | None = None,
    progress: Callable[[str], None] = lambda _: None,
) -> TrainReport:
    """Train every model from `files` (default: the shipped corpus) into `out`."""
    started = time.perf_counter()
    np.random.seed(seed)
    paths = files or training_files()
    items = load_corpus(paths)
    progress(f"{len(items)} labelled items from {len(paths)} files")
    docs = _parses(items)  # one parse serves both kinds of example
    acled_model, plover_model, n_events = train_events(items, seed, docs)
    progress(f"event classifiers: {n_events} examples")
    relation_model, n_relations = train_relations(items, seed, docs)
    progress(f"relation classifier: {n_relations} examples")
    place_model, place_report = train_place_names(read_items(paths), seed)
    progress(f"place-or-actor model: {place_report['names']} names")
    try:
        out.mkdir(parents=True, exist_ok=True)
        acled_model.save(out / "event_acled.npz")
        plover_model.save(out / "event_plover.npz")
        relation_model.save(out / "relation.npz")
        if place_model is not None:  # a corpus too small for one keeps the shipped model
            place_model.save(out / f"{PLACE_MODEL}.npz")
    except OSError as exc:
        raise FlashpointError(
            EVAL_OUTPUT_UNWRITABLE, f"cannot write the models to {out}: {exc.strerror or exc}"
        ) from exc
    report = TrainReport(
        items=len(items),
        event_examples=n_events,
        relation_examples=n_relations,
        seconds=0.0,
        place_names=place_report["names"],
        files=[p.name for p in paths],
    )
    dev_path = dev if dev is not None else shipped_dev_file()
    if dev_path.is_file():
        report.dev = dev_scores(out, load_corpus([dev_path]))
    report.seconds = round(time.perf_counter() - started, 1)
    return report
