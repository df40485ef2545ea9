"""The flashpoint score, in one place for one document and for a window of the corpus.

A flashpoint is a pair of opposed forces reported in one area. Its *base* score is what one
document can say: how strongly the two are opposed times how far a clash could reach
(`pair_score`). Across a corpus, the same base is scaled by how well the window supports it
(`corpus_score`): how close the two sides were in space and time, how many independent outlets
report them there, how much they fought there, and how recent the reports are. The corpus score
never exceeds the base and keeps at least half of it, so the per-document finder and the corpus
ranking agree on which pairs matter. docs/analysis.md explains how to read the numbers.
"""

from __future__ import annotations

import math

# Why two actors are opposed, strongest first.
OPPOSITION = {
    "enemy_of": 1.0,  # a reported enemy_of relation
    "threatens": 0.9,  # a threat between them (any modality)
    "may clash with": 0.75,  # an assault or coercion between them
    "rival patrons": 0.6,  # nothing between them, but their patrons are enemies or rivals
    "registered enemies": 0.5,  # the registry alone says they have fought
}
# How far a local clash could reach.
ESCALATION = {
    "opposed patrons": 1.0,  # both sides backed, and the backers are enemies or rivals
    "patron against the state": 0.85,  # one side's backer is hostile to the other's own state
    "both backed": 0.7,
    "one backed": 0.5,
    "none": 0.4,
}
HOSTILE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN"})
MIN_SCORE = 0.25

# Support weights (sum to 1) and scales of the corpus score.
SUPPORT_WEIGHTS = {"proximity": 0.3, "sources": 0.25, "hostility": 0.25, "recency": 0.2}
SUPPORT_FLOOR = 0.5  # a pair with the weakest support keeps half its base score
OUTLET_SCALE = 4.0  # sources = 1 - exp(-outlets / scale): 1 -> 0.22, 4 -> 0.63, 9 -> 0.89
HOSTILE_SCALE = 3.0  # hostility = 1 - exp(-events / scale): 1 -> 0.28, 3 -> 0.63, 6 -> 0.86


def pair_score(opposition: float, escalation: float) -> float:
    """The base score of a pair: opposition x escalation, in [0, 1], two decimals."""
    return round(min(1.0, max(0.0, opposition * escalation)), 2)


def spatial_proximity(distance_km: float | None, radius_km: float) -> float:
    """1 at the same place, 0.5 at half the radius, 0 at the radius (unknown distance: 0.5)."""
    if distance_km is None:
        return 0.5
    return max(0.0, 1.0 - distance_km / radius_km)


def temporal_proximity(gap_days: int, window_days: int) -> float:
    """1 on the same day, falling linearly to 0 at the window's length."""
    return max(0.0, 1.0 - gap_days / max(1, window_days))


def sources(n_outlets: int) -> float:
    """Independent outlets reporting both sides there: more outlets, more trust, saturating."""
    return 1.0 - math.exp(-max(0, n_outlets) / OUTLET_SCALE)


def hostility(n_events: int) -> float:
    """Assaults, coercion and threats between the two sides in the area, saturating."""
    return 1.0 - math.exp(-max(0, n_events) / HOSTILE_SCALE)


def recency(age_days: int, window_days: int) -> float:
    """Half-life of one window: a report at the window's end is 1, one window earlier 0.5."""
    return 0.5 ** (max(0, age_days) / max(1, window_days))


def support(parts: dict[str, float]) -> float:
    """The weighted mean of the support components (`SUPPORT_WEIGHTS`), in [0, 1]."""
    return sum(weight * parts[name] for name, weight in SUPPORT_WEIGHTS.items())


def corpus_score(base: float, supported: float) -> float:
    """A pair's score over a window: its base scaled from half (no support) to full (the
    support of one document that says it all) by the window's support."""
    return round(base * (SUPPORT_FLOOR + (1.0 - SUPPORT_FLOOR) * supported), 3)


def trend(current: float, previous: float | None) -> str:
    """rising, steady or falling against the previous window (absent before: rising)."""
    if previous is None or previous <= 0:
        return "rising"
    if current >= previous * 1.15:
        return "rising"
    if current <= previous * 0.85:
        return "falling"
    return "steady"
