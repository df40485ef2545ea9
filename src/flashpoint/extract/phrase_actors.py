"""The actor a noun phrase denotes: a mention on it or inside it, the owner of "its troops"
or "fighters of X", the antecedent of "they" or "these fighters", the organisation a speaker
speaks for when they say "we". Event roles ask it; relations use `of_owner`."""

from __future__ import annotations

from spacy.tokens import Token

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.attribution import AttributionMap
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.patron_marks import only_backs

ARMED_KINDS = {"armed_forces", "armed_group", "militia", "terrorist_group"}
OWNER_KINDS = ARMED_KINDS | {"state", "government"}
SUBJECT_DEPS = {"nsubj", "csubj"}
NP_CLAUSE_DEPS = {"relcl", "acl", "prep"}  # what modifies a noun phrase, not what it names
DEMONSTRATIVES = {"these", "those", "this", "that", "the"}
# "a member of X", "militants of X": one of X's people, who acts for X
MEMBER_NOUNS = frozenset({"member", "members", "militants", "militiamen", "dissidents"})
# "its troops", "their fighters": the forces of the actor the clause above is about
OWNING_PRONOUNS = {"its", "their"}


class PhraseActors:
    """Which actor a noun phrase stands for, in the document being read."""

    attribution: AttributionMap  # the document's, set by `EventExtractor.extract`

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon
        self.force_nouns = (
            lexicon.cue("actors", "force_nouns")
            | lexicon.cue("actors", "group_heads")
            | MEMBER_NOUNS
        )

    def actor_of(self, token: Token | None, table: ActorTable) -> str | None:
        """The actor a noun phrase denotes: a mention on its head or inside it, or the antecedent
        of "these fighters"/"they"."""
        if token is None or token.i in table.dateline_tokens:
            return None
        mention = table.at(token.i)
        if mention and not only_backs(token.doc, mention):  # 'US' in 'US-backed attacks'
            return mention.actor_id
        owner = of_owner(token, table, self.force_nouns)
        if owner:
            return owner
        for child in token.subtree:
            if child.dep_ in {"relcl", "acl", "prep"} and child.i > token.i:
                break
            if any(step.dep_ in NP_CLAUSE_DEPS for step in path_up(child, token)):
                continue  # "the market, where an AFP photographer saw ...": not the market
            mention = table.at(child.i)
            if mention is not None and only_backs(token.doc, mention):
                continue
            if mention and child.dep_ in {"compound", "poss", "nmod", "amod", "appos", "conj"}:
                return mention.actor_id
        owned = self._owned_by_subject(token, table)
        if owned:
            return owned
        if token.lower_ in {"we", "us", "they", "them", "it"}:
            # "we pushed them back", "the Emirates says it supports ...": the speaker's side
            speaker = self.attribution.at(token.idx)
            if speaker.affiliation and token.lower_ in {"we", "us", "it"} | (
                {"they"} if token.dep_ in SUBJECT_DEPS else set()
            ):
                return speaker.affiliation
        if token.lower_ in {"they", "it", "them"} or (
            (token.lemma_.lower() in self.force_nouns or token.lower_ in self.force_nouns)
            and any(c.lower_ in DEMONSTRATIVES for c in token.children)
        ):
            return self._antecedent(token, table)
        return None

    def _owned_by_subject(self, token: Token, table: ActorTable) -> str | None:
        """'The army denied that its troops had fought ...': a force that "its" or "their"
        owns is the force of the subject of a clause above it, and a mention of that actor;
        so is the agent of an operation it owns ("X said its operation killed 30")."""
        force = token.lemma_.lower() in self.force_nouns or token.lower_ in self.force_nouns
        if not force and not self.lexicon.triggers_for(token.lemma_.lower(), "NOUN"):
            return None
        if not any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in token.children):
            return None
        verb = token.head
        for _ in range(6):
            subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
            mention = table.at(subject.i) if subject is not None and subject.i < token.i else None
            if mention is not None and table.actors[mention.actor_id].kind in OWNER_KINDS:
                if force:
                    start = min(t.i for t in token.subtree if t.i <= token.i)
                    table.add(
                        token.doc, table.actors[mention.actor_id], start, token.i + 1, "owned"
                    )
                return mention.actor_id
            if verb.head.i == verb.i:
                break
            verb = verb.head
        return None

    @staticmethod
    def _antecedent(token: Token, table: ActorTable) -> str | None:
        """What 'they' or 'these troops' points to: the armed subject of the sentence before,
        else the last armed actor mentioned."""
        sent = token.sent
        if token.lower_ not in {"they", "them", "it"} and sent.start > 0:
            previous = token.doc[sent.start - 1].sent
            for subject in (t for t in previous if t.dep_ in {"nsubj", "nsubjpass"}):
                mention = table.at(subject.i)
                if mention and table.actors[mention.actor_id].kind in ARMED_KINDS:
                    return mention.actor_id
        for mention in reversed(table.mentions):  # kept in text order by ActorTable.finish
            if mention.start >= token.idx:
                continue
            if token.idx - mention.start > 600:
                break
            if table.actors[mention.actor_id].kind in ARMED_KINDS:
                return mention.actor_id
        return None


def path_up(token: Token, top: Token) -> list[Token]:
    """The tokens from `token` up to (not including) `top`, which dominates it."""
    path = []
    while token.i != top.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def of_owner(token: Token, table: ActorTable, heads: frozenset[str]) -> str | None:
    """'fighters of the SDF', 'units of the Russian army': the actor the group belongs to."""
    if token.lemma_.lower() not in heads and token.lower_ not in heads:
        return None
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
            for pobj in prep.children:
                mention = table.at(pobj.i) if pobj.dep_ == "pobj" else None
                if mention:
                    return mention.actor_id
    return None
