"""Points within a radius of a point, from a grid of cells: not every point against every point.

Ranking gives a bonus for nearness to the document's confidently placed places, and the home
place is the one with most places around it. Measuring every candidate against every anchor
made a document of many place names quadratic (2,000 towns named: most of its 78 s). Points
go into cubic cells of the unit sphere's 3-D coordinates, as wide as the chord of the radius,
so everything within the radius of a point lies in its cell or the 26 around it; distances
are still the exact great-circle ones, so answers do not change.

    >>> near = Nearby([(36.2, 37.15), (35.95, 39.01)], 250.0)  # Aleppo, Raqqa
    >>> [round(km) for _, km in near.within(36.0, 38.0)]
    [80, 91]
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator

EARTH_RADIUS_KM = 6371.0088
FEW = 24  # up to this many points, reading them all is cheaper than the 27 cells
Cell = tuple[int, int, int]


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _unit(lat: float, lon: float) -> tuple[float, float, float]:
    phi, lam = math.radians(lat), math.radians(lon)
    return math.cos(phi) * math.cos(lam), math.cos(phi) * math.sin(lam), math.sin(phi)


class Nearby:
    """A fixed list of (lat, lon) points, asked which lie within `radius_km` of a point."""

    def __init__(self, points: Iterable[tuple[float, float]], radius_km: float):
        self.points = list(points)
        self.radius_km = radius_km
        # the chord of the radius: a point within it differs by less in every coordinate
        self._size = 2.0 * math.sin(min(math.pi, radius_km / EARTH_RADIUS_KM) / 2.0)
        # a slightly wider chord passes every point within the radius despite rounding;
        # the exact great-circle distance decides
        self._chord2 = (self._size * (1.0 + 1e-9)) ** 2
        self._xyz = [_unit(lat, lon) for lat, lon in self.points]
        self._cells: dict[Cell, list[int]] = defaultdict(list)
        for i, xyz in enumerate(self._xyz):
            self._cells[self._cell(xyz)].append(i)

    def _cell(self, xyz: tuple[float, float, float]) -> Cell:
        size = self._size
        return (math.floor(xyz[0] / size), math.floor(xyz[1] / size), math.floor(xyz[2] / size))

    def within(self, lat: float, lon: float) -> Iterator[tuple[int, float]]:
        """(index, km) of every point closer than the radius, in the order they were given."""
        x, y, z = here = _unit(lat, lon)
        if len(self.points) <= FEW:
            found: Iterable[int] = range(len(self.points))
        else:
            cx, cy, cz = self._cell(here)
            cells: list[int] = []
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for dz in (-1, 0, 1):
                        cells.extend(self._cells.get((cx + dx, cy + dy, cz + dz), ()))
            found = sorted(cells)
        for i in found:
            px, py, pz = self._xyz[i]
            if (px - x) ** 2 + (py - y) ** 2 + (pz - z) ** 2 > self._chord2:
                continue
            km = distance_km(lat, lon, *self.points[i])
            if km < self.radius_km:
                yield i, km

    def nearest_km(self, lat: float, lon: float) -> float | None:
        """The distance to the nearest point closer than the radius; None when none is."""
        return min((km for _, km in self.within(lat, lon)), default=None)
