"""Training the place-or-actor model for names (`data/models/place_name.npz`).

Examples come from our own training passages, never from evaluation data: a name the
geoparser resolves to a town, village, city or division, and that no source, target or
relation of the passage names, is a place; a name the NER calls an organisation or a person
that lies inside the passage's source, target or a relation end is an actor. The names are
the NER's own spans, so the model reads the same spans it will judge.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from flashpoint.models.features import hashed_counts
from flashpoint.models.linear import LinearModel
from flashpoint.models.place_names import context_text

PLACE_FEATURES = {"city", "town", "village", "admin1", "admin2", "region", "site", "airbase"}
PLACE_NAME_C = 1.0


def _actor_strings(item: dict) -> list[str]:
    ends = [item.get("source"), item.get("target")]
    ends += [r.get(k) for r in item.get("relations") or [] for k in ("a", "b")]
    return [e for e in ends if e]


def read_items(paths: list[Path]) -> list[dict]:
    items: list[dict] = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            items += [json.loads(line) for line in handle if line.strip()]
    return items


def place_name_examples(items: list[dict]) -> tuple[list[str], list[str], list[int]]:
    """(context text, 'place' or 'actor', passage number) for each name the NER found."""
    from flashpoint.geo import Geoparser
    from flashpoint.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    geo = Geoparser(nlp=nlp)
    texts, labels, groups = [], [], []
    docs = nlp.pipe((item["text"] for item in items), batch_size=64)
    for number, (item, doc) in enumerate(zip(items, docs, strict=True)):
        actor_spans = []
        for surface in _actor_strings(item):
            start = item["text"].find(surface)
            if start >= 0:
                actor_spans.append((start, start + len(surface)))
        places = {
            (m.start, m.end)
            for p in geo.geoparse_doc(doc)
            if p.feature in PLACE_FEATURES
            for m in p.mentions
        }
        for ent in doc.ents:
            span = (ent.start_char, ent.end_char)
            in_actor = any(s <= span[0] and span[1] <= e for s, e in actor_spans)
            touches_actor = any(s < span[1] and span[0] < e for s, e in actor_spans)
            if span in places and not touches_actor:
                label = "place"
            elif ent.label_ in {"ORG", "PERSON"} and in_actor and span not in places:
                label = "actor"
            else:
                continue
            texts.append(context_text(doc, ent))
            labels.append(label)
            groups.append(number)
    return texts, labels, groups


def train_place_names(
    items: list[dict], seed: int, c: float = PLACE_NAME_C, folds: bool = False
) -> tuple[LinearModel | None, dict]:
    """The fitted model and a report: counts and, with `folds`, out-of-fold precision and
    recall of 'place' at a few thresholds (folds never split a passage). A corpus without
    both places and actors among its names gives no model (None)."""
    from flashpoint.train.fit import fit_linear

    texts, labels, groups = place_name_examples(items)
    report: dict = {"names": len(texts), "places": labels.count("place")}
    if len(set(labels)) < 2:
        return None, report
    counts = hashed_counts(texts)
    empty = np.zeros((len(texts), 0), np.float32)
    if folds and len(set(groups)) >= 5:
        y = np.array(labels)
        scores = np.zeros(len(texts))
        for train, test in GroupKFold(n_splits=5).split(texts, labels, groups):
            model = fit_linear(counts[train], empty[train], list(y[train]), c, seed)
            place = model.labels.index("place")
            scores[test] = model.probabilities(model.design(counts[test], None))[:, place]
        for threshold in (0.5, 0.7, 0.8, 0.9, 0.95):
            chosen = scores >= threshold
            tp = int((chosen & (y == "place")).sum())
            report[f"place_at_{threshold}"] = {
                "precision": round(tp / max(1, int(chosen.sum())), 3),
                "recall": round(tp / max(1, int((y == "place").sum())), 3),
            }
    model = fit_linear(
        counts,
        empty,
        labels,
        c,
        seed,
        groups=groups,
        meta={"trained_on": "data/training/events", "names": len(texts), "seed": seed},
    )
    return model, report
