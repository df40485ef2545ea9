"""`flashpoint eval acled`: the CASE 2021 three-column format, scoring and the command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.evaluate.acled import (
    Snippet,
    evaluate_acled,
    first_asserted,
    load_snippets,
    weighted_f1,
)
from flashpoint.evaluate.scoring import classification_scores
from flashpoint.model import AcledCode, Analysis, Document, Event, Span
from flashpoint.models import acled_code


def _analysis(*events: tuple[str | None, str]) -> Analysis:
    out = []
    for n, (label, modality) in enumerate(events):
        out.append(
            Event(
                id=f"ev{n}",
                type="ASSAULT",
                modality=modality,
                acled=acled_code(label) if label else AcledCode(event_type="x", sub_event_type="y"),
                evidence=Span(start=0, end=1, text="x"),
                confidence=0.9,
            )
        )
    return Analysis(document=Document(id="d", text="x"), events=out)


def test_acled_eval_reads_header_and_tabs(tmp_path):
    path = tmp_path / "s.tsv"
    path.write_text(
        "id\tEventSnippet\tSubType\n1\tJets bombed a depot.\tAIR_STRIKE\n\n"
        "2\tPolice detained six.\tARREST\n",
        "utf-8",
    )
    snippets = load_snippets(path)
    assert [(s.id, s.label) for s in snippets] == [("1", "AIR_STRIKE"), ("2", "ARREST")]


def test_acled_eval_refuses_unknown_labels(tmp_path):
    path = tmp_path / "s.tsv"
    path.write_text("1\tJets bombed a depot.\tBOMBING\n", "utf-8")
    with pytest.raises(FlashpointError, match="unknown label"):
        load_snippets(path)


def test_acled_eval_takes_the_first_asserted_event(tmp_path):
    path = tmp_path / "s.tsv"
    path.write_text("1\ta\tAIR_STRIKE\n2\tb\tARREST\n3\tc\tARREST\n", "utf-8")
    snippets = load_snippets(path)
    analyses = [
        _analysis(("ARREST", "threatened"), ("AIR_STRIKE", "asserted")),
        _analysis(("AIR_STRIKE", "asserted")),
        _analysis(),
    ]
    result = evaluate_acled(snippets, analyses)
    assert result.accuracy == pytest.approx(1 / 3)
    assert result.no_event == 1
    assert result.confusion["ARREST"] == {"AIR_STRIKE": 1, "none": 1}
    assert len(result.errors) == 2


def test_acled_eval_skips_events_of_no_acled_type():
    """A threat the PLOVER head names has no ACLED type; the ACLED export writes no row for
    it, so the snippet's prediction is the next asserted event that has one."""
    threat = Event(id="ev0", type="THREATEN", acled=None, evidence=Span(start=0, end=1, text="x"))
    seized = Event(
        id="ev1",
        type="COERCE",
        acled=acled_code("DISR_WEAP"),
        evidence=Span(start=0, end=1, text="x"),
    )
    snippets = [Snippet("1", "a", "DISR_WEAP"), Snippet("2", "b", "DISR_WEAP")]
    analyses = [
        Analysis(document=Document(id="d1", text="x"), events=[threat, seized]),
        Analysis(document=Document(id="d2", text="x"), events=[threat]),
    ]
    assert first_asserted(analyses[0]) is seized
    result = evaluate_acled(snippets, analyses)
    assert result.accuracy == pytest.approx(0.5)
    assert result.no_event == 1


def test_acled_eval_weighted_f1_matches_scikit_learn():
    from sklearn.metrics import f1_score

    gold = ["A", "A", "A", "B", "C", "C"]
    pred = ["A", "B", "A", "B", "A", "C"]
    _, _, per = classification_scores(gold, pred)
    assert weighted_f1(gold, per) == pytest.approx(f1_score(gold, pred, average="weighted"))


def test_acled_eval_command_end_to_end(tmp_path):
    path = tmp_path / "s.tsv"
    path.write_text(
        "1\tFighter jets bombed a fuel depot outside Idlib on Tuesday.\tAIR_STRIKE\n"
        "2\tPolice detained six opposition activists in Kampala.\tARREST\n",
        "utf-8",
    )
    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent)) or "flashpoint"
    run = subprocess.run(
        [exe, "eval", "acled", str(path), "--json"], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    assert result["snippets"] == 2
    assert set(result) >= {"accuracy", "weighted_f1", "macro_f1", "confusion", "calibration"}
    bad = subprocess.run(
        [exe, "eval", "acled", str(tmp_path / "missing.tsv")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert bad.returncode != 0 and "Traceback" not in bad.stderr
