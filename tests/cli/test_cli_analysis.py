"""The analysis commands through the installed entry point: happy paths and bad input."""

from __future__ import annotations

import importlib.util
import json
import subprocess
from pathlib import Path

import pytest
from serving import run_flashpoint

_spec = importlib.util.spec_from_file_location(
    "flashpoint_store_factories", Path(__file__).resolve().parents[1] / "store" / "factories.py"
)
factories = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(factories)

# The invented corpus names its actors usa, rus, sdf and saa: a registry of our own gives
# them their patrons and the rivalry (sdf replaces the shipped entry).
REGISTRY = """
- {id: usa, name: United States, kind: state, country: US, rivals: [rus]}
- {id: rus, name: Russia, kind: state, country: RU, rivals: [usa]}
- {id: saa, name: Syrian Arab Army, kind: armed_forces, country: SY,
   patrons: [{id: rus, since: 2015}]}
- {id: sdf, name: Syrian Democratic Forces, kind: armed_group, country: SY,
   patrons: [{id: usa, since: 2015}], active: {from: 2015}}
"""


def flashpoint(*args: str) -> subprocess.CompletedProcess:
    return run_flashpoint(*args)


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> tuple[str, str]:
    from flashpoint.store.database import Database

    folder = tmp_path_factory.mktemp("analysis")
    url = f"sqlite:///{folder / 'store.db'}"
    with Database.open(url) as db:
        for analysis in factories.corpus():
            db.store(analysis, source="test")
    registry = folder / "theatre.yaml"
    registry.write_text(REGISTRY, encoding="utf-8")
    return url, str(registry)


def _ok(done: subprocess.CompletedProcess) -> str:
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


def _one_line_error(done: subprocess.CompletedProcess, code: str) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error[{code}]"), done.stderr


def test_cli_analysis_flashpoints_json_and_table(store):
    url, registry = store
    args = ("flashpoints", "--db", url, "--registry", registry, "--since", "2017-09-01")
    out = _ok(flashpoint(*args, "--until", "2017-09-30", "--json"))
    data = json.loads(out)
    best = data[0]
    assert best["place"]["name"] == "Deir ez-Zor" and best["place"]["country"] == "SY"
    path = [s["actor"]["id"] for s in best["path"]]
    assert path in (["usa", "sdf", "saa", "rus"], ["rus", "saa", "sdf", "usa"])
    # two outlets call them enemies, which the registry does not record: the clash decides
    assert [s["relation"] for s in best["path"]] == ["patron_of", "attacked", "client_of", None]
    assert best["opposition"] == "may clash with" and best["base"] == 0.75
    patrons = [s["patrons"][0]["id"] for s in best["sides"]]
    assert patrons == [path[0], path[-1]]
    assert best["trend"] == "rising"  # nothing at Deir ez-Zor in August
    assert best["first_seen"] == best["last_seen"] == "2017-09-17"
    assert {e["outlet"] for e in best["evidence"]} <= {"Outlet A", "Outlet B", "Outlet C"}
    assert out == _ok(flashpoint(*args, "--until", "2017-09-30", "--json"))  # deterministic
    table = _ok(flashpoint(*args, "--until", "2017-09-30"))
    assert "Deir ez-Zor" in table and "✕" in table and "→" in table


def test_cli_analysis_path_and_coalitions(store):
    url, registry = store
    common = ("--db", url, "--registry", registry)
    found = json.loads(_ok(flashpoint("path", "usa", "Russia", "--max", "2", *common, "--json")))
    steps = found[0]["steps"]
    assert [s["actor"]["name"] for s in steps] == [
        "United States",
        "Syrian Democratic Forces",
        "Syrian Arab Army",
        "Russia",
    ]
    assert steps[1]["relation"] in {"enemy_of", "attacked"} and steps[1]["evidence"] >= 2
    assert steps[1]["best"]["outlet"] in {"Outlet A", "Outlet C"}
    rivals = json.loads(_ok(flashpoint("path", *common, "--json")))
    assert rivals and rivals[0]["steps"][0]["actor"]["id"] in {"usa", "rus"}
    camps = json.loads(_ok(flashpoint("coalitions", *common, "--at", "2017-09-30", "--json")))
    assert {"id", "name", "members", "core", "opposes"} <= set(camps[0])
    by_member = {m["id"]: c for c in camps for m in c["members"]}
    assert by_member["sdf"]["id"] != by_member["saa"]["id"]
    assert by_member["saa"]["id"] in by_member["sdf"]["opposes"]


def test_cli_analysis_brief_formats(store, tmp_path):
    url, registry = store
    common = ("--db", url, "--registry", registry, "--since", "2017-09-01")
    markdown = _ok(flashpoint("brief", *common, "--until", "2017-09-30"))
    assert markdown.startswith("# Situation report, 2017-09-01 to 2017-09-30")
    assert "## Leading flashpoints" in markdown and "- Deir ez-Zor: " in markdown
    assert "[Outlet" in markdown
    out = tmp_path / "brief.html"
    _ok(flashpoint("brief", *common, "--format", "html", "-o", str(out)))
    assert "<cite>[Outlet" in out.read_text(encoding="utf-8")
    data = json.loads(_ok(flashpoint("brief", *common, "--json")))
    assert data["sections"][0]["title"] == "Leading flashpoints"


def test_cli_analysis_bad_input(store, tmp_path):
    url, registry = store
    _one_line_error(flashpoint("path", "Nobody Anywhere", "saa", "--db", url), "E405")
    _one_line_error(flashpoint("flashpoints", "--db", url, "--region", "Atlantis"), "E702")
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    _ok(flashpoint("db", "upgrade", "--db", empty))
    for command in ("flashpoints", "coalitions", "path", "brief"):
        _one_line_error(flashpoint(command, "--db", empty), "E701")
    _one_line_error(flashpoint("flashpoints", "--db", f"sqlite:///{tmp_path / 'no.db'}"), "E405")
    bad = flashpoint("flashpoints", "--db", url, "--window", "3 fortnights")
    assert bad.returncode == 2 and "want a length such as 30d" in bad.stderr
    assert "Traceback" not in bad.stderr
    one = flashpoint("path", "usa", "--db", url)
    assert one.returncode == 2 and "give two actors" in one.stderr
