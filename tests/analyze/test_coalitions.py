"""Coalitions from the signed network of an invented theatre."""

from __future__ import annotations

import datetime as dt

from flashpoint.analyze import network
from flashpoint.analyze.coalitions import follow, form_coalitions, month_ends, track

D = dt.date(2017, 9, 30)


def _camps(theatre, tmp_path, events, relations=(), at=D):
    registry = theatre.registry(tmp_path)
    window = theatre.window(dt.date(2017, 1, 1), at, events, list(relations))
    ties = network.ties(window, registry, at)
    names = {t.source: t.source for t in ties} | {t.target: t.target for t in ties}
    names.update({"bigland": "Bigland", "otherland": "Otherland", "blue_militia": "Blue Militia"})
    return form_coalitions(ties, names), ties


def test_coalitions_two_camps_behind_rival_patrons(theatre, tmp_path):
    events = [
        theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", D, ("A", "B")),
        theatre.event("MOBILIZE", "grey_band", None, "far_city", D),
    ]
    camps, _ = _camps(theatre, tmp_path, events)
    by_member = {m.id: c for c in camps for m in c.members}
    assert by_member["blue_militia"] is by_member["bigland"]
    assert by_member["red_army"] is by_member["otherland"]
    assert by_member["blue_militia"] is not by_member["red_army"]
    blue, red = by_member["blue_militia"], by_member["red_army"]
    assert red.id in blue.opposes and blue.id in red.opposes
    assert set(blue.core) <= {"bigland", "blue_militia"} and blue.core
    assert blue.name.split(" + ")[0] in {"Bigland", "Blue Militia"}
    assert "grey_band" not in by_member  # alone against everyone: no camp of its own


def test_coalitions_reported_alliance_pulls_an_actor_in(theatre, tmp_path):
    events = [theatre.event("ASSAULT", "red_army", "blue_militia", "fordtown", D, ("A",))]
    relations = [theatre.relation("ally_of", "grey_band", "red_army", D, outlets=4, evidence=6)]
    _, ties = _camps(theatre, tmp_path, events, relations)
    # an ally_of the registry calls enemies is a contradiction: it never counts
    assert not any(t.relation == "ally_of" for t in ties)
    relations = [theatre.relation("ally_of", "name:volunteers", "red_army", D, outlets=3)]
    camps, _ = _camps(theatre, tmp_path, events, relations)
    by_member = {m.id: c for c in camps for m in c.members}
    assert by_member["name:volunteers"] is by_member["red_army"]


def test_coalitions_actor_outside_its_active_years_is_left_out(theatre, tmp_path):
    events = [
        theatre.event("ASSAULT", "gold_brigade", "red_army", "fordtown", D, ("A", "B")),
        theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", D, ("A",)),
    ]
    camps, ties = _camps(theatre, tmp_path, events)
    assert all("gold_brigade" not in (t.source, t.target) for t in ties)
    old_day = dt.date(2014, 6, 30)
    early = [theatre.event("ASSAULT", "gold_brigade", "red_army", "fordtown", old_day, ("A",))]
    camps, ties = _camps(theatre, tmp_path, early, at=old_day)
    by_member = {m.id: c for c in camps for m in c.members}
    assert by_member["gold_brigade"] is by_member["bigland"]  # backed by Bigland until 2015


def test_coalitions_keep_their_name_and_report_who_joined(theatre, tmp_path):
    registry = theatre.registry(tmp_path)
    names = {"bigland": "Bigland", "blue_militia": "Blue Militia", "red_army": "Red Army"}
    names |= {"otherland": "Otherland", "name:volunteers": "volunteers"}
    first = theatre.window(
        dt.date(2017, 8, 1),
        dt.date(2017, 8, 31),
        [theatre.event("ASSAULT", "blue_militia", "red_army", "fordtown", dt.date(2017, 8, 20))],
    )
    second_rel = theatre.relation(
        "ally_of", "name:volunteers", "blue_militia", dt.date(2017, 9, 10), outlets=3
    )
    second = theatre.window(dt.date(2017, 9, 1), D, first.events, [second_rel])
    camps = track(
        [network.ties(first, registry, dt.date(2017, 8, 31)), network.ties(second, registry, D)],
        names,
    )
    blue = next(c for c in camps if "blue_militia" in c.member_ids())
    before = form_coalitions(network.ties(first, registry, dt.date(2017, 8, 31)), names)
    old_blue = next(c for c in before if "blue_militia" in c.member_ids())
    assert blue.id == old_blue.id and blue.name == old_blue.name
    assert blue.joined == ["name:volunteers"] and blue.left == []


def test_coalitions_follow_gives_a_new_camp_a_fresh_id(theatre, tmp_path):
    from flashpoint.analyze.coalitions import Coalition, Member

    def camp(id_, *members):
        return Coalition(id_, id_.title(), [Member(m, m, 1.0) for m in members], [members[0]])

    old = [camp("bigland", "bigland", "w", "x")]
    new = [camp("blue", "blue", "bigland", "w", "y")]  # continues Bigland's camp (2 of 5)
    new += [camp("bigland", "bigland_two", "z")]  # takes the id a continued camp keeps
    followed = follow(old, new)
    assert followed[0].id == "bigland" and followed[0].name == "Bigland"
    assert followed[0].joined == ["blue", "y"] and followed[0].left == ["x"]
    assert followed[1].id == "bigland_2" and followed[1].joined == ["bigland_two", "z"]


def test_coalitions_month_ends():
    assert month_ends(dt.date(2017, 11, 5), dt.date(2018, 1, 10)) == [
        dt.date(2017, 11, 30),
        dt.date(2017, 12, 31),
        dt.date(2018, 1, 10),
    ]
