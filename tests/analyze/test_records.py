"""One analysed document runs through the corpus stage too, and agrees with the per-document
finder on the pair and its base score (the shared scoring)."""

from __future__ import annotations

import datetime as dt

from flashpoint.analyze import network
from flashpoint.analyze.coalitions import form_coalitions
from flashpoint.analyze.flashpoints import FlashpointFinder
from flashpoint.analyze.ranking import rank_flashpoints
from flashpoint.analyze.records import window_from_analysis
from flashpoint.model import Actor, Analysis, Document, Event, Evidence, Place, Relation, Span

TEXT = (
    "Blue Militia fighters massed in Fordtown on Monday. The Red Army moved into the town's "
    "northern quarter. A Blue Militia commander warned the Red Army to withdraw."
)


def _span(phrase: str) -> Span:
    start = TEXT.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def _analysis() -> Analysis:
    day = dt.date(2017, 9, 18)
    events = [
        Event(
            id="ev1",
            type="MOBILIZE",
            source="blue_militia",
            place="town",
            evidence=_span("Blue Militia fighters massed in Fordtown"),
        ),
        Event(
            id="ev2",
            type="MOBILIZE",
            source="red_army",
            place="north",
            evidence=_span("The Red Army moved into the town's northern quarter"),
        ),
        Event(
            id="ev3",
            type="THREATEN",
            source="blue_militia",
            target="red_army",
            modality="threatened",
            evidence=_span("warned the Red Army to withdraw"),
        ),
    ]
    return Analysis(
        document=Document(id="doc1", outlet="The Courier", published=day, text=TEXT),
        actors=[
            Actor(id="blue_militia", name="Blue Militia", kind="militia"),
            Actor(id="red_army", name="Red Army", kind="armed_forces"),
        ],
        places=[
            Place(id="town", name="Fordtown", lat=35.30, lon=40.10, feature="town"),
            Place(
                id="north",
                name="northern quarter",
                lat=35.30,
                lon=40.10,
                feature="unknown",
                anchor="town",
                relation="north of",
            ),
        ],
        events=events,
        relations=[
            Relation(
                id="r1",
                type="patron_of",
                source="bigland",
                target="blue_militia",
                evidence=[Evidence(**_span("Blue Militia fighters").model_dump(), opinion=True)],
            ),
        ],
    )


def test_records_window_from_one_document(theatre, tmp_path):
    window = window_from_analysis(_analysis())
    assert window.start == window.end == dt.date(2017, 9, 18)
    assert [e.type for e in window.events] == ["MOBILIZE", "MOBILIZE", "THREATEN"]
    assert window.outlets[1] == frozenset({"The Courier"})
    assert window.relations[0].evidence == []  # an opinion sentence is no evidence to cite
    assert window.events[0].lat == 35.30 and window.events[0].place == "Fordtown"


def test_records_corpus_ranking_agrees_with_the_document_finder(theatre, tmp_path):
    registry = theatre.registry(tmp_path)
    analysis = _analysis()
    per_document = FlashpointFinder(registry).find(
        analysis.actors, analysis.places, analysis.events, analysis.relations, 2017
    )
    window = window_from_analysis(analysis)
    ties = network.ties(window, registry)
    ranked = rank_flashpoints(window, registry, form_coalitions(ties, {}), ties)
    assert per_document and ranked
    doc_best, corpus_best = per_document[0], ranked[0]
    assert {doc_best.sides[0].actors[0], doc_best.sides[1].actors[0]} == {
        corpus_best.sides[0].actors[0],
        corpus_best.sides[1].actors[0],
    }
    assert corpus_best.base == doc_best.score  # one scoring for one document and the corpus
    assert corpus_best.opposition == "threatens"
    assert corpus_best.score <= doc_best.score
