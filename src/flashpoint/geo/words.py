"""The geoparser's word lists, read from `data/lexicons/toponyms.yaml`.

They are data an analyst may extend (another title, another institution word) without editing
the package: a YAML file with a `toponyms:` mapping of lists, named in FLASHPOINT_LEXICONS
(os.pathsep-separated, as for the extraction lexicons), is merged into the shipped lists. The
lists are read once, when the geoparser is imported.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path

import yaml

from flashpoint.errors import LEXICON_INVALID, FlashpointError


@dataclass(frozen=True)
class PlaceWords:
    generic_heads: frozenset[str]
    direction_heads: frozenset[str]
    institution_heads: frozenset[str]
    site_words: frozenset[str]
    titles: frozenset[str]
    generic_names: frozenset[str]
    leading_directions: frozenset[str]
    time_zones: frozenset[str]
    months: frozenset[str]
    weekdays: frozenset[str]
    time_words: frozenset[str]
    language_verbs: frozenset[str]
    prenominal: frozenset[str]
    facility_heads: frozenset[str]
    locative_words: frozenset[str]


def load_place_words(extra: tuple[str | Path, ...] = ()) -> PlaceWords:
    """The shipped lists, with the `toponyms` lists of FLASHPOINT_LEXICONS files and `extra`."""
    shipped = resources.files("flashpoint") / "data" / "lexicons" / "toponyms.yaml"
    texts = [("toponyms.yaml", shipped.read_text(encoding="utf-8"))]
    env = [p for p in os.environ.get("FLASHPOINT_LEXICONS", "").split(os.pathsep) if p]
    for item in [*env, *extra]:
        path = Path(item)
        if not path.is_file():
            raise FlashpointError(LEXICON_INVALID, f"lexicon file not found: {path}")
        texts.append((str(path), path.read_text(encoding="utf-8")))
    names = [f.name for f in fields(PlaceWords)]
    words: dict[str, set[str]] = {name: set() for name in names}
    for source, text in texts:
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise FlashpointError(LEXICON_INVALID, f"{source}: not valid YAML: {exc}") from exc
        section = data.get("toponyms") if isinstance(data, dict) else None
        if section is None:
            continue
        if not isinstance(section, dict):
            raise FlashpointError(LEXICON_INVALID, f"{source}: toponyms: expected lists")
        for name, values in section.items():
            if name not in words:
                known = ", ".join(names)
                raise FlashpointError(
                    LEXICON_INVALID, f"{source}: toponyms: unknown list {name!r} (known: {known})"
                )
            words[name].update(str(v).lower() for v in values or [])
    return PlaceWords(**{name: frozenset(values) for name, values in words.items()})


WORDS = load_place_words()
