"""On the seed article (read from ../shared at run time): the boilerplate an analyst drops goes."""

from __future__ import annotations

from flashpoint.ingest import load_document


def test_clean_seed_boilerplate_is_dropped(shared_dir):
    path = shared_dir / "seed" / "000_052a24c72a71051f.txt"
    raw = path.read_text(encoding="utf-8")
    doc = load_document(str(path))
    first_line = raw.strip().splitlines()[0].strip()
    assert doc.title == first_line
    assert doc.text.count(first_line) == 1
    for dropped in ("The views and opinions expressed", "Paid content", "What's New Today"):
        assert dropped in raw
        assert dropped not in doc.text
    # Real paragraphs survive whole (white space aside): every kept paragraph is one of the
    # source's, and every source paragraph longer than a headline is kept.
    source = {" ".join(p.split()) for p in raw.split("\n\n") if p.strip()}
    kept = doc.text.split("\n\n")
    assert all(p in source for p in kept)
    long_source = [p for p in source if len(p.split()) > 25 and "views and opinions" not in p]
    assert all(p in kept for p in long_source)
