"""Crash-safety and concurrent-writer trials of `flashpoint ingest`, with figures.

    .venv/bin/python scripts/store_trials.py --kills 10 --concurrent 3            # SQLite
    .venv/bin/python scripts/store_trials.py --kills 5 --concurrent 3 \\
        --db postgresql://user@host/scratch                                       # PostgreSQL

Kill trials: an ingest (2 workers) into a new store is killed with SIGKILL, main process and
workers at once, at a random moment of its run (a random time, or a random number of stored
documents); the same command is run again; the store
must then equal an uninterrupted run's: no document lost or stored twice, the same merged
events and relations. Concurrent trials: two ingests of overlapping halves of the corpus
start at once into one new store; neither may fail, and the store must equal a serial run's.
A PostgreSQL URL names a scratch database: every trial drops and recreates its schema.
Prints one line per trial and a summary; exit status 1 when any trial failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from hardening import store_checks  # noqa: E402

TOWNS = ("Raqqa", "Deir ez-Zor", "Manbij", "Tabqa", "Hasakah")
OUTLETS = ("Levant Wire", "Desert Herald", "Frontline Daily", "River Post")


def write_corpus(path: Path, n: int) -> None:
    """n invented reports in five clusters; a cluster is one shelling told by many outlets."""
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            town = TOWNS[i % len(TOWNS)]
            body = (
                f"Syrian government forces shelled {town} on Monday, local activists said in "
                f"their report number {i}. The Syrian Democratic Forces said they held their "
                f"positions near {town}, and that the U.S.-backed alliance would not withdraw."
            )
            row = {
                "text": body,
                "title": f"Shelling in {town} ({i})",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "date": f"2017-09-{11 + i % len(TOWNS):02d}",
            }
            handle.write(json.dumps(row) + "\n")


def command() -> list[str]:
    return [str(Path(sys.executable).with_name("flashpoint"))]


def ingest(corpus: Path, url: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*command(), "ingest", str(corpus), "--db", url, "--json", *extra],
        capture_output=True,
        text=True,
        timeout=900,
    )


def fresh(url: str, folder: Path, name: str) -> str:
    if url.startswith("sqlite"):
        return f"sqlite:///{folder / name}"
    store_checks.factories.reset_postgres(url)
    return url


def count_documents(url: str) -> int:
    try:
        return store_checks.query(url, "SELECT count(*) FROM documents")[0][0]
    except Exception:  # noqa: BLE001 - not created yet
        return 0


def kill_trial(
    corpus: Path, url: str, reference: dict, duration: float, rng: random.Random, trial: int
):
    """Even trials kill after a random time, odd ones once a random number of documents is
    stored (the writer is then mid-way through its transactions)."""
    process = subprocess.Popen(
        [*command(), "ingest", str(corpus), "--db", url, "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    started = time.perf_counter()
    if trial % 2 == 0:
        time.sleep(rng.uniform(0.2, duration))
    else:
        wanted = rng.randint(1, reference["documents"] - 1)
        while count_documents(url) < wanted and process.poll() is None:
            time.sleep(0.05)
    delay = time.perf_counter() - started
    finished = process.poll() is not None
    if not finished:
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    survived = count_documents(url)
    again = ingest(corpus, url, "--workers", "2")
    if again.returncode != 0:
        return False, f"rerun failed: {again.stderr.strip()[-300:]}"
    summary = json.loads(again.stdout)
    picture = store_checks.picture(url)
    stored = reference["documents"]
    lost = len(set(reference["documents_ids"]) - set(picture["documents_ids"]))
    doubled = picture["documents"] - len(set(picture["documents_ids"]))
    same = picture == reference
    detail = (
        f"killed at {delay:5.1f} s{' (had finished)' if finished else ''}: {survived}/{stored} "
        f"stored before the kill, rerun stored {summary['stored']}, lost {lost}, "
        f"duplicated {doubled}, store {'equals' if same else 'DIFFERS FROM'} the clean run"
    )
    return same and lost == 0 and doubled == 0, detail


def concurrent_trial(corpus: Path, halves: tuple[Path, Path], url: str, reference: dict):
    processes = [
        subprocess.Popen(
            [*command(), "ingest", str(half), "--db", url, "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for half in halves
    ]
    results = [p.communicate(timeout=900) + (p.returncode,) for p in processes]
    failed = [err.strip().splitlines()[-1:] for _, err, code in results if code != 0]
    if failed:
        return False, f"an ingest failed: {failed}"
    stored = [json.loads(out)["stored"] for out, _, _ in results]
    same = store_checks.picture(url) == reference
    detail = (
        f"two ingests at once stored {stored[0]} + {stored[1]} = {sum(stored)} of "
        f"{reference['documents']}; store {'equals' if same else 'DIFFERS FROM'} the serial run"
    )
    return same and sum(stored) == reference["documents"], detail


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--concurrent", type=int, default=2)
    parser.add_argument("--documents", type=int, default=40)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", default="sqlite", help="'sqlite', or a scratch PostgreSQL URL")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="flashpoint-trials-"))
    corpus = folder / "corpus.jsonl"
    write_corpus(corpus, args.documents)
    lines = corpus.read_text().splitlines(keepends=True)
    halves = (folder / "a.jsonl", folder / "b.jsonl")
    halves[0].write_text("".join(lines[0::2] + lines[1:6:2]))  # the second half's first too
    halves[1].write_text("".join(lines[1::2]))
    clean = f"sqlite:///{folder / 'clean.db'}"
    began = time.perf_counter()
    done = ingest(corpus, clean, "--workers", "2")
    if done.returncode != 0:
        print(done.stderr)
        return 1
    duration = time.perf_counter() - began
    reference = store_checks.picture(clean)
    base = "sqlite" if args.db == "sqlite" else args.db
    backend = "sqlite" if base == "sqlite" else "postgresql"
    print(
        f"{backend}: clean run {duration:.1f} s, {reference['documents']} documents, "
        f"{len(reference['events_merged'])} merged events, "
        f"{len(reference['relations_merged'])} relations"
    )
    passed = {"kill": 0, "concurrent": 0}
    for trial in range(args.kills):
        url = fresh(base, folder, f"kill-{trial}.db")
        ok, detail = kill_trial(corpus, url, reference, duration, rng, trial)
        passed["kill"] += ok
        print(f"kill {trial + 1}: {'ok ' if ok else 'FAIL'} {detail}")
    for trial in range(args.concurrent):
        url = fresh(base, folder, f"concurrent-{trial}.db")
        ok, detail = concurrent_trial(corpus, halves, url, reference)
        passed["concurrent"] += ok
        print(f"concurrent {trial + 1}: {'ok ' if ok else 'FAIL'} {detail}")
    print(
        f"{backend}: kill -9 trials survived {passed['kill']}/{args.kills}, "
        f"concurrent runs identical to serial {passed['concurrent']}/{args.concurrent}"
    )
    return 0 if passed["kill"] == args.kills and passed["concurrent"] == args.concurrent else 1


if __name__ == "__main__":
    sys.exit(main())
