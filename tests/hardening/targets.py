"""What the hardening tests and `scripts/fuzz.py` feed hostile input to: each target takes
bytes, runs a real entry point of flashpoint on them, and returns what came out.

A target returns "ok" or "refused:<code>" (a `FlashpointError`, the project's own error).
Anything else it raises is a crash. A target also checks what it produced and raises
`Violation` when the output breaks a promise (an offset that does not point at its text, a
control character on the terminal, a formula in a CSV cell, XML that does not parse).

The targets run on the code found by `import flashpoint`, so `PYTHONPATH=<other tree>/src`
runs them against another commit; APIs that a commit lacks are looked up, not assumed.
"""

from __future__ import annotations

import csv
import inspect
import io
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flashpoint.errors import FlashpointError

# Seconds per 100,000 characters that the analysis may take before it is stopped.
BUDGET_SECONDS = 20.0
_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


class Violation(AssertionError):
    """The code ran, but its output broke a promise; the message says which."""


_cache: dict[str, Any] = {}


def analyzer() -> Any:
    if "analyzer" not in _cache:
        from flashpoint.pipeline import Analyzer

        _cache["analyzer"] = Analyzer.from_defaults()
    return _cache["analyzer"]


def toponym_nlp() -> Any:
    if "toponyms" not in _cache:
        from flashpoint.nlp.pipeline import load_toponym_pipeline

        _cache["toponyms"] = load_toponym_pipeline()
    return _cache["toponyms"]


def geoparser() -> Any:
    if "geoparser" not in _cache:
        try:
            from flashpoint.geo import Geoparser
        except ImportError:  # before the geoparser became its own package
            from flashpoint.resolve.geoparse import Geoparser
        _cache["geoparser"] = Geoparser(nlp=toponym_nlp())
    return _cache["geoparser"]


def _refused(exc: FlashpointError) -> str:
    return f"refused:{exc.code}"


def _document(data: bytes, **options: Any) -> Any:
    from flashpoint.ingest import load_document

    return load_document("-", stdin=io.BytesIO(data), check_language=False, **options)


def _check_spans(text: str, items: Any, what: str) -> None:
    for item in items:
        spans = getattr(item, "mentions", None) or getattr(item, "evidence", None) or [item]
        for span in spans if isinstance(spans, list) else [spans]:
            if hasattr(span, "start") and text[span.start : span.end] != span.text:
                raise Violation(f"{what} span {span.start}:{span.end} is not its text")


def load(data: bytes) -> str:
    """Text or HTML on standard input, through every input check, as `analyze -` reads it."""
    try:
        document = _document(data)
    except FlashpointError as exc:
        return _refused(exc)
    for value in (document.title, document.outlet):
        if value and ("<" in value and ">" in value or _TERMINAL_CONTROL.search(value)):
            raise Violation(f"page metadata kept markup or controls: {value[:80]!r}")
    return "ok"


def analyze(data: bytes) -> str:
    """`flashpoint analyze -`: load, analyse within the time budget, render the briefing."""
    try:
        document = _document(data)
        engine = analyzer()
        if "budget" in inspect.signature(engine.analyze).parameters:
            result = engine.analyze(document, budget=BUDGET_SECONDS)
        else:
            result = engine.analyze(document)
    except FlashpointError as exc:
        return _refused(exc)
    text = result.document.text
    for what in ("actors", "places", "events", "relations", "quotes"):
        _check_spans(text, getattr(result, what), what)
    _briefing(result)
    return "ok"


def _briefing(result: Any) -> None:
    from rich.console import Console

    from flashpoint.present.briefing import render

    try:
        from flashpoint.cli.terminal import SafeConsole as console_class
    except ImportError:  # before issue 15 the CLI printed with a plain Console
        console_class = Console
    buffer = io.StringIO()
    render(result, console_class(file=buffer, width=100, color_system=None))
    if _TERMINAL_CONTROL.search(buffer.getvalue().replace("\x1b[0m", "")):
        raise Violation("the briefing printed a control character from the text")


def geoparse(data: bytes) -> str:
    """`flashpoint geoparse -`: the places of a text, each mention pointing at its name."""
    try:
        document = _document(data)
        doc = toponym_nlp()(document.text)
        places = geoparser().geoparse_doc(doc)
    except FlashpointError as exc:
        return _refused(exc)
    _check_spans(document.text, places, "place")
    return "ok"


def _corpus(data: bytes, suffix: str, **options: Any) -> str:
    from flashpoint.ingest.corpus import CorpusOptions, iter_corpus

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"corpus{suffix}"
        path.write_bytes(data)
        try:
            items = list(iter_corpus([str(path)], CorpusOptions(check_language=False, **options)))
        except FlashpointError as exc:
            return _refused(exc)
    for item in items:
        if item.document is None:
            continue
        item.document.model_dump_json()  # everything stored must encode
        if not isinstance(item.document.text, str) or not item.document.text.strip():
            raise Violation("a corpus document has no text")
    return "ok"


def corpus_csv(data: bytes) -> str:
    return _corpus(data, ".csv")


def corpus_jsonl(data: bytes) -> str:
    return _corpus(data, ".jsonl")


def corpus_feed(data: bytes) -> str:
    return _corpus(data, ".rss")


def registry_yaml(data: bytes) -> str:
    from flashpoint.resolve.registry import ActorRegistry

    return _yaml_file(data, lambda path: ActorRegistry.load([str(path)]))


def lexicon_yaml(data: bytes) -> str:
    from flashpoint.extract.lexicon import Lexicon

    return _yaml_file(data, lambda path: Lexicon.load([str(path)]))


def _yaml_file(data: bytes, load_file: Callable[[Path], Any]) -> str:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "extra.yaml"
        path.write_bytes(data)
        try:
            load_file(path)
        except FlashpointError as exc:
            return _refused(exc)
    return "ok"


def export_names(data: bytes) -> str:
    """Names and evidence from hostile text stored, then exported as ACLED CSV and GraphML:
    no cell may be a formula, the GraphML must parse, and a failed export leaves no file."""
    from flashpoint.export import export
    from flashpoint.store.database import Database

    text = data.decode("utf-8", errors="replace")
    analysis = synthetic_analysis(text)
    with tempfile.TemporaryDirectory() as folder:
        try:
            with Database.open(f"sqlite:///{folder}/store.db") as db:
                db.store(analysis, source="fuzz")
                export(db, "acled-csv", Path(folder) / "events.csv")
                export(db, "graphml", Path(folder) / "actors.graphml")
        except FlashpointError as exc:
            return _refused(exc)
        for row in csv.reader(io.StringIO((Path(folder) / "events.csv").read_text("utf-8"))):
            for cell in row:
                if cell.lstrip(" ").startswith(_FORMULA):
                    raise Violation(f"ACLED CSV cell is a formula: {cell[:60]!r}")
        from lxml import etree

        etree.parse(str(Path(folder) / "actors.graphml"))
    return "ok"


def synthetic_analysis(text: str) -> Any:
    """An Analysis whose names, evidence and outlet are `text`: what a hostile article could
    put into the store, without the parser in between."""
    import datetime as dt

    from flashpoint.model import (
        AcledCode,
        Actor,
        Analysis,
        Attribution,
        DateRange,
        Document,
        Event,
        Evidence,
        Place,
        Relation,
        Span,
    )

    name = (text.strip() or "x")[:200]
    body = f"{name} attacked {name} in {name}."
    mention = Span(start=0, end=len(name), text=name)
    evidence = Evidence(start=0, end=len(body), text=body, attribution=Attribution(kind="author"))
    actors = [
        Actor(id="a1", name=name, kind="armed_group", known=False, mentions=[mention]),
        Actor(id="a2", name=name + " 2", kind="state", known=False, mentions=[mention]),
    ]
    place = Place(
        id="p1", name=name, lat=36.2, lon=37.1, country="SY", feature="city", mentions=[mention]
    )
    event = Event(
        id="e1",
        type="ASSAULT",
        source="a1",
        target="a2",
        place="p1",
        date=DateRange(start=dt.date(2017, 9, 12), end=dt.date(2017, 9, 12), precision="day"),
        acled=AcledCode(event_type="Battles", sub_event_type="Armed clash"),
        evidence=Span(start=0, end=len(body), text=body),
        trigger="attacked",
    )
    relation = Relation(id="r1", type="enemy_of", source="a1", target="a2", evidence=[evidence])
    document = Document(
        id="doc_fuzz",
        title=name,
        outlet=name,
        published=dt.date(2017, 9, 12),
        text=body,
        language="en",
    )
    return Analysis(
        document=document,
        actors=actors,
        places=[place],
        events=[event],
        relations=[relation],
        quotes=[],
        flashpoints=[],
    )


TARGETS: dict[str, Callable[[bytes], str]] = {
    "load": load,
    "analyze": analyze,
    "geoparse": geoparse,
    "corpus_csv": corpus_csv,
    "corpus_jsonl": corpus_jsonl,
    "corpus_feed": corpus_feed,
    "registry_yaml": registry_yaml,
    "lexicon_yaml": lexicon_yaml,
    "export_names": export_names,
}
