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
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    DatabaseError,
    DBAPIError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
)

from flashpoint.errors import (
    DB_CORRUPT,
    DB_NOT_FOUND,
    DB_UNREACHABLE,
    DB_URL_INVALID,
    DB_WRITE_FAILED,
    FlashpointError,
)
from flashpoint.model import Analysis
from flashpoint.store import schema
from flashpoint.store.upsert import insert_ignore

DEFAULT_URL = "sqlite:///flashpoint.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
BACKENDS = ("sqlite", "postgresql")
# Every write transaction takes this PostgreSQL advisory lock first, so concurrent writers
# merge one document at a time, exactly as one serial writer would (see `Database.store`).
PG_MERGE_LOCK = 0x666C6173  # "flas"
_WRITE = "flashpoint_write"  # execution option: this connection's transaction will write


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


def _check_sqlite_file(path: Path, create: bool) -> None:
    """Refuse a file that exists but is not SQLite, before anything could write to it."""
    if path.is_dir():
        raise FlashpointError(DB_URL_INVALID, f"{path} is a folder, not a database file")
    if not path.exists():
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise FlashpointError(DB_CORRUPT, f"cannot read {path}: {exc.strerror}") from exc
    if not header and not create:
        raise FlashpointError(
            DB_NOT_FOUND, f"{path} is an empty file, not a store; fill one with `flashpoint ingest`"
        )
    if header and header != SQLITE_MAGIC:
        raise FlashpointError(DB_CORRUPT, f"{path} is not a SQLite database; refusing to touch it")


def _read_only(path: Path) -> str | None:
    """Why an existing store cannot be written here ('the file', 'its folder'), or None."""
    if path.exists() and not os.access(path, os.W_OK):
        return "the file is read-only"
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return "its folder is read-only"
    return None


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see `_on_sqlite_begin`): the driver must not.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")  # first: the others may wait for a lock
    _enter_wal(cursor)
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _enter_wal(cursor: Any, patience: float = 30.0) -> None:
    """Switch the file to WAL, waiting as long as the busy timeout would: SQLite answers
    "locked" at once, without calling the busy handler, when several first opens of a new
    file race to change its journal mode."""
    deadline = time.monotonic() + patience
    pause = 0.005
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc).lower() or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


def _on_sqlite_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    """A writing transaction takes SQLite's write lock at BEGIN (IMMEDIATE), so two writers
    queue on the busy timeout instead of one failing with "database is locked" when it tries
    to turn its read snapshot into a write; migrations are then one transaction too."""
    write = connection.get_execution_options().get(_WRITE, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _create_engine(url: str, read_only: bool = False) -> Engine:
    try:
        backend = make_url(url).get_backend_name()
    except ArgumentError as exc:
        raise FlashpointError(DB_URL_INVALID, f"cannot use database URL {url!r}: {exc}") from exc
    if backend not in BACKENDS:
        raise FlashpointError(
            DB_URL_INVALID,
            f"unsupported database {backend!r} in {url!r}: use sqlite:///file.db or "
            "postgresql://user@host/name",
        )
    try:
        engine = create_engine(url, future=True)
    except (ArgumentError, NoSuchModuleError, ValueError, ImportError) as exc:
        raise FlashpointError(DB_URL_INVALID, f"cannot use database URL {url!r}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        connect = _on_sqlite_connect_read_only if read_only else _on_sqlite_connect
        event.listen(engine, "connect", connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _read_only_url(path: Path, folder_read_only: bool) -> str:
    """A URL that opens `path` read-only; `immutable` when no -wal/-shm file can be made."""
    flags = "mode=ro" + ("&immutable=1" if folder_read_only else "")
    return f"sqlite:///file:{quote(str(path.resolve()))}?{flags}&uri=true"


def _quick_check(engine: Engine, path: Path) -> None:
    """A damaged page anywhere in the file is found now, with one line, before any command
    reads half an answer from it (or writes next to the damage)."""
    try:
        with engine.connect() as connection:
            rows = connection.exec_driver_sql("PRAGMA quick_check(1)").scalars().all()
    except DatabaseError as exc:
        raise store_error(exc, str(path)) from exc
    if rows != ["ok"]:
        detail = " ".join(" ".join(str(r) for r in rows).split())[:300]
        raise FlashpointError(
            DB_CORRUPT,
            f"{path} is damaged ({detail}); it was left untouched: restore a copy, or "
            "ingest again into a new store",
        )


def store_error(exc: DBAPIError, where: str = "the database") -> FlashpointError:
    """The one-line error for a failure the database reports while a command runs."""
    first = str(exc.orig).strip().splitlines()[0] if exc.orig else type(exc).__name__
    low = first.lower()
    if "malformed" in low or "not a database" in low or "encrypted" in low:
        return FlashpointError(
            DB_CORRUPT,
            f"{where} is damaged ({first}); it was left untouched: restore a copy, or ingest "
            "again into a new store",
        )
    if "readonly" in low or "read-only" in low:
        return FlashpointError(
            DB_WRITE_FAILED, f"cannot write {where}: the file or its folder is read-only"
        )
    if "disk is full" in low or "no space" in low:
        return FlashpointError(
            DB_WRITE_FAILED,
            f"cannot write {where}: the disk is full; what was stored before is kept",
        )
    if "locked" in low:
        return FlashpointError(
            DB_UNREACHABLE, f"{where} stayed locked by another process for 30 s; try again"
        )
    if "unable to open" in low:
        return FlashpointError(DB_CORRUPT, f"cannot open {where}: {first}{_why_not(where)}")
    if isinstance(exc, OperationalError) and "sqlite" not in type(exc.orig).__module__:
        return FlashpointError(DB_UNREACHABLE, f"cannot reach the database: {first}")
    return FlashpointError(DB_CORRUPT, f"database error in {where}: {first}")


def _why_not(where: str) -> str:
    """The permission that stops SQLite opening a file (it only says 'unable to open')."""
    path = Path(where)
    if path.exists() and not os.access(path, os.R_OK):
        return " (permission denied: the file is not readable)"
    if not os.access(path.parent, os.X_OK):
        return " (permission denied: its folder cannot be entered)"
    if not path.exists() and not os.access(path.parent, os.W_OK):
        return " (permission denied: its folder is read-only)"
    return ""


def _merge_lock(connection: Connection) -> None:
    """Wait for, then hold until commit, the one PostgreSQL lock every writer takes."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_MERGE_LOCK})


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
        engine.execution_options(**{_WRITE: True}).begin() as connection,
        EnvironmentContext(config, script, fn=upgrade, destination_rev=revision) as env,
    ):
        if connection.dialect.name == "postgresql":  # two first runs must not both create
            _merge_lock(connection)
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
        read_only = None
        if path is not None:
            if not create and not path.exists():
                raise FlashpointError(
                    DB_NOT_FOUND, f"no store at {path}; fill one with `flashpoint ingest`"
                )
            _check_sqlite_file(path, create)
            if not path.parent.exists():
                raise FlashpointError(DB_URL_INVALID, f"folder {path.parent} does not exist")
            read_only = _read_only(path)
            if read_only and create:
                raise FlashpointError(DB_WRITE_FAILED, f"cannot write {path}: {read_only}")
        connect_url = url
        if read_only and path is not None:  # a reader of a store it may not write
            connect_url = _read_only_url(path, read_only.startswith("its folder"))
            upgrade = False
        engine = _create_engine(connect_url, read_only=bool(read_only))
        try:
            if path is not None and path.exists() and path.stat().st_size > 0:
                _quick_check(engine, path)
            if upgrade:
                migrate(engine)
            else:
                with engine.connect() as connection:
                    connection.execute(select(1))
        except FlashpointError:
            engine.dispose()
            raise
        except OperationalError as exc:
            engine.dispose()
            if engine.dialect.name == "sqlite":
                raise store_error(exc, str(path)) from exc
            first = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
            raise FlashpointError(DB_UNREACHABLE, f"cannot reach the database: {first}") from exc
        except DatabaseError as exc:
            engine.dispose()
            raise store_error(exc, str(path or "the database")) from exc
        return cls(engine, url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, kind: type | None, error: BaseException | None, _tb: object) -> None:
        """Closes the store; a database failure inside the block becomes its one-line error."""
        self.close()
        if isinstance(error, DBAPIError):
            raise store_error(error, self.where) from error

    @property
    def where(self) -> str:
        """The store's name in messages: the SQLite file, or the server URL without password."""
        path = _sqlite_path(self.url) if self.url.startswith("sqlite") else None
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: SQLite takes its write lock at BEGIN, PostgreSQL the merge
        lock, so concurrent writers queue and each merges against everything stored before."""
        with self.engine.execution_options(**{_WRITE: True}).begin() as connection:
            if connection.dialect.name == "postgresql":
                _merge_lock(connection)
            yield connection

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
        from flashpoint.store.prepared import document_stored, rejection_delete
        from flashpoint.store.writer import write_analysis

        try:
            with self.write() as connection:
                exists = connection.execute(document_stored(), {"id": analysis.document.id}).first()
                if exists:
                    return False
                write_analysis(connection, analysis, source=source)
                if source is not None:  # rejected before (a bug since fixed, say): not now
                    connection.execute(rejection_delete(), {"source": source[:1000]})
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
        with self.write() as connection:
            known = connection.execute(
                select(table.c.id).where(table.c.source == row["source"])
            ).first()
            if known is None:
                insert_ignore(connection, table, [row])
        return known is None
