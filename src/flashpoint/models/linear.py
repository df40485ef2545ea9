"""A softmax linear model over selected hashed columns plus dense features, stored as `.npz`.

Training (sklearn's LogisticRegression, in `flashpoint.train`) keeps only the hashed columns
seen in at least two training texts; inference is a sparse product, with numpy alone, so a
model file does not depend on the scikit-learn version that wrote it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import numpy as np
from scipy import sparse

from flashpoint.errors import MODEL_MISSING, FlashpointError


@dataclass
class LinearModel:
    labels: list[str]
    columns: np.ndarray  # int64: the hashed columns kept, sorted
    idf: np.ndarray  # float32, one per kept column
    weights: np.ndarray  # float32 [labels, kept columns + dense dims]
    bias: np.ndarray  # float32 [labels]
    dense_scale: float
    meta: dict
    _position: np.ndarray | None = field(default=None, repr=False, compare=False)
    _weights_t: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def temperature(self) -> float:
        return float(self.meta.get("temperature", 1.0))

    @property
    def dense_dim(self) -> int:
        return self.weights.shape[1] - len(self.columns)

    def select(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """The kept columns of hashed counts, renumbered (a lookup, not scipy's slower
        fancy indexing: this runs on every sentence)."""
        if self._position is None:
            self._position = np.full(counts.shape[1], -1, dtype=np.int64)
            self._position[self.columns] = np.arange(len(self.columns))
        counts = counts.tocsr()
        new = self._position[counts.indices]
        keep = new >= 0
        # the CSR built directly: kept columns stay in each row's order (the renumbering is
        # monotone), which is what a COO -> CSR conversion of the same cells gives
        kept = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
        return sparse.csr_matrix(
            (
                counts.data[keep].astype(np.float32),
                new[keep].astype(np.int32),
                kept[counts.indptr].astype(np.int32),
            ),
            shape=(counts.shape[0], len(self.columns)),
        )

    def design(self, counts: sparse.csr_matrix, dense: np.ndarray | None) -> sparse.csr_matrix:
        """Counts -> sublinear tf-idf on the kept columns, L2-normalised, then dense features.

        Built with numpy alone: entry for entry and in the same order the matrix that scipy's
        chain of `multiply`, `diags(...).dot` and `hstack` gave (that chain is kept as the
        reference in tests/models/test_models_linear.py; it cost ~2 ms a call). The order
        matters because the scores sum in it: scipy's sparse product leaves each row's hashed
        columns in descending order; the nonzero dense features follow."""
        x = self.select(counts)
        rows = x.shape[0]
        indptr = x.indptr.astype(np.int64)
        lengths = np.diff(indptr)
        data = (1.0 + np.log(x.data)) * self.idf[x.indices]
        # each row's sum of squares as `csr.sum(axis=1)` adds them: one reduceat over the rows
        sums = np.zeros(rows, dtype=data.dtype)
        filled = np.flatnonzero(lengths)
        if len(filled):
            sums[filled] = np.add.reduceat(data * data, indptr[filled])
        norms = np.sqrt(sums)
        norms[norms == 0] = 1.0
        row_of = np.repeat(np.arange(rows, dtype=np.int64), lengths)
        # reversed within each row, each value times its row's 1 / norm (zeros dropped, as a
        # sparse product drops them)
        reverse = indptr[:-1][row_of] + indptr[1:][row_of] - 1 - np.arange(len(data))
        values = (1.0 / norms)[row_of] * data[reverse]
        columns = x.indices[reverse]
        width = len(self.columns)
        if self.dense_dim:
            assert dense is not None and dense.shape[1] == self.dense_dim
            extra = dense * self.dense_scale
            extra_rows, extra_columns = np.nonzero(extra)
            values = np.concatenate([values, extra[extra_rows, extra_columns]])
            columns = np.concatenate([columns, (extra_columns + width).astype(np.int32)])
            row_of = np.concatenate([row_of, extra_rows.astype(np.int64)])
            width += self.dense_dim
        keep = values != 0
        # a stable sort by row puts each row's hashed entries first, then its dense ones
        order = np.argsort(row_of[keep], kind="stable")
        counts_per_row = np.bincount(row_of[keep], minlength=rows)
        return sparse.csr_matrix(
            (
                values[keep][order],
                columns[keep][order].astype(np.int32),
                np.concatenate([[0], np.cumsum(counts_per_row)]).astype(np.int32),
            ),
            shape=(rows, width),
        )

    def probabilities(self, design: sparse.csr_matrix) -> np.ndarray:
        """Softmax of the scores divided by the temperature fitted out of fold at training."""
        if self._weights_t is None:  # scipy would copy the transposed view on every call
            self._weights_t = np.ascontiguousarray(self.weights.T)
        scores = (np.asarray(design @ self._weights_t) + self.bias) / self.temperature
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            np.savez_compressed(
                handle,
                labels=np.array(self.labels),
                columns=self.columns.astype(np.int64),
                idf=self.idf.astype(np.float32),
                weights=self.weights.astype(np.float16),  # half the size, same decisions
                bias=self.bias.astype(np.float32),
                dense_scale=np.array(self.dense_scale, dtype=np.float32),
                meta=np.array(json.dumps(self.meta, sort_keys=True)),
            )

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        try:
            with np.load(path, allow_pickle=False) as data:
                return cls(
                    labels=[str(x) for x in data["labels"]],
                    columns=data["columns"],
                    idf=data["idf"],
                    weights=data["weights"].astype(np.float32),
                    bias=data["bias"],
                    dense_scale=float(data["dense_scale"]),
                    meta=json.loads(str(data["meta"])),
                )
        except (OSError, KeyError, ValueError) as exc:
            raise FlashpointError(
                MODEL_MISSING,
                f"trained model {path.name} is missing or damaged; rebuild it with "
                "'flashpoint train'",
            ) from exc


def shipped_model_path(name: str) -> Path:
    """Where the package keeps a trained model (`data/models/NAME.npz`)."""
    return Path(str(resources.files("flashpoint") / "data" / "models" / f"{name}.npz"))
