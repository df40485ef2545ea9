"""Web pages: main text through trafilatura, page metadata, and user metadata that wins."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint import errors
from flashpoint.errors import FlashpointError
from flashpoint.ingest import document_from_html, load_document

PARAGRAPHS = [
    "Forces loyal to the eastern government pushed west along the coast road on Sunday, "
    "reaching the outskirts of the town of Sirte after two days of fighting, residents said.",
    "A spokesman for the western government accused foreign mercenaries of leading the advance "
    "and warned that its air force would strike any column that crossed the line.",
    "Diplomats in Tunis said the talks on a ceasefire had stalled since the start of the month.",
]


def page(*, head: str = "", extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!DOCTYPE html><html><head>"
        "<title>Advance on Sirte | Coastal Monitor</title>"
        '<meta property="og:title" content="Advance on Sirte">'
        '<meta property="og:site_name" content="Coastal Monitor">'
        '<meta property="article:published_time" content="2020-06-07T09:30:00Z">'
        '<meta property="og:url" content="https://coastal.example/2020/06/sirte">'
        f"{head}</head><body>"
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>Advance on Sirte</h1>{body}{extra}</article>"
        "<footer>Copyright 2020 Coastal Monitor. All rights reserved.</footer>"
        "</body></html>"
    )


def test_html_main_text_and_metadata():
    doc = document_from_html(page())
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    assert "Sport" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Advance on Sirte"
    assert doc.outlet == "Coastal Monitor"
    assert doc.published == dt.date(2020, 6, 7)
    assert doc.url == "https://coastal.example/2020/06/sirte"
    assert "\n\n" in doc.text  # paragraphs stay apart


def test_html_user_metadata_wins():
    doc = document_from_html(
        page(),
        title="Own title",
        outlet="Own outlet",
        published=dt.date(2020, 6, 8),
        url="https://other.example/a",
    )
    assert (doc.title, doc.outlet, doc.published, doc.url) == (
        "Own title",
        "Own outlet",
        dt.date(2020, 6, 8),
        "https://other.example/a",
    )


def test_html_without_date_has_no_date():
    html = (
        page()
        .replace('<meta property="article:published_time" content="2020-06-07T09:30:00Z">', "")
        .replace("/2020/06/", "/world/")
    )
    assert document_from_html(html).published is None


def test_html_boilerplate_lines_inside_the_article_are_dropped():
    doc = document_from_html(page(extra="<p>Advertisement</p><p>Share this article</p>"))
    assert "Advertisement" not in doc.text
    assert "Share this article" not in doc.text
    assert PARAGRAPHS[-1] in doc.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Nothing</title></head><body></body></html>",
        "<html></html>",
        "<!DOCTYPE html><html><body><div><script>var a = 1;</script></div></body></html>",
    ],
)
def test_html_without_article_text_is_bad_html(html):
    with pytest.raises(FlashpointError) as excinfo:
        document_from_html(html)
    assert excinfo.value.code == errors.INPUT_BAD_HTML


def test_load_html_file_by_extension(tmp_path):
    path = tmp_path / "page.htm"
    path.write_text(page().replace("<!DOCTYPE html>", ""), encoding="utf-8")
    doc = load_document(str(path))
    assert doc.outlet == "Coastal Monitor"
    assert "<p>" not in doc.text


def test_load_html_file_sniffed_without_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text(page(), encoding="utf-8")
    assert load_document(str(path)).title == "Advance on Sirte"


def test_load_html_declared_charset_is_used(tmp_path):
    html = page(head='<meta charset="iso-8859-1">').replace("Tunis", "Tunis (Café Lac)")
    path = tmp_path / "latin.html"
    path.write_bytes(html.encode("latin-1"))
    assert "Café Lac" in load_document(str(path)).text


def test_load_broken_html_file(tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><div><<<</div></body>", encoding="utf-8")
    with pytest.raises(FlashpointError) as excinfo:
        load_document(str(path))
    assert excinfo.value.code == errors.INPUT_BAD_HTML
