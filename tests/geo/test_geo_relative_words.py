"""Relative locations moved by distance and bearing, and the geoparser's extendable word lists."""

from __future__ import annotations

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.geo.rank import distance_km
from flashpoint.geo.relative import offset_point, relative_phrase
from flashpoint.geo.words import load_place_words


def test_relative_phrase_finds_distance_and_direction():
    text = "Fighting broke out 40 km north of Raqqa."
    assert relative_phrase(text, text.index("Raqqa")) == ("40 km north of", 19)
    text = "Troops held the eastern bank of the Euphrates."
    assert relative_phrase(text, text.index("Euphrates"))[0] == "eastern bank of"


@pytest.mark.parametrize(
    ("relation", "km", "bearing_check"),
    [
        ("40 km north of", 40.0, lambda lat, lon: lat > 36.0 and abs(lon - 39.0) < 1e-6),
        ("25 miles south-east of", 25 * 1.609344, lambda lat, lon: lat < 36.0 and lon > 39.0),
        ("1,000 kilometres west of", 1000.0, lambda lat, lon: lon < 39.0),
    ],
)
def test_offset_point_moves_by_distance_and_bearing(relation, km, bearing_check):
    lat, lon = offset_point(36.0, 39.0, relation)
    assert distance_km(36.0, 39.0, lat, lon) == pytest.approx(km, rel=0.01)
    assert bearing_check(lat, lon)


def test_offset_point_needs_a_distance():
    assert offset_point(36.0, 39.0, "north of") is None
    assert offset_point(36.0, 39.0, "outskirts of") is None
    assert offset_point(36.0, 39.0, "eastern bank of") is None


def test_geoparse_places_a_distance_away_from_its_anchor():
    from flashpoint.geo.parser import Geoparser

    places = Geoparser().geoparse("Clashes broke out 40 km north of Raqqa on Monday.")
    anchor = next(p for p in places if p.anchor is None and p.country == "SY")
    moved = next(p for p in places if p.relation == "40 km north of")
    assert moved.anchor == anchor.id
    assert distance_km(anchor.lat, anchor.lon, moved.lat, moved.lon) == pytest.approx(40, rel=0.02)
    assert moved.lat > anchor.lat


def test_place_words_are_extended_from_lexicon_files(tmp_path, monkeypatch):
    extra = tmp_path / "mine.yaml"
    extra.write_text("toponyms:\n  titles: [Brigadier]\n", encoding="utf-8")
    monkeypatch.setenv("FLASHPOINT_LEXICONS", str(extra))
    words = load_place_words()
    assert "brigadier" in words.titles and "president" in words.titles


def test_place_words_reject_an_unknown_list(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("toponyms:\n  nicknames: [Big Apple]\n", encoding="utf-8")
    with pytest.raises(FlashpointError, match="unknown list 'nicknames'"):
        load_place_words((bad,))
