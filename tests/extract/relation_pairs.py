"""Relations of one analysis as unordered name pairs, for tests that ask who is paired with whom."""

from __future__ import annotations


def pairs(result, type_: str) -> set[frozenset[str]]:
    names = {a.id: a.name for a in result.actors}
    return {
        frozenset({names.get(r.source, r.source), names.get(r.target, r.target)})
        for r in result.relations
        if r.type == type_
    }
