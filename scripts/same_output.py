"""Print the analysis of every article given, one JSON line each, so that two commits can be
compared byte for byte: a change meant to be faster, not different, must print the same.

    .venv/bin/python scripts/same_output.py examples/ --fakes 40 > after.jsonl
    PYTHONPATH=/tree/at/the/old/commit/src .venv/bin/python scripts/same_output.py \
        examples/ --fakes 40 > before.jsonl
    cmp before.jsonl after.jsonl

`--fakes N` adds N articles of ../shared/corpora/fa-kes (every k-th row, the same rows each
run); `--long N` adds the synthetic article of scripts/extract_scaling.py at N paragraphs.
The first line says which flashpoint was imported.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

FAKES = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora" / "fa-kes"


def _fakes(count: int) -> list[tuple[str, str]]:
    csv.field_size_limit(10_000_000)
    path = FAKES / "FA-KES-Dataset.csv"
    with path.open(encoding="latin-1", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if (r.get("article_content") or "").strip()]
    step = max(1, len(rows) // max(count, 1))
    return [(f"fa-kes:{i}", rows[i]["article_content"]) for i in range(0, len(rows), step)][:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, help="text files or folders of them")
    parser.add_argument("--fakes", type=int, default=0, help="FA-KES articles to add")
    parser.add_argument("--long", type=int, default=0, help="paragraphs of a synthetic article")
    args = parser.parse_args(argv)
    import flashpoint
    from flashpoint.ingest import load_document
    from flashpoint.model import Document
    from flashpoint.pipeline import Analyzer, document_id

    print(f"# flashpoint from {Path(flashpoint.__file__).parent}", file=sys.stderr)
    documents: list[tuple[str, Document]] = []
    for path in args.paths:
        files = (
            sorted(path.glob("*.txt")) + sorted(path.glob("*.html")) if path.is_dir() else [path]
        )
        for file in files:
            documents.append((file.name, load_document(str(file), check_language=False)))
    texts = _fakes(args.fakes) if args.fakes else []
    if args.long:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from extract_scaling import article

        texts.append((f"synthetic:{args.long}", article(args.long)))
    for name, text in texts:
        documents.append((name, Document(id=document_id(text), text=text, language="en")))
    analyzer = Analyzer.from_defaults()
    for name, document in documents:
        result = analyzer.analyze(document)
        print(f'{{"name": "{name}", "analysis": {result.model_dump_json()}}}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
