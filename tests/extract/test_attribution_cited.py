"""'X, quoted by the pro-Y outlet Z, said ...': the speaker's words via the outlet, whatever the
iteration order of the cue sets."""

from __future__ import annotations

from flashpoint.extract.relation_phrases import phrases_in

TEXT = (
    "Houthi forces fired missiles at Saudi Arabia on Monday. A senior Houthi official, quoted by "
    "the pro-Houthi channel Al Jazeera, said the group would strike Saudi ports if the blockade "
    "continued."
)


def test_attribution_cited_speaker_keeps_the_outlet(analyzer):
    result = analyzer.analyze_text(TEXT)
    second = TEXT.index("A senior")
    quoted = [e for e in result.events if e.evidence.start >= second]
    assert quoted
    for event in quoted:
        assert event.attribution.kind == "unnamed", event.attribution
        assert event.attribution.outlet == "Al Jazeera"
        assert event.attribution.affiliation == "houthis"
    first = [e for e in result.events if e.evidence.start < second]
    assert all(e.attribution.kind == "author" for e in first)


def test_attribution_cited_per_inside_a_word_is_no_cue(analyzer):
    """'per' ends 'newspaper': only a whole word is the cue, so the author reports this."""
    text = "Houthi forces shelled a newspaper office in Marib, and Saudi jets struck Houthi posts."
    result = analyzer.analyze_text(text)
    assert result.events
    assert all(e.attribution.kind == "author" for e in result.events), result.events


def test_attribution_cited_phrases_in_text_order():
    lower = "the militia fought alongside the army and at war with the rebels"
    found = phrases_in(lower, frozenset({"at war with", "alongside", "war with", "absent"}))
    assert found == [
        (lower.index("alongside"), "alongside"),
        (lower.index("at war with"), "at war with"),
        (lower.index("war with"), "war with"),
    ]
