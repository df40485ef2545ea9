"""Loading full GeoNames dumps into the gazetteer, for users who can download them.

Accepted files (GeoNames' own tab-separated formats, plain or zipped): `allCountries.zip` or a
country file (`SY.zip`, `SY.txt`), `alternateNamesV2.zip`, `admin1CodesASCII.txt` and
`admin2Codes.txt`. Files stream line by line; a progress callback reports bytes read.
Imported records replace shipped ones with the same GeoNames id; first-level divisions are
matched by country and admin1 code. A rebuild (new flashpoint version) drops imports: import
again afterwards.
"""

from __future__ import annotations

import itertools
import sqlite3
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO

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


# GeoNames lines are under 20 kB (the longest alternate-name lists); a line this long, a zip
# that inflates far more than text does, or a run of comment lines is not a GeoNames dump, and
# reading on would cost memory and minutes before failing
MAX_LINE_BYTES = 1 << 20
MAX_INFLATION = 20  # GeoNames zips inflate about 4-6 times
INFLATION_ALLOWANCE = 64 << 20  # small archives may inflate more, up to this many bytes
MAX_SKIPPED_LINES = 10_000  # comment and blank lines (GeoNames dumps have none)


def _invalid(path: Path, message: str) -> FlashpointError:
    return FlashpointError(GEO_DATA_INVALID, f"{path.name}: {message}")


@contextmanager
def _open_bytes(path: Path) -> Iterator[tuple[IO[bytes], int]]:
    """The dump's bytes and the most it may inflate to (zip: a bound from its size)."""
    if path.suffix.lower() != ".zip":
        with path.open("rb") as handle:
            yield handle, -1
        return
    try:
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.infolist()
                if m.filename.endswith(".txt")
                and not m.filename.lower().startswith(("readme", "iso-languagecodes"))
            ]
            if not members:
                raise _invalid(path, "no .txt file inside")
            budget = max(INFLATION_ALLOWANCE, MAX_INFLATION * path.stat().st_size)
            if members[0].file_size > budget:
                raise _invalid(
                    path,
                    f"{members[0].filename} would inflate to {members[0].file_size:,} bytes, "
                    f"more than {MAX_INFLATION} times the archive; not a GeoNames dump",
                )
            with archive.open(members[0]) as raw:
                yield raw, budget
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # cut short or corrupted
        raise _damaged(path, exc) from exc
    except (NotImplementedError, RuntimeError) as exc:  # an unknown method, or encrypted
        raise _invalid(path, f"cannot read this zip ({exc})") from exc


def _rows(path: Path, progress: Progress | None, min_columns: int) -> Iterator[list[str]]:
    """Tab-separated rows, read in bounded memory and time: a line is at most
    `MAX_LINE_BYTES`, an archive inflates at most its budget, comment lines are capped."""
    read = skipped = 0
    with _open_bytes(path) as (handle, budget):
        for number in itertools.count(1):
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            read += len(raw)
            if progress is not None:
                progress(len(raw))
            if len(raw) > MAX_LINE_BYTES:
                raise _invalid(path, f"line {number} is longer than 1 MiB; not a GeoNames dump")
            if 0 <= budget < read:
                raise _invalid(path, "inflates past its declared size; not a GeoNames dump")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                # inside a zip a flipped byte shows here before the CRC check at the end
                why = "damaged zip, download it again, or not" if budget >= 0 else "not"
                raise _invalid(
                    path, f"line {number} is not UTF-8 (byte {exc.start + 1}): {why} GeoNames"
                ) from exc
            if not line.strip() or line.startswith("#"):
                skipped += 1
                if skipped > MAX_SKIPPED_LINES:
                    raise _invalid(
                        path,
                        f"more than {MAX_SKIPPED_LINES:,} blank or comment lines; "
                        "not a GeoNames dump",
                    )
                continue
            row = line.rstrip("\r\n").split("\t")
            if len(row) < min_columns:
                raise _invalid(
                    path,
                    f"line {number}: expected {min_columns} tab-separated columns, "
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
            try:
                _import_place(db, writer, row, report)
            except ValueError as exc:  # a coordinate, id or population that is not a number
                raise _invalid(
                    path, f"row {report.rows}: {exc}; expected GeoNames' numeric columns"
                ) from exc
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
    capital = int(fcode == "PPLC")
    lat, lon = float(row[4]), float(row[5])
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"coordinates out of range: {row[4]!r}, {row[5]!r}")
    names = [a for a in row[3].split(",") if a]
    alts = [a for a in names if good_alt(a)] + [row[2]]
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
            "population = MAX(population, ?), alt_count = MAX(alt_count, ?), "
            "capital = MAX(capital, ?) WHERE id = ?",
            (geonameid, row[1], lat, lon, feature, population, len(names), capital, existing[0]),
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
        alt_count=len(names),
        capital=bool(capital),
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
