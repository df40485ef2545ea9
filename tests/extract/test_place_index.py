"""PlaceIndex and Intervals answer by binary search what a pass over every span answered:
the same lists, in the same order, for any spans (hypothesis draws them)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.extract.event_places import Intervals, PlaceIndex

SPAN = st.tuples(st.integers(0, 60), st.integers(1, 8), st.sampled_from("abcdef"))
SPANS = st.lists(SPAN, max_size=40).map(lambda xs: [(s, s + n, p) for s, n, p in xs])
COARSE = st.frozensets(st.sampled_from("abcdef"), max_size=3)
RANGE = st.tuples(st.integers(0, 70), st.integers(0, 70))


def naive_in_range(spans, coarse, start, end):
    inside = sorted((s, pid) for s, e, pid in spans if s >= start and e <= end)
    return [pid for _, pid in sorted(inside, key=lambda x: (x[1] in coarse, x[0]))]


@settings(max_examples=300, derandomize=True, database=None)
@given(SPANS, COARSE, RANGE, st.integers(0, 70))
def test_place_index_answers_as_a_full_pass(spans, coarse, window, char):
    start, end = window
    index = PlaceIndex(list(spans), coarse)
    assert index.in_range(start, end) == naive_in_range(spans, coarse, start, end)
    assert sorted(index.starting_in(start, end)) == sorted(
        (s, e, p) for s, e, p in spans if start <= s < end
    )
    before = [(s, pid) for s, _, pid in spans if s < char and pid not in coarse]
    assert index.last_fine_before(char) == (max(before)[1] if before else None)


@settings(max_examples=300, derandomize=True, database=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8)), max_size=30), RANGE)
def test_intervals_overlap_as_a_full_pass(pairs, window):
    spans = [(s, s + n) for s, n in pairs]
    start, end = window
    assert Intervals(spans).overlaps(start, end) == any(s < end and start < e for s, e in spans)


def test_place_index_sees_spans_appended_after_a_question():
    index = PlaceIndex([(10, 15, "a")])
    assert index.in_range(0, 100) == ["a"]
    index.spans.append((5, 8, "b"))
    assert index.in_range(0, 100) == ["b", "a"]
