"""Sentences that name three or more sides: who is with whom, and against whom.

Each text is ours. The checks read the parse of one sentence (`extract/relation_sense.py`).
"""

from __future__ import annotations

from extract.relation_pairs import pairs

from flashpoint.extract.actor_table import ActorMention


def mention(doc, words: str, actor_id: str, how: str = "ner") -> ActorMention:
    start = doc.text.index(words)
    span = doc.char_span(start, start + len(words))
    return ActorMention(
        span.start_char, span.end_char, span.text, actor_id, how, span.start, span.end
    )


def test_whom_a_group_fights_alongside_others_is_no_ally_of_them(analyse):
    result = analyse(
        "Hezbollah fights the Islamic State in Syria alongside Russian troops and the Syrian "
        "government."
    )
    allies = pairs(result, "ally_of")
    assert frozenset({"Hezbollah", "Russian Armed Forces"}) in allies
    assert not any("Islamic State" in pair for pair in allies)


def test_the_two_sides_of_a_campaign_are_opposed_and_its_partners_on_one_side(analyzer):
    doc = analyzer.nlp(
        "The Afghan army launched a campaign against the Taliban alongside Pakistani troops."
    )
    army = mention(doc, "Afghan army", "army")
    taliban = mention(doc, "Taliban", "taliban")
    pakistan = mention(doc, "Pakistani troops", "pakistan")
    sense = analyzer.sense
    assert sense.opposed(doc, army, taliban)
    assert sense.opposed(doc, pakistan, taliban)
    assert not sense.opposed(doc, army, pakistan)
    assert sense.same_side(doc, army, pakistan)
    assert not sense.same_side(doc, army, taliban)


def test_the_patron_in_an_x_backed_name_is_no_side_of_its_client_fight(analyzer):
    doc = analyzer.nlp("Qatar-backed militias shelled the Libyan National Army near Sirte.")
    qatar = mention(doc, "Qatar", "qatar", how="patron")
    militias = mention(doc, "militias", "militias")
    lna = mention(doc, "Libyan National Army", "lna")
    sense = analyzer.sense
    assert sense._fails(doc, "enemy_of", qatar, lna)
    assert not sense._fails(doc, "enemy_of", militias, lna)
    # "X-allied Y" itself: Y is what the name modifies, so the pair stands
    assert not sense._fails(doc, "ally_of", qatar, militias)


def test_the_backer_of_the_attacked_is_no_patron_of_the_attacker(analyse):
    result = analyse("The Syrian army attacked rebels backed by Turkey near Idlib.")
    assert frozenset({"Turkey", "Syrian Arab Army"}) not in pairs(result, "patron_of")


def test_a_war_that_pits_one_side_against_another_keeps_each_backer_on_its_side(analyse):
    result = analyse(
        "The conflict pits the Assad government, aided by Russia, against rebel factions "
        "including some backed by Turkey and the United States."
    )
    patrons = pairs(result, "patron_of")
    assert frozenset({"Russia", "Syrian government"}) in patrons
    assert not any(
        "Turkey" in pair and ("Russia" in pair or "Syrian government" in pair) for pair in patrons
    )
