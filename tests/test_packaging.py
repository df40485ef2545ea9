"""The declared dependencies are complete for every pip a new user may have.

pip before 23.3 compares extra names as written: a dependency asking for `lxml[html_clean]`
gets nothing from lxml's extra `html-clean`, so whatever that extra pulls in must be one of
our own dependencies or a stock `python3 -m venv` install breaks at import time.
"""

from __future__ import annotations

import importlib.metadata as metadata

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name


def _requires(dist: str, extra: str = "") -> list[Requirement]:
    """The requirements of an installed distribution that apply with `extra` ("" for none)."""
    found = []
    for line in metadata.requires(dist) or []:
        req = Requirement(line)
        if req.marker is None or req.marker.evaluate({"extra": extra}):
            if extra and (req.marker is None or "extra" not in str(req.marker)):
                continue  # with an extra, only what the extra adds
            found.append(req)
    return found


def unmatched_extras() -> list[tuple[str, str, str]]:
    """(who asks, for which `pkg[extra]`, the package pip < 23.3 would miss) in our tree."""
    direct = {canonicalize_name(r.name) for r in _requires("flashpoint")}
    missing: list[tuple[str, str, str]] = []
    todo, seen = ["flashpoint"], set()
    while todo:
        dist = todo.pop()
        if canonicalize_name(dist) in seen:
            continue
        seen.add(canonicalize_name(dist))
        for req in _requires(dist):
            try:
                provides = metadata.metadata(req.name).get_all("Provides-Extra") or []
            except metadata.PackageNotFoundError:
                continue
            todo.append(req.name)
            for extra in sorted(req.extras):
                declared = next(
                    (p for p in provides if canonicalize_name(p) == canonicalize_name(extra)), None
                )
                if declared is None:
                    continue
                for sub in _requires(req.name, declared):
                    todo.append(sub.name)
                    if declared != extra and canonicalize_name(sub.name) not in direct:
                        missing.append((dist, f"{req.name}[{extra}]", sub.name))
    return sorted(missing)


def test_packaging_extras_old_pip_cannot_match_are_declared_directly():
    assert unmatched_extras() == []
