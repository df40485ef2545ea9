"""Definite descriptions that point back to a named actor or place ("the group", "the city").

News names an actor once and then refers to it by a common noun: "Islamic State ... the
terrorist group", "Raqqa ... the city". Those later mentions belong to the record the reader
already has, so the document view and the mention lists show them. Those that point back to
a named body, and a quoted speaker's "we" for the body their role names, are read before the
relations (`relation_ends.refer_in_table`), so a relation can end on them; the rest are added after
(`add_nominal_mentions`), for the view only. A relation resting only on such a guess is less
sure than a named one (`relation_builder.guessed_ends`).

The rules are the simplest ones that are right most of the time in news: a definite noun
phrase ("the", "this") whose head is a word of an earlier name refers to the latest record
so named ("Camp Hurriya ... the camp", "the Combined Joint Task Force ... the task force");
one whose head is a title refers to the latest person the text gave that title ("Secretary
Kerry ... the secretary"); one whose head is a kind noun from the lexicon refers to the
nearest earlier actor (or place) of a matching kind, within the same or the previous two
sentences. A force named by its owner ("ISIL tactical units", "ISIL fighters") is a mention
of the owner, and so is the owner's name inside it: both are read by an analyst.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from flashpoint.extract.actor_table import new_actor_id
from flashpoint.extract.lexicon import Lexicon
from flashpoint.model import Actor, Place
from flashpoint.model import Span as TextSpan
from flashpoint.nlp.text import noun_chunks

LOOKBACK_SENTENCES = 2
# the pseudo-kind of a phrase naming an unnamed site ("an ISIL-held building"): it becomes an
# unresolved place of that feature, not an actor
SITE = "site"
DEFINITE = {"the", "this", "that"}
# heads too vague to take an antecedent by a word of its name ("the state" is not the
# Islamic State, "the people" not the People's Protection Units)
NAME_WORD_STOP = {"state", "people", "republic", "party", "front", "army", "forces", "force"}
# titles that point back to the person the text introduced with them
TITLES = {
    "secretary",
    "minister",
    "president",
    "ambassador",
    "envoy",
    "commander",
    "general",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "advisor",
    "adviser",
    "chairman",
    "director",
    "king",
    "emir",
    "governor",
}
# heads of a description set beside a person's name ("Gen. X, commander of ...")
ROLE_HEADS = TITLES | {"chief", "officer", "head", "leader", "representative", "coordinator"}
# words of a title or rank written before a name ("Foreign Minister X", "Lt. Gen. X")
TITLE_WORDS = ROLE_HEADS | {
    "king", "queen", "prince", "sheikh", "imam", "ayatollah", "dr", "mr", "mrs", "ms",
    "lt", "lieutenant", "gen", "col", "colonel", "maj", "major", "capt", "captain", "sgt",
    "sergeant", "adm", "admiral", "cmdr", "commodore", "brig", "cpl", "corporal", "pvt",
    "private", "deputy", "premier", "mayor", "senator", "judge", "operator", "spc", "pfc",
    "cdr", "petty", "seaman", "commissioner", "foreign", "defense", "defence", "prime",
}  # fmt: skip
# heads that name a body of many members: they point back only to an actor so called
# ("the coalition" after "CJTF-OIR", whose aliases say coalition), never to any armed actor
COALITION_WORDS = {"coalition", "alliance", "bloc"}
MAX_TITLE_TOKENS = 8
MAX_ROLE_TOKENS = 12
# words after an owner's name that make the phrase a force of that owner ("ISIL fighters")
UNIT_WORDS = {"unit", "units", "fighters", "militants", "forces", "troops", "aircraft"}
UNIT_MODIFIERS = {"tactical", "ground", "armed", "combat", "special", "front-line"}


def add_nominal_mentions(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    actor_heads: Mapping[str, frozenset[str]],
    place_heads: Mapping[str, frozenset[str]],
    group_heads: Mapping[str, str] | None = None,
    modifier_kinds: Mapping[str, frozenset[str]] | None = None,
) -> None:
    """Give each definite description the actor or place it points back to, as a mention.

    `actor_heads` maps a head noun to the actor kinds it can refer to ("group" -> armed
    groups, ...); `place_heads` maps a head noun to place features ("city" -> city, town).
    `group_heads` maps the head of a phrase naming an unnamed group to the kind of generic
    actor it is a mention of (see `group_kinds`); the generic actors are appended to `actors`.
    `modifier_kinds` maps a modifier to the kinds a description it modifies may refer to
    ("terrorist" -> terrorist groups).
    """
    for chunk, referent in resolved_descriptions(
        doc, actors, places, actor_heads, place_heads, modifier_kinds
    ):
        referent.mentions.append(
            TextSpan(start=chunk.start_char, end=chunk.end_char, text=chunk.text)
        )
    _owned_forces(doc, actors)
    _role_appositions(doc, actors)
    _titled_names(doc, actors)
    if group_heads:
        spans = [(m.start, m.end) for record in [*actors, *places] for m in record.mentions]
        _group_mentions(doc, actors, places, spans, group_heads)
    for record in [*actors, *places]:
        record.mentions.sort(key=lambda m: m.start)


def resolved_descriptions(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    actor_heads: Mapping[str, frozenset[str]],
    place_heads: Mapping[str, frozenset[str]],
    modifier_kinds: Mapping[str, frozenset[str]] | None = None,
) -> Iterator[tuple[Span, Actor | Place]]:
    """Each definite description no record covers, with the record it points back to. The
    caller adds the mention before the next is read ("the group ... the group")."""
    taken = [(m.start, m.end) for a in actors for m in a.mentions]
    taken += [(m.start, m.end) for p in places for m in p.mentions]
    named = sorted(
        [(m.start, "actor", a) for a in actors for m in a.mentions]
        + [(m.start, "place", p) for p in places for m in p.mentions],
        key=lambda item: item[0],
    )
    sentence_starts = [s.start_char for s in doc.sents]
    for chunk in _descriptions(doc):
        first = chunk[0]
        if first.lower_ not in DEFINITE or len(chunk) > 5:
            continue
        head = chunk.root.lemma_.lower()
        if any(s < chunk.end_char and chunk.start_char < e for s, e in taken):
            continue
        if _introduces_a_name(chunk):
            continue
        referent = _named_by_word(chunk, named, head) or _titled(chunk, named, doc, head)
        if referent is None and _plural_of_one(chunk.root, head, actor_heads):
            continue  # "the terrorist groups", "the largest groups": a class, not one group
        if referent is None and (head in actor_heads or head in place_heads):
            heads = _narrowed(chunk, head, actor_heads, modifier_kinds or {})
            referent = _antecedent(chunk, named, sentence_starts, head, heads, place_heads)
        if referent is None:
            continue
        taken.append((chunk.start_char, chunk.end_char))
        yield chunk, referent


GROUP_CLASSES = {
    "group_population_heads": "population_group",
    "group_armed_heads": "armed_group",
    "group_body_heads": "organisation",
    "group_person_heads": "person",
    "group_site_heads": SITE,
}
MAX_GROUP_TOKENS = 6


def group_kinds(lexicon: Lexicon) -> dict[str, str]:
    """Head noun -> the kind of generic actor a phrase with that head names, from the
    lexicon's `coreference` lists (a word in two lists takes the first)."""
    kinds: dict[str, str] = {}
    for name, kind in GROUP_CLASSES.items():
        for word in sorted(lexicon.cue("coreference", name)):
            kinds.setdefault(word, kind)
    return kinds


def _group_mentions(
    doc: Doc,
    actors: list[Actor],
    places: list[Place],
    taken: list[tuple[int, int]],
    heads: Mapping[str, str],
) -> None:
    """'our partners', 'the victims', 'the commander', 'a bridge': a phrase naming a group, a
    person by role or a site that no record covers is a mention of a generic actor
    ("partners", "commander") or of an unresolved place ("bridge"), one per wording, so an
    analyst sees every party and site the text speaks of. They come after relations are
    read, so a generic actor never ends a relation, and they are not known to the registry."""
    by_id: dict[str, Actor | Place] = {a.id: a for a in actors}
    by_id.update({p.id: p for p in places})
    for chunk in noun_chunks(doc):
        root = chunk.root
        kind = heads.get(root.lower_) or heads.get(root.lemma_.lower())
        if kind is None or not (
            root.pos_ == "NOUN" and root.is_lower or _titled_office(root, kind)
        ):
            continue
        if kind == "person" and root.tag_ not in {"NN", "NNP"}:
            continue  # "the commanders" are a group; only one person is named by a role
        start = chunk.start
        while start < root.i and (doc[start].is_punct or doc[start].pos_ in {"ADP", "ADV"}):
            start += 1  # "at least 20 people" is a mention from "20"
        span = doc[start : _office_end(root) if kind == "person" else root.i + 1]
        if root.i + 1 - start > MAX_GROUP_TOKENS or len(span) > MAX_ROLE_TOKENS:
            continue
        # a name inside a site or role phrase is a modifier ("an ISIL-held building", "the
        # President of Syria"): only a record at the head itself takes the phrase
        lo, hi = (
            (root.idx, root.idx + len(root))
            if kind in {SITE, "person"}
            else (
                span.start_char,
                span.end_char,
            )
        )
        if any(s < hi and lo < e for s, e in taken):
            continue
        # the name is the head with the adjectives and nouns right before it ("Iraqi people")
        first = root.i
        while first > span.start and doc[first - 1].pos_ in {"ADJ", "NOUN", "PROPN"}:
            first -= 1
        name = doc[first : root.i + 1].text
        record = by_id.get(_generic_id(name, kind))
        if record is None:
            record = _generic_record(name, kind)
            by_id[record.id] = record
            (places if isinstance(record, Place) else actors).append(record)  # type: ignore[arg-type]
        record.mentions.append(TextSpan(start=span.start_char, end=span.end_char, text=span.text))
        taken.append((span.start_char, span.end_char))


def _titled_office(root, kind: str) -> bool:  # noqa: ANN001
    """'the President of Syria', 'The Secretary of State': a capitalised title with the
    body or place it serves names one person (a title alone, 'President', is a name's part)."""
    return (
        kind == "person"
        and root.pos_ in {"NOUN", "PROPN"}
        and any(c.dep_ == "prep" and c.lower_ in {"of", "for"} for c in root.children)
    )


def _office_end(root) -> int:  # noqa: ANN001
    """The end of a role phrase: with the body it serves ('Minister of Defence of Iraq')."""
    preps = [c for c in root.children if c.dep_ == "prep" and c.lower_ in {"of", "for"}]
    return max([root.i + 1] + [c.right_edge.i + 1 for c in preps])


def _generic_id(name: str, kind: str) -> str:
    return f"place:{SITE}:{new_actor_id(name)[4:]}" if kind == SITE else new_actor_id(name)


def _generic_record(name: str, kind: str) -> Actor | Place:
    """A generic actor of that kind, or for a site an unresolved place without a point."""
    if kind == SITE:
        return Place(id=_generic_id(name, kind), name=name, feature=SITE, resolved=False)
    return Actor(id=_generic_id(name, kind), name=name, kind=kind, known=False)  # type: ignore[arg-type]


def _person_names(doc: Doc, actors: list[Actor]) -> Iterator[tuple[Actor, set, Span]]:
    """Each person's mentions as spans of the document, with the set of mention offsets that
    new mentions are checked against (shared per actor, so additions are seen at once)."""
    for actor in actors:
        if actor.kind != "person":
            continue
        spans = {(m.start, m.end) for m in actor.mentions}
        for m in list(actor.mentions):
            name = doc.char_span(m.start, m.end, alignment_mode="expand")
            if name is not None and len(name) > 0:
                yield actor, spans, name


def _role_appositions(doc: Doc, actors: list[Actor]) -> None:
    """'Gen. X, U.S. Central Command commander,' or 'The ministry spokesman, X,': the role
    set beside a person's name in apposition describes that person, so it is a mention of
    them too (the organisation named inside keeps its own mention)."""
    for actor, spans, name in _person_names(doc, actors):
        root = name.root
        heads = [c for c in root.children if c.dep_ == "appos" and c.i >= name.end]
        if root.dep_ == "appos" and root.head.i < name.start:
            heads.append(root.head)
        for head in heads:
            if head.lemma_.lower() not in ROLE_HEADS or head.pos_ not in {"NOUN", "PROPN"}:
                continue
            end = head.right_edge.i + 1 if head.i >= name.end else head.i + 1
            role = doc[head.left_edge.i : end]
            while len(role) and role[-1].is_punct:
                role = role[:-1]
            if not len(role) or len(role) > MAX_ROLE_TOKENS or role.sent != name.sent:
                continue
            if role.start < name.end and name.start < role.end:
                continue
            key = (role.start_char, role.end_char)
            if key not in spans:
                spans.add(key)
                actor.mentions.append(TextSpan(start=key[0], end=key[1], text=role.text))


def _titled_names(doc: Doc, actors: list[Actor]) -> None:
    """'Secretary Kerry', 'Russian Foreign Minister Lavrov': a name with the title its noun
    phrase opens with is a mention of the person as well as the bare name, as an analyst (and
    re3d) reads both; the title must hold a title or rank word and stay in the sentence."""
    for actor, spans, name in _person_names(doc, actors):
        bare = _bare_name(name)
        if bare is not None and (bare.start_char, bare.end_char) not in spans:
            spans.add((bare.start_char, bare.end_char))  # "Spokesperson John Kirby"
            actor.mentions.append(
                TextSpan(start=bare.start_char, end=bare.end_char, text=bare.text)
            )
        first = name.root.left_edge.i
        if first >= name.start or name.start - first > MAX_TITLE_TOKENS:
            continue
        prefix = doc[first : name.start]
        if prefix.sent != name.sent or any(t.text in {",", ";", ":", "(", ")"} for t in prefix):
            continue
        if not any(t.lower_.rstrip(".") in TITLE_WORDS for t in prefix):
            continue
        key = (prefix.start_char, name.end_char)
        if key not in spans:
            spans.add(key)
            actor.mentions.append(
                TextSpan(start=key[0], end=key[1], text=doc.text[key[0] : key[1]])
            )


def _bare_name(name: Span) -> Span | None:
    """The name inside a mention that opens with its title ('Spokesperson John Kirby' ->
    'John Kirby'), when a capitalised name is left."""
    start = name.start
    while start < name.end and name.doc[start].lower_.rstrip(".") in TITLE_WORDS:
        start += 1
    if start == name.start or start >= name.end:
        return None
    bare = name.doc[start : name.end]
    return bare if all(t.is_title or not t.is_alpha for t in bare) else None


def _descriptions(doc: Doc) -> list[Span]:
    """Noun chunks, and the possessors inside them: in "the group's ability" the chunk's head
    is "ability", but "the group" is the description that points back to an actor. Found once
    per Doc (`refer_in_table` and `add_nominal_mentions` both read them), kept as token
    offsets in `doc.user_data`."""
    kept = doc.user_data.get(_DESCRIPTIONS)
    if kept is None:
        spans = noun_chunks(doc)
        for token in doc:
            if (
                token.dep_ == "poss"
                and token.pos_ in {"NOUN", "PROPN"}
                and token.left_edge.i < token.i
            ):
                spans.append(doc[token.left_edge.i : token.i + 1])
        spans.sort(key=lambda span: (span.start, -len(span)))
        kept = doc.user_data[_DESCRIPTIONS] = tuple((s.start, s.end, s.label) for s in spans)
    return [Span(doc, start, end, label=label) for start, end, label in kept]


_DESCRIPTIONS = "flashpoint.descriptions"


def _owned_forces(doc: Doc, actors: list[Actor]) -> None:
    """'ISIL tactical units', 'ISIL fighters': the phrase and the name in it are both the
    owner's mentions (the linker keeps one of the two, the longer when it took the noun)."""
    for actor in actors:
        if actor.kind not in {"armed_group", "terrorist_group", "militia", "armed_forces", "igo"}:
            continue
        spans = {(m.start, m.end) for m in actor.mentions}
        names = {actor.name, *actor.aliases, *(m.text for m in actor.mentions)}
        added: list[TextSpan] = []
        for m in list(actor.mentions):
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or len(span) < 1:
                continue
            end = span.end
            while end < len(doc) and doc[end].lower_ in UNIT_MODIFIERS:
                end += 1
            if len(span) >= 2 and span[-1].lower_ in UNIT_WORDS:
                inner = doc[span.start : span.end - 1]  # the linker took the noun: add the name
                if inner.text not in names:
                    continue  # "Syrian Democratic Forces": the noun is part of the name
            elif end < len(doc) and doc[end].lower_ in UNIT_WORDS:
                inner = doc[span.start : end + 1]  # the phrase the name opens
            else:
                continue
            if inner[0].lower_ in DEFINITE:
                continue
            key = (inner.start_char, inner.end_char)
            if inner.text.strip() and key not in spans:
                spans.add(key)
                added.append(TextSpan(start=key[0], end=key[1], text=inner.text))
        actor.mentions.extend(added)


def _named_by_word(
    chunk: Span, named: list[tuple[int, str, Actor | Place]], head: str
) -> Actor | Place | None:
    """'the camp' after 'Camp Hurriya', 'the task force' after '... Joint Task Force': the
    latest earlier record whose name or a mention of it has the chunk's head as a word (the
    last word of an actor's name: "the force" is not the Quds Force's Al-Quds)."""
    if head in NAME_WORD_STOP or not chunk.root.is_lower:
        return None
    words = [t.lower_ for t in chunk[1:]]
    wanted = {head, head + "s"}
    tried: set[int] = set()  # a record's names are read once, not once per mention of it
    for start, what, record in reversed(named):
        if start >= chunk.start_char or id(record) in tried:
            continue
        tried.add(id(record))
        names = [record.name, *(m.text for m in record.mentions if m.start < chunk.start_char)]
        for name in names:
            tokens, every = _name_words(name)
            if not wanted.isdisjoint(every if what == "place" else tokens[-1:]) and _in_order(
                words, tokens
            ):
                return record
    return None


@lru_cache(maxsize=8192)  # every chunk rereads every earlier name: split each name once
def _name_words(name: str) -> tuple[tuple[str, ...], frozenset[str]]:
    tokens = tuple(name.lower().replace("-", " ").split())
    return tokens, frozenset(tokens)


def _in_order(words: list[str], name: Sequence[str]) -> bool:
    """Every word of the description ('task force') is a word of the name, in its order."""
    position = 0
    for word in words:
        if word not in name[position:]:
            return False
        position = name.index(word, position) + 1
    return True


def _titled(
    chunk: Span, named: list[tuple[int, str, Actor | Place]], doc: Doc, head: str
) -> Actor | None:
    """'the secretary' after 'Secretary Kerry': the latest person whose mention the text
    opened with that title."""
    if head not in TITLES:
        return None
    for start, what, record in reversed(named):
        if start >= chunk.start_char or what != "actor" or record.kind != "person":
            continue
        token = doc.char_span(start, start + 1, alignment_mode="expand")
        if token is None:
            continue
        before = {t.lower_ for t in doc[max(0, token.start - 4) : token.start]}
        if head in before or chunk.root.lower_ in before:
            return record  # type: ignore[return-value]
    return None


def _introduces_a_name(chunk: Span) -> bool:
    """'the Lebanese group Hizbollah', 'the Syrian fighting group Nour al-Din al-Zinki': a
    description right before a proper name introduces that name; it points back to nothing."""
    after = chunk.root.i + 1
    doc = chunk.doc
    return (
        chunk.root.i == chunk.end - 1
        and after < len(doc)
        and doc[after].pos_ == "PROPN"
        and doc[after].is_title
    )


def _plural_of_one(root: Token, head: str, actor_heads: Mapping[str, frozenset[str]]) -> bool:
    """'groups' whose lexicon head is 'group': the plural of a head that names one body (the
    lexicon lists the plural heads that name one, "militants", "forces", as they are)."""
    return root.tag_ in {"NNS", "NNPS"} and head in actor_heads and root.lower_ not in actor_heads


def _narrowed(
    chunk: Span,
    head: str,
    actor_heads: Mapping[str, frozenset[str]],
    modifier_kinds: Mapping[str, frozenset[str]],
) -> Mapping[str, frozenset[str]]:
    """'the extremist group', 'this terrorist organization': a modifier that names what kind
    of actor the description is narrows the kinds its head refers to (to terrorist groups:
    the rebels named just before are not 'the extremist group')."""
    for token in chunk:
        if token.i != chunk.root.i and token.lower_ in modifier_kinds and head in actor_heads:
            return {**actor_heads, head: actor_heads[head] & modifier_kinds[token.lower_]}
    return actor_heads


def _antecedent(
    chunk: Span,
    named: list[tuple[int, str, Actor | Place]],
    sentence_starts: list[int],
    head: str,
    actor_heads: Mapping[str, frozenset[str]],
    place_heads: Mapping[str, frozenset[str]],
) -> Actor | Place | None:
    own = max((i for i, s in enumerate(sentence_starts) if s <= chunk.start_char), default=0)
    window_start = sentence_starts[max(0, own - LOOKBACK_SENTENCES)]
    for start, what, record in reversed(named):
        if start >= chunk.start_char:
            continue
        if start < window_start:
            return None
        if what == "actor" and head in actor_heads and record.kind in actor_heads[head]:
            if head in COALITION_WORDS and not _called(record, head):
                continue  # "the international coalition" is no Peshmerga named just before
            return record
        if what == "place" and head in place_heads and record.feature in place_heads[head]:
            return record
    return None


def _called(record: Actor | Place, word: str) -> bool:
    """The record's name or one of its aliases has this word ("US-led coalition")."""
    names = [record.name, *getattr(record, "aliases", [])]
    return any(word in _name_words(name)[1] for name in names)
