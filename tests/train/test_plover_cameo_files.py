"""The CAMEO-convention PLOVER files: the dev file covers every CAMEO root with the type the
crosswalk gives it (docs/plover-conventions.md), and the training file shares no sentence,
nor any run of eight words, with either PLOVER dev file."""

from __future__ import annotations

import json
import re
from collections import Counter
from importlib import resources
from pathlib import Path

from flashpoint.model import PLOVER_TYPES
from flashpoint.train.corpus import load_corpus, training_files

DATA = Path(str(resources.files("flashpoint") / "data"))
DEV = DATA / "eval" / "plover_cameo_dev.jsonl"
OLD_DEV = DATA / "eval" / "plover_dev.jsonl"
TRAIN = DATA / "training" / "events" / "plover_cameo.jsonl"
VERBAL = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "CONSULT", "AGREE", "SUPPORT", "CONCEDE"}
# CAMEO root -> PLOVER type (the manual's table); 08 splits by code, 17 holds 191/192 too
ROOT_TYPE = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}  # fmt: skip
# codes whose type is not their root's (docs/plover-conventions.md, "Where the sources disagree")
CODE_TYPE = {"191": "COERCE", "192": "COERCE", "175": "ASSAULT", "201": "ASSAULT"}


def rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def crosswalk_type(code: str) -> str:
    if code in CODE_TYPE:
        return CODE_TYPE[code]
    if code.startswith("08"):
        retreat = code[:3] in {"084", "085", "086", "087"} or code in {"0813", "0814"}
        return "RETREAT" if retreat else "CONCEDE"
    return ROOT_TYPE[code[:2]]


def test_dev_rows_carry_the_crosswalk_type_of_their_cameo_code():
    found = rows(DEV)
    assert len({r["id"] for r in found}) == len(found) >= 200
    for row in found:
        assert row["plover"] in PLOVER_TYPES
        assert row["plover"] == crosswalk_type(row["cameo"]), row["id"]
        assert row["main_clause"] == ("verbal" if row["plover"] in VERBAL else "material")


def test_dev_file_covers_every_cameo_root_from_03_to_20():
    roots = Counter(r["cameo"][:2] for r in rows(DEV))
    assert set(roots) == set(ROOT_TYPE) | {"08"}
    assert min(roots.values()) >= 10


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def _runs(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = _words(text)
    return {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}


def test_training_file_shares_no_sentence_or_eight_word_run_with_the_dev_files():
    dev_texts = [r["text"] for r in rows(DEV) + rows(OLD_DEV)]
    dev_runs = set().union(*(_runs(t) for t in dev_texts))
    trained = load_corpus(training_files())
    assert TRAIN.name in {p.name for p in training_files()}
    normal = {" ".join(_words(i.text)) for i in trained}
    assert not [t for t in dev_texts if " ".join(_words(t)) in normal]
    assert not [r["id"] for r in rows(TRAIN) if _runs(r["text"]) & dev_runs]
