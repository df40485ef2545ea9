"""The held-out ACLED test file: it parses, is balanced, and shares no text with dev or training.

The file is scored once per session, after choices are made, and never tuned on (see
docs/training-data.md, "The test file").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from flashpoint.evaluate.acled import load_snippets
from flashpoint.models.acled import ACLED_SUB_EVENT_NAMES

DATA = Path(__file__).resolve().parents[2] / "src" / "flashpoint" / "data"
TEST_FILE = DATA / "eval" / "acled_test.tsv"
DEV_FILE = DATA / "eval" / "acled_dev.tsv"
TRAINING = DATA / "training"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _strings(value: object):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _training_texts() -> list[str]:
    out: list[str] = []
    for path in sorted(TRAINING.rglob("*")):
        if not path.is_file():
            continue
        raw = path.read_text("utf-8", errors="replace")
        if path.suffix == ".jsonl":
            for line in raw.splitlines():
                if line.strip():
                    out.extend(_strings(json.loads(line)))
        else:
            out.append(raw)
    return out


@pytest.fixture(scope="module")
def snippets():
    return load_snippets(TEST_FILE)


def test_acled_test_file_has_25_labels_by_20(snippets):
    counts = Counter(s.label for s in snippets)
    assert set(counts) == set(ACLED_SUB_EVENT_NAMES)
    assert len(counts) == 25
    assert all(n == 20 for n in counts.values()), counts
    assert len(snippets) == 500


def test_acled_test_file_ids_are_unique_and_numbered(snippets):
    ids = [s.id for s in snippets]
    assert len(set(ids)) == len(ids)
    assert all(re.fullmatch(r"test-\d{4}", i) for i in ids)
    texts = [_norm(s.text) for s in snippets]
    assert len(set(texts)) == len(texts)
    assert all(texts)


def test_acled_test_file_shares_no_snippet_with_dev(snippets):
    dev = {_norm(s.text) for s in load_snippets(DEV_FILE)}
    shared = [s.id for s in snippets if _norm(s.text) in dev]
    assert not shared, shared


def test_acled_test_file_shares_no_snippet_with_training(snippets):
    texts = _training_texts()
    assert texts, "no training text found"
    blob = "\n".join(_norm(t) for t in texts)
    shared = [s.id for s in snippets if _norm(s.text) in blob]
    assert not shared, shared
