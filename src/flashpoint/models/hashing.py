"""Hashed n-gram counts at analysis time, without importing scikit-learn.

The models were trained on scikit-learn's `HashingVectorizer` columns; this computes the same
columns (signed 32-bit MurmurHash3 of each n-gram's UTF-8 bytes, seed 0, absolute value modulo
the width; no sign flipping) with spaCy's own `murmurhash` binding. Importing scikit-learn pulls
in scipy.stats and costs about 60 MB of resident memory in every worker, for two functions.
`tests/models/test_hashing.py` checks that both give identical matrices; training still uses
scikit-learn's vectorizer.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
from murmurhash.mrmr import hash as murmur32
from scipy import sparse

_RUNS_OF_SPACE = re.compile(r"\s\s+")


def word_ngrams(token_pattern: str, low: int, high: int) -> Callable[[str], list[str]]:
    """Tokens by `token_pattern`, then every run of `low`..`high` tokens joined by a space."""
    tokenise = re.compile(token_pattern).findall

    def analyse(text: str) -> list[str]:
        tokens = tokenise(text)
        grams = list(tokens) if low == 1 else []
        for n in range(max(low, 2), min(high, len(tokens)) + 1):
            grams += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    return analyse


def char_wb_ngrams(low: int, high: int) -> Callable[[str], list[str]]:
    """Character n-grams inside each space-padded word; a word shorter than `low` counts once."""

    def analyse(text: str) -> list[str]:
        grams: list[str] = []
        for word in _RUNS_OF_SPACE.sub(" ", text).split():
            padded = f" {word} "
            for n in range(low, high + 1):
                if len(padded) <= n:
                    grams.append(padded)
                    break
                grams += [padded[i : i + n] for i in range(len(padded) - n + 1)]
        return grams

    return analyse


@dataclass(frozen=True)
class Hasher:
    """Counts of an analyser's n-grams in `2**bits` hashed columns, one row per text."""

    analyse: Callable[[str], list[str]]
    bits: int

    def column(self, gram: str) -> int:
        return int(self._columns([gram])[0])

    def _columns(self, grams: list[str]) -> np.ndarray:
        # In 64 bits abs(-2**31) % width is what scikit-learn defines for that one hash.
        hashes = np.fromiter(map(murmur32, grams), dtype=np.int64, count=len(grams))
        return np.abs(hashes) % (1 << self.bits)

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        grams: list[str] = []
        lengths: list[int] = []
        for text in texts:
            found = self.analyse(text)
            grams += found
            lengths.append(len(found))
        rows = np.repeat(np.arange(len(lengths)), lengths)
        counts = sparse.csr_matrix(
            (np.ones(len(grams), dtype=np.float32), (rows, self._columns(grams))),
            shape=(len(lengths), 1 << self.bits),
        )
        counts.sum_duplicates()  # also sorts each row's columns
        return counts
