"""The parse features of a pair of mentions: the dependency path and the words on it."""

from __future__ import annotations

import pytest

from flashpoint.models.features import pair_parse_tokens
from flashpoint.nlp.pipeline import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_the_path_keeps_the_preposition_that_joins_the_pair(nlp):
    text = "Government troops launched an offensive against the rebels near Gao."
    tokens = pair_parse_tokens(nlp(text), span(text, "Government troops"), span(text, "rebels"))
    assert "<lca_launch>" in tokens
    assert "prepagainst" in tokens
    assert tokens.split()[-1].startswith("<path_")


def test_with_and_against_give_different_paths(nlp):
    hostile = "The army fought against the militia in the north."
    friendly = "The army fought with the militia in the north."
    path = [
        pair_parse_tokens(nlp(t), span(t, "army"), span(t, "militia")).split()[-1]
        for t in (hostile, friendly)
    ]
    assert path[0] != path[1]


def test_mentions_in_different_sentences_have_no_path(nlp):
    text = "The army advanced. The militia withdrew."
    assert pair_parse_tokens(nlp(text), span(text, "army"), span(text, "militia")) == "<path_none>"


def test_the_same_pair_gives_the_same_tokens(nlp):
    text = "Rwanda denies backing the M23 rebels who seized Goma."
    doc = nlp(text)
    first = pair_parse_tokens(doc, span(text, "Rwanda"), span(text, "M23 rebels"))
    assert first == pair_parse_tokens(nlp(text), span(text, "Rwanda"), span(text, "M23 rebels"))
