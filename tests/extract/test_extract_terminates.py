"""Every loop that climbs the parse tree must stop at the root: spaCy hands out a new Token object
each time, so a climb that compares tokens by identity never ends. These texts have verbless
roots and fragments that exercised such climbs."""

from __future__ import annotations

import pytest

FRAGMENTS = [
    "Part of the army, under the banner of the SDF.",
    "Members of the militia alongside Hezbollah fighters near Homs.",
    "At war with the Taliban: the government in Kabul.",
    "Fighting against Islamic State, together with the coalition.",
    "Whose forces? Haftar's, in Sirte.",
]


@pytest.mark.parametrize("text", FRAGMENTS)
def test_extract_terminates_on_fragments(analyzer, text):
    result = analyzer.analyze_text(text)
    assert result.document.text == text
