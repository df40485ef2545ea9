"""URLs, against a tiny HTTP server on 127.0.0.1 that the test starts: never the internet."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flashpoint import errors
from flashpoint.errors import FlashpointError
from flashpoint.ingest import load_document

TEXT = (
    "Paramilitary forces shelled the eastern districts of El Fasher on Monday, and the army "
    "answered with air strikes on their positions to the north of the city, witnesses said.\n\n"
    "Aid groups said the last working hospital in the area had closed its doors."
)
HTML = (
    "<!DOCTYPE html><html><head><title>Shelling in El Fasher</title>"
    '<meta property="og:site_name" content="Darfur Desk">'
    '<meta property="article:published_time" content="2024-05-13">'
    "</head><body><article><h1>Shelling in El Fasher</h1>"
    + "".join(f"<p>{p}</p>" for p in TEXT.split("\n\n"))
    + "</article></body></html>"
)
ROUTES = {
    "/page": (200, "text/html; charset=utf-8", HTML.encode()),
    "/article": (200, "text/plain; charset=utf-8", TEXT.encode()),
    "/big": (200, "text/plain", TEXT.encode() * 200),
    "/latin": (200, "text/plain; charset=iso-8859-1", (TEXT + " Café.").encode("latin-1")),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/page")
            self.end_headers()
            return
        status, content_type, body = ROUTES.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(autouse=True)
def allow_loopback(monkeypatch):
    """The test server is on 127.0.0.1, which a fetch refuses unless the user allows it."""
    monkeypatch.setenv("FLASHPOINT_ALLOW_HOSTS", "127.0.0.1")


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_html_page(server):
    doc = load_document(f"{server}/page")
    assert doc.title == "Shelling in El Fasher"
    assert doc.outlet == "Darfur Desk"
    assert str(doc.published) == "2024-05-13"
    assert doc.url == f"{server}/page"
    assert "last working hospital" in doc.text


def test_url_follows_redirects(server):
    doc = load_document(f"{server}/moved")
    assert doc.url == f"{server}/page"
    assert doc.title == "Shelling in El Fasher"


def test_url_plain_text(server):
    doc = load_document(f"{server}/article")
    assert doc.text == TEXT
    assert doc.url == f"{server}/article"


def test_url_charset_header_is_used(server):
    assert load_document(f"{server}/latin").text.endswith("Café.")


def test_url_http_error(server):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(f"{server}/missing")
    assert excinfo.value.code == errors.URL_UNREACHABLE
    assert "404" in excinfo.value.message
    assert f"{server}/missing" in excinfo.value.message


def test_url_unreachable():
    with pytest.raises(FlashpointError) as excinfo:
        load_document("http://127.0.0.1:9/article")
    assert excinfo.value.code == errors.URL_UNREACHABLE
    assert excinfo.value.message.startswith("could not fetch http://127.0.0.1:9/article: ")


def test_url_too_large(server):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(f"{server}/big", max_bytes=5000)
    assert excinfo.value.code == errors.INPUT_TOO_LARGE
