"""A document keeps where it came from, so a folder's results can be told apart."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.ingest import load_document
from flashpoint.ingest.corpus import iter_corpus

BODY = (
    "Government troops shelled rebel positions on the edge of the town on Tuesday, residents "
    "said, and the rebels answered with mortar fire on an army checkpoint near the bridge.\n"
)
HEADLINED = "Shelling on the edge of the town\n\n" + BODY


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    articles = tmp_path / "articles"
    articles.mkdir()
    (articles / "no_headline.txt").write_text(BODY, encoding="utf-8")
    (articles / "with_headline.txt").write_text(HEADLINED, encoding="utf-8")
    return tmp_path


def test_load_source_path_as_given_and_title_falls_back_to_the_name(folder, monkeypatch):
    monkeypatch.chdir(folder)
    plain = load_document("articles/no_headline.txt")
    assert plain.source == "articles/no_headline.txt"
    assert plain.title == "no_headline"
    headlined = load_document("articles/with_headline.txt")
    assert headlined.title == "Shelling on the edge of the town"
    assert headlined.source == "articles/with_headline.txt"


def test_load_source_of_corpus_rows(tmp_path):
    corpus = tmp_path / "rows.jsonl"
    corpus.write_text(json.dumps({"text": BODY, "title": "A row"}) + "\n", encoding="utf-8")
    (item,) = list(iter_corpus([str(corpus)]))
    assert item.document is not None and item.document.source == item.source
    assert item.source.endswith("rows.jsonl#line=1")


def test_load_source_folder_json_names_each_file(folder):
    script = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert script
    result = subprocess.run(
        [script, "analyze", "articles", "--json"],
        cwd=folder,
        capture_output=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr.decode()[-2000:]
    documents = [json.loads(line)["document"] for line in result.stdout.decode().splitlines()]
    assert [(d["source"], d["title"]) for d in documents] == [
        (str(Path("articles") / "no_headline.txt"), "no_headline"),
        (str(Path("articles") / "with_headline.txt"), "Shelling on the edge of the town"),
    ]
