"""Turn a web page into a Document: the article's main text and its metadata, via trafilatura.

Menus, comments and link lists never reach the extractors; metadata the user passes wins over
metadata found in the page.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

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
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )
    raw_text = (getattr(result, "text", None) or "") if result is not None else ""
    if len(_WORD.findall(raw_text)) < MIN_ARTICLE_WORDS:
        raise FlashpointError(INPUT_BAD_HTML, "no article text found in the HTML")
    title = result.title or None
    # trafilatura gives one paragraph a line; flashpoint separates paragraphs with a blank line.
    text, _ = clean_text(raw_text.replace("\n", "\n\n"), boilerplate=boilerplate, title=title)
    return Page(
        text=text,
        title=title,
        outlet=result.sitename or None,
        url=url or result.url or None,
        published=_parse_date(result.date),
    )
