"""The hand-reading sampler can leave out articles that an earlier reading already drew on."""

from __future__ import annotations

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "sample_relations.py"


def _sampler():
    spec = importlib.util.spec_from_file_location("sample_relations", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rows_come_only_from_tables_with_a_row_column(tmp_path: Path) -> None:
    page = tmp_path / "readings.md"
    page.write_text(
        "# Readings\n\n"
        "| type | read | correct |\n|---|---:|---:|\n| enemy_of | 56 | 42 |\n\n"
        "| # | FA-KES row | type | source | target | correct | why |\n"
        "|---:|---:|---|---|---|---|---|\n"
        "| 1 | 13 | enemy_of | A | B | yes |  |\n"
        "| 2 | 402 | leads | C | D | no | 7 is not a row |\n\n"
        "A paragraph that mentions 99.\n\n"
        "| # | FA-KES row | type |\n|---|---|---|\n| 1 | 5 | ally_of |\n",
        encoding="utf-8",
    )
    assert _sampler().rows_already_read(page) == {13, 402, 5}


def test_the_shipped_readings_page_lists_rows() -> None:
    page = SCRIPT.parents[1] / "docs" / "relations-read.md"
    rows = _sampler().rows_already_read(page)
    assert len(rows) > 100
    assert all(row >= 0 for row in rows)


def test_the_judged_relations_are_read_from_the_same_tables(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.syspath_prepend(str(SCRIPT.parent))
    spec = importlib.util.spec_from_file_location(
        "judged_relations", SCRIPT.parent / "judged_relations.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    page = tmp_path / "readings.md"
    page.write_text(
        "| # | FA-KES row | type | source | target | correct | why |\n"
        "|---:|---:|---|---|---|---|---|\n"
        "| 1 | 13 | enemy_of | B | A | yes |  |\n"
        "| 2 | 402 | leads | C | D | no | not the leader |\n"
        "| 3 | 7 | member_of | E | F | close call |  |\n",
        encoding="utf-8",
    )
    assert module.judged_relations(page) == {
        (13, "enemy_of", "A", "B"): True,
        (402, "leads", "C", "D"): False,
    }
