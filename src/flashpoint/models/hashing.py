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
from dataclasses import dataclass, field

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

    analyse.per_word = True  # type: ignore[attr-defined]  # a text's grams are its words'
    return analyse


WORD_CACHE_SIZE = 50_000  # words whose hashed columns a per-word hasher keeps (~20 MiB when full)


@dataclass(frozen=True)
class Hasher:
    """Counts of an analyser's n-grams in `2**bits` hashed columns, one row per text.

    An analyser marked `per_word` (char n-grams inside words) yields a text's grams as the
    concatenation of its words' grams, so each distinct word is analysed and hashed once and
    its columns kept: most words of a corpus are words it has seen before."""

    analyse: Callable[[str], list[str]]
    bits: int
    _words: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def column(self, gram: str) -> int:
        return int(self._columns([gram])[0])

    def _columns(self, grams: list[str]) -> np.ndarray:
        # In 64 bits abs(-2**31) % width is what scikit-learn defines for that one hash.
        hashes = np.fromiter(map(murmur32, grams), dtype=np.int64, count=len(grams))
        return np.abs(hashes) % (1 << self.bits)

    def _text_columns(self, text: str) -> np.ndarray:
        if not getattr(self.analyse, "per_word", False):
            return self._columns(self.analyse(text))
        parts = []
        for word in text.split():
            columns = self._words.get(word)
            if columns is None:
                if len(self._words) >= WORD_CACHE_SIZE:
                    self._words.clear()
                columns = self._words[word] = self._columns(self.analyse(word))
            parts.append(columns)
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        columns = [self._text_columns(text) for text in texts]
        lengths = np.array([len(c) for c in columns], dtype=np.int64)
        width = 1 << self.bits
        rows = np.repeat(np.arange(len(columns), dtype=np.int64), lengths)
        flat = np.concatenate(columns) if columns else np.zeros(0, dtype=np.int64)
        # the canonical CSR (each row's columns sorted, duplicates summed) built directly:
        # the same matrix scipy's COO -> CSR conversion and sum_duplicates give, at less cost
        cells, counts = np.unique(rows * width + flat, return_counts=True)
        indptr = np.searchsorted(cells, np.arange(len(columns) + 1, dtype=np.int64) * width)
        return sparse.csr_matrix(
            (counts.astype(np.float32), (cells % width).astype(np.int32), indptr.astype(np.int32)),
            shape=(len(columns), width),
        )
