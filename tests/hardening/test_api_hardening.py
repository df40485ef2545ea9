"""The HTTP API against hostile requests (issue 15): every answer is a result or a short JSON
error with a 4xx status, never a 500 or a traceback, and the store loses nothing; a Host
that is not the server's own is refused (DNS rebinding).

The requests come from tests/hardening/http_cases.py, sent to the app in this process and to
the installed `flashpoint serve` over a socket (tests/hardening/api_targets.py, the targets
`scripts/fuzz.sh` runs for longer). The findings below each failed before their fix.
"""

from __future__ import annotations

import random
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient
from hardening import api_targets, generate, http_cases, targets
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.api.hosts import host_allowed, trusted_hosts

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
AUTH = {"Authorization": f"Bearer {http_cases.TOKEN}"}


def outcome(target: str, data: bytes) -> str:
    result = api_targets.TARGETS[target](data)
    assert result == "ok" or result.startswith("refused:"), result
    return result


@pytest.fixture(scope="module")
def client():
    """A TestClient over the in-process fuzz app, sending the Host the app serves."""
    app, _ = api_targets.in_process()
    return TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False)


@pytest.fixture(scope="module")
def served():
    server = api_targets.Server()
    yield server
    server.stop()


def error_of(response, status: int) -> dict:
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/json")
    return response.json()["error"]


# --- properties: any request ------------------------------------------------------------


@pytest.fixture(autouse=True)
def _shared_analyzer(analyzer):
    targets._cache["analyzer"] = analyzer


@settings(max_examples=80)
@given(SEEDS)
def test_api_any_read_request_is_an_answer_or_a_json_error(seed):
    outcome("api_read", generate.case(random.Random(seed), "api_read"))


@settings(max_examples=40)
@given(SEEDS)
def test_api_any_write_request_is_an_answer_or_a_json_error_and_keeps_the_store(seed):
    outcome("api_write", generate.case(random.Random(seed), "api_write"))


def test_serve_hostile_requests_over_http(served):
    """The same requests through uvicorn's HTTP parsing, to the installed entry point."""
    api_targets._cache["api_server"] = served
    try:
        seen = set()
        for seed in range(40):
            seen.add(outcome("serve_read", generate.case(random.Random(seed), "serve_read")))
        for seed in range(20):
            seen.add(outcome("serve_write", generate.case(random.Random(seed), "serve_write")))
    finally:
        api_targets._cache.pop("api_server", None)
    assert "ok" in seen and "refused:E804" in seen and "refused:E802" in seen, seen


# --- findings: values past what the store and the calendar hold -------------------------


@pytest.mark.parametrize(
    ("path", "named"),
    [
        ("/api/documents?offset=100000000000000000000", "offset"),
        ("/api/events?offset=9223372036854775800", "offset"),
        ("/api/events?min_outlets=99999999999999999999", "min_outlets"),
        ("/api/flashpoints?window=99999999y", "window"),
        ("/api/brief?window=999999999999d", "window"),
        ("/api/coalitions?since=0001-01-01", "since"),
        ("/api/coalitions?at=0001-01-01", "at"),
        ("/api/flashpoints?until=0001-01-01", "until"),
        ("/api/flashpoints?since=0001-01-01&until=9999-12-31", "since"),
        ("/api/brief?until=0001-01-05", "until"),
        ("/api/path?until=0001-01-01", "until"),
        ("/api/events?actor=" + "A" * 60_000, "actor"),  # past SQLite's LIKE pattern limit
        ("/api/documents?actor=" + "A" * 60_000, "actor"),
        ("/api/relations?actor=" + "A" * 60_000, "actor"),
        ("/api/actors/" + "A" * 60_000, "name"),
    ],
    ids=lambda p: p[:48],
)
def test_api_values_past_the_stores_bounds_are_422(client, path, named):
    """Each was a 500: an integer past SQLite's 64 bits, a date sum past year 1, a LIKE
    pattern past 50,000 bytes."""
    error = error_of(client.get(path), 422)
    assert error["code"] == "E804" and f"{named}:" in error["message"], error


def test_api_bounds_still_answer_at_their_edges(client):
    for path in (
        "/api/events?offset=1000000000",
        "/api/coalitions?since=1800-01-01&until=2200-12-31",
        "/api/flashpoints?window=36600d&until=1800-01-01",
        "/api/events?actor=" + "A" * 500,
    ):
        assert client.get(path).status_code == 200, path


def test_serve_values_past_the_bounds_are_422_over_http(served):
    for target in ("/api/events?offset=100000000000000000000", "/api/brief?until=0001-01-05"):
        raw = f"GET {target} HTTP/1.1\r\nHost: @HOST@\r\nConnection: close\r\n\r\n".encode()
        status, headers, body = served.send(raw)
        assert status == 422 and b'"E804"' in body, (target, status, body[:200])


# --- writes: bodies, tokens, addresses ----------------------------------------------------


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"[" * 200_000 + b"]" * 200_000, "application/json"),
        (b'{"text":' * 200_000, "application/json"),
        (b"\xff\xfe\x00\x01" * 100, "application/json"),
        (b'{"text": "Troops shelled', "application/json"),
        (b'{"text": "Troops shelled a town."}', "text/plain"),
        (b"text=Troops+shelled+a+town.", "application/x-www-form-urlencoded"),
        (b'"just a string"', "application/json"),
        (b'{"text": "x" , "text": 5}', "application/json"),
    ],
    ids=["deep-array", "deep-object", "binary", "cut", "text-plain", "form", "string", "dup"],
)
def test_api_write_hostile_bodies_are_json_errors(client, body, content_type):
    _, path = api_targets.in_process()
    before = api_targets.stored_ids(path)
    response = client.post(
        "/api/documents", content=body, headers={**AUTH, "Content-Type": content_type}
    )
    status = 400 if response.status_code == 400 else 422  # FastAPI's: unparsed or invalid
    assert error_of(response, status)["code"] == "E804"
    assert api_targets.stored_ids(path) == before


def test_api_write_oversized_chunked_body_is_413(client):
    def chunks():
        for _ in range(40):
            yield b"x" * 100_000

    response = client.post(
        "/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    assert error_of(response, 413)["code"] == "E104"


@pytest.mark.parametrize(
    "authorization",
    ["", "Bearer", "Bearer wrong", f"Basic {http_cases.TOKEN}", http_cases.TOKEN,
     f"Bearer {http_cases.TOKEN[:-1]}", f"Bearer {http_cases.TOKEN}x", "Bearer " + "A" * 8000],
    ids=lambda a: a[:20] or "empty",
)  # fmt: skip
def test_api_write_without_the_token_is_401(client, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    body = {"text": "Troops shelled a town."}
    response = client.post("/api/documents", json=body, headers=headers)
    assert error_of(response, 401)["code"] == "E802"


class _Redirects(BaseHTTPRequestHandler):
    """/to?u=URL answers 302 to URL: a public-looking first hop to an internal address."""

    def do_GET(self):  # noqa: N802
        self.send_response(302)
        self.send_header("Location", self.path.partition("?u=")[2])
        self.end_headers()

    def log_message(self, *args):  # quiet
        pass


@pytest.fixture
def redirector():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Redirects)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/to?u="
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize(
    "inner",
    ["http://localhost/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/",
     "http://10.0.0.1/", "http://2130706433/", "file:///etc/passwd"],
)  # fmt: skip
def test_api_write_redirect_to_an_internal_address_is_refused(tmp_path, redirector, inner):
    """The server's operator allowed the first hop's host (127.0.0.1); the redirect to
    another internal address is still refused, and nothing is stored."""
    from flashpoint.api import Settings, create_app

    path = api_targets.new_store()
    settings = Settings(
        db_url=f"sqlite:///{path}",
        allow_writes=True,
        token=http_cases.TOKEN,
        allow_hosts=("127.0.0.1",),
    )
    before = api_targets.stored_ids(path)
    with TestClient(create_app(settings), raise_server_exceptions=False) as writer:
        response = writer.post("/api/documents", json={"url": redirector + inner}, headers=AUTH)
    error = error_of(response, 422)
    assert error["code"] == "E108", error
    assert api_targets.stored_ids(path) == before


# --- DNS rebinding: the Host header -------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    ["evil.example:8000", "evil.example", "127.0.0.1", "127.0.0.1:8001", "localhost",
     "127.0.0.1:8000.evil.example", "127.0.0.1:8000@evil.example", "[::1]", ""],
)  # fmt: skip
def test_api_forged_host_is_400(client, host):
    response = client.get("/api/documents", headers={"Host": host})
    error = error_of(response, 400)
    assert error["code"] == "E806" and "--allowed-host" in error["message"]


@pytest.mark.parametrize(
    "host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LocalHost:8000"]
)
def test_api_own_hosts_answer(client, host):
    assert client.get("/api/documents", headers={"Host": host}).status_code == 200


def test_api_forged_host_cannot_write_either(client):
    _, path = api_targets.in_process()
    before = api_targets.stored_ids(path)
    response = client.post(
        "/api/documents",
        json={"text": "Rebels shelled an army post near Hama on Friday night."},
        headers={**AUTH, "Host": "evil.example:8000"},
    )
    assert error_of(response, 400)["code"] == "E806"
    assert api_targets.stored_ids(path) == before


def test_trusted_hosts_follow_the_bind_address():
    assert trusted_hosts("127.0.0.1", 8000) == ("127.0.0.1:8000", "localhost:8000", "[::1]:8000")
    assert "[::1]:9000" in trusted_hosts("::1", 9000)
    assert "127.0.0.2:8000" in trusted_hosts("127.0.0.2", 8000)
    assert trusted_hosts("0.0.0.0", 8000) is None  # elsewhere: only what the user names
    assert trusted_hosts("0.0.0.0", 8000, ["box.lan"]) == ("box.lan",)
    assert trusted_hosts("127.0.0.1", 8000, ["*"]) is None
    assert host_allowed("box.lan:443", ("box.lan",)) and not host_allowed("box.lan", ("box.lan:1",))


def test_serve_refuses_a_forged_host_over_http(served):
    """The installed entry point on 127.0.0.1: its own names answer, a rebound name does not."""
    for host, status in (
        (f"127.0.0.1:{served.port}", 200),
        (f"localhost:{served.port}", 200),
        (f"evil.example:{served.port}", 400),
        ("evil.example", 400),
    ):
        raw = f"GET /api/places HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode()
        got, headers, body = served.send(raw)
        assert got == status, (host, got, body[:200])
        if status == 400:
            assert headers["content-type"].startswith("application/json") and b"E806" in body


def test_serve_allowed_host_adds_a_name():
    server = api_targets.Server("--allowed-host", "flashpoint.lan")
    try:
        for host, status in (
            ("flashpoint.lan", 200),
            ("flashpoint.lan:8443", 200),
            (f"127.0.0.1:{server.port}", 200),
            (f"other.lan:{server.port}", 400),
        ):
            raw = f"GET /api/places HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
            assert server.send(raw.encode())[0] == status, host
    finally:
        server.stop()
