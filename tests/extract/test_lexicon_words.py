"""Cue words in the lexicon files are words: YAML's unquoted no/on/off are caught."""

from __future__ import annotations

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.extract.lexicon import Lexicon


def test_the_shipped_lexicons_hold_their_negation_word_no():
    assert "no" in Lexicon.load().cue("modality", "negation")
    assert "false" not in Lexicon.load().cue("modality", "negation")


def test_an_unquoted_no_in_a_user_lexicon_is_one_clear_error(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("modality:\n  negation: [hardly, no]\n", encoding="utf-8")
    with pytest.raises(FlashpointError, match=r"modality\.negation.*quote it"):
        Lexicon.load([extra])


def test_an_unquoted_off_among_trigger_objects_is_one_clear_error(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "triggers:\n  - {lemmas: [call], type: CONCEDE, objects: [off]}\n", encoding="utf-8"
    )
    with pytest.raises(FlashpointError, match="objects.*quote it"):
        Lexicon.load([extra])
