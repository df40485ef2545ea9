"""Load benchmark of `flashpoint serve`: concurrent readers on loopback over a large store.

    python scripts/bench_api.py                         # 10,000 documents, 50 readers
    python scripts/bench_api.py --db sqlite:///big.db --readers 50 --rounds 4
    python scripts/bench_api.py --wrk 5     # then each endpoint under Debian's wrk, 5 s each

Builds (or reuses) a store of invented reports, written by us from templates over real
actor and place names with random pairs, places, dates and outlets (seeded, so the same store
every time), without the NLP pipeline; starts the installed `flashpoint serve` on a free
loopback port; runs `--readers` concurrent clients, each asking every endpoint the page asks
`--rounds` times in its own order; prints each endpoint's first (uncached) answer time, then
p50/p99/max per endpoint under load (the server keeps answers while the store is unchanged,
api/cache.py, so the load figures are mostly cached answers; the first ones are not).
Every request has a timeout and the run a deadline: it stops by itself. Speed is measured
here, never asserted in a test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from flashpoint.model import (
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
from flashpoint.store.database import Database

ACTORS = {
    "sdf": ("Syrian Democratic Forces", "armed_group", "SY"),
    "saa": ("Syrian Arab Army", "armed_forces", "SY"),
    "isis": ("Islamic State", "armed_group", None),
    "hts": ("Hayat Tahrir al-Sham", "armed_group", "SY"),
    "sna": ("Syrian National Army", "armed_group", "SY"),
    "hezbollah": ("Hezbollah", "armed_group", "LB"),
    "pmf": ("Popular Mobilization Forces", "militia", "IQ"),
    "isf": ("Iraqi Security Forces", "armed_forces", "IQ"),
    "usa": ("United States", "state", "US"),
    "rus": ("Russia", "state", "RU"),
    "irn": ("Iran", "state", "IR"),
    "tur": ("Turkey", "state", "TR"),
}
PATRONS = {"sdf": "usa", "saa": "rus", "hezbollah": "irn", "sna": "tur", "pmf": "irn", "isf": "usa"}
RIVALS = [("sdf", "isis"), ("saa", "hts"), ("sna", "sdf"), ("saa", "sdf"), ("isf", "isis"),
          ("hezbollah", "hts"), ("pmf", "isis"), ("saa", "isis")]  # fmt: skip
PLACES = {
    "Deir ez-Zor": (35.336, 40.146, "SY", 170794),
    "Raqqa": (35.952, 39.009, "SY", 163915),
    "Aleppo": (36.202, 37.159, "SY", 170063),
    "Idlib": (35.931, 36.634, "SY", 169389),
    "Homs": (34.727, 36.723, "SY", 169577),
    "Palmyra": (34.560, 38.267, "SY", 169113),
    "Manbij": (36.526, 37.955, "SY", 167605),
    "Afrin": (36.512, 36.869, "SY", 6943527),
    "Al-Bukamal": (34.453, 40.918, "SY", 173193),
    "Mayadin": (35.020, 40.452, "SY", 167046),
    "Hasakah": (36.502, 40.742, "SY", 173057),
    "Qamishli": (37.052, 41.232, "SY", 173811),
    "Daraa": (32.618, 36.102, "SY", 170592),
    "Hama": (35.133, 36.750, "SY", 170017),
    "Mosul": (36.335, 43.119, "IQ", 99072),
    "Tal Afar": (36.377, 42.449, "IQ", 94298),
    "Kirkuk": (35.468, 44.392, "IQ", 94787),
    "Fallujah": (33.349, 43.784, "IQ", 99347),
    "Ramadi": (33.420, 43.307, "IQ", 91012),
    "Al-Qaim": (34.369, 41.094, "IQ", 100077),
}
VERBS = {"ASSAULT": "attacked", "COERCE": "besieged", "MOBILIZE": "massed forces against",
         "THREATEN": "threatened", "ACCUSE": "accused"}  # fmt: skip
OUTLETS = [f"Wire {c}" for c in "ABCDEFGHIJKL"]
ENDPOINTS = [  # what the page asks, with the query strings it uses
    ("page", "/"),
    ("events", "/api/events?limit=500"),
    ("events?actor", "/api/events?actor=sdf&limit=500"),
    ("events?since", "/api/events?since=2018-06-01&until=2018-06-30&limit=500"),
    ("relations", "/api/relations?limit=500"),
    ("flashpoints", "/api/flashpoints?limit=500"),
    ("coalitions", "/api/coalitions"),
    ("brief", "/api/brief"),
    ("actors", "/api/actors?limit=500"),
    ("places", "/api/places?limit=500"),
    ("documents", "/api/documents?limit=50"),
    ("document", "/api/documents/{doc}"),
    ("path", "/api/path?a=usa&b=rus&max=3"),
]


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def invented(i: int, rng: random.Random) -> Analysis:
    """Document `i` of the benchmark store: one event between rivals, one patron relation."""
    a, b = rng.choice(RIVALS)
    if rng.random() < 0.5:
        a, b = b, a
    place = rng.choice(list(PLACES))
    kind = rng.choice(["ASSAULT", "ASSAULT", "ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "ACCUSE"])
    day = dt.date(2017, 1, 1) + dt.timedelta(days=rng.randrange(730))
    outlet = rng.choice(OUTLETS)
    name_a, name_b = ACTORS[a][0], ACTORS[b][0]
    first = f"{name_a} {VERBS[kind]} {name_b} near {place} on {day:%A}"
    patron = PATRONS.get(a)
    second = f"{ACTORS[patron][0]} backs {name_a}" if patron else f"{name_b} denied it"
    text = f"{first}. {second}. Report {i} of the load benchmark."
    digest = hashlib.sha1(f"bench|{i}".encode()).hexdigest()[:16]
    author = Attribution(kind="author", outlet=outlet)
    keys = sorted({a, b, *([patron] if patron else [])})
    actors = [
        Actor(id=k, name=ACTORS[k][0], kind=ACTORS[k][1], country=ACTORS[k][2],
              mentions=[_span(text, ACTORS[k][0])])
        for k in keys
    ]  # fmt: skip
    lat, lon, country, geonameid = PLACES[place]
    places = [Place(id="p1", name=place, lat=lat, lon=lon, country=country,
                    geonameid=geonameid, mentions=[_span(text, place)])]  # fmt: skip
    event = Event(id="e1", type=kind, source=a, target=b, place="p1",
                  date=DateRange(start=day, end=day, precision="day"),
                  evidence=_span(text, first), attribution=author)  # fmt: skip
    relations = []
    if patron:
        evidence = Evidence(**_span(text, second).model_dump(), attribution=author)
        relations.append(Relation(id="r1", type="patron_of", source=patron, target=a,
                                  evidence=[evidence]))  # fmt: skip
    published = day + dt.timedelta(days=rng.randrange(3))
    document = Document(id=f"doc_{digest}", title=first[:60], outlet=outlet,
                        published=published, text=text)  # fmt: skip
    return Analysis(document=document, actors=actors, places=places, events=[event],
                    relations=relations)  # fmt: skip


def build_store(url: str, n: int) -> None:
    """Fill the store up to `n` invented documents (documents already there are skipped)."""
    rng = random.Random(13)
    started = time.monotonic()
    with Database.open(url) as db:
        have = db.counts().get("documents", 0)
        if have >= n:
            print(f"store: {have} documents already in {url}")
            return
        for i in range(n):
            analysis = invented(i, rng)  # drawn in order, so the store is the same every time
            if i >= have:
                db.store(analysis, source=f"bench:{i}")
            if i and i % 1000 == 0:
                print(f"store: {i} documents, {time.monotonic() - started:.0f} s", flush=True)
        print(f"store: {db.counts()['documents']} documents in {time.monotonic() - started:.0f} s")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _reader(client: httpx.AsyncClient, who: int, rounds: int, doc_ids: list[str],
                  times: dict[str, list[float]], heads: dict[str, list[float]],
                  failures: dict[str, int]) -> None:  # fmt: skip
    rng = random.Random(who)
    for _ in range(rounds):
        order = ENDPOINTS[:]
        rng.shuffle(order)
        for name, path in order:
            url = path.replace("{doc}", rng.choice(doc_ids))
            started = time.perf_counter()
            first = None
            try:
                async with client.stream("GET", url) as answer:
                    first = time.perf_counter()  # the status line and headers are in
                    await answer.aread()
                    ok = answer.status_code == 200
            except httpx.HTTPError:
                ok = False
            done = time.perf_counter()
            times.setdefault(name, []).append((done - started) * 1000)
            heads.setdefault(name, []).append(((first or done) - started) * 1000)
            if not ok:
                failures[name] = failures.get(name, 0) + 1


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, from /proc (Linux), else None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


async def load(base: str, readers: int, rounds: int, deadline_s: float, server: int) -> None:
    """Run the readers against `base` and print the figures per endpoint."""
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:
        docs = (await client.get("/api/documents?limit=500")).json()["items"]
        doc_ids = [d["id"] for d in docs]
        print(f"\nfirst answers, one reader, nothing cached yet:\n{'endpoint':<14} {'ms':>8}")
        for name, path in ENDPOINTS:
            started = time.perf_counter()
            answer = await client.get(path.replace("{doc}", doc_ids[0]))
            elapsed = (time.perf_counter() - started) * 1000
            print(f"{name:<14} {elapsed:>8.1f}" + ("" if answer.status_code == 200 else " failed"))
        times: dict[str, list[float]] = {}
        heads: dict[str, list[float]] = {}
        failures: dict[str, int] = {}
        cpu_server, cpu_client = _cpu_seconds(server), _cpu_seconds(os.getpid())
        started = time.monotonic()
        tasks = [
            _reader(client, who, rounds, doc_ids, times, heads, failures) for who in range(readers)
        ]
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=deadline_s)
        wall = time.monotonic() - started
        cpu_server_end, cpu_client_end = _cpu_seconds(server), _cpu_seconds(os.getpid())
    total = sum(len(v) for v in times.values())
    print(f"\n{readers} readers x {rounds} rounds x {len(ENDPOINTS)} endpoints: "
          f"{total} requests in {wall:.1f} s ({total / wall:.1f} req/s)\n")  # fmt: skip
    if None not in (cpu_server, cpu_server_end, cpu_client, cpu_client_end):
        print(f"CPU during the load: server {cpu_server_end - cpu_server:.1f} s "
              f"({(cpu_server_end - cpu_server) / total * 1000:.2f} ms a request), "
              f"readers {cpu_client_end - cpu_client:.1f} s\n")  # fmt: skip
    print("whole answer (ms)                      headers in (ms)")
    print(f"{'endpoint':<14} {'n':>5} {'p50':>7} {'p99':>7} {'max':>7}   {'p50':>7} {'p99':>7}"
          f" {'failed':>6}")  # fmt: skip
    for name, _ in ENDPOINTS:
        values = times.get(name, [])
        if not values:
            continue
        first = heads[name]
        print(f"{name:<14} {len(values):>5} {statistics.median(values):>7.1f} "
              f"{_p(values, 0.99):>7.1f} {max(values):>7.1f}   {statistics.median(first):>7.1f} "
              f"{_p(first, 0.99):>7.1f} {failures.get(name, 0):>6}")  # fmt: skip


def _wrk_ms(text: str, label: str) -> float | None:
    """A latency percentile from `wrk --latency` output ("99%  12.34ms"), in ms."""
    for line in text.splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == label:
            value = parts[1]
            for unit, scale in (("us", 0.001), ("ms", 1.0), ("s", 1000.0), ("m", 60_000.0)):
                if value.endswith(unit):
                    return float(value[: -len(unit)]) * scale
    return None


def wrk_load(base: str, readers: int, seconds: int, doc_id: str) -> None:
    """Each endpoint in turn under `readers` connections of wrk (Debian's, a C load
    generator that costs the machine far less than Python readers), for `seconds` each."""
    print(f"\nwrk: {readers} connections on one endpoint at a time, {seconds} s each")
    print(f"{'endpoint':<14} {'requests':>8} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
    for name, path in ENDPOINTS:
        url = base + path.replace("{doc}", doc_id)
        done = subprocess.run(
            ["wrk", "-t2", f"-c{readers}", f"-d{seconds}s", "--timeout", "30s", "--latency", url],
            capture_output=True, text=True, timeout=seconds + 60,
        )  # fmt: skip
        lines = done.stdout.splitlines()
        count = next((ln.split()[0] for ln in lines if "requests in" in ln), "?")
        rate = next((ln.split()[1] for ln in lines if ln.startswith("Requests/sec")), "?")
        errors = [ln.strip() for ln in lines if "Non-2xx" in ln or "errors" in ln]
        out = done.stdout
        p50, p99 = _wrk_ms(out, "50%"), _wrk_ms(out, "99%")
        print(f"{name:<14} {count:>8} {rate:>8} {p50 or float('nan'):>8.1f} "
              f"{p99 or float('nan'):>8.1f} {' '.join(errors)}")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="store URL (default: a SQLite file in the temp folder)")
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3, help="passes over every endpoint")
    parser.add_argument("--deadline", type=float, default=1800, help="stop after N seconds")
    parser.add_argument(
        "--wrk", type=int, default=0, metavar="S",
        help="then load each endpoint for S seconds with Debian's wrk (apt-get install wrk)",
    )  # fmt: skip
    args = parser.parse_args()
    url = args.db or f"sqlite:///{Path(tempfile.gettempdir()) / 'flashpoint-bench-api.db'}"
    build_store(url, args.documents)
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent)) or "flashpoint"
    port = _free_port()
    server = subprocess.Popen(
        [exe, "serve", "--db", url, "--port", str(port), "--log-level", "warning"],
        stdout=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        asyncio.run(load(base, args.readers, args.rounds, args.deadline, server.pid))
        if args.wrk:
            if not shutil.which("wrk"):
                raise SystemExit("error: --wrk needs Debian's wrk (apt-get install wrk)")
            doc_id = httpx.get(f"{base}/api/documents?limit=1").json()["items"][0]["id"]
            wrk_load(base, args.readers, args.wrk, doc_id)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
