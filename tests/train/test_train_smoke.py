"""`flashpoint train` on a small corpus this test writes: seeded, reproducible, usable."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.models import Models
from flashpoint.train import load_corpus, train_all

TEMPLATES = {
    "AIR_STRIKE": [
        "Jets bombed {p} at dawn.",
        "A drone struck a car near {p}.",
        "Warplanes hit positions around {p}.",
    ],
    "ARREST": [
        "Police arrested five men in {p}.",
        "Troops detained a student leader in {p}.",
        "Officers rounded up traders in {p}.",
    ],
    "PEACE_PROTEST": [
        "Hundreds rallied peacefully in {p}.",
        "Nurses marched through {p}.",
        "Farmers held a sit-in outside the governor's office in {p}.",
    ],
    "NONE": [
        "The team attacked down the left in {p}.",
        "Markets in {p} rallied on Monday.",
        "A clash of ideas dominated the debate in {p}.",
    ],
}
PLACES = ["Gao", "Kidal", "Mopti", "Sikasso", "Kayes"]


def write_corpus(folder: Path) -> Path:
    path = folder / "tiny.jsonl"
    rows = []
    for label, sentences in TEMPLATES.items():
        for i, sentence in enumerate(sentences):
            for place in PLACES:
                text = sentence.format(p=place)
                rows.append(
                    {
                        "id": f"t-{len(rows):04d}",
                        "text": text,
                        "label": label,
                        "plover": {
                            "AIR_STRIKE": "ASSAULT",
                            "ARREST": "COERCE",
                            "PEACE_PROTEST": "PROTEST",
                        }.get(label, "NONE"),
                        "trigger": None if label == "NONE" else text.split()[1 + (i == 1)],
                        "relations": [{"a": place, "b": text.split()[0], "type": "none"}]
                        if text.split()[0] != place
                        else [],
                    }
                )
    for place in PLACES:
        text = f"The Russian-backed militia attacked rebels near {place}."
        rows.append(
            {
                "id": f"t-{len(rows):04d}",
                "text": text,
                "label": "ARMED_CLASH",
                "plover": "ASSAULT",
                "trigger": "attacked",
                "relations": [
                    {"a": "Russian", "b": "militia", "type": "patron_of"},
                    {"a": "militia", "b": "rebels", "type": "enemy_of"},
                ],
            }
        )
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return path


def test_train_is_reproducible_and_usable(tmp_path):
    corpus = write_corpus(tmp_path)
    a = train_all(tmp_path / "a", seed=3, files=[corpus], dev=tmp_path / "no-dev.jsonl")
    b = train_all(tmp_path / "b", seed=3, files=[corpus], dev=tmp_path / "no-dev.jsonl")
    assert a.items == b.items == 65
    for name in ("event_acled.npz", "event_plover.npz", "relation.npz"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    models = Models.load(tmp_path / "a")
    verdict = models.events.classify(["Jets bombed Timbuktu at dawn."])[0]
    assert verdict.acled == "AIR_STRIKE"


def test_train_refuses_a_label_it_does_not_know(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps({"id": "x", "text": "Shots rang out.", "label": "SHOOTING", "plover": "ASSAULT"})
        + "\n"
    )
    with pytest.raises(FlashpointError, match="unknown label"):
        load_corpus([bad])


def test_train_refuses_a_span_not_in_the_text(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(
            {
                "id": "x",
                "text": "Shots rang out.",
                "label": "ARMED_CLASH",
                "plover": "ASSAULT",
                "trigger": "gunfire",
            }
        )
        + "\n"
    )
    with pytest.raises(FlashpointError, match="not in the text"):
        load_corpus([bad])


def test_train_shipped_corpus_is_valid():
    from flashpoint.train.corpus import shipped_dev_file, training_files

    items = load_corpus(training_files())
    dev = load_corpus([shipped_dev_file()])
    assert len(items) >= 2000
    assert {i.label for i in items} >= {i.label for i in dev}
    assert not {i.text for i in items} & {i.text for i in dev}, "dev and train overlap"


def test_train_cli_writes_models_to_a_folder(tmp_path):
    corpus = write_corpus(tmp_path)
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent)) or "flashpoint"
    out = tmp_path / "models"
    run = subprocess.run(
        [exe, "train", "--out", str(out), "--data", str(corpus), "--dev", str(corpus), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "100"},
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["items"] == 65 and report["dev"]["items"] == 65
    assert report["place_names"] > 0  # the corpus's towns and its named sides
    assert sorted(p.name for p in out.iterdir()) == [
        "event_acled.npz",
        "event_plover.npz",
        "place_name.npz",
        "relation.npz",
    ]


def test_train_dev_tsv_is_the_dev_file_in_case_format():
    from flashpoint.evaluate.acled import load_snippets
    from flashpoint.train.corpus import shipped_dev_file

    dev = [i for i in load_corpus([shipped_dev_file()]) if i.label != "NONE"]
    snippets = load_snippets(shipped_dev_file().with_suffix(".tsv"))
    assert [(s.id, s.label) for s in snippets] == [(i.id, i.label) for i in dev]
    assert all(s.text == " ".join(i.text.split()) for s, i in zip(snippets, dev, strict=True))


def test_train_a_handful_of_items_and_an_unwritable_folder(tmp_path):
    rows = write_corpus(tmp_path).read_text("utf-8").splitlines()
    few = tmp_path / "few.jsonl"
    few.write_text("\n".join([rows[0], rows[15], rows[45], rows[-1]]) + "\n", "utf-8")
    report = train_all(tmp_path / "few", seed=1, files=[few], dev=tmp_path / "no-dev.jsonl")
    assert report.items == 4
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    with pytest.raises(FlashpointError, match="cannot write the models"):
        train_all(blocked / "models", seed=1, files=[few], dev=tmp_path / "no-dev.jsonl")
