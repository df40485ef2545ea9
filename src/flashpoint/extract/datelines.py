"""Datelines inside the text: 'DAMASCUS, Syria (AP)', 'MOSCOW (Sputnik)', 'BEIRUT - '.

Wire copy opens each story with the city it was filed from, and scraped pages keep the
dateline wherever the story starts, after a headline or a related-news block. The city and
country there say where the reporter sat: they are no actor of the story ("DAMASCUS, Syria
(AP) Rebels fired mortars" has the rebels firing, not Syria).
"""

from __future__ import annotations

from spacy.tokens import Doc

MAX_PLACE_WORDS = 4  # "NEW YORK", "DEIR EZ-ZOR", "RAS AL AIN"
MAX_OUTLET_WORDS = 5  # "(Thomson Reuters Foundation)"


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges [start, end) of each dateline's place words: capitals, an optional
    ', Country', then '(Outlet)' or a spaced dash."""
    spans: list[tuple[int, int]] = []
    n = len(doc)
    i = 0
    while i < n:
        if not _capital_word(doc, i) or (i > 0 and _capital_word(doc, i - 1)):
            i += 1
            continue
        end = i
        while end < n and end - i < MAX_PLACE_WORDS and _capital_word(doc, end):
            end += 1
        if not any(len(t.text) >= 3 for t in doc[i:end] if t.is_alpha):
            i = end
            continue
        after = end
        if after < n and doc[after].text == ",":  # "DAMASCUS, Syria (AP)"
            k = after + 1
            while k < n and k - after <= MAX_PLACE_WORDS and doc[k].is_title:
                k += 1
            if k > after + 1:
                after = k
        if _outlet_or_dash(doc, after):
            spans.append((i, after))
        i = after if after > i else i + 1
    return spans


def _capital_word(doc: Doc, i: int) -> bool:
    token = doc[i]
    return (token.is_upper and token.is_alpha) or (
        token.text == "-" and 0 < i < len(doc) - 1 and doc[i - 1].is_upper and doc[i + 1].is_upper
    )


def _outlet_or_dash(doc: Doc, i: int) -> bool:
    if i >= len(doc):
        return False
    token = doc[i]
    if token.text in {"–", "—"} or (token.text == "-" and doc[i - 1].whitespace_):
        return True
    if token.text != "(":
        return False
    close = next(
        (k for k in range(i + 1, min(len(doc), i + 2 + MAX_OUTLET_WORDS)) if doc[k].text == ")"),
        None,
    )
    return close is not None and close > i + 1 and (doc[i + 1].is_title or doc[i + 1].is_upper)
