"""The situation report: plain sentences, each with its sources, modality kept."""

from __future__ import annotations

import datetime as dt

from flashpoint.analyze import network
from flashpoint.analyze.coalitions import form_coalitions
from flashpoint.analyze.ranking import rank_flashpoints
from flashpoint.analyze.report import build_brief
from flashpoint.present.situation import to_html, to_json, to_markdown

START, END = dt.date(2017, 9, 1), dt.date(2017, 9, 30)
NAMES = {"blue_militia": "Blue Militia", "red_army": "Red Army", "bigland": "Bigland"}
NAMES |= {"otherland": "Otherland", "grey_band": "Grey Band"}


def _brief(theatre, tmp_path, events, relations=(), relation_reports=None):
    registry = theatre.registry(tmp_path)
    window = theatre.window(START, END, events, list(relations))
    ties = network.ties(window, registry, END)
    ranked = rank_flashpoints(window, registry, form_coalitions(ties, NAMES), ties)
    return build_brief(
        flashpoints=ranked,
        coalitions=[],
        relations=list(relations),
        names=NAMES,
        event_reports={e.id: e.reports for e in events},
        relation_reports=relation_reports or {},
        start=START,
        end=END,
        region="SY",
        window_days=30,
    )


def test_report_sentences_carry_their_sources(theatre, tmp_path):
    events = [
        theatre.event(
            "MOBILIZE", "blue_militia", None, "fordtown", dt.date(2017, 9, 20), ("Herald",)
        ),
        theatre.event("MOBILIZE", "red_army", None, "fordtown", dt.date(2017, 9, 21), ("Courier",)),
    ]
    backing = theatre.relation("patron_of", "bigland", "blue_militia", dt.date(2017, 9, 2), 2, 2)
    reports = {backing.id: [theatre.report(dt.date(2017, 9, 2), "Gazette", "Bigland arms them")]}
    brief = _brief(theatre, tmp_path, events, [backing], reports)
    leading, changed, backs = brief.sections
    assert len(leading.sentences) == 1
    sentence = leading.sentences[0]
    assert sentence.text.startswith("Fordtown: ")
    assert "were both reported there" in sentence.text
    assert "Bigland" in sentence.text and "Otherland" in sentence.text
    assert {s.outlet for s in sentence.sources} == {"Herald", "Courier"}
    assert backs.sentences[0].text.startswith("Reports describe Bigland backing Blue Militia")
    assert [s.outlet for s in backs.sentences[0].sources] == ["Gazette"]
    assert changed.sentences and changed.sentences[0].text.startswith("New in Fordtown")
    markdown = to_markdown(brief)
    assert "[Courier, 2017-09-21; Herald, 2017-09-20]" in markdown
    for line in markdown.splitlines():
        if line.startswith("- "):
            assert line.endswith("]"), line  # every sentence ends with its sources
    assert "<cite>[Gazette, 2017-09-02]</cite>" in to_html(brief)
    data = to_json(brief)
    assert data["region"] == "SY" and data["sections"][0]["sentences"][0]["sources"]


def test_report_a_threat_is_not_told_as_presence(theatre, tmp_path):
    events = [
        theatre.event("MOBILIZE", "blue_militia", None, "fordtown", dt.date(2017, 9, 20)),
        theatre.event(
            "MOBILIZE", "red_army", None, "fordtown", dt.date(2017, 9, 21), modality="intended"
        ),
    ]
    text = _brief(theatre, tmp_path, events).sections[0].sentences[0].text
    assert "said to be moving on the area" in text
    assert "were both reported there" not in text


def test_report_without_sources_says_nothing(theatre, tmp_path):
    events = [
        theatre.event("MOBILIZE", "blue_militia", None, "fordtown", dt.date(2017, 9, 20), ()),
        theatre.event("MOBILIZE", "red_army", None, "fordtown", dt.date(2017, 9, 21), ()),
    ]
    brief = _brief(theatre, tmp_path, events)
    assert all(not section.sentences for section in brief.sections)
    assert "Nothing in this window that the reports support." in to_markdown(brief)
