"""Boilerplate goes, reporting stays byte for byte; the headline heuristic; user pattern files."""

from __future__ import annotations

import pytest

from flashpoint import errors
from flashpoint.errors import FlashpointError
from flashpoint.ingest import clean_text, document_from_text, load_boilerplate
from flashpoint.ingest.clean import default_boilerplate

HEADLINE = "Drone strikes hit fuel depot in Kherson region"
REAL = [
    "Ukrainian drones struck a fuel depot near Nova Kakhovka overnight, the regional governor "
    "installed by Moscow said on Telegram, adding that nobody was hurt.",
    "Kyiv did not comment on the strike. Its general staff said separately that Russian forces "
    "had shelled the right bank of the Dnipro 40 times in the previous day.",
    "\u201cWe will answer every attack,\u201d the governor said.",
]
BOILERPLATE_LINES = [
    "Advertisement",
    "Paid content",
    "Sponsored",
    "What\u2019s New Today",
    "Read more: Why the river front matters",
    "Share this article",
    "Subscribe to our daily briefing",
    "Follow us on Telegram and X",
    "We use cookies to improve your experience on our site.",
]
DISCLAIMER = (
    "The views and opinions expressed by our contributors are their own and do not "
    "represent Example Daily, its owners or its editors."
)


def _article() -> str:
    parts = [
        HEADLINE,
        REAL[0],
        "Advertisement",
        REAL[1],
        HEADLINE,
        REAL[2],
        DISCLAIMER,
        "Paid content",
        "Related stories",
        "Shelling resumes near Bakhmut",
        "Talks in Istanbul collapse",
        "Subscribe to our daily briefing",
    ]
    return "\n\n".join(parts)


def test_clean_keeps_real_paragraphs_intact():
    body, _ = clean_text(_article())
    paragraphs = body.split("\n\n")
    for paragraph in REAL:
        assert paragraph in paragraphs
    assert body.index(REAL[0]) < body.index(REAL[1]) < body.index(REAL[2])


def test_clean_drops_boilerplate_and_tail():
    body, _ = clean_text(_article())
    for dropped in (
        "Advertisement",
        "Paid content",
        "Related stories",
        "Bakhmut",
        "Istanbul",
        "Subscribe",
        "views and opinions",
    ):
        assert dropped not in body
    assert body.count(HEADLINE) == 1
    assert body.startswith(HEADLINE)


@pytest.mark.parametrize("line", BOILERPLATE_LINES)
def test_clean_drops_each_boilerplate_line(line):
    body, _ = clean_text("\n\n".join([REAL[0], line, REAL[1]]))
    assert body == "\n\n".join([REAL[0], REAL[1]])


def test_clean_cuts_a_disclaimer_out_of_its_paragraph():
    body, _ = clean_text(REAL[1] + " " + DISCLAIMER)
    assert body == REAL[1]


def test_clean_leaves_reporting_that_mentions_the_same_words():
    text = (
        "Officials said they would subscribe to the ceasefire terms. Readers of the militia's "
        "channel were urged to share the video, and the views expressed by commanders varied."
    )
    assert clean_text(text)[0] == text


def test_clean_title_is_the_first_headline_like_line():
    assert clean_text(_article())[1] == HEADLINE


@pytest.mark.parametrize(
    "first",
    [
        REAL[0],  # a sentence, not a headline
        "The army said on Monday that it had taken the village.",
        "according to the governor:",
        " ".join(["word"] * 30),
        "Wed 05 Apr 2017",  # a dateline
        "Kherson",  # a lone word
    ],
)
def test_clean_no_title_when_first_line_is_not_a_headline(first):
    assert clean_text(first + "\n\n" + REAL[1])[1] is None


def test_clean_no_title_for_a_single_line():
    assert clean_text("Shelling near Kherson")[1] is None


def test_clean_link_tail_stops_at_real_prose():
    links = ["Ceasefire talks stall", "Sport", "Is the dam at risk?"]
    text = "\n\n".join([REAL[0], "Related articles", *links, REAL[1]])
    body, _ = clean_text(text)
    assert body == "\n\n".join([REAL[0], REAL[1]])


def test_clean_whitespace_is_normalised_lightly():
    text = "Line one\u00a0with  spaces \r\nline two\r\n\r\n\r\n\r\nNext   paragraph\t."
    body, _ = clean_text(text)
    assert body == "Line one with spaces\nline two\n\nNext paragraph ."


def test_clean_keeps_curly_quotes_and_fixes_mojibake():
    body, _ = clean_text("\u201cWe will answer,\u201d he said. It isnâ€™t over.")
    assert body == "\u201cWe will answer,\u201d he said. It isn\u2019t over."


def test_clean_user_pattern_file_adds_patterns(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text('lines:\n  - "listen to our podcast.*"\n', encoding="utf-8")
    text = "\n\n".join([REAL[0], "Listen to our podcast on the war", REAL[1], "Advertisement"])
    body, _ = clean_text(text, boilerplate=load_boilerplate([extra]))
    assert body == "\n\n".join([REAL[0], REAL[1]])
    assert "podcast" in clean_text(text)[0]  # the shipped patterns alone keep it


def test_document_from_text_uses_user_patterns(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text('sentences:\n  - "Listen on any podcast app[.]"\n', encoding="utf-8")
    doc = document_from_text(
        REAL[0] + " Listen on any podcast app.", boilerplate=load_boilerplate([extra])
    )
    assert doc.text == REAL[0]


@pytest.mark.parametrize(
    "content",
    ["lines: [unclosed", "lines: not-a-list", "words:\n  - x\n", 'lines:\n  - "(unbalanced"\n'],
)
def test_clean_invalid_pattern_file(tmp_path, content):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FlashpointError) as excinfo:
        load_boilerplate([path])
    assert excinfo.value.code == errors.LEXICON_INVALID
    assert "bad.yaml" in excinfo.value.message


def test_clean_shipped_patterns_load():
    patterns = default_boilerplate()
    assert patterns.lines and patterns.tails and patterns.sentences
