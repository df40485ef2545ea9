"""Read many documents at once: directories, JSONL and CSV corpora, RSS/Atom feeds and URLs.

`iter_corpus` turns each source into a stream of `CorpusItem`s: a checked `Document`, or a
rejection with its error code and reason, so one bad row never stops a corpus.

    >>> options = CorpusOptions(encoding="latin-1")
    >>> for item in iter_corpus(["FA-KES-Dataset.csv"], options):
    ...     print(item.source, item.document.id if item.document else item.reason)

Column names are detected (`text`, `content`, `article_content`, `body` ...) unless given.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from flashpoint.errors import (
    INPUT_BAD_HTML,
    INPUT_NO_TEXT,
    INPUT_NOT_FOUND,
    INPUT_TOO_LARGE,
    FlashpointError,
)
from flashpoint.ingest.folder import folder_documents, sidecar_metadata
from flashpoint.model import Document

TEXT_COLUMNS = ("text", "content", "article_content", "body", "article", "full_text")
TITLE_COLUMNS = ("title", "article_title", "headline")
DATE_COLUMNS = ("published", "date", "publish_date", "published_at", "pubdate")
URL_COLUMNS = ("url", "link", "article_url")
OUTLET_COLUMNS = ("outlet", "source", "publisher", "site", "source_name")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
STDIN = "-"
_BLOCK_END = re.compile(r"<br\s*/?>|</(p|div|li|h[1-6]|blockquote)>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")
_MONTH_DAY_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


@dataclass
class CorpusOptions:
    """How to read tabular corpora; a column left None is detected from common names."""

    text_column: str | None = None
    title_column: str | None = None
    date_column: str | None = None
    url_column: str | None = None
    outlet_column: str | None = None
    encoding: str | None = None
    check_language: bool = True
    stdin_format: str = "auto"  # how `-` is read: "text", "jsonl", or "auto" (by its first line)
    allow_hosts: tuple[str, ...] = ()  # non-public hosts a URL may reach (see ingest.fetch)


@dataclass(frozen=True)
class CorpusItem:
    """One document of a corpus, or the reason it could not be read."""

    source: str
    document: Document | None = None
    code: str | None = None
    reason: str | None = None

    @property
    def ok(self) -> bool:
        return self.document is not None


def parse_date(value: Any) -> dt.date | None:
    """A publication date from a corpus cell: ISO first, then dateparser (month first)."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    numeric = _MONTH_DAY_YEAR.fullmatch(text)
    if numeric:  # what dateparser reads month first, without its 3 ms a cell
        month, day, year = map(int, numeric.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            pass  # 13/1/2017: dateparser reads the day first
    import dateparser

    parsed = dateparser.parse(
        text, languages=["en"], settings={"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date() if parsed else None


def _pick(row: dict[str, Any], wanted: str | None, candidates: tuple[str, ...]) -> Any:
    if wanted is not None:
        return row.get(wanted)
    lowered = {str(k).strip().lower(): v for k, v in row.items()}
    for name in candidates:
        if lowered.get(name) not in (None, ""):
            return lowered[name]
    return None


# A metadata cell longer than this, or holding a line break, in a CSV row is the mark of a
# broken quote that ran rows together: the row is refused instead of stored as junk.
MAX_CELL_META_CHARS = 1000
_META_FIELDS = ("title", "outlet", "url", "date")


class ColumnMissing(FlashpointError):
    """The column the user named is in no row: a mistake in the command, not in one row,
    so it stops the run (exit non-zero) instead of rejecting every row."""


class _BadRow(Exception):
    """A row whose fields cannot make a document; the message says which and why."""


def _as_text(value: Any, what: str) -> str | None:
    """A cell as a string. The text must be one (`12345` or `{"a": 1}` is not an article);
    metadata may be a number (a title "1984"), or an object with a "name" (NewsAPI's
    `"source": {"id": ..., "name": "Reuters"}`); other metadata values are left out."""
    if value is None or isinstance(value, str):
        return value
    if what == "text":
        kind = {bool: "a boolean", dict: "an object", list: "a list"}.get(type(value), "a number")
        raise _BadRow(f"the text is {kind}, not a string")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, dict) and isinstance(value.get("name"), str):
        return value["name"]
    return None


def _row_fields(row: dict[str, Any], options: CorpusOptions, tabular: bool) -> dict[str, Any]:
    wanted = {
        "text": (options.text_column, TEXT_COLUMNS),
        "title": (options.title_column, TITLE_COLUMNS),
        "outlet": (options.outlet_column, OUTLET_COLUMNS),
        "url": (options.url_column, URL_COLUMNS),
        "date": (options.date_column, DATE_COLUMNS),
    }
    fields: dict[str, Any] = {}
    for what, (column, candidates) in wanted.items():
        fields[what] = _as_text(_pick(row, column, candidates), what)
    for what in _META_FIELDS if tabular else ():
        value = fields[what]
        if not isinstance(value, str):
            continue
        marks = ["a line break"] if "\n" in value.strip() else []
        if len(value) > MAX_CELL_META_CHARS:
            marks.append(f"{len(value):,} characters")
        if marks:
            raise _BadRow(
                f"the {what} cell holds {' and '.join(marks)}: "
                "a broken quote has probably run rows together"
            )
    return fields


def _row_item(
    row: dict[str, Any], source: str, options: CorpusOptions, *, tabular: bool = False
) -> CorpusItem:
    """A document from one CSV/JSONL row, through the same checks as a single file."""
    from flashpoint.ingest.load import document_from_text

    try:
        fields = _row_fields(row, options, tabular)
    except _BadRow as exc:
        return CorpusItem(source, code=INPUT_BAD_HTML, reason=str(exc))
    text, title, outlet, url = fields["text"], fields["title"], fields["outlet"], fields["url"]
    if text is None or not text.strip():
        column = options.text_column or "/".join(TEXT_COLUMNS[:4])
        return CorpusItem(source, code=INPUT_NO_TEXT, reason=f"no text in column {column}")
    try:
        document = document_from_text(
            text,
            title=title.strip() if title else None,
            outlet=outlet.strip() if outlet else None,
            published=parse_date(fields["date"]),
            url=url.strip() if url else None,
            check_language=options.check_language,
            source=source,
            origin=source,
        )
    except FlashpointError as exc:
        return CorpusItem(source, code=exc.code, reason=exc.message)
    return CorpusItem(source, document=document)


def _csv_lines(text: str) -> tuple[list[str], str]:
    """Lines as `open(newline="")` gives them to the csv module (ends kept, split at \\n, \\r
    and \\r\\n only), and the unfinished last one: no "\\n" yet (a "\\r" may be followed by one)."""
    lines = io.StringIO(text, newline="").readlines()
    rest = lines.pop() if lines and not lines[-1].endswith("\n") else ""
    return lines, rest


def _jsonl_lines(text: str) -> tuple[list[str], str]:
    """Lines as `str.splitlines` splits them (ends kept), and the unfinished last one."""
    lines = text.splitlines(keepends=True)
    last = lines[-1] if lines else "\n"
    unfinished = last.endswith("\r") or last.splitlines()[0] == last
    return lines[:-1] if unfinished else lines, last if unfinished else ""


def _read_lines(
    path: Path, options: CorpusOptions, split: Callable[[str], tuple[list[str], str]]
) -> Iterator[str]:
    """The lines of a corpus file, decoded as a stream (`checks.decode_stream`): memory holds
    one read of the file and the line being read, never the whole file. A wrong encoding
    raises the `FlashpointError` that decoding the file whole would, when the read that holds
    the bad byte is reached (for a file under 1 MiB, before any line)."""
    from flashpoint.ingest.checks import decode_stream

    try:
        handle = path.open("rb")
    except OSError as exc:
        raise FlashpointError(INPUT_NOT_FOUND, f"cannot read {path}: {exc.strerror}") from exc
    with handle:
        rest = ""
        for text in decode_stream(handle, str(path), options.encoding):
            lines, rest = split(rest + text)
            yield from lines
        if rest:
            yield rest


def read_csv(path: Path, options: CorpusOptions) -> Iterator[CorpusItem]:
    """One item per row; `.tsv` files are tab-separated.

    Quoting is read strictly: a stray quote or a cell over the size limit stops the file with
    one rejection that says where (the rows after it cannot be told apart reliably)."""
    from flashpoint.ingest.load import DEFAULT_MAX_BYTES

    lines = _read_lines(path, options, _csv_lines)
    csv.field_size_limit(DEFAULT_MAX_BYTES)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.DictReader(lines, delimiter=delimiter, strict=True)
    number = 0
    try:
        fieldnames = reader.fieldnames
        if options.text_column and options.text_column not in (fieldnames or []):
            raise ColumnMissing(
                INPUT_NO_TEXT, f"{path} has no column {options.text_column!r}: {fieldnames}"
            )
        for number, row in enumerate(reader, start=1):  # noqa: B007 - read after the loop
            yield _row_item(row, f"{path}#row={number}", options, tabular=True)
    except csv.Error as exc:
        reason = (
            f"broken CSV at line {reader.line_num:,} ({exc}); "
            f"{number:,} rows read before it, the rest of the file is not read"
        )
        yield CorpusItem(f"{path}#row={number + 1}", code=INPUT_BAD_HTML, reason=reason)


def read_jsonl(path: Path, options: CorpusOptions) -> Iterator[CorpusItem]:
    """One item per line holding a JSON object; a broken line is rejected, not fatal."""
    lines = _read_lines(path, options, _jsonl_lines)
    yield from _jsonl_items((line.splitlines()[0] for line in lines), str(path), options)


def _jsonl_items(lines: Iterable[str], origin: str, options: CorpusOptions) -> Iterator[CorpusItem]:
    from flashpoint.ingest.load import DEFAULT_MAX_BYTES

    with_column = 0
    objects = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        source = f"{origin}#line={number}"
        if len(line) > DEFAULT_MAX_BYTES:
            reason = f"line is longer than {DEFAULT_MAX_BYTES:,} characters"
            yield CorpusItem(source, code=INPUT_TOO_LARGE, reason=reason)
            continue
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as exc:
            message = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
            yield CorpusItem(source, code=INPUT_BAD_HTML, reason=f"invalid JSON: {message}")
            continue
        if not isinstance(row, dict):
            yield CorpusItem(source, code=INPUT_BAD_HTML, reason="line is not a JSON object")
            continue
        objects += 1
        with_column += options.text_column in row if options.text_column else 1
        yield _row_item(row, source, options)
    if options.text_column and objects and not with_column:
        raise ColumnMissing(
            INPUT_NO_TEXT, f"{origin}: no line has the field {options.text_column!r}"
        )


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed entry is a fragment, not a page to extract from)."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    marked = _BLOCK_END.sub("\n\n", html)
    try:
        return lxml_html.fragment_fromstring(marked, create_parent="div").text_content()
    except (ParserError, ValueError):  # ValueError: a NUL or control character lxml refuses
        return _TAG.sub(" ", marked)


def _entry_text(entry: Any) -> tuple[str | None, bool]:
    """The fullest text an entry carries, and whether it is HTML."""
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return value, "html" in (content.get("type") or "")
    summary = entry.get("summary")
    if summary:
        detail = entry.get("summary_detail") or {}
        return summary, "html" in (detail.get("type") or "text/html")
    return None, False


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _harmless_feed_errors() -> tuple[type, ...]:
    """feedparser's notes that lose nothing: a declared encoding it had to correct."""
    import feedparser

    return (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def read_feed(data: bytes, origin: str, options: CorpusOptions) -> Iterator[CorpusItem]:
    """One item per RSS/Atom entry, from the text the feed itself carries."""
    import feedparser

    from flashpoint.ingest.load import document_from_text

    _HARMLESS_FEED_ERRORS = _harmless_feed_errors()
    # A stream, never bytes: feedparser opens bytes that name a file (b"/etc/passwd") as a
    # path. Its SAX parser does not fetch external entities, and strips unsafe DOCTYPEs.
    feed = feedparser.parse(io.BytesIO(data))
    if feed.bozo and not feed.entries:
        reason = f"not a readable RSS/Atom feed: {feed.get('bozo_exception')}"
        yield CorpusItem(origin, code=INPUT_BAD_HTML, reason=reason)
        return
    if feed.bozo and not isinstance(feed.bozo_exception, _HARMLESS_FEED_ERRORS):
        # the lenient parser read what it could; entries past the damage may be missing
        reason = (
            f"malformed feed ({feed.bozo_exception}); read {len(feed.entries)} entries, "
            "any after the damage are lost"
        )
        yield CorpusItem(f"{origin}#feed", code=INPUT_BAD_HTML, reason=reason)
    outlet = feed.feed.get("title")
    for number, entry in enumerate(feed.entries, start=1):
        source = f"{origin}#entry={entry.get('id') or entry.get('link') or number}"
        body, is_html = _entry_text(entry)
        if not body:
            yield CorpusItem(source, code=INPUT_NO_TEXT, reason="feed entry carries no text")
            continue
        meta = {
            "title": entry.get("title"),
            "outlet": outlet,
            "published": _entry_date(entry),
            "url": entry.get("link"),
            "check_language": options.check_language,
        }
        try:
            text = fragment_text(body) if is_html else body
            document = document_from_text(text, **meta, source=source)
        except FlashpointError as exc:
            yield CorpusItem(source, code=exc.code, reason=exc.message)
            continue
        yield CorpusItem(source, document=document)


def _looks_like_jsonl(data: bytes) -> bool:
    """True when the first non-blank line is a JSON object (an article rarely starts so)."""
    first = next((line for line in data.splitlines() if line.strip()), b"")
    try:
        return isinstance(json.loads(first), dict)
    except ValueError:
        return False


def read_stdin(options: CorpusOptions, stream: BinaryIO | None = None) -> Iterator[CorpusItem]:
    """Documents piped in as `-`: JSON Lines (one object a line, as in a JSONL corpus) when
    `options.stdin_format` is "jsonl", or is "auto" and the first line is a JSON object;
    otherwise one text or HTML article."""
    import sys

    from flashpoint.ingest.checks import decode
    from flashpoint.ingest.load import load_document

    data = (stream or sys.stdin.buffer).read()
    fmt = options.stdin_format
    if fmt == "jsonl" or (fmt == "auto" and _looks_like_jsonl(data)):
        try:
            text = decode(data, "standard input", options.encoding)
        except FlashpointError as exc:
            yield CorpusItem("stdin", code=exc.code, reason=exc.message)
            return
        yield from _jsonl_items(text.splitlines(), "stdin", options)
        return
    try:
        document = load_document(
            STDIN,
            encoding=options.encoding,
            check_language=options.check_language,
            stdin=io.BytesIO(data),
        )
    except FlashpointError as exc:
        yield CorpusItem("stdin", code=exc.code, reason=exc.message)
        return
    yield CorpusItem("stdin", document=document)


def _looks_like_feed(data: bytes) -> bool:
    return bool(_FEED_ROOT.search(data[:2048]))


def _read_single(
    source: str, options: CorpusOptions, meta: dict[str, Any] | None = None
) -> CorpusItem:
    from flashpoint.ingest.load import load_document

    meta = meta or {}
    try:
        document = load_document(
            source,
            title=meta.get("title"),
            outlet=meta.get("outlet"),
            published=meta.get("published"),
            encoding=options.encoding,
            check_language=options.check_language,
            allow_hosts=options.allow_hosts,
        )
    except FlashpointError as exc:
        return CorpusItem(source, code=exc.code, reason=exc.message)
    return CorpusItem(source, document=document)


def read_url(url: str, options: CorpusOptions) -> Iterator[CorpusItem]:
    """A feed URL yields its entries; any other URL is one article."""
    from flashpoint.ingest.fetch import fetch
    from flashpoint.ingest.load import DEFAULT_MAX_BYTES

    try:
        fetched = fetch(url, max_bytes=DEFAULT_MAX_BYTES, allow_hosts=options.allow_hosts)
    except FlashpointError as exc:
        yield CorpusItem(url, code=exc.code, reason=exc.message)
        return
    feed_type = fetched.content_type or ""
    if "rss" in feed_type or "atom" in feed_type or _looks_like_feed(fetched.content):
        yield from read_feed(fetched.content, url, options)
    else:
        yield _read_single(url, options)


def read_path(path: Path, options: CorpusOptions) -> Iterator[CorpusItem]:
    """A file by its kind, or the documents of a folder as `flashpoint analyze` reads them
    (`folder_documents`: README and YAML files left out, `metadata.yaml` applied)."""
    if path.is_dir():
        for child in folder_documents(path):
            yield from read_path(child, options)
        return
    suffix = path.suffix.lower()
    try:
        if suffix in CSV_SUFFIXES:
            yield from read_csv(path, options)
        elif suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, options)
        elif suffix in FEED_SUFFIXES and _looks_like_feed(path.read_bytes()[:2048]):
            yield from read_feed(path.read_bytes(), str(path), options)
        else:
            yield _read_single(str(path), options, sidecar_metadata(path))
    except ColumnMissing:
        raise
    except FlashpointError as exc:
        yield CorpusItem(str(path), code=exc.code, reason=exc.message)


def iter_corpus(
    sources: Iterable[str], options: CorpusOptions | None = None
) -> Iterator[CorpusItem]:
    """Every document of every source, in order; unreadable ones as rejections."""
    from flashpoint.ingest.fetch import is_url

    options = options or CorpusOptions()
    for source in sources:
        if source == STDIN:
            yield from read_stdin(options)
            continue
        if is_url(source):
            yield from read_url(source, options)
            continue
        path = Path(source)
        if not path.exists():
            reason = f"no such file or folder: {source}"
            yield CorpusItem(source, code=INPUT_NOT_FOUND, reason=reason)
            continue
        yield from read_path(path, options)
