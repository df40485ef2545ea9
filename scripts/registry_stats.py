"""Print how many actors the registry holds per file, per theatre and per kind, as Markdown tables.

Run: python scripts/registry_stats.py [--write-docs] [EXTRA.yaml ...]
Extra files are added as with --registry. `--write-docs` also rewrites the counts section of
docs/registry.md (between its registry-stats markers); run it after editing the shipped files.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from flashpoint.resolve.registry import ActorRegistry, default_registry_files, read_registry_file

DOCS = Path(__file__).resolve().parents[1] / "docs" / "registry.md"
START, END = "<!-- registry-stats:start -->", "<!-- registry-stats:end -->"


def stats(extra: list[str]) -> str:
    """Per-file, per-theatre and per-kind counts of the shipped registry (plus `extra` files)."""
    registry = ActorRegistry.load(extra)
    lines = ["| file | actors |", "|---|---:|"]
    lines += [f"| {p.name} | {len(read_registry_file(p))} |" for p in default_registry_files()]
    lines += [f"| **total (after overrides)** | **{len(registry)}** |", ""]
    theatres = Counter(t for actor in registry for t in actor.theatres)
    lines += ["| theatre | actors |", "|---|---:|"]
    lines += [f"| {t} | {n} |" for t, n in sorted(theatres.items(), key=lambda i: (-i[1], i[0]))]
    lines += ["", "| kind | actors |", "|---|---:|"]
    lines += [f"| {k} | {n} |" for k, n in Counter(a.kind for a in registry).most_common()]
    forms = registry.surface_forms()
    count = Counter(kind for _, _, kind in forms)
    with_patrons = sum(1 for actor in registry if actor.patrons)
    lines += [
        "",
        f"{with_patrons} actors carry dated patrons; {len(forms)} surface forms "
        f"({count['alias']} names and aliases, {count['descriptor']} descriptors, "
        f"{count['demonym']} demonyms).",
    ]
    return "\n".join(lines)


def write_docs(table: str) -> None:
    """Replace the text between the registry-stats markers of docs/registry.md."""
    text = DOCS.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{DOCS.name}: registry-stats markers not found")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    DOCS.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")


def main(argv: list[str]) -> int:
    extra = [a for a in argv if a != "--write-docs"]
    table = stats(extra)
    print(table)
    if "--write-docs" in argv:
        if extra:
            raise SystemExit("--write-docs counts the shipped files only; drop the extra files")
        write_docs(table)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
