"""A document's actors merge into the store in a few statements, with the decisions made one
actor after another as before: earlier actors' aliases count, dates widen, ids are stable."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import event, select

from flashpoint.model import Actor
from flashpoint.store import schema
from flashpoint.store.actor_writer import write_actors

D = dt.date


def discovered(local_id: str, name: str, *aliases: str) -> Actor:
    return Actor(id=local_id, name=name, kind="armed_group", known=False, aliases=list(aliases))


def known(local_id: str, name: str, *aliases: str) -> Actor:
    return Actor(id=local_id, name=name, kind="armed_group", known=True, aliases=list(aliases))


def test_actor_writer_a_later_actor_joins_an_earlier_one_of_the_same_document(db):
    actors = [
        discovered("a1", "Northern Storm Brigade", "Storm Brigade"),
        discovered("a2", "Storm Brigade"),  # an alias the first actor added just now
    ]
    with db.write() as connection:
        keys = write_actors(connection, actors, D(2017, 5, 1))
    assert keys == ["name:northern storm brigade", "name:northern storm brigade"]
    with db.connect() as connection:
        rows = connection.execute(select(schema.actors.c.id)).all()
        aliases = connection.execute(select(schema.aliases.c.norm)).scalars().all()
    assert [r.id for r in rows] == ["name:northern storm brigade"]
    assert sorted(aliases) == ["northern storm brigade", "storm brigade"]


def test_actor_writer_prefers_a_registry_actor_then_the_smaller_id(db):
    with db.write() as connection:
        write_actors(
            connection,
            [known("zz_brigade", "Storm Brigade"), discovered("x", "Storm Brigade Fighters", "SB")],
            D(2017, 5, 1),
        )
        write_actors(connection, [discovered("y", "Storm Brigade Fighters")], D(2017, 5, 2))
    with db.write() as connection:
        keys = write_actors(connection, [discovered("z", "Storm Brigade", "SB")], D(2017, 5, 3))
    # "Storm Brigade" belongs to the registry actor, "SB" to the discovered one: the registry wins
    assert keys == ["zz_brigade"]


def test_actor_writer_widens_stored_dates_once_per_document(db):
    with db.write() as connection:
        write_actors(connection, [known("sb", "Storm Brigade")], D(2017, 5, 10))
    with db.write() as connection:
        write_actors(connection, [known("sb", "Storm Brigade")], D(2017, 5, 2))
        write_actors(connection, [known("sb", "Storm Brigade")], None)  # no date: unchanged
    with db.connect() as connection:
        row = connection.execute(select(schema.actors)).one()
    assert (row.first_seen, row.last_seen) == (D(2017, 5, 2), D(2017, 5, 10))


def test_actor_writer_statements_do_not_grow_with_the_actors(db):
    with db.write() as connection:
        write_actors(connection, [known("sb", "Storm Brigade")], D(2017, 5, 1))
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        statements.append(statement.split()[0])

    actors = [discovered(f"d{i}", f"Brigade Number {i}", f"B{i}") for i in range(30)]
    actors.append(known("sb", "Storm Brigade"))
    with db.write() as connection:  # counted from after BEGIN (and PostgreSQL's merge lock)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            keys = write_actors(connection, actors, D(2017, 6, 1))
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    assert len(set(keys)) == 31
    # the owners of the names, the rows, one INSERT of actors, one UPDATE, one INSERT of aliases
    assert statements == [
        "SELECT",
        "SELECT",
        "INSERT",
        "UPDATE",
        "INSERT",
    ]
