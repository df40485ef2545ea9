"""`flashpoint ingest` as a user runs it: killed with SIGKILL mid-run, then run again.

These start the real command in a subprocess with the real Analyzer on short articles, poll the
store for progress, and kill it; the re-run must finish with nothing lost or duplicated, and the
store must equal an uninterrupted run's, merges included.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from flashpoint.store.database import normalise_url

TOWNS = ["Raqqa", "Deir ez-Zor", "Homs", "Hama", "Idlib", "Aleppo", "Manbij", "Daraa"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
OUTLETS = ["Frontline Wire", "Desk Daily", "Valley Times"]
TABLES = (
    "documents",
    "rejected",
    "actors",
    "aliases",
    "places",
    "mentions",
    "events",
    "event_sources",
    "relations",
    "relation_evidence",
    "quotes",
    "flashpoints",
)
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
            body = (
                f"Syrian government forces shelled {town} on {day}, killing {i + 2} people, "
                f"local activists said. The Syrian Democratic Forces said they repelled an "
                f"attack on their positions near {town} in report number {i}."
            )
            row = {
                "text": body,
                "title": f"Shelling near {town} ({i})",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "date": f"2017-09-{1 + i % 28:02d}",
            }
            handle.write(json.dumps(row) + "\n")


def query(url: str, sql: str, **params: object) -> list[tuple]:
    engine = create_engine(normalise_url(url))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(sql), params)]
    finally:
        engine.dispose()


def count_documents(url: str) -> int:
    try:
        return query(url, "SELECT count(*) FROM documents")[0][0]
    except (OperationalError, ProgrammingError):  # not created yet
        return 0


def per_document(url: str) -> dict[str, tuple[int, ...]]:
    """For each document: how many mentions, event reports, relation evidence and quotes."""
    rows = {}
    for table in ("mentions", "event_sources", "relation_evidence", "quotes"):
        for doc_id, n in query(
            url, f"SELECT document_id, count(*) FROM {table} GROUP BY document_id"
        ):
            rows.setdefault(doc_id, {})[table] = n
    documents = [r[0] for r in query(url, "SELECT id FROM documents")]
    return {d: tuple(sorted(rows.get(d, {}).items())) for d in documents}


def merged_picture(url: str) -> dict[str, object]:
    """Row counts of every table, and the merged events and relations with their support."""
    picture: dict[str, object] = {t: query(url, f"SELECT count(*) FROM {t}")[0][0] for t in TABLES}
    for name, sql in (
        (
            "merged_events",
            "SELECT type, source_id, target_id, place_id, date_start, date_end, "
            "n_sources, n_outlets FROM events",
        ),
        (
            "merged_relations",
            "SELECT type, source_id, target_id, n_evidence, n_documents, "
            "n_outlets, first_seen, last_seen FROM relations",
        ),
    ):
        picture[name] = sorted(tuple(str(v) for v in row) for row in query(url, sql))
    return picture


def ingest(corpus: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*flashpoint_command(), "ingest", str(corpus), "--db", url, "--json", *extra],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )


def start(corpus: Path, url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*flashpoint_command(), "ingest", str(corpus), "--db", url, *extra],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def wait_for_documents(process: subprocess.Popen, url: str, at_least: int) -> None:
    deadline = time.monotonic() + TIMEOUT
    while count_documents(url) < at_least:
        if process.poll() is not None:
            pytest.fail(f"ingest ended before it could be killed: {process.stderr.read()}")
        if time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail("no progress within the time limit")
        time.sleep(POLL_SECONDS)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> tuple[Path, str, int]:
    """The corpus and an uninterrupted serial run over it into SQLite, to compare against."""
    folder = tmp_path_factory.mktemp("corpus")
    corpus, url, n = folder / "corpus.jsonl", f"sqlite:///{folder / 'clean.db'}", 60
    write_corpus(corpus, n)
    done = ingest(corpus, url)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["stored"] + summary["rejected"] == n
    assert merged_picture(url)["events"] > 0  # something to merge, or the test means little
    return corpus, url, summary["stored"]


def kill_and_resume(reference: tuple[Path, str, int], url: str) -> None:
    corpus, clean, stored = reference
    process = start(corpus, url, "--workers", "2")
    wait_for_documents(process, url, at_least=3)
    os.killpg(process.pid, signal.SIGKILL)  # the main process and its workers, no clean-up
    process.wait(timeout=TIMEOUT)
    survived = count_documents(url)
    assert 3 <= survived < stored, "the run must be killed mid-way for this test to mean much"
    again = ingest(corpus, url, "--workers", "2")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["duplicates"] == survived
    assert summary["stored"] == stored - survived
    assert per_document(url) == per_document(clean)
    # Outcomes are written in corpus order, so the resumed store is the clean one, merges too.
    assert merged_picture(url) == merged_picture(clean)
    third = ingest(corpus, url)
    assert json.loads(third.stdout)["stored"] == 0


def test_ingest_resume_after_sigkill_of_everything(reference, tmp_path):
    kill_and_resume(reference, f"sqlite:///{tmp_path / 'killed.db'}")


def test_ingest_resume_after_sigkill_on_postgres(reference, make):
    url = make.postgres_url()
    make.reset_postgres(url)
    kill_and_resume(reference, url)


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(x) for x in (task / "children").read_text().split()]
    return found


def _is_worker(pid: int) -> bool:
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")
    except FileNotFoundError:
        return False
    return b"multiprocessing" in command and b"resource_tracker" not in command


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_ingest_resume_after_a_worker_is_killed(reference, tmp_path):
    corpus, clean, _ = reference
    url = f"sqlite:///{tmp_path / 'worker.db'}"
    process = start(corpus, url, "--workers", "2")
    wait_for_documents(process, url, at_least=3)
    workers = [pid for pid in _children(process.pid) if _is_worker(pid)]
    assert workers, "no worker process found"
    os.kill(workers[0], signal.SIGKILL)
    process.wait(timeout=TIMEOUT)
    error = process.stderr.read()
    assert process.returncode != 0  # the run noticed the dead worker and said so in one line
    assert "error[E404]" in error and "Traceback" not in error
    again = ingest(corpus, url, "--workers", "2")
    assert again.returncode == 0, again.stderr
    assert merged_picture(url) == merged_picture(clean)
