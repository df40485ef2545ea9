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

from flashpoint.models.hashing import Hasher, char_wb_ngrams, word_ngrams

HASH_BITS = 20
_DIGITS = re.compile(r"\d")


def normalise(text: str) -> str:
    """Lower case, every digit a 0 (counts and dates differ; their shape is what matters)."""
    return _DIGITS.sub("0", " ".join(text.split()).lower())


@cache
def _word_hasher() -> Hasher:
    """Word 1-2 grams; a <tag> token of the parse features counts as one word."""
    return Hasher(word_ngrams(r"(?u)\b\w[\w'-]*\b|[<>\[\]]\w+[<>\[\]]", 1, 2), HASH_BITS)


@cache
def _char_hasher() -> Hasher:
    """Character 3-5 grams inside words: spelling variants and unseen names share most."""
    return Hasher(char_wb_ngrams(3, 5), HASH_BITS)


def hashed_counts(
    texts: list[str], chars: bool = True, extra: list[str] | None = None, extra_weight: float = 1.0
) -> sparse.csr_matrix:
    """Word 1-2 gram and (optionally) char 3-5 gram counts, side by side; `extra` (one string
    of <tag> tokens per text, such as `clause_tokens`) adds to the word block, each count
    times `extra_weight`."""
    normalised = [normalise(t) for t in texts]
    words = _word_hasher().transform(normalised)
    if extra is not None:
        words = words + extra_weight * _word_hasher().transform([normalise(e) for e in extra])
    blocks = [words]
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


# -- what the parse says about a pair of mentions ---------------------------------------------
PATH_STEPS = 6  # longer dependency paths are one feature, "long"
_NOT_WORD = re.compile(r"\W+")


def _word(text: str) -> str:
    return _NOT_WORD.sub("", text.lower()) or "x"


def _root(doc, span: tuple[int, int]):  # noqa: ANN001, ANN202
    found = doc.char_span(span[0], span[1], alignment_mode="expand")
    return found.root if found is not None and len(found) else None


def _step(token, way: str) -> str:  # noqa: ANN001
    """One step of the path: its dependency label (a preposition's own word kept: 'against'
    and 'with' say opposite things) and which way it goes."""
    if token.dep_ in {"prep", "agent"}:
        return f"{token.dep_}{_word(token.lower_)}{way}"
    return f"{token.dep_}{way}"


def pair_parse_tokens(doc, first: tuple[int, int], second: tuple[int, int]) -> str:  # noqa: ANN001
    """The pair as the parse sees it: the dependency path between the two heads ('nsubj up,
    strike, prep against, pobj down') and the words on it. Words around a pair change from one
    text to the next; the path that joins two parties changes much less. (The ends' NER labels
    were tried too and lowered the dev figures: 0.837 -> 0.792 pair accuracy.)"""
    a, b = _root(doc, first), _root(doc, second)
    tokens: list[str] = []
    if a is None or b is None or a.sent.start != b.sent.start:
        return "<path_none>"
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    depth_b = {t.i: k for k, t in enumerate(up_b)}
    common = next((k for k, t in enumerate(up_a) if t.i in depth_b), None)
    if common is None:
        return "<path_none>"
    top = up_a[common]
    left, right = up_a[:common], up_b[: depth_b[top.i]]
    steps = (
        [_step(t, "u") for t in left] + [_word(top.lemma_)] + [_step(t, "d") for t in right[::-1]]
    )
    inner = [t for t in left[1:] + right[1:]]
    tokens.append(f"<lca_{_word(top.lemma_)}>")
    tokens += [f"<pw_{_word(t.lemma_)}>" for t in inner if t.pos_ in {"VERB", "NOUN", "ADP"}]
    if len(steps) > PATH_STEPS:
        tokens.append("<path_long>")
    else:
        tokens.append("<path_" + "_".join(_word(s) for s in steps) + ">")
    return " ".join(tokens)


# -- what the parse says about a sentence's main clause ---------------------------------------
# Subtrees that are not the main clause: adverbial, relative, reported and open clauses, and
# clausal modifiers of nouns. "The ministry condemned the strike that killed six" is a verbal
# act whose violence sits in a relative clause; a bag of the sentence's words calls it ASSAULT.
SUBORDINATE_DEPS = frozenset({"advcl", "relcl", "ccomp", "xcomp", "acl", "parataxis", "csubj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_OBJECTS = frozenset({"dobj", "attr", "oprd", "dative"})


# "Gunmen killed four, residents said": a plain report's main clause is what it reports
_REPORTING = frozenset({"say", "tell", "report", "add", "state", "write", "note"})


def _main_clause(head) -> list:  # noqa: ANN001, ANN202
    """The tokens of `head`'s clause, not descending into any subordinate clause below it."""
    found, stack = [], [head]
    while stack:
        token = stack.pop()
        if not token.is_punct and not token.is_space:
            found.append(token)
        stack.extend(c for c in token.children if c.dep_ not in SUBORDINATE_DEPS)
    return sorted(found, key=lambda t: t.i)


def _clause_head(sent) -> tuple:  # noqa: ANN001
    """The sentence's root, or the clause a reporting root ('said') reports."""
    root = sent.root
    if root.lemma_.lower() in _REPORTING:
        reported = [c for c in root.children if c.dep_ == "ccomp"]
        if reported:
            return reported[0], True
    return root, False


def _sentence_clause_tokens(sent) -> list[str]:  # noqa: ANN001
    head, reported = _clause_head(sent)
    tokens = [f"<root_{_word(head.lemma_)}>"] + (["<reported>"] if reported else [])
    for child in head.children:
        if child.dep_ in _SUBJECTS:
            tokens.append(f"<rsubj_{_word(child.lemma_)}>")
        elif child.dep_ in _OBJECTS:
            tokens.append(f"<robj_{_word(child.lemma_)}>")
        elif child.dep_ == "neg":
            tokens.append("<rneg>")
        elif child.dep_ == "ccomp":  # "denied that its forces shelled": the shelling is denied
            tokens.append(f"<rep_{_word(child.lemma_)}>")
        elif child.dep_ == "xcomp":  # "threatened to strike", "agreed to withdraw"
            tokens.append(f"<xc_{_word(child.lemma_)}>")
        elif child.dep_ == "prep":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                tokens.append(f"<rprep_{_word(child.lower_)}_{_word(objects[0].lemma_)}>")
    tokens += [f"<m_{_word(t.lemma_)}>" for t in _main_clause(head)]
    return tokens


def clause_tokens(span) -> str:  # noqa: ANN001
    """Features of each sentence's main clause in `span` (a spaCy Span or Doc): the root verb's
    lemma (past a reporting 'said', the reported clause's), its subject, object, negation,
    reported (ccomp) and open (xcomp) clause heads, and the main clause's own lemmas. They go
    beside the whole sentence's n-grams, so the head can tell the act a sentence reports from
    the violence it mentions in passing."""
    out: list[str] = []
    for sent in span.sents:
        out += _sentence_clause_tokens(sent)
    return " ".join(out)
