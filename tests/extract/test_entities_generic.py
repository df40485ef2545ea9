"""Sites named by their kind, people named by a role, and names with their title: mentions an
analyst reads in military and diplomatic releases, kept out of relations and events."""

from __future__ import annotations


def _places(result):
    return {p.name: p for p in result.places}


def test_entities_a_site_named_by_its_kind_is_an_unresolved_place(analyse):
    result = analyse(
        "Near Kirkuk, two air strikes hit a weapons depot and three fighting positions, "
        "and a third destroyed a militant-held bridge."
    )
    places = _places(result)
    depot = places["weapons depot"]
    assert (depot.feature, depot.resolved, depot.lat) == ("site", False, None)
    assert [m.text for m in depot.mentions] == ["a weapons depot"]
    assert [m.text for m in places["fighting positions"].mentions] == ["three fighting positions"]
    # the group named inside the phrase does not keep the phrase from being a site
    bridge = [p for p in result.places if p.name.endswith("bridge")]
    assert [m.text for p in bridge for m in p.mentions] == ["a militant-held bridge"]
    assert "Kirkuk" in places


def test_entities_a_description_of_a_named_place_is_no_new_site(analyse):
    result = analyse("Troops entered Mosul on Monday and had cleared the city by Friday.")
    assert not [p for p in result.places if p.feature == "site"]
    mosul = [p for p in result.places if p.name == "Mosul"]
    assert [m.text for p in mosul for m in p.mentions] == ["Mosul", "the city"]


def test_entities_a_site_is_no_place_of_an_event(analyse):
    result = analyse("Rebels shelled a hospital in Idlib on Tuesday, killing four people.")
    sites = {p.id for p in result.places if p.feature == "site"}
    assert sites
    assert not sites & {e.place for e in result.events}


def test_entities_one_person_named_by_a_role_is_a_generic_person(analyse):
    result = analyse(
        "The commander told reporters that the brigade would hold the ridge, and the "
        "commanders of two other units agreed."
    )
    people = [a for a in result.actors if a.kind == "person"]
    assert [(a.name, a.known, [m.text for m in a.mentions]) for a in people] == [
        ("commander", False, ["The commander"])
    ]
    ends = {r.source for r in result.relations} | {r.target for r in result.relations}
    assert people[0].id not in ends


def test_entities_a_name_with_its_title_is_a_mention_too(analyse):
    result = analyse(
        "Foreign Minister Ayman Safadi spoke by phone with Lt. Gen. Rashid Karimov on Sunday."
    )
    mentions = {
        a.name: sorted(m.text for m in a.mentions) for a in result.actors if a.kind == "person"
    }
    safadi = next(v for k, v in mentions.items() if "Safadi" in k)
    assert safadi == ["Ayman Safadi", "Foreign Minister Ayman Safadi"]


def test_entities_a_name_without_a_title_gets_no_second_mention(analyse):
    result = analyse("Ayman Safadi, who spoke on Sunday, said the border would reopen.")
    safadi = [a for a in result.actors if "Safadi" in a.name]
    assert [m.text for a in safadi for m in a.mentions] == ["Ayman Safadi"]


def test_entities_a_capitalised_office_with_its_body_is_a_generic_person(analyse):
    result = analyse("The Governor of Basra Province said the port would reopen on Monday.")
    people = [a for a in result.actors if a.kind == "person"]
    assert [(a.known, [m.text for m in a.mentions]) for a in people] == [
        (False, ["The Governor of Basra Province"])
    ]


def test_entities_a_ship_after_its_navy_prefix_is_no_person(analyse):
    result = analyse(
        "The destroyer USS Carney sailed with HMS Kent on Monday, and Carney later docked "
        "in Bahrain, said Admiral Brad Cooper."
    )
    names = {a.name for a in result.actors}
    assert not {name for name in names if "Carney" in name or "Kent" in name}
    assert any("Cooper" in a.name for a in result.actors if a.kind == "person")


def test_entities_a_name_with_a_role_beside_it_is_a_person(analyse):
    result = analyse("Knox Thames, the Special Advisor to the Ambassador, will travel to Beirut.")
    thames = [a for a in result.actors if a.name == "Knox Thames"]
    assert [a.kind for a in thames] == ["person"]


def test_entities_an_organisation_described_in_apposition_stays_one(analyse):
    result = analyse("The Syria Recovery Trust Fund, a donor body, said it would help.")
    fund = [a for a in result.actors if "Trust Fund" in a.name]
    assert [a.kind for a in fund] == ["organisation"]


def test_entities_a_name_given_with_its_title_also_has_the_bare_name(analyse):
    result = analyse("The remarks are on the record from Spokesperson Maria Lopez.")
    lopez = [a for a in result.actors if "Lopez" in a.name]
    assert [a.kind for a in lopez] == ["person"]
    assert sorted(m.text for m in lopez[0].mentions) == ["Maria Lopez", "Spokesperson Maria Lopez"]
