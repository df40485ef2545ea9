"""Docs are tested: every command the CLI offers is documented in the README."""

from __future__ import annotations

from pathlib import Path

import typer

REPO = Path(__file__).resolve().parents[1]


def command_names() -> set[str]:
    from flashpoint.cli import _register, app

    _register()
    group = typer.main.get_group(app)
    return set(group.commands)


def test_docs_every_command_in_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = sorted(name for name in command_names() if f"flashpoint {name}" not in readme)
    assert not missing, f"commands missing from README.md: {missing}"


def test_docs_readme_opens_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    head = readme[: readme.index("---")]
    assert "flashpoint analyze examples/" in head
    assert "bash scripts/test.sh" in head
    assert "scripts/test.sh" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
