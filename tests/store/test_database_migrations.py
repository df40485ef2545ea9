"""The shipped Alembic revisions build exactly the schema that `schema.py` describes."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from flashpoint.store.database import Database, migrate
from flashpoint.store.schema import metadata


def test_database_migrations_match_schema(db):
    with db.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_database_migrations_record_head_and_rerun_cleanly(db):
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0004"
    migrate(db.engine)  # a second run is a no-op
    assert set(inspect(db.engine).get_table_names()) == set(metadata.tables) | {"alembic_version"}


def test_database_sqlite_uses_wal(tmp_path):
    with Database.open(f"sqlite:///{tmp_path / 'w.db'}") as db, db.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
