"""The scoring primitives on tiny hand-made cases: overlap, exact, one-to-one, direction."""

from __future__ import annotations

import pytest

from flashpoint.evaluate.scoring import (
    PairInstance,
    Score,
    classification_scores,
    match_any,
    match_spans_one_to_one,
    overlaps,
    pair_matches,
    spans_match,
)


def test_scoring_overlap_is_half_open():
    assert overlaps((0, 5), (4, 9))
    assert not overlaps((0, 5), (5, 9))  # touching ends share no character
    assert overlaps((2, 3), (0, 10))


def test_scoring_exact_needs_both_ends():
    assert spans_match((3, 8), (3, 8), "exact")
    assert not spans_match((3, 8), (3, 9), "exact")
    assert spans_match((3, 8), (3, 9), "overlap")


def test_scoring_one_to_one_counts_a_gold_span_once():
    # two predictions inside one gold span: one hit, one false positive
    matching = match_spans_one_to_one([(0, 4), (5, 9)], [(0, 9)])
    score = matching.score(2, 1)
    assert (score.tp_pred, score.tp_gold) == (1, 1)
    assert score.precision == 0.5
    assert score.recall == 1.0


def test_scoring_one_to_one_prefers_the_larger_overlap():
    # the prediction overlaps both gold spans; it pairs with the one it covers most
    matching = match_spans_one_to_one([(2, 10)], [(0, 3), (4, 12)])
    assert matching.gold == frozenset({1})


def test_scoring_exact_rule_rejects_partial_spans():
    pred, gold = [(0, 4), (10, 20)], [(0, 5), (10, 20)]
    assert len(match_spans_one_to_one(pred, gold, "overlap").pred) == 2
    assert match_spans_one_to_one(pred, gold, "exact").gold == frozenset({1})


def test_scoring_score_f1_and_empty_cases():
    assert Score(4, 5, 2, 2).f1 == pytest.approx(2 * 0.5 * 0.4 / 0.9)
    empty = Score()
    assert (empty.precision, empty.recall, empty.f1) == (0.0, 0.0, 0.0)
    assert (Score(1, 2, 1, 1) + Score(3, 0, 0, 0)).n_pred == 4


def _pair(doc: str, kind: str, source: tuple[int, int], target: tuple[int, int]) -> PairInstance:
    return PairInstance(doc, kind, (source,), (target,))


def test_scoring_symmetric_pairs_match_either_way_round():
    gold = _pair("d1", "enemy_of", (0, 5), (20, 25))
    reversed_pred = _pair("d1", "enemy_of", (21, 24), (1, 4))
    assert pair_matches(reversed_pred, gold, symmetric=True)
    assert not pair_matches(reversed_pred, gold, symmetric=False)


def test_scoring_directed_pairs_need_the_right_direction():
    gold = _pair("d1", "member_of", (0, 5), (20, 25))
    assert pair_matches(_pair("d1", "member_of", (0, 5), (20, 25)), gold, symmetric=False)
    assert not pair_matches(_pair("d1", "member_of", (20, 25), (0, 5)), gold, symmetric=False)


def test_scoring_pairs_match_only_in_the_same_document_and_type():
    gold = _pair("d1", "ally_of", (0, 5), (20, 25))
    assert not pair_matches(_pair("d2", "ally_of", (0, 5), (20, 25)), gold, symmetric=True)
    assert not pair_matches(_pair("d1", "enemy_of", (0, 5), (20, 25)), gold, symmetric=True)


def test_scoring_pair_with_one_end_missing_does_not_match():
    gold = _pair("d1", "leads", (0, 5), (20, 25))
    pred = PairInstance("d1", "leads", ((0, 5),), ())
    assert not pair_matches(pred, gold, symmetric=False)


def test_scoring_match_any_lets_one_prediction_cover_two_gold_items():
    matching = match_any([(0, 10)], [(0, 2), (5, 7), (20, 22)], overlaps)
    assert matching.pred == frozenset({0})
    assert matching.gold == frozenset({0, 1})
    score = matching.score(1, 3)
    assert score.precision == 1.0
    assert score.recall == pytest.approx(2 / 3)


def test_scoring_classification_none_is_wrong_and_not_a_false_positive():
    accuracy, _, per = classification_scores(["AGREE", "ASSAULT"], ["AGREE", None])
    assert accuracy == 0.5
    assert per["ASSAULT"].n_gold == 1
    assert per["ASSAULT"].n_pred == 0
    assert per["AGREE"].f1 == 1.0


def test_scoring_macro_f1_leaves_out_absent_classes():
    gold = ["AGREE", "AGREE", "ASSAULT", "ASSAULT"]
    pred = ["AGREE", "ASSAULT", "ASSAULT", "ASSAULT"]
    accuracy, macro, per = classification_scores(gold, pred)
    assert accuracy == 0.75
    assert set(per) == {"AGREE", "ASSAULT"}  # the other 14 types are absent from both
    agree_f1 = 2 * 1.0 * 0.5 / 1.5
    assault_f1 = 2 * (2 / 3) * 1.0 / (2 / 3 + 1.0)
    assert macro == pytest.approx((agree_f1 + assault_f1) / 2)


def test_scoring_macro_f1_counts_a_predicted_only_class_as_zero():
    _, macro, per = classification_scores(["AGREE", "AGREE"], ["AGREE", "THREATEN"])
    assert per["THREATEN"].f1 == 0.0
    assert macro == pytest.approx((2 * 1.0 * 0.5 / 1.5 + 0.0) / 2)


def test_scoring_classification_rejects_mismatched_lengths():
    with pytest.raises(ValueError):
        classification_scores(["AGREE"], [])
