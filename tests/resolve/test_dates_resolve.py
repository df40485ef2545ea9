"""Date phrases resolved against the publication date, one row per rule."""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.resolve.dates import find_date_expressions, resolve_date

D = dt.date
TUE = D(2017, 9, 12)  # a Tuesday in September
WED_FEB = D(2017, 2, 8)  # a Wednesday in February, for year rollover

CASES = [
    # weekdays: the last one on or before publication; "last" is strictly before
    ("on Tuesday", TUE, D(2017, 9, 12), D(2017, 9, 12), "day"),
    ("Friday night", TUE, D(2017, 9, 8), D(2017, 9, 8), "day"),
    ("last Tuesday", TUE, D(2017, 9, 5), D(2017, 9, 5), "day"),
    ("next Tuesday", TUE, D(2017, 9, 19), D(2017, 9, 19), "day"),
    ("early Sunday", WED_FEB, D(2017, 2, 5), D(2017, 2, 5), "day"),
    # months without a year: this year, or last year when the month is still to come
    ("in June", TUE, D(2017, 6, 1), D(2017, 6, 30), "month"),
    ("in September", TUE, D(2017, 9, 1), D(2017, 9, 30), "month"),
    ("in December", WED_FEB, D(2016, 12, 1), D(2016, 12, 31), "month"),
    ("last September", TUE, D(2016, 9, 1), D(2016, 9, 30), "month"),
    ("next June", TUE, D(2018, 6, 1), D(2018, 6, 30), "month"),
    ("mid-June", TUE, D(2017, 6, 11), D(2017, 6, 20), "range"),
    ("late December", WED_FEB, D(2016, 12, 21), D(2016, 12, 31), "range"),
    ("12 June", TUE, D(2017, 6, 12), D(2017, 6, 12), "day"),
    ("Sept. 12", TUE, D(2017, 9, 12), D(2017, 9, 12), "day"),
    ("December 31", WED_FEB, D(2016, 12, 31), D(2016, 12, 31), "day"),
    # absolute forms
    ("June 2017", TUE, D(2017, 6, 1), D(2017, 6, 30), "month"),
    ("Feb 2016", TUE, D(2016, 2, 1), D(2016, 2, 29), "month"),
    ("12 June 2017", TUE, D(2017, 6, 12), D(2017, 6, 12), "day"),
    ("the 12th of June, 2017", TUE, D(2017, 6, 12), D(2017, 6, 12), "day"),
    ("June 12, 2017", TUE, D(2017, 6, 12), D(2017, 6, 12), "day"),
    ("2017-06-12", TUE, D(2017, 6, 12), D(2017, 6, 12), "day"),
    ("throughout 2017", TUE, D(2017, 1, 1), D(2017, 12, 31), "year"),
    ("in 2014", TUE, D(2014, 1, 1), D(2014, 12, 31), "year"),
    ("early 2016", TUE, D(2016, 1, 1), D(2016, 4, 30), "range"),
    ("the end of 2015", TUE, D(2015, 9, 1), D(2015, 12, 31), "range"),
    ("the 1990s", TUE, D(1990, 1, 1), D(1999, 12, 31), "range"),
    ("2011-13", TUE, D(2011, 1, 1), D(2013, 12, 31), "range"),
    ("summer 2016", TUE, D(2016, 6, 1), D(2016, 8, 31), "range"),
    ("between 2014 and 2016", TUE, D(2014, 1, 1), D(2016, 12, 31), "range"),
    # relative to the publication date
    ("earlier this year", TUE, D(2017, 1, 1), TUE, "range"),
    ("earlier in 2017", TUE, D(2017, 1, 1), TUE, "range"),
    ("later this year", TUE, D(2017, 9, 13), D(2017, 12, 31), "range"),
    ("earlier this month", TUE, D(2017, 9, 1), TUE, "range"),
    ("this month", TUE, D(2017, 9, 1), D(2017, 9, 30), "month"),
    ("last month", WED_FEB, D(2017, 1, 1), D(2017, 1, 31), "month"),
    ("next month", TUE, D(2017, 10, 1), D(2017, 10, 31), "month"),
    ("this week", TUE, D(2017, 9, 11), D(2017, 9, 17), "range"),
    ("last week", TUE, D(2017, 9, 4), D(2017, 9, 10), "range"),
    ("the weekend", TUE, D(2017, 9, 9), D(2017, 9, 10), "range"),
    ("this year", TUE, D(2017, 1, 1), D(2017, 12, 31), "year"),
    ("last year", WED_FEB, D(2016, 1, 1), D(2016, 12, 31), "year"),
    ("late last year", WED_FEB, D(2016, 9, 1), D(2016, 12, 31), "range"),
    ("the past year", TUE, D(2016, 9, 12), TUE, "range"),
    ("the past two years", TUE, D(2015, 9, 12), TUE, "range"),
    ("yesterday", TUE, D(2017, 9, 11), D(2017, 9, 11), "day"),
    ("last night", WED_FEB, D(2017, 2, 7), D(2017, 2, 7), "day"),
    ("today", TUE, TUE, TUE, "day"),
    ("three days ago", TUE, D(2017, 9, 9), D(2017, 9, 9), "day"),
    ("two months ago", TUE, D(2017, 7, 1), D(2017, 7, 31), "month"),
    ("recently", TUE, D(2017, 8, 13), TUE, "range"),
    ("Just recently", TUE, D(2017, 8, 13), TUE, "range"),
    ("in recent weeks", TUE, D(2017, 8, 15), TUE, "range"),
    ("for years", TUE, None, TUE, "range"),
    ("for months", TUE, None, TUE, "range"),
    ("for some months now", TUE, None, TUE, "range"),
    ("for three years", TUE, D(2014, 9, 12), TUE, "range"),
    ("since 2015", TUE, D(2015, 1, 1), TUE, "range"),
    ("since June", TUE, D(2017, 6, 1), TUE, "range"),
    ("since last year", WED_FEB, D(2016, 1, 1), WED_FEB, "range"),
    ("in the coming weeks", TUE, D(2017, 9, 13), D(2017, 10, 10), "range"),
    ("in the next two weeks", TUE, D(2017, 9, 13), D(2017, 9, 26), "range"),
    ("tomorrow", TUE, D(2017, 9, 13), D(2017, 9, 13), "day"),
]


@pytest.mark.parametrize(("expression", "published", "start", "end", "precision"), CASES)
def test_dates_resolve_rule(expression, published, start, end, precision):
    result = resolve_date(expression, published)
    assert (result.start, result.end, result.precision) == (start, end, precision)
    assert result.text == expression


@pytest.mark.parametrize(
    "expression",
    [
        "on Tuesday",
        "in June",
        "earlier this year",
        "recently",
        "yesterday",
        "last month",
        "for years",
        "12 June",
        "in the coming weeks",
        "two weeks ago",
    ],
)
def test_dates_relative_without_publication_is_unknown(expression):
    result = resolve_date(expression, None)
    assert (result.start, result.end, result.precision) == (None, None, "unknown")
    assert result.text == expression


@pytest.mark.parametrize(
    ("expression", "start", "end", "precision"),
    [
        ("June 2017", D(2017, 6, 1), D(2017, 6, 30), "month"),
        ("throughout 2017", D(2017, 1, 1), D(2017, 12, 31), "year"),
        ("12 June 2017", D(2017, 6, 12), D(2017, 6, 12), "day"),
        ("since 2015", D(2015, 1, 1), None, "range"),
    ],
)
def test_dates_absolute_without_publication_still_resolve(expression, start, end, precision):
    result = resolve_date(expression, None)
    assert (result.start, result.end, result.precision) == (start, end, precision)


@pytest.mark.parametrize(
    "expression",
    ["five-year", "4,000", "decades", "the following day", "annual", "31 February 2017", ""],
)
def test_dates_not_a_resolvable_date(expression):
    result = resolve_date(expression, TUE)
    assert (result.start, result.end, result.precision) == (None, None, "unknown")


def test_dates_fallback_never_uses_today():
    # dateparser resolves numeric forms; its relative answers must not depend on the clock
    assert resolve_date("12/06/2017", None).start == D(2017, 12, 6)
    assert resolve_date("3 weeks ago", None).precision == "unknown"


def test_dates_finder_spans_and_phrases():
    text = (
        "Fighting resumed on 12 June 2017 and has gone on since March. Strikes continued "
        "throughout 2016, and officers may leave in May. On Tuesday night the front was quiet, "
        "but for some months now both sides have massed troops, as they did earlier this year."
    )
    spans = find_date_expressions(text)
    phrases = [phrase for _, _, phrase in spans]
    assert phrases == [
        "on 12 June 2017",
        "since March",
        "throughout 2016",
        "in May",
        "On Tuesday night",
        "for some months now",
        "earlier this year",
    ]
    assert all(text[start:end] == phrase for start, end, phrase in spans)
    assert all(resolve_date(p, TUE).precision != "unknown" for p in phrases)


def test_dates_finder_ignores_modal_may_and_plain_numbers():
    assert find_date_expressions("Officials may meet 4,000 fighters at 12 sites.") == []


@pytest.mark.parametrize(
    ("expression", "published"),
    [
        ("99999999999 days ago", TUE),
        ("for 20000 years", TUE),
        ("tomorrow", D.max),
        ("next week", D.max),
        ("yesterday", D.min),
    ],
)
def test_dates_out_of_calendar_range_is_unknown(expression, published):
    assert resolve_date(expression, published).precision == "unknown"
