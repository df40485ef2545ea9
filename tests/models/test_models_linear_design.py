"""`LinearModel.design` in numpy equals the scipy chain it replaced, entry for entry and in
order (the scores sum in that order), and so do the probabilities."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from flashpoint.models.features import hashed_counts
from flashpoint.models.linear import LinearModel


def scipy_design(model: LinearModel, counts, dense):  # noqa: ANN001, ANN201
    """The design as it was computed before, with scipy's sparse operations."""
    x = model.select(counts)
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(model.idf).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    x = sparse.diags(1.0 / norms).dot(x)
    if model.dense_dim:
        x = sparse.hstack([x, sparse.csr_matrix(dense * model.dense_scale)], format="csr")
    return x.tocsr()


def scipy_probabilities(model: LinearModel, design) -> np.ndarray:  # noqa: ANN001
    scores = (np.asarray(design @ model.weights.T) + model.bias) / model.temperature
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def _model(rng: np.random.Generator, width: int, kept: int, dense_dim: int) -> LinearModel:
    return LinearModel(
        labels=[f"L{i}" for i in range(7)],
        columns=np.sort(rng.choice(width, size=kept, replace=False)).astype(np.int64),
        idf=rng.uniform(1.0, 9.0, size=kept).astype(np.float32),
        weights=rng.normal(size=(7, kept + dense_dim)).astype(np.float32),
        bias=rng.normal(size=7).astype(np.float32),
        dense_scale=0.7,
        meta={"temperature": 1.3},
    )


def _counts(rng: np.random.Generator, rows: int, width: int) -> sparse.csr_matrix:
    counts = sparse.random(rows, width, density=0.05, format="csr", random_state=rng)
    counts.data = rng.integers(1, 6, size=counts.nnz).astype(np.float32)
    counts = counts.astype(np.float32)
    empty = min(1, rows - 1)  # a row with no kept column at all
    counts.data[counts.indptr[empty] : counts.indptr[empty + 1]] = 0
    counts.eliminate_zeros()
    return counts


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("dense_dim", [0, 5])
def test_models_linear_design_equals_the_scipy_chain(seed, dense_dim):
    rng = np.random.default_rng(seed)
    width = 4000
    model = _model(rng, width, kept=900, dense_dim=dense_dim)
    rows = int(rng.integers(1, 40))
    counts = _counts(rng, rows, width)
    dense = rng.normal(size=(rows, dense_dim)).astype(np.float32) if dense_dim else None
    if dense is not None:
        dense[0, 0] = 0.0  # a dense zero is left out, as a sparse matrix leaves it
    old, new = scipy_design(model, counts, dense), model.design(counts, dense)
    assert old.shape == new.shape and old.dtype == new.dtype
    assert np.array_equal(old.indptr, new.indptr)
    assert np.array_equal(old.indices, new.indices)
    assert np.array_equal(old.data, new.data)
    assert np.array_equal(scipy_probabilities(model, old), model.probabilities(new))


def test_models_linear_design_on_hashed_text():
    rng = np.random.default_rng(1)
    counts = hashed_counts(["Gunmen attacked a village near the town.", "", "Talks resumed."])
    model = _model(rng, counts.shape[1], kept=0, dense_dim=3)
    model.columns = np.unique(counts.indices).astype(np.int64)
    model.idf = rng.uniform(1.0, 5.0, size=len(model.columns)).astype(np.float32)
    model.weights = rng.normal(size=(7, len(model.columns) + 3)).astype(np.float32)
    dense = rng.normal(size=(3, 3)).astype(np.float32)
    old, new = scipy_design(model, counts, dense), model.design(counts, dense)
    assert np.array_equal(old.indices, new.indices) and np.array_equal(old.data, new.data)
    assert np.array_equal(scipy_probabilities(model, old), model.probabilities(new))
