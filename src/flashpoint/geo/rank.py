"""Ranking gazetteer candidates for a toponym with the document's context.

A candidate's score adds: a prior (feature kind and population), how well the name matched,
the document's focus countries (mentions of countries and of their places, plus caller hints),
feature cues next to the name ("province", "river", "border"), and nearness to the other places
the document names. Tripoli goes to Lebanon in an article about Lebanon because Lebanon is the
focus, though the Libyan capital is larger.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from flashpoint.geo.gazetteer import GazetteerEntry
from flashpoint.geo.names import fold
from flashpoint.geo.nearby import EARTH_RADIUS_KM as EARTH_RADIUS_KM  # re-exported
from flashpoint.geo.nearby import Nearby
from flashpoint.geo.nearby import distance_km as distance_km  # re-exported

NEAR_KM = 250.0
FEATURE_PRIOR = {
    "country": 1.35,
    "continent": 1.3,
    "region": 0.95,
    "river": 0.9,
    "sea": 0.95,
    "strait": 0.9,
    "lake": 0.85,
    "mountain": 0.85,
    "desert": 0.85,
    "valley": 0.85,
    "crossing": 0.85,
    "airbase": 0.85,
    "site": 0.8,
    "canal": 0.85,
}
# divisions' populations are sums of their towns; small villages share names with everything
FEATURE_PENALTY = {"admin1": 0.25, "admin2": 0.3, "village": 0.1}
ADMIN1_FLOOR = 0.8  # a state or province: known at least like a city of ~400k people
FAME_WEIGHT = 0.15
COUNTRYLESS_FOCUS = 0.5
CAPITAL_BONUS = 0.15
SKELETON_MIN_PRIOR = 0.7  # a transliteration-only match must be ~100k people, or a division etc.
MATCH_PENALTY = {"name": 0.0, "alt": 0.08, "skeleton": 0.3, "demonym": -0.6}
FOCUS_WEIGHT = 0.35
# a town or village of a focus country facing a namesake city abroad this many times its size
# gets none of the focus credit unless the text places it (see `focus_credit`)
FOCUS_SIZE_RATIO = 10.0
POPULATED = ("city", "town", "village")
# a town called by a former name that a town of its country bears today: discounted like a
# transliteration match (see `former_name_penalty`)
OTHER_NAME_PENALTY = 0.3
OTHER_NAME_SIMILARITY = 0.75  # "Middletown" is a spelling of Middlestown, "Kiev" is not Kyiv


def without_translated_names(
    candidates: Sequence[tuple[GazetteerEntry, str]],
) -> list[tuple[GazetteerEntry, str]]:
    """Drop towns that bear the name only as an alternate one when a site (a building, an
    institution, a base) bears it as its own. GeoNames' alternate names of towns include
    translations and former names ("White House" for Casablanca, from Dar al-Beida); a site
    of that very name ("the White House", "the Pentagon") is what news means by it. Only
    sites: a full GeoNames import brings streams and hills named like any town's old name,
    and "Bombay" must stay Mumbai."""
    if not any(m == "name" and e.feature == "site" for e, m in candidates):
        return list(candidates)
    return [(e, m) for e, m in candidates if m != "alt" or e.feature not in POPULATED]


def another_name(mention: str, entry: GazetteerEntry) -> bool:
    """Whether `mention` names a town by another name altogether, not by a form of its own:
    no word in common and unlike in spelling. GeoNames' alternate names hold former names
    ("Whitehall", one it lists for Atlanta) besides the short forms and spellings news uses
    ("New York" for New York City, "St. Petersburg", "Middletown" for Middlestown)."""
    said, own = fold(mention).split(), fold(entry.name).split()
    if set(said) & set(own):
        return False
    return SequenceMatcher(None, " ".join(said), " ".join(own)).ratio() < OTHER_NAME_SIMILARITY


def former_name_penalty(
    mention: str, entry: GazetteerEntry, match: str, holders: frozenset[str | None]
) -> float:
    """What a town loses when the text calls it by another name that a place of its own
    country bears as its own today: there, the town called so now is meant ("Whitehall"
    beside "Columbus" is Whitehall, Ohio, not Atlanta). Across borders former names and
    exonyms stay good ("Salisbury" in a story about Rhodesia, "Bombay")."""
    if match != "alt" or entry.feature not in POPULATED or entry.country not in holders:
        return 0.0
    return OTHER_NAME_PENALTY if another_name(mention, entry) else 0.0


def fame(entry: GazetteerEntry) -> float:
    """0..1: how widely a place is known, from how many names it has in the world's languages
    (Cannes has dozens, a Chilean village of the same name one or two); 100 names give 1."""
    return min(1.0, math.log10(1 + entry.alt_count) / 2.0)


def prior(entry: GazetteerEntry) -> float:
    """Importance before context: countries and curated features high, then by population.
    Recognition's bars read this; the ranking adds `standing` to it."""
    if entry.feature in FEATURE_PRIOR:
        return FEATURE_PRIOR[entry.feature]
    score = min(1.2, math.log10(entry.population + 10) / 7.0)
    return score - FEATURE_PENALTY.get(entry.feature, 0.0)


def standing(entry: GazetteerEntry, match: str) -> float:
    """What the ranking adds to `prior` among namesakes: how widely a town is known, whether
    it is a capital named by its own name (news says "Washington" for the US capital, not for
    an English town of that name), and a floor for first-level divisions ("Wyoming" is the
    state before a town called after it). Not used to decide whether a word is a place at
    all: a surname shared with a well-known town is still a surname."""
    base = prior(entry)
    if entry.feature == "admin1":
        return max(base, ADMIN1_FLOOR) - base
    if entry.feature not in ("city", "town", "village"):
        return 0.0
    capital = CAPITAL_BONUS if entry.capital and match == "name" else 0.0
    return FAME_WEIGHT * fame(entry) + capital


@dataclass
class Scored:
    entry: GazetteerEntry
    score: float
    match: str


@dataclass
class Context:
    """What the document says about where it is."""

    countries: dict[str, float]
    hints: frozenset[str]
    anchors: list[tuple[float, float]]
    admins: frozenset[tuple[str, str]] = frozenset()  # (country, admin1 name) the text names
    # the anchors that are not first-level divisions: a state's point is hundreds of km from
    # much of the state, so being near it places no town (its towns have `admins`)
    place_anchors: list[tuple[float, float]] = field(default_factory=list)
    # folded name -> the focus countries without that name's own mentions (`focus_by_name`)
    by_name: dict[str, dict[str, float]] = field(default_factory=dict)
    _near: dict[bool, tuple[list, Nearby, dict]] = field(default_factory=dict, repr=False)

    @classmethod
    def empty(cls, hints: Iterable[str] = ()) -> Context:
        return cls({}, frozenset(h.upper() for h in hints), [])

    def focus(self, mention: str) -> dict[str, float]:
        """The focus countries the candidates of `mention` see: without its own mentions."""
        return self.by_name.get(fold(mention), self.countries)

    def near_anchor_km(self, lat: float, lon: float, *, places_only: bool = False) -> float | None:
        """Distance to the nearest anchor under NEAR_KM (None if none): a grid over the
        anchors, each point asked once, so many places cost no more than a few per place.
        places_only: only the anchors that are not first-level divisions."""
        points = self.place_anchors if places_only else self.anchors
        cached = self._near.get(places_only)
        if cached is None or cached[0] is not points:
            cached = (points, Nearby(dict.fromkeys(points), NEAR_KM), {})
            self._near[places_only] = cached
        _, grid, seen = cached
        if (lat, lon) not in seen:
            seen[(lat, lon)] = grid.nearest_km(lat, lon)
        return seen[(lat, lon)]


def named_admins(best: Sequence[Scored | None]) -> frozenset[tuple[str, str]]:
    """First-level divisions the document names ("Parkland, Florida" -> Florida)."""
    return frozenset(
        (s.entry.country, s.entry.name)
        for s in best
        if s is not None and s.entry.feature == "admin1" and s.entry.country
    )


def _votes(best: Sequence[Scored | None]) -> Counter[str]:
    """Each first-pass best candidate's vote for its country (countries and divisions 1.0,
    other places 0.7)."""
    weights: Counter[str] = Counter()
    for scored in best:
        if scored is None or not scored.entry.country:
            continue
        weight = 1.0 if scored.entry.feature in ("country", "admin1") else 0.7
        weights[scored.entry.country] += weight
    return weights


def _normalised(weights: Counter[str]) -> dict[str, float]:
    positive = {country: w for country, w in weights.items() if w > 1e-9}
    if not positive:
        return {}
    top = max(positive.values())
    return {country: w / top for country, w in positive.items()}


def focus_countries(best: Sequence[Scored | None]) -> dict[str, float]:
    """Country weights 0..1 from the first-pass best candidates of every toponym."""
    return _normalised(_votes(best))


def focus_by_name(
    names: Sequence[str], best: Sequence[Scored | None]
) -> dict[str, dict[str, float]]:
    """For each folded name, the focus countries without its own mentions' votes. A name's
    likeliest reading is no evidence for itself: "Kent" said twice in a story about England
    would otherwise vote Kent, Washington's country in, and "White House" read first as
    Casablanca would make Morocco the story's country for it."""
    total = _votes(best)
    own: dict[str, list[Scored | None]] = {}
    for name, scored in zip(names, best, strict=True):
        own.setdefault(fold(name), []).append(scored)
    out = {}
    for key, mine in own.items():
        rest = Counter(total)
        rest.subtract(_votes(mine))
        out[key] = _normalised(rest)
    return out


def focus_credit(
    entry: GazetteerEntry,
    candidates: Sequence[tuple[GazetteerEntry, str]],
    focus: dict[str, float],
    local: bool,
) -> float:
    """What the document's focus countries add to `entry`.

    The focus says which country a story is about, not which of its namesakes a name means:
    on its own it must not lift a town or village over a namesake city abroad (a place of
    100,000 people or more) many times its size, or "talks in Geneva" in an American story
    lands in Illinois. Against such a city, the town's advantage in focus shrinks with the log
    of the size ratio and is gone at FOCUS_SIZE_RATIO. `local`: the text places the town
    itself (a division it names that holds the town, a containing place named right after
    it, or a confidently placed place within NEAR_KM), which restores the full credit, so
    "Paris, Texas" and a Springfield among Illinois towns keep theirs. `focus`: the country
    weights the mention's candidates see (`Context.focus`)."""
    weight = focus.get(entry.country, 0.0)
    if local or weight == 0.0 or entry.feature not in ("town", "village"):
        return FOCUS_WEIGHT * weight
    rivals = [
        (other, focus.get(other.country, 0.0))
        for other, match in candidates
        if match == "name"
        and other.feature == "city"
        and other.country
        and focus.get(other.country, 0.0) < weight
        and other.population > entry.population
    ]
    if not rivals:
        return FOCUS_WEIGHT * weight
    rival, rival_weight = max(rivals, key=lambda r: r[0].population)
    ratio = rival.population / max(entry.population, 1)
    share = max(0.0, 1.0 - math.log10(ratio) / math.log10(FOCUS_SIZE_RATIO))
    return FOCUS_WEIGHT * (rival_weight + (weight - rival_weight) * share)


def division_countries(candidates: Sequence[tuple[GazetteerEntry, str]]) -> frozenset[str]:
    """Countries with a country or first-level division that bears the name as its own
    ("Oregon": US). A town there of that name needs a place, not a division, to back it."""
    return frozenset(
        e.country
        for e, m in candidates
        if m == "name" and e.feature in ("country", "admin1") and e.country
    )


def placed_near(entry: GazetteerEntry, near: float | None, context: Context) -> bool:
    """Whether a place the text names lies within NEAR_KM of `entry`: a town or site, not a
    neighbouring state's point ("Pennsylvania" does not place a Geneva in New York)."""
    if near is None:
        return False
    return context.near_anchor_km(entry.lat, entry.lon, places_only=True) is not None


def score_candidates(
    mention: str,
    candidates: Sequence[tuple[GazetteerEntry, str]],
    cues: Sequence[str],
    context: Context,
    container: GazetteerEntry | None = None,
) -> list[Scored]:
    """Candidates best first, each with its context score.

    container: the place named right after this one ("Parkland, Florida"), if any.
    """
    folded = fold(mention)
    wanted = set(cues)
    divisions = division_countries(candidates)
    focus = context.focus(mention)
    holders = frozenset(e.country for e, m in candidates if m == "name")
    out = []
    for entry, match in candidates:
        score = prior(entry) + standing(entry, match) - MATCH_PENALTY.get(match, 0.3)
        score -= former_name_penalty(mention, entry, match, holders)
        if fold(entry.name) == folded:
            score += 0.05
        # a state or country of this very name, named outright, is what the text means unless
        # a place (not a division) backs the town: "Oregon" beside "Ohio" is the state
        needs_place = entry.country in divisions and entry.feature in ("town", "village")
        in_named_admin = bool(
            entry.admin1
            and entry.feature != "admin1"
            and not needs_place
            and (entry.country, entry.admin1) in context.admins
        )
        contained = (
            container is not None
            and entry.country == container.country
            and (container.feature == "country" or entry.admin1 == container.name)
        )
        near = None
        if context.anchors and entry.feature not in ("country", "continent"):
            near = context.near_anchor_km(entry.lat, entry.lon, places_only=needs_place)
        if entry.country:
            local = in_named_admin or contained or placed_near(entry, near, context)
            score += focus_credit(entry, candidates, focus, local)
            if entry.country in context.hints:
                score += 0.5
        elif focus:
            # a sea or continent lies in no country: half the credit a town in the story's
            # country gets, so "the tropical Atlantic" in an American story stays the ocean
            score += FOCUS_WEIGHT * COUNTRYLESS_FOCUS
        if in_named_admin:
            score += 0.12
        if contained:
            score += 0.6
        if entry.feature in wanted:
            score += 0.6
        elif "border" in wanted and entry.feature == "country":
            score += 0.4
        elif wanted & {"admin1", "river", "airbase", "crossing"} and entry.feature in (
            "city",
            "town",
            "village",
        ):
            score -= 0.2
        if near is not None:
            score += 0.3 * (1.0 - near / NEAR_KM)
        out.append(Scored(entry, score, match))
    out.sort(key=lambda s: s.score, reverse=True)
    return out


def confidence(ranked: Sequence[Scored]) -> float:
    """0..1 from the margin over the runner-up and the match quality."""
    if not ranked:
        return 0.0
    top = ranked[0]
    margin = top.score - ranked[1].score if len(ranked) > 1 else 0.6
    value = 0.55 + 0.45 * min(1.0, max(0.0, margin) / 0.6)
    if top.match == "skeleton":
        value *= 0.75
    return round(min(1.0, value), 3)
