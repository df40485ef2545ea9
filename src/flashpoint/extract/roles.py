"""People's roles: "Ahmed Abu Kholeh, head of the Deir ez-Zor military council".

A role gives a quote its speaker's standing, and a leadership role ("head of", "commander of")
becomes a `leads` relation from the person to the organisation.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorTable, actor_from_registry
from flashpoint.extract.lexicon import Lexicon
from flashpoint.resolve.registry import ActorRegistry


@dataclass
class Role:
    person_id: str
    text: str
    organisation_id: str | None
    leads: bool
    start: int
    end: int


def find_roles(
    doc: Doc, table: ActorTable, lexicon: Lexicon, registry: ActorRegistry | None = None
) -> list[Role]:
    """Roles from appositions ("X, head of Y"), titles ("Hezbollah leader X") and "Y, led by X"."""
    leader_nouns = lexicon.cue("relations", "leader_nouns")
    role_nouns = lexicon.cue("relations", "role_nouns") | leader_nouns
    leading_verbs = lexicon.cue("relations", "leading_verbs")
    roles: list[Role] = []
    seen: set[tuple[str, str | None]] = set()
    for mention in table.mentions:
        actor = table.actors[mention.actor_id]
        if actor.kind != "person":
            continue
        root = doc[mention.token_start : mention.token_end].root
        candidates = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos" and root.head.lemma_.lower() in role_nouns:
            candidates.append(root.head)
        for noun in candidates:
            if noun.lemma_.lower() not in role_nouns:
                continue
            role = _role_from_noun(doc, noun, table, leader_nouns, mention.actor_id, exclude=root)
            if role and (role.person_id, role.organisation_id) not in seen:
                seen.add((role.person_id, role.organisation_id))
                roles.append(role)
        # "Rami Abdel Rahman, who heads the Observatory": a relative clause that leads
        for clause in (c for c in root.children if c.dep_ == "relcl"):
            if clause.lemma_.lower() not in leading_verbs:
                continue
            for obj in (c for c in clause.children if c.dep_ == "dobj"):
                org = _org_at(doc, obj, table)
                if org and (mention.actor_id, org) not in seen:
                    seen.add((mention.actor_id, org))
                    span = doc[mention.token_start : obj.right_edge.i + 1]
                    roles.append(
                        Role(
                            mention.actor_id, clause.text, org, True, span.start_char, span.end_char
                        )
                    )
        # "Hezbollah leader Hassan Nasrallah", "Egyptian President Sisi": a title before the name
        title = mention.token_start - 1
        if title >= 1 and doc[title - 1].lower_ == "prime" and doc[title].lower_ == "minister":
            title -= 1
        if title >= 0 and (
            doc[title].lemma_.lower() in leader_nouns
            or doc[title : mention.token_start].text.lower() in leader_nouns
        ):
            org = (
                _actor_before(doc, title, table)
                or _org_of(doc, root, table)
                or _demonym_state(doc, title, table, registry)
            )
            if org and (mention.actor_id, org) not in seen:
                seen.add((mention.actor_id, org))
                span = doc[max(0, title - 3) : mention.token_end]
                roles.append(
                    Role(
                        mention.actor_id, doc[title].text, org, True, span.start_char, span.end_char
                    )
                )
    for role in roles:
        actor = table.actors[role.person_id]
        if actor.role is None:
            actor.role = role.text
    return roles


def _role_from_noun(
    doc: Doc,
    noun: Token,
    table: ActorTable,
    leader_nouns: frozenset[str],
    person_id: str,
    exclude: Token,
) -> Role | None:
    subtree = [t for t in noun.subtree if t.i not in set(exclude.subtree) or t.i >= noun.i]
    # cut the role at a relative clause or a following comma ("..., which fights ...")
    end = noun.i + 1
    for token in subtree:
        if token.i < noun.i:
            continue
        if token.dep_ in {"relcl", "acl"} or (token.text == "," and token.i > noun.i):
            break
        end = token.i + 1
    start = min(t.i for t in subtree if t.i <= noun.i)
    span = doc[start:end]
    org = None
    # "head of the council" (after the noun) or "the CJTF-OIR commanding general" (before it)
    left = min([t.i for t in noun.lefts] + [noun.i])
    for mention in table.in_span(noun.i, end) + table.in_span(left, noun.i):
        if mention.actor_id != person_id and table.actors[mention.actor_id].kind != "person":
            org = mention.actor_id
            break
    return Role(
        person_id=person_id,
        text=span.text,
        organisation_id=org,
        leads=noun.lemma_.lower() in leader_nouns and org is not None,
        start=span.start_char,
        end=span.end_char,
    )


def _demonym_state(
    doc: Doc, title: int, table: ActorTable, registry: ActorRegistry | None
) -> str | None:
    """'Egyptian President Abdel Fattah al-Sisi' leads Egypt."""
    if registry is None or title == 0:
        return None
    state = registry.by_demonym(doc[title - 1].text)
    if state is None:
        return None
    if state.id not in table.actors:
        table.actors[state.id] = actor_from_registry(state)
    table.add(doc, table.actors[state.id], title - 1, title, "demonym")
    return state.id


def _org_at(doc: Doc, token: Token, table: ActorTable) -> str | None:
    """The organisation a noun phrase names: a mention on its head or inside it."""
    for t in [token, *token.subtree]:
        mention = table.at(t.i)
        if mention and table.actors[mention.actor_id].kind not in {"person", "population_group"}:
            return mention.actor_id
    return None


def _org_of(doc: Doc, root: Token, table: ActorTable) -> str | None:
    """'the government of Prime Minister Fayez al-Sarraj': the organisation the name hangs off."""
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of":
        mention = table.at(head.head.i)
        if mention and table.actors[mention.actor_id].kind != "person":
            return mention.actor_id
    return None


def _actor_before(doc: Doc, index: int, table: ActorTable) -> str | None:
    for i in range(index - 1, max(-1, index - 4), -1):
        mention = table.at(i)
        if mention and table.actors[mention.actor_id].kind != "person":
            return mention.actor_id
    return None
