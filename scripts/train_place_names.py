"""Train the place-or-actor model for names (`flashpoint/data/models/place_name.npz`).

    python scripts/train_place_names.py [--out PATH] [--seed 13]

Examples come from our own training passages (`data/training/events/*.jsonl`), never from
../shared: a name the geoparser resolves to a town, village, city or division, and that no
source, target or relation of the passage names, is a place; a name the NER calls an
organisation or a person that lies inside the passage's source, target or a relation end is an
actor. The names are the NER's own spans, so the model reads the same spans it will judge.
Folds never split a passage; the script prints the out-of-fold precision and recall of
"place" at a few thresholds, then fits on everything and writes the model.
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold

from flashpoint.geo import Geoparser
from flashpoint.models.features import hashed_counts
from flashpoint.models.linear import shipped_model_path
from flashpoint.models.place_names import MODEL_NAME, PlaceNameModel, context_text
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.train.run import fit_linear

PLACE_FEATURES = {"city", "town", "village", "admin1", "admin2", "region", "site", "airbase"}
TRAINING = Path(__file__).resolve().parents[1] / "src/flashpoint/data/training/events"


def _actor_strings(item: dict) -> list[str]:
    ends = [item.get("source"), item.get("target")]
    ends += [r.get(k) for r in item.get("relations") or [] for k in ("a", "b")]
    return [e for e in ends if e]


def examples(items: list[dict]) -> tuple[list[str], list[str], list[int]]:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=shipped_model_path(MODEL_NAME))
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--c", type=float, default=1.0)
    args = parser.parse_args()
    items = []
    for name in sorted(glob.glob(str(TRAINING / "*.jsonl"))):
        with open(name, encoding="utf-8") as handle:
            items += [json.loads(line) for line in handle if line.strip()]
    texts, labels, groups = examples(items)
    print(f"{len(texts)} names: {labels.count('place')} places, {labels.count('actor')} actors")
    counts = hashed_counts(texts)
    empty = np.zeros((len(texts), 0), np.float32)
    y = np.array(labels)
    scores = np.zeros(len(texts))
    for train, test in GroupKFold(n_splits=5).split(texts, labels, groups):
        model = fit_linear(counts[train], empty[train], list(y[train]), args.c, args.seed)
        scores[test] = PlaceNameModel(model).model.probabilities(model.design(counts[test], None))[
            :, model.labels.index("place")
        ]
    for threshold in (0.5, 0.7, 0.8, 0.9, 0.95):
        chosen = scores >= threshold
        tp = int((chosen & (y == "place")).sum())
        print(
            f"threshold {threshold}: place precision {tp / max(1, chosen.sum()):.3f}, "
            f"recall {tp / max(1, (y == 'place').sum()):.3f} (out of fold)"
        )
    final = fit_linear(
        counts,
        empty,
        labels,
        args.c,
        args.seed,
        groups=groups,
        meta={"trained_on": "data/training/events", "names": len(texts), "seed": args.seed},
    )
    final.save(args.out)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
