"""The trigger and cue lexicons, loaded from data files so analysts can extend them.

Shipped files live in `flashpoint/data/lexicons/`; users add theirs with `--lexicon FILE`
(or `FLASHPOINT_LEXICONS`, os.pathsep-separated). Event triggers in later files are added to
the shipped ones; cue lists are merged (union).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from flashpoint.errors import LEXICON_INVALID, FlashpointError
from flashpoint.model import PLOVER_TYPES


@dataclass(frozen=True)
class Trigger:
    """What one trigger lemma means: a PLOVER type and mode, with CAMEO and ACLED codes."""

    type: str
    mode: str | None
    cameo: str | None
    acled: tuple[str, str] | None
    objects: frozenset[str] | None = None
    not_objects: frozenset[str] = frozenset()  # words that give the lemma another sense
    only_if: str | None = None


@dataclass
class Lexicon:
    triggers: dict[tuple[str, str], list[Trigger]] = field(default_factory=dict)
    cues: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)

    def cue(self, section: str, name: str) -> frozenset[str]:
        return self.cues.get(section, {}).get(name, frozenset())

    def triggers_for(self, lemma: str, pos: str) -> list[Trigger]:
        return self.triggers.get((lemma, pos), [])

    @classmethod
    def load(cls, extra: Iterable[str | Path] = ()) -> Lexicon:
        """Load the shipped lexicons, then each extra file in order."""
        base = resources.files("flashpoint") / "data" / "lexicons"
        paths: list[tuple[str, str]] = [
            (str(base / name), (base / name).read_text(encoding="utf-8"))
            for name in ("events.yaml", "cues.yaml")
        ]
        env = os.environ.get("FLASHPOINT_LEXICONS", "")
        for item in [*[p for p in env.split(os.pathsep) if p], *extra]:
            path = Path(item)
            if not path.is_file():
                raise FlashpointError(LEXICON_INVALID, f"lexicon file not found: {path}")
            try:
                paths.append((str(path), path.read_text(encoding="utf-8")))
            except (UnicodeDecodeError, OSError) as exc:
                reason = "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else exc.strerror
                raise FlashpointError(LEXICON_INVALID, f"{path}: cannot read: {reason}") from exc

        triggers: dict[tuple[str, str], list[Trigger]] = defaultdict(list)
        cues: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for name, text in paths:
            try:
                data = yaml.safe_load(text) or {}
            except yaml.YAMLError as exc:
                raise FlashpointError(LEXICON_INVALID, f"{name}: not valid YAML: {exc}") from exc
            if not isinstance(data, dict):
                raise FlashpointError(LEXICON_INVALID, f"{name}: expected a mapping at top level")
            if not isinstance(data.get("triggers") or [], list):
                raise FlashpointError(LEXICON_INVALID, f"{name}: triggers: expected a list")
            for index, entry in enumerate(data.get("triggers") or []):
                for key, trigger in _parse_trigger(name, index, entry):
                    triggers[key].append(trigger)
            for section, lists in data.items():
                if section in ("version", "triggers"):
                    continue
                if not isinstance(lists, dict):
                    raise FlashpointError(LEXICON_INVALID, f"{name}: {section}: expected lists")
                for list_name, words in lists.items():
                    if not isinstance(words or [], list):
                        raise FlashpointError(
                            LEXICON_INVALID, f"{name}: {section}.{list_name}: expected a list"
                        )
                    where = f"{name}: {section}.{list_name}"
                    cues[section][list_name].update(_word(w, where) for w in words or [])
        return cls(
            triggers=dict(triggers),
            cues={s: {n: frozenset(ws) for n, ws in d.items()} for s, d in cues.items()},
        )


def _parse_trigger(name: str, index: int, entry: dict) -> list[tuple[tuple[str, str], Trigger]]:
    where = f"{name}: trigger #{index + 1}"
    if not isinstance(entry, dict) or "lemmas" not in entry or "type" not in entry:
        raise FlashpointError(LEXICON_INVALID, f"{where}: needs 'lemmas' and 'type'")
    if entry["type"] not in PLOVER_TYPES:
        raise FlashpointError(LEXICON_INVALID, f"{where}: unknown PLOVER type {entry['type']!r}")
    acled = entry.get("acled")
    if acled is not None and (not isinstance(acled, list) or len(acled) != 2):
        raise FlashpointError(LEXICON_INVALID, f"{where}: acled must be [event_type, sub_type]")
    objects = entry.get("objects")
    not_objects = entry.get("not_objects") or []
    trigger = Trigger(
        type=entry["type"],
        mode=entry.get("mode"),
        cameo=str(entry["cameo"]) if entry.get("cameo") is not None else None,
        acled=tuple(acled) if acled else None,
        objects=frozenset(_word(o, f"{where}: objects") for o in objects) if objects else None,
        not_objects=frozenset(_word(o, f"{where}: not_objects") for o in not_objects),
        only_if=entry.get("only_if"),
    )
    pos_list = entry.get("pos") or ["VERB"]
    return [((str(lemma).lower(), pos), trigger) for lemma in entry["lemmas"] for pos in pos_list]


def _word(value: object, where: str) -> str:
    """A cue word, lower case. YAML reads an unquoted no, yes, on or off as true or false:
    say so, instead of silently matching the word 'false'."""
    if isinstance(value, bool):
        raise FlashpointError(
            LEXICON_INVALID,
            f'{where}: {str(value).lower()} is not a word; quote it ("no", "on", "off")',
        )
    return str(value).lower()
