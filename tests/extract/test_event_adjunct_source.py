"""Who does the act a participle adjunct names: the subject of its clause, and, for a verbal
act hung on a reported clause, the speaker ("X said drones struck Y, accusing Z")."""

from __future__ import annotations


def _event(analysis, trigger: str):
    return next(e for e in analysis.events if e.trigger == trigger)


def _name(analysis, actor_id):
    return next((a.name for a in analysis.actors if a.id == actor_id), None)


def test_a_verbal_participle_after_a_reported_clause_is_the_speakers(analyzer):
    found = analyzer.analyze_text(
        "Hamas said Israeli jets struck a school in Gaza City, accusing Israel of targeting "
        "displaced families."
    )
    accusation = _event(found, "accusing")
    assert _name(found, accusation.source) == "Hamas"
    assert _name(found, accusation.target) != "Hamas"


def test_a_material_participle_stays_with_the_reported_clause(analyzer):
    found = analyzer.analyze_text(
        "The Malian army said jihadists attacked a checkpoint near Kidal, killing two soldiers."
    )
    killing = _event(found, "killing")
    assert _name(found, killing.source) not in {None, "Malian Armed Forces"}


def test_a_gerund_adjunct_takes_its_clauses_subject(analyzer):
    found = analyzer.analyze_text(
        "Iran recalled its envoy from Baku, blaming Azerbaijan for the attack on its embassy."
    )
    blame = _event(found, "blaming")
    assert (_name(found, blame.source), _name(found, blame.target)) == ("Iran", "Azerbaijan")
