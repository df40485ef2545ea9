"""How the geoparser's own time grows with the number of place names in one document.

Builds documents in our own words that name N distinct towns of the shipped gazetteer
("Shelling was reported near X and Y on Tuesday."), parses each once with the toponym
pipeline, then times recognition and resolution alone (the NER is not counted: it is linear
in the text and spaCy's). A step that compares every span with every span shows as time per
name that grows with N; a linear one stays flat.

    python -m flashpoint.geo.tools.scaling --names 250 500 1000 2000

A development tool: nothing at run time imports it.
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections.abc import Sequence
from contextlib import closing

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def town_names(count: int) -> list[str]:
    """`count` distinct one-word town names of 20,000+ people, most populous first."""
    from flashpoint.geo import Gazetteer

    path = Gazetteer.load().path
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        rows = db.execute(
            "SELECT name FROM entries WHERE feature IN ('city', 'town') AND population >= 20000 "
            "ORDER BY population DESC, name"
        ).fetchall()
    out: list[str] = []
    seen: set[str] = set()
    for (name,) in rows:
        if name.isalpha() and name[:1].isupper() and name not in seen:
            seen.add(name)
            out.append(name)
            if len(out) == count:
                break
    return out


def document(names: Sequence[str]) -> str:
    """A text naming every town twice: once in a sentence of its own, once in a later list."""
    sentences = [
        f"Shelling was reported near {a} and {b} on {DAYS[i % 7]}, officials said."
        for i, (a, b) in enumerate(zip(names[::2], names[1::2], strict=False))
    ]
    sentences.append("Aid convoys later reached " + ", ".join(names) + ".")
    return " ".join(sentences)


def run(counts: Sequence[int], repeats: int = 3) -> list[dict[str, float]]:
    """Per N: words, toponyms found, and the best of `repeats` recognition + resolution times."""
    from flashpoint.geo import Geoparser

    geo = Geoparser()
    pool = town_names(max(counts))
    rows = []
    for count in counts:
        text = document(pool[:count])
        doc = geo.nlp(text)
        best = float("inf")
        found = 0
        for _ in range(repeats):
            started = time.perf_counter()
            found = len(geo.resolve_doc(doc))
            best = min(best, time.perf_counter() - started)
        rows.append(
            {
                "names": count,
                "words": len(text.split()),
                "toponyms": found,
                "seconds": round(best, 3),
                "ms_per_toponym": round(1000 * best / max(1, found), 3),
            }
        )
    return rows


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, nargs="+", default=[250, 500, 1000, 2000])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args(argv)
    print(f"{'names':>6} {'words':>7} {'toponyms':>9} {'seconds':>8} {'ms/toponym':>11}")
    for row in run(args.names, args.repeats):
        print(
            f"{row['names']:>6} {row['words']:>7} {row['toponyms']:>9} "
            f"{row['seconds']:>8.3f} {row['ms_per_toponym']:>11.3f}"
        )


if __name__ == "__main__":
    main()
