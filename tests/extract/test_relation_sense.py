"""Whether a sentence gives the relation read from it (extract/relation_sense.py).

Each text is ours, across theatres; each test names one error class of the fifth hand reading.
"""

from __future__ import annotations

import datetime as dt

import pytest

from flashpoint.extract.actor_table import ActorMention
from flashpoint.extract.relation_filter import named_ends
from flashpoint.model import Actor, Evidence, Relation, Span

PUBLISHED = dt.date(2017, 5, 1)


@pytest.fixture(scope="module")
def parsed(analyzer):
    """The parse of a text, and a mention of each named surface (built here, so that a check is
    tested on the parse alone, whatever the linker makes of the names)."""

    def parse(text: str, *surfaces: str):
        doc = analyzer.nlp(text)
        at = {}
        for surface in surfaces:
            start = text.index(surface)
            span = doc.char_span(start, start + len(surface), alignment_mode="expand")
            at[surface] = ActorMention(
                start=start, end=start + len(surface), text=surface, actor_id=surface,
                how="test", token_start=span.start, token_end=span.end,
            )  # fmt: skip
        return doc, at

    return parse


def typed(result, type_: str) -> set[frozenset[str]]:
    names = {a.id: a.name for a in result.actors}
    return {
        frozenset({names.get(r.source, r.source), names.get(r.target, r.target)})
        for r in result.relations
        if r.type == type_
    }


def ends(result) -> set[str]:
    names = {a.id: a.name for a in result.actors}
    return {names.get(x, x) for r in result.relations for x in (r.source, r.target)}


# -- the relation the sentence does not give, or its opposite ---------------------------------


def test_relation_sense_who_shields_another_is_not_its_enemy(analyse):
    result = analyse(
        "Russian military police shielded the Syrian army column from rebel fire near Hama."
    )
    assert not any(
        "Russian" in " ".join(pair) and "Syrian Arab Army" in pair
        for pair in typed(result, "enemy_of")
    )


@pytest.mark.parametrize(
    ("text", "guard", "guarded", "attacker"),
    [
        (
            "The coalition, which protects the Kurdish forces, struck Islamic State positions.",
            "The coalition",
            "the Kurdish forces",
            "Islamic State",
        ),
        (
            "Kenyan troops escorting a convoy of Somali soldiers came under fire from al-Shabaab.",
            "Kenyan troops",
            "Somali soldiers",
            "al-Shabaab",
        ),
        (
            "Chadian jets flew over Damasak to protect Nigerian troops from Boko Haram.",
            "Chadian jets",
            "Nigerian troops",
            "Boko Haram",
        ),
    ],
)
def test_relation_sense_protection_is_read_from_the_parse(
    analyzer, parsed, text, guard, guarded, attacker
):
    doc, at = parsed(text, guard, guarded, attacker)
    protects = analyzer.sense.protects
    assert protects(doc, at[guard], at[guarded])
    assert not protects(doc, at[attacker], at[guarded])
    assert not protects(doc, at[guard], at[attacker])


@pytest.mark.parametrize(
    ("text", "one", "other", "together"),
    [
        (
            "Hamas and Islamic Jihad fighters attacked an Israeli army post.",
            "Hamas",
            "Islamic Jihad",
            True,
        ),
        ("The ADF and the Mai-Mai both burned villages in Beni.", "The ADF", "the Mai-Mai", True),
        (
            "The Sudanese army and the RSF clashed in Omdurman.",
            "The Sudanese army",
            "the RSF",
            False,
        ),
        (
            "Fighting between the Houthis and the Saudi-led coalition went on in Marib.",
            "the Houthis",
            "the Saudi-led coalition",
            False,
        ),
        ("The Taliban and ISKP fought each other in Kunar.", "The Taliban", "ISKP", False),
        ("Armenia and Azerbaijan were at war over the enclave.", "Armenia", "Azerbaijan", False),
    ],
)
def test_relation_sense_co_agents_are_no_enemies_but_two_sides_are(
    analyzer, parsed, text, one, other, together
):
    doc, at = parsed(text, one, other)
    assert analyzer.sense.co_agents(doc, at[one], at[other]) is together


def test_relation_sense_names_that_acted_apart_are_no_allies(analyse):
    result = analyse(
        "Russia, Turkey and the US-led coalition have all bombed the Islamic State near "
        "al-Bab this year."
    )
    assert not typed(result, "ally_of")  # three names that each struck, none with another
    assert any("Islamic State" in pair for pair in typed(result, "enemy_of"))


def test_relation_sense_a_sympathiser_is_neither_enemy_nor_member(analyse):
    result = analyse(
        "Islamic State sympathiser Ahmad Karim was arrested after posting threats against "
        "the Iraqi army."
    )
    for type_ in ("enemy_of", "member_of"):
        assert not any(
            "Islamic State" in pair and "Ahmad Karim" in pair for pair in typed(result, type_)
        ), type_


@pytest.mark.parametrize(
    ("text", "group", "person", "affiliated"),
    [
        ("Police arrested Omar Diallo, a JNIM supporter, in Bamako.", "JNIM", "Omar Diallo", True),
        (
            "A supporter of al-Shabaab, Ali Farah was held in Mombasa.",
            "al-Shabaab",
            "Ali Farah",
            True,
        ),
        ("Ali Farah, a supporter of al-Shabaab, was held.", "al-Shabaab", "Ali Farah", True),
        ("Hezbollah commander Ali Nasser was killed in a strike.", "Hezbollah", "Ali Nasser", True),
        ("Houthi fighters shot Salem Ahmed near Taiz.", "Houthi fighters", "Salem Ahmed", False),
    ],
)
def test_relation_sense_a_supporter_or_member_is_an_affiliate(
    analyzer, parsed, text, group, person, affiliated
):
    doc, at = parsed(text, group, person)
    assert analyzer.sense.affiliate(doc, at[group], at[person]) is affiliated


# -- a sub-unit's head, and membership of a state ---------------------------------------------


def test_relation_sense_the_head_of_a_team_is_a_member_of_the_body(analyse):
    result = analyse(
        "Hans Lindqvist, who led the UN inspection team, said Iraq had no banned weapons."
    )
    assert not any("United Nations" in pair for pair in typed(result, "leads"))
    assert any(
        "United Nations" in pair and "Hans Lindqvist" in pair for pair in typed(result, "member_of")
    )


def test_relation_sense_the_head_of_the_body_itself_still_leads_it(analyse):
    result = analyse("Abu Bakr al-Baghdadi, the leader of the Islamic State, was killed in a raid.")
    assert any("Islamic State" in pair for pair in typed(result, "leads"))


def test_relation_sense_an_armed_group_is_no_member_of_a_state(analyzer):
    from flashpoint.extract.actor_table import ActorTable

    text = "Sunni rebels in Iraq joined the offensive on Ramadi, beside the Iraqi army."
    doc = analyzer.nlp(text)
    table = ActorTable()
    for id_, name, kind in [
        ("sunni_rebels", "Sunni rebels", "armed_group"),
        ("iraq", "Iraq", "state"),
        ("iraqi_army", "Iraqi army", "armed_forces"),
    ]:
        table.actors[id_] = Actor(id=id_, name=name, kind=kind)
    evidence = Evidence(start=0, end=len(text), text=text)

    def member(source: str) -> Relation:
        return Relation(
            id=source, type="member_of", source=source, target="iraq", evidence=[evidence]
        )

    kept = analyzer.sense.apply(doc, table, [member("sunni_rebels"), member("iraqi_army")])
    assert [(r.source, r.target) for r in kept] == [("iraqi_army", "iraq")]


# -- ends that are no actor -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "not_an_end"),
    [
        ("The Syrian army vowed to fight Takfiri terrorism in Idlib.", "Takfiri"),
        ("Russian jets struck the Al-Amal Hospital in Idlib, killing six people.", "Amal"),
        ("Syrian jets bombed the National Hospital of Maarat al-Numan.", "Hospital"),
    ],
)
def test_relation_sense_an_idea_or_a_building_ends_no_relation(analyse, text, not_an_end):
    result = analyse(text)
    assert not any(not_an_end in name for name in ends(result))


def test_relation_sense_generic_words_and_fragments_end_no_relation():
    def actor(id_: str, name: str) -> Actor:
        return Actor(
            id=id_, name=name, kind="armed_group", known=False,
            mentions=[Span(start=0, end=len(name), text=name)],
        )  # fmt: skip

    actors = [
        actor("dead_militants", "dead militants"),
        actor("fragment", "Al-Qaedas Syrian"),
        actor("kurdish_militants", "Kurdish militants"),
        Actor(id="boko_haram", name="Boko Haram", kind="terrorist_group", known=True),
    ]
    evidence = Evidence(start=0, end=10, text="x" * 10)
    relations = [
        Relation(id=f"r{i}", type="enemy_of", source=a, target="boko_haram", evidence=[evidence])
        for i, a in enumerate(("dead_militants", "fragment", "kurdish_militants"))
    ]
    kept = named_ends(
        relations,
        actors,
        [],
        frozenset({"militants", "fighters"}),
        is_demonym=lambda word: word in {"Syrian", "Iraqi"},
    )
    assert [r.source for r in kept] == ["kurdish_militants"]


def test_relation_sense_holds_through_the_installed_command(tmp_path):
    import json
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    exe = shutil.which("flashpoint", path=str(Path(sys.executable).parent))
    assert exe, "no flashpoint entry point beside this Python"
    article = tmp_path / "escort.txt"
    article.write_text(
        "Russian military police shielded the Syrian army column from rebel fire near Hama. "
        "Hans Lindqvist, who led the UN inspection team, said Iraq had no banned weapons.\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [exe, "analyze", str(article), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    names = {a["id"]: a["name"] for a in result["actors"]}
    found = {
        (r["type"], names.get(r["source"], r["source"]), names.get(r["target"], r["target"]))
        for r in result["relations"]
    }
    assert not any(t == "enemy_of" and "Syrian Arab Army" in (s, o) for t, s, o in found)
    assert ("leads", "Hans Lindqvist", "United Nations") not in found
    assert ("member_of", "Hans Lindqvist", "United Nations") in found


def test_relation_sense_a_headline_run_into_its_article_joins_no_two_ends(analyzer):
    from flashpoint.extract.relation_sense import headline_end

    text = (
        "Mali clashes kill 12 JNIM fighters Monitor AFP Tuesday 14 March 2023 At least 12 "
        "militants died on Monday in fighting with Malian soldiers near Boni."
    )
    doc = analyzer.nlp(text)
    cut = headline_end(doc[:])  # as one "sentence", the way scraped pages often run
    assert cut is not None and doc[cut].text == "Tuesday"
    inside = "The army said on 14 March 2023 that JNIM fighters had attacked its camp near Boni."
    assert headline_end(analyzer.nlp(inside)[:]) is None


def test_relation_sense_an_ideology_label_alone_is_no_party(analyse):
    result = analyse("In May 2014 the village was overrun by Takfiri militants backed by Qatar.")
    assert not any("Takfiri" in name for name in ends(result))


def test_relation_sense_a_monitor_that_reports_deaths_is_no_member(analyse):
    result = analyse(
        "The Syrian Observatory for Human Rights said that nine members of Jaysh al-Islam "
        "were killed in the shelling of Douma."
    )
    assert not any(
        "Syrian Observatory for Human Rights" in pair for pair in typed(result, "member_of")
    )


def test_relation_sense_a_related_list_after_a_count_is_page_furniture(analyzer):
    from flashpoint.extract.relation_filter import _page_furniture

    listed = "12 Related Houthis Yemen Saudi Arabia Coalition Sanaa Airport Drones Hodeidah"
    doc = analyzer.nlp(listed)
    assert _page_furniture(doc, 0, len(listed))
    told = "12 Houthi fighters were killed when coalition jets struck Sanaa airport."
    assert not _page_furniture(analyzer.nlp(told), 0, len(told))
