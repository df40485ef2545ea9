"""Figures on our own labelled files that no eval command gives: casualty counts, event sources
and the PLOVER type of each sentence's main event, rules against learned.

    python scripts/dev_figures.py            # learned (the shipped models)
    python scripts/dev_figures.py --rules-only

The dev file is `src/flashpoint/data/eval/acled_dev.jsonl` (never trained on); the casualty
counter is also scored on the training files, whose figures its patterns were not written against.
"""

from __future__ import annotations

import argparse
import json

from flashpoint.evaluate.plover import chosen_event
from flashpoint.extract.fatalities import casualties
from flashpoint.model import Document
from flashpoint.pipeline import Analyzer
from flashpoint.train.corpus import load_corpus, shipped_dev_file, training_files


def _overlaps(actor, span) -> bool:  # noqa: ANN001
    return actor is not None and any(m.start < span[1] and span[0] < m.end for m in actor.mentions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules-only", action="store_true")
    args = parser.parse_args()
    analyzer = Analyzer.from_defaults(learned=not args.rules_only)
    dev = load_corpus([shipped_dev_file()])
    analyses = list(
        analyzer.analyze_many(Document(id=f"dev{n}", text=i.text) for n, i in enumerate(dev))
    )
    out: dict = {}
    typed = [(i, a) for i, a in zip(dev, analyses, strict=True) if i.plover != "NONE"]
    right = sum(1 for i, a in typed if (e := chosen_event(a)) is not None and e.type == i.plover)
    out["dev_plover_accuracy"] = round(right / len(typed), 3)
    stated = [(i, a) for i, a in zip(dev, analyses, strict=True) if i.killed]
    out["dev_tolls_stated"] = len(stated)
    out["dev_tolls_on_an_event"] = sum(
        1 for i, a in stated if any(e.fatalities == i.killed for e in a.events)
    )
    asserted = [e for a in analyses for e in a.events if e.modality == "asserted"]
    out["dev_asserted_events_with_source"] = round(
        sum(1 for e in asserted if e.source) / max(1, len(asserted)), 3
    )
    tp = predicted = gold = 0
    for item, analysis in zip(dev, analyses, strict=True):
        if item.label == "NONE" or not item.trigger:
            continue
        actors = {a.id: a for a in analysis.actors}
        first = next((e for e in analysis.events if e.modality == "asserted"), None)
        source = first.source if first else None
        predicted += source is not None
        gold += item.source is not None
        tp += bool(item.source and source and _overlaps(actors.get(source), item.source))
    out["dev_source_precision"] = round(tp / max(1, predicted), 3)
    out["dev_source_recall"] = round(tp / max(1, gold), 3)
    train = [i for i in load_corpus(training_files()) if i.label != "NONE"]
    docs = list(analyzer.nlp.pipe(i.text for i in train))
    exact = spurious = with_toll = 0
    for item, doc in zip(train, docs, strict=True):
        found = [c.killed for c in map(casualties, doc.sents) if c.killed is not None]
        killed = max(found) if found else None
        if item.killed:
            with_toll += 1
            exact += killed == item.killed
        elif killed:
            spurious += 1
    out["train_tolls_stated"] = with_toll
    out["train_tolls_exact"] = round(exact / max(1, with_toll), 3)
    out["train_toll_where_none_stated"] = spurious
    out["train_items_without_toll"] = len(train) - with_toll
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
