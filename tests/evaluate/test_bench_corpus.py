"""Benchmark corpus readers and a smoke run of the benchmark (structure only, no timing limits)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flashpoint.errors import BENCH_CORPUS_INVALID, INPUT_NOT_FOUND, FlashpointError
from flashpoint.evaluate.bench import run_bench
from flashpoint.evaluate.corpus import read_texts

TEXTS = [
    "Militia fighters shelled the northern district of the town on Tuesday, residents said.",
    "The two governments agreed to reopen the border crossing after talks in the capital.",
    "Rebel commanders rejected the ceasefire proposal and vowed to keep fighting.",
]


def test_bench_reads_jsonl_with_a_chosen_field(tmp_path: Path):
    path = tmp_path / "c.jsonl"
    rows = [{"body": t} for t in TEXTS] + [{"body": "  "}]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    assert read_texts(path, text_column="body") == TEXTS  # blank texts are skipped
    with pytest.raises(FlashpointError) as info:
        read_texts(path)
    assert info.value.code == BENCH_CORPUS_INVALID


def test_bench_reads_latin1_csv_with_a_limit(tmp_path: Path):
    path = tmp_path / "c.csv"
    path.write_bytes(
        'id,article_content\n1,"Caf\xe9 shelled, witnesses said"\n2,Second\n'.encode("latin-1")
    )
    assert read_texts(path, text_column="article_content", encoding="latin-1", limit=1) == [
        "Caf\xe9 shelled, witnesses said"
    ]
    with pytest.raises(FlashpointError) as info:
        read_texts(path, text_column="article_content")  # not UTF-8
    assert "--encoding" in info.value.message
    with pytest.raises(FlashpointError) as info:
        read_texts(path, text_column="body", encoding="latin-1")
    assert "article_content" in info.value.message


def test_bench_reads_a_directory_of_txt_files(tmp_path: Path):
    for n, text in enumerate(TEXTS):
        (tmp_path / f"{n}.txt").write_text(text)
    (tmp_path / "notes.md").write_text("not a text file for the benchmark")
    assert read_texts(tmp_path) == TEXTS
    with pytest.raises(FlashpointError) as info:
        read_texts(tmp_path / "missing")
    assert info.value.code == INPUT_NOT_FOUND


def test_bench_smoke_run_reports_positive_figures():
    result = run_bench(TEXTS, workers=1, batch_size=2)
    assert result.documents == 3
    assert result.words == sum(len(t.split()) for t in TEXTS)
    for phase in (result.bare, result.ours):
        assert phase.seconds > 0
        assert phase.docs_per_s > 0
        assert phase.words_per_s > phase.docs_per_s
    assert result.overhead > 0
    assert len(result.peak_rss_mb) == 1
    assert result.max_rss_mb > 0
    data = result.as_dict()
    assert set(data) >= {"bare", "ours", "overhead", "max_rss_mb", "machine", "workers"}
    assert json.loads(json.dumps(data)) == data


def test_bench_missing_model_is_a_user_error_not_a_hang():
    from flashpoint.errors import MODEL_MISSING

    with pytest.raises(FlashpointError) as info:
        run_bench(TEXTS[:1], workers=1, model="no_such_pipeline_for_tests")
    assert info.value.code == MODEL_MISSING


class _FailingAnalyzer:
    """Stands in for an Analyzer whose pipeline raises on one kind of document."""

    def __init__(self):
        import spacy

        self.nlp = spacy.blank("en")

    def analyze(self, document):
        if "BOOM" in document.text:
            raise ValueError("extractor bug")
        return document

    def analyze_many(self, documents, batch_size=16):
        for document in documents:
            yield self.analyze(document)


def test_bench_keep_going_leaves_failing_documents_out(monkeypatch):
    from flashpoint.evaluate import bench

    monkeypatch.setitem(bench._WORKER, "analyzer", _FailingAnalyzer())
    texts = [TEXTS[0], "BOOM goes this one.", TEXTS[1]]
    with pytest.raises(bench.DocumentFailed) as info:
        bench._run_chunk(3, False, (2, texts))
    assert info.value.position == 7  # chunk 2 of size 3 starts at 6; the second text fails
    out = bench._run_chunk(3, True, (2, texts))
    assert out["documents"] == 2
    assert out["attempted"] == 3
    assert [p for p, _ in out["failed"]] == [7]
    assert out["words"] == len(TEXTS[0].split()) + len(TEXTS[1].split())
    assert set(out["times"]) == {"bare", "ours", "learned"}
