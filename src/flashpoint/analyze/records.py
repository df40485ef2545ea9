"""What the corpus analysis reads: a window of merged records, from the store or one document.

The store's window queries (store/window.py) fill a `Window` from a date range and a region;
`window_from_analysis` fills one from a single analysed document. Everything downstream
(network, coalitions, paths, ranking) is a plain function of a `Window`, so one stage serves one
article and a whole corpus alike. The rows are the store's own typed rows (store/rows.py: plain
dataclasses, no database code).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flashpoint.model import Analysis
from flashpoint.store.rows import ActorRow, EventRow, PlaceRow, RelationRow, Report


@dataclass
class Window:
    """Merged events, relations, places and actors over [start, end].

    `outlets` maps an event id to the outlets that report it (independent sources);
    `previous` is the window of the same length just before, for trends (None when unused).
    """

    start: dt.date | None
    end: dt.date | None
    events: list[EventRow] = field(default_factory=list)
    relations: list[RelationRow] = field(default_factory=list)
    places: dict[str, PlaceRow] = field(default_factory=dict)
    actors: dict[str, ActorRow] = field(default_factory=dict)
    outlets: dict[int, frozenset[str]] = field(default_factory=dict)

    @property
    def days(self) -> int:
        """The window's length in days (at least 1)."""
        if self.start is None or self.end is None:
            return 1
        return max(1, (self.end - self.start).days + 1)

    def name(self, actor_id: str) -> str:
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id


def event_day(event: EventRow) -> dt.date | None:
    """When an event happened, or failing that when it was first reported."""
    return event.date_start or event.first_reported


def window_from_analysis(analysis: Analysis) -> Window:
    """One analysed document as a window: its events, relations, places and actors as rows,
    dated by the event dates or the publication date, with the document's outlet as source."""
    document = analysis.document
    published = document.published
    outlet = document.outlet or document.id
    places = {
        p.id: PlaceRow(
            id=p.id,
            name=p.name,
            lat=p.lat if p.resolved else None,
            lon=p.lon if p.resolved else None,
            country=p.country,
            geonameid=p.geonameid,
            feature=p.feature,
            admin1=p.admin1,
            n_mentions=len(p.mentions),
            n_documents=1,
            n_events=sum(e.place == p.id for e in analysis.events),
        )
        for p in analysis.places
    }
    actors = {
        a.id: ActorRow(
            id=a.id,
            name=a.name,
            kind=a.kind,
            country=a.country,
            known=a.known,
            parent=a.parent,
            first_seen=published,
            last_seen=published,
            n_mentions=len(a.mentions),
            n_documents=1,
        )
        for a in analysis.actors
    }

    def report(start: int, end: int, text: str, kind: str, speaker: str | None) -> Report:
        return Report(
            document_id=document.id,
            outlet=document.outlet,
            title=document.title,
            url=document.url,
            published=published,
            start=start,
            end=end,
            text=text,
            attribution=kind,
            speaker=speaker,
        )

    events: list[EventRow] = []
    outlets: dict[int, frozenset[str]] = {}
    for number, e in enumerate(analysis.events, start=1):
        place = places.get(e.place or "")
        events.append(
            EventRow(
                id=number,
                type=e.type,
                mode=e.mode,
                modality=e.modality,
                source_id=e.source,
                source=actors[e.source].name if e.source in actors else e.source,
                target_id=e.target,
                target=actors[e.target].name if e.target in actors else e.target,
                place_id=e.place,
                place=place.name if place else None,
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                country=place.country if place else None,
                admin1=place.admin1 if place else None,
                date_start=e.date.start,
                date_end=e.date.end,
                precision=e.date.precision,
                acled_event_type=e.acled.event_type if e.acled else None,
                acled_sub_event_type=e.acled.sub_event_type if e.acled else None,
                cameo=e.cameo,
                n_sources=1,
                n_outlets=1,
                first_reported=published,
                last_reported=published,
                fatalities=e.fatalities,
                injured=e.injured,
                reports=[]
                if e.opinion
                else [
                    report(
                        e.evidence.start,
                        e.evidence.end,
                        e.evidence.text,
                        e.attribution.kind,
                        e.attribution.speaker,
                    )
                ],
            )
        )
        outlets[number] = frozenset({outlet})
    relations = [
        RelationRow(
            id=number,
            type=r.type,
            source_id=r.source,
            source=actors[r.source].name if r.source in actors else r.source,
            target_id=r.target,
            target=actors[r.target].name if r.target in actors else r.target,
            n_evidence=len(r.evidence),
            n_documents=1,
            n_outlets=1,
            first_seen=published,
            last_seen=published,
            evidence=[
                report(x.start, x.end, x.text, x.attribution.kind, x.attribution.speaker)
                for x in r.evidence
                if not x.opinion
            ],
        )
        for number, r in enumerate(analysis.relations, start=1)
    ]
    days = [d for d in (event_day(e) for e in events) if d] + ([published] if published else [])
    return Window(
        start=min(days) if days else None,
        end=max(days) if days else None,
        events=events,
        relations=relations,
        places=places,
        actors=actors,
        outlets=outlets,
    )
