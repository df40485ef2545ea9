"""A description that points back to a named actor, and a quoted speaker's "we", end relations
as that actor, with less confidence than a name would give. Each text is ours."""

from __future__ import annotations

import datetime as dt

from flashpoint.extract.actor_table import ActorMention, ActorTable
from flashpoint.extract.relation_builder import GUESSED_FACTOR, guessed_ends
from flashpoint.extract.relation_ends import GUESSED
from flashpoint.model import Actor, Evidence, Relation

from .relation_pairs import pairs

PUBLISHED = dt.date(2016, 11, 2)
RAIDS = "The Islamic State launched raids in Anbar last week. "


def mentions_of(result, name: str) -> list[str]:
    return [m.text for a in result.actors if a.name == name for m in a.mentions]


def relation(result, type_: str, one: str, other: str) -> Relation | None:
    names = {a.id: a.name for a in result.actors}
    return next(
        (
            r
            for r in result.relations
            if r.type == type_ and {names.get(r.source), names.get(r.target)} == {one, other}
        ),
        None,
    )


def test_coreference_a_description_ends_a_relation_with_less_confidence(analyse):
    guessed = analyse(RAIDS + "Peshmerga fighters have been fighting against the group for years.")
    named = analyse(
        RAIDS + "Peshmerga fighters have been fighting against the Islamic State for years."
    )
    by_description = relation(guessed, "enemy_of", "Islamic State", "Peshmerga")
    by_name = relation(named, "enemy_of", "Islamic State", "Peshmerga")
    assert by_description is not None and by_name is not None
    assert by_description.confidence < by_name.confidence
    # the document view shows the description once, as a mention and not as a name
    islamic_state = next(a for a in guessed.actors if a.name == "Islamic State")
    assert [m.text for m in islamic_state.mentions].count("the group") == 1
    assert "the group" not in islamic_state.aliases


def test_coreference_a_modifier_says_which_kind_of_actor_a_description_is(analyse):
    result = analyse(
        "The Islamic State shelled the road at dawn, and the Free Syrian Army said the "
        "extremist group had lost ten men."
    )
    assert "the extremist group" in mentions_of(result, "Islamic State")
    assert "the extremist group" not in mentions_of(result, "Free Syrian Army")


def test_coreference_the_plural_of_a_one_body_head_names_a_class(analyse):
    result = analyse(
        "The Free Syrian Army entered the town on Friday. Turkey has backed the terrorist "
        "groups in the north, officials said."
    )
    assert "the terrorist groups" not in mentions_of(result, "Free Syrian Army")
    assert frozenset({"Turkey", "Free Syrian Army"}) not in pairs(result, "patron_of")


def test_coreference_a_quoted_we_is_the_body_the_speaker_commands(analyse):
    result = analyse(
        'Gen. Jane Roe, commander of U.S. Central Command, said: "We will keep fighting against '
        'Daesh in Syria and Iraq until it is defeated, and our forces will stay."'
    )
    mentions = mentions_of(result, "United States Central Command")
    assert "We" in mentions and "our forces" in mentions
    assert frozenset({"United States Central Command", "Islamic State"}) in pairs(
        result, "enemy_of"
    )


def test_coreference_a_quoted_we_without_a_known_body_ends_nothing(analyse):
    result = analyse(
        'Jane Roe, a farmer from Mosul, said: "We will keep fighting against Daesh in Syria '
        'and Iraq until it is defeated."'
    )
    assert not any("We" in mentions_of(result, a.name) for a in result.actors)
    assert not pairs(result, "enemy_of")


def test_coreference_a_population_is_no_referent_of_a_description(analyse):
    result = analyse(
        "Iraqi civilians fled the fighting near Mosul. The Islamic State attacked the "
        "civilians again on Monday, and the group shelled their camps."
    )
    assert all("Iraqi civilians" not in pair for pair in pairs(result, "enemy_of"))


def _table(*mentions: tuple[str, int, str]) -> ActorTable:
    table = ActorTable()
    for actor_id in {m[0] for m in mentions}:
        table.actors[actor_id] = Actor(id=actor_id, name=actor_id, kind="armed_group")
    for n, (actor_id, start, how) in enumerate(mentions):
        table.mentions.append(ActorMention(start, start + 3, "xyz", actor_id, how, n, n + 1))
    return table


def _relation(*sentences: tuple[int, int], type_: str = "enemy_of") -> Relation:
    return Relation(
        id="rel1",
        type=type_,
        source="a",
        target="b",
        confidence=0.8,
        evidence=[Evidence(start=s, end=e, text="") for s, e in sentences],
    )


def test_relation_builder_lowers_a_relation_that_rests_only_on_guesses():
    table = _table(("a", 0, "ner"), ("b", 10, "coreference"), ("b", 110, "ner"))
    only_guessed = _relation((0, 50))
    assert guessed_ends([only_guessed], table, GUESSED) == [only_guessed]
    assert only_guessed.confidence == round(0.8 * GUESSED_FACTOR, 2)
    # one sentence that names both ends is enough to keep the confidence
    table.mentions.append(ActorMention(105, 108, "xyz", "a", "ner", 20, 21))
    named_once = _relation((0, 50), (100, 150))
    guessed_ends([named_once], table, GUESSED)
    assert named_once.confidence == 0.8
    # an end named in the sentence besides its guessed mention is named there
    table.mentions.append(ActorMention(30, 33, "xyz", "b", "ner", 30, 31))
    named_too = _relation((0, 50))
    guessed_ends([named_too], table, GUESSED)
    assert named_too.confidence == 0.8


def test_relation_builder_drops_membership_that_rests_only_on_a_guess():
    table = _table(("a", 0, "ner"), ("b", 10, "coreference"), ("b", 110, "ner"), ("a", 105, "ner"))
    guessed = _relation((0, 50), type_="member_of")
    assert guessed_ends([guessed], table, GUESSED) == []
    mixed = _relation((0, 50), (100, 150), type_="member_of")
    assert guessed_ends([mixed], table, GUESSED) == [mixed]
    assert [(e.start, e.end) for e in mixed.evidence] == [(100, 150)]
    assert mixed.confidence == 0.8
