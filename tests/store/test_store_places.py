"""A relative place ('the outskirts of Damascus') is stored apart from its anchor and never
renames it, whichever of the two a document mentions first."""

from __future__ import annotations

import datetime as dt

from flashpoint.store.queries import places

TEXT = (
    "Government forces shelled the outskirts of Damascus on Monday, residents said. "
    "Rebels later fired mortars at a market in Damascus, killing two people, and army units "
    "moved 20 km north of Homs overnight."
)


def test_store_places_relative_place_keeps_its_anchor_name(db, analyzer):
    analysis = analyzer.analyze_text(TEXT, published=dt.date(2019, 3, 5), outlet="Test Wire")
    relative = [p for p in analysis.places if p.anchor]
    assert {p.relation for p in relative} >= {"outskirts of", "20 km north of"}
    assert all(p.geonameid is None for p in relative)  # the anchor carries the GeoNames id
    db.store(analysis, source="damascus.txt")
    rows = places(db)
    by_geonameid = {r.geonameid: r.name for r in rows if r.geonameid is not None}
    anchors = {p.geonameid: p.name for p in analysis.places if p.geonameid and not p.anchor}
    assert anchors and all(by_geonameid[g] == name for g, name in anchors.items())
    names = {r.name for r in rows}
    assert "Damascus" in names and "outskirts of Damascus" in names
