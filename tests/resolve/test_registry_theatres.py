"""The theatre files for Somalia, Afghanistan and Pakistan, Ethiopia and Latin America: their
names link in text, the attacker of each event is the right actor, and the states point to
their governments and forces. "Somalia's al-Shabaab" was not linked at all before somalia.yaml.
Each text is ours."""

from __future__ import annotations

import pytest

from flashpoint.resolve.registry import ENV_VAR, ActorRegistry

PUBLISHED = "2025-06-01"


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    """The shipped registry alone, whatever FLASHPOINT_REGISTRY the user has set."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_VAR, raising=False)
        return ActorRegistry.load()


def _analyse(analyzer, text: str):  # noqa: ANN001, ANN202
    return analyzer.analyze_text(text, published=PUBLISHED)


@pytest.mark.parametrize(
    ("theatre", "surfaces"),
    [
        (
            "somalia",
            ["al-Shabaab", "Al Shabab", "HSM", "AMISOM", "ATMIS", "AUSSOM", "Danab", "FGS", "KDF"],
        ),
        ("afghanistan_pakistan", ["Taliban", "ISKP", "ISIS-K", "TTP", "Pakistani Taliban", "BLA"]),
        ("ethiopia", ["ENDF", "TPLF", "Tigray Defense Forces", "Fano", "OLA", "Abiy Ahmed"]),
        (
            "latin_america",
            ["ELN", "FARC", "Segunda Marquetalia", "Clan del Golfo", "AGC", "CJNG", "Viv Ansanm"],
        ),
    ],
)
def test_theatre_key_actors_found_by_name(registry, theatre, surfaces):
    missing = [s for s in surfaces if len(registry.lookup(s)) != 1]
    assert missing == [], f"{theatre}: no single actor for {missing}"


def test_theatre_kinds_and_umbrellas(registry):
    shabaab = registry.get("al_shabaab")
    assert shabaab.kind == "terrorist_group" and shabaab.member_of == ["al_qaeda"]
    assert registry.get("islamic_state_khorasan").member_of == ["islamic_state"]
    # the movement is a party; the government it formed is its own entry
    assert registry.get("taliban").kind == "armed_group"
    assert registry.get("taliban_government").kind == "government"
    assert registry.get("haqqani_network").member_of == ["taliban"]
    # the cartels and gangs are armed groups, whatever a government's list calls them
    assert {registry.get(i).kind for i in ("sinaloa_cartel", "cjng", "viv_ansanm")} == {
        "armed_group"
    }


@pytest.mark.parametrize(
    ("state", "government", "forces"),
    [
        ("somalia", "somali_government", "somali_national_army"),
        ("ethiopia", "ethiopian_government", "ethiopian_national_defense_force"),
        ("eritrea", "eritrean_government", "eritrean_defence_forces"),
        ("pakistan", "pakistani_government", "pakistan_armed_forces"),
        ("afghanistan", "taliban_government", None),
        ("colombia", "colombian_government", "colombian_armed_forces"),
        ("mexico", "mexican_government", "mexican_army"),
        ("haiti", "haitian_government", "haitian_national_police"),
    ],
)
def test_theatre_states_point_to_their_organs(registry, state, government, forces):
    entry = registry.get(state)
    assert (entry.government, entry.forces) == (government, forces)
    assert registry.get(government).parent == state


def test_theatre_dated_successors(registry):
    """FARC hands over to its dissidents; the African Union's missions follow one another."""
    assert registry.get("farc").active_in(2010) and not registry.get("farc").active_in(2018)
    in_2023 = [m for m in ("amisom", "atmis", "aussom") if registry.get(m).active_in(2023)]
    assert in_2023 == ["atmis"]
    assert not registry.get("afghan_republic_government").active_in(2022)


@pytest.mark.parametrize(
    ("text", "trigger", "source", "target"),
    [
        (
            "Al-Shabaab fighters attacked an ATMIS base near Mogadishu on Tuesday.",
            "attacked",
            "al_shabaab",
            "atmis",
        ),
        (
            "SNA troops killed 20 al-Shabab militants in the Hiraan region, the Somali "
            "government said.",
            "killed",
            "somali_national_army",
            "al_shabaab",
        ),
        (
            "Kenyan troops repelled an al-Shabaab attack on their base in Lower Juba.",
            "repelled",
            "kenya_defence_forces",
            "al_shabaab",
        ),
        (
            "Pakistani troops killed 12 TTP militants in North Waziristan, the army said.",
            "killed",
            "pakistan_armed_forces",
            "ttp",
        ),
        (
            "Taliban fighters clashed with the National Resistance Front in the Panjshir valley.",
            "clashed",
            "taliban",
            "national_resistance_front",
        ),
        (
            "Fano militias clashed with the ENDF near Gondar.",
            "clashed",
            "fano",
            "ethiopian_national_defense_force",
        ),
        (
            "ELN guerrillas attacked a Colombian army base in Arauca.",
            "attacked",
            "eln",
            "colombian_armed_forces",
        ),
        (
            "Gunmen from the Clan del Golfo killed two soldiers in Antioquia.",
            "killed",
            "clan_del_golfo",
            "colombian_armed_forces",
        ),
        (
            "CJNG gunmen ambushed National Guard troops in Michoacan, Mexico.",
            "ambushed",
            "cjng",
            "mexican_national_guard",
        ),
    ],
)
def test_theatre_event_parties(analyzer, text, trigger, source, target):
    result = _analyse(analyzer, text)
    event = next(e for e in result.events if e.trigger == trigger)
    assert (event.source, event.target) == (source, target)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Somali National Army and Danab commandos recaptured the town of Adan Yabaal "
            "from al-Shabaab.",
            {"somali_national_army", "danab", "al_shabaab"},
        ),
        (
            "Puntland forces pounded positions of IS Somalia in the Cal Miskaad mountains.",
            {"puntland_forces", "islamic_state_somalia"},
        ),
        (
            "The Baloch Liberation Army attacked a convoy of the Pakistan Army in Balochistan.",
            {"baloch_liberation_army", "pakistan_armed_forces"},
        ),
        (
            "TPLF forces and Eritrean troops fought near Adigrat.",
            {"tplf", "eritrean_defence_forces"},
        ),
        (
            "Mexican soldiers clashed with Sinaloa Cartel gunmen in Culiacan.",
            {"mexican_army", "sinaloa_cartel"},
        ),
        (
            "Viv Ansanm gangs attacked a police station in Port-au-Prince, the Haitian National "
            "Police said.",
            {"viv_ansanm", "haitian_national_police"},
        ),
    ],
)
def test_theatre_names_link(analyzer, text, expected):
    assert {a.id for a in _analyse(analyzer, text).actors} == expected


def test_theatre_sna_is_the_story_s_army(analyzer):
    """'SNA' is both Somalia's and Syria's National Army: the story's country decides."""
    somali = _analyse(analyzer, "SNA troops retook two villages from al-Shabaab near Mogadishu.")
    syrian = _analyse(analyzer, "SNA fighters shelled Kurdish positions near Manbij in Syria.")
    assert "somali_national_army" in {a.id for a in somali.actors}
    assert "syrian_national_army" in {a.id for a in syrian.actors}
    assert "somali_national_army" not in {a.id for a in syrian.actors}


# A state's possessive before a non-state group's name only says where the group is from; the
# extractor drops it only when the group is a registry actor of an armed kind.
@pytest.mark.parametrize(
    ("text", "home", "group"),
    [
        ("Somalia's al-Shabaab claimed the attack.", "somalia", "al_shabaab"),
        ("Pakistan's TTP claimed the bombing in Peshawar.", "pakistan", "ttp"),
        ("Afghanistan's Taliban detained two foreign journalists.", "afghanistan", "taliban"),
        ("Colombia's ELN freed three hostages on Friday.", "colombia", "eln"),
    ],
)
def test_theatre_home_state_possessive_is_no_actor(analyzer, text, home, group):
    ids = {a.id for a in _analyse(analyzer, text).actors}
    assert group in ids and home not in ids
