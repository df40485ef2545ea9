"""CI floors: the re3d and PLOVER evals on ../shared must not drop below data/eval/floors.yaml."""

from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import FlashpointError
from flashpoint.evaluate.floors import below_floors, figure, load_floors
from flashpoint.evaluate.plover import run_plover
from flashpoint.evaluate.re3d import run_re3d


def test_floors_file_names_real_figures():
    floors = load_floors()
    assert set(floors) >= {"re3d", "plover", "acled", "plover_dev", "plover_cameo_dev"}
    assert all(0.0 <= v <= 1.0 for values in floors.values() for v in values.values())


def test_floors_report_figures_under_their_floor():
    result = {"relations": {"micro": {"f1": 0.3}}, "accuracy": 0.9}
    floors = {"x": {"relations.micro.f1": 0.5, "accuracy": 0.8}}
    failures = below_floors("x", result, floors)
    assert failures == ["x relations.micro.f1 = 0.3000 < floor 0.5000"]
    with pytest.raises(FlashpointError):
        figure(result, "relations.macro.f1")


def test_floors_re3d_holds(shared_dir: Path, analyzer):
    result = run_re3d(shared_dir / "eval" / "re3d", analyzer).as_dict()
    assert below_floors("re3d", result, load_floors()) == []


def test_floors_plover_holds(shared_dir: Path, analyzer):
    gold = shared_dir / "eval" / "plover-gsr" / "PLOVER_GSR_CAMEO.txt"
    result = run_plover(gold, analyzer).as_dict()
    assert below_floors("plover", result, load_floors()) == []


def test_floors_acled_dev_holds(analyzer):
    """Our own dev file (another author than the training files; never trained on)."""
    from flashpoint.evaluate.acled import run_acled
    from flashpoint.train.corpus import shipped_dev_file

    result = run_acled(shipped_dev_file().with_suffix(".tsv"), analyzer).as_dict()
    assert below_floors("acled", result, load_floors()) == []


def test_floors_plover_dev_holds(analyzer):
    """Our own main-clause dev file (never trained on), scored as the GSR is."""
    from flashpoint.evaluate.plover_dev import run_plover_dev

    report, _ = run_plover_dev(analyzer)
    assert below_floors("plover_dev", report, load_floors()) == []


def test_floors_plover_cameo_dev_holds(analyzer):
    """Our CAMEO-convention dev file (every CAMEO root, never trained on)."""
    from flashpoint.evaluate.plover_dev import dev_file, run_plover_dev

    report, _ = run_plover_dev(analyzer, dev_file().with_name("plover_cameo_dev.jsonl"))
    assert below_floors("plover_cameo_dev", report, load_floors()) == []
