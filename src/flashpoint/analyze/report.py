"""A situation report in plain sentences, each followed by the reports it rests on.

Rules the sentences keep:
- every sentence names its sources (outlet and publication date); a sentence without a
  source is not written;
- nothing is stated as fact: the brief says what reports *describe* ("X and Y were reported
  within 12 km of each other"), and cites no sentence the extractor marked as the author's
  opinion (the store's evidence queries leave those out);
- what was threatened, intended or conditional is said to be so, never that it happened: a
  side seen only through such reports is "said to be moving on" or "threatening" the area.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from flashpoint.analyze.coalitions import Coalition
from flashpoint.analyze.ranking import RankedFlashpoint, SideView
from flashpoint.store.rows import RelationRow, Report

MAX_FLASHPOINTS = 5
MAX_BACKING = 8
MAX_SOURCES = 3
PRESENCE_WORDS = {
    "asserted": "reported there",
    "intended": "said to be moving on the area",
    "threatened": "threatening the area",
}


@dataclass(frozen=True)
class Source:
    outlet: str | None
    published: dt.date | None
    document: str
    speaker: str | None = None

    def label(self) -> str:
        when = self.published.isoformat() if self.published else "undated"
        return f"{self.outlet or self.document}, {when}"


@dataclass
class Sentence:
    text: str
    sources: list[Source]


@dataclass
class Section:
    title: str
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Brief:
    title: str
    start: dt.date | None
    end: dt.date | None
    region: str | None
    sections: list[Section]


def sources_of(reports: list[Report], limit: int = MAX_SOURCES) -> list[Source]:
    """Distinct (outlet, date) sources, newest first, at most `limit`."""
    found: list[Source] = []
    seen: set[tuple[str | None, dt.date | None]] = set()
    for r in reports:
        key = (r.outlet or r.document_id, r.published)
        if key in seen:
            continue
        seen.add(key)
        speaker = r.speaker if r.attribution in ("speaker", "unnamed") else None
        found.append(Source(r.outlet, r.published, r.document_id, speaker))
        if len(found) >= limit:
            break
    return found


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _names(ids: list[str], names: dict[str, str], limit: int = 3) -> str:
    shown = [names.get(i, i) for i in ids[:limit]]
    if len(ids) > limit:
        shown.append(f"{len(ids) - limit} more")
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def _side(side: SideView, names: dict[str, str]) -> str:
    text = _names(side.actors, names)
    if side.patrons:
        text += f" (backed by {_names(side.patrons, names, 2)})"
    return text


def _presence(side: SideView) -> str:
    if "asserted" in side.modalities:
        return PRESENCE_WORDS["asserted"]
    for modality in ("threatened", "intended"):
        if modality in side.modalities:
            return PRESENCE_WORDS[modality]
    return "mentioned there"


def flashpoint_sentence(
    fp: RankedFlashpoint, names: dict[str, str], reports: list[Report], window_days: int
) -> Sentence | None:
    """One leading flashpoint as a sentence, or None when no report can be cited."""
    sources = sources_of(reports)
    if not sources:
        return None
    left, right = fp.sides
    if _presence(left) == _presence(right) == PRESENCE_WORDS["asserted"]:
        where = f"{_side(left, names)} and {_side(right, names)} were both reported there"
    else:
        where = (
            f"{_side(left, names)} was {_presence(left)}, and "
            f"{_side(right, names)} was {_presence(right)}"
        )
    close = ""
    if fp.distance_km is not None:
        where_close = (
            "at the same place" if fp.distance_km < 1 else f"within {fp.distance_km:.0f} km"
        )
        when_close = (
            "on the same day" if fp.gap_days == 0 else f"within {_plural(fp.gap_days, 'day')}"
        )
        close = f", {where_close} and {when_close}"
    span = f"between {fp.first_seen.isoformat()} and {fp.last_seen.isoformat()}"
    if fp.first_seen == fp.last_seen:
        span = f"on {fp.first_seen.isoformat()}"
    hostile = (
        "; reports describe fighting or threats between them there" if fp.hostile_in_area else ""
    )
    trend = {"rising": "rising", "steady": "steady", "falling": "falling"}[fp.trend]
    text = (
        f"{fp.area.name}: {where}{close}, {span}{hostile}. Score {fp.score:.2f}, {trend} "
        f"against the previous {window_days} days."
    )
    return Sentence(text, sources)


def change_sentences(
    flashpoints: list[RankedFlashpoint],
    coalitions: list[Coalition],
    names: dict[str, str],
    reports: dict[int, list[Report]],
    actor_reports: dict[str, list[Report]],
) -> list[Sentence]:
    """What moved: new or rising and falling flashpoints, and who joined or left a camp
    (cited by the reports of the ties of those who moved)."""
    found: list[Sentence] = []
    for fp in flashpoints:
        cited = sources_of([r for e in fp.evidence for r in reports.get(e, [])])
        if not cited:
            continue
        pair = f"{_names(fp.sides[0].actors, names, 1)} and {_names(fp.sides[1].actors, names, 1)}"
        if fp.previous is None:
            found.append(Sentence(f"New in {fp.area.name}: {pair} reported close together.", cited))
        elif fp.trend != "steady":
            found.append(
                Sentence(
                    f"{fp.area.name} ({pair}) is {fp.trend}: {fp.previous:.2f} in the previous "
                    f"window, {fp.score:.2f} now.",
                    cited,
                )
            )
    for coalition in coalitions:
        if not (coalition.joined or coalition.left) or len(coalition.joined) == len(
            coalition.members
        ):
            continue  # nothing moved, or a camp new this month (listed under coalitions)
        moves = []
        if coalition.joined:
            moves.append(f"{_names(coalition.joined, names)} joined")
        if coalition.left:
            moves.append(f"{_names(coalition.left, names)} left")
        cited = sources_of(
            [r for actor in coalition.joined + coalition.left for r in actor_reports.get(actor, [])]
        )
        if cited:
            found.append(
                Sentence(
                    f"In the camp of {coalition.name}, {' and '.join(moves)} since last month, "
                    "by the weight of reported ties.",
                    cited,
                )
            )
    return found


def backing_sentences(
    relations: list[RelationRow], names: dict[str, str], reports: dict[int, list[Report]]
) -> list[Sentence]:
    """Who backs whom, as the window's reports describe it, best attested first."""
    found: list[Sentence] = []
    for r in relations:
        if r.type != "patron_of":
            continue
        cited = sources_of(reports.get(r.id, []))
        if not cited:
            continue
        found.append(
            Sentence(
                f"Reports describe {names.get(r.source_id, r.source)} backing "
                f"{names.get(r.target_id, r.target)} ({_plural(r.n_documents, 'document')}, "
                f"{_plural(r.n_outlets, 'outlet')}).",
                cited,
            )
        )
        if len(found) >= MAX_BACKING:
            break
    return found


def build_brief(
    *,
    flashpoints: list[RankedFlashpoint],
    coalitions: list[Coalition],
    relations: list[RelationRow],
    names: dict[str, str],
    event_reports: dict[int, list[Report]],
    relation_reports: dict[int, list[Report]],
    start: dt.date | None,
    end: dt.date | None,
    region: str | None,
    window_days: int,
) -> Brief:
    """The three sections: leading flashpoints, what changed, who backs whom."""
    leading = Section("Leading flashpoints")
    for fp in flashpoints[:MAX_FLASHPOINTS]:
        cited = [r for e in fp.evidence for r in event_reports.get(e, [])]
        sentence = flashpoint_sentence(fp, names, cited, window_days)
        if sentence is not None:
            leading.sentences.append(sentence)
    actor_reports: dict[str, list[Report]] = {}
    for r in relations:
        for actor in (r.source_id, r.target_id):
            actor_reports.setdefault(actor, []).extend(relation_reports.get(r.id, []))
    changed = Section("What changed")
    changed.sentences = change_sentences(
        flashpoints[: MAX_FLASHPOINTS * 2], coalitions, names, event_reports, actor_reports
    )
    backing = Section("Who backs whom")
    backing.sentences = backing_sentences(relations, names, relation_reports)
    where = f" in {region}" if region else ""
    span = f"{start.isoformat() if start else '...'} to {end.isoformat() if end else '...'}"
    return Brief(
        f"Situation report{where}, {span}", start, end, region, [leading, changed, backing]
    )
