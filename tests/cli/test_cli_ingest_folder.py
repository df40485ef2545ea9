"""`flashpoint ingest FOLDER` reads a folder as `flashpoint analyze FOLDER` does: the articles
only (README and YAML files are notes about them), each with the title, outlet and date its
`metadata.yaml` gives (`flashpoint.ingest.folder`)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

from flashpoint.cli.analyze import article_paths

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def test_cli_ingest_examples_stores_the_articles_with_their_metadata(tmp_path):
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert exe
    store = tmp_path / "x.db"
    done = subprocess.run(
        [exe, "ingest", str(EXAMPLES), "--db", f"sqlite:///{store}", "--json"],
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr[-500:]
    summary = json.loads(done.stdout)
    articles = article_paths(EXAMPLES)  # what `flashpoint analyze examples/` reads
    assert {p.name for p in articles} >= {"yemen_marib_offensive.txt", "libya_sirte_red_line.html"}
    with sqlite3.connect(store) as connection:
        stored = connection.execute("SELECT source, title, outlet, published FROM documents")
        documents = {
            Path(source).name: (title, outlet, day) for source, title, outlet, day in stored
        }
        rejected = connection.execute("SELECT source FROM rejected").fetchall()
    assert not rejected and summary["rejected"] == 0, rejected
    # the .html holds the same text as its .txt: one document, the other a duplicate
    assert summary["read"] == summary["stored"] + summary["duplicates"] == len(articles)
    assert set(documents) <= {p.name for p in articles}
    assert len(documents) == summary["stored"] == len(articles) - 1, sorted(documents)
    metadata = yaml.safe_load((EXAMPLES / "metadata.yaml").read_text(encoding="utf-8"))
    for name, (title, outlet, day) in documents.items():
        entry = metadata[name]
        assert (title, outlet) == (entry["title"], entry["outlet"]), name
        assert dt.date.fromisoformat(day) == entry["published"], name
