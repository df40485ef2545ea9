"""`flashpoint gazetteer import` on files a hostile or broken download gives: each refused with
one line (E601), in bounded memory and time, the gazetteer left as it was."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.geo.tools.compile import create_empty
from flashpoint.geo.tools.importer import MAX_SKIPPED_LINES, import_files

# one GeoNames row in the dump's tab-separated layout (facts only)
ROW = ["163843", "Syria", "Syria", "", "35.0", "38.0", "A", "PCLI", "SY", "", "00"] + [
    "",
    "",
    "",
    "22198110",
    "",
    "",
    "Asia/Damascus",
    "2024-01-01",
]
GIB = 1 << 30


def _refused(db: Path, dump: Path, *words: str) -> str:
    with pytest.raises(FlashpointError) as caught:
        import_files(db, [dump])
    message = str(caught.value)
    assert caught.value.code == "E601", message
    assert "\n" not in message and dump.name in message
    for word in words:
        assert word in message, message
    return message


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    return create_empty(tmp_path / "g.sqlite")


def _zip_of(path: Path, member: str, chunk: bytes, total: int) -> Path:
    """A deflated zip whose one member is `total` bytes of `chunk`, written in pieces."""
    with (
        zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open(member, "w", force_zip64=True) as out,
    ):
        piece = chunk * max(1, (1 << 20) // len(chunk))
        written = 0
        while written < total:
            out.write(piece)
            written += len(piece)
    return path


def test_gazetteer_import_refuses_a_text_file_named_zip(db, tmp_path):
    fake = tmp_path / "SY.zip"
    fake.write_text("\t".join(ROW) + "\n", encoding="utf-8")
    _refused(db, fake, "zip")


def test_gazetteer_import_refuses_non_numeric_fields(db, tmp_path):
    for column, value in ((4, "north"), (14, "many"), (0, "x163843")):
        bad = list(ROW)
        bad[column] = value
        dump = tmp_path / "SY.txt"
        dump.write_text("\t".join(bad) + "\n", encoding="utf-8")
        _refused(db, dump, "row 1", value)


def test_gazetteer_import_refuses_coordinates_off_the_earth(db, tmp_path):
    bad = list(ROW)
    bad[4] = "135.0"
    dump = tmp_path / "SY.txt"
    dump.write_text("\t".join(bad) + "\n", encoding="utf-8")
    _refused(db, dump, "out of range")


def test_gazetteer_import_refuses_non_utf8(db, tmp_path):
    latin = list(ROW)
    latin[1] = "Hama\xe9"
    dump = tmp_path / "SY.txt"
    dump.write_bytes(("\t".join(ROW) + "\n").encode() + ("\t".join(latin) + "\n").encode("latin-1"))
    _refused(db, dump, "line 2", "UTF-8")
    zipped = tmp_path / "IQ.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("IQ.txt", b"\xff\xfe" + b"\x00binary" * 100)
    _refused(db, zipped, "UTF-8")


def test_gazetteer_import_nothing_is_kept_from_a_refused_file(db, tmp_path):
    dump = tmp_path / "SY.txt"
    bad = list(ROW)
    bad[14] = "lots"
    dump.write_text("\t".join(ROW) + "\n" + "\t".join(bad) + "\n", encoding="utf-8")
    _refused(db, dump, "row 2")
    import sqlite3

    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == 0


def test_gazetteer_import_refuses_a_long_line_without_reading_it_whole(db, tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_bytes(b"a" * (3 << 20) + b"\n")
    _refused(db, dump, "line 1", "longer than")


def test_gazetteer_import_refuses_a_run_of_comment_lines(db, tmp_path):
    dump = tmp_path / "SY.txt"
    dump.write_bytes(b"# nothing here\n" * (MAX_SKIPPED_LINES + 5) + ("\t".join(ROW)).encode())
    _refused(db, dump, "comment")


@pytest.fixture(scope="module")
def bombs(tmp_path_factory) -> dict[str, Path]:
    """Two small zips that inflate to 1 GiB: one line, and comment lines."""
    folder = tmp_path_factory.mktemp("bombs")
    return {
        "line": _zip_of(folder / "SY.zip", "SY.txt", b"a", GIB),
        "comments": _zip_of(folder / "IQ.zip", "IQ.txt", b"#\n", GIB),
    }


@pytest.mark.parametrize("kind", ["line", "comments"])
def test_gazetteer_import_zip_bombs_are_refused_in_bounded_memory_and_time(bombs, kind, tmp_path):
    dump = bombs[kind]
    assert dump.stat().st_size < 8 << 20  # a few MB on disk, 1 GiB inflated
    db = create_empty(tmp_path / "g.sqlite")
    # in a child with its address space capped at 1 GiB: no MemoryError, only our error
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
        "from pathlib import Path\n"
        "from flashpoint.errors import FlashpointError\n"
        "from flashpoint.geo.tools.importer import import_files\n"
        "try:\n"
        "    import_files(Path(sys.argv[1]), [Path(sys.argv[2])])\n"
        "except FlashpointError as exc:\n"
        "    print(exc.code, exc)\n"
    )
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", code, str(db), str(dump)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ},
    )
    assert time.monotonic() - started < 60
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("E601") and dump.name in result.stdout, result.stdout


def test_gazetteer_import_cli_bad_files_are_one_line(tmp_path):
    exe = Path(sys.executable).parent / "flashpoint"
    db = create_empty(tmp_path / "g.sqlite")
    fake = tmp_path / "SY.zip"
    fake.write_bytes(b"\x00\x01 not an archive")
    bad = list(ROW)
    bad[5] = "east"
    numbers = tmp_path / "IQ.txt"
    numbers.write_text("\t".join(bad) + "\n", encoding="utf-8")
    latin = tmp_path / "LB.txt"
    latin.write_bytes("Beyrouth \xe9t\xe9\n".encode("latin-1"))
    for dump in (fake, numbers, latin):
        result = subprocess.run(
            [str(exe), "gazetteer", "import", str(dump), "--gazetteer", str(db)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode != 0
        assert "Traceback" not in result.stderr
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error[E601]"), result.stderr
