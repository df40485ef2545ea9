"""Geoparsing evaluation on GeoWebNews and on the LGL / TR-News XML format.

Figures follow Gritta et al. ("A pragmatic guide to geoparsing evaluation", 2020):
recognition precision/recall/F1 with exact span matches, and, on gold toponyms with
coordinates, accuracy@161 km, mean and median error and the AUC of the log-error curve
(0 is perfect, 1 is every toponym on the far side of the Earth). Resolution is scored twice:
end to end (on toponyms we recognised exactly) and given the gold spans. A toponym we cannot
resolve counts as the maximum error, 20,039 km.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import EVAL_DATA_INVALID, EVAL_DATA_NOT_FOUND, FlashpointError
from flashpoint.evaluate.errors_out import sentence_around
from flashpoint.evaluate.geo_sources import classify, point_offsets, sources_summary
from flashpoint.evaluate.resources import load_eval_data
from flashpoint.evaluate.scoring import Score
from flashpoint.geo.parser import Geoparser, Resolution
from flashpoint.geo.rank import distance_km

MAX_ERROR_KM = 20039.0
ACCURACY_KM = 161.0
# confidence bands for the reliability table: does a high confidence mean a right answer?
CONFIDENCE_BANDS = ((0.8, 1.01), (0.5, 0.8), (0.0, 0.5))


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    kind: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass
class GoldArticle:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_gold(path: str | Path, toponym_types: Iterable[str] | None = None) -> list[GoldArticle]:
    """Articles from GeoWebNews XML, or LGL / TR-News XML (<phrase> with a <gaztag>).

    toponym_types: GeoWebNews annotation types that count as toponyms (the others, such as
    demonyms and non-toponym expressions, are ignored); LGL toponyms all count.
    """
    file = Path(path)
    if not file.is_file():
        raise FlashpointError(EVAL_DATA_NOT_FOUND, f"gold file not found: {file}")
    try:
        root = ET.parse(file).getroot()
    except ET.ParseError as exc:
        raise FlashpointError(EVAL_DATA_INVALID, f"{file.name}: not valid XML ({exc})") from exc
    wanted = set(toponym_types or load_eval_data("geo.yaml")["toponym_types"])
    articles = []
    for number, node in enumerate(root.iter("article")):
        text = node.findtext("text") or ""
        article = GoldArticle(node.get("file") or node.get("docid") or str(number), text)
        for top in node.iter("toponym"):
            article.toponyms.extend(_toponym(top, text, wanted))
        articles.append(article)
    if not articles:
        raise FlashpointError(EVAL_DATA_INVALID, f"{file.name}: no <article> elements")
    return articles


def _toponym(node: ET.Element, text: str, wanted: set[str]) -> Iterator[GoldToponym]:
    start, end = _int(node.findtext("start")), _int(node.findtext("end"))
    if start is None or end is None or not 0 <= start < end <= len(text):
        return
    kind = node.findtext("type")
    gaztag = node.find("gaztag")
    if gaztag is not None:  # LGL / TR-News
        yield GoldToponym(
            start,
            end,
            text[start:end],
            "Literal",
            _float(gaztag.findtext("lat")),
            _float(gaztag.findtext("lon")),
            _int(gaztag.get("geonameid")),
        )
        return
    if kind is None and node.findtext("phrase") is not None:
        yield GoldToponym(start, end, text[start:end], "Literal")
        return
    if kind in wanted:
        yield GoldToponym(
            start,
            end,
            text[start:end],
            kind,
            _float(node.findtext("latitude")),
            _float(node.findtext("longitude")),
            _int(node.findtext("geonamesID")),
        )


def error_figures(errors: Sequence[float]) -> dict[str, float | int]:
    """accuracy@161, mean and median km, and Gritta et al.'s AUC of the log-error curve."""
    if not errors:
        return {"n": 0, "acc161": 0.0, "mean_km": 0.0, "median_km": 0.0, "auc": 0.0}
    ordered = sorted(errors)
    scaled = [math.log(e + 1) / math.log(MAX_ERROR_KM + 1) for e in ordered]
    if len(scaled) > 1:
        width = 1 / (len(scaled) - 1)
        auc = sum((a + b) / 2 * width for a, b in zip(scaled, scaled[1:], strict=False))
    else:
        auc = scaled[0]
    return {
        "n": len(errors),
        "acc161": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1),
        "median_km": round(statistics.median(errors), 1),
        "auc": round(auc, 4),
    }


def _error(resolution: Resolution | None, gold: GoldToponym) -> float:
    if resolution is None or not resolution.ranked or gold.lat is None or gold.lon is None:
        return MAX_ERROR_KM
    best = resolution.ranked[0].entry
    return distance_km(best.lat, best.lon, gold.lat, gold.lon)


@dataclass
class GeoReport:
    recognition: Score = field(default_factory=Score)
    # without the GeoWebNews types flashpoint leaves out by design (data/eval/geo.yaml)
    recognition_places: Score = field(default_factory=Score)
    end_to_end: list[float] = field(default_factory=list)
    given_spans: list[float] = field(default_factory=list)
    given_with_id: list[float] = field(default_factory=list)
    exact_ids: list[bool] = field(default_factory=list)
    # gold toponyms whose GeoNames id the gazetteer holds, at a point within 161 km of the
    # gold one: ranking alone decides these
    given_in_gazetteer: list[float] = field(default_factory=list)
    # some candidate within 161 km: the most any re-ranking of our candidates could reach
    candidate_within: list[bool] = field(default_factory=list)
    confidence_errors: list[tuple[float, float]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    # given-spans errors over 161 km by (gold class, outcome), and held gold ids by (class,
    # our point over 161 km from GeoNames'): see geo_sources
    error_sources: Counter = field(default_factory=Counter)
    point_offsets: Counter = field(default_factory=Counter)

    def reliability(self) -> list[dict[str, Any]]:
        """accuracy@161 km per confidence band (given spans)."""
        out = []
        for low, high in CONFIDENCE_BANDS:
            errors = [e for c, e in self.confidence_errors if low <= c < high]
            out.append(
                {
                    "confidence": f"{low:.1f}-{min(high, 1.0):.1f}",
                    "n": len(errors),
                    "acc161": round(sum(e <= ACCURACY_KM for e in errors) / len(errors), 4)
                    if errors
                    else 0.0,
                }
            )
        return out

    def as_dict(self) -> dict[str, Any]:
        exact = self.exact_ids
        within = self.candidate_within
        return {
            "recognition": self.recognition.as_dict(),
            "recognition_places": self.recognition_places.as_dict(),
            "resolution_end_to_end": error_figures(self.end_to_end),
            "resolution_given_spans": {
                **error_figures(self.given_spans),
                "exact_geonameid": round(sum(exact) / len(exact), 4) if exact else 0.0,
                "n_with_geonameid": len(exact),
            },
            # the subset with a GeoNames id, closest to how gazetteer-bound geoparsers are scored
            "resolution_given_spans_with_geonameid": error_figures(self.given_with_id),
            "resolution_given_spans_in_gazetteer": error_figures(self.given_in_gazetteer),
            "candidate_recall161": round(sum(within) / len(within), 4) if within else 0.0,
            "reliability": self.reliability(),
            "error_sources": sources_summary(
                self.error_sources, self.point_offsets, len(self.given_spans)
            ),
            "reference": load_eval_data("geo.yaml").get("reference", {}),
        }


def evaluate_geo(
    articles: Sequence[GoldArticle], geoparser: Geoparser, *, keep_errors: bool = False
) -> GeoReport:
    """Score recognition and resolution over gold articles."""
    report = GeoReport()
    excluded = set(load_eval_data("geo.yaml").get("by_design_excluded") or [])
    nlp = geoparser.nlp
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        gold = article.toponyms
        predicted = geoparser.resolve_doc(doc)
        by_span = {(r.toponym.start, r.toponym.end): r for r in predicted}
        gold_spans = {(g.start, g.end) for g in gold}
        hits = len(gold_spans & set(by_span))
        report.recognition += Score(len(by_span), len(gold_spans), hits, hits)
        left_out = {(g.start, g.end) for g in gold if g.kind in excluded}
        places = gold_spans - left_out
        # our own names-inside-names and demonyms are left out the same way
        marked = {span for span, r in by_span.items() if r.toponym.role != "place"}
        found = set(by_span) - left_out - marked
        report.recognition_places += Score(
            len(found), len(places), len(places & found), len(places & found)
        )
        given = geoparser.resolve_spans(doc, [(g.start, g.end) for g in gold])
        for toponym, resolution in zip(gold, given, strict=True):
            if toponym.lat is None:
                continue
            error = _error(resolution, toponym)
            report.given_spans.append(error)
            report.confidence_errors.append((resolution.confidence, error))
            report.candidate_within.append(
                any(
                    distance_km(s.entry.lat, s.entry.lon, toponym.lat, toponym.lon) <= ACCURACY_KM
                    for s in resolution.ranked
                )
            )
            if toponym.geonameid is not None:
                report.given_with_id.append(error)
                best = resolution.ranked[0].entry.geonameid if resolution.ranked else None
                report.exact_ids.append(best == toponym.geonameid)
                held = geoparser.gazetteer.get(toponym.geonameid)
                if held is not None and (
                    distance_km(held.lat, held.lon, toponym.lat, toponym.lon) <= ACCURACY_KM
                ):
                    report.given_in_gazetteer.append(error)
            point = (toponym.lat, toponym.lon)
            offset = point_offsets(toponym.geonameid, point, geoparser.gazetteer)
            if offset is not None:
                report.point_offsets[offset] += 1
            if error > ACCURACY_KM:
                best_entry = resolution.ranked[0].entry if resolution.ranked else None
                report.error_sources[
                    classify(
                        toponym.text, toponym.geonameid, point, best_entry, geoparser.gazetteer
                    )
                ] += 1
            found = by_span.get((toponym.start, toponym.end))
            if found is not None:
                report.end_to_end.append(_error(found, toponym))
            if keep_errors and error > ACCURACY_KM:
                report.errors.append(_resolution_error(article, toponym, resolution, error))
        if keep_errors:
            report.errors.extend(_recognition_errors(article, gold_spans, by_span))
    return report


def _resolution_error(
    article: GoldArticle, gold: GoldToponym, resolution: Resolution, error: float
) -> dict[str, Any]:
    best = resolution.ranked[0].entry if resolution.ranked else None
    return {
        "error": "resolution",
        "article": article.id,
        "text": gold.text,
        "start": gold.start,
        "end": gold.end,
        "gold": [gold.lat, gold.lon, gold.geonameid],
        "predicted": None
        if best is None
        else [best.name, best.country, best.feature, best.lat, best.lon, best.geonameid],
        "error_km": round(error, 1),
        "confidence": resolution.confidence,
        "approximate": resolution.approximate,
        "sentence": sentence_around(article.text, gold.start, gold.end),
    }


def _recognition_errors(
    article: GoldArticle, gold_spans: set[tuple[int, int]], predicted: dict
) -> Iterator[dict[str, Any]]:
    for start, end in sorted(set(predicted) - gold_spans):
        yield {
            "error": "false_positive",
            "article": article.id,
            "start": start,
            "end": end,
            "text": article.text[start:end],
            "sentence": sentence_around(article.text, start, end),
        }
    for start, end in sorted(gold_spans - set(predicted)):
        yield {
            "error": "false_negative",
            "article": article.id,
            "start": start,
            "end": end,
            "text": article.text[start:end],
            "sentence": sentence_around(article.text, start, end),
        }


def score_geoparse_records(
    articles: Sequence[GoldArticle], records: Sequence[dict[str, Any]]
) -> dict[str, Any]:
    """Score `flashpoint geoparse --json` output (one record per article, same order) as the
    held-out LGL / TR-News runs are scored: the share of gold toponyms found with their exact
    span (any role), and accuracy@161 km on those found."""
    if len(articles) != len(records):
        raise FlashpointError(
            EVAL_DATA_INVALID, f"{len(records)} geoparse records for {len(articles)} articles"
        )
    gold_total = 0
    errors: list[float] = []
    for article, record in zip(articles, records, strict=True):
        by_span = {(t["start"], t["end"]): t for t in record.get("toponyms", [])}
        for gold in article.toponyms:
            if gold.lat is None or gold.lon is None:
                continue
            gold_total += 1
            found = by_span.get((gold.start, gold.end))
            if found is None:
                continue
            if found.get("lat") is None or found.get("lon") is None:
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(distance_km(found["lat"], found["lon"], gold.lat, gold.lon))
    return {
        "gold": gold_total,
        "found": round(len(errors) / gold_total, 4) if gold_total else 0.0,
        "resolution_on_found": error_figures(errors),
    }
