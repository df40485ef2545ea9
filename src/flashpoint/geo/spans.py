"""Which character spans are already taken: an overlap test in log time, not one per span.

Recognition runs in passes (NER, border demonyms, the gazetteer matcher, later mentions,
names inside names, demonyms) and each pass skips what an earlier one found. Testing a
candidate against every found span made a long document of many place names quadratic
(13,000 words naming 2,000 towns: 78 s); sorted starts with a running maximum of ends
answer "does anything overlap [start, end)?" with one binary search.

    >>> taken = SpanIndex([(0, 5), (10, 20)])
    >>> taken.overlaps(4, 6), taken.overlaps(5, 10), taken.overlaps(19, 30)
    (True, False, True)
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from itertools import accumulate


class SpanIndex:
    """A fixed set of half-open character spans [start, end), asked about overlaps."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        ordered = sorted(spans)
        self._starts = [s for s, _ in ordered]
        # the furthest end among the spans that start at or before each position
        self._reach = list(accumulate((e for _, e in ordered), max))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span shares a character with [start, end)."""
        before = bisect_left(self._starts, end)  # spans starting before `end`
        return before > 0 and self._reach[before - 1] > start

    def __len__(self) -> int:
        return len(self._starts)
