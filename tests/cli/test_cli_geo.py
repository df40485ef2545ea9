"""`flashpoint geoparse FOLDER` and `gazetteer import` on damaged zips, as a user runs them."""

from __future__ import annotations

import json
import subprocess
import zipfile

from serving import run_flashpoint

ARTICLES = {
    "a_raqqa.txt": "Government troops moved toward Raqqa on Monday, residents said.\n",
    "b_hasakah.txt": "Residents of Hasakah said the roads to the Iraqi border were closed.\n",
    "notes.csv": "not an article\n",
}
# one GeoNames row in the dump's tab-separated layout (facts only)
GEONAMES_ROW = "\t".join(
    ["163843", "Syria", "Syria", "", "35.0", "38.0", "A", "PCLI", "SY", "", "00"]
    + ["", "", "", "22198110", "", "", "Asia/Damascus", "2024-01-01"]
)


def flashpoint(*args: str) -> subprocess.CompletedProcess:
    return run_flashpoint(*args)


def assert_one_line_error(result: subprocess.CompletedProcess, code: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error[{code}]"), result.stderr


def test_cli_geo_geoparse_a_folder(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = flashpoint("geoparse", str(tmp_path), "--json")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2  # the .txt articles, in name order; the CSV is not an article
    names = [{t["text"] for t in r["toponyms"]} for r in records]
    assert "Raqqa" in names[0] and "Hasakah" in names[1]
    table = flashpoint("geoparse", str(tmp_path))
    assert table.returncode == 0, table.stderr
    assert "a_raqqa.txt" in table.stdout and "b_hasakah.txt" in table.stdout


def test_cli_geo_import_damaged_zip_is_one_line(tmp_path):
    from flashpoint.geo.tools.compile import create_empty

    db = create_empty(tmp_path / "g.sqlite")
    not_zip = tmp_path / "SY.zip"
    not_zip.write_bytes(b"PK\x03\x04 this download was cut short")
    assert_one_line_error(
        flashpoint("gazetteer", "import", str(not_zip), "--gazetteer", str(db)), "E601"
    )

    corrupt = tmp_path / "IQ.zip"
    with zipfile.ZipFile(corrupt, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("IQ.txt", (GEONAMES_ROW + "\n") * 50)
    data = bytearray(corrupt.read_bytes())
    middle = data.index(b"Asia/Damascus") + 2
    data[middle] ^= 0xFF  # one flipped byte inside the stored member: a CRC error on reading
    corrupt.write_bytes(bytes(data))
    assert zipfile.is_zipfile(corrupt)
    result = flashpoint("gazetteer", "import", str(corrupt), "--gazetteer", str(db))
    assert_one_line_error(result, "E601")
    assert "IQ.zip" in result.stderr and "damaged" in result.stderr
