"""Who does what to whom: the source and the target of a trigger, read from the parse.

The source is the grammatical subject (or the agent of a passive, or the noun a
participle modifies: "forces advancing on X"); the target is the object or the object of
"against/on/with/at/to/for". An attack that names no agent is laid at the door of the actor
the report blames for it or that claims it. What a noun phrase denotes is
`extract/phrase_actors.py`'s to say.
"""

from __future__ import annotations

from spacy.tokens import Span as Sentence
from spacy.tokens import Token

from flashpoint.extract.actor_table import ActorTable
from flashpoint.extract.lexicon import Lexicon
from flashpoint.extract.phrase_actors import OWNER_KINDS, SUBJECT_DEPS, PhraseActors, path_up

MATERIAL_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "AID", "RETREAT", "SANCTION"}
VIOLENT_TYPES = {"ASSAULT", "COERCE"}  # an attack: its agent may be the one blamed for it
# whose subject undergoes what happens ("nine civilians died in the shelling")
UNDERGOING_VERBS = frozenset({"die", "perish", "suffer"})
# the links a verb without its own subject follows up to the clause whose subject it shares
CLAUSE_CLIMB_DEPS = {"xcomp", "conj", "ccomp", "pcomp", "prep", "pobj", "advmod"}
# "on the side of X", "on behalf of X", "on the orders of X": X is with the agent, not its target
ALIGNMENT_NOUNS = {
    "side", "sides", "behalf", "ranks", "orders", "order", "command", "banner", "part",
}  # fmt: skip
TARGET_PREPS = {"against", "on", "with", "at", "to", "for", "upon", "into", "toward", "towards"}
CLAUSE_DEPS = {"relcl", "ccomp", "advcl", "csubj", "parataxis"}  # a clause of its own
# types whose 'against X' names the target ('coordinated with Y against X' does not)
HOSTILE_TYPES = {"ASSAULT", "COERCE", "THREATEN", "SANCTION", "MOBILIZE", "ACCUSE", "PROTEST"}
LIGHT_VERBS = {
    "launch",
    "carry",
    "conduct",
    "mount",
    "stage",
    "begin",
    "continue",
    "step",
    "intensify",
    "escalate",
    "wage",
    "unleash",
    "resume",
    "suspend",
    "halt",
    "pause",
    "stop",
    "expand",
    "plan",
    "prepare",
    "start",
    "expect",
    "provide",
    "make",
    "lead",
    "spearhead",
    "order",
    "see",
    "avoid",
    "fear",
    "risk",
    "amount",
    "come",
    "face",
    "trigger",
    "spark",
    "report",
    "renew",
    "hold",
    "impose",
    "announce",
    "call",
    "end",
    "extend",
    "undertake",
    "claim",
    "deny",
    "trade",
    "exchange",
    "press",
    "commit",
    "perpetrate",
}


class EventRoles:
    """The source and target of a trigger; `nouns` says which actor a noun phrase is."""

    def __init__(self, lexicon: Lexicon, nouns: PhraseActors):
        self.lexicon = lexicon
        self.nouns = nouns
        self.reporting = lexicon.cue("attribution", "reporting_verbs")
        self.taking_verbs = lexicon.cue("relations", "taking_verbs")
        self.perpetrator_verbs = lexicon.cue("attribution", "perpetrator_verbs")
        self.claim_objects = lexicon.cue("attribution", "claim_objects")
        self.suffered = lexicon.cue("attribution", "suffered_participles")
        self.states = lexicon.cue("events", "state_participles")
        self.aim_verbs = lexicon.cue("relations", "aim_verbs")

    def participants(
        self, token: Token, table: ActorTable, hostile: bool = False
    ) -> tuple[str | None, str | None]:
        source = target = None
        if token.pos_ == "VERB" and token.dep_ == "amod" and token.tag_ == "VBG":
            # "has not shied away from striking Syrian forces" (parsed as an adjective)
            target = self.nouns.actor_of(token.head, table)
            return self._subject(token.head, table), target
        if token.pos_ == "ADJ":  # "Norway is willing to send ...": the subject of the copula
            source = self._subject(token.head, table) if token.dep_ == "acomp" else None
        elif token.pos_ == "NOUN":
            source = self._noun_source(token, table)
            if source is None and hostile:
                sides = self._between(token, table)
                if sides is not None:
                    return sides
        elif token.lemma_.lower() in UNDERGOING_VERBS:
            # "civilians died in regime shelling": who dies is the target; the source is whose
            # attack the sentence names as the means
            return self._attack_owner(token, table), self._subject(token, table)
        else:
            source = self._subject(token, table)
        target = self._target(token, table) or (self._against(token, table) if hostile else None)
        if target is None and hostile:
            target = self._weapon_target(token, table)
        if self._undergone(token):
            # "civilians abducted by the militia": the noun is the target, "by X" the agent
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            return self.nouns.actor_of(pobj, table), target or self.nouns.actor_of(
                token.head, table
            )
        if token.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in token.children):
            passive = next(c for c in token.children if c.dep_ == "nsubjpass")
            agent = next((c for c in token.children if c.dep_ == "agent"), None)
            target = self.nouns.actor_of(passive, table) or (
                self._weapon_target(token, table) if hostile else None
            )
            source = None
            if agent is not None:
                pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
                source = self.nouns.actor_of(pobj, table) if pobj is not None else None
            if source is None:
                source = self._attack_owner(token, table)
        return source, target

    def _weapon_target(self, token: Token, table: ActorTable) -> str | None:
        """An act on a weapon in use is aimed at whoever uses it: "intercepted a missile fired
        by X", "a drone that was intercepted" (the relative's antecedent) give X."""
        for child in token.children:
            if child.dep_ not in {"dobj", "nsubjpass"}:
                continue
            relative = child.tag_ in {"WDT", "WP"} and token.dep_ == "relcl"
            user = self._weapon_user(token.head if relative else child, table)
            if user is not None:
                return user
        return None

    def _weapon_user(self, noun: Token, table: ActorTable) -> str | None:
        """Who fired or launched the weapon a noun names: the agent or subject of a firing
        verb on it ("a rocket fired by X", "a drone that X launched"), or the subject of the
        firing verb it is the object of ("X fired a rocket that ...")."""
        for clause in noun.children:
            if clause.dep_ not in {"acl", "relcl"} or clause.lemma_.lower() not in self.aim_verbs:
                continue
            for child in clause.children:
                if child.dep_ == "agent":
                    pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if self.nouns.actor_of(pobj, table):
                        return self.nouns.actor_of(pobj, table)
                if child.dep_ == "nsubj" and self.nouns.actor_of(child, table):
                    return self.nouns.actor_of(child, table)
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in self.aim_verbs:
            return self._subject(noun.head, table)
        return None

    def _between(self, noun: Token, table: ActorTable) -> tuple[str, str] | None:
        """'clashes between X and Y', 'fighting erupted between X and Y': the two sides, the
        first named as source (as ACLED codes a clash: actor 1 and actor 2)."""
        holders = [noun] + ([noun.head] if noun.dep_ in SUBJECT_DEPS else [])
        for holder in holders:
            for prep in holder.children:
                if prep.dep_ != "prep" or prep.lower_ != "between":
                    continue
                first = next((c for c in prep.children if c.dep_ == "pobj"), None)
                second = (
                    next((c for c in first.children if c.dep_ == "conj"), None)
                    if first is not None
                    else None
                )
                if second is None:
                    continue
                a, b = self.nouns.actor_of(first, table), self.nouns.actor_of(second, table)
                if a and b and a != b:
                    return a, b
        return None

    def _attack_owner(self, verb: Token, table: ActorTable) -> str | None:
        """'killed in regime airstrikes', 'wounded in Russian shelling': who made the attack
        that the passive names as its means: an actor named in the phrase before the attack
        word (the parse of such phrases is often broken, so the words are read in order)."""
        # "were killed and 40 wounded in airstrikes": the phrase hangs on the last verb
        joined = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
        for prep in [*verb.children, *(c for v in joined for c in v.children)]:
            if prep.dep_ not in {"prep", "agent"} or prep.lower_ not in {"in", "by"}:
                continue
            phrase = sorted(prep.subtree, key=lambda t: t.i)
            attack = next((t for t in phrase if self._attack_word(t)), None)
            if attack is None:
                attack = next(
                    (
                        t
                        for t in verb.children
                        if t.dep_ == "conj"
                        and t.i == prep.right_edge.i + 1
                        and self._attack_word(t)
                    ),
                    None,
                )
                if attack is None:
                    continue
                phrase = [t for t in verb.doc[prep.i : attack.i]]
            for token in reversed([t for t in phrase if t.i < attack.i]):
                mention = table.at(token.i)
                if mention is not None and table.actors[mention.actor_id].kind in OWNER_KINDS:
                    return mention.actor_id
            by = self._agent_after([t for t in phrase if t.i > attack.i], table)
            if by is not None:
                return by
        # "were killed after US jets bombed a bakery": the attack the clause tells of is theirs
        for clause in verb.children:
            if clause.dep_ == "advcl" and clause.pos_ == "VERB" and self._attack_word(clause):
                marks = {c.lower_ for c in clause.children if c.dep_ == "mark"}
                if marks & {"after", "when", "as"}:
                    actor = self._subject(clause, table)
                    if actor is not None and table.actors[actor].kind in OWNER_KINDS:
                        return actor
        return None

    def _agent_after(self, words: list[Token], table: ActorTable) -> str | None:
        """'killed in airstrikes by Russian forces', '... in air raids carried out by the
        coalition', 'by a mortar round fired by X': the agent a "by" after the attack names."""
        for by in words:
            if by.lower_ != "by" or by.dep_ not in {"prep", "agent"}:
                continue
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is None or self.holder(pobj):
                continue  # "an air raid on a village held by IS": IS holds, it does not raid
            actor = self.nouns.actor_of(pobj, table)
            if actor is not None and table.actors[actor].kind in OWNER_KINDS:
                return actor
        return None

    def harms(self, verb: Token) -> bool:
        """A verb whose passive subject suffers the event ("were killed", "was targeted"), not
        one that leaves it a party ("has been involved in clashes")."""
        return verb.lemma_.lower() in self.suffered or self._attack_word(verb)

    def _attack_word(self, token: Token) -> bool:
        return any(
            t.type in VIOLENT_TYPES
            for pos in ("NOUN", "VERB")
            for t in self.lexicon.triggers_for(token.lemma_.lower(), pos)
        )

    def _subject(self, verb: Token, table: ActorTable) -> str | None:
        token = verb
        came_from: Token | None = None
        for _ in range(4):
            # object control: "accused Tehran of arming", "ordered troops to attack"
            if (
                came_from is not None
                and came_from.dep_ in {"prep", "xcomp"}
                and token.pos_ == "VERB"
            ):
                objects = [c for c in token.children if c.dep_ == "dobj"]
                if objects and (came_from.dep_ == "xcomp" or came_from.lower_ in {"of", "for"}):
                    return self.nouns.actor_of(objects[0], table)
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                return self.nouns.actor_of(subjects[0], table)
            if self._undergone(token):
                return None  # "the villagers abducted this week": the noun undergoes it
            if token.dep_ == "acl" or (
                token.dep_ == "relcl" and token.head.pos_ in {"NOUN", "PROPN"}
            ):
                return self.nouns.actor_of(token.head, table)
            # a gerund or infinitive adjunct has its clause's subject ("the office said,
            # accusing Asmara ..."; "sent troops to attack ..."); a past participle does not
            # ("Backed by Russia, the army ...": the army is what was backed)
            adjunct = token.dep_ == "advcl" and token.tag_ in {"VBG", "VB"}
            if not adjunct and token.dep_ not in CLAUSE_CLIMB_DEPS:
                return None
            if adjunct and token.head.lemma_.lower() in UNDERGOING_VERBS:
                return None  # "civilians died in rebel shelling" (parsed as an adjunct)
            if self._reported_clause(token) and self._material(verb):
                return None  # "children were killed in shelling, activists said": told, not done
            came_from = token
            token = token.head
            if adjunct and self._reported_clause(token) and not self._material(came_from):
                # "the ministry said drones struck X, accusing Kyiv": the parser hangs the
                # speaker's own verbal act on the reported verb; it is the speaker's
                token = token.head
        return None

    def _undergone(self, verb: Token) -> bool:
        """A past participle after its noun ("civilians abducted by the militia") says what the
        noun underwent; one with a subject or an object of its own is a finite verb the parser
        mistook ("Nusra targeted with rockets the village")."""
        if verb.pos_ != "VERB" or verb.dep_ != "acl" or verb.tag_ != "VBN":
            return False
        if any(c.dep_ in {"dobj", *SUBJECT_DEPS} for c in verb.children):
            return False
        return verb.lemma_.lower() in self.suffered or any(c.dep_ == "agent" for c in verb.children)

    def _reported_clause(self, verb: Token) -> bool:
        return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in self.reporting

    def _material(self, verb: Token) -> bool:
        triggers = self.lexicon.triggers_for(verb.lemma_.lower(), verb.pos_)
        return any(t.type in MATERIAL_TYPES for t in triggers)

    def _noun_source(self, noun: Token, table: ActorTable) -> str | None:
        for child in noun.children:
            if child.dep_ in {"poss", "compound", "amod", "nmod"}:
                actor = self.nouns.actor_of(child, table)
                if actor:
                    return actor
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        if by is not None:
            pobj = next((c for c in by.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return self.nouns.actor_of(pobj, table)
        # "a mortar round fired by X", "rockets launched by X": the weapon's user
        weapon = noun.head if noun.dep_ == "compound" else noun
        for clause in weapon.children:
            if clause.dep_ == "acl" and clause.tag_ == "VBN":
                agent = self._agent_after([c for c in clause.children if c.dep_ == "agent"], table)
                if agent is not None:
                    return agent
        head = noun.head
        if noun.dep_ in {"dobj", "pobj", "nsubjpass"} and head.lemma_.lower() in LIGHT_VERBS | {
            "to"
        }:
            if head.lower_ == "to":
                head = head.head
            return self._subject(head, table)
        return None

    def _target(self, token: Token, table: ActorTable) -> str | None:
        objects = [c for c in token.children if c.dep_ in {"dobj", "dative", "iobj"}]
        for child in objects:
            actor = self.nouns.actor_of(child, table)
            if actor:
                return actor
        # "stepped up its support for the SDF": the target hangs off the object noun
        for child in [*token.children, *[g for o in objects for g in o.children]]:
            if child.dep_ == "prep" and child.lower_ in TARGET_PREPS:
                if child.lower_ == "for" and child.head.pos_ == "VERB":
                    continue  # "fought for the government": a side taken, not a target
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.lemma_.lower() not in ALIGNMENT_NOUNS:
                        actor = self.nouns.actor_of(pobj, table)
                        if actor:
                            return actor
        return None

    def _against(self, token: Token, table: ActorTable) -> str | None:
        """'carried out nine strikes arranged with and in aid of Iraqi troops against Islamic
        State fighters': the parser hangs 'against' off a word in between; it still names the
        target, wherever it sits in the trigger's phrase (not inside a clause of its own).
        Whom a town is taken from is the other side too: 'captured Tabqa from IS'."""
        takes = token.lemma_.lower() in self.taking_verbs
        for child in token.subtree:
            if child.i <= token.i or child.dep_ != "prep":
                continue
            if child.lower_ != "against" and not (takes and child.lower_ == "from"):
                continue
            if any(a.dep_ in CLAUSE_DEPS for a in path_up(child, token)):
                continue
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    actor = self.nouns.actor_of(pobj, table)
                    if actor:
                        return actor
        return None

    def claimed_by(self, token: Token, table: ActorTable, target: str | None) -> str | None:
        """An attack that names no agent ("a bomb killed four") is laid at the door of the
        actor the report blames for it ("..., the army said, blaming the TTP"; "an attack
        blamed on X"; "X was suspected") or the one that claims it ("X claimed the attack"),
        in its sentence or, for a claim, the next one ("... police said. X claimed
        responsibility.")."""
        sent = token.sent
        found = self._perpetrator(sent, table, claims_only=False)
        if found is None and sent.end < len(token.doc):
            found = self._perpetrator(token.doc[sent.end].sent, table, claims_only=True)
        if found is None or found == target or table.actors[found].kind == "media":
            return None
        return found

    def _perpetrator(self, sent: Sentence, table: ActorTable, claims_only: bool) -> str | None:
        for verb in sent:
            lemma = verb.lemma_.lower()
            if verb.pos_ != "VERB":
                continue
            children = list(verb.children)
            if lemma == "claim":
                if any(
                    c.dep_ == "dobj" and c.lemma_.lower() in self.claim_objects for c in children
                ):
                    subject = next((c for c in children if c.dep_ in SUBJECT_DEPS), None)
                    actor = self.nouns.actor_of(subject, table)
                    if actor:
                        return actor
                if any(
                    c.dep_ == "nsubjpass" and c.lemma_.lower() in self.claim_objects
                    for c in children
                ):  # "the attack was claimed by X"
                    agent = next((c for c in children if c.dep_ == "agent"), None)
                    pobj = (
                        next((g for g in agent.children if g.dep_ == "pobj"), None)
                        if agent
                        else None
                    )
                    actor = self.nouns.actor_of(pobj, table)
                    if actor:
                        return actor
                continue
            if claims_only or lemma not in self.perpetrator_verbs:
                continue
            passive = [c for c in children if c.dep_ == "nsubjpass"]
            if passive or verb.tag_ == "VBN":
                # "X was suspected"; "an attack blamed on X", "attributed to X"
                ends = passive + [
                    g
                    for c in children
                    if c.dep_ in {"prep", "agent"} and c.lower_ in {"on", "to"}
                    for g in c.children
                    if g.dep_ == "pobj"
                ]
            else:  # "the army blamed the ADF", "..., accusing the YPG"
                ends = [c for c in children if c.dep_ == "dobj"]
            for end in ends:
                actor = self.nouns.actor_of(end, table)
                if actor:
                    return actor
        return None

    def state_participle(self, token: Token) -> bool:
        """A past participle that says what state a noun is in, not what happened to it: on
        the noun ("a village held by IS", "rebel-held areas", "areas controlled and run by
        the rebels") or as a passive of the present ("the province is controlled by the YPG",
        "has been held by rebels since 2012"; "was occupied in 1967" may tell of the taking)."""
        if token.tag_ != "VBN" or token.lemma_.lower() not in self.states:
            return False
        if token.dep_ in {"acl", "amod", "compound"}:
            return True
        if token.dep_ == "conj":
            return self.state_participle(token.head)
        if not any(c.dep_ == "nsubjpass" for c in token.children):
            return False
        return any(
            (c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"})
            or (c.dep_ == "aux" and c.lemma_.lower() == "have")
            for c in token.children
        )

    def holder(self, token: Token) -> bool:
        """The X of "a village held by X": who holds the place, not an agent of the attack
        on it."""
        while token.dep_ in {"compound", "amod", "nmod", "poss"}:  # "the Islamic State group"
            token = token.head
        by = token.head
        return (
            token.dep_ == "pobj"
            and by.lower_ == "by"
            and by.dep_ in {"agent", "prep"}
            and self.state_participle(by.head)
        )
