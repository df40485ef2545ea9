"""`flashpoint eval ... --models DIR` scores the models a `flashpoint train --out DIR` run wrote:
the same files as the shipped ones score the same, a missing one is named, and the option
excludes --rules-only."""

from __future__ import annotations

import json
import shutil
import subprocess

from serving import run_flashpoint

from flashpoint.models.linear import shipped_model_path

SNIPPETS = (
    "1\tFighter jets bombed a fuel depot outside Idlib on Tuesday.\tAIR_STRIKE\n"
    "2\tPolice detained six opposition activists in Kampala.\tARREST\n"
    "3\tGunmen stormed a village market and shot four traders dead.\tATTACK\n"
)


def flashpoint(*args: str) -> subprocess.CompletedProcess:
    return run_flashpoint(*args)


def test_eval_models_option_scores_the_folder_given(tmp_path):
    snippets = tmp_path / "s.tsv"
    snippets.write_text(SNIPPETS, "utf-8")
    folder = tmp_path / "trained"
    folder.mkdir()
    for name in ("event_acled", "event_plover", "relation"):
        shutil.copy(shipped_model_path(name), folder / f"{name}.npz")
    shipped = flashpoint("eval", "acled", str(snippets), "--json")
    copied = flashpoint("eval", "acled", str(snippets), "--json", "--models", str(folder))
    assert shipped.returncode == 0 and copied.returncode == 0, copied.stderr
    assert json.loads(copied.stdout) == json.loads(shipped.stdout)

    (folder / "relation.npz").unlink()
    missing = flashpoint("eval", "acled", str(snippets), "--models", str(folder))
    assert missing.returncode != 0
    assert "relation.npz" in missing.stderr and "Traceback" not in missing.stderr


def test_eval_models_option_refuses_rules_only_and_a_missing_folder(tmp_path):
    snippets = tmp_path / "s.tsv"
    snippets.write_text(SNIPPETS, "utf-8")
    both = flashpoint("eval", "acled", str(snippets), "--models", str(tmp_path), "--rules-only")
    assert both.returncode == 2 and "--rules-only" in both.stderr
    gone = flashpoint("eval", "plover", str(snippets), "--models", str(tmp_path / "nowhere"))
    assert gone.returncode == 2 and "Traceback" not in gone.stderr
