"""The event heads' main-clause features: what they keep, what they leave to the sentence."""

from __future__ import annotations

import json

import pytest

from flashpoint.models.classifiers import EventClassifier
from flashpoint.models.features import clause_tokens
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.train import load_corpus
from flashpoint.train.run import train_events


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def tokens(nlp, text: str) -> list[str]:
    return clause_tokens(nlp(text)[:]).split()


def test_violence_in_a_relative_clause_is_not_the_main_clause(nlp):
    found = tokens(nlp, "The ministry condemned the air strike that killed six civilians in Idlib.")
    assert "<root_condemn>" in found and "<rsubj_ministry>" in found
    assert "<m_condemn>" in found and "<m_strike>" in found
    assert "<m_kill>" not in found and "<m_civilian>" not in found


def test_a_plain_report_reads_what_it_reports(nlp):
    found = tokens(nlp, "Gunmen killed four villagers near Gao, residents said.")
    assert found[:2] == ["<root_kill>", "<reported>"]
    assert "<m_kill>" in found and "<m_say>" not in found


def test_a_threat_keeps_the_threatened_act_apart(nlp):
    found = tokens(nlp, "The rebels threatened to attack the town if talks failed.")
    assert "<root_threaten>" in found and "<xc_attack>" in found
    assert "<m_attack>" not in found and "<m_fail>" not in found


def test_a_denial_marks_what_is_denied(nlp):
    found = tokens(nlp, "The army denied that its jets had bombed the market.")
    assert "<root_deny>" in found and "<rep_bomb>" in found and "<m_bomb>" not in found


def test_each_sentence_of_a_passage_adds_its_own_clause(nlp):
    found = tokens(nlp, "Jets bombed Timbuktu. The army denied it.")
    assert "<root_bomb>" in found and "<root_deny>" in found


def _corpus(tmp_path):
    rows = []
    for n, place in enumerate(["Gao", "Kidal", "Mopti", "Sikasso", "Kayes", "Segou"]):
        rows.append(
            {
                "id": f"a{n}",
                "text": f"Jets bombed a market in {place}.",
                "label": "AIR_STRIKE",
                "plover": "ASSAULT",
                "trigger": "bombed",
            }
        )
        rows.append(
            {
                "id": f"c{n}",
                "text": f"The mayor of {place} condemned the bombing of the market.",
                "label": "NONE",
                "plover": "ACCUSE",
                "trigger": "condemned",
            }
        )
    path = tmp_path / "clauses.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    return load_corpus([path])


def test_heads_trained_on_the_clause_read_the_parse_and_old_ones_do_not(tmp_path, nlp):
    items = _corpus(tmp_path)
    acled, plover, _ = train_events(items, seed=3)
    reading = EventClassifier(acled, plover)
    assert reading.reads_parse and plover.meta["clause_features"] == 1
    sentence = "The governor of Timbuktu condemned the bombing of the market."
    from_text = reading.classify([sentence])[0]
    from_span = reading.classify([nlp(sentence)[:]])[0]
    assert from_text == from_span  # a string is parsed as the pipeline would parse it
    assert from_span.plover == "ACCUSE"
    text_only = EventClassifier(*train_events(items, seed=3, clause_features=False)[:2])
    assert not text_only.reads_parse and "clause_features" not in text_only.plover.meta
