"""The installed `flashpoint serve` as a subprocess on a free port, queried over HTTP."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
from pathlib import Path

import httpx

_serving_spec = importlib.util.spec_from_file_location(
    "flashpoint_test_serving", Path(__file__).resolve().parents[1] / "serving.py"
)
serving_helpers = importlib.util.module_from_spec(_serving_spec)
_serving_spec.loader.exec_module(serving_helpers)


serving = serving_helpers.serving
_exe = serving_helpers.flashpoint_exe


def _env(token: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "FLASHPOINT_TOKEN"}
    if token:
        env["FLASHPOINT_TOKEN"] = token
    return env


def test_serve_reads_over_http(store):
    url, registry = store
    with serving(url, "--registry", registry) as base:
        events = httpx.get(f"{base}/api/events", params={"limit": 1}).json()
        assert len(events["items"]) == 1 and events["next"] == 1
        flash = httpx.get(f"{base}/api/flashpoints").json()
        assert flash["items"][0]["place"]["name"] == "Deir ez-Zor"
        refused = httpx.post(f"{base}/api/documents", json={"text": "Troops shelled a town."})
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "E801"
        assert "server" not in httpx.get(f"{base}/api/places").headers


def test_serve_writes_only_with_the_token(tmp_path, store, token):
    copy = tmp_path / "store.db"
    shutil.copyfile(store[0].removeprefix("sqlite:///"), copy)
    text = (
        "Shelling near Idlib\n\nSyrian government forces shelled rebel positions near Idlib "
        "on Tuesday, killing four fighters, a monitoring group said."
    )
    with serving(f"sqlite:///{copy}", "--allow-writes", token=token) as base:
        body = {"text": text, "outlet": "Test Wire", "published": "2017-09-26"}
        refused = httpx.post(f"{base}/api/documents", json=body)
        assert refused.status_code == 401
        created = httpx.post(
            f"{base}/api/documents",
            json=body,
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
        assert created.status_code == 201, created.text
        one = httpx.get(base + created.json()["href"]).json()
        assert one["document"]["outlet"] == "Test Wire"
        assert any(c["kind"] == "event" for c in one["claims"])


def test_serve_refuses_to_start_badly(tmp_path, store):
    for args, token, code in (
        (["--db", store[0], "--allow-writes"], None, "E803"),
        (["--db", f"sqlite:///{tmp_path / 'none.db'}"], None, "E405"),
    ):
        done = subprocess.run(
            [_exe(), "serve", *args], capture_output=True, text=True, env=_env(token), timeout=60
        )
        assert done.returncode != 0
        assert done.stderr.strip().count("\n") == 0 and f"error[{code}]" in done.stderr
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"this is not a database at all" * 10)
    done = subprocess.run(
        [_exe(), "serve", "--db", f"sqlite:///{corrupt}"],
        capture_output=True,
        text=True,
        env=_env(None),
        timeout=60,
    )
    assert done.returncode != 0 and "error[E401]" in done.stderr
    assert "Traceback" not in done.stderr
