"""The `flashpoint` command: a thin Typer layer over importable functions.

Each sub-module registers its own commands (one job per module, as in spaCy's CLI).
"""

from __future__ import annotations

import sys

import typer

from flashpoint.errors import FlashpointError

app = typer.Typer(
    name="flashpoint",
    help="Read conflict reporting and rebuild it as sourced, mapped data.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)


def _register() -> None:
    from flashpoint.cli import analyze  # noqa: F401  (registers commands on `app`)

    for name in ("evaluate", "geo", "store"):
        try:
            __import__(f"flashpoint.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"flashpoint.cli.{name}":
                raise


def main() -> None:
    """Entry point: run the app, turning user errors into one line and a non-zero exit."""
    _register()
    try:
        app(standalone_mode=False)
    except FlashpointError as exc:
        typer.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        sys.exit(130)
    except (typer.Abort, typer.Exit) as exc:
        sys.exit(getattr(exc, "exit_code", 1))
    except Exception as exc:  # click usage errors and the like
        import click

        if isinstance(exc, click.exceptions.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
