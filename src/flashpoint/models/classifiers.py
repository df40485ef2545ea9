"""The trained event and relation classifiers, loaded once per process.

The event classifier reads one sentence and says which of ACLED's 25 sub-event types it
reports (or NONE), and which PLOVER type; the relation classifier reads two actor mentions in a
sentence, with the words around and between them, and says how the first relates to the second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from flashpoint.models.features import clause_tokens, embedder, hashed_counts, pair_parse_tokens
from flashpoint.models.linear import LinearModel, shipped_model_path
from flashpoint.nlp.text import doc_text

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span

NONE = "NONE"
# relation labels read left to right: "patron_of_rev" is "the second backs the first"
REVERSED = "_rev"
_TOKEN = re.compile(r"\w[\w'.-]*|[^\w\s]")
CONTEXT_TOKENS = 4
CONTEXT_CHARS = 80  # enough text around a pair for CONTEXT_TOKENS words
BETWEEN_TOKENS = 10


@dataclass(frozen=True)
class EventPrediction:
    """The likeliest event label of each head, and how likely the sentence reports none."""

    acled: str  # the likeliest short ACLED code (never NONE)
    acled_probability: float
    plover: str  # the likeliest PLOVER type (never NONE)
    plover_probability: float
    no_event: float = 0.0  # the ACLED head's probability that the sentence reports no event
    no_plover: float = 0.0  # the PLOVER head's

    @property
    def is_event(self) -> bool:
        return self.no_event < 0.5


@dataclass(frozen=True)
class RelationPrediction:
    type: str  # patron_of / ally_of / enemy_of / member_of / leads / none
    forward: bool  # True: first -> second; False: second -> first
    probability: float


class EventClassifier:
    def __init__(self, acled: LinearModel, plover: LinearModel):
        self.acled = acled
        self.plover = plover
        self.embedder = embedder(acled.dense_dim)
        # both heads learn from the same texts, so they usually keep the same columns and one
        # design matrix serves both
        self.shared_design = (
            np.array_equal(acled.columns, plover.columns)
            and np.array_equal(acled.idf, plover.idf)
            and acled.dense_scale == plover.dense_scale
        )

    @classmethod
    def load(cls, folder: Path | None = None) -> EventClassifier:
        return cls(
            LinearModel.load(_path("event_acled", folder)),
            LinearModel.load(_path("event_plover", folder)),
        )

    @property
    def reads_parse(self) -> bool:
        """Models trained with the main-clause features need each sentence's parse (a Span)."""
        return bool(self.acled.meta.get("clause_features"))

    def classify(self, sentences: Sequence[str | Span]) -> list[EventPrediction]:
        """One verdict per sentence: the parsed sentences (spaCy Spans), or strings, which a
        model that reads the parse parses first; models without it read only the text."""
        if not sentences:
            return []
        # a sentence's text sliced from its document's: Span.text builds a Token per word
        texts = [
            s if isinstance(s, str) else doc_text(s.doc)[s.start_char : s.end_char]
            for s in sentences
        ]
        extra = None
        if self.reads_parse:
            extra = [clause_tokens(_parsed(s) if isinstance(s, str) else s) for s in sentences]
        weight = float(self.acled.meta.get("clause_weight", 1.0))
        counts = hashed_counts(texts, extra=extra, extra_weight=weight)
        dense = self.embedder.embed(texts)
        design = self.acled.design(counts, dense)
        acled = self.acled.probabilities(design)
        shared = design if self.shared_design else self.plover.design(counts, dense)
        plover = self.plover.probabilities(shared)
        return [
            EventPrediction(
                *_best(self.acled.labels, a),
                *_best(self.plover.labels, p),
                no_event=_none(self.acled.labels, a),
                no_plover=_none(self.plover.labels, p),
            )
            for a, p in zip(acled, plover, strict=True)
        ]


def _parsed(text: str) -> Doc:
    """A string handed to a model that reads the parse is parsed here, by the pipeline the
    analysis uses (the analysis itself passes the sentences it has parsed already)."""
    return _pipeline()(text)


@cache
def _pipeline():  # noqa: ANN202
    from flashpoint.nlp.pipeline import load_pipeline

    return load_pipeline()


def _best(labels: list[str], row: np.ndarray) -> tuple[str, float]:
    """The likeliest label other than NONE (ties: the first in label order)."""
    order = [i for i in np.argsort(-row, kind="stable") if labels[i] != NONE]
    return labels[order[0]], float(row[order[0]])


def _none(labels: list[str], row: np.ndarray) -> float:
    return float(row[labels.index(NONE)]) if NONE in labels else 0.0


def pair_text(text: str, first: tuple[int, int], second: tuple[int, int]) -> str:
    """The pair as the classifier reads it: a few words before, the first mention as [A] with
    its own words, the words between (long gaps keep both ends), [B] with its words, a few after."""
    (a0, a1), (b0, b1) = first, second
    before = _TOKEN.findall(text[max(0, a0 - CONTEXT_CHARS) : a0])[-CONTEXT_TOKENS:]
    between = _TOKEN.findall(text[a1:b0])
    if len(between) > 2 * BETWEEN_TOKENS:
        between = between[:BETWEEN_TOKENS] + ["<gap>"] + between[-BETWEEN_TOKENS:]
    after = _TOKEN.findall(text[b1 : b1 + CONTEXT_CHARS])[:CONTEXT_TOKENS]
    return " ".join(
        [
            *("<l>" + w for w in before),
            "[a]",
            text[a0:a1],
            "[/a]",
            *between,
            "[b]",
            text[b0:b1],
            "[/b]",
            *("<r>" + w for w in after),
        ]
    )


def between_text(text: str, first: tuple[int, int], second: tuple[int, int]) -> str:
    return text[first[1] : second[0]][:200] or text[first[0] : second[1]]


class RelationClassifier:
    def __init__(self, model: LinearModel):
        self.model = model
        self.embedder = embedder(model.dense_dim)

    @classmethod
    def load(cls, folder: Path | None = None) -> RelationClassifier:
        return cls(LinearModel.load(_path("relation", folder)))

    @property
    def reads_parse(self) -> bool:
        """Models trained with the parse features need the parsed document to score a pair."""
        return bool(self.model.meta.get("parse_features"))

    def classify(
        self,
        text: str,
        pairs: list[tuple[tuple[int, int], tuple[int, int]]],
        doc: Doc | None = None,
    ) -> list[RelationPrediction]:
        """`pairs` are (first span, second span) with the first before the second; `doc` is
        the parse of `text`, needed when the model reads the parse."""
        if not pairs:
            return []
        strings = [pair_text(text, a, b) for a, b in pairs]
        if self.reads_parse:
            if doc is None:
                raise ValueError("this relation model reads the parse: pass the parsed doc")
            strings = [
                f"{s} {pair_parse_tokens(doc, a, b)}"
                for s, (a, b) in zip(strings, pairs, strict=True)
            ]
        counts = hashed_counts(strings, chars=False)
        dense = self.embedder.embed([between_text(text, a, b) for a, b in pairs])
        probs = self.model.probabilities(self.model.design(counts, dense))
        out = []
        for row in probs:
            i = int(np.argmax(row))
            label = self.model.labels[i]
            forward = not label.endswith(REVERSED)
            out.append(RelationPrediction(label.removesuffix(REVERSED), forward, float(row[i])))
        return out


@dataclass
class Models:
    events: EventClassifier
    relations: RelationClassifier

    @classmethod
    def load(cls, folder: Path | None = None) -> Models:
        """The shipped models, or those `flashpoint train --out FOLDER` wrote."""
        return cls(EventClassifier.load(folder), RelationClassifier.load(folder))


def _path(name: str, folder: Path | None) -> Path:
    return folder / f"{name}.npz" if folder else shipped_model_path(name)
