"""Usage errors, --help and --version for every command, through the installed entry point.

The cases come from the app's own command tree, so a new command is covered the day it is
added. Each case is a real `flashpoint` process (as a user runs it), run a few at a time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version
from pathlib import Path

import pytest
import typer

MAX_STDERR_LINES = 15


def entry_point() -> str:
    """The `flashpoint` script installed beside this Python (not `python -m`)."""
    found = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert found, f"no flashpoint entry point beside {sys.executable}; pip install -e ."
    return found


def command_tree() -> list[tuple[tuple[str, ...], object]]:
    """(path, click command) for every command and group under `flashpoint`, root included."""
    from flashpoint.cli import _register, app

    _register()
    found = []

    def walk(path: tuple[str, ...], command: object) -> None:
        found.append((path, command))
        for name, sub in sorted(getattr(command, "commands", {}).items()):
            walk((*path, name), sub)

    walk((), typer.main.get_command(app))
    return found


def needs_something(command: object) -> bool:
    """Whether running the command bare is a usage error: a group without its sub-command,
    or a command with a required argument or option."""
    if hasattr(command, "commands"):
        return True
    return any(p.required for p in command.params)


def filled(command: object) -> list[str]:
    """Values for the command's required parameters, so that it gets past "missing"; placed
    after the option under test, which click then checks first (in command-line order)."""
    args: list[str] = []
    for param in command.params:
        if param.required:
            args += ["x"] if param.param_type_name == "argument" else [param.opts[0], "x"]
    return args


def run_all(cases: list[list[str]]) -> list[subprocess.CompletedProcess]:
    exe = entry_point()
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}

    def one(args: list[str]) -> subprocess.CompletedProcess:
        return subprocess.run(
            [exe, *args],
            capture_output=True,
            text=True,
            env=env,
            stdin=subprocess.DEVNULL,
            timeout=120,
        )

    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(one, cases))


def check(cases: list[list[str]], code: int) -> list[subprocess.CompletedProcess]:
    """Run the cases; each must exit with `code`, without a traceback, in a few lines."""
    results = run_all(cases)
    problems = []
    for args, result in zip(cases, results, strict=True):
        output = result.stdout + result.stderr
        stderr_lines = result.stderr.strip().splitlines()
        if (
            result.returncode != code
            or "Traceback" in output
            or len(stderr_lines) > MAX_STDERR_LINES
        ):
            problems.append(
                f"flashpoint {' '.join(args)}: exit {result.returncode}, "
                f"{len(stderr_lines)} stderr lines\n{result.stderr[-1500:]}"
            )
    assert not problems, "\n\n".join(problems)
    return results


def test_cli_usage_every_command_missing_unknown_and_help():
    tree = command_tree()
    assert len(tree) > 15, "the command tree looks empty"
    missing = [list(path) for path, command in tree if needs_something(command)]
    unknown = [[*path, "--no-such-option", *filled(command)] for path, command in tree]
    helps = [[*path, "--help"] for path, _ in tree]
    assert [] in missing and ["analyze"] in missing and ["db"] in missing
    check(missing + unknown, 2)
    check(helps, 0)


def test_cli_usage_unknown_command_and_malformed_dates():
    dated = [
        (option.opts[0], [*path, option.opts[0], "2017-13-01", *filled(command)])
        for path, command in command_tree()
        for option in command.params
        if getattr(option, "metavar", None) == "YYYY-MM-DD"
    ]
    assert len(dated) >= 5, dated  # analyze --published, events and export --since/--until
    results = check([args for _, args in dated], 2)
    for (option, _), result in zip(dated, results, strict=True):
        assert f"'{option}'" in result.stderr and "YYYY-MM-DD" in result.stderr, result.stderr
    check([["nosuchcommand"], ["analyze", "--published", "2017-02-30", "x"]], 2)


def test_cli_usage_version_from_package_metadata():
    (result,) = run_all([["--version"]])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"flashpoint {version('flashpoint')}"


def test_cli_usage_user_error_is_still_one_line(tmp_path):
    (result,) = run_all([["analyze", str(tmp_path / "missing.txt")]])
    assert result.returncode == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("error[E101]:"), line


@pytest.mark.parametrize("args", [["export"], ["export", "--format", "kml"]])
def test_cli_usage_export_lists_its_formats(args):
    from flashpoint.cli.params import ExportFormat
    from flashpoint.export import FORMATS

    assert [f.value for f in ExportFormat] == list(FORMATS)
    (result,) = run_all([args])
    assert result.returncode == 2, result.stderr
    text = " ".join(result.stderr.split())
    if len(args) > 1:
        assert all(name in text for name in FORMATS), result.stderr
    (helped,) = run_all([["export", "--help"]])
    assert "acled-csv" in helped.stdout and "parquet" in helped.stdout
