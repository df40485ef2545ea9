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
        """Counts -> sublinear tf-idf on the kept columns, L2-normalised, then dense features."""
        x = self.select(counts)
        x.data = 1.0 + np.log(x.data)
        x = x.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        x = sparse.diags(1.0 / norms).dot(x)
        if self.dense_dim:
            assert dense is not None and dense.shape[1] == self.dense_dim
            x = sparse.hstack([x, sparse.csr_matrix(dense * self.dense_scale)], format="csr")
        return x.tocsr()

    def probabilities(self, design: sparse.csr_matrix) -> np.ndarray:
        """Softmax of the scores divided by the temperature fitted out of fold at training."""
        scores = (np.asarray(design @ self.weights.T) + self.bias) / self.temperature
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
