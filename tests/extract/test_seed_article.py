"""The article the project started from (read from ../shared, never copied): the reading a careful
analyst makes of it (shared/seed/EXPECTED.md), checked where our extractor reaches it."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import need_shared  # noqa: F401  (tests/conftest.py is on the path under pytest)


@pytest.fixture(scope="module")
def seed(analyzer):
    from flashpoint.ingest import load_document

    path = need_shared("seed/000_052a24c72a71051f.txt")
    document = load_document(str(path), published=dt.date(2017, 9, 12))
    return analyzer.analyze(document)


def names(result):
    return {a.id: a for a in result.actors}


def has(result, type_, source, target):
    return any(
        r.type == type_ and {r.source, r.target} == {source, target} for r in result.relations
    )


def test_seed_boilerplate_dropped(seed):
    text = seed.document.text
    assert "Paid content" not in text and "The views and opinions expressed" not in text


def test_seed_core_actors(seed):
    ids = set(names(seed))
    assert {"united_states", "russia", "syrian_arab_army", "sdf", "islamic_state"} <= ids
    assert "deir_ez_zor_military_council" in ids


def test_seed_patrons_membership_and_leadership(seed):
    assert has(seed, "patron_of", "united_states", "sdf")
    assert has(seed, "patron_of", "russia", "syrian_arab_army")
    assert has(seed, "member_of", "deir_ez_zor_military_council", "sdf")
    leader = [
        r
        for r in seed.relations
        if r.type == "leads" and r.target == "deir_ez_zor_military_council"
    ]
    assert leader


def test_seed_modality_of_the_sdf_statement(seed):
    respond = [e for e in seed.events if e.type == "THREATEN"]
    assert respond and respond[0].modality == "conditional"
    assert respond[0].attribution.kind == "speaker" and respond[0].attribution.outlet == "Reuters"
    clashes = [e for e in seed.events if e.trigger == "clashes"]
    assert clashes and clashes[0].modality == "negated"


def test_seed_opinion_set_apart(seed):
    opinion = " ".join(o.text for o in seed.opinions)
    assert "mind-boggling" in opinion
    assert "why should they" in opinion


def test_seed_flashpoint_us_sdf_saa_russia(seed):
    assert seed.flashpoints
    best = seed.flashpoints[0]
    path = [step.actor for step in best.path]
    assert path[1:3] in (["sdf", "syrian_arab_army"], ["syrian_arab_army", "sdf"]) or set(
        path[1:3]
    ) == {"deir_ez_zor_military_council", "syrian_arab_army"}
    assert {"united_states", "russia"} <= set(path)
    place = next(p for p in seed.places if p.id == best.place)
    assert "Deir" in place.name or "Dayr" in place.name
