"""Who did it when the sentence does not say so in its own clause: the actor the report blames
for an attack or that claims it, a force that "its" ties to the clause's subject, an unnamed
perpetrator ("masked men", "hitmen"), and not the speaker who reports the attack."""

from __future__ import annotations


def _main(analysis):
    return next(e for e in analysis.events if e.modality == "asserted")


def _name(analysis, actor_id):
    return next((a.name for a in analysis.actors if a.id == actor_id), None)


def _kind(analysis, actor_id):
    return next((a.kind for a in analysis.actors if a.id == actor_id), None)


def test_event_sources_the_actor_blamed_in_a_trailing_clause(analyse):
    found = analyse(
        "A car bomb went off outside a market in Kandahar, killing six people, the governor "
        "said, blaming the Taliban."
    )
    assert _name(found, _main(found).source) == "Taliban"


def test_event_sources_an_attack_blamed_on_a_group(analyse):
    found = analyse(
        "Mortar rounds hit a camp for displaced families near Goma in an attack blamed on M23."
    )
    assert _name(found, _main(found).source) == "March 23 Movement"


def test_event_sources_a_claim_in_the_next_sentence(analyse):
    found = analyse(
        "An explosive device tore through a bus near Quetta, killing eleven passengers. "
        "The Balochistan Liberation Army claimed responsibility."
    )
    # the registry's group (afghanistan_pakistan.yaml), under its canonical name
    assert _name(found, _main(found).source) == "Baloch Liberation Army"


def test_event_sources_no_claim_no_source_from_the_speaker(analyse):
    found = analyse("A roadside bomb killed three soldiers near Kidal, the army said.")
    assert _main(found).source is None


def test_event_sources_its_troops_are_the_subjects(analyse):
    found = analyse("The Russian army denied that its troops had shelled a hospital in Kherson.")
    army = next(a for a in found.actors if a.name == "Russian Armed Forces")
    assert any(m.text == "its troops" for m in army.mentions)
    shelled = next(e for e in found.events if e.trigger == "shelled")
    assert shelled.source == army.id


def test_event_sources_unnamed_perpetrators_are_armed_groups(analyse):
    found = analyse("Masked men abducted a judge outside his home in Benghazi.")
    event = _main(found)
    assert (_name(found, event.source), _kind(found, event.source)) == (
        "Masked men",
        "armed_group",
    )


def test_event_sources_a_demonym_drone_is_the_states_forces(analyse):
    found = analyse("A Russian drone hit a bus station in Kherson, wounding four people.")
    assert _name(found, _main(found).source) == "Russian Armed Forces"


def test_event_sources_what_is_reported_not_the_report(analyse):
    found = analyse("Gunmen raped two women near a camp in Bentiu, UNMISS said.")
    event = _main(found)
    assert event.trigger == "raped"
    assert (_name(found, event.source) or "").lower() == "gunmen"


def test_event_sources_the_owner_of_the_attack_a_passive_names(analyse):
    found = analyse(
        "At least 11 civilians were killed in Syrian regime airstrikes near a bakery in "
        "Maarat al-Numan."
    )
    killed = next(e for e in found.events if e.trigger == "killed")
    assert (_name(found, killed.source), _name(found, killed.target)) == (
        "Syrian government",
        "civilians",
    )


def test_event_sources_a_victim_is_no_agent(analyse):
    found = analyse(
        "Nine civilians died in rebel shelling of the government-held Hamdaniya district."
    )
    assert all(_name(found, e.source) != "civilians" for e in found.events)


def test_event_sources_clashes_between_two_sides(analyse):
    found = analyse(
        "Clashes between Hayat Tahrir al-Sham and the Syrian army killed nine fighters near Idlib."
    )
    clashes = next(e for e in found.events if e.trigger == "Clashes")
    assert (_name(found, clashes.source), _name(found, clashes.target)) == (
        "Hayat Tahrir al-Sham",
        "Syrian Arab Army",
    )
