"""An invented theatre for the corpus analysis tests, written for them (no real reporting).

Two rival powers, Bigland and Otherland, each back a local force (the Blue Militia and the Red
Army); a Grey Band fights everyone; a Gold Brigade existed only until 2015. Fordtown and its
northern village are 6 km apart; Far City is 400 km away.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from flashpoint.analyze.records import Window
from flashpoint.resolve.registry import ActorRegistry
from flashpoint.store.rows import ActorRow, EventRow, PlaceRow, RelationRow, Report

REGISTRY = """
- {id: bigland, name: Bigland, kind: state, country: US, rivals: [otherland]}
- {id: otherland, name: Otherland, kind: state, country: RU, rivals: [bigland]}
- id: blue_militia
  name: Blue Militia
  kind: militia
  country: SY
  patrons: [{id: bigland, since: 2014}]
  enemies: [red_army, grey_band]
- id: red_army
  name: Red Army
  kind: armed_forces
  country: SY
  patrons: [{id: otherland, since: 2015}]
  enemies: [blue_militia, grey_band]
- {id: grey_band, name: Grey Band, kind: armed_group, country: SY,
   enemies: [blue_militia, red_army]}
- {id: gold_brigade, name: Gold Brigade, kind: armed_group, country: SY,
   patrons: [{id: bigland, since: 2012, until: 2015}], active: {from: 2012, until: 2015}}
- {id: herald, name: The Herald, kind: media, country: GB}
"""

PLACES = {
    "fordtown": ("Fordtown", 35.30, 40.10, "town"),
    "north_fordtown": ("North Fordtown", 35.355, 40.11, "village"),
    "far_city": ("Far City", 33.50, 36.30, "city"),
    "country": ("Syria", 35.0, 38.0, "country"),
}
NAMES = {
    "bigland": ("Bigland", "state"),
    "otherland": ("Otherland", "state"),
    "blue_militia": ("Blue Militia", "militia"),
    "red_army": ("Red Army", "armed_forces"),
    "grey_band": ("Grey Band", "armed_group"),
    "gold_brigade": ("Gold Brigade", "armed_group"),
    "herald": ("The Herald", "media"),
    "name:volunteers": ("volunteers", "militia"),
}


class Theatre:
    """Builds windows of store rows for the tests."""

    def __init__(self) -> None:
        self.ids = itertools.count(1)

    def registry(self, tmp_path) -> ActorRegistry:
        path = tmp_path / "theatre.yaml"
        path.write_text(REGISTRY, encoding="utf-8")
        return ActorRegistry.load([path], include_default=False)

    @staticmethod
    def place(key: str) -> PlaceRow:
        name, lat, lon, feature = PLACES[key]
        return PlaceRow(key, name, lat, lon, "SY", None, feature, "Ford", 0, 0, 0)

    @staticmethod
    def actor(key: str) -> ActorRow:
        name, kind = NAMES[key]
        return ActorRow(key, name, kind, None, not key.startswith("name:"), None, None, None)

    @staticmethod
    def report(day: dt.date, outlet: str, text: str) -> Report:
        return Report(f"doc-{outlet}-{day}", outlet, None, None, day, 0, len(text), text, "author")

    def event(
        self,
        type_: str,
        source: str | None,
        target: str | None,
        place: str | None,
        day: dt.date,
        outlets: tuple[str, ...] = ("Herald",),
        modality: str = "asserted",
    ) -> EventRow:
        p = self.place(place) if place else None
        return EventRow(
            id=next(self.ids),
            type=type_,
            mode=None,
            modality=modality,
            source_id=source,
            source=NAMES.get(source, (source,))[0] if source else None,
            target_id=target,
            target=NAMES.get(target, (target,))[0] if target else None,
            place_id=place,
            place=p.name if p else None,
            lat=p.lat if p else None,
            lon=p.lon if p else None,
            country="SY",
            admin1="Ford",
            date_start=day,
            date_end=day,
            precision="day",
            acled_event_type=None,
            acled_sub_event_type=None,
            cameo=None,
            n_sources=len(outlets),
            n_outlets=len(outlets),
            first_reported=day,
            last_reported=day,
            reports=[self.report(day, o, f"{source} {type_} {target} at {place}") for o in outlets],
        )

    def relation(
        self,
        type_: str,
        source: str,
        target: str,
        day: dt.date,
        outlets: int = 1,
        evidence: int = 1,
    ) -> RelationRow:
        return RelationRow(
            id=next(self.ids),
            type=type_,
            source_id=source,
            source=NAMES[source][0],
            target_id=target,
            target=NAMES[target][0],
            n_evidence=evidence,
            n_documents=evidence,
            n_outlets=outlets,
            first_seen=day,
            last_seen=day,
        )

    def window(
        self,
        start: dt.date,
        end: dt.date,
        events: list[EventRow],
        relations: list[RelationRow] = (),  # type: ignore[assignment]
    ) -> Window:
        ids = {x for e in events for x in (e.source_id, e.target_id) if x}
        ids |= {x for r in relations for x in (r.source_id, r.target_id)}
        return Window(
            start=start,
            end=end,
            events=list(events),
            relations=list(relations),
            places={e.place_id: self.place(e.place_id) for e in events if e.place_id},
            actors={i: self.actor(i) for i in ids},
            outlets={e.id: frozenset(r.outlet for r in e.reports) for e in events},
        )


@pytest.fixture
def theatre() -> Theatre:
    return Theatre()
