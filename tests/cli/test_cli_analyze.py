"""The `flashpoint` command as a user runs it: real subprocesses, real files, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "yemen_marib_offensive.txt"

ARTICLE = (
    "Rebel fighters of the Syrian Democratic Forces (SDF), a U.S.-backed alliance, attacked "
    "Islamic State positions north of Raqqa on Tuesday, a spokesman told Reuters. Syrian "
    "government forces backed by Russia advanced on the same area from the south, and the SDF "
    "said it would respond if government troops fired on its men.\n"
)


def run(*args: str, stdin: bytes | None = None, env: dict | None = None):
    return subprocess.run(
        [sys.executable, "-m", "flashpoint", *args],
        input=stdin,
        capture_output=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def assert_one_line_error(result, code: str) -> None:
    assert result.returncode != 0
    lines = result.stderr.decode().strip().splitlines()
    assert len(lines) == 1, result.stderr.decode()
    assert lines[0].startswith(f"error[{code}]"), lines[0]
    assert "Traceback" not in result.stderr.decode()


def test_cli_analyze_json_validates_against_shipped_schema():
    from flashpoint.present.schema import shipped_schema

    result = run("analyze", str(EXAMPLE), "--json")
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    jsonschema.validate(data, shipped_schema())
    text = data["document"]["text"]
    for item in data["actors"] + data["places"]:
        for mention in item["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]
    for item in data["events"]:
        span = item["evidence"]
        assert text[span["start"] : span["end"]] == span["text"]
    assert data["document"]["published"] == "2021-02-18"  # from examples/metadata.yaml


def test_cli_analyze_reads_stdin_and_metadata_flags():
    result = run(
        "analyze",
        "-",
        "--json",
        "--published",
        "2019-10-15",
        "--outlet",
        "Test Wire",
        stdin=ARTICLE.encode(),
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    assert data["document"]["outlet"] == "Test Wire"
    ids = {a["id"] for a in data["actors"]}
    assert {"sdf", "islamic_state"} <= ids
    patron = [r for r in data["relations"] if r["type"] == "patron_of" and r["target"] == "sdf"]
    assert patron and patron[0]["source"] == "united_states"
    tuesday = [e for e in data["events"] if e["type"] == "ASSAULT" and e["source"] == "sdf"]
    assert tuesday and tuesday[0]["date"]["start"] == "2019-10-15"


def test_cli_briefing_prints_sections():
    result = run("analyze", str(EXAMPLE))
    assert result.returncode == 0, result.stderr.decode()
    out = result.stdout.decode()
    for heading in ("flashpoint briefing", "Events", "Actors"):
        assert heading in out


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("empty.txt", b"   \n\n", "E102"),
        ("binary.bin", bytes(range(256)) * 40, "E103"),
        (
            "latin1.txt",
            "Les forces gouvernementales ont attaqué à l'aube.".encode("latin-1"),
            "E105",
        ),
        (
            "french.txt",
            (
                "Les forces du gouvernement ont lancé une offensive contre les rebelles "
                "dans le nord du pays, selon des sources locales qui ont parlé à la presse. "
                "Le ministre a déclaré que les combats dureraient encore plusieurs jours "
                "et que la ville serait bientôt reprise par l'armée nationale."
            ).encode(),
            "E106",
        ),
        ("broken.html", b"<html><head><title>x</title></head><body><div><<<</div>", "E107"),
    ],
)
def test_cli_bad_input_one_line_error(tmp_path, name, content, code):
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_line_error(run("analyze", str(path)), code)


def test_cli_huge_file_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    assert_one_line_error(run("analyze", str(path)), "E104")


def test_cli_missing_file_and_unreachable_url(tmp_path):
    assert_one_line_error(run("analyze", str(tmp_path / "nope.txt")), "E101")
    assert_one_line_error(run("analyze", "http://127.0.0.1:9/article.html"), "E108")


def test_cli_invalid_registry_yaml(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: x\n  name: [unclosed\n", encoding="utf-8")
    assert_one_line_error(run("analyze", str(EXAMPLE), "--registry", str(bad)), "E301")
    unknown = tmp_path / "unknown.yaml"
    unknown.write_text(
        "- id: my_militia\n  name: My Militia\n  kind: militia\n  patrons: [{id: no_such_actor}]\n",
        encoding="utf-8",
    )
    assert_one_line_error(run("actors", "--registry", str(unknown)), "E301")


def test_cli_registry_override_adds_actor(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "- id: kassara_defenders\n  name: Kassara Defence Brigade\n  kind: militia\n"
        "  country: YE\n  aliases: [Kassara Defence Brigade, KDB]\n",
        encoding="utf-8",
    )
    text = (
        "The Kassara Defence Brigade (KDB) attacked Houthi fighters near Marib on Monday, "
        "local officials said.\n"
    )
    result = run("analyze", "-", "--json", "--registry", str(extra), stdin=text.encode())
    assert result.returncode == 0, result.stderr.decode()
    actors = {a["id"]: a for a in json.loads(result.stdout)["actors"]}
    assert actors["kassara_defenders"]["known"] is True
    listing = run("actors", "--registry", str(extra), "--json")
    assert any(a["id"] == "kassara_defenders" for a in json.loads(listing.stdout))


def test_cli_shipped_schema_matches_records():
    from flashpoint.present.schema import generate_schema, shipped_schema

    assert shipped_schema() == generate_schema(), (
        "run `flashpoint schema > src/flashpoint/data/schema/analysis.schema.json`"
    )
