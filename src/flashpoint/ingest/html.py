"""Turn a web page into a Document: the article's main text and its metadata, via trafilatura.

Menus, comments and link lists never reach the extractors; metadata the user passes wins over
metadata found in the page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import trafilatura

from flashpoint.errors import INPUT_BAD_HTML, FlashpointError
from flashpoint.ingest.clean import Boilerplate, clean_text

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml")
HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")
_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Only dates the page states in its markup (meta tags, <time>, URL), not guesses from the prose.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Fewer words than this is debris of broken markup ("<<<", "| 1 | 2 |"), not an article.
MIN_ARTICLE_WORDS = 3
_WORD = re.compile(r"[^\W\d_]{2,}")
# Metadata is a line of text: markup in it (an outlet named "<img onerror=...>", a title with
# a script in its headline) is dropped, and so are control characters; long values are cut.
MAX_TITLE_CHARS = 500
MAX_OUTLET_CHARS = 200
_SCRIPT = re.compile(r"<(script|style)\b.*?(?:</\1\s*>|$)", re.IGNORECASE | re.DOTALL)
_ANY_TAG = re.compile(r"</?[A-Za-z!/?][^>]*>?")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_CONTROL_IN_HTML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Elements whose text is code, not prose; JSON-LD scripts stay (trafilatura reads dates there).
_CODE_ELEMENTS = ("script", "style", "noscript", "template")


def looks_like_html(head: bytes) -> bool:
    """True when the first kilobyte declares an HTML document."""
    return bool(_SNIFF.search(head[:1024]))


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in a <meta> tag, if any."""
    match = _META_CHARSET.search(head[:4096])
    return match.group(1).decode("ascii") if match else None


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def clean_meta(value: str | None, limit: int) -> str | None:
    """A title or outlet as plain text on one line, or None when nothing is left."""
    if not value:
        return None
    text = _ANY_TAG.sub(" ", _SCRIPT.sub(" ", value))
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text[:limit].rstrip() or None


def parse_html(html: str) -> Any:
    """The page as an lxml tree, read with libxml2's huge-tree option (a page nested a few
    hundred levels deep is otherwise cut off at level 256) and without its scripts."""
    from lxml import html as lxml_html
    from lxml.etree import ParserError

    parser = lxml_html.HTMLParser(
        huge_tree=True,
        collect_ids=False,
        default_doctype=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:  # libxml2 refuses control characters anywhere in the tree: none is text
        tree = lxml_html.document_fromstring(_CONTROL_IN_HTML.sub(" ", html), parser=parser)
    except (ParserError, ValueError) as exc:
        raise FlashpointError(INPUT_BAD_HTML, f"the HTML cannot be parsed: {exc}") from exc
    for element in list(tree.iter(*_CODE_ELEMENTS)):
        if "ld+json" not in (element.get("type") or "") and element.getparent() is not None:
            element.drop_tree()
    return tree


@dataclass(frozen=True)
class Page:
    """What a page gives: its cleaned main text and the metadata it states (None if absent)."""

    text: str
    title: str | None
    outlet: str | None
    url: str | None
    published: dt.date | None


def extract_page(
    html: str, *, url: str | None = None, boilerplate: Boilerplate | None = None
) -> Page:
    """Main text and metadata of a page; INPUT_BAD_HTML when no article text can be found."""
    result = trafilatura.bare_extraction(
        parse_html(html),
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    raw_text = (getattr(result, "text", None) or "") if result is not None else ""
    if len(_WORD.findall(raw_text)) < MIN_ARTICLE_WORDS:
        raise FlashpointError(INPUT_BAD_HTML, "no article text found in the HTML")
    title = clean_meta(result.title, MAX_TITLE_CHARS)
    # trafilatura gives one paragraph a line; flashpoint separates paragraphs with a blank line.
    text, _ = clean_text(raw_text.replace("\n", "\n\n"), boilerplate=boilerplate, title=title)
    return Page(
        text=text,
        title=title,
        outlet=clean_meta(result.sitename, MAX_OUTLET_CHARS),
        url=url or result.url or None,
        published=_parse_date(result.date),
    )
