"""A relation joins two actors the text names: not a place, not a generic word.

Read by hand, a third of the wrong relations on FA-KES had a non-actor at one end: a village
an armed group shells ("IS enemy_of Kobane"), or a word for anyone ("militants", "terrorists").
A discovered actor (one the registry does not know) whose every mention is also a place
mention, or whose name is only a generic agent word, ends no relation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from spacy.tokens import Doc

from flashpoint.extract.actor_table import ActorMention, ActorTable
from flashpoint.extract.affiliates import outside_the_affiliate
from flashpoint.model import Actor, Place, Relation
from flashpoint.resolve.registry import ActorRegistry, RegistryActor

# kinds that take no side in a conflict: a community ("Alawite"), a monitor or an outlet is
# never one end of ally_of or enemy_of (what is done to them is an event, not a relation)
NOT_SIDES = {"population_group", "media", "ngo"}
DETERMINERS = {"the", "a", "an", "these", "those", "some", "its", "their"}


def _generic(
    actor: Actor,
    generic_words: frozenset[str],
    place_words: frozenset[str],
    is_place_word: Callable[[str], bool],
) -> bool:
    """Only agent words, or a place name and agent words: "militants", "Daraa Army"."""
    words = [w for w in actor.name.split() if w.lower() not in DETERMINERS]
    kept = [w for w in words if w.lower() not in place_words and not is_place_word(w)]
    common = [w.lower() for w in kept]
    # two-word entries count whole: "suicide bomber", "armed men"
    if common and (" ".join(common) in generic_words or all(w in generic_words for w in common)):
        return True
    # a generic head under words written in lower case: "dead militants", "foreign fighters"
    return len(kept) > 1 and common[-1] in generic_words and all(w.islower() for w in kept[:-1])


def _fragment(actor: Actor, is_demonym: Callable[[str], bool]) -> bool:
    """A name that ends in a demonym is a piece of a longer phrase ("Al-Qaedas Syrian", from
    "al-Qaeda's Syrian branch" with its apostrophe lost), not an actor's name."""
    words = [w for w in actor.name.split() if w.lower() not in DETERMINERS]
    return len(words) > 1 and is_demonym(words[-1])


def _possessive_fragment(actor: Actor, names: frozenset[str]) -> bool:
    """A name that starts with another actor's name and a lost possessive "s", then goes on
    ("Bashar al-Assads Alawite", from "Bashar al-Assad's Alawite sect" with its apostrophe
    gone): a piece of a phrase about that actor, not an actor of its own."""
    words = actor.name.split()
    for n in range(1, len(words)):
        head, rest = " ".join(words[:n]), words[n:]
        if rest and head.endswith("s") and head[:-1].lower() in names:
            return True
    return False


def _a_place_name(
    actor: Actor, place_words: frozenset[str], is_place_word: Callable[[str], bool]
) -> bool:
    """Every word a place's name, or a country's with its apostrophe lost ("Syrias Raqqa",
    as scraped text often has it): a place the NER read as an organisation."""

    def placelike(word: str) -> bool:
        stems = [word, word[:-1]] if word.endswith("s") else [word]
        return any(w.lower() in place_words or is_place_word(w) for w in stems)

    words = [w for w in actor.name.split() if w.lower() not in DETERMINERS]
    return bool(words) and all(placelike(w) for w in words)


def _a_place(actor: Actor, place_spans: list[tuple[int, int]]) -> bool:
    return bool(actor.mentions) and all(
        any(m.start < e and s < m.end for s, e in place_spans) for m in actor.mentions
    )


def named_ends(
    relations: list[Relation],
    actors: list[Actor],
    places: list[Place],
    generic_words: frozenset[str],
    is_place_word: Callable[[str], bool] = lambda _: False,
    is_demonym: Callable[[str], bool] = lambda _: False,
) -> list[Relation]:
    """The relations both of whose ends are actors in their own right. `is_place_word` tells
    a well-known place's name the geoparser did not report here ("Aleppo Terrorists");
    `is_demonym` a word that names a people ("Syrian")."""
    place_spans = [(m.start, m.end) for p in places for m in p.mentions]
    place_words = frozenset(
        word
        for p in places
        for name in (p.name, *(m.text for m in p.mentions))
        for word in name.lower().split()
    ) | frozenset(w for a in actors if a.kind == "state" for w in a.name.lower().split())
    by_id = {a.id: a for a in actors}
    names = frozenset(
        name.lower()
        for a in actors
        if a.known
        for name in (a.name, *(m.text for m in a.mentions))
        if len(name.split()) > 1
    )

    def fit(actor_id: str) -> bool:
        actor = by_id.get(actor_id)
        if actor is None or actor.known:
            return True
        return not (
            _generic(actor, generic_words, place_words, is_place_word)
            or _a_place(actor, place_spans)
            or _a_place_name(actor, place_words, is_place_word)
            or _fragment(actor, is_demonym)
            or _possessive_fragment(actor, names)
        )

    def side(actor_id: str) -> bool:
        """Read by hand (eighth reading), every person the registry does not know at one end
        of ally_of or enemy_of was wrong: a reporter killed in a bombing, an activist a group
        detained, a speaker, or a town or a platform the NER took for a person."""
        actor = by_id.get(actor_id)
        if actor is not None and actor.kind == "person" and not actor.known:
            return False
        return actor is None or actor.kind not in NOT_SIDES

    kept = [
        r
        for r in relations
        if fit(r.source)
        and fit(r.target)
        and (r.type not in {"ally_of", "enemy_of"} or (side(r.source) and side(r.target)))
    ]
    for n, relation in enumerate(kept, 1):
        relation.id = f"rel{n}"
    return kept


AIM_PREPOSITIONS = {"at", "into", "toward", "towards", "over"}
ORIGIN_HEADS = {
    "militia", "militias", "fighters", "volunteers", "mercenaries", "troops", "forces",
    "men", "recruits", "jihadists", "militants", "refugees", "families",
}  # fmt: skip


def _scene(
    doc: Doc,
    mention: ActorMention,
    prepositions: frozenset[str],
    aim_verbs: frozenset[str] = frozenset(),
) -> bool:
    """'in Syria', 'near Kafr Nabl': the mention's head is the object of a locative preposition
    (or a conjunct of one: 'in Syria and Iraq'); 'militias from Lebanon, Iraq and Afghanistan':
    where fighters come from is a place too. What a weapon is aimed at is no scene: 'fired
    missiles at Saudi Arabia', 'launched rockets into Israel' name the target."""
    head = doc[mention.token_end - 1]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if head.dep_ != "pobj":
        return False
    preposition = head.head
    if preposition.lower_ in prepositions:
        return not (
            preposition.lower_ in AIM_PREPOSITIONS and preposition.head.lemma_.lower() in aim_verbs
        )
    before = doc[preposition.i - 1] if preposition.i > 0 else preposition
    return preposition.lower_ == "from" and (
        preposition.head.lower_ in ORIGIN_HEADS or before.lower_ in ORIGIN_HEADS
    )


# what a state's possessive can own without the state being a party: the war in it, its
# places, and the side that fights its rulers ("Syria's civil war", "Syria's Hama province",
# "Syria's opposition")
POSSESSED_SCENES = {
    "war", "conflict", "crisis", "uprising", "revolution", "province", "city", "capital",
    "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast",
    "border", "borders", "territory", "countryside", "opposition", "rebels", "insurgents",
    "insurgency", "population", "people", "refugees", "civilians",
}  # fmt: skip


def _owns_only_a_scene(doc: Doc, mention: ActorMention, kind: str) -> bool:
    """'Syria's civil war', 'Syrias opposition' (scraped text drops the apostrophe): the
    state owns the war, a place or its rulers' opponents, and is no party of the sentence.
    Read along the words, not the parse: the parser takes 'pits' in "Syria's civil war pits
    A against B" for the noun the possessive owns."""
    if kind != "state" or doc[mention.token_end - 1].dep_ not in {"poss", "compound", "nmod"}:
        return False
    i = mention.token_end
    if i < len(doc) and doc[i].dep_ == "case":
        i += 1  # the "'s"
    while i < len(doc) and i < mention.token_end + 4 and doc[i].pos_ in {"ADJ", "NOUN", "PROPN"}:
        if doc[i].lemma_.lower() in POSSESSED_SCENES or doc[i].lower_ in POSSESSED_SCENES:
            return True
        i += 1
    return False


PAGE_WORDS = {"tags", "tag", "related", "slideshow", "photos", "photo", "topics", "keywords"}
# a list of a page's subjects, never a sentence: whatever follows asserts nothing, verb or not
# ("Tags civilian deaths anti-Daesh coalition airstrikes ...": the parser takes 'airstrikes'
# for a verb)
LIST_WORDS = {"tags", "tag", "topics", "topic", "keywords"}
# "AA Photo", "Photo: Reuters": a picture's credit names an agency, not a party
CREDIT_WORDS = {"photo", "photos", "file", "picture", "image", "video"}


def _page_furniture(doc: Doc, start: int, end: int) -> bool:
    """'Tags Syria Aleppo Russia Rebels ...': a scraped page's tag list run into the text
    asserts nothing between the names it lists (no verb among its first words)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not (t.like_num or t.is_punct)]  # "91 Related ...": a count first
    if not words or words[0].lower_ not in PAGE_WORDS | LIST_WORDS:
        return False
    if words[0].lower_ in LIST_WORDS:
        return True
    return not any(t.pos_ in {"VERB", "AUX"} for t in words[1:9])


def _credit(doc: Doc, mention: ActorMention) -> bool:
    """The mention credits a picture: 'AA Photo', 'Photo: AFP', 'Photo by Reuters'."""
    after = doc[mention.token_end] if mention.token_end < len(doc) else None
    if after is not None and after.text[:1].isupper() and after.lower_ in CREDIT_WORDS:
        return True
    before = [t for t in doc[max(0, mention.token_start - 2) : mention.token_start]]
    return (
        bool(before)
        and any(t.lower_ in CREDIT_WORDS and t.text[:1].isupper() for t in before)
        and (before[-1].text in {":", "/"} or before[-1].lower_ == "by")
    )


def in_dateline(doc: Doc, mention: ActorMention) -> bool:
    """A name among the first words of the text, before the dash that ends a dateline."""
    if mention.token_start > 8:
        return False
    after = doc[mention.token_end : min(len(doc), mention.token_end + 3)]
    # a spaced hyphen ("BEIRUT - "), or a long dash; not the hyphen of "Turkish-backed"
    dash = any(t.text in {"–", "—"} or (t.text == "-" and doc[t.i - 1].whitespace_) for t in after)
    return dash and all(not t.is_sent_start or t.i == 0 for t in doc[: mention.token_start])


def party_ends(
    doc: Doc,
    table: ActorTable,
    relations: list[Relation],
    prepositions: frozenset[str],
    surfaces: Callable[[str], Iterable[str]] = lambda _: (),
    aim_verbs: frozenset[str] = frozenset(),
) -> list[Relation]:
    """Keep the evidence in which both ends are named as parties, not only as the scene.

    Read by hand, "Hezbollah enemy_of Syria" came from Hezbollah fighting *in* Syria, and
    "Barack Obama leads United States" from a sentence naming neither. An end must be mentioned
    inside the evidence span, at least once other than as the object of "in", "near", ...
    A name the rules read inside a word ("U.S.-backed") counts as a mention: `surfaces`
    gives an actor's names and aliases.
    """

    full_text = doc.text  # spaCy joins every token on each read: once per call

    def party(actor_id: str, start: int, end: int, other_id: str) -> bool:
        inside = [m for m in table.mentions if start <= m.start and m.end <= end]
        partners = [m for m in inside if m.actor_id == other_id]
        if any(
            m.actor_id == actor_id
            and not _scene(doc, m, prepositions, aim_verbs)
            and not outside_the_affiliate(doc, m, table.actors[actor_id].kind, partners)
            and not _owns_only_a_scene(doc, m, table.actors[actor_id].kind)
            and not in_dateline(doc, m)
            and not _credit(doc, m)
            for m in inside
        ):
            return True
        if any(m.actor_id == actor_id for m in inside):
            return False  # named, but only as the scene
        text = full_text[start:end]
        return any(
            re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)
            for name in surfaces(actor_id)
            if len(name) > 1
        )

    kept: list[Relation] = []
    for relation in relations:
        evidence = [
            e
            for e in relation.evidence
            if party(relation.source, e.start, e.end, relation.target)
            and party(relation.target, e.start, e.end, relation.source)
            and not _page_furniture(doc, e.start, e.end)
        ]
        if evidence or not relation.evidence:
            kept.append(relation.model_copy(update={"evidence": evidence}))
    return kept


def one_side(relations: list[Relation]) -> list[Relation]:
    """A sentence cannot put two actors on the same side and on opposite sides at once: of
    ally_of and enemy_of resting on the same sentence, the surer keeps it (a tie, neither)."""
    sides = [r for r in relations if r.type in {"ally_of", "enemy_of"}]
    claims: dict[tuple[str, str, int], list[Relation]] = {}
    for relation in sides:
        pair = tuple(sorted((relation.source, relation.target)))
        for evidence in relation.evidence:
            claims.setdefault((*pair, evidence.start), []).append(relation)
    losers: set[tuple[int, int]] = set()  # (id of relation, evidence start)
    for (_, _, start), rivals in claims.items():
        if len({r.type for r in rivals}) < 2:
            continue
        best = max(r.confidence for r in rivals)
        winners = [r for r in rivals if r.confidence == best]
        for relation in rivals:
            if relation not in winners or len({r.type for r in winners}) > 1:
                losers.add((id(relation), start))
    kept: list[Relation] = []
    for relation in relations:
        evidence = [e for e in relation.evidence if (id(relation), e.start) not in losers]
        if evidence or not relation.evidence:
            kept.append(relation.model_copy(update={"evidence": evidence}))
    return kept


STATE_ORGANS = {"government", "armed_forces"}


def _organ_of(one: RegistryActor | None, other: RegistryActor | None) -> bool:
    """Whether `one` is the state `other` belongs to, or a body of the same state."""
    if one is None or other is None:
        return False
    if other.id in {one.forces, one.government} or other.parent == one.id:
        return True
    return (
        one.kind in STATE_ORGANS | {"state"}
        and other.kind in STATE_ORGANS | {"state"}
        and "state" in {one.kind, other.kind}
        and one.country is not None
        and one.country == other.country
    )


def _leader_of(
    person: RegistryActor | None, body: RegistryActor | None, registry: ActorRegistry
) -> bool:
    """Whether the registry has `person` lead `body`, or the government or army of the state
    `body` is ("Bashar al-Assad enemy_of Syrian government" came from a sentence about him
    seeking to retake a city)."""
    if person is None or body is None or person.kind != "person":
        return False

    def leads(entry: RegistryActor | None) -> bool:
        return entry is not None and (entry.id in person.leads or person.id in entry.leaders)

    if leads(body):
        return True
    if body.kind in STATE_ORGANS and body.parent and leads(registry.get(body.parent)):
        return True  # the army whose parent is the government he leads ("uprising against
        # Assad" and "security forces killed 80" made him the army's enemy)
    return body.kind == "state" and any(
        leads(registry.get(organ)) for organ in (body.government, body.forces) if organ
    )


def _one_state(one: RegistryActor | None, other: RegistryActor | None) -> bool:
    """A state and its organs, or two organs of one state: none backs the other ("Syrian
    Arab Army patron_of Syria" came from a chemical attack said to come from Assad's forces;
    a state's air force backing its own army is one side's support, not patronage)."""
    kinds = STATE_ORGANS | {"state"}
    return (
        one is not None
        and other is not None
        and one.kind in kinds
        and other.kind in kinds
        and (
            _organ_of(one, other)
            or _organ_of(other, one)
            or (one.country is not None and one.country == other.country)
        )
    )


def _backs(
    client: RegistryActor | None, other: RegistryActor | None, registry: ActorRegistry
) -> bool:
    """Whether the registry has `other`, or an organ of its state, back `client` (in some
    year), and does not list it among the client's enemies: Russia and its air force back
    the Syrian army, the United States the coalition it commands."""
    if client is None or other is None or other.id in client.enemies:
        return False
    for patron_id in client.active_patrons(None):
        patron = registry.get(patron_id)
        if patron is not None and (patron.id == other.id or _one_state(patron, other)):
            return True
    return False


def registry_sides(relations: list[Relation], registry: ActorRegistry) -> list[Relation]:
    """What the registry settles about two known actors, the text cannot overturn by accident:
    a state and its own government or army are one side (no enemy_of, no ally_of between
    them: read by hand, "Israel enemy_of Israel Defense Forces" came from a headline list),
    neither backs the other, a patron is not its client's enemy, and membership runs the way
    the registry records it ("Al-Qaeda affiliate al-Nusra": al-Nusra member_of al-Qaeda,
    never the reverse)."""
    out: dict[tuple[str, str, str], Relation] = {}
    for relation in relations:
        source, target = registry.get(relation.source), registry.get(relation.target)
        if relation.type in {"ally_of", "enemy_of"} and (
            _organ_of(source, target)
            or _organ_of(target, source)
            or _leader_of(source, target, registry)
            or _leader_of(target, source, registry)
        ):
            continue
        if relation.type == "patron_of" and _one_state(source, target):
            continue
        # read by hand, every enemy_of between a registered patron and its client was a
        # misreading: warplanes backing the army, 'jihadist forces' taken as Russia's
        if relation.type == "enemy_of" and (
            _backs(source, target, registry) or _backs(target, source, registry)
        ):
            continue
        if (
            relation.type == "member_of"
            and source is not None
            and target is not None
            and source.id in target.member_of
        ):
            relation = relation.model_copy(update={"source": target.id, "target": source.id})
        key = (relation.type, relation.source, relation.target)
        if key in out:  # the flipped one met the right one: one relation, both evidences
            kept = out[key]
            kept.evidence = [*kept.evidence, *relation.evidence]
            kept.confidence = max(kept.confidence, relation.confidence)
        else:
            out[key] = relation
    return list(out.values())
