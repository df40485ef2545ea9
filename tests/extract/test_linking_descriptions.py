"""Which actor a description or a name's part is linked to: a short form of a name the text
gives, a transnational coalition ranked by where it fights, and a registry alias that is only
part of a longer name in the text. Each text is ours."""

from __future__ import annotations

import datetime as dt

PUBLISHED = dt.date(2016, 11, 20)


def mentions_by_id(result, actor_id: str) -> list[str]:
    return [m.text for a in result.actors if a.id == actor_id for m in a.mentions]


def test_the_capitalised_short_form_of_a_named_coalition_is_that_coalition(analyse):
    result = analyse(
        "The Syrian Coalition condemned the shelling of Douma on Monday. "
        "The Coalition urged the United Nations to protect the town's civilians."
    )
    assert "The Coalition" in mentions_by_id(result, "syrian_national_coalition")
    assert not mentions_by_id(result, "cjtf_oir")


def test_a_lowercase_coalition_beside_a_named_political_coalition_is_not_shortened(analyse):
    result = analyse(
        "The Syrian Coalition said on Monday that the coalition had struck an oil field "
        "near Deir ez-Zor, Syria, killing four workers."
    )
    assert "the coalition" not in mentions_by_id(result, "syrian_national_coalition")


def test_the_coalition_in_an_anti_isil_release_is_the_one_fighting_in_iraq(analyse):
    result = analyse(
        "Military forces struck ISIL targets near Mosul, Iraq, on Tuesday. "
        "Saudi Arabia, Jordan and Bahrain have joined the effort. "
        "The Coalition said the strikes destroyed two ISIL fighting positions."
    )
    assert "The Coalition" in mentions_by_id(result, "cjtf_oir")
    assert not mentions_by_id(result, "saudi_led_coalition")


def test_the_coalition_in_a_yemen_report_is_still_the_saudi_led_one(analyse):
    result = analyse(
        "Warplanes hit a market in Saada, Yemen, on Sunday, Houthi officials said. "
        "Saudi Arabia denied the report and the Coalition said it had struck only a depot."
    )
    assert "the Coalition" in mentions_by_id(result, "saudi_led_coalition")


def test_an_alias_inside_a_longer_capitalised_name_is_not_that_alias(analyse):
    result = analyse(
        "Fighters of the Syrian Arab Coalition, a part of the Syrian Democratic Forces, "
        "took three villages north of Raqqa on Thursday."
    )
    assert not mentions_by_id(result, "saudi_led_coalition")


def test_the_alias_written_on_its_own_still_names_the_coalition(analyse):
    result = analyse("The Arab coalition struck Houthi positions in Saada, Yemen, on Friday.")
    assert mentions_by_id(result, "saudi_led_coalition")


def relations_with(result, actor_id: str, types: set[str]) -> list[tuple[str, str, str]]:
    return [
        (r.type, r.source, r.target)
        for r in result.relations
        if r.type in types and actor_id in {r.source, r.target}
    ]


def test_the_parent_before_affiliate_is_no_side_of_what_the_affiliate_does(analyse):
    result = analyse(
        "Russian jets have pounded Idlib since March, hitting rival jihadists led by "
        "al-Qaeda's former Syria affiliate."
    )
    assert not relations_with(result, "al_qaeda", {"enemy_of", "ally_of"})


def test_a_monitor_or_channel_abroad_does_not_make_its_country_the_focus(analyse):
    result = analyse(
        "The Syrian Observatory for Human Rights said government forces had retaken two "
        "villages near Aleppo from the Islamic State. Press TV said the troops then "
        "pushed east."
    )
    for actor_id in ("british_armed_forces", "iranian_armed_forces", "irgc"):
        assert "troops" not in mentions_by_id(result, actor_id)


def test_leaders_of_a_named_person_are_not_the_focus_states_government(analyse):
    result = analyse(
        "Jets bombed a farm near Homs, Syria, where a meeting for leaders of Abu Mohammad "
        "al-Julani's inner circle was being held."
    )
    assert "leaders" not in mentions_by_id(result, "syrian_government")


def test_fighters_from_a_groups_affiliate_are_not_the_group(analyse):
    result = analyse(
        "Government forces backed by Russian jets pushed back opposition fighters, who "
        "include extremists from al-Qaeda's former Syrian affiliate."
    )
    assert not relations_with(result, "al_qaeda", {"enemy_of", "ally_of"})
    assert "extremists" not in mentions_by_id(result, "al_qaeda")
