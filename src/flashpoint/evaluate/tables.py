"""Rich tables for eval and bench results: what a person reads in the terminal."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Group
from rich.table import Table

from flashpoint.evaluate.acled import AcledResult
from flashpoint.evaluate.bench import BenchResult
from flashpoint.evaluate.geo_bench import GeoBenchResult
from flashpoint.evaluate.plover import PloverResult
from flashpoint.evaluate.re3d import Re3dResult
from flashpoint.evaluate.scoring import Score


def score_table(title: str, rows: Mapping[str, Score], first: str = "type") -> Table:
    """One row per named score: P, R, F1 and the counts behind them."""
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for name in ("P", "R", "F1", "pred", "gold"):
        table.add_column(name, justify="right")
    for name, s in rows.items():
        table.add_row(
            name,
            f"{s.precision:.3f}",
            f"{s.recall:.3f}",
            f"{s.f1:.3f}",
            str(s.n_pred),
            str(s.n_gold),
        )
    return table


def _section(label: str, part: dict[str, Any], names: Mapping[str, str] | None = None) -> list:
    names = names or {}
    rows = {f"{k} ({names[k]})" if k in names else k: v for k, v in part["per_type"].items()}
    rows["micro"] = part["micro"]
    tables = [score_table(f"{label}: match on span {part['match']}", rows)]
    tables.append(
        score_table(
            f"{label} by source folder",
            {folder: f["micro"] for folder, f in part["per_folder"].items()},
            first="folder",
        )
    )
    return tables


def re3d_tables(result: Re3dResult) -> Group:
    """Entities and relations: per type, micro, and per source folder."""
    parts = _section("re3d entities", result.entities)
    secondary = "exact" if result.entities["match"] == "overlap" else "overlap"
    extra = result.entities[secondary]
    parts.append(
        score_table(
            f"re3d entities: match on span {secondary} (secondary)",
            {**extra["per_type"], "micro": extra["micro"]},
        )
    )
    parts += _section("re3d relations", result.relations, result.relations["gold_names"])
    return Group(*parts)


def plover_tables(result: PloverResult) -> Group:
    """Headline figures, then per-type P/R/F1."""
    head = Table(title="PLOVER gold-standard records", title_justify="left")
    head.add_column("figure")
    head.add_column("value", justify="right")
    head.add_row("records", str(result.records))
    head.add_row("event-type accuracy", f"{result.accuracy:.3f}")
    head.add_row("macro-F1 (types present)", f"{result.macro_f1:.3f}")
    head.add_row("records with no event", str(result.no_event))
    for side, value in (("source", result.source), ("target", result.target)):
        head.add_row(f"{side} agreement", f"{value['agreement']:.3f} of {value['scored']}")
    return Group(head, score_table("PLOVER event types", dict(sorted(result.per_type.items()))))


def acled_tables(result: AcledResult) -> Group:
    """Headline figures with calibration, per-label P/R/F1, then the commonest confusions."""
    head = Table(title="ACLED sub-event types", title_justify="left")
    head.add_column("figure")
    head.add_column("value", justify="right")
    head.add_row("snippets", str(result.snippets))
    head.add_row("accuracy", f"{result.accuracy:.3f}")
    head.add_row("weighted F1", f"{result.weighted_f1:.3f}")
    head.add_row("macro F1", f"{result.macro_f1:.3f}")
    head.add_row("snippets with no asserted event", str(result.no_event))
    for band in result.calibration:
        share = "-" if band["precision"] is None else f"{band['precision']:.3f}"
        head.add_row(f"correct at confidence {band['band']}", f"{share} of {band['events']}")
    confused = sorted(
        (
            (n, gold, guess)
            for gold, row in result.confusion.items()
            for guess, n in row.items()
            if guess != gold
        ),
        key=lambda c: (-c[0], c[1], c[2]),
    )[:15]
    confusions = Table(title="commonest confusions", title_justify="left")
    for name in ("gold", "predicted", "snippets"):
        confusions.add_column(name, justify="right" if name == "snippets" else "left")
    for n, gold, guess in confused:
        confusions.add_row(gold, guess, str(n))
    per_label = score_table("per label", dict(sorted(result.per_label.items())), first="label")
    return Group(head, per_label, confusions)


def bench_table(result: BenchResult) -> Table:
    """Bare parse against our pipeline, with the overhead ratio and memory."""
    table = Table(
        title=f"{result.documents} documents, {result.words} words, {result.workers} worker(s), "
        f"{result.machine.get('cpus')} CPUs",
        title_justify="left",
    )
    for name in ("", "seconds", "CPU s", "docs/s", "words/s"):
        table.add_column(name, justify="right" if name else "left")
    for label, phase in (("bare nlp.pipe", result.bare), ("flashpoint", result.ours)):
        table.add_row(
            label,
            f"{phase.seconds:.2f}",
            f"{phase.cpu_seconds:.2f}",
            f"{phase.docs_per_s:.2f}",
            f"{phase.words_per_s:.0f}",
        )
    table.add_row("overhead (ours/bare)", f"{result.overhead:.2f}x", f"{result.overhead_cpu:.2f}x")
    table.add_row("learned stages' share of ours", f"{result.learned_share:.1%}")
    table.add_row("peak RSS per worker", f"{result.max_rss_mb:.0f} MiB")
    if result.failures:
        where = ", ".join(str(f["position"]) for f in result.failures[:10])
        table.add_row("documents left out", f"{len(result.failures)}", f"at {where}")
    return table


def geo_bench_table(result: GeoBenchResult) -> Table:
    """Geoparsing latency per document, warm, with its parse and resolution parts."""
    table = Table(
        title=f"geoparse: {result.documents} documents, {result.words} words, "
        f"fastest of {result.repeats} runs each, {result.machine.get('cpus')} CPUs",
        title_justify="left",
    )
    for name in ("", "median", "p90", "max"):
        table.add_column(name, justify="right" if name else "left")
    for label, values in (
        ("ms per document", result.document_ms),
        ("  of which parsing", result.parse_ms),
        ("  of which resolving", result.resolve_ms),
        ("ms per 1,000 words", result.per_1000_words_ms),
    ):
        table.add_row(label, *(f"{values[k]:.1f}" for k in ("median", "p90", "max")))
    table.add_row(
        "model load / gazetteer open",
        f"{result.load_model_seconds:.2f} s",
        f"{result.open_gazetteer_seconds:.2f} s",
    )
    table.add_row("toponyms found", str(result.toponyms))
    table.add_row("peak RSS", f"{result.peak_rss_mb:.0f} MiB")
    return table
