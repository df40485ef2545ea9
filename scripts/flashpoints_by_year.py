"""Print the top flashpoints of each year in a store as a Markdown table (docs/analysis.md).

    .venv/bin/python scripts/flashpoints_by_year.py --db sqlite:///fakes.db --top 10

Runs `flashpoint flashpoints --since Y-01-01 --until Y-12-31 --limit N --json` through the
same function the command calls, one window per year of publication.
"""

from __future__ import annotations

import argparse
import datetime as dt

from flashpoint.present import corpus
from flashpoint.resolve.registry import ActorRegistry
from flashpoint.store.database import Database
from flashpoint.store.queries import stats

ARROWS = {"patron_of": "→", "commands": "→", "client_of": "←", "part_of": "←"}


def path_text(steps: list[dict]) -> str:
    parts = []
    for index, step in enumerate(steps):
        parts.append(step["actor"]["name"])
        if index + 1 < len(steps):
            parts.append(ARROWS.get(step["relation"], "✕"))
    return " ".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    registry = ActorRegistry.load()
    with Database.open(args.db, create=False) as db:
        counts = stats(db)  # the years the documents were published in, not the years named
        first, last = counts["first_published"], counts["last_published"]
        if first is None or last is None:
            raise SystemExit("no dated document in the store")
        print("| year | # | score | trend | area | escalation path | outlets | seen |")
        print("|---|---|---|---|---|---|---|---|")
        for year in range(first.year, last.year + 1):
            question = corpus.Question(
                since=dt.date(year, 1, 1), until=dt.date(year, 12, 31), limit=args.top
            )
            ranked = corpus.flashpoints(db, registry, question).to_json()
            if not ranked:
                print(f"| {year} | - | | | (none) | | | |")
            for rank, fp in enumerate(ranked, start=1):
                print(
                    f"| {year} | {rank} | {fp['score']:.2f} | {fp['trend']} | "
                    f"{fp['place']['name']} | {path_text(fp['path'])} | {fp['outlets']} | "
                    f"{fp['first_seen']}..{fp['last_seen']} |"
                )


if __name__ == "__main__":
    main()
