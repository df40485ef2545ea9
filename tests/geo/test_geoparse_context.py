"""The geoparser on a blank spaCy pipeline and the sample gazetteer written by the tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import spacy

from flashpoint.geo.parser import Geoparser

_spec = importlib.util.spec_from_file_location(
    "gazetteer_sample", Path(__file__).with_name("test_gazetteer_import.py")
)
sample = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(sample)


@pytest.fixture(scope="module")
def geoparser(tmp_path_factory):
    gaz = sample.sample_gazetteer(tmp_path_factory.mktemp("geo"))
    yield Geoparser(nlp=spacy.blank("en"), gazetteer=gaz)
    gaz.close()


def _by_text(places):
    return {m.text: p for p in places for m in p.mentions}


def test_geoparse_tripoli_follows_the_documents_country(geoparser):
    lebanon = geoparser.geoparse(
        "Gunmen clashed in Tripoli on Sunday. Beirut and Lebanon braced for more."
    )
    libya = geoparser.geoparse(
        "Gunmen clashed in Tripoli on Sunday. Misrata and Libya braced for more."
    )
    assert _by_text(lebanon)["Tripoli"].country == "LB"
    assert _by_text(libya)["Tripoli"].country == "LY"


def test_geoparse_country_hint_decides_when_the_text_does_not(geoparser):
    text = "Gunmen clashed in Tripoli on Sunday."
    assert (
        _by_text(geoparser.geoparse_doc(geoparser.nlp(text), country_hint=["LB"]))[
            "Tripoli"
        ].country
        == "LB"
    )
    assert (
        _by_text(geoparser.geoparse_doc(geoparser.nlp(text), country_hint=["LY"]))[
            "Tripoli"
        ].country
        == "LY"
    )


def test_geoparse_one_place_per_location_with_every_mention(geoparser):
    text = "Fighters entered Raqqa. Later, Ar-Raqqah was quiet and Raqqah's market opened."
    places = [p for p in geoparser.geoparse(text) if p.anchor is None]
    raqqa = [p for p in places if p.geonameid == 172955]
    assert len(raqqa) == 1
    assert [m.text for m in raqqa[0].mentions] == ["Raqqa", "Ar-Raqqah", "Raqqah"]
    for mention in raqqa[0].mentions:
        assert text[mention.start : mention.end] == mention.text
    assert raqqa[0].id == "geonames:172955" and raqqa[0].resolved


def test_geoparse_transliterations_resolve_to_one_place(geoparser):
    for spelling in ("Deir ez-Zor", "Deir el-Zour", "Dayr az Zawr", "Deir Ezzor"):
        places = geoparser.geoparse(f"Shelling hit {spelling} overnight.")
        assert [p.geonameid for p in places] == [170794], spelling


def test_geoparse_relative_location_keeps_its_anchor(geoparser):
    places = geoparser.geoparse("The convoy was ambushed 40 km north of Raqqa on Monday.")
    anchor = next(p for p in places if p.anchor is None)
    relative = next(p for p in places if p.anchor is not None)
    assert anchor.geonameid == 172955
    assert relative.anchor == anchor.id and relative.relation == "40 km north of"
    assert relative.mentions[0].text == "40 km north of Raqqa"


def test_geoparse_river_bank_is_relative_to_the_river(geoparser):
    places = geoparser.geoparse("Troops held the eastern bank of the Euphrates.")
    relative = next(p for p in places if p.anchor is not None)
    assert relative.relation == "eastern bank of" and relative.feature == "river"


def test_geoparse_excluded_actor_spans_are_not_places(geoparser):
    text = "The Deir ez-Zor Military Council said Raqqa was calm."
    start = text.index("Deir")
    places = geoparser.geoparse_doc(geoparser.nlp(text), exclude=[(start, start + 30)])
    assert [p.geonameid for p in places] == [172955]


def test_geoparse_name_inside_a_longer_proper_name_is_not_a_place(geoparser):
    places = geoparser.geoparse("A spokesman for Deir ez-Zor Military Council spoke.")
    assert places == []


def test_geoparse_demonym_border_names_the_country(geoparser):
    places = geoparser.geoparse("Trucks crossed near the Iraqi border at night.")
    assert [(p.country, p.feature, p.mentions[0].text) for p in places] == [
        ("IQ", "country", "Iraqi")
    ]


def test_geoparse_given_spans_keeps_unresolved_toponyms(geoparser):
    text = "Shelling hit Qwertyville and Raqqa."
    start = text.index("Qwertyville")
    doc = geoparser.nlp(text)
    spans = [(start, start + len("Qwertyville")), (text.index("Raqqa"), len(text) - 1)]
    resolutions = geoparser.resolve_spans(doc, spans)
    assert len(resolutions) == 2
    assert resolutions[1].ranked[0].entry.geonameid == 172955
    unknown = resolutions[0]
    assert unknown.approximate and unknown.confidence < 0.5  # placed at the document's home


def test_geoparse_unresolved_is_reported_not_dropped(geoparser):
    from flashpoint.geo.parser import Resolution, places_from
    from flashpoint.geo.recognise import Toponym

    text = "Shelling hit Qwertyville."
    toponym = Toponym(13, 24, "Qwertyville", "ner")
    places = places_from([Resolution(toponym)], text)
    assert len(places) == 1 and not places[0].resolved and places[0].lat is None
    assert places[0].mentions[0].text == "Qwertyville"


def test_geoparse_home_place_counts_places_inside_longer_names(geoparser):
    text = "The Beirut Port Authority said Qwertyville Street was closed."
    spans = [(4, 25), (text.index("Qwertyville"), text.index(" was"))]
    inside, unknown = geoparser.resolve_spans(geoparser.nlp(text), spans)
    assert inside.partial and inside.ranked[0].entry.geonameid == 276781
    assert unknown.fallback and unknown.ranked[0].entry.geonameid == 276781


def test_geoparse_title_is_not_a_town_known_by_another_name(geoparser):
    # "Tarabulus" is an alternate name of Tripoli, Libya: a place in running text,
    # a title after "The"
    assert [p.geonameid for p in geoparser.geoparse("Fighters entered Tarabulus on Monday.")] == [
        2210247
    ]
    assert geoparser.geoparse("Officials said so. The Tarabulus also reported it.") == []
