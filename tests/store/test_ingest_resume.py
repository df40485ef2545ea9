"""`flashpoint ingest` as a user runs it: killed with SIGKILL mid-run, then run again.

These start the real command in a subprocess with the real Analyzer on short articles, poll the
SQLite file for progress, and kill it; the re-run must finish with nothing lost or duplicated.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

TOWNS = ["Raqqa", "Deir ez-Zor", "Homs", "Hama", "Idlib", "Aleppo", "Manbij", "Daraa"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Frontline Wire", "Desk Daily", "Valley Times"]
POLL_SECONDS = 0.05
TIMEOUT = 90


def flashpoint_command() -> list[str]:
    script = Path(sys.executable).with_name("flashpoint")
    if script.exists():
        return [str(script)]
    found = shutil.which("flashpoint")
    if found is None:
        pytest.fail("the flashpoint command is not installed (pip install -e .)")
    return [found]


def write_corpus(path: Path, n: int) -> None:
    """n distinct short articles in our own words, as JSONL."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            town, day = TOWNS[i % len(TOWNS)], DAYS[i % len(DAYS)]
            text = (
                f"Syrian government forces shelled {town} on {day}, killing {i + 2} people, "
                f"local activists said. The Syrian Democratic Forces said they repelled an "
                f"attack on their positions near {town} in report number {i}."
            )
            row = {"text": text, "title": f"Shelling near {town} ({i})",
                   "outlet": OUTLETS[i % len(OUTLETS)], "date": f"2017-09-{1 + i % 28:02d}"}
            handle.write(json.dumps(row) + "\n")


def count(db: Path, sql: str = "SELECT count(*) FROM documents") -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute(sql).fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def per_document(db: Path) -> dict[str, tuple[int, ...]]:
    """For each document: how many mentions, event reports, relation evidence and quotes."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        ids = [r[0] for r in connection.execute("SELECT id FROM documents")]
        result = {}
        for doc_id in ids:
            result[doc_id] = tuple(
                connection.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?",
                                   (doc_id,)).fetchone()[0]
                for table in ("mentions", "event_sources", "relation_evidence", "quotes")
            )
        return result


def merged_picture(db: Path) -> dict[str, object]:
    """Row counts of every table, and the merged events and relations with their support."""
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as connection:
        tables = [r[0] for r in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'alembic_version'"
        )]
        picture: dict[str, object] = {
            t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables
        }
        picture["events"] = sorted(connection.execute(
            "SELECT type, source_id, target_id, place_id, date_start, date_end, n_sources, "
            "n_outlets FROM events"
        ).fetchall(), key=repr)
        picture["relations"] = sorted(connection.execute(
            "SELECT type, source_id, target_id, n_evidence, n_documents, n_outlets, first_seen, "
            "last_seen FROM relations"
        ).fetchall(), key=repr)
    return picture


def ingest(corpus: Path, db: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*flashpoint_command(), "ingest", str(corpus), "--db", f"sqlite:///{db}", "--json", *extra],
        capture_output=True, text=True, timeout=TIMEOUT,
    )


def start(corpus: Path, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*flashpoint_command(), "ingest", str(corpus), "--db", f"sqlite:///{db}", *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def wait_for_documents(process: subprocess.Popen, db: Path, at_least: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while count(db) < at_least:
        if process.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {process.stderr.read()}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("no progress within the time limit")
        time.sleep(POLL_SECONDS)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, Path, int]:
    """The corpus and an uninterrupted serial run over it, to compare against."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus, db, n = folder / "corpus.jsonl", folder / "clean.db", 60
    write_corpus(corpus, n)
    done = ingest(corpus, db)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["stored"] + summary["rejected"] == n
    return corpus, db, summary["stored"]


def test_ingest_resume_after_sigkill_of_everything(reference, tmp_path):
    corpus, clean, stored = reference
    db = tmp_path / "killed.db"
    process = start(corpus, db, "--workers", "2")
    wait_for_documents(process, db, at_least=3)
    os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers, no clean-up
    process.wait(timeout=TIMEOUT)
    survived = count(db)
    assert 3 <= survived < stored, "the run must be killed mid-way for this test to mean much"
    again = ingest(corpus, db, "--workers", "2")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["duplicates"] == survived
    assert summary["stored"] == stored - survived
    assert per_document(db) == per_document(clean)
    # Outcomes are written in corpus order, so the resumed store is the clean one, merges too.
    assert merged_picture(db) == merged_picture(clean)
    third = ingest(corpus, db)
    assert json.loads(third.stdout)["stored"] == 0


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(x) for x in text]
    return found


def _is_worker(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except FileNotFoundError:
        return False
    return b"multiprocessing" in command and b"resource_tracker" not in command


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ingest_resume_after_a_worker_is_killed(reference, tmp_path):
    corpus, clean, stored = reference
    db = tmp_path / "worker.db"
    process = start(corpus, db, "--workers", "2")
    wait_for_documents(process, db, at_least=3)
    workers = [pid for pid in _children(process.pid) if _is_worker(pid)]
    assert workers, "no worker process found"
    os.kill(workers[0], signal.SIGKILL)
    process.wait(timeout=TIMEOUT)
    error = process.stderr.read()
    assert process.returncode != 0  # the run noticed the dead worker and said so in one line
    assert "error[E404]" in error and "Traceback" not in error
    again = ingest(corpus, db, "--workers", "2")
    assert again.returncode == 0, again.stderr
    assert per_document(db) == per_document(clean)
