"""Where an event's trigger sits in its sentence: the main clause, a reported one, or a
subordinate one.

A coder writes one record per sentence, for the act of its main clause: in "the ministry
condemned the strike that killed nine", the condemnation; in "Hamas accused Israel of
shelling a school", the accusation. Our extractor finds an event for every trigger, so the
sentence's main event is chosen by the clause each trigger sits in, read from the parse:

- `main`: the head of the main clause (the root verb or a conjunct of it), or what a main
  light verb stands for ("launched strikes", "began shelling");
- `argument`: a word inside the main clause that is not its head ("missiles hit the city",
  "condemned the strike");
- `reported`: inside a clause a speech verb reports ("the army said jets struck the port");
- `subordinate`: inside a relative, adverbial or complement clause ("... after troops
  raided the camp", "accused Kyiv of staging the attack", "vowed to retaliate"), also one
  inside a reported clause ("said the blast was caused by a rocket that misfired").
"""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.model import ClauseRole

# the links by which a clause of its own hangs off a word of another clause
CLAUSAL_DEPS = {
    "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "parataxis", "pcomp",
}  # fmt: skip
# a clause a speech verb introduces: "said (that) ...", "said, ..."
REPORTED_DEPS = {"ccomp", "parataxis", "xcomp"}


def clause_role(
    token: Token, reporting: frozenset[str], light: frozenset[str] = frozenset()
) -> ClauseRole:
    """The role of the clause that holds `token` (see the module docstring).

    `reporting` are the lemmas of speech verbs ("say", "tell"); `light` those of verbs that
    stand for their object or complement ("launch", "carry", "begin")."""
    head = _stand_in(token, light)
    is_head = True  # until a non-clausal link is climbed, `head` heads its own clause
    top: tuple[str, Token] | None = None  # the link that attaches the outermost clause
    links = 0  # clausal links climbed: more than one is a clause inside another
    current = head
    for _ in range(64):  # a parse is a tree; the bound only guards a malformed one
        if current.dep_ == "ROOT" or current.head.i == current.i:
            break
        dep = current.dep_
        if dep == "xcomp" and current.head.lemma_ == "be":
            pass  # "were to blame", "is to visit": the modal 'be to', one clause with its verb
        elif dep in CLAUSAL_DEPS:
            top = (dep, current.head)
            links += 1
        elif dep != "conj" and top is None:
            is_head = False  # a noun or modifier inside the clause, not the clause itself
        current = current.head
    if top is None:
        return "main" if is_head else "argument"
    dep, governor = top
    if links == 1 and dep in REPORTED_DEPS and governor.lemma_.lower() in reporting:
        return "reported"  # not a relative or adverbial clause inside the reported one
    return "subordinate"


def _stand_in(token: Token, light: frozenset[str]) -> Token:
    """The word whose clause role the trigger takes: a light verb for its object or its
    complement ("carried out strikes", "began to shell"), else the trigger itself."""
    current = token
    for _ in range(3):
        governor = current.head
        if governor.i == current.i or governor.lemma_.lower() not in light:
            break
        if current.dep_ in {"dobj", "xcomp", "nsubjpass"} or (
            current.dep_ == "pobj" and governor.dep_ == "prt"
        ):
            current = governor
            continue
        break
    return current


# `main_event`, which picks the sentence's event by these roles, is in flashpoint.model: the
# store's writer needs it without spaCy
