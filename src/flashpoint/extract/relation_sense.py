"""Whether a sentence gives the relation read from it, or something else: checks on the parse.

Read by hand on FA-KES (fifth reading, `docs/relations-read.md`), a third of the wrong
relations were ones the sentence does not give, or its opposite: a coalition that protects
Kurdish forces read as their enemy, two groups named shelling a town together read as enemies
of each other, an IS sympathiser as IS's enemy, the head of a UN inspection team as the UN's
leader. Others had an end that is no actor ("Takfiri terrorism", a hospital). Each check
below reads the dependency parse of the evidence sentence; the words come from the lexicon
(`relations:` in `cues.yaml`), so a user can extend them.

A relation loses the evidence of a sentence only when every pair of its two ends' mentions
there fails the check: one pair that can carry the relation keeps it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.actor_table import ActorMention, ActorTable
from flashpoint.extract.learned_relations import reporter
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.relation_parties import (
    co_targets,
    judges,
    names_an_operation,
    struck_alike,
)
from flashpoint.model import Evidence, Relation
from flashpoint.resolve.registry import ActorRegistry

# an armed group is not a member of a state (rebels "in Iraq" are no part of Iraq)
NON_STATE_KINDS = {"armed_group", "militia", "terrorist_group", "population_group"}
# where two coordinated names are the two sides: "fighting between X and Y", "X versus Y"
BETWEEN_WORDS = {"between", "among", "amongst", "versus", "vs", "vs."}
OTHER_WORDS = ("each other", "one another", "the other")
YEAR = re.compile(r"(19|20)\d\d")


@dataclass(frozen=True)
class SenseWords:
    """The lexicon's words for the checks (lemmas, lower case)."""

    protective_verbs: frozenset[str]
    reciprocal_verbs: frozenset[str]
    apart_words: frozenset[str]
    affiliation_nouns: frozenset[str]
    sympathy_nouns: frozenset[str]
    sub_unit_nouns: frozenset[str]
    leading_words: frozenset[str]
    abstract_nouns: frozenset[str]
    building_nouns: frozenset[str]
    hostile_verbs: frozenset[str] = frozenset()
    against_heads: frozenset[str] = frozenset()
    co_side_prepositions: frozenset[str] = frozenset()
    judging_verbs: frozenset[str] = frozenset()
    operation_nouns: frozenset[str] = frozenset()

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> SenseWords:
        cue = lexicon.cue
        return cls(
            protective_verbs=cue("relations", "protective_verbs"),
            reciprocal_verbs=cue("relations", "reciprocal_verbs"),
            apart_words=cue("relations", "apart_words"),
            affiliation_nouns=cue("relations", "affiliation_nouns"),
            sympathy_nouns=cue("relations", "sympathy_nouns"),
            sub_unit_nouns=cue("relations", "sub_unit_nouns"),
            leading_words=cue("relations", "leader_nouns") | cue("relations", "leading_verbs"),
            abstract_nouns=cue("relations", "abstract_end_nouns"),
            building_nouns=cue("relations", "building_end_nouns"),
            hostile_verbs=cue("relations", "hostile_verbs"),
            against_heads=cue("relations", "against_heads"),
            co_side_prepositions=cue("relations", "co_side_prepositions"),
            judging_verbs=cue("relations", "judging_verbs"),
            operation_nouns=cue("relations", "operation_nouns"),
        )


def _root(doc: Doc, mention: ActorMention) -> Token:
    """The mention's head word: in "the UN inspection team" the mention "the UN" hangs from
    "team" by two words, and its head is "UN", not the article."""
    span = doc[mention.token_start : mention.token_end]
    tops = [
        t
        for t in span
        if not span.start <= t.head.i < span.end and t.dep_ not in {"det", "punct", "case"}
    ]
    return tops[-1] if tops else span.root


def _conj_top(token: Token) -> Token:
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _renamed(token: Token) -> Token:
    """A name in apposition to a common noun stands where the noun does: in "its ally Russia
    and a US-led coalition" the coalition is coordinated with "ally", that is with Russia."""
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        return token.head
    return token


def _subtree(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _within(doc: Doc, mention: ActorMention, tokens: set[int]) -> bool:
    return any(i in tokens for i in range(mention.token_start, mention.token_end))


def _core(token: Token) -> set[int]:
    """The noun phrase's own words: its modifiers, 'of' phrases and conjuncts, not what its
    other prepositions attach ('the army's assault on rebels' holds the army, not the rebels)."""
    out = {token.i}
    for child in token.children:
        if child.dep_ in {"compound", "amod", "nmod", "poss", "conj", "appos"}:
            out |= _core(child)
        elif child.dep_ == "prep" and child.lower_ == "of":
            out |= {t.i for g in child.children if g.dep_ == "pobj" for t in g.subtree}
    return out


def _party(token: Token) -> set[int]:
    """A side as the sentence names it: the noun phrase's own words and those who back or make
    it up ('rebels backed by Turkey', 'factions, some of which Qatar arms', 'groups including
    ...'), not what its other prepositions attach ('IS in support of ...' is a misparse)."""
    out = _core(token)
    for t in [token, *(token.doc[i] for i in out if i != token.i)]:
        for child in t.children:
            if child.dep_ in {"acl", "relcl"} or (
                child.dep_ == "prep" and child.lower_ in {"including", "like"}
            ):
                out |= _subtree(child)
    return out


def _agent_and_objects(verb: Token) -> tuple[set[int], set[int]]:
    """Tokens of who does `verb` and of what it is done to ('jets scrambled to protect Kurdish
    forces': the jets, the forces; 'the coalition, which protects the YPG': the coalition)."""
    own = _subtree(verb)
    objects: set[int] = set()
    for child in verb.children:
        if child.dep_ in {"dobj", "dative"}:
            objects |= _core(child)
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.tag_ not in {"WDT", "WP"}]
    agent: set[int] = set()
    if subjects:
        agent = set().union(*(_core(s) for s in subjects))
    elif verb.dep_ in {"relcl", "acl"}:  # "the coalition, which protects", "troops escorting"
        agent = _core(verb.head) - own
    elif verb.dep_ in {"xcomp", "advcl", "conj"}:  # "scrambled to protect", "and shielded"
        head_subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
        if head_subjects:
            agent = set().union(*(_core(s) for s in head_subjects)) - own
        elif verb.head.dep_ in {"relcl", "acl"}:
            agent = _core(verb.head.head) - _subtree(verb.head)
    return agent, objects


def _patron_only(patron: ActorMention, other: ActorMention) -> bool:
    """The mention is only the 'X' of 'X-backed' and the other end is not what it modifies:
    in "Iran-backed Hezbollah fought IS" Iran backs Hezbollah and is no side of the fight
    (the 'X-allied Y' compound itself keeps its ally_of: Y follows within three words)."""
    if patron.how != "patron":
        return False
    return not 0 <= other.token_start - patron.token_end <= 3


def headline_end(sent: Span) -> int | None:
    """Where a headline run into its article ends: the byline's date inside one "sentence"
    ("... 132 fighters Monitor Reuters Wednesday 25 Feb 2015 At least ..."). A date with a
    year after a name, not after a preposition, and before a capitalised word. A relation
    whose one end is named only before it and the other only after rests on no sentence."""
    doc = sent.doc
    for ent in sent.ents:
        if ent.label_ != "DATE" or ent.start == sent.start or ent.end >= sent.end:
            continue
        if not any(YEAR.fullmatch(t.text) for t in ent):
            continue
        before, after = doc[ent.start - 1], doc[ent.end]
        if before.pos_ in {"PROPN", "NOUN"} and after.text[:1].isupper():
            return ent.start
    return None


class SentenceSense:
    """Drops or corrects relations whose sentence does not give them."""

    def __init__(self, words: SenseWords, registry: ActorRegistry | None = None):
        self.words = words
        self.registry = registry

    # -- the checks on one pair of mentions -------------------------------------------------
    def protects(self, doc: Doc, a: ActorMention, b: ActorMention) -> bool:
        """One end protects, escorts, shields, supplies or trains the other: no enemy."""
        sent = doc[a.token_start].sent
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.words.protective_verbs:
                continue
            agent, objects = _agent_and_objects(verb)
            if (_within(doc, a, agent) and _within(doc, b, objects)) or (
                _within(doc, b, agent) and _within(doc, a, objects)
            ):
                return True
        return False

    def coordinated(self, doc: Doc, a: ActorMention, b: ActorMention) -> Token | None:
        """The top of the coordination that joins the two names ('X and Y fighters'), if any."""
        top = _conj_top(_renamed(_root(doc, a)))
        return top if top.i == _conj_top(_renamed(_root(doc, b))).i else None

    def co_agents(self, doc: Doc, a: ActorMention, b: ActorMention) -> bool:
        """Two names coordinated as one party of the sentence ('Hamas and Islamic Jihad fighters
        attacked', 'both X and Y used chemical weapons'), not as its two sides ('clashes
        between X and Y', 'X and Y fought each other')."""
        top = self.coordinated(doc, a, b)
        if top is None:
            return False
        sent = top.sent
        if any(other in sent.text.lower() for other in OTHER_WORDS):
            return False
        reciprocal = self.words.reciprocal_verbs
        for ancestor in [top, *top.ancestors]:
            if ancestor.lower_ in BETWEEN_WORDS:
                return False
            if ancestor.pos_ in {"VERB", "NOUN"} and ancestor.lemma_.lower() in reciprocal:
                return False
            if ancestor.pos_ in {"VERB", "AUX"}:
                # the predicate of a copula or a light verb: "X and Y are at war"
                predicate = [
                    t
                    for c in ancestor.children
                    if c.dep_ in {"attr", "acomp", "dobj", "prep"}
                    for t in (c, *(g for g in c.children if g.dep_ == "pobj"))
                ]
                return not any(t.lemma_.lower() in reciprocal for t in predicate)
        return True

    def apart(self, doc: Doc, a: ActorMention, b: ActorMention) -> bool:
        """Two coordinated names that did the same thing apart ('Russia and the coalition have
        all carried out strikes', 'in separate raids'): no alliance. A headline's list of names
        with no verb ('Syria: Islamic State and SDF forces') states none either."""
        top = self.coordinated(doc, a, b)
        if top is None:
            return False
        sent = top.sent
        if any(t.lemma_.lower() in self.words.apart_words for t in sent):
            return True
        if not any(t.pos_ in {"VERB", "AUX"} for t in sent):
            return True
        verb = next((t for t in [top, *top.ancestors] if t.pos_ in {"VERB", "AUX"}), None)
        return verb is not None and any(
            c.lower_ == "all" and c.dep_ in {"dep", "advmod", "det", "predet"}
            for c in verb.children
        )

    def _sides(self, sent: Span) -> list[tuple[set[int], set[int], set[int]]]:
        """(who, who with it, against whom) of each hostile predicate in the sentence: who
        attacks, fights or campaigns; those named alongside it; whom, or against whom."""
        out: list[tuple[set[int], set[int], set[int]]] = []
        for word in sent:
            lemma = word.lemma_.lower()
            against = [
                g
                for c in word.children
                if c.dep_ == "prep" and c.lower_ == "against"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            if word.pos_ == "VERB" and lemma in self.words.hostile_verbs:
                agent, objects = _agent_and_objects(word)
                # whom an attack is on holds its backers too ("attacked rebels backed by X")
                objects |= {i for c in word.children if c.dep_ == "dobj" for i in _party(c)}
            elif word.pos_ == "NOUN" and against and lemma in self.words.against_heads:
                # "the campaign against X" is the campaigners' (its owner, or the subject of
                # the verb it hangs from: "X waged a war against Y")
                agent = set().union(
                    *(_core(c) for c in word.children if c.dep_ in {"poss", "compound", "amod"})
                )
                if not agent and word.dep_ in {"dobj", "pobj"}:
                    verb = word.head.head if word.dep_ == "pobj" else word.head
                    agent = _agent_and_objects(verb)[0] if verb.pos_ == "VERB" else set()
                objects = set()
            elif word.pos_ == "VERB" and against:
                # "the war pits the government, helped by Russia, against rebels some of whom
                # Turkey backs": what the verb sets against what, each with all it holds
                # ... and "the government, helped by Russia, against ...": the clause's own
                # parties (subject, object, agent) on one side
                pitted = [
                    c
                    for c in word.children
                    if c.dep_ in {"dobj", "nsubj", "nsubjpass"} and c.tag_ not in {"WDT", "WP"}
                ]
                pitted += [g for c in word.children if c.dep_ == "agent" for g in c.children]
                one = {i for c in pitted for i in _party(c)}
                other = {i for g in against for i in _party(g)}
                if one and other:
                    out.append((one - other, set(), other - one))
                continue
            else:
                continue
            objects |= {i for g in against for i in _party(g)}
            with_it = {
                i
                for c in word.children
                if c.dep_ == "prep" and c.lower_ in self.words.co_side_prepositions
                for g in c.children
                if g.dep_ == "pobj"
                for i in _core(g)
            }
            if (agent or with_it) and objects:
                out.append((agent - objects, with_it - objects, objects - agent - with_it))
        return out

    def opposed(self, doc: Doc, a: ActorMention, b: ActorMention) -> bool:
        """The two are on the two sides of one attack or campaign in the sentence ('X fights
        IS alongside A': IS is no ally of A, nor of X)."""
        for agent, with_it, other in self._sides(doc[a.token_start].sent):
            one = agent | with_it
            if (_within(doc, a, one) and _within(doc, b, other)) or (
                _within(doc, b, one) and _within(doc, a, other)
            ):
                return True
        return False

    def same_side(self, doc: Doc, a: ActorMention, b: ActorMention) -> bool:
        """One does the attack and the other is named alongside it ('X fights IS alongside
        A': X and A are no enemies)."""
        for agent, with_it, other in self._sides(doc[a.token_start].sent):
            if _within(doc, a, other) or _within(doc, b, other):
                continue
            if (_within(doc, a, agent) and _within(doc, b, with_it)) or (
                _within(doc, b, agent) and _within(doc, a, with_it)
            ):
                return True
        return False

    def affiliate(
        self, doc: Doc, a: ActorMention, b: ActorMention, nouns: frozenset[str] | None = None
    ) -> bool:
        """One end is named as a sympathiser, supporter or member of the other ('Islamic State
        sympathiser Ahmad Karim', 'a supporter of al-Shabaab, the man'): not its enemy."""
        nouns = self.words.affiliation_nouns if nouns is None else nouns
        return self._affiliate_of(doc, a, b, nouns) or self._affiliate_of(doc, b, a, nouns)

    def _affiliate_of(
        self, doc: Doc, group: ActorMention, person: ActorMention, nouns: frozenset[str]
    ) -> bool:
        root = _root(doc, group)
        noun = None
        if root.dep_ in {"compound", "nmod", "amod", "poss"}:
            noun = root.head
        elif root.dep_ == "pobj" and root.head.lower_ == "of":
            noun = root.head.head
        if noun is None or noun.lemma_.lower() not in nouns:
            return False
        other = _root(doc, person)
        if noun.i in range(person.token_start, person.token_end):
            return True
        # the noun is the person's compound, apposition or predicate ('X, an IS sympathiser')
        linked = {noun.head.i} if noun.dep_ in {"compound", "appos", "nmod"} else set()
        linked |= {c.i for c in noun.children if c.dep_ == "appos"}
        if noun.dep_ == "attr":
            linked |= {c.i for c in noun.head.children if c.dep_ in {"nsubj", "nsubjpass"}}
        if other.dep_ == "appos" and other.head.i == noun.i:
            return True
        # "A supporter of al-Shabaab, the man was held": the parser makes both subjects
        subjects = {"nsubj", "nsubjpass"}
        if noun.dep_ in subjects and other.dep_ in subjects and noun.head.i == other.head.i:
            return True
        return other.i in linked

    def heads_sub_unit(self, doc: Doc, body: ActorMention) -> bool:
        """The body is named only as the owner of a team, delegation or office that a person
        heads ('who headed a UN inspection team', 'head of the ICRC delegation')."""
        root = _root(doc, body)
        if root.dep_ in {"compound", "nmod", "amod", "poss"}:
            unit = root.head
        elif root.dep_ == "pobj" and root.head.lower_ == "of":
            unit = root.head.head
        else:
            return False
        while unit.dep_ == "compound" and unit.head.i != unit.i:  # "UN inspection team"
            unit = unit.head
        if unit.lemma_.lower() not in self.words.sub_unit_nouns:
            return False
        word = unit.head.head if unit.dep_ == "pobj" else unit.head
        return word.lemma_.lower() in self.words.leading_words or unit.head.lemma_.lower() in (
            self.words.leading_words
        )

    def no_actor(self, doc: Doc, mention: ActorMention) -> bool:
        """The mention names a building or an idea, not a party: 'Takfiri terrorism', the
        'Al-Amal Hospital', the 'National Hospital of Idlib'."""
        tokens = list(doc[mention.token_start : mention.token_end])
        if any(
            t.lemma_.lower() in self.words.building_nouns and t.text[:1].isupper() for t in tokens
        ):
            return True
        if tokens and tokens[-1].lemma_.lower() in self.words.abstract_nouns:
            return True
        root = _root(doc, mention)
        head = root.head
        if root.dep_ not in {"compound", "amod", "nmod"} or head.i == root.i:
            return False
        lemma = head.lemma_.lower()
        return lemma in self.words.abstract_nouns or (
            lemma in self.words.building_nouns and head.text[:1].isupper()
        )

    # -- applying them -----------------------------------------------------------------------
    def _fails(self, doc: Doc, type_: str, a: ActorMention, b: ActorMention) -> bool:
        if self.no_actor(doc, a) or self.no_actor(doc, b):
            return True
        cut = headline_end(doc[a.token_start].sent)
        if cut is not None and (a.token_start < cut) != (b.token_start < cut):
            return True
        if type_ in {"enemy_of", "ally_of"} and (_patron_only(a, b) or _patron_only(b, a)):
            return True
        verbs = self.words.judging_verbs
        if type_ != "leads" and (judges(doc, a, b, verbs) or judges(doc, b, a, verbs)):
            return True
        if type_ in {"ally_of", "member_of"} and co_targets(
            doc, a, b, self.words.hostile_verbs, self.words.against_heads
        ):
            return True
        if type_ == "member_of" and self._operation(doc, b):
            return True
        if type_ == "enemy_of":
            return (
                self.protects(doc, a, b)
                or self.co_agents(doc, a, b)
                or self.affiliate(doc, a, b)
                or self.same_side(doc, a, b)
                or struck_alike(self._sides(doc[a.token_start].sent), a, b)
            )
        if type_ == "ally_of":
            return self.apart(doc, a, b) or self.opposed(doc, a, b)
        if type_ == "patron_of":  # who backs a side is not on the other side from it
            return self.opposed(doc, a, b)
        if type_ == "member_of":  # a sympathiser or a supporter is not a member
            return self.affiliate(doc, a, b, self.words.sympathy_nouns)
        return False

    def apply(self, doc: Doc, table: ActorTable, relations: Iterable[Relation]) -> list[Relation]:
        """The relations with the evidence their sentences give; a person who heads a team of a
        body is its member, not its leader, and an armed group is no member of a state."""
        by_actor: dict[str, list[ActorMention]] = {}
        for mention in table.mentions:
            by_actor.setdefault(mention.actor_id, []).append(mention)
        kept: list[Relation] = []
        demoted: list[Relation] = []
        for relation in relations:
            if relation.type == "member_of" and self._no_state_member(table, relation):
                continue
            evidence, as_member = [], []
            for ev in relation.evidence:
                a_in = [
                    m for m in by_actor.get(relation.source, []) if ev.start <= m.start < ev.end
                ]
                b_in = [
                    m for m in by_actor.get(relation.target, []) if ev.start <= m.start < ev.end
                ]
                pairs = [(a, b) for a in a_in for b in b_in]
                if not pairs:
                    evidence.append(ev)
                elif relation.type != "leads" and self._reported(doc, table, relation, ev):
                    continue
                elif relation.type == "leads" and all(
                    self.heads_sub_unit(doc, b) for _, b in pairs
                ):
                    as_member.append(ev)
                elif not all(self._fails(doc, relation.type, a, b) for a, b in pairs):
                    evidence.append(ev)
            if evidence or not relation.evidence:
                kept.append(relation.model_copy(update={"evidence": evidence}))
            if as_member:
                demoted.append(
                    relation.model_copy(update={"type": "member_of", "evidence": as_member})
                )
        return _merge(kept, demoted)

    def _operation(self, doc: Doc, group: ActorMention) -> bool:
        """An operation's name the registry does not know as a body ('Operation Inherent
        Resolve' is its coalition's name too)."""
        known = self.registry is not None and self.registry.get(group.actor_id) is not None
        return not known and names_an_operation(doc, group, self.words.operation_nouns)

    @staticmethod
    def _reported(doc: Doc, table: ActorTable, relation: Relation, ev: Evidence) -> bool:
        """One end only reports what the sentence says of the other ('the Observatory said
        nine members of the Army of Conquest were killed' is no membership): the check the
        classifier's own pairs pass, here for the rules' relations too."""
        source, target = relation.source, relation.target
        return reporter(doc, table, source, target, ev.start, ev.end) or reporter(
            doc, table, target, source, ev.start, ev.end
        )

    def _no_state_member(self, table: ActorTable, relation: Relation) -> bool:
        """'Sunni rebels in Iraq' gave the rebels member_of Iraq: an armed group or a community
        is no member of a state, unless the registry records it there."""
        source, target = table.actors.get(relation.source), table.actors.get(relation.target)
        if source is None or target is None:
            return False
        if source.kind not in NON_STATE_KINDS or target.kind != "state":
            return False
        entry = self.registry.get(relation.source) if self.registry is not None else None
        return entry is None or (
            relation.target not in entry.member_of and entry.parent != relation.target
        )


def _merge(kept: list[Relation], demoted: list[Relation]) -> list[Relation]:
    """Demoted leadership joins a membership the sentence already gave, or stands alone."""
    out = list(kept)
    for relation in demoted:
        same = next(
            (
                r
                for r in out
                if (r.type, r.source, r.target) == (relation.type, relation.source, relation.target)
            ),
            None,
        )
        if same is None:
            out.append(relation)
            continue
        starts = {e.start for e in same.evidence}
        same.evidence.extend(e for e in relation.evidence if e.start not in starts)
    return out
