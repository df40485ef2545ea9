"""Did it happen? The modality of an event trigger from its syntactic context.

A report that forces "did not expect clashes", "would respond if fired upon", "plan to
advance" or "could confront" must never be counted as a clash, a response, an advance or a
confrontation that took place. We climb from the trigger through the verbs that govern it
(up to reporting verbs, which do not change what the reported clause says) and collect cues.
"""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.lexicon import Lexicon
from flashpoint.model import Modality

GOVERNING_DEPS = {
    "xcomp",
    "ccomp",
    "dobj",
    "pobj",
    "prep",
    "acl",
    "attr",
    "nsubj",
    "nsubjpass",
    "conj",
    "advcl",
    "amod",
    "compound",
    "relcl",
    "pcomp",
}
PRIORITY: tuple[Modality, ...] = (
    "negated",
    "conditional",
    "threatened",
    "speculative",
    "intended",
    "asserted",
)


class ModalityReader:
    def __init__(self, lexicon: Lexicon):
        cue = lexicon.cue
        self.negation = cue("modality", "negation")
        self.negating_verbs = cue("modality", "negating_verbs")
        self.negating_preps = cue("modality", "negating_preps")
        self.double_negative = cue("modality", "double_negative_verbs")
        self.conditional = cue("modality", "conditional_marks")
        self.threat = cue("modality", "threat_verbs")
        self.intention = cue("modality", "intention_verbs") | cue("modality", "intention_nouns")
        self.spec_modals = cue("modality", "speculative_modals")
        self.spec_words = cue("modality", "speculative_words")
        self.spec_verbs = cue("modality", "speculative_verbs")
        self.future = cue("modality", "future_modals")
        self.reporting = cue("attribution", "reporting_verbs")

    def read(self, trigger: Token) -> Modality:
        found: set[Modality] = set()
        chain = self._chain(trigger)
        for depth, token in enumerate(chain):
            lemma = token.lemma_.lower()
            children = list(token.children)
            negated_here = any(
                c.dep_ == "neg" or c.lower_ in self.negation and c.dep_ in {"neg", "det"}
                for c in children
            )
            if negated_here and not (depth > 0 and lemma in self.double_negative):
                found.add("negated")
            if depth > 0 and lemma in self.double_negative and not negated_here:
                found.add("negated")  # "stopped attacking", "refrained from striking"
            if depth > 0 and token.lower_ in self.negating_preps:
                found.add("negated")
            if depth > 0 and lemma in self.negating_verbs:
                found.add("negated")
            if any(c.dep_ == "mark" and c.lower_ in self.conditional for c in children):
                found.add("conditional")
            if any(
                c.dep_ == "advcl"
                and any(m.dep_ == "mark" and m.lower_ in self.conditional for m in c.children)
                for c in children
            ):
                found.add("conditional")
            if depth > 0 and lemma in self.threat:
                found.add("threatened")
            if depth > 0 and lemma in self.intention:
                found.add("intended")
            if any(c.dep_ == "aux" and c.lower_ in self.spec_modals for c in children):
                found.add("speculative")
            if any(c.lower_ in self.spec_words and c.dep_ in {"advmod", "amod"} for c in children):
                found.add("speculative")
            if depth > 0 and lemma in self.spec_verbs:
                found.add("speculative")
            if depth > 0 and lemma in {"set", "about"} and token.dep_ != "ROOT":
                found.add("intended")
            if depth == 0 and any(c.dep_ == "aux" and c.lower_ in self.future for c in children):
                found.add("intended")
        for modality in PRIORITY:
            if modality in found:
                return modality
        return "asserted"

    def _chain(self, trigger: Token) -> list[Token]:
        """The trigger and the words that govern it, stopping at a reporting verb or the root."""
        chain = [trigger]
        token = trigger
        for _ in range(5):
            if token.dep_ not in GOVERNING_DEPS or token.head.i == token.i:
                break
            head = token.head
            if head.lemma_.lower() in self.reporting and head.pos_ in {"VERB", "AUX"}:
                break
            # a trigger in a relative clause or conjunct does not inherit its host's modality
            if token.dep_ in {"relcl", "conj"}:
                break
            chain.append(head)
            token = head
        return chain
