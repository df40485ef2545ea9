"""The corpus commands as a newcomer meets them: stdin, flag names, and tables in 80 columns."""

from __future__ import annotations

import datetime as dt
import io
import json
import subprocess

import pytest
from serving import run_flashpoint

from flashpoint.model import Actor, Analysis, Attribution, DateRange, Document, Event, Place, Span

ARTICLE = (
    "Fighters of the Syrian Democratic Forces attacked Islamic State positions north of Raqqa "
    "on Tuesday, a spokesman said. Government troops shelled the town of Tabqa from the south.\n"
)


def flashpoint(*args: str, stdin: str | None = None, **env: str) -> subprocess.CompletedProcess:
    """The installed `flashpoint` script, as a user runs it, in an 80-column terminal."""
    return run_flashpoint(*args, stdin=stdin, columns=80, env=env)


def _span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start=start, end=start + len(phrase), text=phrase)


def _analysis(number: int) -> Analysis:
    """An invented report: a brigade fought the army for a month in the city or the province
    of Aleppo (a different brigade each time, so the events stay apart)."""
    where = "the city of Aleppo" if number % 2 else "Aleppo province"
    brigade = f"Brigade {number}"
    text = f"Report {number}: {brigade} and government forces fought in {where} for a month."
    city = Place(
        id="p_city", name="Aleppo", lat=36.202, lon=37.159, country="SY", geonameid=170063,
        feature="city", admin1="Aleppo", mentions=[_span(text, where)],
    )  # fmt: skip
    province = Place(
        id="p_province", name="Aleppo", lat=36.25, lon=37.5, country="SY", geonameid=170062,
        feature="admin1", admin1="Aleppo", mentions=[_span(text, where)],
    )  # fmt: skip
    place = city if number % 2 else province
    event = Event(
        id="e1",
        type="ASSAULT",
        source=f"brigade_{number}",
        target="government",
        place=place.id,
        date=DateRange(
            start=dt.date(2015, 2, 1), end=dt.date(2015, 2, 28), precision="month", text="a month"
        ),
        evidence=_span(text, text),
        attribution=Attribution(kind="author", outlet=f"Outlet {number}"),
    )
    actors = [
        Actor(
            id=f"brigade_{number}",
            name=brigade,
            kind="armed_group",
            mentions=[_span(text, brigade)],
        ),
        Actor(
            id="government",
            name="government forces",
            kind="armed_forces",
            mentions=[_span(text, "government forces")],
        ),
    ]
    document = Document(
        id=f"doc_{number:04d}",
        outlet=f"Outlet {number}",
        published=dt.date(2015, 3, 1) + dt.timedelta(days=number),
        text=text,
    )
    return Analysis(document=document, actors=actors, places=[place], events=[event])


@pytest.fixture(scope="module")
def store_url(tmp_path_factory) -> str:
    from flashpoint.store.database import Database

    url = f"sqlite:///{tmp_path_factory.mktemp('store') / 'cli.db'}"
    with Database.open(url) as db:
        for number in range(70):
            db.store(_analysis(number), source=f"report{number}.txt")
    return url


def test_cli_corpus_read_stdin_text_or_jsonl():
    from flashpoint.ingest.corpus import CorpusOptions, read_stdin

    rows = [{"text": ARTICLE, "title": "One"}, {"text": ARTICLE.replace("Tuesday", "Friday")}]
    jsonl = "\n".join(json.dumps(r) for r in rows).encode()
    items = list(read_stdin(CorpusOptions(), io.BytesIO(jsonl)))
    assert [i.source for i in items] == ["stdin#line=1", "stdin#line=2"]
    assert items[0].document.title == "One" and "Friday" in items[1].document.text
    (item,) = read_stdin(CorpusOptions(), io.BytesIO(ARTICLE.encode()))
    assert item.ok and item.document.text.startswith("Fighters")
    (forced,) = read_stdin(CorpusOptions(stdin_format="text"), io.BytesIO(jsonl))
    assert forced.ok and forced.document.text.startswith('{"text"')
    broken = list(read_stdin(CorpusOptions(stdin_format="jsonl"), io.BytesIO(b"not json\n")))
    assert [i.ok for i in broken] == [False]


def test_cli_corpus_ingest_reads_stdin(tmp_path):
    url = f"sqlite:///{tmp_path / 'stdin.db'}"
    result = flashpoint("ingest", "-", "--db", url, "--json", stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["stored"] == 1 and summary["rejected"] == 0, summary
    stats = json.loads(flashpoint("stats", "--db", url, "--json").stdout)
    assert stats["documents"] == 1


def test_cli_corpus_ingest_language_check_flag_reads_naturally():
    result = flashpoint("ingest", "--help")
    assert result.returncode == 0, result.stderr
    assert "--no-language-check" in result.stdout
    assert "--no-no-language-check" not in result.stdout
    assert "jsonl" in result.stdout  # --format for standard input


def test_cli_corpus_tables_keep_dates_whole_and_summarise_long_lists(store_url):
    result = flashpoint("events", "--db", store_url)
    assert result.returncode == 0, result.stderr
    assert "2015-02-01 " in result.stdout and "..2015-02-28 " in result.stdout
    assert "2015-02…" not in result.stdout and "…" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    assert "... and " in result.stdout and "--json" in result.stdout
    limited = flashpoint("events", "--db", store_url, "--limit", "3")
    assert limited.stdout.count("..2015-02-28") == 3
    assert "more" not in limited.stdout


def test_cli_corpus_actor_registry_fits_a_terminal():
    result = flashpoint("actors")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) < 400, len(lines)
    assert "more; use --limit" in result.stdout
    assert max(len(line) for line in lines) <= 80
    full = json.loads(flashpoint("actors", "--json").stdout)
    assert len(full) > 100  # --json still gives every actor


def test_cli_corpus_places_tell_same_named_places_apart(store_url):
    result = flashpoint("places", "--db", store_url, COLUMNS="120")
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if "Aleppo" in line]
    assert len(rows) == 2, result.stdout
    assert rows[0] != rows[1]
    assert any("city" in r for r in rows) and any("admin1" in r for r in rows)
    assert any("Aleppo, SY" in r for r in rows)
