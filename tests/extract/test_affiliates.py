"""A group's affiliate is the member, not the group: "an alliance that includes al-Qaeda's Syria
affiliate al-Nusra Front" made al-Qaeda a member of the alliance and Syria a member of
al-Qaeda. The owner stays tied to its affiliate, and a state written before the noun names the
affiliate's ground. Each text is ours."""

from __future__ import annotations


def ties(result) -> set[tuple[str, str, str]]:  # noqa: ANN001
    names = {a.id: a.name for a in result.actors}
    return {(r.type, names[r.source], names[r.target]) for r in result.relations}


ALLIANCE = (
    "The Army of Conquest, an alliance that includes al-Qaeda's Syria affiliate al-Nusra Front "
    "and Ahrar al-Sham, seized the town of Jisr al-Shughour after days of fighting with "
    "government troops."
)


def test_the_affiliate_not_its_owner_joins_the_alliance(analyse):
    found = ties(analyse(ALLIANCE))
    assert ("member_of", "Jabhat al-Nusra", "Jaysh al-Fatah") in found
    assert ("member_of", "al-Qaeda", "Jaysh al-Fatah") not in found


def test_the_owner_keeps_its_tie_to_the_affiliate(analyse):
    assert ("member_of", "Jabhat al-Nusra", "al-Qaeda") in ties(analyse(ALLIANCE))


def test_the_ground_named_before_the_noun_is_no_party(analyse):
    assert not any("Syria" in (a, b) for _, a, b in ties(analyse(ALLIANCE)))


def test_the_affiliate_named_as_a_title_before_its_name_stays_the_owner_s(analyse):
    result = analyse(
        "In March al-Qaeda affiliate al-Nusra Front drove Western-backed rebels out of their "
        "bases in Idlib province."
    )
    assert ("member_of", "Jabhat al-Nusra", "al-Qaeda") in ties(result)
