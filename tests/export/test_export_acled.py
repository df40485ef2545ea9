"""The ACLED CSV loads as ACLED's own files do: same columns, types and vocabularies as a file
we wrote in ACLED's layout (tests/export/data/acled_layout.csv, invented rows)."""

from __future__ import annotations

import csv
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from flashpoint.export import export
from flashpoint.export.acled import ACLED_COLUMNS
from flashpoint.export.acled_codes import AcledCodes

FIXTURE = Path(__file__).with_name("data") / "acled_layout.csv"
DOCS = Path(__file__).resolve().parents[2] / "docs" / "exports.md"
# ACLED's codebook: its 17 regions, four disorder types, eight actor types.
REGIONS = {
    "Western Africa", "Middle Africa", "Eastern Africa", "Southern Africa", "Northern Africa",
    "South Asia", "Southeast Asia", "East Asia", "Caucasus and Central Asia", "Middle East",
    "Europe", "North America", "Central America", "South America", "Caribbean", "Oceania",
    "Antarctica",
}  # fmt: skip
DISORDER = {
    "Political violence",
    "Demonstrations",
    "Strategic developments",
    "Political violence; Demonstrations",
}
# Columns we cannot fill from news text (docs/exports.md says why).
LEFT_EMPTY = {"assoc_actor_1", "assoc_actor_2", "admin2", "admin3", "source_scale", "tags"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_vocabularies(row: dict[str, str]) -> None:
    """Every value of one row as ACLED's codebook allows it."""
    dt.date.fromisoformat(row["event_date"])
    assert row["year"] == row["event_date"][:4]
    assert row["time_precision"] in {"1", "2", "3"}
    assert row["geo_precision"] in {"1", "2", "3"}
    assert row["disorder_type"] in DISORDER
    assert row["region"] in REGIONS
    inter1, inter2 = int(row["inter1"]), int(row["inter2"])
    assert 1 <= inter1 <= 8 or (inter1 == 0 and inter2), row
    assert 0 <= inter2 <= 8
    codes = sorted(i for i in (inter1, inter2) if i)
    assert row["interaction"] == (f"{codes[0]}{codes[1]}" if len(codes) == 2 else f"{codes[0]}0")
    assert row["civilian_targeting"] in {"", "Civilian targeting"}
    assert int(row["fatalities"]) >= 0 and row["fatalities"].isdigit()
    assert row["event_id_cnty"][:3].isalpha() and row["event_id_cnty"][:3].isupper()
    assert int(row["iso"]) > 0 and row["timestamp"].isdigit()
    float(row["latitude"]), float(row["longitude"])


@pytest.fixture
def ours(theatre_db, tmp_path) -> Path:
    out = tmp_path / "ours.csv"
    export(theatre_db, "acled-csv", out)
    return out


def test_export_acled_fixture_itself_follows_the_codebook():
    rows = _rows(FIXTURE)
    assert list(rows[0]) == list(ACLED_COLUMNS)
    for row in rows:
        check_vocabularies(row)


def test_export_acled_same_columns_and_types_as_acled(ours):
    theirs_table = pacsv.read_csv(FIXTURE)
    ours_table = pacsv.read_csv(ours)
    assert ours_table.column_names[: len(ACLED_COLUMNS)] == theirs_table.column_names
    for name in ACLED_COLUMNS:
        mine, theirs = ours_table.schema.field(name).type, theirs_table.schema.field(name).type
        if name in LEFT_EMPTY:
            assert mine == pa.null(), name
        else:
            assert mine == theirs, (name, mine, theirs)


def test_export_acled_values_follow_the_codebook(ours):
    rows = _rows(ours)
    assert len(rows) == 3  # the threat, the meeting and the unplaced clash are left out
    for row in rows:
        check_vocabularies(row)
    clash, shelling, attack = rows
    assert (clash["country"], clash["region"], clash["iso"]) == ("Syria", "Middle East", "760")
    assert clash["event_id_cnty"].startswith("SYR")
    assert (clash["inter1"], clash["inter2"], clash["interaction"]) == ("2", "1", "12")
    assert (clash["time_precision"], clash["geo_precision"]) == ("1", "1")
    assert (clash["fatalities"], clash["injured"]) == ("3", "4")
    # Turkish forces in Syria are external forces; a district is part of a region
    assert (shelling["inter1"], shelling["interaction"]) == ("8", "28")
    assert (shelling["time_precision"], shelling["geo_precision"]) == ("2", "2")
    assert shelling["fatalities"] == "0"  # none stated: ACLED writes 0
    # civilians are always actor 2; a province is a larger region; a month is coarse
    assert (attack["actor1"], attack["actor2"]) == ("Syrian Arab Army", "Civilians")
    assert (attack["interaction"], attack["civilian_targeting"]) == ("17", "Civilian targeting")
    assert (attack["time_precision"], attack["geo_precision"]) == ("3", "3")
    assert attack["disorder_type"] == "Political violence" and attack["fatalities"] == "5"


def test_export_acled_countries_are_named_as_acled_names_them(ours):
    codes = AcledCodes.load()
    expected = {
        "SY": "Syria", "TR": "Turkey", "IR": "Iran", "RU": "Russia", "PS": "Palestine",
        "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast",
        "KR": "South Korea", "US": "United States", "GB": "United Kingdom", "VE": "Venezuela",
    }  # fmt: skip
    assert {code: codes.country(code).name for code in expected} == expected
    theirs = {r["country"]: (r["region"], r["iso"]) for r in _rows(FIXTURE)}
    for country in codes.countries.values():
        assert country.region in REGIONS, country
        if country.name in theirs:
            assert (country.region, str(country.iso)) == theirs[country.name]


def test_export_acled_is_deterministic_and_counts_what_it_leaves_out(theatre_db, tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    export(theatre_db, "acled-csv", first)
    export(theatre_db, "acled-csv", second)
    assert first.read_bytes() == second.read_bytes()
    url = theatre_db.url
    done = subprocess.run(
        [Path(sys.executable).with_name("flashpoint"), "export", "-f", "acled-csv", "--db", url],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    note = next(line for line in done.stderr.splitlines() if line.startswith("acled-csv:"))
    for reason in ("events_not_asserted=1", "events_without_acled_type=1"):
        assert reason in note
    assert "events_without_place=1" in note
    assert len(list(csv.reader(done.stdout.splitlines()))) == 4  # header and three rows


def test_export_acled_docs_map_every_column():
    text = DOCS.read_text(encoding="utf-8")
    for column in ACLED_COLUMNS:
        assert f"| `{column}` |" in text, column
    assert "ACLED Codebook" in text
    for column in LEFT_EMPTY:
        line = next(line for line in text.splitlines() if line.startswith(f"| `{column}` |"))
        assert "empty" in line.lower(), column


def test_export_acled_user_tables_override_the_shipped_ones(tmp_path, monkeypatch):
    (tmp_path / "acled_countries.yaml").write_text(
        '"SY": {country: "Syrian Arab Republic", region: Middle East, iso: 760, iso3: SYR}\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("FLASHPOINT_EXPORT_DATA", str(tmp_path))
    codes = AcledCodes.load()
    assert codes.country("SY").name == "Syrian Arab Republic"
    assert codes.country("TR").name == "Turkey"
