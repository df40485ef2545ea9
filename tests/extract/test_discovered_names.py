"""Names the NER calls organisations that are no organisation: a run of place names from a
scraped tag list ("Syria Hama"), and a known name whose apostrophe the page lost ("Syrias
army", "SOHRs director"), which is that actor, not a new one. Each text is ours."""

from __future__ import annotations


def names(result) -> set[str]:  # noqa: ANN001
    return {a.name for a in result.actors}


def test_a_run_of_place_names_is_no_organisation(analyse):
    result = analyse(
        "Tags Syria Hama airstrikes civilian casualties At least 25 civilians were killed in "
        "Hama on Thursday."
    )
    assert "Syria Hama" not in names(result)


def test_a_lost_apostrophe_keeps_the_known_actor(analyse):
    result = analyse("SOHRs director Rami Abdel Rahman said 12 people died in the shelling.")
    assert "SOHRs" not in names(result)
    assert "Syrian Observatory for Human Rights" in names(result)


def test_a_name_ending_in_s_is_left_alone_without_a_noun_after_it(analyse):
    result = analyse("Fighters loyal to the Hamas movement clashed with Fatah gunmen in Gaza.")
    assert "Hamas" in names(result)
