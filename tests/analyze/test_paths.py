"""Escalation paths through the invented theatre."""

from __future__ import annotations

import datetime as dt

from flashpoint.analyze import network
from flashpoint.analyze.paths import escalation_paths, rival_pairs, strength

D = dt.date(2017, 9, 30)


def _ties(theatre, tmp_path, events, relations=()):
    window = theatre.window(dt.date(2017, 1, 1), D, events, list(relations))
    return network.ties(window, theatre.registry(tmp_path), D)


def test_paths_patron_client_cross_client_patron(theatre, tmp_path):
    events = [theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", D, ("A", "B"))]
    relations = [theatre.relation("patron_of", "bigland", "blue_militia", D, outlets=2, evidence=3)]
    ties = _ties(theatre, tmp_path, events, relations)
    found = escalation_paths(ties, "bigland", "otherland", 3, direct=False)
    best = found[0]
    assert best.actors() == ["bigland", "blue_militia", "red_army", "otherland"]
    assert [s.relation for s in best.steps] == ["patron_of", "attacked", "client_of", None]
    assert best.steps[0].evidence == 3 and not best.steps[0].registry  # reported, 3 reports
    assert best.steps[0].refs == [f"relation:{relations[0].id}"]
    assert best.steps[1].refs == [f"event:{events[0].id}"]
    assert best.steps[2].registry  # Otherland's backing comes from the registry
    assert 0 < best.score < 1
    # every path crosses exactly one hostile tie, and no actor appears twice
    for path in found:
        hostile = [s for s in path.steps if s.relation in {"attacked", "enemy_of", "threatens"}]
        assert len(hostile) == 1
        assert len(set(path.actors())) == len(path.actors())


def test_paths_rivalry_is_no_crossing_but_enmity_is(theatre, tmp_path):
    events = [theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", D)]
    found = escalation_paths(_ties(theatre, tmp_path, events), "bigland", "otherland", 2)
    assert found[0].actors() == ["bigland", "blue_militia", "red_army", "otherland"]
    assert all("rival_of" not in [s.relation for s in p.steps] for p in found)
    direct = escalation_paths(_ties(theatre, tmp_path, events), "blue_militia", "red_army", 1)
    assert direct[0].actors() == ["blue_militia", "red_army"]  # enemies: the bare crossing


def test_paths_stronger_evidence_scores_higher(theatre, tmp_path):
    weak = [theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", D, ("A",))]
    strong = [theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", D, tuple("ABCDE"))]
    score = {}
    for label, events in (("weak", weak), ("strong", strong)):
        ties = _ties(theatre, tmp_path, events)
        score[label] = escalation_paths(ties, "blue_militia", "red_army", 1)[0].score
    assert score["strong"] > score["weak"]
    assert strength(0.0) < strength(1.0) < 1.0


def test_paths_none_between_allies_or_unknown(theatre, tmp_path):
    ties = _ties(
        theatre, tmp_path, [theatre.event("MOBILIZE", "blue_militia", None, "fordtown", D)]
    )
    assert escalation_paths(ties, "bigland", "blue_militia", 3) == []  # same side, no crossing
    assert escalation_paths(ties, "bigland", "nobody", 3) == []


def test_paths_rival_pairs_are_backers_only(theatre, tmp_path):
    events = [theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", D)]
    assert rival_pairs(_ties(theatre, tmp_path, events)) == [("bigland", "otherland")]
