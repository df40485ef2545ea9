"""One class owns access to the store, whether it is a SQLite file or a PostgreSQL server.

    >>> db = Database.open("sqlite:///flashpoint.db")   # migrates to the latest schema
    >>> db.store(analysis, source="articles/a.txt")
    >>> db.counts()["documents"]

SQLite runs in WAL mode with foreign keys on. Opening never overwrites a file that is not a
SQLite database: it raises `FlashpointError(DB_CORRUPT)`; an unreachable server raises
`DB_UNREACHABLE`. Schema changes ship as Alembic revisions inside the package and run on open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Table, create_engine, delete, event, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)

from flashpoint.errors import (
    DB_CORRUPT,
    DB_NOT_FOUND,
    DB_UNREACHABLE,
    DB_URL_INVALID,
    FlashpointError,
)
from flashpoint.model import Analysis
from flashpoint.store import schema

DEFAULT_URL = "sqlite:///flashpoint.db"
SQLITE_MAGIC = b"SQLite format 3\x00"


def normalise_url(url: str) -> str:
    """Accept `postgresql://` and `postgres://` and use the psycopg 3 driver we ship."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _sqlite_path(url: str) -> Path | None:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def _check_sqlite_file(path: Path) -> None:
    """Refuse a file that exists but is not SQLite, before anything could write to it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_MAGIC))
    if header != SQLITE_MAGIC:
        raise FlashpointError(DB_CORRUPT, f"{path} is not a SQLite database; refusing to touch it")


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _create_engine(url: str) -> Engine:
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, NoSuchModuleError, ValueError) as exc:
        raise FlashpointError(DB_URL_INVALID, f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _on_sqlite_connect)
    return engine


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` with the Alembic scripts shipped in the package."""
    from alembic.config import Config
    from alembic.runtime.environment import EnvironmentContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(files("flashpoint.store") / "migrations"))
    script = ScriptDirectory.from_config(config)

    def upgrade(rev: Any, _context: Any) -> Any:
        return script._upgrade_revs(revision, rev)

    with (
        engine.begin() as connection,
        EnvironmentContext(config, script, fn=upgrade, destination_rev=revision) as env,
    ):
        env.configure(connection=connection, target_metadata=schema.metadata, render_as_batch=True)
        with env.begin_transaction():
            env.run_migrations()


class Database:
    """The store: connection handling, migrations, writes in one transaction per document."""

    def __init__(self, engine: Engine, url: str):
        self.engine = engine
        self.url = url

    @classmethod
    def open(cls, url: str = DEFAULT_URL, *, upgrade: bool = True, create: bool = True) -> Database:
        """Connect, check the file or server, and migrate to the latest schema.

        `create=False` refuses to start a new SQLite file (for commands that only read)."""
        url = normalise_url(url)
        path = _sqlite_path(url) if url.startswith("sqlite") else None
        if path is not None:
            if not create and not path.exists():
                raise FlashpointError(
                    DB_NOT_FOUND, f"no store at {path}; fill one with `flashpoint ingest`"
                )
            _check_sqlite_file(path)
            if not path.parent.exists():
                raise FlashpointError(DB_URL_INVALID, f"folder {path.parent} does not exist")
        engine = _create_engine(url)
        try:
            if upgrade:
                migrate(engine)
            else:
                with engine.connect() as connection:
                    connection.execute(select(1))
        except OperationalError as exc:
            engine.dispose()
            if engine.dialect.name == "sqlite" and "locked" not in str(exc):
                raise FlashpointError(DB_CORRUPT, f"cannot read {path}: {exc.orig}") from exc
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise FlashpointError(DB_UNREACHABLE, f"cannot reach the database: {first}") from exc
        except DatabaseError as exc:
            engine.dispose()
            raise FlashpointError(DB_CORRUPT, f"database is damaged: {exc.orig}") from exc
        return cls(engine, url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read connection; queries use this."""
        with self.engine.connect() as connection:
            yield connection

    # --- reads used by ingest -------------------------------------------------------------

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these document ids are already stored."""
        wanted = list(dict.fromkeys(ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                rows = connection.execute(
                    select(schema.documents.c.id).where(schema.documents.c.id.in_(chunk))
                )
                found.update(row[0] for row in rows)
        return found

    def counts(self) -> dict[str, int]:
        """Row counts of every table."""
        with self.engine.connect() as connection:
            return {
                table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
                for table in reversed(schema.TABLES)
            }

    # --- writes -----------------------------------------------------------------------------

    def store(self, analysis: Analysis, *, source: str | None = None) -> bool:
        """Write a document and everything found in it in ONE transaction.

        Returns False (and writes nothing) when the document is already stored, so a run killed
        at any moment leaves each document either complete or absent.
        """
        from flashpoint.store.writer import write_analysis

        try:
            with self.engine.begin() as connection:
                documents = schema.documents
                exists = connection.execute(
                    select(documents.c.id).where(documents.c.id == analysis.document.id)
                ).first()
                if exists:
                    return False
                write_analysis(connection, analysis, source=source)
                if source is not None:  # rejected before (a bug since fixed, say): not now
                    rejected = schema.rejected
                    connection.execute(delete(rejected).where(rejected.c.source == source[:1000]))
        except IntegrityError:
            # Another writer on a shared server stored this document first: same as a duplicate.
            if self.stored_ids([analysis.document.id]):
                return False
            raise
        return True

    def reject(
        self, source: str, code: str, reason: str, *, document_id: str | None = None
    ) -> bool:
        """Record a document that could not be used; False when this source is already recorded."""
        row = {
            "source": source[:1000],
            "document_id": document_id,
            "code": code,
            "reason": reason[:2000],
            "rejected_at": dt.datetime.now(dt.timezone.utc).replace(tzinfo=None),
        }
        table = schema.rejected
        with self.engine.begin() as connection:
            known = connection.execute(
                select(table.c.id).where(table.c.source == row["source"])
            ).first()
            if known is None:
                insert_ignore(connection, table, [row])
        return known is None


def insert_ignore(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """INSERT rows, silently skipping those that clash with a key (the store's upsert)."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        statement = pg_insert(table).on_conflict_do_nothing()
    elif connection.dialect.name == "sqlite":
        statement = sqlite_insert(table).on_conflict_do_nothing()
    else:  # pragma: no cover - other dialects are not supported
        raise FlashpointError(DB_URL_INVALID, f"unsupported database {connection.dialect.name}")
    connection.execute(statement, list(rows))
