"""A new store's first opens race to switch it to WAL; SQLite answers that race with an
immediate "database is locked" (no busy handler), which once failed CI one run in ten."""

from __future__ import annotations

import sqlite3

import pytest

from flashpoint.store.database import _enter_wal


class Cursor:
    """Answers "locked" a given number of times, then switches."""

    def __init__(self, refusals: int, message: str = "database is locked"):
        self.refusals = refusals
        self.message = message
        self.calls = 0

    def execute(self, sql: str) -> None:
        assert sql == "PRAGMA journal_mode=WAL"
        self.calls += 1
        if self.calls <= self.refusals:
            raise sqlite3.OperationalError(self.message)


def test_a_locked_switch_is_tried_again_until_it_goes_through():
    cursor = Cursor(refusals=4)
    _enter_wal(cursor)
    assert cursor.calls == 5


def test_a_switch_locked_past_the_patience_fails_with_the_lock_error():
    cursor = Cursor(refusals=10_000)
    with pytest.raises(sqlite3.OperationalError, match="locked"):
        _enter_wal(cursor, patience=0.05)
    assert 1 < cursor.calls < 100


def test_another_error_is_not_retried():
    cursor = Cursor(refusals=1, message="disk I/O error")
    with pytest.raises(sqlite3.OperationalError, match="disk"):
        _enter_wal(cursor)
    assert cursor.calls == 1


def test_a_real_new_file_ends_in_wal(tmp_path):
    connection = sqlite3.connect(tmp_path / "new.db")
    _enter_wal(connection.cursor())
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    connection.close()
