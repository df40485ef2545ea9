"""Draw a seeded sample of the relations flashpoint extracts from a corpus, for reading by hand.

    python scripts/sample_relations.py ../shared/corpora/fa-kes/FA-KES-Dataset.csv out.jsonl \
        --text-column article_content --encoding latin-1 --documents 150 --relations 100

Each line holds one relation with its two actors' names and the sentence it rests on; the
reader adds `"correct": true|false` and a `"why"`. docs/relations-read.md reports the result.

`--exclude-read docs/relations-read.md` leaves out every article that an earlier reading's
table already drew on (its "FA-KES row" column), so a new reading judges unread articles only.
`--date-column date` gives each article its publication date (a CSV column), as
`flashpoint ingest --date-column` does, so the registry's dates (an actor's lifetime, a
patron's years) apply; the readings up to the tenth were drawn without it.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import sys
from pathlib import Path

from flashpoint.evaluate.corpus import read_texts
from flashpoint.ingest.corpus import parse_date
from flashpoint.model import Document
from flashpoint.pipeline import Analyzer, document_id


def reading_rows(report: Path) -> list[dict[str, str]]:
    """Each row of every table in a readings page whose header has a "FA-KES row" column, as
    header -> cell."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    for line in report.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not line.lstrip().startswith("|"):
            header = None
        elif "FA-KES row" in cells:
            header = cells
        elif header is not None and cells[header.index("FA-KES row")].isdigit():
            rows.append(dict(zip(header, cells, strict=False)))
    return rows


def rows_already_read(report: Path) -> set[int]:
    """The corpus rows of every table in a readings page whose header has a "FA-KES row" column."""
    return {int(row["FA-KES row"]) for row in reading_rows(report)}


def csv_dates(path: str, text_column: str, date_column: str, encoding: str) -> list[dt.date | None]:
    """The date of each non-empty text, in the order `read_texts` gives the texts."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with open(path, encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        if date_column not in (reader.fieldnames or []):
            raise SystemExit(f"{path}: no column {date_column!r}")
        return [parse_date(row[date_column]) for row in reader if (row[text_column] or "").strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("out")
    parser.add_argument("--text-column", default="text")
    parser.add_argument("--encoding", default="utf-8")
    parser.add_argument("--documents", type=int, default=150)
    parser.add_argument("--relations", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--exclude-read",
        type=Path,
        help="a readings page (docs/relations-read.md): leave out the rows its tables list",
    )
    parser.add_argument("--date-column", help="a CSV column with each article's date")
    args = parser.parse_args()
    texts = read_texts(args.corpus, text_column=args.text_column, encoding=args.encoding)
    dates: list[dt.date | None] = [None] * len(texts)
    if args.date_column:
        dates = csv_dates(args.corpus, args.text_column, args.date_column, args.encoding)
    rng = random.Random(args.seed)
    read = rows_already_read(args.exclude_read) if args.exclude_read else set()
    unread = [i for i in range(len(texts)) if i not in read]
    chosen = sorted(rng.sample(unread, min(args.documents, len(unread))))
    analyzer = Analyzer.from_defaults()
    documents = [
        Document(id=document_id(texts[i]), text=texts[i], published=dates[i]) for i in chosen
    ]
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
    skipped = f" ({len(read)} rows already read left out)" if read else ""
    print(
        f"{len(found)} relations in {len(chosen)} documents{skipped}; "
        f"{len(sample)} sampled to {args.out}"
    )


if __name__ == "__main__":
    main()
