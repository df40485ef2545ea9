"""Registry entries exist in time: the `active` range, its validation and the shipped facts."""

from __future__ import annotations

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.resolve.registry import ActorRegistry


def _load(tmp_path, text: str) -> ActorRegistry:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return ActorRegistry.load([path], include_default=False)


def test_registry_active_range_covers_its_years(tmp_path):
    registry = _load(
        tmp_path,
        "- {id: town_council, name: Town Council, kind: organisation,\n"
        "   active: {from: 2016, until: 2021}}\n"
        "- {id: old_guard, name: Old Guard, kind: militia, active: {until: 2012}}\n"
        "- {id: timeless, name: Timeless, kind: militia}\n",
    )
    council = registry.get("town_council")
    assert council.active.since == 2016 and council.active.until == 2021
    assert [y for y in (2015, 2016, 2021, 2022) if council.active_in(y)] == [2016, 2021]
    assert registry.get("old_guard").active_in(2012) and not registry.get("old_guard").active_in(
        2013
    )
    assert registry.get("timeless").active_in(1990) and council.active_in(None)


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ("active: {from: 2019, until: 2016}", "active from 2019 is after until 2016"),
        ("active: {since: 2016}", "unknown key 'active.since'"),
        ("active: {from: 2016}\n  patrons: [{id: big, until: 2014}]", "ends in 2014, before 2016"),
        (
            "active: {until: 2016}\n  patrons: [{id: big, since: 2018}]",
            "starts in 2018, after 2016",
        ),
    ],
)
def test_registry_active_range_errors_name_the_entry(tmp_path, entry, message):
    text = "- {id: big, name: Big, kind: state}\n- id: small\n  name: Small\n  kind: militia\n  "
    with pytest.raises(FlashpointError) as caught:
        _load(tmp_path, text + entry + "\n")
    assert caught.value.code == "E301"
    assert "small" in caught.value.message and message in caught.value.message


def test_registry_shipped_active_ranges():
    registry = ActorRegistry.load()
    assert not registry.get("sdf").active_in(2014) and registry.get("sdf").active_in(2015)
    gna = registry.get("government_of_national_accord")
    assert (gna.active.since, gna.active.until) == (2016, 2021)
    assert not registry.get("hts").active_in(2016) and registry.get("jabhat_al_nusra").active_in(
        2016
    )
