"""docs/quality.md documents every eval command and the benchmark, and every shipped map."""

from __future__ import annotations

from pathlib import Path

from flashpoint.cli import _register
from flashpoint.evaluate.resources import load_eval_data

DOC = Path(__file__).resolve().parents[2] / "docs" / "quality.md"


def test_docs_quality_names_every_eval_command():
    _register()
    from flashpoint.cli.evaluate import eval_app

    text = DOC.read_text("utf-8")
    names = [c.name or c.callback.__name__ for c in eval_app.registered_commands]
    assert {"re3d", "plover"} <= set(names)
    for name in names:
        assert f"flashpoint eval {name}" in text, f"docs/quality.md lacks `flashpoint eval {name}`"
    assert "flashpoint bench" in text


def test_docs_quality_lists_every_old_plover_name():
    text = DOC.read_text("utf-8")
    types = load_eval_data("plover.yaml")["types"]
    for old, new in types.items():
        if old != new:
            assert f"| {old} | {new} |" in text, f"docs/quality.md lacks the row {old} -> {new}"


def test_docs_quality_lists_every_re3d_relation_mapping():
    text = DOC.read_text("utf-8")
    for theirs, ours in load_eval_data("re3d.yaml")["relations"].items():
        assert f"| {theirs} | {ours} |" in text
