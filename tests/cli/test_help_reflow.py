"""A docstring wrapped at the source's width must not break again at the terminal's."""

from __future__ import annotations

import inspect
import os
import subprocess
import sys
from pathlib import Path

from flashpoint.cli.help_text import reflow


def test_a_paragraph_becomes_one_line_and_examples_keep_theirs():
    doc = """Say what it does.

    Reports one thing and
    another, wrapped at the source.

    Examples:

      flashpoint one --flag
      flashpoint two
    - an item
    - another item
    """
    assert reflow(inspect.cleandoc(doc)).split("\n") == [
        "Say what it does.",
        "",
        "Reports one thing and another, wrapped at the source.",
        "",
        "Examples:",
        "",
        "  flashpoint one --flag",
        "  flashpoint two",
        "- an item",
        "- another item",
    ]


def test_the_installed_help_wraps_only_at_the_terminal():
    exe = Path(sys.executable).with_name("flashpoint")
    env = {**os.environ, "COLUMNS": "240", "TERM": "dumb"}
    shown = subprocess.run(
        [str(exe), "bench", "--help"], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    assert "with --ingest, the store's pace against the analysis'" in shown
