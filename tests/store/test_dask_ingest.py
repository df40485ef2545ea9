"""`flashpoint ingest --dask`: a LocalCluster of two worker processes on loopback analyses, this
process writes, and the store is the serial run's, table by table, on SQLite and PostgreSQL;
a scheduler that does not answer, and a worker that dies, are one-line errors that keep what
was stored. Every run goes through the installed entry point, as a user would start it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hardening import store_checks
from sqlalchemy import create_engine, inspect, text

from flashpoint.errors import ANALYSIS_FAILED
from flashpoint.model import Analysis, Document
from flashpoint.store.database import normalise_url
from flashpoint.store.ingest import analyse_batch

TIMEOUT = 300
# one event told by several outlets (it merges), and distinct ones around it, in our words
TOWNS = ("Raqqa", "Deir ez-Zor", "Manbij", "Idlib")
OUTLETS = ("Valley Times", "Frontline Wire", "Desk Daily")
N_DOCUMENTS = 24
# columns that hold the time of writing, which no two runs share
WRITE_TIMES = {"ingested_at", "rejected_at"}


def write_corpus(path: Path) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for i in range(N_DOCUMENTS):
            town = TOWNS[i % len(TOWNS)]
            body = (
                f"Syrian government troops shelled the outskirts of {town} on Tuesday, and "
                f"{2 + i % 5} civilians were killed, a local monitor said. Fighters of the "
                f"Syrian Democratic Forces, who are backed by the United States, said they "
                f"pushed back an assault on their lines near {town} (dispatch {i})."
            )
            row = {
                "text": body,
                "title": f"Shelling near {town}, dispatch {i}",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "date": f"2017-09-{12 + i % 3:02d}",
            }
            handle.write(json.dumps(row) + "\n")


def flashpoint(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    command = [*_entry_point(), *args]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=TIMEOUT, env={**os.environ, **(env or {})}
    )


def _entry_point() -> list[str]:
    script = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert script, "the flashpoint entry point is not installed beside the interpreter"
    return [script]


def rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table, in key order, less the time each was written."""
    engine = create_engine(normalise_url(url))
    try:
        found = {}
        with engine.connect() as connection:
            for table in store_checks.TABLES:
                columns = [
                    c["name"]
                    for c in inspect(connection).get_columns(table)
                    if c["name"] not in WRITE_TIMES
                ]
                listed = ", ".join(columns)
                result = connection.execute(text(f"SELECT {listed} FROM {table} ORDER BY {listed}"))
                found[table] = [tuple(row) for row in result]
        return found
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def serial(tmp_path_factory) -> tuple[Path, str]:
    """The corpus, and a serial run over it into SQLite to compare every Dask run with."""
    folder = tmp_path_factory.mktemp("dask")
    corpus, url = folder / "corpus.jsonl", f"sqlite:///{folder / 'serial.db'}"
    write_corpus(corpus)
    done = flashpoint("ingest", str(corpus), "--db", url, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stored"] == N_DOCUMENTS
    picture = store_checks.picture(url)
    assert picture["event_sources"] > picture["events"] > 0  # reports merged, or this means little
    return corpus, url


def test_dask_local_two_workers_store_equals_serial(serial, tmp_path):
    corpus, serial_url = serial
    url = f"sqlite:///{tmp_path / 'dask.db'}"
    done = flashpoint("ingest", str(corpus), "--db", url, "--dask", "local", "-w", "2", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["stored"] == N_DOCUMENTS
    assert store_checks.picture(url) == store_checks.picture(serial_url)
    dask_rows, serial_rows = rows(url), rows(serial_url)
    for table in store_checks.TABLES:  # written in corpus order: the same rows, ids and all
        assert dask_rows[table] == serial_rows[table], f"{table} differs from the serial run"
    again = flashpoint("ingest", str(corpus), "--db", url, "--dask", "local", "--json")
    assert json.loads(again.stdout)["duplicates"] == N_DOCUMENTS  # stored ones are skipped


def test_dask_local_into_postgres_equals_serial(serial, make):
    corpus, serial_url = serial
    url = make.postgres_url()
    make.reset_postgres(url)
    done = flashpoint("ingest", str(corpus), "--db", url, "--dask", "local", "-w", "2", "--json")
    assert done.returncode == 0, done.stderr
    assert store_checks.picture(url) == store_checks.picture(serial_url)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_dask_running_scheduler_and_workers_store_equals_serial(serial, tmp_path):
    """A deployment in small: `dask scheduler` and `dask worker` as their own commands on
    loopback, and `ingest --dask tcp://...` with a registry file the workers never see."""
    corpus, serial_url = serial
    dask = shutil.which("dask", path=str(Path(sys.executable).parent))
    assert dask, "the dask command is not installed beside the interpreter"
    address = f"tcp://127.0.0.1:{_free_port()}"
    port = address.rsplit(":", 1)[1]
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    worker = subprocess.Popen(
        [dask, "worker", address, "--nworkers", "2", "--nthreads", "1", "--no-dashboard"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        extra = tmp_path / "no_new_actors.yaml"  # an empty addition: the same analysis
        extra.write_text("[]\n", encoding="utf-8")
        url = f"sqlite:///{tmp_path / 'cluster.db'}"
        done = flashpoint(
            "ingest", str(corpus), "--db", url, "--dask", address, "--registry", str(extra)
        )
        assert done.returncode == 0, done.stderr
        assert rows(url) == rows(serial_url)
    finally:
        for process in (worker, scheduler):  # their own sessions: the nannies' workers too
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def test_dask_scheduler_that_does_not_answer_is_one_line_and_keeps_the_store(serial, tmp_path):
    corpus, _ = serial
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    assert store_checks.write(url, store_checks.corpus(6)) == 6
    before = store_checks.picture(url)
    started = time.monotonic()
    failed = flashpoint("ingest", str(corpus), "--db", url, "--dask", "tcp://127.0.0.1:1")
    assert failed.returncode == 2
    assert "error[E410]" in failed.stderr and "tcp://127.0.0.1:1" in failed.stderr
    assert "Traceback" not in failed.stderr
    assert time.monotonic() - started < 60  # fails within the connect timeout, no hang
    assert store_checks.picture(url) == before
    wrong = flashpoint("ingest", str(corpus), "--db", url, "--dask", "scheduler:8786")
    assert wrong.returncode == 2 and "error[E411]" in wrong.stderr
    assert "Traceback" not in wrong.stderr


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(x) for x in (task / "children").read_text().split()]
    return found


def _dask_workers(pid: int) -> list[int]:
    """The worker processes a LocalCluster's nannies spawned under `pid`."""
    workers = []
    for child in _children(pid):
        try:
            command = Path(f"/proc/{child}/cmdline").read_bytes()
        except FileNotFoundError:
            continue
        if b"spawn_main" in command:
            workers.append(child)
    return workers


def _kill_workers_once_storing(
    corpus: Path, url: str, stored_before: int, how_many: int, allowed_failures: int | None = None
) -> subprocess.CompletedProcess:
    """Run `ingest --dask local -w 2`, SIGKILL `how_many` of its workers once a document more
    than `stored_before` is stored, and let it end."""
    command = [*_entry_point(), "ingest", str(corpus), "--db", url, "--dask", "local"]
    env = dict(os.environ)
    if allowed_failures is not None:  # Dask reruns a dead worker's batch three times by default
        env["DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES"] = str(allowed_failures)
    process = subprocess.Popen(
        [*command, "-w", "2", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while len(_dask_workers(process.pid)) < 2 or _stored(url) <= stored_before:
            assert process.poll() is None, process.stderr.read()
            assert time.monotonic() < deadline, "no progress within the time limit"
            time.sleep(0.05)
        for pid in _dask_workers(process.pid)[:how_many]:
            os.kill(pid, signal.SIGKILL)
        out, err = process.communicate(timeout=TIMEOUT)
    finally:
        if process.poll() is None:
            process.kill()
    return subprocess.CompletedProcess(command, process.returncode, out, err)


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="needs Linux /proc")
def test_dask_workers_killed_is_one_line_and_the_rerun_equals_serial(serial, tmp_path):
    corpus, serial_url = serial
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    killed = _kill_workers_once_storing(corpus, url, 0, how_many=2, allowed_failures=0)
    assert killed.returncode == 2, killed.stderr
    assert "error[E404]" in killed.stderr and "Traceback" not in killed.stderr
    survived = _stored(url)
    assert 1 <= survived < N_DOCUMENTS
    # the rerun resumes; one worker dies under it too, and Dask reruns that worker's batch
    again = _kill_workers_once_storing(corpus, url, survived, how_many=1)
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["duplicates"] == survived
    assert rows(url) == rows(serial_url)


def _stored(url: str) -> int:
    path = Path(url.removeprefix("sqlite:///"))
    if not path.exists():
        return 0
    try:
        return store_checks.query(url, "SELECT count(*) FROM documents")[0][0]
    except Exception:  # noqa: BLE001 - not created yet, or being migrated
        return 0


class Endless:
    """Never finishes a document with 'loop' in it; analyses the rest (an empty Analysis)."""

    def analyze(self, document: Document) -> Analysis:
        while "loop" in document.text:
            sum(range(100))
        return Analysis(document=document)

    def analyze_many(self, documents: list[Document]) -> list[Analysis]:
        return [self.analyze(d) for d in documents]


def test_dask_task_thread_keeps_the_time_limit():
    """A Dask worker runs batches in a thread, where SIGALRM cannot reach: the endless
    document must still cost one rejection, not the worker."""
    documents = [Document(id=f"d{i}", text=t) for i, t in enumerate(("fine", "loop", "ok"))]
    found: list = []
    worker = threading.Thread(target=lambda: found.extend(analyse_batch(Endless(), documents, 0.3)))
    worker.start()
    worker.join(timeout=30)
    assert not worker.is_alive(), "the endless document held the thread"
    by_id = {o.document_id: o for o in found}
    assert by_id["d0"].analysis is not None and by_id["d2"].analysis is not None
    assert by_id["d1"].code == ANALYSIS_FAILED and "longer than 0.3 s" in by_id["d1"].reason


def test_dask_worker_that_cannot_load_the_registry_names_the_users_file(serial, tmp_path):
    """The registry travels to the workers as contents; its error names the file as given."""
    corpus, _ = serial
    broken = tmp_path / "broken_actors.yaml"
    broken.write_text("actors: [unclosed\n", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'registry.db'}"
    failed = flashpoint(
        "ingest", str(corpus), "--db", url, "--dask", "local", "-w", "1", "--registry", str(broken)
    )
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    assert f"error[E301]: {broken}:" in failed.stderr
