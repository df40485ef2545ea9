"""`flashpoint bench --ingest` as a user runs it: the installed command on a small corpus."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

TOWNS = ["Raqqa", "Homs", "Idlib", "Manbij", "Daraa"]


def flashpoint() -> str:
    script = Path(sys.executable).with_name("flashpoint")
    found = str(script) if script.exists() else shutil.which("flashpoint")
    if found is None:
        pytest.fail("the flashpoint command is not installed (pip install -e .)")
    return found


def test_bench_ingest_reports_both_paces_and_every_process(tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [
        {
            "text": f"Government forces shelled {town} on Monday, killing {i + 3} people, "
            f"activists said, in report number {i}.",
            "date": f"2017-09-{i + 1:02d}",
        }
        for i, town in enumerate(TOWNS * 2)
    ]
    rows.append(rows[0])  # a copy: read, not analysed twice, not stored twice
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    done = subprocess.run(
        [flashpoint(), "bench", str(corpus), "--ingest", "--workers", "2", "--json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["documents"] == result["stored"] == 10
    assert result["workers"] == 2 and len(result["worker_peak_rss_mb"]) == 2
    assert result["writer_peak_rss_mb"] > 0
    assert all(rss > 0 for rss in result["worker_peak_rss_mb"].values())
    assert result["analysis_worker_cpu_s"] > 0 and result["ingest_worker_cpu_s"] > 0
    assert 0 < result["ingest_writer_cpu_s"] < result["ingest_seconds"] + 5
    pace = result["ingest_docs_per_s"] / result["analysis_docs_per_s"]
    assert result["ratio"] == pytest.approx(pace, abs=0.01)


def test_bench_ingest_on_a_missing_corpus_is_one_line(tmp_path):
    done = subprocess.run(
        [flashpoint(), "bench", str(tmp_path / "missing.csv"), "--ingest"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "error[E504]" in done.stderr and "Traceback" not in done.stderr
