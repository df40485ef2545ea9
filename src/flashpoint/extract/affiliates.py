"""Groups that own groups: "al-Qaeda's Syria affiliate al-Nusra Front", "its Iraq franchise".

The owner is tied to the affiliate, not to the alliance the affiliate joins or the force it
fights; a state written before the noun names the affiliate's ground. Used by the relation
filter (`relation_filter.party_ends`) to tell which pairs such a sentence can relate.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorMention

# what a group owns that is another group: "al-Qaeda's Syria affiliate al-Nusra". The owner is
# tied to the affiliate, not to what the affiliate joins or fights; a state written before the
# word ("the Syria affiliate") names the affiliate's ground, not a party. A cell, wing or
# branch is part of its owner, who acts through it: not listed
AFFILIATE_NOUNS = {
    "affiliate", "affiliates", "franchise", "offshoot", "offshoots", "proxy", "proxies",
}  # fmt: skip


def outside_the_affiliate(
    doc: Doc, mention: ActorMention, kind: str, partners: list[ActorMention]
) -> bool:
    """The mention owns an affiliate (or, a state before the noun, names its ground) and none of
    `partners`, the other end's mentions, is that affiliate's name: no party to the pair."""
    noun = affiliate_owned(doc, mention)
    if noun is None:
        return False
    if doc[mention.token_end - 1].dep_ == "compound" and kind == "state":
        return True  # "the Syria affiliate": the affiliate's ground
    return not any(names_the(doc, m, noun) for m in partners)


def affiliate_owned(doc: Doc, mention: ActorMention) -> Token | None:
    """The affiliate noun the mention owns or names the ground of, if any."""
    last = doc[mention.token_end - 1]
    head = last.head
    if last.dep_ in {"poss", "compound", "nmod"} and head.i != last.i:
        while (
            head.lower_ not in AFFILIATE_NOUNS and head.dep_ == "compound" and head.head.i != head.i
        ):
            head = head.head  # "al-Qaeda's Syria affiliate"
        if head.lower_ in AFFILIATE_NOUNS:
            return head
    return None


def names_the(doc: Doc, mention: ActorMention, noun: Token) -> bool:
    """The mention is the name of the affiliate `noun`: "affiliate al-Nusra Front", "Al Qaeda
    affiliate Al Nusra Front" (the noun read as a title of the name), "al-Nusra, al-Qaeda's
    affiliate" (in apposition), or, where the parse attaches the noun elsewhere, the name
    written right before or after its phrase ("Jabhat al-Nusra an al-Qaeda affiliate")."""
    token = doc[mention.token_end - 1]
    if _reaches(token, noun) or _reaches(noun, token):
        return True
    before = noun.left_edge.i - mention.token_end
    after = mention.token_start - noun.i - 1
    gap = (
        doc[mention.token_end : noun.left_edge.i]
        if before >= 0
        else doc[noun.i + 1 : mention.token_start]
    )
    return (0 <= before <= 2 or 0 <= after <= 2) and all(
        t.is_punct or t.lower_ in {"the", "an", "a"} for t in gap
    )


def _reaches(word: Token, goal: Token) -> bool:
    while word.i != goal.i and word.dep_ in {"appos", "compound", "flat"} and word.head.i != word.i:
        word = word.head
    return word.i == goal.i
