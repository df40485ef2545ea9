"""Turning text into features: hashed word and character n-grams, and static embeddings.

Hashing needs no vocabulary file, so a trained model is only its selected columns, their
idf weights and a weight matrix (`linear.py`). The embeddings are WordLlama's (MIT, shipped in
its wheel), loaded from the package's own folder with downloads disabled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import HashingVectorizer

HASH_BITS = 20
_DIGITS = re.compile(r"\d")


def normalise(text: str) -> str:
    """Lower case, every digit a 0 (counts and dates differ; their shape is what matters)."""
    return _DIGITS.sub("0", " ".join(text.split()).lower())


@cache
def _word_hasher() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=2**HASH_BITS,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm=None,
        token_pattern=r"(?u)\b\w[\w'-]*\b|[<>\[\]]\w+[<>\[\]]",
        lowercase=False,
        dtype=np.float32,
    )


@cache
def _char_hasher() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=2**HASH_BITS,
        analyzer="char_wb",
        ngram_range=(3, 5),
        alternate_sign=False,
        norm=None,
        lowercase=False,
        dtype=np.float32,
    )


def hashed_counts(texts: list[str], chars: bool = True) -> sparse.csr_matrix:
    """Word 1-2 gram and (optionally) char 3-5 gram counts, side by side."""
    normalised = [normalise(t) for t in texts]
    blocks = [_word_hasher().transform(normalised)]
    if chars:
        blocks.append(_char_hasher().transform(normalised))
    return sparse.hstack(blocks, format="csr", dtype=np.float32)


@dataclass(frozen=True)
class Embedder:
    """Mean-pooled static embeddings; `dim` 0 means none (then the model uses n-grams only)."""

    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        if self.dim == 0 or not texts:
            return np.zeros((len(texts), self.dim), dtype=np.float32)
        vectors = _wordllama().embed(texts, norm=True)
        return np.asarray(vectors, dtype=np.float32)


@cache
def _wordllama():  # type: ignore[no-untyped-def]
    """WordLlama's default 256-d model, from the files its wheel ships, never from a hub."""
    import wordllama
    from wordllama import WordLlama

    folder = Path(wordllama.__file__).parent
    return WordLlama.load(cache_dir=folder, disable_download=True)


def embedder(dim: int) -> Embedder:
    return Embedder(dim)
