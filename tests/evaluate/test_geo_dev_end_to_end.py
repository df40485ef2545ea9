"""Our own LGL / TR-News-format dev set (data/eval/geo_dev.xml, written by the flashpoint
authors) run end to end through the installed `flashpoint geoparse --json`, scored as the
held-out corpora are: gold toponyms found, and accuracy@161 km on those found."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

from flashpoint.evaluate.geo import read_gold, score_geoparse_records

DEV = Path(str(files("flashpoint") / "data" / "eval" / "geo_dev.xml"))


def test_geo_dev_set_end_to_end_through_the_cli(tmp_path):
    articles = read_gold(DEV)
    assert len(articles) >= 5 and sum(len(a.toponyms) for a in articles) >= 50
    for number, article in enumerate(articles):
        (tmp_path / f"{number:02d}_{article.id}.txt").write_text(article.text, encoding="utf-8")
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert exe, "no flashpoint entry point beside this Python"
    result = subprocess.run(
        [exe, "geoparse", str(tmp_path), "--json"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    figures = score_geoparse_records(articles, records)
    assert figures["found"] >= 0.85, figures
    assert figures["resolution_on_found"]["acc161"] >= 0.89, figures
    # demonyms and places inside names are reported, marked, never as plain places
    roles = {t["role"] for r in records for t in r["toponyms"]}
    assert {"place", "embedded", "demonym"} <= roles
    for record in records:
        place_spans = {(m["start"], m["end"]) for p in record["places"] for m in p["mentions"]}
        for toponym in record["toponyms"]:
            if toponym["role"] != "place":
                assert (toponym["start"], toponym["end"]) not in place_spans


def test_geo_dev_set_scoring_counts_misses_and_far_points():
    article = read_gold(DEV)[0]
    first, second = article.toponyms[:2]
    record = {
        "toponyms": [
            {"start": first.start, "end": first.end, "lat": first.lat, "lon": first.lon},
            {"start": second.start, "end": second.end, "lat": -first.lat, "lon": 0.0},
        ]
    }
    figures = score_geoparse_records([article], [record])
    assert figures["found"] == round(2 / len(article.toponyms), 4)
    assert figures["resolution_on_found"]["acc161"] == 0.5
