"""The store's one upsert, INSERT ... ON CONFLICT DO NOTHING, in its own module: the database
(`database.py`) and the writer (`writer.py`) both use it, and the database calls the writer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Connection, Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from flashpoint.errors import DB_URL_INVALID, FlashpointError


def insert_ignore(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT rows, silently skipping those that clash with a key (the store's upsert)."""
    if rows:
        connection.execute(_insert_ignore(connection.dialect.name, table), list(rows))


@cache
def _insert_ignore(dialect: str, table: Table) -> Any:
    """The statement, built once per table (building and keying it cost more than running it)."""
    if dialect == "postgresql":
        return pg_insert(table).on_conflict_do_nothing()
    if dialect == "sqlite":
        return sqlite_insert(table).on_conflict_do_nothing()
    raise FlashpointError(DB_URL_INVALID, f"unsupported database {dialect}")  # pragma: no cover
