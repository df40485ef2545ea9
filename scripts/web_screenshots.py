"""Screenshots of each view of the page, from a real browser, into docs/img/.

    python scripts/web_screenshots.py                   # ingests examples/ into a temp store
    python scripts/web_screenshots.py --db sqlite:///corpus.db --out docs/img

Ingests the example articles (our own, in examples/, with the title, outlet and date that
examples/metadata.yaml gives them) with `flashpoint ingest`, starts the
installed `flashpoint serve`, and has Debian's chromium (through Playwright, no download)
take the whole page, the map, the network, the timeline, the briefing, the page filtered to
the most mentioned actor, the document view and /docs. Needs the built page and
/usr/bin/chromium (or FLASHPOINT_CHROMIUM).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def _exe() -> str:
    return shutil.which("flashpoint", path=str(Path(sys.executable).parent)) or "flashpoint"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def example_corpus() -> str:
    """The example articles as JSON Lines, with the title, outlet and date that
    examples/metadata.yaml gives each (a folder ingest would not read them)."""
    metadata = yaml.safe_load((ROOT / "examples" / "metadata.yaml").read_text(encoding="utf-8"))
    rows = []
    for name, info in sorted(metadata.items()):
        if not name.endswith(".txt"):
            continue
        text = (ROOT / "examples" / name).read_text(encoding="utf-8")
        row = {"text": text, "title": info.get("title"), "outlet": info.get("outlet")}
        rows.append(json.dumps({**row, "published": str(info.get("published"))}))
    return "\n".join(rows) + "\n"


def _ready(page, after: int = 0) -> None:
    page.wait_for_function(f"() => Number(document.body.dataset.shown || 0) > {after}")
    page.wait_for_selector("#map[data-basemap]")
    page.wait_for_timeout(500)  # let the map and the graph settle before the picture


def shoot(base: str, out: Path) -> list[Path]:
    """Every view as a PNG in `out`; returns the files written."""
    chromium = os.environ.get("FLASHPOINT_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        raise SystemExit("error: Debian's chromium is not installed (apt-get install chromium)")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 950})
        page.set_default_timeout(60_000)
        page.goto(base + "/")
        _ready(page)
        for name, selector in (("page", None), ("map", "#map-view"),
                               ("network", "#network-view"), ("timeline", "#timeline-view"),
                               ("briefing", "#side")):  # fmt: skip
            path = out / f"web-{name}.png"
            (page.locator(selector) if selector else page).screenshot(path=str(path))
            written.append(path)
        actor = httpx.get(f"{base}/api/actors", params={"limit": 1}).json()["items"][0]["id"]
        page.goto(f"{base}/?actor={actor}")  # the most mentioned actor, as a click would set
        _ready(page)
        path = out / "web-filtered.png"
        page.screenshot(path=str(path))
        written.append(path)
        events = httpx.get(f"{base}/api/events", params={"limit": 50}).json()["items"]
        report = next(r for e in events for r in e["reports"] if r.get("start") is not None)
        query = f"?doc={report['document_id']}&at={report['start']}-{report['end']}"
        page.goto(base + "/" + query)
        _ready(page)
        path = out / "web-document.png"
        page.locator("#side").screenshot(path=str(path))
        written.append(path)
        page.goto(base + "/docs")
        page.wait_for_selector(".swagger-ui .opblock")
        path = out / "web-docs.png"
        page.screenshot(path=str(path))
        written.append(path)
        browser.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", help="an existing store (default: examples/ ingested afresh)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img")
    args = parser.parse_args()
    url = args.db
    if not url:
        folder = Path(tempfile.mkdtemp())
        url = f"sqlite:///{folder / 'examples.db'}"
        corpus = folder / "examples.jsonl"
        corpus.write_text(example_corpus(), encoding="utf-8")
        subprocess.run([_exe(), "ingest", str(corpus), "--db", url], check=True)
    port = _free_port()
    server = subprocess.Popen(
        [_exe(), "serve", "--db", url, "--port", str(port), "--log-level", "warning"]
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                httpx.get(f"{base}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        for path in shoot(base, args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        server.terminate()
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    sys.exit(main())
