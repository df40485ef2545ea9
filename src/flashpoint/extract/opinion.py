"""Author opinion: sentences of judgement, rhetoric or speculation that are not reported fact.

Only the author's own sentences are candidates: a quoted speaker's view is a reported claim,
attributed to that speaker. Cues (phrases, evaluative words, rhetorical questions, first-person
stance) come from `data/lexicons/cues.yaml`.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.lexicon import Lexicon
from flashpoint.model import Span


class OpinionReader:
    def __init__(self, lexicon: Lexicon):
        self.phrases = sorted(lexicon.cue("opinion", "phrases"), key=lambda p: (-len(p), p))
        self.evaluative = lexicon.cue("opinion", "evaluative")
        self.first_person = lexicon.cue("opinion", "hedges_first_person")
        self._phrase_re = (
            re.compile(r"(?<![\w])(" + "|".join(re.escape(p) for p in self.phrases) + r")(?![\w])")
            if self.phrases
            else None
        )

    def read(self, doc: Doc, attribution: AttributionMap) -> list[Span]:
        """Sentences the author wrote as opinion, in document order."""
        opinions: list[Span] = []
        for sent in doc.sents:
            text = sent.text.strip()
            if len(text) < 12:
                continue
            middle = sent.start_char + len(sent.text) // 2
            if attribution.in_quote(middle) or attribution.at(middle).kind != "author":
                continue
            if self.is_opinion(sent):
                opinions.append(Span(start=sent.start_char, end=sent.end_char, text=sent.text))
        return opinions

    def is_opinion(self, sent) -> bool:  # noqa: ANN001
        text = sent.text.strip()
        lower = text.lower()
        if text.endswith("?") and not text.startswith(("“", '"')):
            return True
        if self._phrase_re is not None and self._phrase_re.search(lower):
            return True
        words = [t.lower_ for t in sent]
        if any(w in self.evaluative for w in words):
            return True
        # first-person stance outside quotes ("we believe", "I think")
        return any(
            t.lower_ in self.first_person
            and t.dep_ in {"nsubj", "poss"}
            and t.head.lemma_ in {"think", "believe", "argue", "feel", "contend", "say"}
            for t in sent
        )


def opinion_lookup(opinions: list[Span]):  # noqa: ANN201
    """A function telling whether a character offset falls in an opinion sentence."""
    ranges = [(o.start, o.end) for o in opinions]
    return lambda char: any(s <= char < e for s, e in ranges)
