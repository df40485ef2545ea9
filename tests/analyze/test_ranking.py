"""Corpus flashpoints ranked over windows of the invented theatre."""

from __future__ import annotations

import datetime as dt

from flashpoint.analyze import network, scoring
from flashpoint.analyze.coalitions import form_coalitions
from flashpoint.analyze.ranking import areas, rank_flashpoints, sightings

START, END = dt.date(2017, 9, 1), dt.date(2017, 9, 30)


def _rank(theatre, tmp_path, events, relations=(), previous_events=None, **options):
    registry = theatre.registry(tmp_path)
    window = theatre.window(START, END, events, list(relations))
    previous = None
    if previous_events is not None:
        previous = theatre.window(dt.date(2017, 8, 2), dt.date(2017, 8, 31), previous_events)
    network_window = theatre.window(
        dt.date(2017, 1, 1), END, events + (previous_events or []), list(relations)
    )
    ties = network.ties(network_window, registry, END)
    camps = form_coalitions(ties, {})
    return rank_flashpoints(window, registry, camps, ties, previous, **options)


def _proxy_events(theatre, outlets=("Herald", "Courier")):
    return [
        theatre.event("MOBILIZE", "blue_militia", None, "fordtown", dt.date(2017, 9, 20), outlets),
        theatre.event(
            "MOBILIZE", "red_army", None, "north_fordtown", dt.date(2017, 9, 22), outlets
        ),
        theatre.event("ASSAULT", "grey_band", "red_army", "far_city", dt.date(2017, 9, 5)),
    ]


def test_ranking_rival_proxies_in_one_area_come_first(theatre, tmp_path):
    found = _rank(theatre, tmp_path, _proxy_events(theatre))
    best = found[0]
    assert best.area.name == "Fordtown"  # the most reported place names the area
    assert {best.sides[0].actors[0], best.sides[1].actors[0]} == {"blue_militia", "red_army"}
    assert {p for s in best.sides for p in s.patrons} == {"bigland", "otherland"}
    assert [s.actor for s in best.path.steps][0] in {"bigland", "otherland"}
    assert len(best.path.steps) == 4 and best.path.steps[-1].relation is None
    assert best.trend == "rising" and best.previous is None  # nothing the window before
    assert best.first_seen == dt.date(2017, 9, 20) and best.last_seen == dt.date(2017, 9, 22)
    assert best.distance_km is not None and 5 < best.distance_km < 8
    assert best.gap_days == 2 and best.outlets == 2
    # the far clash is a flashpoint too, but lower: no patron behind the Grey Band
    far = [f for f in found if f.area.name == "Far City"]
    assert far and far[0].score < best.score
    assert [f.score for f in found] == sorted((f.score for f in found), reverse=True)


def test_ranking_score_is_the_shared_base_scaled_by_support(theatre, tmp_path):
    best = _rank(theatre, tmp_path, _proxy_events(theatre))[0]
    # nothing reported between the two, but their patrons are rivals; opposed outside patrons
    rival, opposed = scoring.OPPOSITION["rival patrons"], scoring.ESCALATION["opposed patrons"]
    assert best.base == scoring.pair_score(rival, opposed)
    assert best.opposition == "rival patrons"
    supported = scoring.support(best.support)
    assert best.score == scoring.corpus_score(best.base, supported)
    assert best.base * scoring.SUPPORT_FLOOR <= best.score <= best.base


def test_ranking_more_outlets_and_fighting_score_higher(theatre, tmp_path):
    quiet = _rank(theatre, tmp_path, _proxy_events(theatre, ("Herald",)))[0]
    loud_events = _proxy_events(theatre, ("Herald", "Courier", "Gazette", "Post"))
    loud_events.append(
        theatre.event("ASSAULT", "red_army", "blue_militia", "fordtown", dt.date(2017, 9, 23))
    )
    loud = _rank(theatre, tmp_path, loud_events)[0]
    assert loud.area.name == quiet.area.name == "Fordtown"
    assert loud.score > quiet.score
    assert loud.hostile_in_area and not quiet.hostile_in_area
    assert loud.evidence[0] == loud_events[-1].id  # the clash between them is cited first


def test_ranking_trend_against_the_previous_window(theatre, tmp_path):
    before = [
        theatre.event("MOBILIZE", "blue_militia", None, "fordtown", d, tuple("ABCDEF"))
        for d in (dt.date(2017, 8, 25), dt.date(2017, 8, 30))
    ] + [
        theatre.event("ASSAULT", "red_army", "blue_militia", "fordtown", d, tuple("ABCDEF"))
        for d in (dt.date(2017, 8, 25), dt.date(2017, 8, 29), dt.date(2017, 8, 30))
    ]
    found = _rank(theatre, tmp_path, _proxy_events(theatre, ("Herald",)), previous_events=before)
    best = next(f for f in found if f.area.name == "Fordtown")
    assert best.previous is not None and best.previous > best.score
    assert best.trend == "falling"


def test_ranking_none_far_apart_or_only_allies(theatre, tmp_path):
    apart = [
        theatre.event("MOBILIZE", "blue_militia", None, "fordtown", dt.date(2017, 9, 20)),
        theatre.event("MOBILIZE", "red_army", None, "far_city", dt.date(2017, 9, 20)),
    ]
    assert _rank(theatre, tmp_path, apart) == []
    friends = [
        theatre.event("MOBILIZE", "blue_militia", None, "fordtown", dt.date(2017, 9, 20)),
        theatre.event("AID", "bigland", "blue_militia", "fordtown", dt.date(2017, 9, 21)),
    ]
    assert _rank(theatre, tmp_path, friends) == []


def test_ranking_ignores_what_cannot_place_a_force(theatre, tmp_path):
    events = [
        theatre.event("MOBILIZE", "blue_militia", None, "fordtown", dt.date(2017, 9, 20)),
        theatre.event(
            "MOBILIZE", "red_army", None, "fordtown", dt.date(2017, 9, 20), modality="negated"
        ),
        theatre.event("MOBILIZE", "red_army", None, "country", dt.date(2017, 9, 20)),  # "in Syria"
        theatre.event("MOBILIZE", "herald", None, "fordtown", dt.date(2017, 9, 20)),  # an outlet
        theatre.event("MOBILIZE", "gold_brigade", None, "fordtown", dt.date(2017, 9, 20)),  # gone
    ]
    registry = theatre.registry(tmp_path)
    seen = sightings(theatre.window(START, END, events), registry)
    assert [s.actor for s in seen] == ["blue_militia"]
    assert _rank(theatre, tmp_path, events) == []


def test_ranking_areas_by_hub_and_by_admin1(theatre, tmp_path):
    events = _proxy_events(theatre)
    registry = theatre.registry(tmp_path)
    window = theatre.window(START, END, events)
    seen = sightings(window, registry)
    by_radius = areas(window, seen, radius_km=40)
    assert by_radius["north_fordtown"] is by_radius["fordtown"]
    assert by_radius["far_city"] is not by_radius["fordtown"]
    assert areas(window, seen, radius_km=2)["north_fordtown"] is not by_radius["fordtown"]
    by_admin1 = areas(window, seen, by="admin1")
    assert by_admin1["far_city"] is by_admin1["fordtown"]  # all in the invented "Ford"
    assert by_admin1["fordtown"].name == "Ford"
    assert _rank(theatre, tmp_path, events, by="admin1")[0].area.id.startswith("admin1:")
