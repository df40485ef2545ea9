"""Print how many actors the registry holds per file (theatre) and per kind, as a Markdown table.

Run: python scripts/registry_stats.py [EXTRA.yaml ...]   (extra files are added as with --registry)
docs/registry.md quotes its output; re-run it after editing the shipped files.
"""

from __future__ import annotations

import sys
from collections import Counter

from flashpoint.resolve.registry import ActorRegistry, default_registry_files, read_registry_file


def main(argv: list[str]) -> int:
    """Print per-file and per-kind counts of the shipped registry (plus any extra files)."""
    registry = ActorRegistry.load(argv)
    print("| file | actors |\n|---|---:|")
    for path in default_registry_files():
        print(f"| {path.name} | {len(read_registry_file(path))} |")
    print(f"| **total (after overrides)** | **{len(registry)}** |\n")
    kinds = Counter(actor.kind for actor in registry)
    print("| kind | actors |\n|---|---:|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} |")
    with_patrons = sum(1 for actor in registry if actor.patrons)
    forms = registry.surface_forms()
    print(f"\n{with_patrons} actors carry dated patrons; {len(forms)} surface forms "
          f"({sum(1 for f in forms if f[2] == 'alias')} names and aliases, "
          f"{sum(1 for f in forms if f[2] == 'descriptor')} descriptors, "
          f"{sum(1 for f in forms if f[2] == 'demonym')} demonyms).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
