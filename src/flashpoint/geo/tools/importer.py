"""Loading full GeoNames dumps into the gazetteer, for users who can download them.

Accepted files (GeoNames' own tab-separated formats, plain or zipped): `allCountries.zip` or a
country file (`SY.zip`, `SY.txt`), `alternateNamesV2.zip`, `admin1CodesASCII.txt` and
`admin2Codes.txt`. Files stream line by line; a progress callback reports bytes read.
Imported records replace shipped ones with the same GeoNames id; first-level divisions are
matched by country and admin1 code. A rebuild (new flashpoint version) drops imports: import
again afterwards.
"""

from __future__ import annotations

import io
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flashpoint.errors import GEO_DATA_INVALID, INPUT_NOT_FOUND, FlashpointError
from flashpoint.geo.tools.compile import _Writer, city_feature, good_alt

Progress = Callable[[int], None]
# GeoNames feature class/code -> our feature kind; classes not listed are skipped
FEATURE_CODES = {
    "PCLI": "country",
    "PCLD": "country",
    "PCLIX": "country",
    "PCLS": "country",
    "PCLF": "country",
    "PCL": "country",
    "TERR": "region",
    "ADM1": "admin1",
    "ADM2": "admin2",
    "ADM3": "admin3",
    "STM": "river",
    "STMI": "river",
    "SEA": "sea",
    "GULF": "sea",
    "BAY": "sea",
    "OCN": "sea",
    "STRT": "strait",
    "LK": "lake",
    "LKS": "lake",
    "RSV": "lake",
    "MT": "mountain",
    "MTS": "mountain",
    "PK": "mountain",
    "DSRT": "desert",
    "VAL": "valley",
    "PLN": "region",
    "PEN": "region",
    "ISL": "island",
    "ISLS": "island",
    "RGN": "region",
    "AREA": "region",
    "AIRB": "airbase",
    "AIRF": "airbase",
    "AIRP": "airport",
    "MILB": "site",
    "INSM": "site",
    "BDCR": "crossing",
    "PSTB": "crossing",
    "CMPRF": "site",
    "DAM": "site",
    "CNL": "canal",
    "CONT": "continent",
}
SKIPPED_LANGUAGES = frozenset({"link", "post", "iata", "icao", "faac", "wkdt", "unlc", "fr_1793"})


@dataclass
class ImportReport:
    file: str
    kind: str
    rows: int = 0
    added: int = 0
    updated: int = 0


def detect_kind(path: Path) -> str:
    """Which GeoNames file this is, from its name."""
    name = path.name.lower()
    if name.startswith("alternatenames"):
        return "alternate_names"
    if name.startswith("admin1codes"):
        return "admin1_codes"
    if name.startswith("admin2codes"):
        return "admin2_codes"
    if name.endswith((".zip", ".txt")):
        return "geonames"
    raise FlashpointError(GEO_DATA_INVALID, f"{path.name}: not a GeoNames dump file name")


def _damaged(path: Path, exc: Exception) -> FlashpointError:
    return FlashpointError(
        GEO_DATA_INVALID, f"{path.name}: damaged zip file ({exc}); download it again"
    )


@contextmanager
def _open_lines(path: Path) -> Iterator[io.TextIOBase]:
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(path) as archive:
                members = [
                    m
                    for m in archive.namelist()
                    if m.endswith(".txt")
                    and not m.lower().startswith(("readme", "iso-languagecodes"))
                ]
                if not members:
                    raise FlashpointError(GEO_DATA_INVALID, f"{path.name}: no .txt file inside")
                with archive.open(members[0]) as raw:
                    yield io.TextIOWrapper(raw, encoding="utf-8", newline="\n")
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # cut short or corrupted
            raise _damaged(path, exc) from exc
    else:
        with path.open(encoding="utf-8", newline="\n") as handle:
            yield handle


def _rows(path: Path, progress: Progress | None, min_columns: int) -> Iterator[list[str]]:
    with _open_lines(path) as handle:
        for number, line in enumerate(handle, 1):
            if progress is not None:
                progress(len(line.encode("utf-8")))
            if not line.strip() or line.startswith("#"):
                continue
            row = line.rstrip("\n").split("\t")
            if len(row) < min_columns:
                raise FlashpointError(
                    GEO_DATA_INVALID,
                    f"{path.name}:{number}: expected {min_columns} tab-separated columns, "
                    f"found {len(row)}",
                )
            yield row


def validate(files: list[Path]) -> None:
    """Fail early, before any work, on a missing file or an unknown file name."""
    for path in files:
        if not path.is_file():
            raise FlashpointError(INPUT_NOT_FOUND, f"file not found: {path}")
        detect_kind(path)
        if path.suffix.lower() == ".zip" and not zipfile.is_zipfile(path):
            raise _damaged(path, zipfile.BadZipFile("not a zip file"))


def import_files(
    db_path: Path, files: list[Path], progress: Progress | None = None
) -> list[ImportReport]:
    """Import GeoNames dump files into the gazetteer at `db_path` (codes after places)."""
    validate(files)
    order = {"geonames": 0, "admin1_codes": 1, "admin2_codes": 2, "alternate_names": 3}
    db = sqlite3.connect(db_path)
    try:
        reports = []
        for path in sorted(files, key=lambda p: order[detect_kind(p)]):
            reports.append(_import_one(db, path, progress))
            db.commit()
        return reports
    finally:
        db.close()


def _import_one(db: sqlite3.Connection, path: Path, progress: Progress | None) -> ImportReport:
    kind = detect_kind(path)
    report = ImportReport(path.name, kind)
    writer = _Writer(db)
    writer.next_id = (db.execute("SELECT MAX(id) FROM entries").fetchone()[0] or 0) + 1
    if kind == "geonames":
        for row in _rows(path, progress, 15):
            report.rows += 1
            _import_place(db, writer, row, report)
    elif kind in ("admin1_codes", "admin2_codes"):
        for row in _rows(path, progress, 4):
            report.rows += 1
            _import_code(db, writer, row, kind, report)
    else:
        for row in _rows(path, progress, 4):
            report.rows += 1
            if row[2] in SKIPPED_LANGUAGES or not row[1].isdigit() or not good_alt(row[3]):
                continue
            found = db.execute(
                "SELECT id, name FROM entries WHERE geonameid = ?", (int(row[1]),)
            ).fetchone()
            if found:
                writer.add_names(found[0], found[1], [row[3]])
                report.updated += 1
    return report


def _import_place(
    db: sqlite3.Connection, writer: _Writer, row: list[str], report: ImportReport
) -> None:
    fclass, fcode = row[6], row[7]
    feature = FEATURE_CODES.get(fcode)
    population = int(row[14] or 0)
    if fclass == "P":
        feature = city_feature(population)
    if feature is None:
        return
    geonameid, country, admin1_code = int(row[0]), row[8] or None, row[10] or None
    lat, lon = float(row[4]), float(row[5])
    alts = [a for a in row[3].split(",") if good_alt(a)] + [row[2]]
    admin1 = None
    if country and admin1_code:
        found = db.execute(
            "SELECT name FROM entries WHERE feature = 'admin1' AND country = ? AND admin1_code = ?",
            (country, admin1_code),
        ).fetchone()
        admin1 = found[0] if found else None
    existing = db.execute("SELECT id FROM entries WHERE geonameid = ?", (geonameid,)).fetchone()
    if existing is None and feature == "admin1" and country and admin1_code:
        existing = db.execute(
            "SELECT id FROM entries WHERE feature = 'admin1' AND country = ? AND admin1_code = ?",
            (country, admin1_code),
        ).fetchone()
    if existing is not None:
        db.execute(
            "UPDATE entries SET geonameid = ?, name = ?, lat = ?, lon = ?, feature = ?, "
            "population = MAX(population, ?) WHERE id = ?",
            (geonameid, row[1], lat, lon, feature, population, existing[0]),
        )
        writer.add_names(existing[0], row[1], alts)
        report.updated += 1
        return
    writer.add(
        geonameid=geonameid,
        name=row[1],
        lat=lat,
        lon=lon,
        country=country,
        feature=feature,
        population=population,
        admin1=admin1,
        admin1_code=admin1_code,
        alts=alts,
    )
    report.added += 1


def _import_code(
    db: sqlite3.Connection, writer: _Writer, row: list[str], kind: str, report: ImportReport
) -> None:
    parts = row[0].split(".")
    if kind == "admin1_codes" and len(parts) == 2:
        country, code = parts
        cursor = db.execute(
            "UPDATE entries SET name = ?, geonameid = COALESCE(geonameid, ?) "
            "WHERE feature = 'admin1' AND country = ? AND admin1_code = ?",
            (row[1], int(row[3]) if row[3].isdigit() else None, country, code),
        )
        db.execute(
            "UPDATE entries SET admin1 = ? WHERE country = ? AND admin1_code = ?",
            (row[1], country, code),
        )
        found = db.execute(
            "SELECT id FROM entries WHERE feature = 'admin1' AND country = ? AND admin1_code = ?",
            (country, code),
        ).fetchone()
        if found:
            writer.add_names(found[0], row[1], [row[2]])
        report.updated += cursor.rowcount
    elif kind == "admin2_codes" and len(parts) == 3 and row[3].isdigit():
        found = db.execute("SELECT id FROM entries WHERE geonameid = ?", (int(row[3]),)).fetchone()
        if found:
            db.execute("UPDATE entries SET name = ? WHERE id = ?", (row[1], found[0]))
            writer.add_names(found[0], row[1], [row[2]])
            report.updated += 1
