"""Days of the week are dates, never places: "on Sunday" in a story about India is not
Saunda, a town the transliteration match finds for it (recognise.is_date_word)."""

import pytest

from flashpoint.geo import Geoparser


@pytest.fixture(scope="module")
def geo():
    return Geoparser()


@pytest.mark.parametrize(
    "text",
    [
        "Protesters marched through Bombay on Sunday.",
        "Traders in Delhi and Mumbai shut their shops on Sunday and again on Monday.",
        "Sunday was quiet in Kolkata, police said.",
    ],
)
def test_weekday_is_not_a_place(geo, text):
    found = {m.text for p in geo.geoparse(text) for m in p.mentions}
    assert found and not found & {"Sunday", "Monday"}, found
