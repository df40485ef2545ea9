"""The shipped model files: they load, score like probabilities, and fail clearly when damaged."""

from __future__ import annotations

import numpy as np
import pytest

from flashpoint.errors import FlashpointError
from flashpoint.models import Models, acled_code
from flashpoint.models.acled import ACLED_SUB_EVENT_NAMES, default_plover
from flashpoint.models.features import hashed_counts, normalise
from flashpoint.models.linear import LinearModel


def test_models_linear_roundtrip_keeps_decisions(tmp_path):
    rng = np.random.default_rng(0)
    model = LinearModel(
        labels=["A", "B", "C"],
        columns=np.array([3, 17, 99], dtype=np.int64),
        idf=np.ones(3, np.float32),
        weights=rng.normal(size=(3, 5)).astype(np.float32),
        bias=np.zeros(3, np.float32),
        dense_scale=1.0,
        meta={"seed": 0},
    )
    path = tmp_path / "m.npz"
    model.save(path)
    again = LinearModel.load(path)
    counts = hashed_counts(["gunmen attacked a village", "protesters marched"])
    dense = rng.normal(size=(2, 2)).astype(np.float32)
    before = model.probabilities(model.design(counts, dense))
    after = again.probabilities(again.design(counts, dense))
    assert np.allclose(before.sum(axis=1), 1.0)
    assert (before.argmax(axis=1) == after.argmax(axis=1)).all()
    assert again.meta == {"seed": 0}


def test_models_damaged_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "event_acled.npz"
    bad.write_bytes(b"not a model")
    with pytest.raises(FlashpointError, match="flashpoint train"):
        LinearModel.load(bad)


def test_models_shipped_models_load_and_cover_the_labels():
    models = Models.load()
    labels = set(models.events.acled.labels)
    assert labels <= set(ACLED_SUB_EVENT_NAMES) | {"NONE"}
    assert len(labels) == 26, "every ACLED sub-event type and NONE is learned"
    assert {"patron_of", "enemy_of", "ally_of", "member_of", "leads", "none"} <= {
        label.removesuffix("_rev") for label in models.relations.model.labels
    }


def test_models_acled_codes_use_acled_names():
    assert acled_code("AIR_STRIKE").sub_event_type == "Air/drone strike"
    assert acled_code("SUIC_BOMB").sub_event_type == "Suicide bomb"
    assert acled_code("GOV_REGAINS_TERIT").event_type == "Battles"
    assert acled_code("NONE") is None
    assert default_plover("ARREST") == ("COERCE", "arrest")


def test_models_features_ignore_case_and_digit_values():
    assert normalise("Killed 12  People") == normalise("killed 47 people")
    a, b = hashed_counts(["Killed 12 people"]), hashed_counts(["killed 47 PEOPLE"])
    assert (a != b).nnz == 0
