"""CSV and JSONL corpora are decoded as a stream: the same rows and errors as decoding the file
whole, with memory bounded by one read, not by the file."""

from __future__ import annotations

import io
import json
import tracemalloc

import pytest

from flashpoint.errors import INPUT_ENCODING, FlashpointError
from flashpoint.ingest import checks
from flashpoint.ingest.checks import decode, decode_stream
from flashpoint.ingest.corpus import CorpusOptions, iter_corpus

PARAGRAPH = (
    "Government forces shelled the eastern districts of the town on Tuesday, and the rebels "
    "said they had pushed back an attack on the road to the airport before nightfall. "
)


def _stream(data: bytes, encoding: str | None, chunk: int) -> str:
    return "".join(decode_stream(io.BytesIO(data), "f.csv", encoding, chunk))


@pytest.mark.parametrize("chunk", [1, 2, 3, 5, 64])
@pytest.mark.parametrize("encoding", [None, "utf-8", "latin-1", "utf-16"])
def test_decode_stream_gives_what_decode_gives(chunk, encoding):
    text = "\ufeffDar\u2019a, Homs \u2014 caf\xe9 na\xefve \u0627\u0644\u0642\u062f\u0633"
    data = (text + " \U0001f600").encode("utf-8" if encoding in (None, "latin-1") else encoding)
    assert _stream(data, encoding, chunk) == decode(data, "f.csv", encoding)


@pytest.mark.parametrize("chunk", [1, 4, 1000])
def test_decode_stream_reports_the_bad_byte_where_decode_does(chunk):
    data = ("text\n" + "a" * 50 + "\n").encode() + b"caf\xe9\n"
    with pytest.raises(FlashpointError) as whole:
        decode(data, "f.csv", None)
    with pytest.raises(FlashpointError) as streamed:
        _stream(data, None, chunk)
    assert streamed.value.code == whole.value.code == INPUT_ENCODING
    assert streamed.value.message == whole.value.message
    assert "(byte 59)" in streamed.value.message


def test_decode_stream_refuses_utf16_and_unknown_encodings_as_decode_does():
    data = "text\nhello\n".encode("utf-16")
    for encoding in (None, "no-such-codec"):
        with pytest.raises(FlashpointError) as whole:
            decode(data, "f.csv", encoding)
        with pytest.raises(FlashpointError) as streamed:
            _stream(data, encoding, 4)
        assert streamed.value.message == whole.value.message


def _documents(path, options):
    return [
        (item.source, item.document.text if item.document else item.reason)
        for item in iter_corpus([str(path)], options)
    ]


@pytest.mark.parametrize("chunk", [3, 7, 61, 1 << 20])
def test_corpus_rows_do_not_depend_on_where_the_reads_end(tmp_path, monkeypatch, chunk):
    """Line ends (\\r\\n, a lone \\r) and quoted cells across lines, split at every read."""
    rows = [
        f'"{PARAGRAPH}Caf\xe9 owners in Idlib counted the dead."',
        f'"{PARAGRAPH}\r\nA second paragraph, after a Windows line end."',
        f'"{PARAGRAPH}\rA third, after an old Mac one."',
    ]
    csv_path = tmp_path / "news.csv"
    csv_path.write_bytes(("text\r\n" + "\r\n".join(rows) + "\r\n").encode())
    jsonl_path = tmp_path / "news.jsonl"
    lines = [json.dumps({"text": PARAGRAPH + tail}) for tail in ("Homs.", "Hama \u2028 Aleppo.")]
    jsonl_path.write_bytes(("\r\n".join(lines) + "\n\n" + lines[0]).encode())
    options = CorpusOptions(check_language=False)
    whole = {p: _documents(p, options) for p in (csv_path, jsonl_path)}
    monkeypatch.setattr(checks, "DECODE_CHUNK", chunk)
    for path, expected in whole.items():
        assert _documents(path, options) == expected
    assert len(whole[csv_path]) == 3 and all(
        t.startswith(PARAGRAPH[:20]) for _, t in whole[csv_path]
    )


def _write_corpus(path, articles: int, words: int) -> None:
    text = PARAGRAPH * (words // 25)
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("text\n" if path.suffix == ".csv" else "")
        for number in range(articles):
            body = f"Report {number}. {text}"
            line = f'"{body}"' if path.suffix == ".csv" else json.dumps({"text": body})
            handle.write(line + "\n")


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_corpus_file_is_read_in_bounded_memory(tmp_path, monkeypatch, suffix):
    """A corpus of 4 MB is read with a peak of a fraction of it (reads of 64 KiB here): the
    file is never held whole, so one of several GB reads in the same memory."""
    options = CorpusOptions(check_language=False)
    small, big = tmp_path / f"small{suffix}", tmp_path / f"big{suffix}"
    _write_corpus(small, 1, 50)
    _write_corpus(big, 200, 3500)  # about 20 kB an article
    size = big.stat().st_size
    assert size > 4_000_000
    list(iter_corpus([str(small)], options))  # the imports, which tracemalloc would count
    monkeypatch.setattr(checks, "DECODE_CHUNK", 64 * 1024)
    tracemalloc.start()
    try:
        read = sum(1 for item in iter_corpus([str(big)], options) if item.document)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert read == 200
    assert peak < size / 3, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_reading_a_corpus_imports_no_spacy(tmp_path):
    """The ingest process reads and writes: document ids must not pull in the pipeline."""
    import subprocess
    import sys

    path = tmp_path / "news.csv"
    _write_corpus(path, 2, 60)
    code = (
        "import sys; from flashpoint.ingest.corpus import iter_corpus, CorpusOptions; "
        f"items = list(iter_corpus([{str(path)!r}], CorpusOptions())); "
        "assert all(i.document for i in items), items; "
        "assert not [m for m in ('spacy', 'flashpoint.pipeline') if m in sys.modules]"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
