"""The shipped actor registry and its loader: data quality, lookup rules, overrides and errors."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pycountry
import pytest

from flashpoint.errors import REGISTRY_INVALID, REGISTRY_NOT_FOUND, FlashpointError
from flashpoint.resolve.registry import (
    ENV_VAR,
    ActorRegistry,
    RegistryActor,
    default_registry_files,
    is_acronym,
    normalize,
    read_registry_file,
)


@pytest.fixture(scope="module")
def registry() -> ActorRegistry:
    """The shipped registry alone, whatever FLASHPOINT_REGISTRY the user has set."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv(ENV_VAR, raising=False)
        return ActorRegistry.load()


@pytest.fixture(autouse=True)
def _no_env_registry(monkeypatch: pytest.MonkeyPatch) -> None:
    """A user's own FLASHPOINT_REGISTRY must not leak into these tests."""
    monkeypatch.delenv(ENV_VAR, raising=False)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def ids(actors) -> list[str]:
    return [a.id for a in actors]


# --- the shipped data ------------------------------------------------------------------------


def test_registry_shipped_loads_with_enough_actors(registry: ActorRegistry) -> None:
    assert len(registry) >= 250
    assert len(default_registry_files()) >= 10
    assert "sdf" in registry and "no_such_actor" not in registry


def test_registry_shipped_ids_unique_across_files() -> None:
    """Two shipped files must never define the same id (the later would silently win)."""
    where: dict[str, str] = {}
    clashes = []
    for path in default_registry_files():
        for actor in read_registry_file(path):
            if actor.id in where:
                clashes.append((actor.id, where[actor.id], path.name))
            where[actor.id] = path.name
    assert clashes == []


def test_registry_shipped_references_resolve(registry: ActorRegistry) -> None:
    missing = [
        (actor.id, field, ref)
        for actor in registry
        for field, ref in actor.references()
        if ref not in registry
    ]
    assert missing == []


def test_registry_shipped_country_codes_valid(registry: ActorRegistry) -> None:
    bad = [
        (a.id, a.country)
        for a in registry
        if a.country is not None and pycountry.countries.get(alpha_2=a.country) is None
    ]
    assert bad == []
    # only transnational bodies and peoples go without a country
    stateless = {a.kind for a in registry if a.country is None}
    assert stateless <= {"igo", "terrorist_group", "armed_forces", "population_group"}


def test_registry_shipped_entries_documented(registry: ActorRegistry) -> None:
    undocumented = [a.id for a in registry if not a.note or not a.theatres]
    assert undocumented == []


def test_registry_shipped_states_complete(registry: ActorRegistry) -> None:
    for state in (a for a in registry if a.kind == "state"):
        assert state.demonyms, state.id
        for field in ("government", "forces"):
            target = getattr(state, field)
            if target:
                assert registry.get(target).country == state.country, (state.id, field)


def test_registry_shipped_leaders_mirror_leads(registry: ActorRegistry) -> None:
    broken = []
    for actor in registry:
        for person in actor.leaders:
            if registry.get(person).kind != "person" or actor.id not in registry.get(person).leads:
                broken.append((actor.id, "leaders", person))
        for target in actor.leads:
            if actor.id not in registry.get(target).leaders:
                broken.append((actor.id, "leads", target))
    assert broken == []


def test_registry_shipped_rivals_symmetric(registry: ActorRegistry) -> None:
    one_sided = [
        (a.id, r) for a in registry for r in a.rivals if a.id not in registry.get(r).rivals
    ]
    assert one_sided == []


def test_registry_shipped_state_alliances_symmetric(registry: ActorRegistry) -> None:
    states = {a.id: a for a in registry if a.kind == "state"}
    one_sided = [
        (a.id, b)
        for a in states.values()
        for b in a.allies
        if b in states and a.id not in states[b].allies
    ]
    assert one_sided == []


def test_registry_shipped_patron_years_ordered(registry: ActorRegistry) -> None:
    bad = []
    for actor in registry:
        for p in actor.patrons:
            if p.since is not None and p.until is not None and p.since > p.until:
                bad.append((actor.id, p.id))
            if p.id == actor.id:
                bad.append((actor.id, "self"))
    assert bad == []


def _alias_index(registry: ActorRegistry) -> dict[str, set[str]]:
    index: dict[str, set[str]] = defaultdict(set)
    for surface, actor_id, kind in registry.surface_forms():
        if kind == "alias":
            norm = normalize(surface)
            index[norm if is_acronym(norm) else norm.casefold()].add(actor_id)
    return index


def test_registry_shipped_no_alias_collisions_within_a_country(registry: ActorRegistry) -> None:
    same_country, cross_country = [], []
    for key, actor_ids in _alias_index(registry).items():
        if len(actor_ids) < 2:
            continue
        countries = [registry.get(i).country for i in actor_ids]
        target = same_country if len(set(countries)) < len(countries) else cross_country
        target.append((key, sorted(actor_ids)))
    print("cross-country alias collisions:", cross_country)
    assert same_country == []
    assert len(cross_country) <= 5


def test_registry_shipped_demonyms_unique(registry: ActorRegistry) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for surface, actor_id, kind in registry.surface_forms():
        if kind == "demonym":
            owners[normalize(surface).casefold()].add(actor_id)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    ("theatre", "surfaces"),
    [
        (
            "syria",
            [
                "SDF",
                "YPG",
                "Syrian Arab Army",
                "Hezbollah",
                "HTS",
                "Free Syrian Army",
                "Syrian National Army",
                "Tiger Forces",
                "NDF",
                "Fatemiyoun",
                "Maghawir al-Thawra",
                "Deir ez-Zor Military Council",
                "Quds Force",
            ],
        ),
        (
            "iraq",
            [
                "Hashd al-Shaabi",
                "Kataib Hezbollah",
                "Peshmerga",
                "KRG",
                "Asaib Ahl al-Haq",
                "Badr Organization",
                "CJTF-OIR",
            ],
        ),
        ("jihadists", ["ISIS", "ISIL", "Daesh", "al-Qaeda", "Jabhat al-Nusra", "AQAP", "JNIM"]),
        ("ukraine", ["Armed Forces of Ukraine", "Wagner Group", "Zelensky", "Putin", "SBU"]),
        ("yemen", ["Houthis", "Ansar Allah", "Saudi-led coalition", "STC"]),
        ("libya", ["LNA", "Haftar", "GNA", "GNU"]),
        ("sudan", ["RSF", "SAF", "Hemedti", "Burhan"]),
        ("sahel", ["FAMa", "ISGS", "Africa Corps", "Barkhane", "MINUSMA", "ECOWAS"]),
        ("israel_gaza_lebanon", ["IDF", "Hamas", "PIJ", "Palestinian Authority", "UNIFIL"]),
        ("myanmar", ["Tatmadaw", "NUG", "PDF", "Arakan Army", "MNDAA", "TNLA", "KIA", "KNU"]),
        ("drc", ["FARDC", "M23", "Rwanda", "ADF", "FDLR", "Wazalendo", "MONUSCO", "SAMIDRC"]),
        (
            "igos_ngos",
            [
                "UN Security Council",
                "NATO",
                "ICRC",
                "MSF",
                "OCHA",
                "UNHCR",
                "WFP",
                "Syrian Observatory for Human Rights",
                "White Helmets",
                "HRW",
            ],
        ),
        (
            "media",
            [
                "Reuters",
                "AP",
                "AFP",
                "the Guardian",
                "Navy Times",
                "Al Jazeera",
                "SANA",
                "TASS",
                "RT",
                "Anadolu",
                "IRNA",
                "Kyiv Independent",
            ],
        ),
        (
            "people",
            [
                "Bashar al-Assad",
                "Khamenei",
                "Qassem Soleimani",
                "Abu Bakr al-Baghdadi",
                "Mazloum Abdi",
                "Erdogan",
                "Hassan Nasrallah",
            ],
        ),
    ],
)
def test_registry_coverage_key_actors(
    registry: ActorRegistry, theatre: str, surfaces: list[str]
) -> None:
    missing = [s for s in surfaces if len(registry.lookup(s)) != 1]
    assert missing == [], f"{theatre}: no single actor for {missing}"


def test_registry_coverage_kinds(registry: ActorRegistry) -> None:
    assert registry.lookup("Reuters")[0].kind == "media"
    assert registry.lookup("Vladimir Putin")[0].kind == "person"
    assert registry.lookup("Russia")[0].kind == "state"
    assert registry.lookup("Islamic State")[0].kind == "terrorist_group"


DOCS = Path(__file__).resolve().parents[2] / "docs" / "registry.md"


def test_registry_docs_cover_schema_and_counts(registry: ActorRegistry) -> None:
    """docs/registry.md documents every field and quotes the current total."""
    text = DOCS.read_text(encoding="utf-8")
    undocumented = [f for f in RegistryActor.model_fields if f"| `{f}` |" not in text]
    assert undocumented == []
    total = re.search(r"\*\*total \(after overrides\)\*\* \| \*\*(\d+)\*\*", text)
    assert total, "docs/registry.md lost its counts table (scripts/registry_stats.py prints it)"
    assert int(total.group(1)) == len(registry), "re-run scripts/registry_stats.py into the docs"


# --- lookup rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("Syrian Democratic Forces", ["sdf"]),
        ("syrian democratic forces", ["sdf"]),
        ("SYRIAN DEMOCRATIC FORCES", ["sdf"]),
        ("SDF", ["sdf"]),
        ("sdf", []),
        ("Sdf", []),
        ("IS", ["islamic_state"]),
        ("is", []),
        ("U.S.", ["united_states"]),
        ("US", ["united_states"]),
        ("U.S", ["united_states"]),
        ("us", []),
        ("the United States", ["united_states"]),
        ("The Kremlin", ["russia"]),
        ("Russia's", ["russia"]),
        ("Russia\u2019s", ["russia"]),
        ("Houthis'", ["houthis"]),
        ("(SDF)", ["sdf"]),
        ("\u201cDaesh\u201d", ["islamic_state"]),
        ("al Qaeda", ["al_qaeda"]),
        ("Al-Qaeda", ["al_qaeda"]),
        ("al\u2013Qaeda", ["al_qaeda"]),
        ("Hay\u2019at Tahrir al-Sham", ["hts"]),
        ("Hayat Tahrir al Sham", ["hts"]),
        ("Syrian  Democratic\nForces", ["sdf"]),
        ("Democratic Forces", []),
        ("", []),
        ("the", []),
    ],
)
def test_registry_lookup_rules(registry: ActorRegistry, surface: str, expected: list[str]) -> None:
    assert ids(registry.lookup(surface)) == expected


def test_registry_every_surface_form_finds_its_actor(registry: ActorRegistry) -> None:
    lost = []
    for surface, actor_id, kind in registry.surface_forms():
        if kind == "alias":
            found = ids(registry.lookup(surface))
        elif kind == "descriptor":
            found = ids(registry.lookup_descriptor(surface))
        else:
            state = registry.by_demonym(surface)
            found = [state.id] if state else []
        if actor_id not in found:
            lost.append((surface, actor_id, kind))
    assert lost == []


def test_registry_lookup_descriptor(registry: ActorRegistry) -> None:
    assert ids(registry.lookup_descriptor("Syrian troops")) == ["syrian_arab_army"]
    assert ids(registry.lookup_descriptor("pro-Assad forces")) == ["syrian_arab_army"]
    assert ids(registry.lookup_descriptor("Kurdish-led forces")) == ["sdf"]
    assert "syrian_government" in ids(registry.lookup_descriptor("the regime"))
    # descriptors are not names: a descriptor does not match through lookup(), nor a name here
    assert registry.lookup("pro-Assad forces") == []
    assert registry.lookup_descriptor("SDF") == []


def test_registry_by_demonym(registry: ActorRegistry) -> None:
    assert registry.by_demonym("Russian").id == "russia"
    assert registry.by_demonym("Iranian").id == "iran"
    assert registry.by_demonym("U.S.").id == "united_states"
    assert registry.by_demonym("Americans").id == "united_states"
    assert registry.by_demonym("us") is None
    assert registry.by_demonym("Martian") is None


def test_registry_surface_forms(registry: ActorRegistry) -> None:
    forms = registry.surface_forms()
    assert ("SDF", "sdf", "alias") in forms
    assert ("Syrian Democratic Forces", "sdf", "alias") in forms
    assert ("Kurdish-led forces", "sdf", "descriptor") in forms
    assert ("Russian", "russia", "demonym") in forms
    assert len(forms) == len(set(forms))
    assert all(registry.get(actor_id) is not None for _, actor_id, _ in forms)


def test_registry_active_patrons_by_year(registry: ActorRegistry) -> None:
    sdf = registry.get("sdf")
    assert sdf.active_patrons(2014) == []
    assert sdf.active_patrons(2017) == ["united_states"]
    saa = registry.get("syrian_arab_army")
    assert saa.active_patrons(2013) == ["iran"]
    assert sorted(saa.active_patrons(2017)) == ["iran", "russia"]
    assert saa.active_patrons(2025) == []
    assert sorted(saa.active_patrons(None)) == ["iran", "russia"]


# --- user files --------------------------------------------------------------------------------

USER_FILE = """
- id: sdf
  name: Syrian Democratic Forces (analyst edit)
  kind: armed_group
  country: SY
  aliases: [SDF, Quwat Suriya al-Dimuqratiya]
- id: raqqa_internal_security
  name: Raqqa Internal Security Forces
  kind: militia
  country: SY
  aliases: [Raqqa Asayish]
  member_of: [sdf]
"""


def test_registry_override_by_user_file(tmp_path: Path) -> None:
    user = _write(tmp_path / "mine.yaml", USER_FILE)
    registry = ActorRegistry.load([user])
    assert registry.get("sdf").name == "Syrian Democratic Forces (analyst edit)"
    assert ids(registry.lookup("Quwat Suriya al-Dimuqratiya")) == ["sdf"]
    assert registry.lookup("QSD") == []  # the replaced entry's old aliases are gone
    assert ids(registry.lookup("Raqqa Asayish")) == ["raqqa_internal_security"]
    assert len(registry) == len(ActorRegistry.load()) + 1


def test_registry_directory_of_files(tmp_path: Path) -> None:
    _write(tmp_path / "a.yaml", USER_FILE)
    _write(tmp_path / "b.yaml", "- {id: sdf, name: Second Word, kind: armed_group}\n")
    _write(tmp_path / "notes.txt", "not a registry file")
    registry = ActorRegistry.load([tmp_path])
    assert registry.get("sdf").name == "Second Word"  # files in a directory load in name order


def test_registry_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _write(tmp_path / "first.yaml", "- {id: actor_one, name: Actor One, kind: ngo}\n")
    second = _write(tmp_path / "second.yaml", "- {id: actor_two, name: Actor Two, kind: ngo}\n")
    monkeypatch.setenv(ENV_VAR, os.pathsep.join([str(first), str(second)]))
    registry = ActorRegistry.load()
    assert "actor_one" in registry and "actor_two" in registry and "sdf" in registry


def test_registry_explicit_file_beats_env_var(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    env = _write(tmp_path / "env.yaml", "- {id: x_group, name: From Env, kind: ngo}\n")
    cli = _write(tmp_path / "cli.yaml", "- {id: x_group, name: From Flag, kind: ngo}\n")
    monkeypatch.setenv(ENV_VAR, str(env))
    assert ActorRegistry.load([cli]).get("x_group").name == "From Flag"


def test_registry_without_defaults(tmp_path: Path) -> None:
    user = _write(tmp_path / "only.yaml", "- {id: lone_actor, name: Lone Actor, kind: ngo}\n")
    registry = ActorRegistry.load([user], include_default=False)
    assert ids(registry) == ["lone_actor"]
    assert ActorRegistry.load(include_default=False).surface_forms() == []


def test_registry_empty_file_is_allowed(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.yaml", "# nothing yet\n")
    assert len(ActorRegistry.load([empty], include_default=False)) == 0


# --- errors ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("- id: a\n  name: [unclosed\n", "line "),
        ("id: a\nname: A\n", "expected a YAML list"),
        ("- just a string\n", "expected a mapping"),
        ("- {id: a, name: A, kind: ngo, colour: red}\n", "unknown key 'colour'"),
        ("- {id: a, name: A, kind: warlord}\n", "kind"),
        ("- {id: a, name: A, kind: ngo, country: XX}\n", "ISO 3166"),
        ("- {id: a, name: A, kind: ngo, country: sy}\n", "ISO 3166"),
        ("- {id: a, name: A, kind: ngo, country: Syria}\n", "ISO 3166"),
        ("- {id: Bad-Id, name: A, kind: ngo}\n", "lowercase slug"),
        ("- {id: a, kind: ngo}\n", "name"),
        ("- {id: a, name: A, kind: ngo}\n- {id: a, name: B, kind: ngo}\n", "duplicate id"),
        ("- {id: a, name: A, kind: ngo, parent: nobody}\n", "unknown id 'nobody'"),
        ("- {id: a, name: A, kind: ngo, patrons: [{id: nobody}]}\n", "unknown id 'nobody'"),
        ("- {id: a, name: A, kind: ngo, patrons: [{id: a, years: 3}]}\n", "unknown key"),
        ("- {id: a, name: A, kind: ngo, patrons: [{id: a, since: 2020, until: 2015}]}\n", "after"),
        ("- {id: a, name: A, kind: ngo, demonyms: [Ay]}\n", "for states only"),
        ("- {id: a, name: A, kind: ngo, leads: [a]}\n", "for persons only"),
        ("- {id: a, name: A, kind: ngo, aliases: SDF}\n", "aliases"),
    ],
)
def test_registry_invalid_files(tmp_path: Path, text: str, fragment: str) -> None:
    bad = _write(tmp_path / "bad.yaml", text)
    with pytest.raises(FlashpointError) as info:
        ActorRegistry.load([bad], include_default=False)
    assert info.value.code == REGISTRY_INVALID
    message = str(info.value)
    assert "bad.yaml" in message and fragment in message
    assert "\n" not in message


def test_registry_invalid_names_the_entry(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.yaml", "- {id: ok, name: OK, kind: ngo}\n- {name: B, kind: x}\n")
    with pytest.raises(FlashpointError, match=r"bad\.yaml: entry 2: "):
        ActorRegistry.load([bad], include_default=False)


def test_registry_reference_into_defaults_is_valid(tmp_path: Path) -> None:
    user = _write(
        tmp_path / "ok.yaml",
        "- {id: new_unit, name: New Unit, kind: militia, "
        "member_of: [sdf], patrons: [{id: united_states, since: 2016}]}\n",
    )
    assert ActorRegistry.load([user]).get("new_unit").active_patrons(2017) == ["united_states"]
    with pytest.raises(FlashpointError) as info:
        ActorRegistry.load([user], include_default=False)
    assert info.value.code == REGISTRY_INVALID


def test_registry_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FlashpointError) as info:
        ActorRegistry.load([tmp_path / "absent.yaml"])
    assert info.value.code == REGISTRY_NOT_FOUND


def test_registry_missing_env_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "absent.yaml"))
    with pytest.raises(FlashpointError) as info:
        ActorRegistry.load()
    assert info.value.code == REGISTRY_NOT_FOUND


def test_registry_empty_directory(tmp_path: Path) -> None:
    with pytest.raises(FlashpointError) as info:
        ActorRegistry.load([tmp_path])
    assert info.value.code == REGISTRY_NOT_FOUND


def test_registry_not_utf8(tmp_path: Path) -> None:
    bad = tmp_path / "latin.yaml"
    bad.write_bytes("- {id: a, name: Caf\u00e9, kind: ngo}\n".encode("latin-1"))
    with pytest.raises(FlashpointError) as info:
        ActorRegistry.load([bad], include_default=False)
    assert info.value.code == REGISTRY_INVALID
