"""The date finder's quick pre-checks (a digit, a month's or a weekday's name) never skip a
finder that would have matched: the spans equal those of every finder run on every text."""

from __future__ import annotations

import pytest

from flashpoint.resolve import date_finder
from flashpoint.resolve.date_finder import find_date_expressions

TEXTS = [
    "Rebels shelled the town on 12 June 2017, officials said.",
    "Fighting has continued throughout 2016 and since March.",
    "The offensive began on Monday morning; by 3 May the army had withdrawn.",
    "Clashes erupted last week, and recently in the past two months.",
    "Talks resumed in Geneva in early Sept. after a 2015-08-01 ceasefire.",
    "No date here at all, only Marib and the Mayor of Aden.",
    "On Friday, in mid-June, the UN said on 5 July that it would act.",
    "",
]


def _every_finder(text: str) -> list[tuple[int, int, str]]:
    found = sorted(
        ((m.start(), m.end()) for pattern in date_finder._FINDERS for m in pattern.finditer(text)),
        key=lambda span: (span[0], span[0] - span[1]),
    )
    spans: list[tuple[int, int, str]] = []
    for start, end in found:
        if not spans or start >= spans[-1][1]:
            spans.append((start, end, text[start:end]))
    return spans


@pytest.mark.parametrize("text", TEXTS)
def test_date_finder_needs_skip_only_finders_that_cannot_match(text):
    assert find_date_expressions(text) == _every_finder(text)


def test_date_finder_needs_one_per_finder():
    assert len(date_finder._NEEDS) == len(date_finder._FINDERS)
