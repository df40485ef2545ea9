"""The learned half of 'a place named as an actor, or a place': scoring a name by its context.

A name the NER calls an organisation or a person ("Jayrud", "Marea") is scored by the words
around it and the letters in it: the preposition or verb that governs it ("shelled", "near",
"the village of"), the words after it, and its shape ("Kafr ...", "al-...iyeh"). The model is a
hashed n-gram logistic regression (`LinearModel`) trained by `scripts/train_place_names.py` on
our own training passages, with places and actors labelled by the geoparser and by the
passages' own source, target and relation spans.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

from spacy.tokens import Doc, Span

from flashpoint.models.features import hashed_counts
from flashpoint.models.linear import LinearModel, shipped_model_path

MODEL_NAME = "place_name"
WINDOW = 3


def context_text(doc: Doc, span: Span) -> str:
    """What the model reads for one name: the words before and after it (the name itself
    replaced by a marker), the word that governs it and how, and the name's shape."""
    before = [t.lower_ for t in doc[max(0, span.start - WINDOW) : span.start]]
    after = [t.lower_ for t in doc[span.end : span.end + WINDOW]]
    root = span.root
    head = root.head if root.head.i not in range(span.start, span.end) else root
    governor = f"gov_{root.dep_}_{head.lemma_.lower()}"
    # the name's shape, not the name: known names are learned by the gazetteer already, and
    # the model is for the names it lacks ("Kafr ...", "...iyeh", "Abu ...", "... Brigade")
    shape = [f"first_{span[0].lower_}", f"last_{span[-1].lower_}"] if len(span) > 1 else []
    shape += [f"pre_{t.lower_[:3]} suf_{t.lower_[-3:]}" for t in span]
    shape.append(f"len_{min(len(span), 4)}")
    return " ".join([*before, "<N>", *after, governor, *shape])


class PlaceNameModel:
    """P(place) for names in their documents; load once per process."""

    def __init__(self, model: LinearModel):
        self.model = model
        self.place = model.labels.index("place")

    @classmethod
    def load(cls, path: Path | None = None) -> PlaceNameModel:
        return cls(LinearModel.load(path or shipped_model_path(MODEL_NAME)))

    def p_place(self, doc: Doc, spans: Sequence[Span]) -> list[float]:
        if not spans:
            return []
        counts = hashed_counts([context_text(doc, s) for s in spans])
        return [
            float(p)
            for p in self.model.probabilities(self.model.design(counts, None))[:, self.place]
        ]


@cache
def shipped_model() -> PlaceNameModel | None:
    """The shipped model, or None when the package has none (then the rules decide alone)."""
    path = shipped_model_path(MODEL_NAME)
    return PlaceNameModel.load(path) if path.is_file() else None
