"""How many documents a corpus holds, counted cheaply, for an ingest's progress bar and ETA.

Reading a corpus for real checks every row (encoding, HTML, language), which costs about as
much per document as a good part of the analysis. The count only splits the file: CSV records
with the csv module (a quoted cell may span lines), JSONL non-blank lines, files in a folder as
`iter_corpus` picks them. It streams, stops at `limit`, and is an estimate: a row the real read
rejects is still counted. Standard input, URLs and feeds are not counted (None).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from flashpoint.ingest.corpus import (
    CSV_SUFFIXES,
    FEED_SUFFIXES,
    JSONL_SUFFIXES,
    STDIN,
    CorpusOptions,
)
from flashpoint.ingest.folder import folder_documents


class _Unknown(Exception):
    """A source whose number of documents cannot be told without reading it."""


def _csv_rows(path: Path, encoding: str | None, limit: int | None) -> int:
    from flashpoint.ingest.load import DEFAULT_MAX_BYTES

    csv.field_size_limit(DEFAULT_MAX_BYTES)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    rows = -1  # the header
    with path.open(encoding=encoding or "utf-8", errors="replace", newline="") as handle:
        try:
            for _ in csv.reader(handle, delimiter=delimiter):
                rows += 1
                if limit is not None and rows >= limit:
                    break
        except csv.Error:  # the real read stops here too, with one rejection
            rows += 1
    return max(rows, 0)


def _lines(path: Path, limit: int | None) -> int:
    lines = 0
    with path.open("rb") as handle:
        for line in handle:
            lines += bool(line.strip())
            if limit is not None and lines >= limit:
                break
    return lines


def _count_path(path: Path, options: CorpusOptions, limit: int | None) -> int:
    if path.is_dir():
        total = 0
        for child in folder_documents(path):
            total += _count_path(child, options, None if limit is None else limit - total)
            if limit is not None and total >= limit:
                break
        return total
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return _csv_rows(path, options.encoding, limit)
    if suffix in JSONL_SUFFIXES:
        return _lines(path, limit)
    if suffix in FEED_SUFFIXES:
        raise _Unknown(str(path))
    return 1


def count_documents(
    sources: Iterable[str], options: CorpusOptions | None = None, limit: int | None = None
) -> int | None:
    """The number of documents (at most `limit`) `iter_corpus` would read, or None when a
    source is standard input, a URL or a feed."""
    from flashpoint.ingest.fetch import is_url

    options = options or CorpusOptions()
    total = 0
    try:
        for source in sources:
            if limit is not None and total >= limit:
                break
            if source == STDIN or is_url(source):
                raise _Unknown(source)
            path = Path(source)
            left = None if limit is None else limit - total
            total += _count_path(path, options, left) if path.exists() else 1
    except (_Unknown, OSError):
        return None
    return total if limit is None else min(total, limit)
