"""Fuzz targets for the HTTP API: a raw HTTP request (see http_cases.py) sent to the app in
this process (through its ASGI interface, the bytes of the query string as they came) or to
a real `flashpoint serve` started as a subprocess on a free loopback port.

Every answer must be JSON in the API's error shape when it is an error, never a 5xx, never a
traceback; a request with a Host that is not the server's own must get 400 (E806); and the
store must keep every document it held (a refused write adds none, an accepted one at most
one). A target returns "ok" for a 2xx or 3xx answer and "refused:<code>" for a 4xx one;
`Violation` otherwise. Requests that uvicorn's HTTP parser refuses before the app sees them
(a request line and headers over its 16 KB limit) answer in uvicorn's plain text: those
count as "refused:uvicorn".
"""

from __future__ import annotations

import atexit
import contextlib
import importlib.util
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import zlib
from http.client import HTTPResponse
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from hardening import http_cases
from hardening.targets import Violation, _cache

ERROR_CODE = re.compile(r"^E\d{3}$")
APP_PORT = 8000  # the port the in-process app believes it serves
OWN_HOSTS = ("127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}")
FORGED_HOSTS = (
    "evil.example:{port}", "evil.example", "127.0.0.1", "127.0.0.1:{other}",
    "127.0.0.1:{port}.evil.example", "localhost.evil.example:{port}", "", "[::1]",
    "0.0.0.0:{port}", "127.0.0.1:{port}@evil.example",
)  # fmt: skip


def _factories() -> Any:
    path = Path(__file__).resolve().parents[1] / "store" / "factories.py"
    spec = importlib.util.spec_from_file_location("flashpoint_store_factories", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def new_store() -> Path:
    """A fresh SQLite store holding the store tests' invented corpus, in a temporary folder."""
    from flashpoint.store.database import Database

    folder = Path(tempfile.mkdtemp(prefix="fp-api-fuzz-"))
    atexit.register(shutil.rmtree, folder, True)
    path = folder / "store.db"
    with Database.open(f"sqlite:///{path}") as db:
        for analysis in _factories().corpus():
            db.store(analysis, source="fuzz")
    return path


def stored_ids(path: Path) -> set[str]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30) as connection:
        return {row[0] for row in connection.execute("SELECT id FROM documents")}


def with_host(raw: bytes, rng_host: str) -> bytes:
    return raw.replace(b"@HOST@", rng_host.encode("latin-1"), 1)


# --- the two ways in --------------------------------------------------------------------


def in_process() -> tuple[Any, Path]:
    """The app over a fuzz store, as `flashpoint serve --allow-writes` on 127.0.0.1:8000
    builds it; the analysis pipeline is shared with the other targets."""
    if "api_app" not in _cache:
        from flashpoint.api import Settings, create_app
        from flashpoint.api.hosts import trusted_hosts

        path = new_store()
        settings = Settings(
            db_url=f"sqlite:///{path}",
            allow_writes=True,
            token=http_cases.TOKEN,
            trusted_hosts=trusted_hosts("127.0.0.1", APP_PORT),
        )
        app = create_app(settings)
        from hardening.targets import analyzer

        app.state.flashpoint.analyzer = analyzer()
        _cache["api_app"] = (app, path)
    return _cache["api_app"]


def call_asgi(app: Any, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send one raw HTTP/1.1 request to an ASGI app as uvicorn would hand it over."""
    import anyio

    head, _, body = raw.partition(b"\r\n\r\n")
    request_line, *header_lines = head.split(b"\r\n")
    method, target, _ = request_line.split(b" ", 2)
    headers = [tuple(line.split(b":", 1)) for line in header_lines if b":" in line]
    headers = [(name.strip().lower(), value.strip()) for name, value in headers]
    chunks = _dechunk(body) if (b"transfer-encoding", b"chunked") in headers else [body]
    raw_path, _, query = target.partition(b"?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method.decode("ascii"),
        "scheme": "http",
        "path": unquote(raw_path.decode("ascii")),
        "raw_path": raw_path,
        "query_string": query,
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", APP_PORT),
    }
    answer: dict[str, Any] = {"status": 0, "headers": {}, "body": b""}

    async def run() -> None:
        pending = list(chunks)

        async def receive() -> dict[str, Any]:
            if pending:
                piece = pending.pop(0)
                return {"type": "http.request", "body": piece, "more_body": bool(pending)}
            return {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                answer["status"] = message["status"]
                answer["headers"] = {
                    k.decode("latin-1").lower(): v.decode("latin-1")
                    for k, v in message.get("headers", [])
                }
            elif message["type"] == "http.response.body":
                answer["body"] += message.get("body", b"")

        await app(scope, receive, send)

    anyio.run(run)
    return answer["status"], answer["headers"], answer["body"]


def _dechunk(body: bytes) -> list[bytes]:
    pieces = []
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        pieces.append(body[:size])
        body = body[size + 2 :]
    return pieces or [b""]


def _die_with_parent() -> None:
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG (Linux)
    except (OSError, AttributeError):
        pass


class Server:
    """`flashpoint serve --allow-writes` on a free loopback port over its own fuzz store
    (`args`: more options)."""

    def __init__(self, *args: str) -> None:
        self.path = new_store()
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent)) or "flashpoint"
        env = {**os.environ, "FLASHPOINT_TOKEN": http_cases.TOKEN}
        env.pop("FLASHPOINT_ALLOW_HOSTS", None)
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 - the server's stderr while it runs
        self.process = subprocess.Popen(
            [exe, "serve", "--db", f"sqlite:///{self.path}", "--port", str(self.port)]
            + ["--allow-writes", "--log-level", "warning", *args],
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            env=env,
            preexec_fn=_die_with_parent,  # a fuzz worker killed for a hang takes it along
        )
        atexit.register(self.stop)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 120
        while True:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"flashpoint serve stopped: {self.log.read()[-500:]!r}")
            try:
                self.send(b"GET /api/places HTTP/1.1\r\nHost: @HOST@\r\nConnection: close\r\n\r\n")
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)

    def warm(self) -> None:
        """One accepted write, so that the pipeline is loaded before the cases are timed."""
        body = json.dumps({"text": "Rebels shelled an army post near Aleppo on Monday."})
        raw = (
            b"POST /api/documents HTTP/1.1\r\nHost: @HOST@\r\nContent-Type: application/json\r\n"
            b"Authorization: Bearer " + http_cases.TOKEN.encode() + b"\r\n"
            b"Content-Length: %d\r\nConnection: close\r\n\r\n%s" % (len(body), body.encode())
        )
        self.send(raw, timeout=600)

    def send(self, raw: bytes, timeout: float = 120) -> tuple[int, dict[str, str], bytes]:
        raw = with_host(raw, f"127.0.0.1:{self.port}").replace(b"@PORT@", b"%d" % self.port)
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as connection:
            # the server may answer (413) and close before the whole body is sent
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                connection.sendall(raw)
            response = HTTPResponse(connection, method=raw.split(b" ", 1)[0].decode())
            response.begin()
            body = response.read()
            return response.status, {k.lower(): v for k, v in response.getheaders()}, body

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()


def server() -> Server:
    if "api_server" not in _cache:
        _cache["api_server"] = Server()
        _cache["api_server"].warm()
    return _cache["api_server"]


# --- checking an answer -----------------------------------------------------------------


def _host_of(raw: bytes) -> str:
    for line in raw.split(b"\r\n\r\n", 1)[0].split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"host":
            return value.strip().decode("latin-1")
    return ""


def forge_host(raw: bytes, port: int) -> tuple[bytes, bool]:
    """One case in eight (by a checksum of its bytes) gets a forged Host, or one of the
    server's own spellings: the request, and whether the server must refuse it."""
    number = zlib.crc32(raw)
    if number % 8:
        return with_host(raw, OWN_HOSTS[0].format(port=port)), False
    choices = OWN_HOSTS + FORGED_HOSTS
    host = choices[(number // 8) % len(choices)].format(port=port, other=port + 1)
    return with_host(raw, host), host not in [h.format(port=port) for h in OWN_HOSTS]


def check_answer(
    raw: bytes, status: int, headers: dict[str, str], body: bytes, forged: bool
) -> str:
    """What the answer says ("ok" or "refused:<code>"), or Violation when it breaks a rule."""
    head = raw.split(b"\r\n", 1)[0][:120].decode("latin-1")
    if status >= 500:
        raise Violation(f"{status} for {head}: {body[:120]!r}")
    if b"Traceback" in body or b'File "' in body:
        raise Violation(f"a traceback in the answer to {head}")
    if status < 400:
        if forged:
            raise Violation(f"answered {status} for a forged Host {_host_of(raw)!r}: {head}")
        if headers.get("content-type", "").startswith("application/json") and body:
            json.loads(body)
        return "ok"
    if status == 400 and body == b"Invalid HTTP request received.":
        return "refused:uvicorn"
    if not headers.get("content-type", "").startswith("application/json"):
        raise Violation(f"{status} in {headers.get('content-type')!r}, not JSON, for {head}")
    if raw.startswith(b"HEAD "):
        return f"refused:{status}"
    error = json.loads(body).get("error")
    if not isinstance(error, dict) or not ERROR_CODE.match(str(error.get("code"))):
        raise Violation(f"{status} without an error code for {head}: {body[:120]!r}")
    if not isinstance(error.get("message"), str) or len(error["message"]) > 2000:
        raise Violation(f"{status} with a bad message for {head}")
    if forged and not (status == 400 and error["code"] == "E806"):
        raise Violation(f"a forged Host {_host_of(raw)!r} got {status} {error['code']}: {head}")
    if not forged and error["code"] == "E806":
        raise Violation(f"the server's own Host {_host_of(raw)!r} was refused: {head}")
    return f"refused:{error['code']}"


def _store_kept(before: set[str], after: set[str], outcome: str) -> None:
    if not before <= after:
        raise Violation(f"documents lost from the store: {sorted(before - after)[:3]}")
    if outcome != "ok" and after != before:
        raise Violation(f"a refused request ({outcome}) stored {sorted(after - before)[:3]}")
    if len(after) > len(before) + 1:
        raise Violation("one request stored more than one document")


def _in_process(raw: bytes) -> str:
    app, path = in_process()
    raw, forged = forge_host(raw, APP_PORT)
    before = stored_ids(path)
    status, headers, body = call_asgi(app, raw)
    outcome = check_answer(raw, status, headers, body, forged)
    _store_kept(before, stored_ids(path), outcome)
    return outcome


def _served(raw: bytes) -> str:
    running = server()
    raw, forged = forge_host(raw, running.port)
    before = stored_ids(running.path)
    status, headers, body = running.send(raw)
    outcome = check_answer(raw, status, headers, body, forged)
    _store_kept(before, stored_ids(running.path), outcome)
    return outcome


def api_read(data: bytes) -> str:
    """A hostile read request, to the app in this process."""
    return _in_process(data)


def api_write(data: bytes) -> str:
    """A hostile POST /api/documents, to the app in this process."""
    return _in_process(data)


def serve_read(data: bytes) -> str:
    """A hostile read request, over a socket to a real `flashpoint serve`."""
    return _served(data)


def serve_write(data: bytes) -> str:
    """A hostile POST /api/documents, over a socket to a real `flashpoint serve`."""
    return _served(data)


TARGETS = {
    "api_read": api_read,
    "api_write": api_write,
    "serve_read": serve_read,
    "serve_write": serve_write,
}
