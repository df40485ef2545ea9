"""Numbers that are not years: clock times and counts stay unresolved; far years need evidence."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.resolve.dates import resolve_date

D = dt.date
PUB = D(2019, 3, 8)  # a Friday


@pytest.mark.parametrize(
    "expression",
    [
        "0914",  # "Sat 09 Mar 2019 at 0914 the governor said ..."
        "at 0914",
        "around 1130",
        "around 1130 am",
        "1130",
        "0530",
        "at 2215",
        "14:30 GMT",
        "1850",  # a bare number before 1900, no era
        "1200-1300",
        "2099",  # a bare number long after publication
        "1961",  # ... or long before it
    ],
)
def test_dates_plausible_bare_numbers_are_not_years(expression):
    result = resolve_date(expression, PUB)
    assert (result.start, result.end, result.precision) == (None, None, "unknown")
    assert result.text == expression


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        # a clock time beside a date is dropped, the date kept
        ("Fri 08 Mar 2019 at 0914", D(2019, 3, 8), D(2019, 3, 8), "day"),
        ("Wednesday, March 6, 2019", D(2019, 3, 6), D(2019, 3, 6), "day"),
        ("at 0530 on Tuesday", D(2019, 3, 5), D(2019, 3, 5), "day"),
        ("on Tuesday at 14:30", D(2019, 3, 5), D(2019, 3, 5), "day"),
        # a bare year close to publication is a year
        ("2016", D(2016, 1, 1), D(2016, 12, 31), "year"),
        # far years with words that make them years
        ("in 1961", D(1961, 1, 1), D(1961, 12, 31), "year"),
        ("since 1946", D(1946, 1, 1), PUB, "range"),
        ("April 1975", D(1975, 4, 1), D(1975, 4, 30), "month"),
        ("the 1970s", D(1970, 1, 1), D(1979, 12, 31), "range"),
        ("by 2040", D(2040, 1, 1), D(2040, 12, 31), "year"),
        ("the year 1916", D(1916, 1, 1), D(1916, 12, 31), "year"),
        ("AD 1187", D(1187, 1, 1), D(1187, 12, 31), "year"),
        ("for 40 years", D(1979, 3, 8), PUB, "range"),
    ],
)
def test_dates_plausible_years_with_evidence_resolve(expression, start, end, precision):
    result = resolve_date(expression, PUB)
    assert (result.start, result.end, result.precision) == (start, end, precision)


def test_dates_plausible_without_publication_only_the_era_rule_applies():
    assert resolve_date("1961", None).start == D(1961, 1, 1)
    assert resolve_date("1130", None).precision == "unknown"
    assert resolve_date("1850", None).precision == "unknown"


def test_dates_plausible_event_not_dated_by_a_clock_time():
    """The whole path: an event in a sentence with a military time is never dated in 914."""
    from flashpoint.pipeline import Analyzer

    analyzer = Analyzer.from_defaults()
    text = (
        "Shelling reported in Homs\n\n"
        "Sat 09 Mar 2019 at 0914 the governor of Homs said rebels shelled the old city. "
        "Residents said the army attacked the northern districts around 1130 am."
    )
    result = analyzer.analyze_text(text, published=PUB)
    assert result.events
    for event in result.events:
        assert event.date.start is None or event.date.start.year >= 2018, event.date
