"""A corpus cell's date: the numeric month-first shortcut reads what dateparser reads."""

from __future__ import annotations

import datetime as dt

import dateparser
import pytest

from flashpoint.ingest.corpus import parse_date

CELLS = [
    f"{month}/{day}/{year}"
    for month in (0, 1, 2, 9, 12, 13, 25)
    for day in (0, 1, 12, 13, 28, 29, 31, 32)
    for year in (2016, 2019)
]


@pytest.mark.parametrize("cell", CELLS)
def test_parse_date_month_first_cells_read_as_dateparser_reads_them(cell):
    parsed = dateparser.parse(
        cell, languages=["en"], settings={"DATE_ORDER": "MDY", "PREFER_DAY_OF_MONTH": "first"}
    )
    assert parse_date(cell) == (parsed.date() if parsed else None)


def test_parse_date_iso_and_words():
    assert parse_date("2017-04-05T10:00:00") == dt.date(2017, 4, 5)
    assert parse_date(" 4/5/2017 ") == dt.date(2017, 4, 5)
    assert parse_date("April 5, 2017") == dt.date(2017, 4, 5)
    assert parse_date("") is None
