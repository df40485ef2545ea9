"""Extraction rules on short texts we wrote: one behaviour per test, through the full pipeline."""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2019, 10, 16)


def events_of(result, type_):
    return [e for e in result.events if e.type == type_]


def relation(result, type_, source, target):
    return [
        r
        for r in result.relations
        if r.type == type_
        and {r.source, r.target} == {source, target}
        and (type_ in {"ally_of", "enemy_of"} or (r.source, r.target) == (source, target))
    ]


def test_actors_acronym_defined_in_text_becomes_alias(analyse):
    result = analyse(
        "The Free Highland Brigades (FHB) attacked a checkpoint near Aleppo. "
        "Later the FHB withdrew to the hills."
    )
    actor = next(a for a in result.actors if a.name == "Free Highland Brigades")
    assert actor.known is False and "FHB" in actor.aliases
    assert {m.text for m in actor.mentions} >= {"Free Highland Brigades", "FHB"}


def test_actors_demonym_force_noun_links_state_forces(analyse):
    result = analyse("Syrian troops shelled the town while Russian jets struck targets nearby.")
    ids = {a.id for a in result.actors}
    assert "syrian_arab_army" in ids


def test_actors_country_as_location_is_a_place_not_an_actor(analyse):
    result = analyse("Fighting continued in Syria on Tuesday, residents said.")
    assert "syria" not in {a.id for a in result.actors}
    assert any(p.country == "SY" and p.feature == "country" for p in result.places)


def test_actors_descriptor_needs_its_country_in_focus(analyse):
    syria = analyse(
        "Syrian Democratic Forces fighters clashed with the regime near Manbij in Syria."
    )
    assert "syrian_government" in {a.id for a in syria.actors}
    elsewhere = analyse("Officials in Canada said the regime had changed its tax rules.")
    assert "syrian_government" not in {a.id for a in elsewhere.actors}


def test_modality_negated_conditional_and_double_negative(analyse):
    result = analyse(
        "The rebels said they did not expect clashes with the army but that they "
        "would respond if fired upon. The U.S. has not shied away from striking "
        "Syrian government forces."
    )
    clash = [e for e in result.events if e.trigger == "clashes"]
    assert clash and clash[0].modality == "negated"
    respond = [e for e in result.events if e.trigger == "respond"]
    assert respond and respond[0].type == "THREATEN" and respond[0].modality == "conditional"
    strike = [e for e in result.events if e.trigger == "striking"]
    assert strike and strike[0].modality == "asserted" and strike[0].source == "united_states"


def test_modality_intended_and_speculative(analyse):
    result = analyse(
        "Houthi fighters plan to storm Marib. Analysts say the coalition may strike Sanaa again."
    )
    storm = [e for e in result.events if e.trigger == "storm"]
    assert storm and storm[0].modality == "intended" and storm[0].source == "houthis"
    widen = [e for e in result.events if e.modality == "speculative"]
    assert widen


def test_relations_never_from_non_asserted_events(analyse):
    result = analyse("Hezbollah did not attack the Israel Defense Forces on Monday.")
    assert not relation(result, "enemy_of", "hezbollah", "israel_defense_forces")
    asserted = analyse("Hezbollah attacked the Israel Defense Forces on Monday.")
    assert relation(asserted, "enemy_of", "hezbollah", "israel_defense_forces")


def test_relations_backed_compound_and_passive(analyse):
    result = analyse(
        "The Syrian Democratic Forces (SDF), a U.S.-backed alliance, advanced. "
        "Pro-government forces backed by Russia held the bridge."
    )
    assert relation(result, "patron_of", "united_states", "sdf")
    assert relation(result, "patron_of", "russia", "syrian_arab_army")


def test_relations_membership_and_leadership(analyse):
    result = analyse(
        "Omar Haddad, head of the Raqqa Hawks Brigade, which fights under the banner "
        "of the SDF, said on Monday that the offensive had begun."
    )
    brigade = next(a for a in result.actors if a.name.endswith("Raqqa Hawks Brigade"))
    person = next(a for a in result.actors if a.kind == "person")
    assert relation(result, "member_of", brigade.id, "sdf")
    assert relation(result, "leads", person.id, brigade.id)
    assert person.role and person.role.startswith("head of")


def test_attribution_speaker_outlet_and_unnamed(analyse):
    result = analyse(
        "“We will take the city within days,” Omar Haddad, a commander of the SDF, "
        "told Reuters. Activists say the army shelled Idlib. According to the Guardian, "
        "Russia supplied drones to the army."
    )
    quote = next(q for q in result.quotes if q.direct)
    assert quote.speaker == "Omar Haddad" and quote.via == "Reuters"
    shelled = next(e for e in result.events if e.trigger == "shelled")
    assert shelled.attribution.kind == "unnamed"
    supplied = next(e for e in result.events if e.trigger == "supplied")
    assert supplied.attribution.kind == "outlet" and supplied.attribution.outlet.endswith(
        "Guardian"
    )


def test_opinion_sentences_flagged_and_claims_inside_marked(analyse):
    result = analyse(
        "Government forces attacked the rebels near Homs on Monday. Why would anyone "
        "believe the ceasefire can hold? It is unclear whether the army will attack "
        "again."
    )
    texts = [o.text for o in result.opinions]
    assert any("Why would anyone" in t for t in texts)
    assert any("It is unclear" in t for t in texts)
    assert not any(t.startswith("Government forces attacked") for t in texts)


def test_dates_resolved_against_publication(analyse):
    result = analyse("Rebels attacked an army post near Idlib on Monday.")
    attack = events_of(result, "ASSAULT")[0]
    assert attack.date.start == dt.date(2019, 10, 14) and attack.date.precision == "day"


def test_no_publication_date_leaves_relative_dates_unresolved(analyzer):
    result = analyzer.analyze_text("Rebels attacked an army post near Idlib on Monday.")
    assert result.events[0].date.start is None
    assert result.warnings
