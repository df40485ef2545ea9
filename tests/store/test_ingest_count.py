"""The cheap count behind ingest's progress bar agrees with what `iter_corpus` reads."""

from __future__ import annotations

import json

from flashpoint.ingest.corpus import STDIN, CorpusOptions, iter_corpus
from flashpoint.ingest.count import count_documents

ARTICLE = "Rebel fighters shelled the northern district on Monday, residents of the city said."


def test_count_matches_the_real_read_of_csv_jsonl_and_a_folder(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    rows = ['"First line of a cell\nand its second line, ' + ARTICLE + '"', f'"{ARTICLE} Two."']
    (folder / "a.csv").write_text("text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    lines = [json.dumps({"text": f"{ARTICLE} Number {i}."}) for i in range(3)]
    (folder / "b.jsonl").write_text("\n\n".join(lines) + "\n\n", encoding="utf-8")
    (folder / "c.txt").write_text(ARTICLE, encoding="utf-8")
    options = CorpusOptions(check_language=False)
    read = sum(1 for _ in iter_corpus([str(folder)], options))
    assert count_documents([str(folder)], options) == read == 6
    assert count_documents([str(folder)], options, limit=4) == 4
    assert count_documents([str(folder / "b.jsonl"), str(folder / "c.txt")], options) == 4


def test_count_is_unknown_for_standard_input_and_urls(tmp_path):
    assert count_documents([STDIN]) is None
    assert count_documents(["https://example.org/feed.rss"]) is None
    assert count_documents([str(tmp_path / "missing.csv")]) == 1  # one rejection
