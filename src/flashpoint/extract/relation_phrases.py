"""Relations read from phrases: membership ("fights under the banner of", "Hezbollah's Radwan
Force"), alliance ("alongside", "Y include Z"), hostility ("at war with", "X ... against Y")
and leadership ("X, whose army ...")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.relation_builder import ARMED, PASSIVE_KINDS, RelationBuilder
from flashpoint.model import Event

UMBRELLA_WORDS = {
    "coalition",
    "alliance",
    "nation",
    "member",
    "front",
    "council",
    "umbrella",
    "federation",
    "league",
    "bloc",
    "union",
    "partner",
    "operation",
}
# clauses that take their subject from the clause they hang from
SUBJECTLESS = {"acl", "advcl", "xcomp", "conj"}
# verbs whose object is what their subject is: "they remain members of X"
COPULAS = frozenset({"be", "become", "remain", "stay"})
# clauses with a subject of their own: who acts in them is not the governing clause's subject
OWN_SUBJECT_CLAUSES = {"ccomp", "relcl", "csubj", "parataxis"}
OWNER_STEPS = 6  # enough for "remains determined to keep carrying out attacks"


def phrases_in(lower: str, phrases: frozenset[str]) -> list[tuple[int, str]]:
    """(offset, phrase) of the first occurrence of each phrase, in text order (the longer phrase
    first at one offset): the sentence decides the order, not the iteration order of a set."""
    found = ((lower.find(phrase), phrase) for phrase in phrases)
    return sorted(((at, p) for at, p in found if at >= 0), key=lambda x: (x[0], -len(x[1]), x[1]))


class PhraseRelations:
    def __init__(self, lexicon: Lexicon, umbrellas: frozenset[str] = frozenset()):
        """`umbrellas`: actor ids that others are registered members of (the SDF, the AFC)."""
        self.umbrellas = umbrellas
        cue = lexicon.cue
        self.membership = cue("relations", "membership_phrases")
        self.include_verbs = cue("relations", "include_verbs")
        self.alliance_phrases = cue("relations", "alliance_phrases")
        self.enemy_phrases = cue("relations", "enemy_phrases")
        self.against_heads = cue("relations", "against_heads")
        self.part_nouns = cue("relations", "part_nouns")
        self.proxy_nouns = cue("relations", "proxy_nouns")

    def extract(
        self,
        doc: Doc,
        table: ActorTable,
        out: RelationBuilder,
        evidence,  # noqa: ANN001
        events: list[Event],
    ) -> None:
        self._membership(doc, table, out, evidence)
        self._alliances(doc, table, out, evidence)
        self._enemy_phrases(doc, table, out, evidence)
        self._against(doc, table, out, evidence, events)
        self._possessive_parts(doc, table, out, evidence)
        self._whose(doc, table, out, evidence)

    def _membership(self, doc: Doc, table: ActorTable, out: RelationBuilder, evidence) -> None:  # noqa: ANN001
        for sent in doc.sents:
            lower = sent.text.lower()
            for at, phrase in phrases_in(lower, self.membership):
                if phrase == "within":
                    continue
                char = sent.start_char + at
                before = [
                    m
                    for m in table.mentions
                    if sent.start_char <= m.start < char
                    and table.actors[m.actor_id].kind != "person"
                ]
                after = [m for m in table.mentions if char + len(phrase) <= m.start < sent.end_char]
                if not before or not after:
                    continue
                member = self._clause_subject(doc, char, table) or before[-1].actor_id
                group = after[0].actor_id
                if table.actors[member].kind == "person":
                    continue
                if self._included(doc, char):  # "the SDF ... includes members of the SAC"
                    member, group = group, member
                elif self._acted_on(doc, char):  # "the army killed 20 members of X"
                    continue
                out.add("member_of", member, group, evidence(char, char + len(phrase)))

    def _acted_on(self, doc: Doc, char: int) -> bool:
        """The phrase is what its clause's subject does something to ('the army killed,
        arrested or fired on members of X'): the subject is their killer, not one of them."""
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        word = span.root
        if word.dep_ == "pobj" and word.head.lower_ in {"on", "at", "against", "upon"}:
            word = word.head
            return word.head.pos_ == "VERB"
        return (
            word.dep_ == "dobj"
            and word.head.pos_ == "VERB"
            and word.head.lemma_.lower() not in self.include_verbs | COPULAS
        )

    def _included(self, doc: Doc, char: int) -> bool:
        """The phrase is what its clause's subject includes ('X includes members of Y'): Y's
        people are in X, so Y is the member, not X."""
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        word = span.root
        return (
            word.dep_ == "dobj"
            and word.head.pos_ == "VERB"
            and word.head.lemma_.lower() in self.include_verbs
        )

    @staticmethod
    def _clause_subject(doc: Doc, char: int, table: ActorTable) -> str | None:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        verb = span.root
        for _ in range(3):
            while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
                verb = verb.head
            subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
            if subject is not None:
                if subject.lower_ in {"which", "who", "that"} and verb.dep_ == "relcl":
                    subject = verb.head
                mention = table.at(subject.i)
                return mention.actor_id if mention else None
            if verb.dep_ == "acl" and table.at(verb.head.i):  # "militias fighting alongside"
                return table.at(verb.head.i).actor_id
            # a clause without its own subject shares its governor's: "jets flew strikes
            # coordinated with the army", "fought and then withdrew alongside", "vowed to
            # fight alongside"; a reported clause (ccomp) has its own speaker, so not that
            if verb.dep_ not in SUBJECTLESS or verb.head.i == verb.i:
                return None
            verb = verb.head
        return None

    def _alliances(self, doc: Doc, table: ActorTable, out: RelationBuilder, evidence) -> None:  # noqa: ANN001
        """'Y include(s) Z': Z is a member of Y when Y is an umbrella (a coalition, an alliance,
        an actor others are registered members of), otherwise Z fights alongside Y."""
        for token in doc:
            composed = token.lemma_.lower() in {"make", "compose"} and any(
                c.lower_ in {"up", "of"} for c in token.children
            )
            if token.pos_ != "VERB" or not (token.lemma_.lower() in self.include_verbs or composed):
                continue
            if token.dep_ == "acl":  # "The SDF, made up of local Arabs and ..."
                subject = token.head
            else:
                subject = next(
                    (c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}), None
                )
            if subject is not None and subject.lower_ in {"which", "that", "who"}:
                subject = subject.head.head if subject.head.dep_ == "relcl" else None
            host = self._mention_in(subject, table) if subject is not None else None
            if host is None:
                continue
            umbrella = self._umbrella(subject, host, table)
            objects = [c for c in token.children if c.dep_ == "dobj"]
            objects += [
                g
                for c in token.children
                if c.dep_ in {"prep", "agent", "prt"}
                for g in c.children
                if g.dep_ == "pobj"
            ]
            members = []
            for obj in objects:
                members.extend([obj, *[c for c in obj.subtree if c.dep_ in {"conj", "appos"}]])
            for member in members:
                found = self._mention_in(member, table)
                if not found or found == host:
                    continue
                where = evidence(token.idx, token.idx + len(token))
                if umbrella or composed:
                    out.add("member_of", found, host, where)
                else:
                    out.add("ally_of", host, found, where)
        for subject, other, char, phrase in self._phrase_pairs(doc, table, self.alliance_phrases):
            # a person serves "in support of" an operation or "alongside" a unit: no side
            # of his own (the learned relations hold to the same kinds)
            if "person" in {table.actors[subject].kind, table.actors[other].kind}:
                continue
            out.add("ally_of", subject, other, evidence(char, char + len(phrase)))

    def _umbrella(self, subject: Token, host: str, table: ActorTable) -> bool:
        words = {t.lemma_.lower() for t in subject.subtree} | set(
            table.actors[host].name.lower().split()
        )
        return (
            table.actors[host].kind == "igo"
            or bool(words & UMBRELLA_WORDS)
            or (host in self.umbrellas)
        )

    def _possessive_parts(
        self, doc: Doc, table: ActorTable, out: RelationBuilder, evidence
    ) -> None:  # noqa: ANN001, E501
        """'Hezbollah's elite Radwan Force' and 'JNIM, al Qaeda's affiliate in the Sahel' are
        members of the possessor; 'Iran's proxies' are its clients."""
        for token in doc:
            poss = next((c for c in token.children if c.dep_ == "poss"), None)
            owner = table.at(poss.i) if poss is not None else None
            if owner is None or table.actors[owner.actor_id].kind in PASSIVE_KINDS | {"person"}:
                continue
            lemma = token.lemma_.lower()
            part = table.at(token.i)
            if (
                part is None
                and token.dep_ in {"appos", "attr"}
                and lemma in (self.part_nouns | self.proxy_nouns)
            ):
                part = (
                    table.at(token.head.i)
                    if token.dep_ == "appos"
                    else next(
                        (
                            table.at(c.i)
                            for c in token.head.children
                            if c.dep_ == "nsubj" and table.at(c.i)
                        ),
                        None,
                    )
                )
                if part is not None and lemma in self.proxy_nouns:
                    out.add(
                        "patron_of",
                        owner.actor_id,
                        part.actor_id,
                        evidence(poss.idx, token.idx + len(token)),
                    )
                    continue
            if part is None or part.actor_id == owner.actor_id:
                continue
            if table.actors[part.actor_id].kind in ARMED - {"government"} and (
                table.actors[owner.actor_id].kind in ARMED | {"igo"}
            ):
                out.add(
                    "member_of",
                    part.actor_id,
                    owner.actor_id,
                    evidence(poss.idx, token.idx + len(token)),
                )

    def _whose(self, doc: Doc, table: ActorTable, out: RelationBuilder, evidence) -> None:  # noqa: ANN001
        """'Khalifa Haftar, whose self-styled Libyan National Army ...': the person leads it."""
        for token in doc:
            if token.lower_ != "whose" or token.dep_ != "poss":
                continue
            led = table.at(token.head.i)
            clause = token.head
            while clause.dep_ not in {"relcl", "ROOT"} and clause.head.i != clause.i:
                clause = clause.head
            person = table.at(clause.head.i) if clause.dep_ == "relcl" else None
            if (
                led
                and person
                and table.actors[person.actor_id].kind == "person"
                and table.actors[led.actor_id].kind in ARMED
            ):
                out.add(
                    "leads",
                    person.actor_id,
                    led.actor_id,
                    evidence(token.idx, token.head.idx + len(token.head)),
                )

    def _against(
        self,
        doc: Doc,
        table: ActorTable,
        out: RelationBuilder,
        evidence,  # noqa: ANN001
        events: list[Event],
    ) -> None:
        """'Iraqi forces maintained positions against ISIL', 'the campaign against Da'esh led by
        the coalition': the clause's actor and the actor after 'against' are enemies."""
        negated = {e.evidence.start for e in events if e.modality in {"negated", "conditional"}}
        for prep in doc:
            if prep.lower_ != "against" or prep.dep_ != "prep":
                continue
            head = prep.head
            if (
                head.lemma_.lower() not in self.against_heads
                and head.lower_ not in self.against_heads
            ):
                continue
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            target = self._mention_in(pobj, table) if pobj is not None else None
            source = self._owner_of(head, table)
            if not source or not target or source == target:
                continue
            if prep.sent.start_char in negated or any(c.dep_ == "neg" for c in head.children):
                continue
            out.add("enemy_of", source, target, evidence(prep.idx, prep.idx + len(prep)))

    @staticmethod
    def _mention_in(token: Token | None, table: ActorTable) -> str | None:
        if token is None:
            return None
        mention = table.at(token.i)
        if mention:
            return mention.actor_id
        for child in token.children:
            if child.dep_ in {"compound", "amod", "poss", "nmod"} and table.at(child.i):
                return table.at(child.i).actor_id
        return None

    def _owner_of(self, head: Token, table: ActorTable) -> str | None:
        """Who acts in the phrase headed by `head`: its subject, its possessor, or for a noun,
        the subject of the verb it hangs from, through the open clauses that share it ("X
        remains determined to keep carrying out attacks against Y"); not past a clause with
        a subject of its own (a reported or relative clause)."""
        token = head
        for _ in range(OWNER_STEPS):
            for child in token.children:
                if child.dep_ in {"nsubj", "poss", "compound", "amod"} and child.i < token.i:
                    found = self._mention_in(child, table)
                    if found:
                        return found
            agent = next(
                (
                    c
                    for c in token.children
                    if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
                ),
                None,
            )
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                if pobj is not None and self._mention_in(pobj, table):
                    return self._mention_in(pobj, table)
            if token.head.i == token.i or token.dep_ in OWN_SUBJECT_CLAUSES:
                return None
            token = token.head
        return None

    def _enemy_phrases(self, doc: Doc, table: ActorTable, out: RelationBuilder, evidence) -> None:  # noqa: ANN001
        for subject, other, char, phrase in self._phrase_pairs(doc, table, self.enemy_phrases):
            out.add("enemy_of", subject, other, evidence(char, char + len(phrase)))

    def _phrase_pairs(self, doc: Doc, table: ActorTable, phrases: frozenset[str]):  # noqa: ANN202
        """(clause subject, first actor after the phrase, offset, phrase) for every sentence
        with one of `phrases` ("alongside", "at war with")."""
        for sent in doc.sents:
            lower = sent.text.lower()
            for at, phrase in phrases_in(lower, phrases):
                char = sent.start_char + at
                after = [m for m in table.mentions if char < m.start < sent.end_char]
                reach = _object_reach(doc, char + len(phrase))
                if reach is not None:  # only what the phrase's preposition governs
                    after = [m for m in after if m.token_start in reach]
                subject = self._clause_subject(doc, char, table)
                if subject and after and after[0].actor_id != subject:
                    yield subject, after[0].actor_id, char, phrase


def _object_reach(doc: Doc, end_char: int) -> set[int] | None:
    """Token indices under the preposition a phrase ends in, its own clauses left out ("in
    support of villagers who had fled the Taliban": the villagers, not the Taliban); None when
    the phrase ends in no preposition with an object, and then the first actor after it is
    taken."""
    span = doc.char_span(end_char - 1, end_char, alignment_mode="expand")
    if span is None or not len(span):
        return None
    last = span[-1]
    objects = [c for c in last.children if c.dep_ in {"pobj", "pcomp"}]
    if last.pos_ != "ADP" or not objects:
        return None
    inside = {t.i for o in objects for t in o.subtree}
    clauses = [t for o in objects for t in o.subtree if t.dep_ in {"relcl", "advcl", "acl"}]
    return inside - {t.i for clause in clauses for t in clause.subtree}
