"""Death and injury counts read from sentences written for this test."""

from __future__ import annotations

import pytest

from flashpoint.extract.fatalities import number_value, read_casualties


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("A roadside bomb killed at least nine soldiers and wounded 14 others.", 9, 14),
        ("Two policemen were killed and five injured in the ambush.", 2, 5),
        ("The death toll from the market bombing rose to 112 on Sunday.", 112, None),
        ("Gunmen shot dead twenty-three villagers before dawn.", 23, None),
        ("The blast left four dead and 11 wounded.", 4, 11),
        ("Dozens were killed, according to local activists.", None, None),
        ("Security forces arrested 40 protesters in the capital.", None, None),
        ("In 2017 the army retook the town.", None, None),
        ("Clashes claimed the lives of more than 1,200 people last year.", 1200, None),
        ("Mortar fire hurt three children near the school.", None, 3),
    ],
)
def test_fatalities_counts(sentence, killed, injured):
    found = read_casualties(sentence)
    assert (found.killed, found.injured) == (killed, injured)


def test_fatalities_number_words():
    assert number_value("a dozen") == 12
    assert number_value("forty-two") == 42
    assert number_value("3,400") == 3400
    assert number_value("two hundred") == 200
    assert number_value("several") is None


@pytest.fixture(scope="module")
def nlp():
    from flashpoint.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.mark.parametrize(
    ("sentence", "killed", "injured"),
    [
        ("Gunmen killed a shopkeeper and his two sons in Maiduguri.", 3, None),
        ("Fighter jets struck a convoy, killing a family of six.", 6, None),
        ("Three soldiers and a police officer were killed in the ambush.", 4, None),
        ("A mob beat to death a man accused of theft.", 1, None),
        ("Militants hacked to death at least 25 villagers overnight.", 25, None),
        ("The army said it lost seven men in the clash.", 7, None),
        ("Two policemen martyred in an attack on a checkpoint.", 2, None),
        ("The massacre of at least 60 herders shocked the region.", 60, None),
        ("A sniper wounded a nurse outside the hospital.", None, 1),
        ("Villagers said the rebels burned several houses.", None, None),
    ],
)
def test_fatalities_counts_from_the_parse(nlp, sentence, killed, injured):
    from flashpoint.extract.fatalities import casualties

    found = casualties(next(iter(nlp(sentence).sents)))
    assert (found.killed, found.injured) == (killed, injured)


@pytest.mark.parametrize(
    ("sentence", "killed"),
    [
        ("Rescuers pulled four bodies from the rubble of the hotel.", 4),
        ("Police found the bodies of two men near the checkpoint.", 2),
        ("Vigilantes stoned and burned alive 13 suspected gang members.", 13),
        ("The army said it neutralised 11 assailants in the ambush.", 11),
        ("In the ensuing gun battle six militants were sent to hell, the army said.", 6),
        ("The bodies of the victims were returned to their families.", None),
    ],
)
def test_fatalities_the_dead_named_by_their_bodies_or_a_euphemism(sentence, killed):
    assert read_casualties(sentence).killed == killed


def test_kept_answers_belong_to_the_document_asked_about():
    # the counts of a sentence are kept per document: a second document with its sentences at
    # the same token positions must get its own counts, and the first its own again after it
    from flashpoint.extract.fatalities import casualties
    from flashpoint.nlp.pipeline import load_pipeline

    nlp = load_pipeline()
    first = nlp("Raiders killed 14 guards. Nine people were hurt.")
    second = nlp("Nine people were hurt. Raiders killed 14 guards.")
    assert [(s.start, s.end) for s in first.sents] == [(s.start, s.end) for s in second.sents]
    assert [casualties(s).killed for s in first.sents] == [14, None]
    assert [casualties(s).killed for s in second.sents] == [None, 14]
    assert [casualties(s).injured for s in first.sents] == [None, 9]
