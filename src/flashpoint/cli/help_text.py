"""Command help from docstrings, reflowed for the terminal.

Typer's rich mode keeps a docstring's line breaks, so a paragraph wrapped at the source's width
breaks again at the terminal's ("the\\n store's pace"). Paragraphs are joined into one line each
and rich wraps them; example lines, list items and indented lines keep their own lines.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any


def _keeps_its_line(line: str) -> bool:
    stripped = line.lstrip()
    return line != stripped or stripped.startswith(("flashpoint ", "cat ", "- ", "* ", "$ "))


def reflow(doc: str) -> str:
    """Join each paragraph's lines, except lines that must stand alone."""
    paragraphs = []
    for paragraph in doc.strip().split("\n\n"):
        lines: list[str] = []
        for line in paragraph.splitlines():
            if lines and not _keeps_its_line(line) and not _keeps_its_line(lines[-1]):
                lines[-1] = f"{lines[-1]} {line.strip()}"
            else:
                lines.append(line.rstrip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def reflow_commands(app: Any) -> None:
    """Give every command of `app` (and of its sub-apps) its docstring's help, reflowed."""
    for command in app.registered_commands:
        callback: Callable[..., Any] | None = command.callback
        if command.help is None and callback is not None and callback.__doc__:
            command.help = reflow(inspect.getdoc(callback) or "")
    for group in app.registered_groups:
        if group.typer_instance is not None:
            reflow_commands(group.typer_instance)
