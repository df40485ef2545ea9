"""World coverage of the shipped registry: every UN member state can be found by its name."""

from __future__ import annotations

import pycountry
import pytest

from flashpoint.resolve.registry import ENV_VAR, ActorRegistry

# ISO 3166-1 entries that are not UN member states: dependent territories, Antarctica, Western
# Sahara, and the non-member states (Holy See, Palestine, Taiwan), which are checked separately.
NOT_UN_MEMBERS = frozenset(
    {
        "AI",
        "AQ",
        "AS",
        "AW",
        "AX",
        "BL",
        "BM",
        "BQ",
        "BV",
        "CC",
        "CK",
        "CW",
        "CX",
        "EH",
        "FK",
        "FO",
        "GF",
        "GG",
        "GI",
        "GL",
        "GP",
        "GS",
        "GU",
        "HK",
        "HM",
        "IM",
        "IO",
        "JE",
        "KY",
        "MF",
        "MO",
        "MP",
        "MQ",
        "MS",
        "NC",
        "NF",
        "NU",
        "PF",
        "PM",
        "PN",
        "PR",
        "RE",
        "SH",
        "SJ",
        "SX",
        "TC",
        "TF",
        "TK",
        "UM",
        "VG",
        "VI",
        "WF",
        "YT",
        "PS",
        "TW",
        "VA",
    }
)
# "Congo" alone is kept for the DR Congo, as news uses it; the Republic of the Congo is found by
# its own longer name.
SHORT_NAME_GIVEN_AWAY = frozenset({"CG"})


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    """The shipped registry alone, whatever FLASHPOINT_REGISTRY the user has set."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_VAR, raising=False)
        return ActorRegistry.load()


def _common_name(country) -> str:
    """pycountry's common name, with its inverted "Micronesia, Federated States of" put right."""
    if getattr(country, "common_name", None):
        return country.common_name
    if country.alpha_2 in SHORT_NAME_GIVEN_AWAY:
        return country.official_name
    head, sep, tail = country.name.partition(", ")
    return f"{tail} {head}" if sep else country.name


UN_MEMBERS = sorted(
    (c for c in pycountry.countries if c.alpha_2 not in NOT_UN_MEMBERS), key=lambda c: c.alpha_2
)


def test_registry_world_member_list_is_the_un() -> None:
    assert len(UN_MEMBERS) == 193


@pytest.mark.parametrize("country", UN_MEMBERS, ids=lambda c: c.alpha_2)
def test_registry_world_un_member_found_by_name(registry: ActorRegistry, country) -> None:
    name = _common_name(country)
    found = [a for a in registry.lookup(name) if a.kind == "state"]
    assert [a.country for a in found] == [country.alpha_2], name


@pytest.mark.parametrize(
    ("surface", "code"),
    [
        ("Holy See", "VA"),
        ("Vatican", "VA"),
        ("Palestine", "PS"),
        ("Taiwan", "TW"),
        ("Republic of the Congo", "CG"),
        ("Congo", "CD"),
        ("Ivory Coast", "CI"),
        ("UAE", "AE"),
    ],
)
def test_registry_world_other_names(registry: ActorRegistry, surface: str, code: str) -> None:
    assert [a.country for a in registry.lookup(surface) if a.kind == "state"] == [code]


@pytest.mark.parametrize(
    ("demonym", "code"),
    [
        ("Hungarian", "HU"),
        ("Norwegian", "NO"),
        ("Vietnamese", "VN"),
        ("Serbian", "RS"),
        ("Greek", "GR"),
        ("Finnish", "FI"),
        ("Romanian", "RO"),
        ("Hungarians", "HU"),
        ("Dominican", "DO"),
        ("Congolese", "CD"),
    ],
)
def test_registry_world_demonyms(registry: ActorRegistry, demonym: str, code: str) -> None:
    state = registry.by_demonym(demonym)
    assert state is not None and state.kind == "state" and state.country == code


def test_registry_world_every_state_country_once(registry: ActorRegistry) -> None:
    """One state actor per country code, so a country name never finds two states."""
    codes = [a.country for a in registry if a.kind == "state"]
    assert sorted({c for c in codes if codes.count(c) > 1}) == []
