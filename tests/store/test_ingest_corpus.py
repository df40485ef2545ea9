"""`ingest()` over a small folder with the real Analyzer, into SQLite and PostgreSQL."""

from __future__ import annotations

from flashpoint.errors import INPUT_BINARY, INPUT_EMPTY
from flashpoint.store.ingest import IngestOptions, ingest

TEXTS = {
    "a.txt": "Syrian government forces shelled Idlib on Monday, activists said. The opposition "
    "fighters said they repelled the assault near the town of Saraqib.",
    "b.txt": "Russian warplanes struck rebel positions in eastern Ghouta on Tuesday, the "
    "monitoring group said, and the rebels answered with rockets fired at Damascus.",
    "c.txt": "Turkish troops and allied Syrian rebels advanced on Afrin on Wednesday, while the "
    "Kurdish YPG militia said it had pushed them back from two villages.",
}


class Counter:
    def __init__(self) -> None:
        self.total = None
        self.done = 0

    def reading(self, n: int) -> None:
        self.read = n

    def start(self, total: int) -> None:
        self.total = total

    def advance(self, n: int) -> None:
        self.done += n


def test_ingest_corpus_counts_stored_duplicates_rejected(db, tmp_path):
    tmp_path = tmp_path / "corpus"  # the SQLite store lives beside it, not inside
    tmp_path.mkdir()
    for name, text in TEXTS.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "a_copy.txt").write_text("  " + TEXTS["a.txt"].upper() + "\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("\n\n", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    progress = Counter()
    first = ingest([str(tmp_path)], db, IngestOptions(), reporter=progress)
    assert (first.read, first.stored, first.duplicates) == (6, 3, 1)
    assert first.rejected == {INPUT_EMPTY: 1, INPUT_BINARY: 1}
    assert (progress.total, progress.done) == (6, 6)  # every item read, whatever became of it
    counts = db.counts()
    assert counts["documents"] == 3 and counts["rejected"] == 2
    again = ingest([str(tmp_path)], db, IngestOptions())
    assert (again.stored, again.duplicates, again.rejected_total) == (0, 4, 2)
    assert db.counts() == counts
    limited = ingest([str(tmp_path)], db, IngestOptions(limit=2))
    assert limited.read == 2
