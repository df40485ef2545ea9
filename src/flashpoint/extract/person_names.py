"""Short forms of people named in full: 'Kholeh', 'Zarqawi' after 'Abu Musab al-Zarqawi',
'Keating' after 'Charles H. Keating IV', 'bin Laden' after 'Osama bin Laden'. An analyst
wants one actor per person, with every way the text names them among its mentions."""

from __future__ import annotations

from spacy.tokens import Doc

from flashpoint.extract.actor_table import ActorTable
from flashpoint.model import Actor

# what follows a surname without being one ("John R. Dawson Jr.", "Charles H. Keating IV")
NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v"}
# the Arabic article joined to a name by a hyphen ("al-Zarqawi" is "Zarqawi" for short)
ARTICLES = ("al-", "el-", "al\u2011", "el\u2011")
# lowercase words that belong inside a person's name
PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "van", "von", "der", "la", "le"}


def name_key(word: str) -> str:
    """A name word as the text may shorten it: casefolded, without its joined article."""
    word = word.casefold()
    for article in ARTICLES:
        if word.startswith(article) and len(word) > len(article):
            return word[len(article) :]
    return word


def name_words(name: str) -> list[str]:
    """The words of a person's name as keys, suffixes left out."""
    return [name_key(w) for w in name.split() if w.casefold() not in NAME_SUFFIXES]


def _full_names(person: Actor) -> set[str]:
    """The person's name and the full names the text gave them; a mention that is a role
    ('the leader of Hezbollah', 'commander of Forbin') is no name of theirs."""
    names = {person.name}
    for mention in person.mentions:
        words = mention.text.split()
        if len(words) > 1 and all(w[:1].isupper() or w.casefold() in PARTICLES for w in words):
            names.add(mention.text)
    return names


def person_short_forms(doc: Doc, table: ActorTable) -> None:
    """A capitalised word that is one person's surname becomes a mention of them (and no
    longer a place the NER or the place model made of it: 'Keating' is the petty officer);
    a person or organisation the NER found whose words are all in one person's full name
    ('Abu Musab', 'bin Laden', 'Kholeh') is merged into that person."""
    people = [a for a in table.actors.values() if a.kind == "person" and " " in a.name]
    if not people:
        return
    surnames: dict[str, list[Actor]] = {}
    for person in people:
        for full in _full_names(person):
            words = [w for w in full.split() if w.casefold() not in NAME_SUFFIXES]
            if len(words) < 2:
                continue
            keys = {words[-1].casefold()}
            if len(words) >= 3:
                # 'Zarqawi' for 'Abu Musab al-Zarqawi'; a two-word 'X al-Y' is as often a
                # place or a group the NER took for a person ('Daraa al-Balad')
                keys.add(name_key(words[-1]))
            for key in keys:
                owners = surnames.setdefault(key, [])
                if person not in owners:
                    owners.append(person)
    claimed: set[tuple[int, int]] = set()
    for token in doc:
        owners = surnames.get(token.text.casefold())
        if (
            not owners
            or len(owners) != 1
            or not token.is_title
            or token.pos_ != "PROPN"
            or token.i in table.by_token
        ):
            continue
        start = token.i
        if start >= 2 and doc[start - 1].text == "-" and doc[start - 2].lower_ in {"al", "el"}:
            start -= 2  # "al-Zarqawi", which the tokenizer splits in three
        if any(i in table.by_token for i in range(start, token.i)):
            start = token.i
        table.add(doc, owners[0], start, token.i + 1, "coref")
        claimed.add((doc[start].idx, token.idx + len(token.text)))
    if claimed:
        table.place_names[:] = [span for span in table.place_names if span not in claimed]
    _merge_partial_names(table, people)


def _merge_partial_names(table: ActorTable, people: list[Actor]) -> None:
    merged: dict[str, str] = {}
    for actor in list(table.actors.values()):
        if actor.known or actor.kind not in {"person", "organisation"}:
            continue
        if actor.kind == "organisation" and " " in actor.name:
            continue
        words = set(name_words(actor.name))
        if not words:
            continue
        owners = [
            p
            for p in people
            if p.id != actor.id
            and any(
                words < set(name_words(full)) or (words == set(name_words(full)) and p.known)
                for full in _full_names(p)
            )
        ]
        if len(owners) == 1:
            merged[actor.id] = owners[0].id
    for short_id, full_id in merged.items():
        while full_id in merged:  # 'Abu Musab' -> 'Musab al-Zarqawi' -> the full name
            full_id = merged[full_id]
        if short_id not in table.actors or full_id not in table.actors or short_id == full_id:
            continue
        short = table.actors.pop(short_id)
        full = table.actors[full_id]
        for mention in table.mentions:
            if mention.actor_id == short_id:
                mention.actor_id = full_id
        full.mentions.extend(short.mentions)
        for alias in [short.name, *short.aliases]:
            if alias not in full.aliases and alias != full.name:
                full.aliases.append(alias)
