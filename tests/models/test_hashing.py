"""The analysis-time hasher gives exactly scikit-learn's HashingVectorizer columns.

The shipped models were trained on those columns, so any difference (a tokeniser detail, the
hash of a non-ASCII gram, a short word's char n-grams) would silently change every prediction.
"""

import random

import numpy as np
import pytest
from sklearn.feature_extraction.text import HashingVectorizer

from flashpoint.models.features import HASH_BITS, _char_hasher, _word_hasher, normalise
from flashpoint.models.hashing import Hasher, char_wb_ngrams

TEXTS = [
    "",
    "a",
    "ab cd",
    "militants attacked a checkpoint near kidal , killing 0 soldiers .",
    "the un's envoy -- who met al-houthi leaders -- said talks would resume",
    "fighters of the rapid support forces (rsf) shelled el-fasher's market",
    "<verb> [root] attack <subj> militants",
    "ataque en medellín: la policía dijo que 0 personas murieron",
    "киев заявил об атаке дронов",
    "   spaced\tout\n\nwords   here  ",
    "x" * 40,
    "i o u",
    "naïve café – déjà vu … “quoted” ‘single’",
]


def _random_texts(n: int, seed: int) -> list[str]:
    alphabet = "abcdefghijklmnopqrstuvwxyz0'-.,<>[]() éüßçøł中日\t\n"
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(n)]


def _sklearn_word() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=2**HASH_BITS,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm=None,
        token_pattern=r"(?u)\b\w[\w'-]*\b|[<>\[\]]\w+[<>\[\]]",
        lowercase=False,
        dtype=np.float32,
    )


def _sklearn_char() -> HashingVectorizer:
    return HashingVectorizer(
        n_features=2**HASH_BITS,
        analyzer="char_wb",
        ngram_range=(3, 5),
        alternate_sign=False,
        norm=None,
        lowercase=False,
        dtype=np.float32,
    )


@pytest.mark.parametrize(
    "ours, theirs", [(_word_hasher, _sklearn_word), (_char_hasher, _sklearn_char)]
)
def test_same_columns_and_counts_as_scikit_learn(ours, theirs):
    texts = [normalise(t) for t in TEXTS] + TEXTS + _random_texts(300, seed=5)
    mine = ours().transform(texts)
    reference = theirs().transform(texts)
    reference.sort_indices()
    assert mine.shape == reference.shape
    assert (mine != reference).nnz == 0
    assert mine.nnz == reference.nnz > 0


def test_a_word_shorter_than_the_gram_counts_once():
    hasher = Hasher(char_wb_ngrams(3, 5), 10)
    row = hasher.transform(["a"]).toarray()[0]
    assert row.sum() == 1  # " a " once, not once per gram length
    assert row[hasher.column(" a ")] == 1


def test_cached_words_give_the_counts_of_a_fresh_analysis():
    # the char hasher keeps each word's columns: a second pass over the same words, in other
    # texts and another order, must count exactly what analysing them afresh counts
    hasher = Hasher(char_wb_ngrams(3, 5), HASH_BITS)
    first = ["rebels shelled the town", "the town  fell\tto rebels"]
    hasher.transform(first)
    again = ["town the rebels", "", "fell fell fell"]
    fresh = Hasher(char_wb_ngrams(3, 5), HASH_BITS).transform(again)
    cached = hasher.transform(again)
    assert (cached != fresh).nnz == 0
    assert cached.has_canonical_format
    assert cached[1].nnz == 0
    assert cached[2].sum() == 3 * len(char_wb_ngrams(3, 5)("fell"))
