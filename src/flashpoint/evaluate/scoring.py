"""Small, explicit scoring primitives shared by every eval, so nobody has to trust them blindly.

Spans are half-open character ranges `(start, end)`. Two matching rules exist:
`overlap` (the spans share at least one character) and `exact` (same start and end).
Entity mentions are matched one-to-one; relation instances are matched "any-to-any"
(see `match_any`), because one predicted relation may rightly stand for several gold pairs.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

SpanTuple = tuple[int, int]
MatchRule = Literal["overlap", "exact"]
T = TypeVar("T")
G = TypeVar("G")


def overlaps(a: SpanTuple, b: SpanTuple) -> bool:
    """True when the half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def overlap_size(a: SpanTuple, b: SpanTuple) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def spans_match(a: SpanTuple, b: SpanTuple, rule: MatchRule = "overlap") -> bool:
    """Apply the named matching rule to two spans."""
    if rule == "exact":
        return a == b
    return overlaps(a, b)


@dataclass
class Score:
    """Counts for one figure. With one-to-one matching `tp_pred == tp_gold`.

    n_pred/n_gold: predictions and gold items; tp_pred: predictions that matched a gold
    item; tp_gold: gold items matched by a prediction.
    """

    n_pred: int = 0
    n_gold: int = 0
    tp_pred: int = 0
    tp_gold: int = 0

    @property
    def precision(self) -> float:
        return self.tp_pred / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.n_pred + other.n_pred,
            self.n_gold + other.n_gold,
            self.tp_pred + other.tp_pred,
            self.tp_gold + other.tp_gold,
        )

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "n_pred": self.n_pred,
            "n_gold": self.n_gold,
            "tp_pred": self.tp_pred,
            "tp_gold": self.tp_gold,
        }


@dataclass(frozen=True)
class Matching:
    """Which predictions and which gold items found a partner."""

    pred: frozenset[int]
    gold: frozenset[int]

    def score(self, n_pred: int, n_gold: int) -> Score:
        return Score(n_pred, n_gold, len(self.pred), len(self.gold))


def match_spans_one_to_one(
    pred: Sequence[SpanTuple], gold: Sequence[SpanTuple], rule: MatchRule = "overlap"
) -> Matching:
    """Pair predicted and gold spans at most once each, largest overlap first.

    Greedy by overlap size (ties: earliest gold, then earliest prediction), which is
    optimal for the interval case in practice and, above all, deterministic.
    """
    candidates = [
        (-overlap_size(p, g), gi, pi)
        for pi, p in enumerate(pred)
        for gi, g in enumerate(gold)
        if spans_match(p, g, rule)
    ]
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for _, gi, pi in sorted(candidates):
        if pi in used_pred or gi in used_gold:
            continue
        used_pred.add(pi)
        used_gold.add(gi)
    return Matching(frozenset(used_pred), frozenset(used_gold))


def match_any(pred: Sequence[T], gold: Sequence[G], matches: Callable[[T, G], bool]) -> Matching:
    """A prediction counts when it matches any gold item; a gold item when any prediction does."""
    used_pred: set[int] = set()
    used_gold: set[int] = set()
    for pi, p in enumerate(pred):
        for gi, g in enumerate(gold):
            if matches(p, g):
                used_pred.add(pi)
                used_gold.add(gi)
    return Matching(frozenset(used_pred), frozenset(used_gold))


@dataclass(frozen=True)
class PairInstance:
    """One relation instance: candidate spans for each end, within one document."""

    doc: str
    type: str
    source: tuple[SpanTuple, ...]
    target: tuple[SpanTuple, ...]


def pair_matches(
    pred: PairInstance, gold: PairInstance, symmetric: bool, rule: MatchRule = "overlap"
) -> bool:
    """Same document and type, and each end hits its gold end (either way round if symmetric)."""
    if pred.doc != gold.doc or pred.type != gold.type:
        return False

    def hits(ours: tuple[SpanTuple, ...], theirs: tuple[SpanTuple, ...]) -> bool:
        return any(spans_match(o, t, rule) for o in ours for t in theirs)

    if hits(pred.source, gold.source) and hits(pred.target, gold.target):
        return True
    return symmetric and hits(pred.source, gold.target) and hits(pred.target, gold.source)


def classification_scores(
    gold: Sequence[Hashable], pred: Sequence[Hashable | None]
) -> tuple[float, float, dict[Hashable, Score]]:
    """Accuracy, macro-F1 and per-class scores for single-label classification.

    A `None` prediction (nothing extracted) is always wrong: a false negative for the gold
    class and no false positive. Macro-F1 averages over the classes that occur in the gold
    or in the predictions; classes absent from both are left out, not counted as zero.
    """
    if len(gold) != len(pred):
        raise ValueError("gold and pred must have the same length")
    classes: set[Hashable] = {g for g in gold} | {p for p in pred if p is not None}
    per: dict[Hashable, Score] = {c: Score() for c in classes}
    correct = 0
    for g, p in zip(gold, pred, strict=True):
        per[g].n_gold += 1
        if p is not None:
            per[p].n_pred += 1
        if p == g:
            correct += 1
            per[g].tp_pred += 1
            per[g].tp_gold += 1
    accuracy = correct / len(gold) if gold else 0.0
    macro = sum(s.f1 for s in per.values()) / len(per) if per else 0.0
    return accuracy, macro, per


def total(scores: Iterable[Score]) -> Score:
    """Micro total: the sum of the counts."""
    out = Score()
    for s in scores:
        out = out + s
    return out
