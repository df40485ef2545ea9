"""Who a sentence names as a party, and who it names only as a judge, a target or an operation.

Read by hand on FA-KES (eighth reading, `docs/relations-read.md`): a body that condemns or
blames an attack was made an enemy of the attacker or of its victim ("the Coalition condemned
the bombing that targeted the interim government's headquarters"); two groups named together
as the targets of one fight were made allies ("pledged to keep fighting against government
forces and ISIL"); a campaign's name was made the body its fighters belong to ("as part of
its operation Wrath of Euphrates"). Each check reads the dependency parse of one sentence.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorMention

# words that follow a speaker's name and hang it on the noun they name ("a ministry spokesman")
_NAMING_DEPS = {"compound", "poss", "amod", "nmod"}


def _head(doc: Doc, mention: ActorMention) -> Token:
    span = doc[mention.token_start : mention.token_end]
    return span.root


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _within(mention: ActorMention, tokens: set[int]) -> bool:
    return any(i in tokens for i in range(mention.token_start, mention.token_end))


def _judging_verb(head: Token, verbs: frozenset[str]) -> Token | None:
    """The verb whose subject the name is, when the verb judges or answers what others did
    ('the Coalition condemns', 'a ministry spokesman denounced', 'X, the group, blamed')."""
    for _ in range(4):
        naming = head.dep_ in _NAMING_DEPS and head.head.pos_ in {"NOUN", "PROPN"}
        if naming or (head.dep_ in {"appos", "conj"} and head.head.i != head.i):
            head = head.head
        elif (
            head.dep_ == "pobj"
            and head.head.lower_ in {"of", "for"}
            and head.head.head.pos_ in {"NOUN", "PROPN"}
        ):
            head = head.head.head
        else:
            break
    verb = head.head
    if head.dep_ in {"nsubj", "nsubjpass"} and verb.lemma_.lower() in verbs:
        return verb
    return None


def judges(doc: Doc, judge: ActorMention, other: ActorMention, verbs: frozenset[str]) -> bool:
    """`judge` only condemns, blames or answers what the sentence says of `other`: it is the
    subject of such a verb, and `other` is inside what the verb is about, not in the subject."""
    verb = _judging_verb(_head(doc, judge), verbs)
    if verb is None:
        return False
    subjects = {i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for i in _subtree(c)}
    about = _subtree(verb) - subjects - {verb.i}
    return _within(other, about) and not _within(other, subjects)


def _conj_top(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def co_targets(
    doc: Doc,
    a: ActorMention,
    b: ActorMention,
    hostile_verbs: frozenset[str],
    against_heads: frozenset[str],
) -> bool:
    """The two names are coordinated as what one attack or fight is against ('targeted ISIL
    and al-Nusra', 'fighting against government forces and ISIL'): the sentence puts both on
    the same end of it and says nothing of how they stand to each other."""
    top_a, top_b = _conj_top(_head(doc, a)), _conj_top(_head(doc, b))
    if top_a.i != top_b.i:
        return False
    top = top_a
    if top.dep_ == "dobj":
        verb = top.head
        return verb.pos_ == "VERB" and verb.lemma_.lower() in hostile_verbs
    if top.dep_ == "pobj" and top.head.lower_ == "against":
        word = top.head.head
        lemma = word.lemma_.lower()
        return (word.pos_ == "VERB" and lemma in hostile_verbs) or lemma in against_heads
    return False


def names_an_operation(doc: Doc, mention: ActorMention, operation_nouns: frozenset[str]) -> bool:
    """The name is an operation's or a campaign's ('its operation Wrath of Euphrates', 'the
    operation, Inherent Resolve'): what fighters take part in, not a body they belong to."""
    before = doc[mention.token_start - 1] if mention.token_start > 0 else None
    if before is not None and before.lower_ in operation_nouns:
        return True
    head = _head(doc, mention)
    return head.dep_ == "appos" and head.head.lower_ in operation_nouns


def struck_alike(
    sides: list[tuple[set[int], set[int], set[int]]], a: ActorMention, b: ActorMention
) -> bool:
    """Both are what one attack or campaign is against, and the sentence sets neither
    against the other ('coalition strikes against positions of al-Nusra as well as the
    Islamic State group'). `sides`: (who, who with it, against whom) of each hostile predicate
    of the sentence, as `SentenceSense._sides` reads them."""
    alike = any(
        _within(a, other) and _within(b, other) and not (_within(a, one) or _within(b, one))
        for agent, with_it, other in sides
        for one in (agent | with_it,)
    )
    return alike and not any(
        (_within(a, agent) and _within(b, other)) or (_within(b, agent) and _within(a, other))
        for agent, _, other in sides
    )
