"""Geoparsing eval: the gold readers, the error figures, and scoring on a tiny sample."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest
import spacy

from flashpoint.errors import FlashpointError
from flashpoint.evaluate.geo import MAX_ERROR_KM, error_figures, evaluate_geo, read_gold
from flashpoint.geo.parser import Geoparser

LGL_SAMPLE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>Sample</title>
    <text>Shelling hit Raqqa and Qwertyville while Tripoli, Lebanon was calm.</text>
    <toponyms>
      <toponym><start>13</start><end>18</end><phrase>Raqqa</phrase>
        <gaztag geonameid="172955"><name>Ar Raqqah</name><fclass>P</fclass><fcode>PPLA</fcode>
        <lat>35.95283</lat><lon>39.00788</lon><country>Syria</country></gaztag></toponym>
      <toponym><start>23</start><end>34</end><phrase>Qwertyville</phrase>
        <gaztag geonameid="1"><name>Qwertyville</name><lat>10.0</lat><lon>10.0</lon></gaztag>
      </toponym>
      <toponym><start>41</start><end>48</end><phrase>Tripoli</phrase>
        <gaztag geonameid="266826"><name>Tripoli</name><lat>34.43352</lat><lon>35.84415</lon>
        </gaztag></toponym>
      <toponym><start>50</start><end>57</end><phrase>Lebanon</phrase>
        <gaztag geonameid="272103"><name>Lebanon</name><lat>33.83333</lat><lon>35.83333</lon>
        </gaztag></toponym>
    </toponyms>
  </article>
</articles>
"""

GWN_SAMPLE = """<?xml version="1.0" ?>
<articles>
  <article file="0">
    <title>t</title><link>l</link>
    <text>Russian jets struck Raqqa, residents said.</text>
    <toponyms>
      <toponym><extractedName>Russian</extractedName><type>Non_Literal_Modifier</type>
        <start>0</start><end>7</end><geonamesID>2017370</geonamesID>
        <latitude>60</latitude><longitude>100</longitude></toponym>
      <toponym><extractedName>Raqqa</extractedName><type>Literal</type>
        <start>20</start><end>25</end><geonamesID>172955</geonamesID>
        <latitude>35.95283</latitude><longitude>39.00788</longitude></toponym>
      <toponym><extractedName>residents</extractedName><type>Non_Lit_Expression</type>
        <start>27</start><end>36</end></toponym>
    </toponyms>
  </article>
</articles>
"""


@pytest.fixture
def sample_gazetteer(tmp_path):
    """The small gazetteer in GeoNames' own format that the import tests write."""
    spec = importlib.util.spec_from_file_location(
        "gazetteer_sample",
        Path(__file__).resolve().parents[1] / "geo" / "test_gazetteer_import.py",
    )
    sample = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sample)
    gaz = sample.sample_gazetteer(tmp_path / "g")
    yield gaz
    gaz.close()


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_geo_eval_reads_lgl_format(tmp_path):
    articles = read_gold(_write(tmp_path, "lgl.xml", LGL_SAMPLE))
    assert len(articles) == 1
    tops = articles[0].toponyms
    assert [t.text for t in tops] == ["Raqqa", "Qwertyville", "Tripoli", "Lebanon"]
    assert tops[0].geonameid == 172955 and math.isclose(tops[0].lat, 35.95283)


def test_geo_eval_reads_geowebnews_types(tmp_path):
    articles = read_gold(_write(tmp_path, "gwn.xml", GWN_SAMPLE))
    tops = articles[0].toponyms
    assert [(t.text, t.kind) for t in tops] == [
        ("Russian", "Non_Literal_Modifier"),
        ("Raqqa", "Literal"),
    ]
    only_literal = read_gold(_write(tmp_path, "gwn.xml", GWN_SAMPLE), ["Literal"])
    assert [t.text for t in only_literal[0].toponyms] == ["Raqqa"]


def test_geo_eval_bad_files_are_user_errors(tmp_path):
    with pytest.raises(FlashpointError):
        read_gold(tmp_path / "missing.xml")
    with pytest.raises(FlashpointError):
        read_gold(_write(tmp_path, "bad.xml", "<articles><article>"))


def test_geo_eval_error_figures():
    perfect = error_figures([0.0, 0.0, 0.0])
    assert perfect["acc161"] == 1.0 and perfect["auc"] == 0.0
    worst = error_figures([MAX_ERROR_KM] * 4)
    assert worst["acc161"] == 0.0 and worst["auc"] == pytest.approx(1.0)
    mixed = error_figures([0.0, 100.0, 161.0, 500.0])
    assert mixed["acc161"] == 0.75 and mixed["median_km"] == 130.5
    assert 0.0 < mixed["auc"] < 1.0
    assert error_figures([])["n"] == 0


def test_geo_eval_scores_a_sample(tmp_path, sample_gazetteer):
    geoparser = Geoparser(nlp=spacy.blank("en"), gazetteer=sample_gazetteer)
    report = evaluate_geo(
        read_gold(_write(tmp_path, "lgl.xml", LGL_SAMPLE)), geoparser, keep_errors=True
    ).as_dict()
    spans = report["resolution_given_spans"]
    assert spans["n"] == 4
    # Raqqa, Lebanon and "Tripoli, Lebanon" are right; Qwertyville is unknown, placed far off
    assert spans["acc161"] == pytest.approx(3 / 4, abs=1e-3)
    assert report["recognition"]["n_gold"] == 4
    assert 0 < report["recognition"]["tp_gold"] <= 3
    # the three right ones had a right candidate; Qwertyville had none
    assert report["candidate_recall161"] == pytest.approx(3 / 4, abs=1e-3)
    assert sum(band["n"] for band in report["reliability"]) == 4


def test_geo_eval_reliability_bands():
    from flashpoint.evaluate.geo import GeoReport

    report = GeoReport(confidence_errors=[(0.95, 10.0), (0.9, 900.0), (0.6, 5.0), (0.1, 5000.0)])
    bands = {b["confidence"]: b for b in report.reliability()}
    assert bands["0.8-1.0"] == {"confidence": "0.8-1.0", "n": 2, "acc161": 0.5}
    assert bands["0.5-0.8"]["acc161"] == 1.0 and bands["0.0-0.5"]["acc161"] == 0.0


def test_geo_eval_recognition_without_by_design_types(tmp_path, sample_gazetteer):
    """ "Russian" in "Russian jets" is gold in GeoWebNews but left out by flashpoint on purpose:
    the second recognition figure neither expects it nor counts finding it."""
    report = evaluate_geo(
        read_gold(_write(tmp_path, "gwn.xml", GWN_SAMPLE)),
        Geoparser(nlp=spacy.blank("en"), gazetteer=sample_gazetteer),
    ).as_dict()
    assert report["recognition"]["n_gold"] == 2
    places = report["recognition_places"]
    assert places["n_gold"] == 1  # Raqqa only
    assert places["tp_gold"] == 1 and places["recall"] == 1.0
