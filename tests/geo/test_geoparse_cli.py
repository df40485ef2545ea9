"""`flashpoint geoparse`, `gazetteer import` and `eval geo` through the CLI."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
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


# --- a time budget per document, on the installed entry point --------------------------------


def _installed() -> str:
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert exe, "no flashpoint entry point beside this Python"
    return exe


def test_geoparse_installed_timeout_stops_an_article_with_one_error_line(tmp_path):
    article = tmp_path / "long.txt"
    article.write_text(TEXT + " " + TEXT * 40, encoding="utf-8")
    result = subprocess.run(
        [_installed(), "geoparse", str(article), "--json", "--timeout", "0.001"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert result.stdout == ""
    assert "error[E407]" in result.stderr and "longer than 0.001 s" in result.stderr
    assert "Traceback" not in result.stderr


def test_geoparse_installed_timeout_in_a_folder_reports_each_article_then_fails(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT * 20, encoding="utf-8")
    result = subprocess.run(
        [_installed(), "geoparse", str(tmp_path), "--json", "--timeout", "0.001"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert sum("a.txt" in line or "b.txt" in line for line in lines) == 2, lines
    assert "2 of 2 articles" in lines[-1] and "Traceback" not in result.stderr


def test_geoparse_installed_default_budget_and_no_limit_both_finish(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    for extra in ([], ["--timeout", "0"]):
        result = subprocess.run(
            [_installed(), "geoparse", str(article), "--json", *extra],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 0, result.stderr
        assert any(t["text"] == "Raqqa" for t in json.loads(result.stdout)["toponyms"])


def test_geoparse_installed_negative_timeout_is_a_usage_error(tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = subprocess.run(
        [_installed(), "geoparse", str(article), "--timeout", "-1"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 2 and "--timeout" in result.stderr
