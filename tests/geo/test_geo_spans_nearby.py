"""The overlap index and the nearness grid give the answers of the all-pairs scans they replace."""

from __future__ import annotations

import random

from flashpoint.geo.nearby import Nearby, distance_km
from flashpoint.geo.spans import SpanIndex


def test_geo_span_index_matches_the_pairwise_overlap_test():
    rng = random.Random(7)
    for _ in range(300):
        spans = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 60) for _ in range(8))]
        index = SpanIndex(spans)
        for start in range(70):
            for end in range(start, start + 8):
                expected = any(start < e and s < end for s, e in spans)
                assert index.overlaps(start, end) == expected, (spans, start, end)


def test_geo_span_index_empty_blocks_nothing():
    assert not SpanIndex([]).overlaps(0, 10)


def test_geo_nearby_finds_exactly_the_points_within_the_radius():
    rng = random.Random(11)
    for _ in range(100):
        points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(20)]
        lat0, lon0 = points[0]
        points += [
            (max(-90.0, min(90.0, lat0 + rng.uniform(-3, 3))), lon0 + rng.uniform(-3, 3))
            for _ in range(20)
        ]
        near = Nearby(points, 250.0)
        for _ in range(30):
            lat = max(-90.0, min(90.0, lat0 + rng.uniform(-4, 4)))
            lon = lon0 + rng.uniform(-4, 4)
            expected = [
                (i, distance_km(lat, lon, *p))
                for i, p in enumerate(points)
                if distance_km(lat, lon, *p) < 250.0
            ]
            assert list(near.within(lat, lon)) == expected
            nearest = min((km for _, km in expected), default=None)
            assert near.nearest_km(lat, lon) == nearest


def test_geo_nearby_across_the_date_line_and_at_a_pole():
    near = Nearby([(0.0, 179.9), (0.0, -179.9), (89.9, 0.0), (89.9, 179.0)], 250.0)
    assert [i for i, _ in near.within(0.0, 180.0)] == [0, 1]
    assert [i for i, _ in near.within(89.95, 90.0)] == [2, 3]
