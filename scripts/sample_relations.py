"""Draw a seeded sample of the relations flashpoint extracts from a corpus, for reading by hand.

    python scripts/sample_relations.py ../shared/corpora/fa-kes/FA-KES-Dataset.csv out.jsonl \
        --text-column article_content --encoding latin-1 --documents 150 --relations 100

Each line holds one relation with its two actors' names and the sentence it rests on; the
reader adds `"correct": true|false` and a `"why"`. docs/relations-read.md reports the result.
"""

from __future__ import annotations

import argparse
import json
import random

from flashpoint.evaluate.corpus import read_texts
from flashpoint.model import Document
from flashpoint.pipeline import Analyzer, document_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--encoding", default="utf-8")
    parser.add_argument("--documents", type=int, default=150)
    parser.add_argument("--relations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    texts = read_texts(args.corpus, text_column=args.text_column, encoding=args.encoding)
    rng = random.Random(args.seed)
    chosen = sorted(rng.sample(range(len(texts)), min(args.documents, len(texts))))
    analyzer = Analyzer.from_defaults()
    documents = [Document(id=document_id(texts[i]), text=texts[i]) for i in chosen]
    found = []
    for position, analysis in zip(chosen, analyzer.analyze_many(documents), strict=True):
        names = {a.id: a.name for a in analysis.actors}
        for relation in analysis.relations:
            evidence = relation.evidence[0] if relation.evidence else None
            found.append(
                {
                    "row": position,
                    "type": relation.type,
                    "source": names.get(relation.source, relation.source),
                    "target": names.get(relation.target, relation.target),
                    "confidence": relation.confidence,
                    "evidence": evidence.text if evidence else "",
                }
            )
    sample = rng.sample(found, min(args.relations, len(found)))
    sample.sort(key=lambda r: (r["row"], r["type"], r["source"], r["target"]))
    with open(args.out, "w", encoding="utf-8") as handle:
        for row in sample:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(found)} relations in {len(chosen)} documents; {len(sample)} sampled to {args.out}")


if __name__ == "__main__":
    main()
