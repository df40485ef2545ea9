"""How the extraction's cost grows with a document's length: a synthetic article of N
invented paragraphs, each with events, actors and places, analysed whole (the parse is not
timed); with --top, the slowest extraction functions (cProfile, cumulative) at each size.

    .venv/bin/python scripts/extract_scaling.py --paragraphs 100 200 400
    .venv/bin/python scripts/extract_scaling.py --paragraphs 400 --top 25
    PYTHONPATH=/tree/at/another/commit/src .venv/bin/python scripts/extract_scaling.py

A stage whose time doubles when the text doubles is linear; one whose time quadruples is an
all-pairs scan. The paragraphs are invented for this benchmark; the sizes stay under one
part (100,000 characters, see flashpoint.nlp.parts) so that the document is analysed whole.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

TEMPLATES = (
    "Government troops shelled rebel positions near {a} on Tuesday, and the rebels fired "
    "rockets at the airport of {b}, a monitoring group said.",
    "The Syrian Democratic Forces said their fighters attacked Islamic State positions in "
    "{a}, while Turkish artillery struck Kurdish units near {b}.",
    "Russian warplanes bombed the town of {a} overnight, and the Syrian Arab Army advanced "
    "towards {b} after heavy clashes with the Free Syrian Army.",
    "Iranian-backed militias moved into {a} after Islamic State fighters withdrew towards "
    "{b}, residents said.",
    "Hezbollah fighters clashed with rebels outside {a}; the army said it had captured the "
    "village of {b} and killed dozens of militants.",
)
PLACES = (
    "Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Deir ez-Zor", "Palmyra", "Daraa", "Azaz",
    "Manbij", "Kobani", "Qamishli", "Hasakah", "Latakia", "Tartus", "Douma", "Afrin",
    "Jarabulus", "Al-Bab", "Mayadin", "Albu Kamal", "Tabqa", "Maarat al-Numan", "Saraqib",
)  # fmt: skip
FUNCTIONS = (
    "events.py:", "event_places.py:", "phrase_actors.py:", "learned.py:", "learned_relations.py:",
    "relations.py:", "relation_", "roles.py:", "attribution.py:", "actors.py:", "discovery.py:",
    "fatalities.py:", "coreference.py:", "modality.py:", "opinion.py:", "actor_table.py:", "geo/",
)  # fmt: skip


def article(paragraphs: int, seed: int = 1) -> str:
    """An invented article of `paragraphs` paragraphs (the same seed, the same text)."""
    rng = random.Random(seed)
    body = []
    for _ in range(paragraphs):
        a, b = rng.sample(PLACES, 2)
        body.append(rng.choice(TEMPLATES).format(a=a, b=b))
    return "Fighting across northern Syria\n\n" + "\n\n".join(body)


def measure(analyzer, paragraphs: int, top: int) -> None:  # noqa: ANN001
    from flashpoint.model import Document
    from flashpoint.pipeline import document_id

    text = article(paragraphs)
    document = Document(id=document_id(text), text=text, language="en")
    doc = analyzer.nlp(text)
    profile = cProfile.Profile()
    began, cpu = time.perf_counter(), time.process_time()
    if top:
        profile.enable()
    result = analyzer.analyze_parsed(document, doc)
    profile.disable()
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    print(
        f"{paragraphs} paragraphs, {len(text):,} chars: extraction {seconds:.2f} s, "
        f"CPU {cpu:.2f} s (parse excluded{', profiled' if top else ''}); "
        f"{len(result.events)} events, {len(result.places)} places, {len(result.actors)} actors"
    )
    if not top:
        return
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{Path(filename).name}:{line}"
        path = filename.replace("\\", "/")
        if "flashpoint" in path and any(f in path or f in where for f in FUNCTIONS):
            rows.append((cumulative, f"{where}({name})"))
    for cumulative, label in sorted(rows, reverse=True)[:top]:
        print(f"  {cumulative:8.2f} s  {label}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[100, 200, 400])
    parser.add_argument("--top", type=int, default=0, help="profile: functions listed per size")
    args = parser.parse_args(argv)
    from flashpoint.pipeline import Analyzer

    analyzer = Analyzer.from_defaults()
    for paragraphs in args.paragraphs:
        measure(analyzer, paragraphs, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
