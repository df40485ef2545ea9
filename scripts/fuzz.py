"""Feed flashpoint hostile input for a while and report cases tried, crashes, hangs and memory.

    .venv/bin/python scripts/fuzz.py --cases 500 --seed 1
    PYTHONPATH=/other/tree/src .venv/bin/python scripts/fuzz.py --cases 500   # another commit

Cases come from `tests/hardening/generate.py` (the same seed gives the same cases) and run
through the targets of `tests/hardening/targets.py` and, for the HTTP API, of
`tests/hardening/api_targets.py` (the app in the worker, and a real `flashpoint serve` that
the worker starts on a free loopback port) in a worker process that loads the language model
once. The parent gives every case a wall-clock limit: a worker that has not
answered by then is killed (a hang), and a new one takes the next case. A crash is any
exception but the project's own `FlashpointError`; a violation is output that breaks a
promise (offsets, terminal controls, formulas, XML). The exit status is 1 when any crash,
violation or hang was found. Reproducers go to --out, one file per finding.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import time
import traceback
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from hardening import api_targets, generate, targets  # noqa: E402

TARGETS = {**targets.TARGETS, **api_targets.TARGETS}

PART_CHARS = 100_000


def hang_limit(size: int, grace: float) -> float:
    """The wall-clock limit of one case: its analysis budget, half again, and a grace."""
    parts = max(1, -(-size // PART_CHARS))
    return targets.BUDGET_SECONDS * parts * 1.5 + grace


def _worker(connection: Any) -> None:
    import logging

    logging.getLogger("alembic").setLevel(logging.WARNING)
    while True:
        job = connection.recv()
        if job is None:
            return
        name, data = job
        began = time.perf_counter()
        try:
            outcome = TARGETS[name](data)
            kind = "refused" if outcome.startswith("refused") else "ok"
            detail = outcome
        except targets.Violation as exc:
            kind, detail = "violation", f"{exc}"
        except Exception as exc:  # noqa: BLE001 - the fuzzer's job is to see them all
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            kind = "crash"
            detail = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {exc}"
        connection.send((kind, detail[:300], time.perf_counter() - began, _peak_rss_mb()))


def _peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


class Worker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.parent, child = context.Pipe()
        self.process = context.Process(target=_worker, args=(child,), daemon=True)
        self.process.start()
        self.warm = False

    def run(self, name: str, data: bytes, limit: float) -> tuple[str, str, float, float]:
        self.parent.send((name, data))
        if self.parent.poll(limit + (0 if self.warm else 180)):  # the first case loads models
            self.warm = True
            return self.parent.recv()
        self.process.kill()
        self.process.join()
        return "hang", f"no answer in {limit:.0f} s", limit, 0.0

    def stop(self) -> None:
        if self.process.is_alive():
            self.parent.send(None)
            self.process.join(10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=200, help="cases to try in all")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--targets", default=",".join(TARGETS), help="comma-separated")
    parser.add_argument("--grace", type=float, default=30.0, help="seconds past the budget")
    parser.add_argument("--light", action="store_true", help="no texts past 100,000 chars")
    parser.add_argument("--out", type=Path, help="folder for reproducers of findings")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    names = [n for n in args.targets.split(",") if n]
    rng = random.Random(args.seed)
    counts: dict[str, Counter] = defaultdict(Counter)
    findings: dict[str, list[str]] = defaultdict(list)
    slowest: dict[str, float] = defaultdict(float)
    refusals: dict[str, Counter] = defaultdict(Counter)
    peak = 0.0
    worker = Worker()
    began = time.perf_counter()
    try:
        for number in range(args.cases):
            name = names[number % len(names)]
            data = generate.case(rng, name, heavy=not args.light)
            kind, detail, seconds, rss = worker.run(name, data, hang_limit(len(data), args.grace))
            counts[name]["cases"] += 1
            counts[name][kind] += 1
            if kind == "refused":
                refusals[name][detail.split(":", 1)[1]] += 1
            slowest[name] = max(slowest[name], seconds)
            peak = max(peak, rss)
            if kind in ("crash", "violation", "hang"):
                findings[name].append(f"{kind}: {detail}")
                if args.out:
                    args.out.mkdir(parents=True, exist_ok=True)
                    (args.out / f"{name}-{number:05d}-{kind}.bin").write_bytes(data)
                if kind == "hang":
                    worker = Worker()
    finally:
        worker.stop()
    summary = {
        "seed": args.seed,
        "cases": sum(c["cases"] for c in counts.values()),
        "crashes": sum(c["crash"] for c in counts.values()),
        "violations": sum(c["violation"] for c in counts.values()),
        "hangs": sum(c["hang"] for c in counts.values()),
        "peak_rss_mb": round(peak),
        "elapsed_s": round(time.perf_counter() - began, 1),
        "targets": {
            n: {**dict(counts[n]), "slowest_s": round(slowest[n], 2), "refused_by": refusals[n]}
            for n in names
            if counts[n]
        },
        "findings": {n: sorted(Counter(f).elements())[:20] for n, f in findings.items()},
    }
    if args.json:
        print(json.dumps(summary, indent=1))
    else:
        _print(summary)
    return 1 if summary["crashes"] or summary["violations"] or summary["hangs"] else 0


def _print(summary: dict) -> None:
    print(
        f"fuzz seed {summary['seed']}: {summary['cases']} cases, {summary['crashes']} crashes, "
        f"{summary['violations']} violations, {summary['hangs']} hangs; worker peak "
        f"{summary['peak_rss_mb']} MB; {summary['elapsed_s']} s"
    )
    print(
        f"{'target':14} {'cases':>6} {'ok':>5} {'refused':>8} {'crash':>6} {'viol':>5} "
        f"{'hang':>5} {'slowest s':>10}"
    )
    for name, c in summary["targets"].items():
        print(
            f"{name:14} {c.get('cases', 0):6} {c.get('ok', 0):5} {c.get('refused', 0):8} "
            f"{c.get('crash', 0):6} {c.get('violation', 0):5} {c.get('hang', 0):5} "
            f"{c['slowest_s']:10}"
        )
    for name, c in summary["targets"].items():
        if c["refused_by"]:
            codes = ", ".join(f"{k} x{v}" for k, v in sorted(c["refused_by"].items()))
            print(f"  {name} refused: {codes}")
    for name, found in summary["findings"].items():
        for line in dict.fromkeys(found):
            print(f"  {name}: {line}")


if __name__ == "__main__":
    sys.exit(main())
