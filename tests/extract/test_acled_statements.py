"""ACLED codes what was done, not what was said: a statement (an accusation, demand, denial,
threat, meeting or praise) is a PLOVER event with no ACLED type, while an agreement keeps
Strategic developments / Agreement. Coded as 'Other', every denial and condemnation used to
land in the ACLED export as a strategic development."""

from __future__ import annotations

from flashpoint.extract.lexicon import Lexicon

STATEMENTS = {"ACCUSE", "REJECT", "REQUEST", "THREATEN", "CONSULT", "SUPPORT"}


def test_shipped_statement_triggers_carry_no_acled_type_but_agreement():
    lexicon = Lexicon.load()
    rows = [t for found in lexicon.triggers.values() for t in found if t.type in STATEMENTS]
    assert rows
    assert {t.acled for t in rows} <= {None, ("Strategic developments", "Agreement")}


def test_a_denial_or_an_accusation_adds_no_acled_event(analyzer):
    for text in (
        "The interior ministry denied that its police had beaten the detained students.",
        "The governor accused the opposition of stirring unrest in the northern districts.",
        "The foreign minister urged both sides to return to the negotiating table.",
    ):
        events = analyzer.analyze_text(text).events
        statements = [e for e in events if e.type in STATEMENTS]
        assert statements, text
        assert all(e.acled is None for e in statements), text


def test_a_signed_ceasefire_stays_an_acled_agreement(analyzer):
    events = analyzer.analyze_text(
        "The army and the rebel alliance signed a ceasefire agreement in the capital on Sunday."
    ).events
    assert any(e.acled and e.acled.sub_event_type == "Agreement" for e in events)
