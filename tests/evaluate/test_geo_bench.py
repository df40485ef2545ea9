"""The geoparse latency benchmark and the cut-down pipeline it times (structure, no limits)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from flashpoint.cli import _register, app
from flashpoint.evaluate.geo_bench import run_geo_bench
from flashpoint.nlp.pipeline import load_pipeline, load_toponym_pipeline

TEXTS = [
    "Fighters advanced on Deir ez-Zor from the east bank of the Euphrates on Tuesday.\n\n"
    "Government troops moved toward Raqqa, residents of Hassakeh said.",
    "Talks between the two delegations resumed in Geneva after a week of shelling near Aleppo.",
]


def test_toponym_pipeline_keeps_the_entities_of_the_full_pipeline():
    full, cut = load_pipeline(), load_toponym_pipeline()
    assert "parser" not in cut.pipe_names and "ner" in cut.pipe_names
    assert cut.pipe_names[0] == "sentencizer"
    for text in TEXTS:
        assert [(e.text, e.label_) for e in cut(text).ents] == [
            (e.text, e.label_) for e in full(text).ents
        ]
    # a blank line ends a sentence even without a full stop (headlines, datelines)
    doc = cut("Raqqa offensive stalls\n\nFighters advanced on the city.")
    assert len(list(doc.sents)) == 2


def test_geo_bench_times_every_document():
    result = run_geo_bench(TEXTS, repeats=1)
    assert result.documents == 2
    assert result.words == sum(len(t.split()) for t in TEXTS)
    assert result.toponyms >= 4
    for figures in (result.document_ms, result.parse_ms, result.per_1000_words_ms):
        assert 0 < figures["median"] <= figures["p90"] <= figures["max"]
    assert result.document_ms["max"] >= result.parse_ms["max"]


def test_bench_geoparse_cli_json(tmp_path):
    _register()
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in TEXTS), encoding="utf-8")
    result = CliRunner().invoke(
        app, ["bench", str(corpus), "--geoparse", "--repeats", "1", "--json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 2
    assert data["per_1000_words_ms"]["median"] > 0
