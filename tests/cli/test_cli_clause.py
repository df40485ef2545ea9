"""Clause roles end to end through the installed `flashpoint`: `ingest` a two-sentence article
into SQLite, `events --json` shows each report's `clause`, `export --main-clause` keeps the
event each sentence is coded for, and a wrong value is a short usage error."""

from __future__ import annotations

import json
import subprocess

import pytest
from serving import run_flashpoint

# our own words: a shelling a spokesman reports (its sentence's only event), then a bombing in
# the main clause beside an attack in an "after ..." clause
ARTICLE = (
    "A spokesman for the Syrian Democratic Forces said that government troops shelled Manbij "
    "on Monday. Turkish jets bombed a village near Afrin on Tuesday after Kurdish fighters "
    "attacked a border post.\n"
)


def flashpoint(*args: str) -> subprocess.CompletedProcess:
    """The installed `flashpoint` script, as a user runs it."""
    return run_flashpoint(*args, columns=80)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("clause")
    (folder / "strikes.txt").write_text(ARTICLE, encoding="utf-8")
    url = f"sqlite:///{folder / 'store.db'}"
    done = flashpoint("ingest", str(folder / "strikes.txt"), "--db", url, "--no-language-check")
    assert done.returncode == 0, done.stderr
    return url


def test_cli_clause_events_json_shows_each_reports_clause(store):
    shown = flashpoint("events", "--db", store, "--json")
    assert shown.returncode == 0, shown.stderr
    clauses = sorted(r["clause"] for event in json.loads(shown.stdout) for r in event["reports"])
    assert clauses == ["main", "reported", "subordinate"]


def test_cli_clause_export_main_clause_keeps_each_sentences_coded_event(store, tmp_path):
    every = flashpoint("export", "--db", store, "-f", "plover")
    assert every.returncode == 0, every.stderr
    records = [json.loads(line) for line in every.stdout.splitlines()]
    assert sorted(t["clause"] for r in records for t in r["text_info"]) == [
        "main",
        "reported",
        "subordinate",
    ]
    out = tmp_path / "main.jsonl"
    main = flashpoint("export", "--db", store, "-f", "plover", "--main-clause", "-o", str(out))
    assert main.returncode == 0, main.stderr
    kept = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # the reported shelling is its sentence's event; the attack "after ..." the bombing is not
    assert sorted(t["clause"] for r in kept for t in r["text_info"]) == ["main", "reported"]


def test_cli_clause_export_wrong_value_is_a_short_usage_error(store):
    run = flashpoint("export", "--db", store, "-f", "plover", "--main-clause=no")
    assert run.returncode == 2
    assert "--main-clause" in run.stderr and "does not take a value" in run.stderr
    assert "Traceback" not in run.stderr and run.stdout == ""
    assert len(run.stderr.strip().splitlines()) <= 6


def test_cli_clause_events_main_clause_means_what_export_means(store):
    shown = flashpoint("events", "--db", store, "--json", "--main-clause")
    assert shown.returncode == 0, shown.stderr
    clauses = sorted(r["clause"] for event in json.loads(shown.stdout) for r in event["reports"])
    assert clauses == ["main", "reported"]
    table = flashpoint("events", "--db", store, "--main-clause")
    assert table.returncode == 0 and "Traceback" not in table.stderr
