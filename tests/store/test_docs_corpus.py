"""docs/corpus.md documents every corpus command and export format."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[2] / "docs" / "corpus.md"


@pytest.mark.parametrize(
    "command", ["ingest", "events", "actor", "places", "relations", "stats", "export", "db upgrade"]
)
def test_docs_corpus_mentions_command(command):
    assert f"flashpoint {command}" in DOC.read_text(encoding="utf-8")


def test_docs_corpus_mentions_every_format_and_table():
    from flashpoint.export import FORMATS
    from flashpoint.store.schema import metadata

    text = DOC.read_text(encoding="utf-8")
    for name in FORMATS:
        assert f"`{name}`" in text
    for table in metadata.tables:
        assert f"`{table}`" in text


def test_docs_corpus_every_ingest_option_documented():
    import flashpoint.cli.store as store

    text = DOC.read_text(encoding="utf-8")
    for name in inspect.signature(store.ingest).parameters:
        if name in ("sources", "db", "json_output"):
            continue
        assert "--" + name.replace("_", "-") in text, name
