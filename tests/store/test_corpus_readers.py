"""Reading many documents: CSV, JSONL, folders and RSS/Atom feeds, with bad input rejected."""

from __future__ import annotations

import csv
import datetime as dt
import json

from flashpoint.errors import INPUT_BINARY, INPUT_EMPTY, INPUT_ENCODING
from flashpoint.ingest.corpus import CorpusOptions, iter_corpus, parse_date

ARTICLE = (
    "Government forces shelled the eastern districts of {town} on {day}, residents said, "
    "and the opposition fighters who hold the area said they had pushed back an attack "
    "on their positions near the river crossing."
)


def article(town: str, day: str = "Monday") -> str:
    return ARTICLE.format(town=town, day=day)


def test_corpus_csv_detects_columns_and_reads_latin1(tmp_path):
    path = tmp_path / "news.csv"
    with path.open("w", encoding="latin-1", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["unit_id", "article_title", "article_content", "source", "date"])
        writer.writerow(
            ["1", "Shelling in Homs", article("Homs") + " Café owners fled.", "wire", "4/5/2017"]
        )
        writer.writerow(["2", "Empty", "   ", "wire", "4/6/2017"])
    items = list(iter_corpus([str(path)], CorpusOptions(encoding="latin-1")))
    assert [i.ok for i in items] == [True, False]
    document = items[0].document
    assert document.title == "Shelling in Homs"
    assert document.outlet == "wire"
    assert document.published == dt.date(2017, 4, 5)
    assert "Café" in document.text
    assert items[0].source.endswith("news.csv#row=1")
    assert items[1].reason


def test_corpus_csv_wrong_encoding_is_one_rejection(tmp_path):
    path = tmp_path / "news.csv"
    path.write_bytes(("text\n" + article("Hama") + " Caf\xe9.\n").encode("latin-1"))
    (item,) = iter_corpus([str(path)], CorpusOptions())
    assert not item.ok and item.code == INPUT_ENCODING


def test_corpus_csv_named_columns(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(
        "body,head,when,paper,link\n"
        f'"{article("Idlib")}",Idlib shelled,2018-02-03,Daily,http://example.org/a\n',
        encoding="utf-8",
    )
    options = CorpusOptions(
        text_column="body",
        title_column="head",
        date_column="when",
        outlet_column="paper",
        url_column="link",
    )
    (item,) = iter_corpus([str(path)], options)
    document = item.document
    assert (document.title, document.outlet, document.published, document.url) == (
        "Idlib shelled",
        "Daily",
        dt.date(2018, 2, 3),
        "http://example.org/a",
    )


def test_corpus_jsonl_bad_line_does_not_stop_the_rest(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"text": article("Daraa"), "title": "Daraa"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"content": article("Aleppo", "Friday")}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_corpus([str(path)]))
    assert [i.ok for i in items] == [True, False, False, True]
    assert items[1].source.endswith("#line=2")
    assert items[0].document.id != items[3].document.id


def test_corpus_folder_rejects_binary_and_empty_files(tmp_path):
    (tmp_path / "a.txt").write_text(article("Raqqa"), encoding="utf-8")
    (tmp_path / "b.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4\x00\x01\x02" * 50)
    (tmp_path / ".hidden.txt").write_text(article("Homs"), encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d.txt").write_text(article("Manbij"), encoding="utf-8")
    items = list(iter_corpus([str(tmp_path)]))
    by_name = {i.source.rsplit("/", 1)[-1]: i for i in items}
    assert set(by_name) == {"a.txt", "b.txt", "c.pdf", "d.txt"}
    assert by_name["a.txt"].ok and by_name["d.txt"].ok
    assert by_name["b.txt"].code == INPUT_EMPTY
    assert by_name["c.pdf"].code == INPUT_BINARY


def test_corpus_rss_and_atom_feeds(tmp_path):
    rss = tmp_path / "feed.rss"
    rss.write_text(
        f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Frontline Wire</title>
<item><title>Clashes in Deir ez-Zor</title><link>http://example.org/1</link>
<guid>item-1</guid><pubDate>Mon, 18 Sep 2017 10:00:00 GMT</pubDate>
<description>{article("Deir ez-Zor")}</description></item>
<item><title>No body</title><link>http://example.org/2</link></item>
</channel></rss>""",
        encoding="utf-8",
    )
    atom = tmp_path / "feed.atom"
    atom.write_text(
        f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title>
<entry><title>Shelling in Hama</title><id>urn:1</id><updated>2018-03-01T00:00:00Z</updated>
<content type="text">{article("Hama")}</content></entry></feed>""",
        encoding="utf-8",
    )
    items = list(iter_corpus([str(rss), str(atom)]))
    assert [i.ok for i in items] == [True, False, True]
    first = items[0].document
    assert (first.title, first.outlet, first.url, first.published) == (
        "Clashes in Deir ez-Zor",
        "Frontline Wire",
        "http://example.org/1",
        dt.date(2017, 9, 18),
    )
    assert items[0].source.endswith("#entry=item-1")
    assert items[2].document.outlet == "Atom Desk"
    assert items[2].document.published == dt.date(2018, 3, 1)


def test_corpus_missing_source_is_rejected():
    (item,) = iter_corpus(["no/such/place.csv"])
    assert not item.ok and "no such file" in item.reason


def test_corpus_parse_date_formats():
    assert parse_date("2017-04-05") == dt.date(2017, 4, 5)
    assert parse_date("4/7/2017") == dt.date(2017, 4, 7)
    assert parse_date("7 April 2017") == dt.date(2017, 4, 7)
    assert parse_date("not a date") is None
    assert parse_date("") is None


def test_corpus_fragment_text_keeps_paragraphs():
    from flashpoint.ingest.corpus import fragment_text

    text = fragment_text("<p>Shelling resumed.</p><p>Residents fled <b>north</b> &amp; east.</p>")
    assert "Shelling resumed." in text and "Residents fled north & east." in text
    assert text.index("resumed.") < text.index("Residents")
    assert "\n" in text


def test_corpus_urls_feed_and_page(tmp_path):
    import http.server
    import threading
    from functools import partial

    (tmp_path / "feed.xml").write_text(
        f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Local Wire</title>
<item><title>Clashes in Homs</title><link>http://example.org/h</link><guid>h1</guid>
<description>&lt;p&gt;{article("Homs")}&lt;/p&gt;</description></item></channel></rss>""",
        encoding="utf-8",
    )
    paragraphs = "".join(f"<p>{article(town)}</p>" for town in TOWNS_FOR_PAGE)
    (tmp_path / "page.html").write_text(
        f"<!doctype html><html><head><title>Front line report</title></head><body><article>"
        f"<h1>Front line report</h1>{paragraphs}</article></body></html>",
        encoding="utf-8",
    )
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(tmp_path))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        allow = CorpusOptions(allow_hosts=("127.0.0.1",))  # the user names the test server
        feed_items = list(iter_corpus([f"{base}/feed.xml"], allow))
        page_items = list(iter_corpus([f"{base}/page.html"], allow))
    finally:
        server.shutdown()
    (entry,) = feed_items
    assert entry.ok and entry.document.outlet == "Local Wire"
    assert "<p>" not in entry.document.text
    (page,) = page_items
    assert page.ok, page.reason
    assert "Idlib" in page.document.text


TOWNS_FOR_PAGE = ["Idlib", "Saraqib", "Maarat al-Numan"]
