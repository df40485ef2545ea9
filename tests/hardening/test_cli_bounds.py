"""The corpus commands given days, windows, counts and names past what dates and the store
hold: one line, `error[E409]: --option: ...`, and exit 2, never a traceback. The bounds are
the API's own (src/flashpoint/bounds.py); each of these was a traceback (OverflowError in a
date sum or in SQLite's 64-bit integers) before the CLI called them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hardening import api_targets

from flashpoint import bounds
from flashpoint.errors import VALUE_OUT_OF_BOUNDS

HUGE = "100000000000000000000"  # 10**20, past SQLite's 64-bit integers
LONG = "A" * 60_000  # past SQLite's 50,000-byte LIKE pattern
CASES = [
    (["flashpoints", "--until", "0001-01-01"], "--until"),
    (["flashpoints", "--since", "9999-12-31"], "--since"),
    (["flashpoints", "--window", "99999999y"], "--window"),
    (["flashpoints", "--limit", HUGE], "--limit"),
    (["flashpoints", "--region", LONG], "--region"),
    (["brief", "--until", "0001-01-05"], "--until"),
    (["brief", "--window", "999999999999d"], "--window"),
    (["coalitions", "--at", "0001-01-01"], "--at"),
    (["coalitions", "--since", "0001-01-01"], "--since"),
    (["path", "usa", "rus", "--at", "0001-01-01"], "--at"),
    (["path", "--max", HUGE], "--max"),
    (["path", "usa", LONG], "B"),
    (["events", "--limit", HUGE], "--limit"),
    (["events", "--min-outlets", HUGE], "--min-outlets"),
    (["events", "--since", "0001-01-01"], "--since"),
    (["events", "--actor", LONG], "--actor"),
    (["actor", LONG], "NAME"),
    (["actor", "usa", "--limit", HUGE], "--limit"),
    (["places", "--limit", HUGE], "--limit"),
    (["relations", "--limit", HUGE], "--limit"),
    (["relations", "--type", LONG], "--type"),
    (["export", "-f", "json", "--min-outlets", HUGE], "--min-outlets"),
    (["export", "-f", "json", "--until", "0001-01-01"], "--until"),
]
EDGES = [
    ["flashpoints", "--window", f"{bounds.MAX_WINDOW_DAYS}d", "--until", "1800-01-01"],
    ["coalitions", "--since", "1800-01-01", "--until", "2200-12-31"],
    ["events", "--limit", str(bounds.MAX_ROWS), "--min-outlets", str(bounds.MAX_COUNT)],
    ["path", "--max", str(bounds.MAX_PATHS)],
    ["events", "--actor", "A" * bounds.MAX_NAME],
]


@pytest.fixture(scope="module")
def store() -> Path:
    return api_targets.new_store()


def run(store: Path, args: list[str]) -> subprocess.CompletedProcess:
    """The installed entry point, as a user runs it."""
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert exe
    return subprocess.run(
        [exe, *args, "--db", f"sqlite:///{store}"], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(("args", "option"), CASES, ids=lambda a: " ".join(a)[:30])
def test_cli_values_past_the_bounds_are_one_line(store, args, option):
    done = run(store, args)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr, done.stderr[-300:]
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and len(lines[0]) < 120, done.stderr[-300:]
    assert lines[0].startswith(f"error[{VALUE_OUT_OF_BOUNDS}]: {option}: "), lines[0]


@pytest.mark.parametrize("args", EDGES, ids=lambda a: " ".join(a)[:30])
def test_cli_values_at_the_bounds_still_answer(store, args):
    done = run(store, [*args, "--json"])
    assert done.returncode == 0, done.stderr[-300:]


def test_cli_window_that_does_not_parse_is_still_a_usage_error(store):
    done = run(store, ["flashpoints", "--window", "0d"])
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "Usage:" in done.stderr and "--window" in done.stderr


def test_bounds_window_days_parses_then_bounds():
    assert bounds.window_days("6w") == 42 and bounds.window_days(None) == 30
    with pytest.raises(bounds.OutOfBounds, match="36,600"):
        bounds.window_days("101y")
    with pytest.raises(ValueError, match="30d") as caught:
        bounds.window_days("0d")
    assert not isinstance(caught.value, bounds.OutOfBounds)


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["ingest", "examples", "--workers", "100000000000000000000"], "--workers"),
        (["flashpoints", "--radius", "99999"], "--radius"),
    ],
)
def test_cli_option_parser_bounds_are_a_usage_error(store, args, option):
    done = run(store, args)
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr[-300:]
    assert "Usage:" in done.stderr and option in done.stderr
