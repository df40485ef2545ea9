"""The writer's event look-up reads only events at the same or a nearby place, or between the
same actors; these tests hold it to what a scan of every stored event with `same_event` finds."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given
from hypothesis import strategies as st

from flashpoint.store import schema
from flashpoint.store.database import Database
from flashpoint.store.merge import NEARBY_KM, EventFacts, haversine_km, nearby_box, same_event
from flashpoint.store.prepared import facts_from_row, find_event

# Places 0-2 lie within a few km of each other, 3 is far off, 4 has no coordinates, 5 sits by
# the antimeridian and 6 near the North Pole, where a longitude range cannot be narrowed.
PLACES = [
    ("gn:1", 35.336, 40.146),
    ("gn:2", 35.40, 40.05),
    ("gn:3", 35.30, 40.30),
    ("gn:4", 35.952, 39.009),
    ("pl:somewhere|SY", None, None),
    ("gn:5", -16.5, 179.95),
    ("gn:6", 89.95, 12.0),
]
ACTORS = [None, "saa", "sdf", "isis"]
DAY = dt.date(2017, 9, 1)


@given(
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    dlat=st.floats(-0.4, 0.4),
    dlon=st.floats(-3, 3),
)
def test_nearby_box_holds_every_point_within_the_merge_distance(lat, lon, dlat, dlon):
    lat2 = max(-90.0, min(90.0, lat + dlat))
    lon2 = (lon + dlon + 180.0) % 360.0 - 180.0
    if haversine_km(lat, lon, lat2, lon2) > NEARBY_KM:
        return
    lat_lo, lat_hi, lon_lo, lon_hi = nearby_box(lat, lon)
    assert lat_lo <= lat2 <= lat_hi
    assert lon_lo <= lon2 <= lon_hi


def test_nearby_box_is_narrow_away_from_poles_and_antimeridian():
    lat_lo, lat_hi, lon_lo, lon_hi = nearby_box(35.3, 40.1)
    assert lat_hi - lat_lo < 0.5 and lon_hi - lon_lo < 0.7


def _random_facts(rng: random.Random) -> EventFacts:
    place, lat, lon = rng.choice([(None, None, None), *PLACES])
    start = rng.choice([None, DAY + dt.timedelta(days=rng.randrange(20))])
    end = None if start is None else start + dt.timedelta(days=rng.choice([0, 0, 1, 10]))
    reported = DAY + dt.timedelta(days=rng.randrange(40))
    return EventFacts(
        type=rng.choice(["assault", "coerce"]),
        modality=rng.choice(["asserted", "asserted", "planned"]),
        source=rng.choice(ACTORS),
        target=rng.choice(ACTORS),
        place=place,
        lat=lat,
        lon=lon,
        start=start,
        end=end,
        reported_first=reported,
        reported_last=reported,
    )


def test_event_lookup_finds_what_a_full_scan_finds(tmp_path):
    rng = random.Random(7)
    db = Database.open(f"sqlite:///{tmp_path / 'store.db'}")
    with db.write() as connection:
        for key, lat, lon in PLACES:
            connection.execute(
                schema.places.insert().values(id=key, name=key, norm=key, lat=lat, lon=lon)
            )
        for actor in ACTORS[1:]:
            connection.execute(
                schema.actors.insert().values(id=actor, name=actor, kind="armed_group", known=True)
            )
        for _ in range(400):
            facts = _random_facts(rng)
            connection.execute(
                schema.events.insert().values(
                    type=facts.type,
                    modality=facts.modality,
                    source_id=facts.source,
                    target_id=facts.target,
                    place_id=facts.place,
                    date_start=facts.start,
                    date_end=facts.end,
                    first_reported=facts.reported_first,
                    last_reported=facts.reported_last,
                    precision="day",
                    n_sources=1,
                    n_outlets=1,
                )
            )
    e, p = schema.events, schema.places
    with db.connect() as connection:
        stored = connection.execute(
            schema.events.select()
            .add_columns(p.c.lat, p.c.lon)
            .select_from(e.outerjoin(p, p.c.id == e.c.place_id))
            .order_by(e.c.id)
        ).all()
        found = 0
        for _ in range(400):
            facts = _random_facts(rng)
            scan = next((r.id for r in stored if same_event(facts_from_row(r), facts)), None)
            row = find_event(connection, facts)
            assert (row.id if row else None) == scan, facts
            found += scan is not None
    db.close()
    assert 40 < found < 360  # both outcomes are common, or the comparison means little
