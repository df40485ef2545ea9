"""The page and /docs over HTTP, without a browser: security headers, no CORS, nothing from
outside the server, no HTML built from strings in our sources, and a clear answer when the
page was not built."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.api import Settings, create_app
from flashpoint.api.web import page_built, script_hashes

WEB_SRC = Path(__file__).resolve().parents[2] / "web" / "src"


@pytest.fixture(scope="module")
def page_client(web_store):
    if not page_built():
        pytest.fail("the page is not built: the install step (pip install -e .) builds it")
    url, registry = web_store
    with TestClient(create_app(Settings(db_url=url, registry_paths=(registry,)))) as client:
        yield client


def _csp(response) -> dict[str, str]:
    parts = [p.strip() for p in response.headers["content-security-policy"].split(";")]
    return {p.split(" ", 1)[0]: p.split(" ", 1)[1] if " " in p else "" for p in parts if p}


def test_web_page_has_a_strict_csp(page_client):
    page = page_client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = _csp(page)
    assert csp["default-src"] == "'none'" and csp["script-src"] == "'self'"
    assert csp["frame-ancestors"] == "'none'" and csp["connect-src"] == "'self'"
    assert "unsafe" not in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    script = page_client.get("/static/app.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert script.headers["x-content-type-options"] == "nosniff"


def test_web_page_loads_nothing_from_outside(page_client):
    html = page_client.get("/").text
    assert "<script>" not in html  # no inline script: the CSP would refuse it anyway
    for url in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert url.startswith("/static/"), url
        assert page_client.get(url).status_code == 200, url


def test_web_docs_are_swagger_ui_from_the_package(page_client):
    docs = page_client.get("/docs")
    assert docs.status_code == 200
    urls = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert urls and all(u.startswith("/static/docs/") for u in urls), urls
    assert all(page_client.get(u).status_code == 200 for u in urls)
    csp = _csp(docs)
    hashes = script_hashes(docs.text)
    assert len(hashes) == 1 and csp["script-src"] == f"'self' {hashes[0]}"
    assert page_client.get("/redoc").status_code == 404
    assert page_client.get("/openapi.json").json()["info"]["title"] == "flashpoint"


def test_web_no_cors_for_other_origins(page_client):
    evil = {"Origin": "https://evil.example"}
    for path in ("/", "/api/events", "/static/app.js"):
        answer = page_client.get(path, headers=evil)
        assert "access-control-allow-origin" not in answer.headers, path
    preflight = page_client.options(
        "/api/events", headers={**evil, "Access-Control-Request-Method": "GET"}
    )
    assert "access-control-allow-origin" not in preflight.headers
    assert preflight.status_code in (404, 405)


def test_web_sources_never_build_html_from_strings():
    sources = sorted(WEB_SRC.glob("*.js"))
    assert sources
    for source in sources:
        text = source.read_text(encoding="utf-8")
        code = re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)  # comments may name them
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, f"{source.name} uses {sink}"


def test_web_page_not_built_says_how(web_store, tmp_path):
    url, _ = web_store
    with TestClient(create_app(Settings(db_url=url, page_dir=tmp_path))) as client:
        for path in ("/", "/docs"):
            answer = client.get(path)
            assert answer.status_code == 503
            assert "not built" in answer.text and "npm" in answer.text
        assert client.get("/api/events").status_code == 200
        assert client.get("/openapi.json").status_code == 200
