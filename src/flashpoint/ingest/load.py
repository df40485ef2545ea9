"""Load one article from a file, standard input or a URL into a checked, cleaned `Document`.

Every way in goes through the same checks (size, binary, encoding, emptiness, language) so that
bad input stops here with one clear error line instead of confusing a later stage.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from flashpoint.errors import INPUT_NO_TEXT, INPUT_NOT_FOUND, INPUT_TOO_LARGE, FlashpointError
from flashpoint.ingest.checks import (
    check_bytes,
    check_english,
    check_not_empty,
    check_unicode,
    decode,
    too_large_message,
)
from flashpoint.ingest.clean import Boilerplate, clean_text
from flashpoint.ingest.fetch import fetch, is_url
from flashpoint.ingest.html import (
    HTML_CONTENT_TYPES,
    HTML_EXTENSIONS,
    declared_charset,
    extract_page,
    looks_like_html,
)
from flashpoint.model import Document

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
STDIN = "-"


def document_id(text: str) -> str:
    """A stable id from the normalised content, so the same article always gets the same id.

    Here, not in `flashpoint.pipeline` (which re-exports it): reading a corpus needs the ids,
    and the process that reads and writes the store should not import spaCy to get them."""
    normalised = " ".join(text.split()).lower()
    return "doc_" + hashlib.sha1(normalised.encode("utf-8")).hexdigest()[:16]


def _finish(
    text: str,
    *,
    title: str | None,
    outlet: str | None,
    published: dt.date | None,
    url: str | None,
    check_language: bool,
    origin: str,
    source: str | None = None,
) -> Document:
    if not text.strip():
        raise FlashpointError(INPUT_NO_TEXT, f"{origin} has no article text left after cleaning")
    if check_language:
        check_english(text, origin)
    return Document(
        id=document_id(text),
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        language="en",
        source=source,
        text=text,
    )


def _check_unicode(origin: str, **fields: str | None) -> None:
    for what, value in fields.items():
        if value:
            check_unicode(value, origin, what)


def document_from_text(
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    url: str | None = None,
    check_language: bool = True,
    boilerplate: Boilerplate | None = None,
    origin: str = "the text",
    source: str | None = None,
) -> Document:
    """A Document from plain text, with boilerplate dropped and the headline taken as title.

    `origin` names the input in error messages (a file name, "standard input"); `source` is
    kept on the document so that each result of a folder or corpus says where it came from.

        >>> doc = document_from_text("Shelling in Hodeidah\\n\\nHouthi forces shelled the port.")
        >>> doc.title
        'Shelling in Hodeidah'
    """
    check_not_empty(text, origin)
    _check_unicode(origin, text=text, title=title, outlet=outlet, url=url)
    body, found_title = clean_text(text, boilerplate=boilerplate)
    return _finish(
        body,
        title=title or found_title,
        outlet=outlet,
        published=published,
        url=url,
        check_language=check_language,
        origin=origin,
        source=source,
    )


def document_from_html(
    html: str,
    *,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    check_language: bool = True,
    boilerplate: Boilerplate | None = None,
    origin: str | None = None,
    source: str | None = None,
) -> Document:
    """A Document from a web page: its main text, and metadata the caller did not supply.

    `origin` names the input in error messages; by default the URL or "the HTML". `source`
    is kept on the document, as in `document_from_text`.
    """
    origin = origin or url or "the HTML"
    check_not_empty(html, origin)
    _check_unicode(origin, text=html, title=title, outlet=outlet, url=url)
    page = extract_page(html, url=url, boilerplate=boilerplate)
    return _finish(
        page.text,
        title=title or page.title,
        outlet=outlet or page.outlet,
        published=published or page.published,
        url=url or page.url,
        check_language=check_language,
        origin=origin,
        source=source,
    )


def _read_file(source: str, max_bytes: int) -> bytes:
    path = Path(source)
    if not path.exists():
        raise FlashpointError(INPUT_NOT_FOUND, f"no such file: {source}")
    if not path.is_file():
        raise FlashpointError(INPUT_NOT_FOUND, f"not a file: {source}")
    try:
        if path.stat().st_size > max_bytes:
            raise FlashpointError(INPUT_TOO_LARGE, too_large_message(source, max_bytes))
        return path.read_bytes()
    except OSError as exc:
        raise FlashpointError(INPUT_NOT_FOUND, f"cannot read {source}: {exc.strerror}") from exc


def _decode_html(data: bytes, origin: str, encoding: str | None) -> str:
    """UTF-8 first; a page that is not UTF-8 may still declare its charset in a <meta> tag."""
    if encoding is not None:
        return decode(data, origin, encoding)
    try:
        return decode(data, origin, None)
    except FlashpointError:
        charset = declared_charset(data)
        if charset is None:
            raise
        return decode(data, origin, charset)


def load_document(
    source: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    encoding: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    check_language: bool = True,
    stdin: BinaryIO | None = None,
    boilerplate: Boilerplate | None = None,
    allow_hosts: Iterable[str] = (),
) -> Document:
    """Load a path, `-` (standard input) or an http(s) URL as a Document.

    `allow_hosts` names hosts a URL may reach though they are not public (see `fetch`).

    HTML is recognised by extension, Content-Type or its opening tag. Metadata given here wins
    over metadata in the page; `published` is never guessed. The document keeps `source` as
    given (a path stays relative); a file whose text has no headline is titled by its name.

        >>> doc = load_document("article.txt", published=dt.date(2017, 9, 12))
    """
    url = None
    content_type = None
    if source == STDIN:
        origin = "standard input"
        data = (stdin or sys.stdin.buffer).read(max_bytes + 1)
        is_html = looks_like_html(data)
    elif is_url(source):
        fetched = fetch(source, max_bytes=max_bytes, allow_hosts=allow_hosts)
        origin, url, data = source, fetched.url, fetched.content
        content_type = fetched.content_type
        encoding = encoding or fetched.charset
        is_html = content_type in HTML_CONTENT_TYPES or (
            content_type != "text/plain" and looks_like_html(data)
        )
    else:
        origin = source
        data = _read_file(source, max_bytes)
        is_html = source.lower().endswith(HTML_EXTENSIONS) or looks_like_html(data)
    check_bytes(data, origin, max_bytes)
    text = _decode_html(data, origin, encoding) if is_html else decode(data, origin, encoding)
    check_not_empty(text, origin)
    meta = {"title": title, "outlet": outlet, "published": published}
    options = {"check_language": check_language, "boilerplate": boilerplate, "origin": origin}
    named = None if source == STDIN else source
    if is_html:
        document = document_from_html(text, url=url, **meta, **options, source=named)
    else:
        document = document_from_text(text, url=url, **meta, **options, source=named)
    if document.title is None and named is not None and not is_url(source):
        document.title = Path(source).stem  # a folder's results must say which file is which
    return document
