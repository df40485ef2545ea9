"""An acronym means what the text spells it out as, before the registry's meaning: "the SAC"
after "the Syrian Arab Coalition" is that coalition, not Myanmar's State Administration
Council, whether or not the text writes "(SAC)". Where the text spells out nothing, or spells
out the registry's own body in other words, the registry's meaning stands. Each text is ours."""

from __future__ import annotations


def owner(result, surface: str) -> str:  # noqa: ANN001
    """The actor a mention with this exact text belongs to."""
    text = result.document.text
    for actor in result.actors:
        if any(text[m.start : m.end] == surface for m in actor.mentions):
            return actor.id
    raise AssertionError(f"no actor mention {surface!r}")


SPELT_OUT = (
    "Kurdish-led fighters and the Syrian Arab Coalition, a force of tribal volunteers, pushed "
    "toward the dam on Sunday. Coalition advisers trained the SAC before the offensive."
)
DEFINED = (
    "The Syrian Arab Coalition (SAC) said its units had cleared three villages. A spokesman "
    "for the SAC said the advance would resume after the rains."
)
REGISTRY_MEANING = (
    "In Naypyidaw, the SAC extended military rule for another six months, state media said."
)
OTHER_SPELLING = (
    "Fighters of the Islamic State of Iraq and Syria attacked a checkpoint near the border. "
    "ISIS later claimed the attack in a statement."
)


def test_an_acronym_spelt_out_earlier_is_that_name(analyse):
    result = analyse(SPELT_OUT)
    assert owner(result, "the SAC") == owner(result, "Syrian Arab Coalition")
    assert owner(result, "the SAC") != "myanmar_junta"


def test_an_acronym_the_text_defines_beats_the_registry(analyse):
    result = analyse(DEFINED)
    assert owner(result, "the SAC") == owner(result, "Syrian Arab Coalition")
    assert owner(result, "the SAC") != "myanmar_junta"


def test_without_a_long_form_the_registry_meaning_stands(analyse):
    assert owner(analyse(REGISTRY_MEANING), "the SAC") == "myanmar_junta"


def test_the_registry_body_spelt_otherwise_keeps_its_acronym(analyse):
    result = analyse(OTHER_SPELLING)
    assert owner(result, "ISIS") == "islamic_state"
