"""Two or more writers into one store at once: no lock failure, no lost merge, and the same
store as one serial writer, on SQLite and PostgreSQL (issue 15)."""

from __future__ import annotations

import pytest
from hardening import store_checks

TRIALS = 1  # scripts/store_trials.py runs many


def _url(backend: str, tmp_path, name: str) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / name}"
    url = store_checks.factories.postgres_url()
    store_checks.factories.reset_postgres(url)
    return url


@pytest.mark.parametrize("fresh", [True, False], ids=["new-store", "existing-store"])
@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_concurrent_writers_merge_as_one_serial_writer(backend, fresh, tmp_path):
    """A new store: the writers race to create its schema; an existing one: they race to
    merge the same events, relations and actors."""
    analyses = store_checks.corpus(24)
    serial_url = f"sqlite:///{tmp_path / 'serial.db'}"
    assert store_checks.write(serial_url, analyses) == len(analyses)
    serial = store_checks.picture(serial_url)
    assert len(serial["events_merged"]) == 3  # the reports merge, or the test means little
    for trial in range(TRIALS):
        url = _url(backend, tmp_path, f"concurrent-{trial}.db")
        if not fresh:
            store_checks.write(url, [])
        shares = [analyses[0::2], analyses[1::2] + analyses[:6]]  # some documents twice
        outcomes = store_checks.write_concurrently(url, shares)
        errors = [detail for kind, detail in outcomes if kind != "ok"]
        assert not errors, f"trial {trial}: {errors}"
        assert sum(n for _, n in outcomes) == len(analyses), "a document stored twice or lost"
        assert store_checks.picture(url) == serial, f"trial {trial}: differs from serial"
