"""Shared for the geoparser's tests: one geoparser, and the place a name resolves to."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from flashpoint.geo import Geoparser


@pytest.fixture(scope="session")
def geoparser() -> Geoparser:
    return Geoparser()


@pytest.fixture
def place_named(geoparser: Geoparser) -> Callable:
    """The place a mention written exactly `name` resolves to in `text`."""

    def find(text: str, name: str):  # noqa: ANN202
        places = geoparser.geoparse(text)
        found = [p for p in places if any(m.text == name for m in p.mentions)]
        assert found, [p.name for p in places]
        return found[0]

    return find
