"""Fitting one linear model with honest probabilities: shared by the event and relation
classifiers (`train/run.py`) and the place-or-actor model (`train/place_names.py`)."""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.optimize import minimize_scalar
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedGroupKFold

from flashpoint.errors import EVAL_DATA_INVALID, FlashpointError
from flashpoint.models.linear import LinearModel

DENSE_SCALE = 1.0
MIN_DF = 2  # a hashed column must be seen in at least this many training texts
CALIBRATION_FOLDS = 5


def fit_linear(
    counts: sparse.csr_matrix,
    dense: np.ndarray,
    labels: list[str],
    c: float,
    seed: int,
    groups: list[int] | None = None,
    dense_scale: float = DENSE_SCALE,
    meta: dict | None = None,
) -> LinearModel:
    """A class-balanced L2 logistic regression; with `groups`, a temperature fitted on
    out-of-fold scores (folds never split an item) makes its probabilities honest."""
    df = np.asarray((counts > 0).sum(axis=0)).ravel()
    columns = np.flatnonzero(df >= MIN_DF).astype(np.int64)
    n = counts.shape[0]
    idf = (np.log((1 + n) / (1 + df[columns])) + 1).astype(np.float32)
    names = sorted(set(labels))
    if len(names) < 2:
        raise FlashpointError(
            EVAL_DATA_INVALID, f"training needs at least two labels, found {names or 'none'}"
        )
    shell = LinearModel(
        labels=names,
        columns=columns,
        idf=idf,
        weights=np.zeros((len(names), len(columns) + dense.shape[1]), np.float32),
        bias=np.zeros(len(names), np.float32),
        dense_scale=dense_scale,
        meta=meta or {},
    )
    x = shell.design(counts, dense if dense.shape[1] else None)
    y = np.array([names.index(label) for label in labels])
    classifier = _logistic(c, seed)
    classifier.fit(x, y)
    weights = classifier.coef_.astype(np.float32)
    bias = classifier.intercept_.astype(np.float32)
    if len(names) == 2:  # sklearn keeps one row for two classes
        weights = np.vstack([-weights[0] / 2, weights[0] / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2], np.float32)
    shell.weights, shell.bias = weights, bias
    if groups is not None:
        shell.meta = {**shell.meta, "temperature": _temperature(x, y, groups, c, seed)}
    return shell


def _logistic(c: float, seed: int) -> LogisticRegression:
    return LogisticRegression(
        C=c, max_iter=1000, class_weight="balanced", random_state=seed, tol=1e-4
    )


def _temperature(
    x: sparse.csr_matrix, y: np.ndarray, groups: list[int], c: float, seed: int
) -> float:
    """The softmax temperature that best fits out-of-fold scores (5 folds by item)."""
    smallest = int(np.bincount(y).min())  # a fold needs every class's members to split
    n_splits = min(CALIBRATION_FOLDS, len(set(groups)), smallest)
    if n_splits < 2:
        return 1.0  # too little data to hold any out: probabilities stay as fitted
    folds = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    n_classes = int(y.max()) + 1
    scores = np.zeros((len(y), n_classes))
    for train, held in folds.split(x, y, groups):
        model = _logistic(c, seed).fit(x[train], y[train])
        raw = model.decision_function(x[held])
        if raw.ndim == 1:
            raw = np.column_stack([-raw / 2, raw / 2])
        # a class this fold never saw scores well below the rest, not minus infinity
        part = np.repeat(raw.min(axis=1, keepdims=True) - 5.0, n_classes, axis=1)
        part[:, model.classes_] = raw
        scores[held] = part

    def nll(t: float) -> float:
        z = scores / t
        z = z - z.max(axis=1, keepdims=True)
        log_p = z - np.log(np.exp(z).sum(axis=1, keepdims=True))
        return float(-log_p[np.arange(len(y)), y].mean())

    found = minimize_scalar(nll, bounds=(0.05, 20.0), method="bounded")
    return round(float(found.x), 4)
