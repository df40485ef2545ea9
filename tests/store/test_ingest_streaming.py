"""`ingest()` streams: the corpus is read a window ahead of the writer, never all at once.

A generator stands in for the corpus and records how far it has been read each time a
document is written; a stub Analyzer (no model) keeps the test about the loop, not spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import flashpoint.pipeline
import flashpoint.store.ingest as ingest_module
from flashpoint.ingest.corpus import CorpusItem
from flashpoint.model import Analysis, Document
from flashpoint.store.ingest import IngestOptions, ingest


class StubAnalyzer:
    def analyze_many(self, documents, batch_size=None):
        for document in documents:
            yield Analysis(document=document)

    def analyze(self, document):
        return Analysis(document=document)


class Corpus:
    """`n` items, one in seven a copy of the one before; counts what was read."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.read = 0

    def __call__(self, _sources, _options=None) -> Iterator[CorpusItem]:
        for i in range(self.n):
            self.read += 1
            number = i - 1 if i % 7 == 6 else i
            document = Document(id=f"doc-{number}", text=f"Report number {number}.")
            yield CorpusItem(source=f"gen#row={i}", document=document)


@pytest.fixture
def stubbed(monkeypatch):
    monkeypatch.setattr(
        flashpoint.pipeline.Analyzer, "from_defaults", classmethod(lambda *a, **k: StubAnalyzer())
    )


def test_ingest_reads_the_corpus_a_window_ahead_of_the_writer(stubbed, monkeypatch, db):
    corpus = Corpus(1500)
    monkeypatch.setattr(ingest_module, "iter_corpus", corpus)
    leads = []
    store = db.store

    def store_and_measure(analysis, *, source=None):
        leads.append(corpus.read - int(source.split("=")[1]))
        return store(analysis, source=source)

    monkeypatch.setattr(db, "store", store_and_measure)
    options = IngestOptions(workers=0, window=100, batch_size=4)
    summary = ingest(["generated"], db, options)
    assert summary.read == 1500
    assert summary.stored == 1500 - 1500 // 7 and summary.duplicates == 1500 // 7
    assert db.counts()["documents"] == summary.stored
    assert max(leads) <= options.window + options.batch_size  # not the whole corpus


def test_ingest_with_a_limit_stops_reading_a_million_item_corpus(stubbed, monkeypatch, db):
    corpus = Corpus(1_000_000)
    monkeypatch.setattr(ingest_module, "iter_corpus", corpus)
    summary = ingest(["generated"], db, IngestOptions(workers=0, limit=30))
    assert corpus.read == 30
    assert (summary.read, summary.stored + summary.duplicates) == (30, 30)
