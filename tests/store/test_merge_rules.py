"""The merge rules alone, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.model import Actor, Place
from flashpoint.store.merge import (
    EventFacts,
    actor_key,
    date_match,
    haversine_km,
    merge_facts,
    normalise_name,
    place_key,
    place_match,
    relation_key,
    same_event,
)

D = dt.date
DEIR = dict(place="gn:170794", lat=35.336, lon=40.146)


def facts(**changes) -> EventFacts:
    base = dict(
        type="ASSAULT",
        source="sdf",
        target="saa",
        start=D(2017, 9, 17),
        end=D(2017, 9, 17),
        reported_first=D(2017, 9, 18),
        reported_last=D(2017, 9, 18),
    )
    return EventFacts(**(base | DEIR | changes))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The S.D.F.", "sdf"),
        ("  Syrian   Arab ARMY ", "syrian arab army"),
        ("Hezbollah's fighters", "hezbollah fighters"),
        ("Kurdish-led forces", "kurdish led forces"),
        ("Ḥamā", "hama"),
    ],
)
def test_merge_normalise_name(raw, expected):
    assert normalise_name(raw) == expected


def test_merge_actor_key_registry_id_or_name():
    known = Actor(id="sdf", name="Syrian Democratic Forces", kind="armed_group")
    found = Actor(id="a7", name="The Lions of the East", kind="militia", known=False)
    assert actor_key(known) == "sdf"
    assert actor_key(found) == "name:lions of the east"


def test_merge_place_key_prefers_geonameid():
    assert place_key(Place(id="p1", name="Raqqa", geonameid=163915)) == "gn:163915"
    assert place_key(Place(id="p2", name="Al-Tabqa Dam", country="sy")) == "pl:al tabqa dam|SY"


def test_merge_relation_key_symmetric_only_for_symmetric_types():
    assert relation_key("enemy_of", "sdf", "saa") == relation_key("enemy_of", "saa", "sdf")
    assert relation_key("patron_of", "usa", "sdf") != relation_key("patron_of", "sdf", "usa")


def test_merge_haversine_known_distance():
    # Damascus to Aleppo is about 310 km as the crow flies.
    assert 300 < haversine_km(33.513, 36.292, 36.202, 37.134) < 320


def test_merge_same_event_matching_reports():
    assert same_event(facts(), facts(start=D(2017, 9, 18), end=D(2017, 9, 18)))


def test_merge_same_event_nearby_place_within_25_km():
    near = facts(place="pl:husayniyah|SY", lat=35.40, lon=40.05)  # about 11 km away
    far = facts(place="gn:163915", lat=35.952, lon=39.009)  # Raqqa, about 125 km away
    assert place_match(facts(), near) is True
    assert same_event(facts(), near)
    assert not same_event(facts(), far)


@pytest.mark.parametrize(
    "other",
    [
        dict(type="COERCE"),
        dict(modality="threatened"),
        dict(source="isis"),
        dict(target="usa"),
        dict(start=D(2017, 9, 30), end=D(2017, 9, 30)),
    ],
)
def test_merge_same_event_rejects_conflicts(other):
    assert not same_event(facts(), facts(**other))


def test_merge_same_event_unknown_side_is_compatible_with_place_anchor():
    assert same_event(facts(), facts(target=None))


def test_merge_same_event_needs_an_anchor():
    # Same day, same type, but neither place nor both actors to tie them: kept apart.
    a = facts(source=None, place=None, lat=None, lon=None)
    b = facts(target=None, place=None, lat=None, lon=None)
    assert not same_event(a, b)


def test_merge_date_ranges_overlap_and_slack():
    week = facts(start=D(2017, 9, 14), end=D(2017, 9, 20))
    month = facts(start=D(2017, 9, 1), end=D(2017, 9, 30))
    assert date_match(week, facts()) is True
    assert date_match(month, facts()) is None  # too vague to tell
    assert date_match(month, facts(start=D(2017, 11, 2), end=None)) is False
    assert date_match(facts(), facts(start=D(2017, 9, 20), end=None)) is True  # 3 days
    assert date_match(facts(), facts(start=D(2017, 9, 21), end=None)) is False  # 4 days
    assert date_match(facts(), facts(start=None, end=None)) is None


def test_merge_vague_date_needs_strong_evidence():
    year = facts(start=D(2017, 1, 1), end=D(2017, 12, 31))
    assert same_event(facts(), year)  # both actors, same place, reported a day apart
    assert not same_event(facts(), facts(start=D(2017, 1, 1), end=D(2017, 12, 31), source=None))


def test_merge_undated_needs_strong_evidence():
    undated = facts(start=None, end=None)
    assert same_event(facts(), undated)  # both actors, same place, reported a day apart
    assert not same_event(facts(), facts(start=None, end=None, target=None))
    late = facts(start=None, end=None, reported_first=D(2018, 1, 5), reported_last=D(2018, 1, 5))
    assert not same_event(facts(), late)


def test_merge_facts_fills_unknowns_and_widens_dates():
    stored = facts(target=None, start=D(2017, 9, 17), end=D(2017, 9, 17))
    merged = merge_facts(
        stored,
        facts(
            start=D(2017, 9, 19),
            end=D(2017, 9, 19),
            reported_first=D(2017, 9, 21),
            reported_last=None,
        ),
    )
    assert merged.target == "saa"
    assert (merged.start, merged.end) == (D(2017, 9, 17), D(2017, 9, 19))
    assert (merged.reported_first, merged.reported_last) == (D(2017, 9, 18), D(2017, 9, 21))
