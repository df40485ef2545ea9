"""Issue 15's findings on the store, exports and printing (4, 6, 7, 10): each test failed on
the code before it. Stores are filled with the invented reports of tests/store/factories.py.
"""

from __future__ import annotations

import hashlib
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from hardening import store_checks, targets

from flashpoint import errors
from flashpoint.errors import FlashpointError
from flashpoint.store.database import Database


def _command() -> list[str]:
    return [str(Path(sys.executable).with_name("flashpoint"))]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*_command(), *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def assert_one_line(done: subprocess.CompletedProcess, code: str) -> None:
    assert done.returncode != 0, done.stdout
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error[{code}]"), done.stderr


def filled(tmp_path: Path, n: int = 30) -> Path:
    path = tmp_path / "store.db"
    store_checks.write(f"sqlite:///{path}", store_checks.corpus(n))
    with sqlite3.connect(path) as connection:  # everything in the main file, none in -wal
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- 4. two first runs race on the schema ------------------------------------------------


def test_first_opens_of_a_new_store_at_once_all_succeed(tmp_path):
    for trial in range(3):
        url = f"sqlite:///{tmp_path / f'new-{trial}.db'}"
        outcomes = store_checks.write_concurrently(url, [[], [], []])
        assert [kind for kind, _ in outcomes] == ["ok", "ok", "ok"], outcomes


# --- 7. store errors are one line; damage is found and left alone --------------------------


def test_damaged_page_is_found_by_every_command_and_left_untouched(tmp_path):
    path = filled(tmp_path)
    pages = path.stat().st_size // 4096
    assert pages > 4
    with path.open("r+b") as handle:  # garbage over one page in the middle of the file
        handle.seek(4096 * (pages // 2))
        handle.write(b"\xa5" * 4096)
    before = digest(path)
    for command in ("stats", "relations", "places"):  # the last two once answered, exit 0
        done = run(command, "--db", f"sqlite:///{path}")
        assert_one_line(done, errors.DB_CORRUPT)
    assert digest(path) == before


def test_truncated_store_is_found_and_left_untouched(tmp_path):
    path = filled(tmp_path)
    with path.open("r+b") as handle:
        handle.truncate(path.stat().st_size // 2)
    before = digest(path)
    with pytest.raises(FlashpointError) as caught:
        Database.open(f"sqlite:///{path}", create=False)
    assert caught.value.code == errors.DB_CORRUPT
    assert digest(path) == before


def test_full_disk_is_one_line(tmp_path):
    path = filled(tmp_path, 3)
    with pytest.raises(FlashpointError) as caught, Database.open(f"sqlite:///{path}") as db:
        with db.engine.connect() as connection:  # the file may grow by no page more
            pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        db.engine.pool.dispose()
        from sqlalchemy import event

        event.listen(
            db.engine,
            "connect",
            lambda conn, _r: conn.execute(f"PRAGMA max_page_count={pages}"),
        )
        for analysis in store_checks.corpus(60)[3:]:
            db.store(analysis)
    assert caught.value.code == errors.DB_WRITE_FAILED and "full" in caught.value.message


def test_read_only_store_is_read_and_not_written(tmp_path, monkeypatch):
    """As root every file is writable, so the read-only folder is what os.access reports."""
    import os

    path = filled(tmp_path, 6)
    real = os.access

    def access(target, mode, *args, **kwargs):
        if mode & os.W_OK and Path(target).resolve() in (path.resolve(), path.parent.resolve()):
            return False
        return real(target, mode, *args, **kwargs)

    monkeypatch.setattr(os, "access", access)
    with Database.open(f"sqlite:///{path}", create=False) as db:
        assert db.counts()["documents"] == 6
    with pytest.raises(FlashpointError) as caught:
        Database.open(f"sqlite:///{path}")
    assert caught.value.code == errors.DB_WRITE_FAILED and "read-only" in caught.value.message


@pytest.mark.parametrize(
    ("url", "code"),
    [("mysql://user@host/db", errors.DB_URL_INVALID), ("oracle://x", errors.DB_URL_INVALID)],
)
def test_unsupported_database_url_is_one_line(url, code):
    with pytest.raises(FlashpointError) as caught:
        Database.open(url)
    assert caught.value.code == code


def test_db_naming_a_folder_is_one_line(tmp_path):
    done = run("stats", "--db", f"sqlite:///{tmp_path}")
    assert_one_line(done, errors.DB_URL_INVALID)
    assert "folder" in done.stderr


def test_stats_on_an_empty_file_leaves_it_empty(tmp_path):
    path = tmp_path / "empty.db"
    path.write_bytes(b"")
    done = run("stats", "--db", f"sqlite:///{path}")
    assert_one_line(done, errors.DB_NOT_FOUND)
    assert path.stat().st_size == 0


def test_graphml_export_of_control_characters_and_failed_export_leave_no_empty_file(tmp_path):
    from flashpoint.export import export

    out = tmp_path / "actors.graphml"
    with Database.open(f"sqlite:///{tmp_path / 's.db'}") as db:
        db.store(targets.synthetic_analysis("Brigade\x00\x01\x1b[2J of \x0bthe north"))
        export(db, "graphml", out)
        from lxml import etree

        names = etree.parse(str(out)).getroot().itertext()
        assert any("Brigade" in n for n in names)
        import flashpoint.export as exports

        def broken(_data, _handle):
            raise FlashpointError(errors.EXPORT_FAILED, "broken on purpose")

        spec = exports.FORMATS["json"]
        exports.FORMATS["json"] = exports.Format("json", broken, False, ".json", "events")
        try:
            with pytest.raises(FlashpointError):
                export(db, "json", tmp_path / "events.json")
        finally:
            exports.FORMATS["json"] = spec
    assert not (tmp_path / "events.json").exists()
    assert not list(tmp_path.glob(".*.partial"))


# --- 6. no formula in CSV cells, no escape sequence on the terminal ------------------------


@pytest.mark.parametrize("name", ['=HYPERLINK("http://x.invalid","y")', "+1+1", "@SUM(A1)", "-2+3"])
def test_acled_csv_cells_are_never_formulas(name):
    assert targets.export_names(name.encode()) == "ok"


def test_briefing_prints_no_escape_sequence_from_the_text():
    from rich.console import Console

    from flashpoint.cli.terminal import SafeConsole
    from flashpoint.present.briefing import render

    analysis = targets.synthetic_analysis("Brigade \x1b]0;owned\x07 \x1b[2J\x9b31m of the north")
    buffer = io.StringIO()
    render(analysis, SafeConsole(file=buffer, width=100, force_terminal=True))
    printed = buffer.getvalue()
    assert "Brigade" in printed
    assert "\x1b]0;" not in printed and "\x1b[2J" not in printed and "\x07" not in printed
    plain = io.StringIO()
    render(analysis, Console(file=plain, width=100, force_terminal=True))
    assert "\x1b]0;" in plain.getvalue()  # what a plain console would have let through


def test_briefing_prints_markup_from_the_text_as_text():
    """Found by scripts/fuzz.sh seed 7: a name holding Rich markup ('[/link]') was read as
    markup in the briefing's tables, and a closing tag with no opening one stopped it."""
    from flashpoint.cli.terminal import SafeConsole
    from flashpoint.model import Flashpoint, PathStep
    from flashpoint.present.briefing import render

    name = "[link=file:///etc/passwd]here[/link] [/] [bold]Brigade"
    analysis = targets.synthetic_analysis(name)
    analysis.flashpoints = [
        Flashpoint(
            place="p1",
            sides=[],
            score=0.9,
            path=[PathStep(actor="a1", relation="enemy_of"), PathStep(actor="a2")],
            evidence=["e1", "[/link]"],
        )
    ]
    analysis.opinions = [analysis.events[0].evidence]
    buffer = io.StringIO()
    render(analysis, SafeConsole(file=buffer, width=200, color_system=None))
    printed = buffer.getvalue()
    assert printed.count("[link=file:///etc/passwd]here[/link]") >= 4  # names, places, path
    assert "[/link]" in printed.split("Flashpoints")[1].split("\n\n")[0]  # the evidence cell


def test_store_tables_print_markup_and_escapes_inert(tmp_path):
    path = tmp_path / "s.db"
    with Database.open(f"sqlite:///{path}") as db:
        db.store(targets.synthetic_analysis("[/] Brigade \x1b[2J[bold]"))
    for command in ("events", "relations"):
        done = run(command, "--db", f"sqlite:///{path}")
        assert done.returncode == 0, done.stderr
        assert "\x1b[2J" not in done.stdout and "[/]" in done.stdout


# --- 10. smaller findings in the store --------------------------------------------------


def test_actor_filter_underscore_is_not_a_wildcard(tmp_path):
    from flashpoint.store.queries import find_actor_ids

    path = filled(tmp_path, 6)
    with Database.open(f"sqlite:///{path}", create=False) as db, db.connect() as connection:
        assert find_actor_ids(connection, "_") == []
        assert find_actor_ids(connection, "%") == []
        assert find_actor_ids(connection, "Syrian Arab") == ["saa"]
