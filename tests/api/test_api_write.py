"""POST /api/documents: off by default, bearer token required, bodies capped, URLs to
private hosts refused; a real article goes through the pipeline into the store."""

from __future__ import annotations

import pytest

from flashpoint.errors import FlashpointError


def test_api_write_off_without_allow_writes(client):
    response = client.post("/api/documents", json={"text": "Troops shelled a town."})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "E801"


def test_api_write_needs_the_token(writer, auth):
    body = {"text": "Troops shelled a town."}
    for headers in (
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": auth["Authorization"][7:]},
    ):
        response = writer.post("/api/documents", json=body, headers=headers)
        assert response.status_code == 401, headers
        assert response.json()["error"]["code"] == "E802"
        assert response.headers["www-authenticate"] == "Bearer"


def test_api_write_body_limit(writer, auth):
    response = writer.post("/api/documents", json={"text": "x" * 30_000}, headers=auth)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "E104"


def test_api_write_bad_bodies_are_422(writer, auth):
    for body in ({}, {"text": "a", "html": "<p>b</p>"}, {"url": "file:///etc/hosts"}):
        response = writer.post("/api/documents", json=body, headers=auth)
        assert response.status_code == 422, body
        assert response.json()["error"]["code"] == "E804"


def test_api_write_refuses_private_urls(writer, auth):
    for url in ("http://127.0.0.1:9/a", "http://169.254.169.254/latest", "http://10.0.0.1/"):
        response = writer.post("/api/documents", json={"url": url}, headers=auth)
        assert response.status_code == 422, url
        error = response.json()["error"]
        assert error["code"] == "E108" and "refusing" in error["message"]


def test_api_write_stores_an_article_once(writer, auth, hostile):
    before = writer.get("/api/documents").json()["total"]
    body = {"text": hostile, "outlet": "Test Wire", "published": "2017-09-25"}
    created = writer.post("/api/documents", json=body, headers=auth)
    assert created.status_code == 201, created.text
    made = created.json()
    assert made["stored"] is True
    one = writer.get(made["href"]).json()
    assert one["document"]["outlet"] == "Test Wire"
    assert "<script>" in one["text"]  # kept as text: JSON carries it, nothing renders it
    assert writer.get("/api/documents").json()["total"] == before + 1
    again = writer.post("/api/documents", json=body, headers=auth)
    assert again.status_code == 200 and again.json() == {**made, "stored": False}


def test_api_settings_refuse_writes_without_a_token():
    from flashpoint.api import Settings

    with pytest.raises(FlashpointError) as caught:
        Settings(db_url="sqlite:///x.db", allow_writes=True).check()
    assert caught.value.code == "E803"
    with pytest.raises(FlashpointError):
        Settings(db_url="sqlite:///x.db", allow_writes=True, token="short").check()
