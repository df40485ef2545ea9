"""Reading a benchmark corpus: a JSONL file, a CSV file, or a directory of .txt files.

Only the texts matter to the benchmark; empty texts are skipped so that every document
costs something to parse.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from flashpoint.errors import BENCH_CORPUS_INVALID, INPUT_NOT_FOUND, FlashpointError


def _jsonl(path: Path, field: str, encoding: str) -> Iterator[str]:
    with path.open(encoding=encoding) as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FlashpointError(
                    BENCH_CORPUS_INVALID, f"{path}:{number}: not JSON ({exc.msg})"
                ) from exc
            if not isinstance(row, dict) or field not in row:
                raise FlashpointError(
                    BENCH_CORPUS_INVALID, f"{path}:{number}: no {field!r} field (use --text-column)"
                )
            yield str(row[field] or "")


def _csv(path: Path, column: str, encoding: str) -> Iterator[str]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None or column not in reader.fieldnames:
            found = ", ".join(reader.fieldnames or [])
            raise FlashpointError(
                BENCH_CORPUS_INVALID,
                f"{path}: no column {column!r} (columns: {found}); pass --text-column NAME",
            )
        for row in reader:
            yield row[column] or ""


def _directory(path: Path, encoding: str) -> Iterator[str]:
    files = sorted(p for p in path.rglob("*.txt") if p.is_file())
    if not files:
        raise FlashpointError(BENCH_CORPUS_INVALID, f"{path}: no .txt files in this directory")
    for file in files:
        yield file.read_text(encoding=encoding)


def read_texts(
    path: str | Path,
    *,
    text_column: str | None = None,
    encoding: str = "utf-8",
    limit: int | None = None,
) -> list[str]:
    """The non-empty texts of a corpus, at most `limit` of them.

    text_column: the JSONL field or CSV column holding the text (default `text`).
    encoding: the file encoding, e.g. latin-1 for FA-KES.
    """
    corpus = Path(path)
    if not corpus.exists():
        raise FlashpointError(INPUT_NOT_FOUND, f"corpus not found: {corpus}")
    field = text_column or "text"
    suffix = corpus.suffix.lower()
    if corpus.is_dir():
        texts: Iterator[str] = _directory(corpus, encoding)
    elif suffix in (".jsonl", ".ndjson"):
        texts = _jsonl(corpus, field, encoding)
    elif suffix in (".csv", ".tsv"):
        texts = _csv(corpus, field, encoding)
    else:
        raise FlashpointError(
            BENCH_CORPUS_INVALID, f"{corpus}: expected a .jsonl or .csv file or a directory"
        )
    try:
        return list(islice((t for t in texts if t.strip()), limit))
    except UnicodeDecodeError as exc:
        raise FlashpointError(
            BENCH_CORPUS_INVALID, f"{corpus}: not {encoding} text; pass --encoding (e.g. latin-1)"
        ) from exc
