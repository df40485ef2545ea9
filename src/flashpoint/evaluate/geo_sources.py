"""Where the given-spans resolution error comes from: our points or our choices.

The gazetteer ships its own points for divisions (the middle of their towns) and for curated
natural features, not GeoNames' (those are on no package registry). Before working around that,
this measures how much of the error it explains: each error over 161 km is classed by the gold
place's kind (from the entry with the gold GeoNames id, when the gazetteer holds it) and by
whether our chosen entry is the right place at a distant point (the gold GeoNames id, or the
same name in the same country for a division or feature, whose point is ours) or a wrong place.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from flashpoint.geo.gazetteer import Gazetteer, GazetteerEntry
from flashpoint.geo.names import name_key
from flashpoint.geo.rank import distance_km

ACCURACY_KM = 161.0
DIVISIONS = frozenset({"admin1", "admin2", "admin3"})
POPULATED = frozenset({"city", "town", "village"})
# entries whose point is ours, not GeoNames': divisions and curated features
OUR_POINTS = DIVISIONS | frozenset(
    {
        "river",
        "sea",
        "strait",
        "lake",
        "mountain",
        "desert",
        "valley",
        "region",
        "canal",
        "island",
        "continent",
    }
)


def kind_class(feature: str | None) -> str:
    """Coarse class of a gazetteer feature kind: country, division, populated, natural, other."""
    if feature is None:
        return "GeoNames id not in gazetteer"
    if feature == "country":
        return "country"
    if feature in DIVISIONS:
        return "division"
    if feature in POPULATED:
        return "populated place"
    if feature in OUR_POINTS:
        return "natural feature or region"
    return "other"


def classify(
    text: str,
    gold_id: int | None,
    gold_point: tuple[float, float],
    best: GazetteerEntry | None,
    gazetteer: Gazetteer,
) -> tuple[str, str]:
    """(gold class, outcome) of one given-spans error over 161 km.

    outcome: "right place, distant point" (our entry is the gold place, or a division or
    feature of the gold name in the gold country, and only its point is off), "wrong place",
    or "no candidate".
    """
    held = gazetteer.get(gold_id) if gold_id is not None else None
    gold_class = kind_class(held.feature if held else None)
    if held is None and gold_id is None:
        gold_class = "no GeoNames id"
    if best is None:
        return gold_class, "no candidate"
    if gold_id is not None and best.geonameid == gold_id:
        return gold_class, "right place, distant point"
    gold_country = held.country if held else _country_near(gazetteer, *gold_point)
    same_name = name_key(best.name) == name_key(text) or name_key(text) in {
        name_key(a) for a in best.alt_names
    }
    if best.feature in OUR_POINTS and same_name and best.country == gold_country:
        return gold_class, "right place, distant point"
    return gold_class, "wrong place"


def _country_near(gazetteer: Gazetteer, lat: float, lon: float) -> str | None:
    nearest = gazetteer.nearest(lat, lon)
    return nearest.country if nearest else None


def point_offsets(
    gold_id: int | None, gold_point: tuple[float, float], gazetteer: Gazetteer
) -> tuple[str, bool] | None:
    """For a gold toponym whose GeoNames id the gazetteer holds: its class and whether our
    point for that very entry lies over 161 km from GeoNames' (no ranking can fix those)."""
    held = gazetteer.get(gold_id) if gold_id is not None else None
    if held is None:
        return None
    far = distance_km(held.lat, held.lon, *gold_point) > ACCURACY_KM
    return kind_class(held.feature), far


def sources_summary(
    errors: Counter[tuple[str, str]], offsets: Counter[tuple[str, bool]], total: int
) -> dict[str, Any]:
    """The breakdown as JSON: error counts by class and outcome, and each one's share of all
    gold toponyms scored (the accuracy it would add if fixed)."""
    by_outcome: Counter[str] = Counter()
    for (_, outcome), n in errors.items():
        by_outcome[outcome] += n
    return {
        "errors": sum(errors.values()),
        "by_outcome": {k: {"n": n, "share": round(n / total, 4)} for k, n in by_outcome.items()},
        "by_class_and_outcome": [
            {"gold_class": c, "outcome": o, "n": n, "share": round(n / total, 4)}
            for (c, o), n in sorted(errors.items(), key=lambda item: -item[1])
        ],
        "held_points_over_161km": [
            {"gold_class": c, "n": n} for (c, far), n in sorted(offsets.items()) if far
        ],
        "held_total": {
            c: sum(n for (k, _), n in offsets.items() if k == c)
            for c in sorted({c for c, _ in offsets})
        },
    }
