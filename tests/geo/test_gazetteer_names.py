"""Name keys: spellings and transliterations of one place must meet on one key."""

from __future__ import annotations

import pytest

from flashpoint.geo.names import fold, name_key, skeleton_key, slug
from flashpoint.geo.tools.compile import admin_short_names


@pytest.mark.parametrize(
    "variants",
    [
        ("Deir ez-Zor", "Deir el-Zour", "Dayr az Zawr", "Deir Ezzor", "Deir al-Zor"),
        ("Hassakeh", "Hasakah", "Al-Hasakah", "al Hasaka"),
        ("Raqqa", "Ar-Raqqah", "Raqqah", "ar Raqqa"),
        ("al-Tanf", "Tanf", "At-Tanf"),
    ],
)
def test_gazetteer_names_transliterations_share_a_skeleton(variants):
    keys = {skeleton_key(v) for v in variants}
    assert len(keys) == 1, keys


def test_gazetteer_names_skeleton_keeps_different_places_apart():
    assert skeleton_key("Raqqa") != skeleton_key("Homs")
    assert skeleton_key("Deir ez-Zor") != skeleton_key("Daraa")


def test_gazetteer_names_name_key_folds_case_diacritics_quotes_and_article():
    assert name_key("Al-Ḩasakah") == name_key("hasakah")
    assert name_key("Dar'a") == name_key("Dar’a") == "dara"
    assert name_key("the Euphrates") == "euphrates"
    assert name_key("Al") == "al"  # a lone article is a name, not an empty key


def test_gazetteer_names_fold_and_slug():
    assert fold("  São   Paulo ") == "sao paulo"
    assert slug("Deir ez-Zor (city)") == "deir-ez-zor-city"
    assert slug("!!!") == "unnamed"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Basra Governorate", ["Basra"]),
        ("Suffolk County", ["Suffolk"]),
        ("Province of Laguna", ["Laguna"]),
        ("County of Los Angeles", ["Los Angeles"]),
    ],
)
def test_gazetteer_names_a_division_is_also_known_without_its_administrative_word(name, short):
    assert admin_short_names(name) == short
