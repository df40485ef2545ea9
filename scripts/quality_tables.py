"""Print the Markdown tables of docs/quality.md from the JSON written by measure_quality.sh.

Usage: python scripts/quality_tables.py [OUT_DIR]   (default: out/quality)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def prf_rows(rows: dict[str, dict], names: dict[str, str] | None = None) -> list[str]:
    names = names or {}
    lines = ["| type | P | R | F1 | predicted | gold |", "|---|---:|---:|---:|---:|---:|"]
    for key, s in rows.items():
        label = f"{key} ({names[key]})" if key in names else key
        lines.append(
            f"| {label} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} "
            f"| {s['n_pred']} | {s['n_gold']} |"
        )
    return lines


def main(out: Path) -> None:
    re3d = json.loads((out / "re3d.json").read_text())
    plover = json.loads((out / "plover.json").read_text())
    entities, relations = re3d["entities"], re3d["relations"]
    print("### re3d entities (overlap)\n")
    print("\n".join(prf_rows({**entities["per_type"], "micro": entities["micro"]})))
    print("\n### re3d entities (exact, secondary)\n")
    exact = entities["exact"]
    print("\n".join(prf_rows({**exact["per_type"], "micro": exact["micro"]})))
    print("\n### re3d entities by source folder\n")
    print("\n".join(prf_rows({k: v["micro"] for k, v in entities["per_folder"].items()})))
    print("\n### re3d relations\n")
    rows = {**relations["per_type"], "micro": relations["micro"]}
    print("\n".join(prf_rows(rows, relations["gold_names"])))
    print(
        f"\n(gold relations left out because an end is not an actor: "
        f"{relations['excluded_gold']})\n"
    )
    print("### re3d relations by source folder\n")
    print("\n".join(prf_rows({k: v["micro"] for k, v in relations["per_folder"].items()})))
    print("\n### PLOVER\n")
    print("| figure | value |\n|---|---:|")
    print(f"| records | {plover['records']} |")
    print(f"| event-type accuracy | {plover['accuracy']:.3f} |")
    print(f"| macro-F1 | {plover['macro_f1']:.3f} |")
    print(f"| records with no event | {plover['no_event']} |")
    for side in ("source", "target"):
        value = plover[f"{side}_agreement"]
        print(f"| {side} agreement | {value['agreement']:.3f} (of {value['scored']}) |")
    print("\n" + "\n".join(prf_rows(plover["per_type"])))
    print("\n### Benchmark\n")
    print(
        "| workers | docs | words | bare docs/s | ours docs/s | ours words/s "
        "| overhead (wall) | overhead (CPU) | peak RSS/worker |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for file in sorted(out.glob("bench-w*.json")):
        b = json.loads(file.read_text())
        print(
            f"| {b['workers']} | {b['documents']} | {b['words']} | {b['bare']['docs_per_s']} "
            f"| {b['ours']['docs_per_s']} | {b['ours']['words_per_s']:.0f} "
            f"| {b['overhead']:.2f}x | {b['overhead_cpu']:.2f}x | {b['max_rss_mb']:.0f} MiB |"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "out/quality"))
