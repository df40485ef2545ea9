"""Every list the API serves is one page: `limit` (at most MAX_PAGE) and `offset` in, the
items with `offset`, `limit`, `total` and `next` (the next page's offset, or null) out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query

from flashpoint.api.settings import DEFAULT_PAGE, MAX_PAGE
from flashpoint.bounds import MAX_OFFSET

Limit = Annotated[
    int, Query(ge=1, le=MAX_PAGE, description=f"Items per page (at most {MAX_PAGE}).")
]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many items to skip.")]


@dataclass(frozen=True)
class PageAsk:
    limit: int = DEFAULT_PAGE
    offset: int = 0


def page(items: list[Any], ask: PageAsk, total: int | None = None) -> dict[str, Any]:
    """One page of `items` (the whole list, or `total` when the items were cut already)."""
    total = len(items) if total is None else total
    shown = items[ask.offset : ask.offset + ask.limit] if total == len(items) else items
    after = ask.offset + len(shown)
    return {
        "items": shown,
        "offset": ask.offset,
        "limit": ask.limit,
        "total": total,
        "next": after if after < total else None,
    }


def page_of_query(fetch: Callable[[int], list[Any]], ask: PageAsk) -> dict[str, Any]:
    """A page of a query that takes a row limit: fetch offset + limit + 1 rows, so that
    whether a next page exists is known without counting them all (`total` is then null)."""
    rows = fetch(ask.offset + ask.limit + 1)
    shown = rows[ask.offset : ask.offset + ask.limit]
    more = len(rows) > ask.offset + ask.limit
    return {
        "items": shown,
        "offset": ask.offset,
        "limit": ask.limit,
        "total": None if more else len(rows),
        "next": ask.offset + ask.limit if more else None,
    }
