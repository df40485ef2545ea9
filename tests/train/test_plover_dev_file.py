"""The main-clause PLOVER dev file: well formed, balanced as documented, never trained on."""

from __future__ import annotations

import json
from collections import Counter
from importlib import resources
from pathlib import Path

from flashpoint.model import PLOVER_TYPES
from flashpoint.train.corpus import load_corpus, training_files

DEV = Path(str(resources.files("flashpoint") / "data" / "eval" / "plover_dev.jsonl"))
VERBAL = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT", "AGREE", "SUPPORT", "CONCEDE"}


def rows() -> list[dict]:
    return [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line.strip()]


def test_every_line_has_a_known_type_and_a_main_clause_kind():
    found = rows()
    assert len({r["id"] for r in found}) == len(found) >= 250
    for row in found:
        assert row["plover"] in PLOVER_TYPES
        assert row["main_clause"] == ("verbal" if row["plover"] in VERBAL else "material")
    kinds = Counter(r["main_clause"] for r in found)
    assert abs(kinds["verbal"] - kinds["material"]) <= len(found) // 10


def test_no_dev_sentence_is_in_the_training_files():
    trained = {" ".join(i.text.split()) for i in load_corpus(training_files())}
    assert not [r["id"] for r in rows() if " ".join(r["text"].split()) in trained]
