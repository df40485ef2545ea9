"""Properties that hold for any input: the entry points end in a result or the project's own
one-line error, never another exception, a hang, or output that breaks a promise.

Hypothesis draws the inputs (a fixed seed, a bounded number, see conftest.py), both raw and
from the hostile-case generator that `scripts/fuzz.sh` runs for longer.
"""

from __future__ import annotations

import json
import random

import pytest
from hardening import generate, targets
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.errors import FlashpointError
from flashpoint.ingest.checks import check_bytes, check_unicode, decode

SEEDS = st.integers(min_value=0, max_value=2**32 - 1)
HOSTILE_TEXT = st.text(
    alphabet=st.characters(codec=None, exclude_categories=()), max_size=400
) | st.sampled_from(generate.HOSTILE_STRINGS)


def outcome(target: str, data: bytes) -> str:
    result = targets.TARGETS[target](data)
    assert result == "ok" or result.startswith("refused:E"), result
    return result


@settings(max_examples=100)
@given(st.binary(max_size=3000))
def test_load_any_bytes_is_a_document_or_one_error(data):
    outcome("load", data)


@settings(max_examples=100)
@given(HOSTILE_TEXT)
def test_checks_any_text_encodes_after_passing(text):
    data = text.encode("utf-8", errors="surrogatepass")
    try:
        check_bytes(data, "x", 10_000_000)
        decoded = decode(data, "x", None)
        check_unicode(decoded, "x")
    except FlashpointError:
        return
    decoded.encode("utf-8")


@settings(max_examples=40)
@given(SEEDS)
def test_load_hostile_pages_and_texts(seed):
    outcome("load", generate.case(random.Random(seed), "load", heavy=False))


@settings(max_examples=60)
@given(SEEDS, st.sampled_from(["corpus_csv", "corpus_jsonl", "corpus_feed"]))
def test_corpus_readers_hostile_files(seed, target):
    outcome(target, generate.case(random.Random(seed), target))


@settings(max_examples=60)
@given(
    st.lists(
        st.dictionaries(
            st.text(max_size=8),
            st.recursive(
                st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE_TEXT,
                lambda inner: (
                    st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner)
                ),
                max_leaves=6,
            ),
            max_size=5,
        ),
        max_size=5,
    )
)
def test_corpus_jsonl_any_json_values(rows):
    data = "\n".join(json.dumps(r) for r in rows).encode("utf-8", errors="surrogatepass")
    outcome("corpus_jsonl", data)


@settings(max_examples=60)
@given(st.lists(st.lists(HOSTILE_TEXT, min_size=1, max_size=4), max_size=6))
def test_corpus_csv_any_cells(rows):
    lines = ["title,text,date"] + [",".join(cells) for cells in rows]
    outcome("corpus_csv", "\n".join(lines).encode("utf-8", errors="surrogatepass"))


@settings(max_examples=12)
@given(SEEDS)
def test_registry_yaml_hostile_files(seed):
    outcome("registry_yaml", generate.case(random.Random(seed), "registry_yaml"))


@settings(max_examples=8)
@given(HOSTILE_TEXT)
def test_exports_any_names_no_formula_valid_xml(text):
    outcome("export_names", text.encode("utf-8", errors="surrogatepass"))


@settings(max_examples=8)
@given(seed=SEEDS)
def test_analyze_hostile_articles_within_budget(analyzer, seed):
    targets._cache["analyzer"] = analyzer
    outcome("analyze", generate.case(random.Random(seed), "analyze", heavy=False))


@settings(max_examples=8)
@given(SEEDS)
def test_geoparse_hostile_articles(seed):
    outcome("geoparse", generate.case(random.Random(seed), "geoparse", heavy=False))


@pytest.mark.parametrize(
    "data",
    [b"triggers:\n  ASSAULT: [caf\xe9]\n", b"cues:\n  relations: 5\n"],
    ids=["latin-1", "int"],
)
def test_lexicon_yaml_bad_file_is_one_error(data):
    assert targets.lexicon_yaml(data).startswith("refused:")
