"""What the API and page tests share: the store factories (tests/store/factories.py), the
theatre registry and hostile article of the invented store, and the installed
`flashpoint serve` run on a free loopback port. Not a test module; loaded by tests/api and
tests/web (the test folders are not packages)."""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

_spec = importlib.util.spec_from_file_location(
    "flashpoint_store_factories", Path(__file__).resolve().parent / "store" / "factories.py"
)
factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories)

# The invented corpus names usa, rus, sdf and saa; this registry gives them patrons and a rivalry.
REGISTRY = """
- {id: usa, name: United States, kind: state, country: US, rivals: [rus]}
- {id: rus, name: Russia, kind: state, country: RU, rivals: [usa]}
- {id: saa, name: Syrian Arab Army, kind: armed_forces, country: SY,
   patrons: [{id: rus, since: 2015}]}
- {id: sdf, name: Syrian Democratic Forces, kind: armed_group, country: SY,
   patrons: [{id: usa, since: 2015}], active: {from: 2015}}
"""
# An article of our own that tries to smuggle markup and script into whatever shows it.
HOSTILE_TEXT = (
    "Clashes near Raqqa\n\n"
    "Syrian Democratic Forces fought the Syrian Arab Army near Raqqa <script>alert(1)</script> "
    'on Monday, <img src=x onerror="alert(2)"> a local monitor said '
    '<a href="javascript:alert(3)">here</a>.'
)


def flashpoint_exe() -> str:
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert exe, "no flashpoint entry point beside this Python"
    return exe


def run_flashpoint(
    *args: str,
    stdin: str | None = None,
    columns: int = 100,
    env: dict[str, str] | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess:
    """The installed `flashpoint` script, as a user runs it: a terminal `columns` wide, no
    colour, standard input `stdin` or nothing (as in CI)."""
    return subprocess.run(
        [flashpoint_exe(), *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1", **(env or {})},
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(url: str, *args: str, token: str | None = None, wait: float = 30) -> Iterator[str]:
    """Start the installed server, wait until it answers, yield its base URL, stop it."""
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}
    if token:
        env["FLASHPOINT_TOKEN"] = token
    port = free_port()
    process = subprocess.Popen(
        [flashpoint_exe(), "serve", "--db", url, "--port", str(port)]
        + ["--log-level", "warning", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            assert process.poll() is None, process.stderr.read().decode()
            try:
                httpx.get(f"{base}/openapi.json", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, f"the server did not answer in {wait:.0f} s"
                time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
