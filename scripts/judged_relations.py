"""Score the relations flashpoint finds now against every relation read by hand so far.

    python scripts/judged_relations.py ../shared/corpora/fa-kes/FA-KES-Dataset.csv \
        docs/relations-read.md --text-column article_content --encoding latin-1 [--json]

The readings page (docs/relations-read.md) judges each relation by its FA-KES row, type and
two actors' names. This reruns the analysis on those rows, matches what it finds by the same
keys (ally_of and enemy_of either way round), and prints how many judged relations are still
found, how many of them are right, and the precision by confidence band. Relations the code
finds that no reading judged are counted, not scored. The readings are the set the relation
rules were tuned on: figures from it are in-sample; a fresh reading is the check.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from sample_relations import reading_rows  # scripts/ is on the path when run as a script

from flashpoint.evaluate.corpus import read_texts
from flashpoint.model import Document
from flashpoint.pipeline import Analyzer, document_id

SYMMETRIC = {"ally_of", "enemy_of"}
BANDS = [(0.85, "0.85-1"), (0.70, "0.70-0.84"), (0.50, "0.50-0.69"), (0.0, "under 0.50")]


def judged_relations(page: Path) -> dict[tuple[int, str, str, str], bool]:
    """(row, type, source, target) -> judged right, from every table with a "FA-KES row"."""
    out: dict[tuple[int, str, str, str], bool] = {}
    for row in reading_rows(page):
        verdict = row.get("correct", "").lower()
        if verdict in {"yes", "no"}:
            key = _key(int(row["FA-KES row"]), row["type"], row["source"], row["target"])
            out[key] = verdict == "yes"
    return out


def _key(row: int, type_: str, source: str, target: str) -> tuple[int, str, str, str]:
    if type_ in SYMMETRIC:
        source, target = sorted((source, target))
    return row, type_, source, target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("readings", type=Path)
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--encoding", default="utf-8")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    judged = judged_relations(args.readings)
    texts = read_texts(args.corpus, text_column=args.text_column, encoding=args.encoding)
    rows = sorted({key[0] for key in judged})
    analyzer = Analyzer.from_defaults()
    documents = [Document(id=document_id(texts[i]), text=texts[i]) for i in rows]
    found = 0
    bands = {name: [0, 0] for _, name in BANDS}
    for row, analysis in zip(rows, analyzer.analyze_many(documents), strict=True):
        names = {a.id: a.name for a in analysis.actors}
        for relation in analysis.relations:
            found += 1
            key = _key(
                row,
                relation.type,
                names.get(relation.source, relation.source),
                names.get(relation.target, relation.target),
            )
            if key in judged:
                band = next(name for floor, name in BANDS if relation.confidence >= floor)
                bands[band][0] += judged[key]
                bands[band][1] += 1
    matched = sum(n for _, n in bands.values())
    right = sum(r for r, _ in bands.values())
    report = {
        "judged": len(judged),
        "articles": len(rows),
        "relations_found": found,
        "judged_still_found": matched,
        "right": right,
        "by_confidence": {name: {"right": r, "n": n} for name, (r, n) in bands.items()},
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(
        f"{matched} of {len(judged)} judged relations still found "
        f"({found} found in all), {right} right"
    )
    for name, (r, n) in bands.items():
        print(f"  confidence {name:>10}: {r} of {n} right" + (f" ({r / n:.2f})" if n else ""))


if __name__ == "__main__":
    main()
