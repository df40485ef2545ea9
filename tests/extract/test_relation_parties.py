"""Who a sentence names as a party to a relation, and who only as a judge, a victim, a target,
an operation or a piece of the page (the eighth hand reading's fault classes).

Each text is ours.
"""

from __future__ import annotations

from flashpoint.extract.actor_table import ActorMention
from flashpoint.extract.relation_filter import _credit, _page_furniture, registry_sides
from flashpoint.extract.relation_parties import co_targets, judges, struck_alike
from flashpoint.model import Evidence, Relation

from .relation_pairs import pairs


def _mention(doc, text: str, actor_id: str) -> ActorMention:
    start = doc.text.index(text)
    span = doc.char_span(start, start + len(text))
    return ActorMention(start, start + len(text), text, actor_id, "ner", span.start, span.end)


def test_relation_parties_who_condemns_an_attack_is_no_side_of_it(analyse):
    result = analyse(
        "The Syrian Coalition condemned the massacre that Islamic State militants committed "
        "against Free Syrian Army fighters near Al Bab on Sunday."
    )
    enemies = pairs(result, "enemy_of")
    assert frozenset({"Free Syrian Army", "Islamic State"}) in enemies
    assert not [p for p in enemies if any("Coalition" in name for name in p)]


def test_relation_parties_who_condemns_a_bombing_is_not_its_targets_enemy(analyse):
    result = analyse(
        "The Syrian Coalition condemned the bombing that struck the offices of the Syrian "
        "Interim Government in Azaz."
    )
    assert not pairs(result, "enemy_of")


def test_relation_parties_judges_reads_the_subject_of_a_judging_verb(analyzer):
    doc = analyzer.nlp("The Arab League denounced the raid that Hezbollah carried out in Qusayr.")
    league = _mention(doc, "The Arab League", "arab_league")
    hezbollah = _mention(doc, "Hezbollah", "hezbollah")
    verbs = frozenset({"denounce"})
    assert judges(doc, league, hezbollah, verbs)
    assert not judges(doc, hezbollah, league, verbs)


def test_relation_parties_coordinated_targets_of_one_fight_are_co_targets(analyzer):
    doc = analyzer.nlp("The brigade vowed to keep fighting against the Syrian army and ISIL.")
    army = _mention(doc, "the Syrian army", "syrian_arab_army")
    isil = _mention(doc, "ISIL", "islamic_state")
    assert co_targets(doc, army, isil, frozenset({"fight"}), frozenset())
    doc = analyzer.nlp("The Syrian army and ISIL fought over the airbase for a week.")
    army = _mention(doc, "The Syrian army", "syrian_arab_army")
    isil = _mention(doc, "ISIL", "islamic_state")
    assert not co_targets(doc, army, isil, frozenset({"fight"}), frozenset())


def test_relation_parties_a_person_the_registry_does_not_know_is_no_victim_side(analyse):
    killed = analyse(
        "A local reporter, Karim Haddad, was killed in an Islamic State car bombing near Aleppo."
    )
    detained = analyse("The rebel Army of Mujahideen detained the activist Lina Saeed in Aleppo.")
    assert not pairs(killed, "enemy_of")
    assert not pairs(detained, "enemy_of")


def test_relation_parties_a_leader_is_no_enemy_of_his_own_army(analyse):
    result = analyse(
        "Syrian tanks shelled Hama on Monday, a day after security forces killed dozens there "
        "in the uprising against President Bashar al-Assad."
    )
    assert not [p for p in pairs(result, "enemy_of") if "Bashar al-Assad" in p]


def test_relation_parties_an_affiliate_is_a_member(analyse):
    result = analyse("The Al-Qaeda-affiliated Nusra Front shelled the village overnight.")
    members = [(r.source, r.target) for r in result.relations if r.type == "member_of"]
    assert ("jabhat_al_nusra", "al_qaeda") in members
    assert not pairs(result, "ally_of")


def test_relation_parties_who_an_actor_includes_the_members_of_is_its_member(analyse):
    result = analyse(
        "The SDF, a largely Kurdish force that includes members of the Syrian Arab "
        "Coalition, began a push toward Raqqa."
    )
    names = {a.id: a.name for a in result.actors}
    members = [
        (names[r.source], names[r.target]) for r in result.relations if r.type == "member_of"
    ]
    assert members == [("Syrian Arab Coalition", "Syrian Democratic Forces")]


def test_relation_parties_an_operation_is_no_body_to_belong_to(analyse):
    result = analyse(
        "The SDF advanced two kilometres in the east of the city as part of its operation "
        "Wrath of Euphrates."
    )
    assert not pairs(result, "member_of")


def test_relation_parties_a_tag_list_asserts_nothing_even_with_a_verb_in_it(analyzer):
    doc = analyzer.nlp(
        "Tags civilian deaths anti-Daesh coalition coalition airstrikes Raqqa Syria Comment"
    )
    assert _page_furniture(doc, 0, len(doc.text))
    doc = analyzer.nlp("12 Topic US strike on Syrian base Tags strike Syria United States Homs")
    assert _page_furniture(doc, 0, len(doc.text))


def test_relation_parties_a_photo_credit_is_no_party(analyzer):
    doc = analyzer.nlp("AA Photo At least 12 people were killed in a barrel bomb attack.")
    assert _credit(doc, _mention(doc, "AA", "arakan_army"))
    doc = analyzer.nlp("Photo: AFP The army retook the town.")
    assert _credit(doc, _mention(doc, "AFP", "afp"))
    doc = analyzer.nlp("AFP reported that the army retook the town.")
    assert not _credit(doc, _mention(doc, "AFP", "afp"))


def _relation(type_: str, source: str, target: str) -> Relation:
    evidence = Evidence(start=0, end=1, text="x")
    return Relation(id="r", type=type_, source=source, target=target, evidence=[evidence])


def test_relation_parties_one_state_backs_none_of_its_organs(analyzer):
    kept = registry_sides(
        [
            _relation("patron_of", "syrian_arab_air_force", "syrian_arab_army"),
            _relation("patron_of", "russia", "syrian_arab_army"),
        ],
        analyzer.registry,
    )
    assert [(r.source, r.target) for r in kept] == [("russia", "syrian_arab_army")]


def test_relation_parties_a_registered_patron_is_not_its_clients_enemy(analyzer):
    kept = registry_sides(
        [
            _relation("enemy_of", "russian_armed_forces", "syrian_arab_army"),
            _relation("enemy_of", "cjtf_oir", "united_states"),
            _relation("enemy_of", "islamic_state", "syrian_arab_army"),
        ],
        analyzer.registry,
    )
    assert [(r.source, r.target) for r in kept] == [("islamic_state", "syrian_arab_army")]


def test_relation_parties_a_name_with_its_apostrophe_lost_is_the_registered_person(analyse):
    result = analyse(
        "President Bashar al-Assads forces shelled Douma as Barack Obamas envoy arrived."
    )
    names = {a.name for a in result.actors}
    assert {"Bashar al-Assad", "Barack Obama"} <= names
    assert not [n for n in names if n.endswith("Assads") or n.endswith("Obamas")]


def test_relation_parties_what_one_strike_is_against_sets_no_target_against_another(analyzer):
    doc = analyzer.nlp(
        "The coalition launched strikes against positions of the Nusra Front overnight "
        "as well as the Islamic State group."
    )
    nusra = _mention(doc, "the Nusra Front", "jabhat_al_nusra")
    isis = _mention(doc, "the Islamic State group", "islamic_state")
    coalition = _mention(doc, "The coalition", "cjtf_oir")
    sides = analyzer.sense._sides(doc[0].sent)
    assert struck_alike(sides, nusra, isis)
    assert not struck_alike(sides, coalition, isis)


def test_relation_parties_a_day_opens_no_name(analyse):
    result = analyse("Separately Saturday regime army said its troops held the area.")
    assert not [a for a in result.actors if a.name.startswith("Saturday")]
