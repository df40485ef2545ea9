"""The `flashpoint` command: a thin Typer layer over importable functions.

Each sub-module registers its own commands (one job per module, as in spaCy's CLI). Modules
import their heavy dependencies inside the commands, so `--help` and usage errors are fast.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from flashpoint.errors import FlashpointError

app = typer.Typer(
    name="flashpoint",
    help="Read conflict reporting and rebuild it as sourced, mapped data.",
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from flashpoint import __version__

        typer.echo(f"flashpoint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_print_version,
            is_eager=True,
            help="Print the installed version and exit.",
        ),
    ] = False,
) -> None:
    """Read conflict reporting and rebuild it as sourced, mapped data."""


def _register() -> None:
    from flashpoint.cli import analyze  # noqa: F401  (registers commands on `app`)

    for name in ("evaluate", "geo", "store", "train", "analysis", "serve"):
        try:
            __import__(f"flashpoint.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"flashpoint.cli.{name}":
                raise
    from flashpoint.cli.help_text import reflow_commands

    reflow_commands(app)


def main() -> None:
    """Entry point: click reports usage errors itself (a short usage message, exit 2), and a
    `FlashpointError` becomes one line and its exit code; anything else is a bug."""
    _register()
    try:
        app()
    except FlashpointError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
