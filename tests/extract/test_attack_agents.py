"""Who made an attack the sentence names only after its means: "killed and wounded in airstrikes
by Russian forces", "in night raids reportedly carried out by the Russian air force",
"injured by a mortar round fired by X", "were killed after US jets bombed a bakery". The
victims' verb had no source though the sentence says whose attack it was. Each text is ours."""

from __future__ import annotations

import pytest


def first_source(result, trigger: str) -> str | None:  # noqa: ANN001
    names = {a.id: a.name for a in result.actors}
    event = next(e for e in result.events if e.trigger == trigger)
    return names.get(event.source) if event.source else None


@pytest.mark.parametrize(
    ("text", "trigger", "source"),
    [
        (
            "Medics said at least 12 civilians were killed and 40 wounded in airstrikes by "
            "Russian forces on Maarat al-Numan on Friday.",
            "killed",
            "Russian Armed Forces",
        ),
        (
            "Seven farmers were killed in night raids reportedly carried out by the Russian air "
            "force near Kafr Nabl.",
            "killed",
            "Russian Aerospace Forces",
        ),
        (
            "Residents said nine civilians were killed after US jets bombed a bakery in the "
            "city of Mayadin.",
            "killed",
            "United States Armed Forces",
        ),
        (
            "Four civilians were injured by a mortar round fired by Jaysh al-Islam militants at "
            "the Old City.",
            "mortar",
            "Jaysh al-Islam",
        ),
    ],
)
def test_the_attack_s_agent_is_the_source(analyse, text, trigger, source):
    assert first_source(analyse(text), trigger) == source


def test_a_passive_without_an_agent_still_has_no_source(analyse):
    result = analyse("At least nine civilians were killed in shelling on the town of Ariha.")
    assert first_source(result, "killed") is None
