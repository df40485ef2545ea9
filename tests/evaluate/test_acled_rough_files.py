"""The rough ACLED dev file and the rough training file: both parse, and no snippet of
either is shared with any other eval or training file.

`eval/acled_dev_rough.tsv` measures how the event typing generalises to clipped, messy
snippets (datelines, headlines, several events); `training/events/acled_rough.jsonl` is
written in the same style with other sentences. A shared snippet would make the dev figure
a training figure.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from flashpoint.evaluate.acled import load_snippets
from flashpoint.models.acled import ACLED_SUB_EVENT_NAMES
from flashpoint.train.corpus import load_corpus

DATA = Path(__file__).resolve().parents[2] / "src" / "flashpoint" / "data"
ROUGH_DEV = DATA / "eval" / "acled_dev_rough.tsv"
ROUGH_TRAIN = DATA / "training" / "events" / "acled_rough.jsonl"


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _eval_texts(skip: Path) -> dict[str, str]:
    """Every snippet or sentence of the eval folder's ACLED and PLOVER files but `skip`."""
    out: dict[str, str] = {}
    for path in sorted((DATA / "eval").iterdir()):
        if path == skip:
            continue
        if path.suffix == ".tsv":
            for s in load_snippets(path):
                out[_norm(s.text)] = f"{path.name}:{s.id}"
        elif path.suffix == ".jsonl":
            for line in path.read_text("utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    out[_norm(row["text"])] = f"{path.name}:{row.get('id')}"
    return out


def _training_texts(skip: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for path in sorted((DATA / "training" / "events").glob("*.jsonl")):
        if path == skip:
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[_norm(row["text"])] = f"{path.name}:{row.get('id')}"
    return out


@pytest.fixture(scope="module")
def rough_dev():
    return load_snippets(ROUGH_DEV)


@pytest.fixture(scope="module")
def rough_train():
    return load_corpus([ROUGH_TRAIN])


def test_rough_dev_file_covers_the_25_labels(rough_dev):
    counts = Counter(s.label for s in rough_dev)
    assert set(counts) == set(ACLED_SUB_EVENT_NAMES)
    assert min(counts.values()) >= 10, counts
    ids = [s.id for s in rough_dev]
    assert len(set(ids)) == len(ids)
    assert len({_norm(s.text) for s in rough_dev}) == len(rough_dev)


def test_rough_dev_file_shares_no_snippet_with_training_or_other_eval_files(rough_dev):
    others = {**_training_texts(skip=ROUGH_TRAIN), **_eval_texts(skip=ROUGH_DEV)}
    train = {_norm(i.text): i.id for i in load_corpus([ROUGH_TRAIN])}
    shared = [s.id for s in rough_dev if _norm(s.text) in others or _norm(s.text) in train]
    assert not shared, shared


def test_rough_training_file_shares_no_snippet_with_any_eval_file(rough_train):
    evals = _eval_texts(skip=ROUGH_TRAIN)
    assert any(name.startswith("acled_test.tsv") for name in evals.values())
    blob = "\n".join(evals)
    shared = [i.id for i in rough_train if _norm(i.text) in blob]
    assert not shared, shared
    others = _training_texts(skip=ROUGH_TRAIN)
    assert not [i.id for i in rough_train if _norm(i.text) in others]


def test_rough_training_file_labels_every_item(rough_train):
    counts = Counter(i.label for i in rough_train)
    assert len(rough_train) >= 250
    assert set(counts) - {"NONE"} == set(ACLED_SUB_EVENT_NAMES)
