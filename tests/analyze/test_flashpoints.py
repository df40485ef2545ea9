"""Flashpoint scoring on hand-built records and a registry written by the test."""

from __future__ import annotations

from flashpoint.analyze.flashpoints import FlashpointFinder
from flashpoint.model import Actor, Event, Evidence, Place, Relation, Span
from flashpoint.resolve.registry import ActorRegistry

REGISTRY = """
- {id: bigland, name: Bigland, kind: state, country: US, rivals: [otherland]}
- {id: otherland, name: Otherland, kind: state, country: RU, rivals: [bigland]}
- {id: blue_militia, name: Blue Militia, kind: militia, country: SY,
   patrons: [{id: bigland, since: 2015}]}
- {id: red_army, name: Red Army, kind: armed_forces, country: SY,
   patrons: [{id: otherland, since: 2015}]}
- {id: grey_band, name: Grey Band, kind: armed_group, country: SY}
"""
SPAN = Span(start=0, end=4, text="text")


def registry(tmp_path) -> ActorRegistry:
    path = tmp_path / "reg.yaml"
    path.write_text(REGISTRY, encoding="utf-8")
    return ActorRegistry.load([path], include_default=False)


def actor(id_: str, kind: str) -> Actor:
    return Actor(id=id_, name=id_.replace("_", " ").title(), kind=kind)


def place(id_: str, lat: float, lon: float, anchor: str | None = None) -> Place:
    return Place(id=id_, name=id_, lat=lat, lon=lon, feature="city", anchor=anchor)


def event(id_, type_, source, target=None, place_id=None, modality="asserted") -> Event:
    return Event(
        id=id_,
        type=type_,
        source=source,
        target=target,
        place=place_id,
        modality=modality,
        evidence=SPAN,
    )


def find(tmp_path, events, relations=(), places=None):
    actors = [
        actor("blue_militia", "militia"),
        actor("red_army", "armed_forces"),
        actor("grey_band", "armed_group"),
    ]
    places = places or [
        place("town", 35.3, 40.1),
        place("north_of_town", 35.3, 40.1, "town"),
        place("far_city", 33.5, 36.3),
    ]
    return FlashpointFinder(registry(tmp_path)).find(actors, places, events, list(relations), 2017)


def test_flashpoints_rival_patrons_at_same_area_with_threat(tmp_path):
    events = [
        event("ev1", "ASSAULT", "blue_militia", "grey_band", "north_of_town"),
        event("ev2", "MOBILIZE", "red_army", None, "town"),
        event("ev3", "THREATEN", "blue_militia", "red_army", None, "conditional"),
    ]
    found = find(tmp_path, events)
    assert found, "expected a flashpoint"
    best = found[0]
    assert best.place == "town"
    assert [s.actor for s in best.path] == ["bigland", "blue_militia", "red_army", "otherland"]
    assert best.path[1].relation == "threatens"
    assert {"ev1", "ev2", "ev3"} <= set(best.evidence)
    assert best.score > 0.8


def test_flashpoints_none_when_far_apart(tmp_path):
    events = [
        event("ev1", "MOBILIZE", "blue_militia", None, "town"),
        event("ev2", "MOBILIZE", "red_army", None, "far_city"),
        event("ev3", "THREATEN", "blue_militia", "red_army", None, "conditional"),
    ]
    assert find(tmp_path, events) == []


def test_flashpoints_none_between_allies(tmp_path):
    evidence = [Evidence(start=0, end=4, text="text")]
    allied = [
        Relation(
            id="rel1", type="ally_of", source="blue_militia", target="red_army", evidence=evidence
        )
    ]
    events = [
        event("ev1", "MOBILIZE", "blue_militia", None, "town"),
        event("ev2", "MOBILIZE", "red_army", None, "town"),
    ]
    assert find(tmp_path, events, allied) == []


def test_flashpoints_negated_presence_does_not_count(tmp_path):
    events = [
        event("ev1", "MOBILIZE", "blue_militia", None, "town", "negated"),
        event("ev2", "MOBILIZE", "red_army", None, "town"),
        event("ev3", "THREATEN", "blue_militia", "red_army", None, "conditional"),
    ]
    assert find(tmp_path, events) == []


def test_flashpoints_unpatroned_enemies_score_lower(tmp_path):
    events = [
        event("ev1", "ASSAULT", "grey_band", "red_army", "town"),
        event("ev2", "MOBILIZE", "blue_militia", None, "town"),
        event("ev3", "THREATEN", "blue_militia", "red_army", None, "conditional"),
    ]
    found = find(tmp_path, events)
    by_pair = {frozenset(f.sides[0].actors + f.sides[1].actors): f.score for f in found}
    proxy = next(s for k, s in by_pair.items() if {"blue_militia", "red_army"} <= k)
    assert all(s <= proxy for s in by_pair.values())
