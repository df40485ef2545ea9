"""Clause roles in the exports: PLOVER's `text_info` carries each report's `clause`, and
`--main-clause` keeps only the events some report states as its sentence's main clause,
in process and through the installed `flashpoint export`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from serving import flashpoint_exe

from flashpoint.export import export
from flashpoint.store.queries import EventFilter

TIMEOUT = 120
# the clause each invented report of the corpus gets: Deir ez-Zor is a main clause in one of
# its three reports, the Raqqa clash only inside a clause a speaker reports
CLAUSES = ("reported", "argument", "main", "reported")
# each report that is not a main clause shares its sentence with a main-clause accusation
# (factories.set_clause); the tests read the clashes
CLASHES = EventFilter(type="ASSAULT")


def _flashpoint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [flashpoint_exe(), *args], capture_output=True, text=True, timeout=TIMEOUT
    )


@pytest.fixture
def clause_db(tmp_path, make):
    from flashpoint.store.database import Database

    url = f"sqlite:///{tmp_path / 'store.db'}"
    database = Database.open(url)
    for analysis, clause in zip(make.corpus(), CLAUSES, strict=True):
        make.set_clause(analysis, clause)
        database.store(analysis, source="test")
    yield database
    database.close()


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_export_clause_plover_text_info_carries_each_reports_clause(clause_db, tmp_path):
    out = tmp_path / "all.jsonl"
    assert export(clause_db, "plover", out, CLASHES) == 2
    by_place = {r["event_loc"]["resolved_place"]: r for r in _records(out)}
    deir = by_place["Deir ez-Zor"]
    assert [t["clause"] for t in deir["text_info"]] == ["reported", "argument", "main"]
    assert len(deir["text_info"]) == len(deir["event_text"]) == len(deir["cite_info"])
    assert [t["clause"] for t in by_place["Raqqa"]["text_info"]] == ["reported"]


def test_export_clause_main_clause_filter_in_every_format(clause_db, tmp_path):
    main = EventFilter(main_clause=True, type="ASSAULT")
    out = tmp_path / "main.jsonl"
    assert export(clause_db, "plover", out, main) == 1
    (record,) = _records(out)
    assert record["event_loc"]["resolved_place"] == "Deir ez-Zor"
    # one filter, one meaning: the JSON export keeps the same event and says it filtered
    doc = tmp_path / "main.json"
    export(clause_db, "json", doc, main)
    exported = json.loads(doc.read_text(encoding="utf-8"))
    assert [e["place"] for e in exported["events"]] == ["Deir ez-Zor"]
    assert exported["filters"]["main_clause"] is True
    assert {r["clause"] for r in exported["events"][0]["reports"]} == {
        "reported",
        "argument",
        "main",
    }
    geo = tmp_path / "main.geojson"
    export(clause_db, "geojson", geo, main)
    features = [f["properties"] for f in json.loads(geo.read_text(encoding="utf-8"))["features"]]
    assert {f["place"] for f in features if f["kind"] == "event"} == {"Deir ez-Zor"}
    assert {r["clause"] for f in features if f["kind"] == "event" for r in f["reports"]} == {
        "reported",
        "argument",
        "main",
    }
    # the place layer follows the kept events, as with the other filters
    assert {f["name"] for f in features if f["kind"] == "place"} == {"Deir ez-Zor"}


def test_export_clause_unknown_clause_counts_as_main(filled_db, tmp_path):
    # the conftest corpus states no clause: a store written before clauses were kept
    out = tmp_path / "main.jsonl"
    assert export(filled_db, "plover", out, EventFilter(main_clause=True)) == 2
    assert all(t["clause"] is None for r in _records(out) for t in r["text_info"])


def test_export_clause_installed_entry_point(clause_db, tmp_path):
    url = clause_db.url
    everything = _flashpoint(
        "export", "--db", url, "-f", "plover", "--type", "ASSAULT", "-o", str(tmp_path / "a.jsonl")
    )
    assert everything.returncode == 0, everything.stderr
    assert len(_records(tmp_path / "a.jsonl")) == 2
    main = _flashpoint(
        "export", "--db", url, "-f", "plover", "--main-clause", "--type", "ASSAULT",
        "-o", str(tmp_path / "m.jsonl"),
    )  # fmt: skip
    assert main.returncode == 0, main.stderr
    assert "wrote 1 records" in main.stderr
    (record,) = _records(tmp_path / "m.jsonl")
    assert "main" in [t["clause"] for t in record["text_info"]]
    # to stdout, composed with another filter that leaves nothing
    none = _flashpoint("export", "--db", url, "-f", "plover", "--main-clause", "--place", "Raqqa")
    assert none.returncode == 0, none.stderr
    assert none.stdout == ""


def test_export_clause_help_and_wrong_values(tmp_path):
    shown = _flashpoint("export", "--help")
    assert shown.returncode == 0
    assert "--main-clause" in shown.stdout and "main clause" in shown.stdout
    for wrong in (["--main-clause=yes"], ["--main-clause", "--format", "plovr"]):
        run = _flashpoint("export", "--db", f"sqlite:///{tmp_path / 'x.db'}", *wrong)
        assert run.returncode == 2, (wrong, run.stdout, run.stderr)
        assert "Traceback" not in run.stderr
        assert len(run.stderr.strip().splitlines()) <= 8, run.stderr
        assert "--main-clause" in run.stderr or "--format" in run.stderr
