"""The `flashpoint eval` group and `flashpoint bench` through the CLI, on tiny inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flashpoint.cli import _register, app

TEXT = "Army units fought the Hill Front near Lake Oro. The Hill Front is part of the Alliance."


@pytest.fixture(scope="module")
def runner() -> CliRunner:
    _register()
    return CliRunner()


def tiny_re3d(root: Path) -> Path:
    folder = root / "src1"
    folder.mkdir(parents=True)
    (folder / "documents.json").write_text(json.dumps({"_id": "d1", "text": TEXT}) + "\n")
    start = TEXT.index("Lake Oro")
    entities = [
        {
            "documentId": "d1",
            "begin": start,
            "end": start + 8,
            "type": "Location",
            "value": "Lake Oro",
        }
    ]
    (folder / "entities.json").write_text("\n".join(json.dumps(e) for e in entities))
    (folder / "relations.json").write_text("")
    return root


def test_cli_eval_re3d_json_and_errors(runner: CliRunner, tmp_path: Path):
    errors = tmp_path / "errors.jsonl"
    result = runner.invoke(
        app, ["eval", "re3d", str(tiny_re3d(tmp_path / "re3d")), "--json", "--errors", str(errors)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 1
    assert data["entities"]["micro"]["n_gold"] == 1
    assert set(data["relations"]["per_type"]) == {"enemy_of", "ally_of", "member_of", "leads"}
    lines = [json.loads(line) for line in errors.read_text().splitlines()]
    assert all(line["sentence"] for line in lines)
    found = data["entities"]["micro"]["tp_gold"]
    assert len([x for x in lines if x["error"] == "false_negative"]) == 1 - found


def test_cli_eval_plover_json(runner: CliRunner, tmp_path: Path):
    gold = tmp_path / "gold.json"
    gold.write_text(
        json.dumps(
            [
                {"id": "doc", "event": "DOCUMENT"},
                {
                    "id": "r1",
                    "event": "FIGHT",
                    "text": "Army units shelled the Hill Front positions.",
                    "source": [{"code": "SYRMIL"}],
                    "target": "",
                },
            ]
        )
    )
    result = runner.invoke(app, ["eval", "plover", str(gold), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["records"] == 1
    assert 0.0 <= data["accuracy"] <= 1.0
    assert data["source_agreement"]["scored"] == 1


def test_cli_bench_json(runner: CliRunner, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(3):
        (corpus / f"{n}.txt").write_text(f"{TEXT} Report number {n}.")
    result = runner.invoke(app, ["bench", str(corpus), "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["documents"] == 3
    assert data["ours"]["docs_per_s"] > 0
    assert data["bare"]["words_per_s"] > 0


def test_cli_eval_bad_input_is_one_line(tmp_path: Path):
    command = [
        sys.executable,
        "-c",
        "from flashpoint.cli import main; main()",
        "eval",
        "re3d",
        str(tmp_path / "missing"),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().startswith("error[E502]")
    assert len(done.stderr.strip().splitlines()) == 1
