"""Merge a document's actors into the store with a handful of statements, not four per actor.

Each actor of an analysis takes a canonical id (its registry id, the stored actor one of its
names is an alias of, or a new id from its name), then its row is inserted or its first and
last dates widened, and its names are added as aliases. Done actor by actor, that was a
SELECT of alias owners, a SELECT of the row, an INSERT or UPDATE and an INSERT of aliases for
each of some twenty actors a document: the largest share of the writer's statements. Here the
store is read once (the owners of every name of the document, then every row any actor can
resolve to), the same decisions are made in order in memory (an actor sees the aliases the
document's earlier actors added, as it saw them in the store before), and the rows go in with
one INSERT per table and one UPDATE for the rows that existed. The tables come out the same,
row for row (`tests/store/test_actor_writer.py`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from flashpoint.model import Actor
from flashpoint.store import schema
from flashpoint.store.merge import actor_key, normalise_name
from flashpoint.store.prepared import alias_owners_by_norm, by_id, rows_by_ids
from flashpoint.store.schema import KEY_CHARS
from flashpoint.store.upsert import insert_ignore

CHUNK = 500  # ids or names per IN (...) list, under every backend's limit of bind parameters


@dataclass
class _Row:
    """What the merge reads of a stored (or just written) actor row."""

    known: bool
    first_seen: dt.date | None
    last_seen: dt.date | None
    stored: bool  # stored before this document (a change is an UPDATE, not part of the INSERT)


def _key(value: str) -> str:
    return value[:KEY_CHARS]


def _norms(actor: Actor) -> list[str]:
    """The looked-up forms of an unknown actor's names, in order, once each."""
    norms = [normalise_name(n)[:KEY_CHARS] for n in [actor.name, *actor.aliases]]
    return [n for n in dict.fromkeys(norms) if n]


def _alias_rows(actor: Actor, key: str) -> list[dict[str, Any]]:
    names = dict.fromkeys([actor.name, *actor.aliases, *(m.text for m in actor.mentions)])
    rows: dict[str, dict[str, Any]] = {}
    for name in names:
        norm = normalise_name(name)
        if norm and norm not in rows:
            rows[norm] = {"actor_id": key, "norm": norm[:KEY_CHARS], "alias": name.strip()}
    return list(rows.values())


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(values), CHUNK):
        yield values[i : i + CHUNK]


def _stored_owners(connection: Connection, norms: Iterable[str]) -> dict[str, set[str]]:
    """Alias form -> the stored actors holding it."""
    owners: dict[str, set[str]] = {}
    for chunk in _chunks(list(dict.fromkeys(norms))):
        for row in connection.execute(alias_owners_by_norm(), {"norms": chunk}):
            owners.setdefault(row.norm, set()).add(row.actor_id)
    return owners


def _stored_rows(connection: Connection, ids: Iterable[str]) -> dict[str, _Row]:
    rows: dict[str, _Row] = {}
    for chunk in _chunks(list(dict.fromkeys(ids))):
        for row in connection.execute(rows_by_ids("actors"), {"ids": chunk}):
            rows[row.id] = _Row(bool(row.known), row.first_seen, row.last_seen, stored=True)
    return rows


def write_actors(
    connection: Connection, actors: list[Actor], published: dt.date | None
) -> list[str]:
    """Merge `actors` (in order) into the store; returns the canonical id of each."""
    unknown_norms = {id(a): _norms(a) for a in actors if not a.known}
    owners = _stored_owners(connection, (n for ns in unknown_norms.values() for n in ns))
    # every id an actor can resolve to: its registry id, a stored owner of one of its names,
    # the id from its name (an owner added by this document is one of these too)
    candidates = [_key(a.id) if a.known else _key(actor_key(a)) for a in actors]
    candidates += [owner for held in owners.values() for owner in sorted(held)]
    rows = _stored_rows(connection, candidates)
    keys: list[str] = []
    inserts: list[dict[str, Any]] = []
    updated: dict[str, None] = {}
    aliases: list[dict[str, Any]] = []
    for actor in actors:
        key = _resolve(actor, unknown_norms.get(id(actor), []), owners, rows)
        keys.append(key)
        row = rows.get(key)
        if row is None:
            rows[key] = _Row(actor.known, published, published, stored=False)
            inserts.append(
                {
                    "id": key,
                    "name": actor.name,
                    "kind": actor.kind,
                    "country": actor.country,
                    "parent": actor.parent,
                    "known": actor.known,
                    "first_seen": published,
                    "last_seen": published,
                }
            )
        elif published is not None:
            row.first_seen = min(filter(None, [row.first_seen, published]))
            row.last_seen = max(filter(None, [row.last_seen, published]))
            if row.stored:  # a row inserted by this document already has these dates
                updated[key] = None
        for alias in _alias_rows(actor, key):
            aliases.append(alias)
            owners.setdefault(alias["norm"], set()).add(key)
    # insert-or-ignore: another writer on a shared server may be first
    insert_ignore(connection, schema.actors, inserts)
    if updated:
        connection.execute(
            by_id("actors"),
            [
                {"row_id": k, "first_seen": rows[k].first_seen, "last_seen": rows[k].last_seen}
                for k in updated
            ],
        )
    insert_ignore(connection, schema.aliases, aliases)
    return keys


def _resolve(
    actor: Actor, norms: list[str], owners: dict[str, set[str]], rows: dict[str, _Row]
) -> str:
    """The canonical id: registry id, or an actor holding one of its names as an alias (a
    registry actor before a discovered one, then by id), or a new id from its name."""
    if actor.known:
        return _key(actor.id)
    # an alias whose actor row is gone (a hand-edited store) names no one, as the join did
    held = {owner for norm in norms for owner in owners.get(norm, ()) if owner in rows}
    if held:
        return min(held, key=lambda owner: (not rows[owner].known, owner))
    return _key(actor_key(actor))
