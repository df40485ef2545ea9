"""The actor registry: canonical actors, their names and their ties, loaded from YAML files.

The extractor links text mentions to actors through this registry, and the relation and flashpoint
stages read its background knowledge (patrons with years, allies, enemies, rivals). The shipped
files live in `flashpoint/data/actors/*.yaml`; users add or override actors with their own files
(`--registry FILE`, or the `FLASHPOINT_REGISTRY` environment variable) without touching the package.

Example:
    >>> reg = ActorRegistry.load()
    >>> [a.id for a in reg.lookup("SDF")]
    ['sdf']
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Literal

import pycountry
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from flashpoint.errors import REGISTRY_INVALID, REGISTRY_NOT_FOUND, FlashpointError
from flashpoint.model import ActorKind

ENV_VAR = "FLASHPOINT_REGISTRY"
SurfaceKind = Literal["alias", "descriptor", "demonym"]

_ID = re.compile(r"^[a-z0-9_]+$")
_QUOTES = "\u2018\u2019\u02bc\u2032`\u00b4"  # curly single quotes, primes, backticks
_DQUOTES = "\u201c\u201d\u201e\u00ab\u00bb"  # curly double quotes, guillemets
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"  # hyphens, en/em dashes, minus
_CHARS = str.maketrans(
    _QUOTES + _DQUOTES + _DASHES + "\u00a0",
    "'" * len(_QUOTES) + '"' * len(_DQUOTES) + "-" * len(_DASHES) + " ",
)
_EDGE = " \t\r\n\"'.,;:!?()[]{}*"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml is ~8x faster when present
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_SPACES = re.compile(r"[\s\-]+")
FIND_CACHE_SIZE = 50_000  # memoised look-ups kept per registry (~12 MiB full), then begun anew


@lru_cache(maxsize=65536)
def normalize(surface: str) -> str:
    """The comparable form of a name: quotes and dashes unified, 'the'/possessive/dots dropped.

    Hyphens count as spaces and inner apostrophes vanish, so "al-Qaeda" == "al Qaeda" and
    "Hay'at" == "Hayat". Case is kept: `is_acronym` decides whether it matters. Each step runs only
    when the text needs it, because the extractor calls this for every n-gram of a document.
    """
    text = surface.translate(_CHARS).strip(_EDGE)
    if text[-2:] in ("'s", "'S"):
        text = text[:-2].strip(_EDGE)
    if text[:4].lower() == "the " or (text[:3].lower() == "the" and text[3:4].isspace()):
        text = _THE.sub("", text)
    if "." in text or "'" in text or '"' in text:
        text = text.replace(".", "").replace("'", "").replace('"', "")
    if "-" in text or "  " in text or not text.isprintable():
        text = _SPACES.sub(" ", text).strip()
    return text


def is_acronym(normalized: str) -> bool:
    """True for a name written in capitals of up to five letters ("IS", "SDF", "US", "M23")."""
    if " " in normalized:
        return False
    letters = [c for c in normalized if c.isalpha()]
    return 0 < len(letters) <= 5 and all(c.isupper() for c in letters)


class Patronage(BaseModel):
    """One patron of an actor, with the years the backing held (None = open-ended)."""

    model_config = ConfigDict(extra="forbid")

    id: str
    since: int | None = None
    until: int | None = None
    support: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ordered(self) -> Patronage:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"patron {self.id!r}: since {self.since} is after until {self.until}")
        return self

    def covers(self, year: int | None) -> bool:
        """Whether this backing held in `year` (always true when the year is unknown)."""
        if year is None:
            return True
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )


class ActiveRange(BaseModel):
    """The years an actor existed as itself, inclusive (None = open-ended), written
    `active: {from: 2015}` or `active: {from: 2016, until: 2021}`.

    An actor outside its range is not a party to the conflict that year: coalitions leave it
    out, and a renamed group (Jabhat al-Nusra -> HTS) hands over to its successor."""

    model_config = ConfigDict(extra="forbid")

    since: int | None = Field(None, alias="from", ge=1800, le=2200)
    until: int | None = Field(None, ge=1800, le=2200)

    @model_validator(mode="after")
    def _ordered(self) -> ActiveRange:
        if self.since is not None and self.until is not None and self.since > self.until:
            raise ValueError(f"active from {self.since} is after until {self.until}")
        return self

    def covers(self, year: int | None) -> bool:
        """Whether the actor existed in `year` (always true when the year is unknown)."""
        if year is None:
            return True
        return (self.since is None or self.since <= year) and (
            self.until is None or year <= self.until
        )


class RegistryActor(BaseModel):
    """One canonical actor as written in a registry file; unknown keys are an error."""

    model_config = ConfigDict(extra="forbid")

    id: str
    name: str
    kind: ActorKind
    country: str | None = None
    aliases: list[str] = Field(default_factory=list)
    descriptors: list[str] = Field(default_factory=list)
    demonyms: list[str] = Field(default_factory=list)
    government: str | None = None
    forces: str | None = None
    parent: str | None = None
    member_of: list[str] = Field(default_factory=list)
    leaders: list[str] = Field(default_factory=list)
    leads: list[str] = Field(default_factory=list)
    patrons: list[Patronage] = Field(default_factory=list)
    allies: list[str] = Field(default_factory=list)
    enemies: list[str] = Field(default_factory=list)
    rivals: list[str] = Field(default_factory=list)
    theatres: list[str] = Field(default_factory=list)
    active: ActiveRange | None = None
    note: str | None = None

    @field_validator("id")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _ID.match(value):
            raise ValueError(f"id {value!r} must be a lowercase slug [a-z0-9_]+")
        return value

    @field_validator("country")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is not None and (
            len(value) != 2 or not value.isupper() or pycountry.countries.get(alpha_2=value) is None
        ):
            raise ValueError(f"country {value!r} is not an ISO 3166-1 alpha-2 code")
        return value

    @model_validator(mode="after")
    def _patrons_within_life(self) -> RegistryActor:
        """A backing that ended before the actor existed is a typo in one of the years."""
        start = self.active.since if self.active else None
        end = self.active.until if self.active else None
        for patron in self.patrons:
            if start is not None and patron.until is not None and patron.until < start:
                raise ValueError(f"patron {patron.id!r} ends in {patron.until}, before {start}")
            if end is not None and patron.since is not None and patron.since > end:
                raise ValueError(f"patron {patron.id!r} starts in {patron.since}, after {end}")
        return self

    def active_in(self, year: int | None) -> bool:
        """Whether the actor existed in `year`; an actor with no range always did."""
        return self.active is None or self.active.covers(year)

    def active_patrons(self, year: int | None) -> list[str]:
        """Ids of the patrons whose years cover `year` (all of them when `year` is None)."""
        return [p.id for p in self.patrons if p.covers(year)]

    def references(self) -> Iterator[tuple[str, str]]:
        """Every (field, id) this entry points at, for checking that the ids exist."""
        for name in ("parent", "government", "forces"):
            value = getattr(self, name)
            if value:
                yield name, value
        for name in ("member_of", "leaders", "leads", "allies", "enemies", "rivals"):
            for value in getattr(self, name):
                yield name, value
        for patron in self.patrons:
            yield "patrons", patron.id


def default_registry_files() -> list[Path]:
    """The shipped registry files, sorted by name."""
    folder = resources.files("flashpoint") / "data" / "actors"
    return sorted(Path(str(f)) for f in folder.iterdir() if f.name.endswith(".yaml"))


def _expand(path: Path) -> list[Path]:
    """A file as itself, a directory as its *.yaml files; missing paths are a user error."""
    if path.is_dir():
        files = sorted(path.glob("*.yaml")) + sorted(path.glob("*.yml"))
        if not files:
            raise FlashpointError(REGISTRY_NOT_FOUND, f"{path}: no *.yaml files in this directory")
        return files
    if not path.is_file():
        raise FlashpointError(REGISTRY_NOT_FOUND, f"{path}: registry file not found")
    return [path]


def _entry_label(raw: object, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return raw["id"]
    return f"entry {index + 1}"


def _explain(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    if first["type"] == "extra_forbidden":
        return f"unknown key {where!r}"
    message = first["msg"].removeprefix("Value error, ")
    return f"{where}: {message}" if where else message


def _state_only_fields(actor: RegistryActor) -> str | None:
    """Fields that only make sense for states (or persons) must not appear elsewhere."""
    if actor.kind != "state":
        for name in ("demonyms", "government", "forces", "rivals"):
            if getattr(actor, name):
                return f"{name!r} is for states only (kind is {actor.kind!r})"
    if actor.kind != "person" and actor.leads:
        return f"'leads' is for persons only (kind is {actor.kind!r})"
    return None


def read_registry_file(path: Path) -> list[RegistryActor]:
    """Parse and validate one YAML file of actors (references are checked after merging)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else "file"
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise FlashpointError(REGISTRY_INVALID, f"{path}: {line}: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise FlashpointError(REGISTRY_INVALID, f"{path}: cannot read: {exc}") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise FlashpointError(REGISTRY_INVALID, f"{path}: file: expected a YAML list of actors")
    actors: list[RegistryActor] = []
    seen: set[str] = set()
    for index, raw in enumerate(data):
        label = _entry_label(raw, index)
        if not isinstance(raw, dict):
            raise FlashpointError(REGISTRY_INVALID, f"{path}: {label}: expected a mapping")
        try:
            actor = RegistryActor.model_validate(raw)
        except ValidationError as exc:
            raise FlashpointError(REGISTRY_INVALID, f"{path}: {label}: {_explain(exc)}") from None
        if actor.id in seen:
            raise FlashpointError(REGISTRY_INVALID, f"{path}: {label}: duplicate id in this file")
        problem = _state_only_fields(actor)
        if problem:
            raise FlashpointError(REGISTRY_INVALID, f"{path}: {label}: {problem}")
        seen.add(actor.id)
        actors.append(actor)
    return actors


class ActorRegistry:
    """Canonical actors with indexes from every name, descriptor and demonym to the actors."""

    def __init__(self, actors: Iterable[RegistryActor] = ()) -> None:
        self._actors: dict[str, RegistryActor] = {}
        for actor in actors:
            self._actors[actor.id] = actor
        self._exact: dict[str, list[str]] = {}
        self._folded: dict[str, list[str]] = {}
        self._descriptors: dict[str, list[str]] = {}
        self._demonyms: dict[str, list[str]] = {}
        self._found: dict[tuple[int, str], tuple[RegistryActor, ...]] = {}
        for actor in self._actors.values():
            for name in (actor.name, *actor.aliases):
                self._index(self._exact, self._folded, name, actor.id)
            for phrase in actor.descriptors:
                self._index(self._descriptors, self._descriptors, phrase, actor.id)
            for word in actor.demonyms:
                self._index(self._demonyms, self._demonyms, word, actor.id)

    @staticmethod
    def _index(exact: dict, folded: dict, surface: str, actor_id: str) -> None:
        norm = normalize(surface)
        if not norm:
            return
        target, key = (exact, norm) if is_acronym(norm) else (folded, norm.casefold())
        ids = target.setdefault(key, [])
        if actor_id not in ids:
            ids.append(actor_id)

    @classmethod
    def load(
        cls, extra: Iterable[str | Path] = (), *, include_default: bool = True
    ) -> ActorRegistry:
        """Read the shipped files, then `FLASHPOINT_REGISTRY`, then `extra`; later ids win.

        `extra` items are YAML files or directories of *.yaml files. Any problem raises
        FlashpointError (REGISTRY_INVALID or REGISTRY_NOT_FOUND) naming the file and entry.
        """
        files: list[Path] = list(default_registry_files()) if include_default else []
        env = os.environ.get(ENV_VAR, "")
        paths = [Path(p) for p in env.split(os.pathsep) if p.strip()]
        paths += [Path(p) for p in extra]
        for path in paths:
            files.extend(_expand(path))
        merged: dict[str, RegistryActor] = {}
        origin: dict[str, Path] = {}
        for path in files:
            for actor in read_registry_file(path):
                merged[actor.id] = actor
                origin[actor.id] = path
        for actor in merged.values():
            for field, ref in actor.references():
                if ref not in merged:
                    raise FlashpointError(
                        REGISTRY_INVALID,
                        f"{origin[actor.id]}: {actor.id}: {field} refers to unknown id {ref!r}",
                    )
        return cls(merged.values())

    def get(self, actor_id: str) -> RegistryActor | None:
        """The actor with this id, or None."""
        return self._actors.get(actor_id)

    def __iter__(self) -> Iterator[RegistryActor]:
        return iter(self._actors.values())

    def __len__(self) -> int:
        return len(self._actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._actors

    def _find(self, exact: dict, folded: dict, surface: str) -> list[RegistryActor]:
        # the linker asks for every n-gram of every document, most of them many times over:
        # the registry never changes after loading, so each (index, surface) is answered once
        key = (id(exact), surface)
        found = self._found.get(key)
        if found is None:
            norm = normalize(surface)
            ids = exact.get(norm, []) + folded.get(norm.casefold(), []) if norm else []
            found = tuple(self._actors[i] for i in dict.fromkeys(ids))
            if len(self._found) >= FIND_CACHE_SIZE:
                self._found.clear()
            self._found[key] = found
        return list(found)

    def lookup(self, surface: str) -> list[RegistryActor]:
        """Every actor whose name or alias matches `surface` ("SDF", "the U.S.", "Russia's")."""
        return self._find(self._exact, self._folded, surface)

    def lookup_descriptor(self, surface: str) -> list[RegistryActor]:
        """Every actor one of whose descriptors matches ("Syrian troops", "the regime")."""
        return self._find(self._descriptors, self._descriptors, surface)

    def by_demonym(self, word: str) -> RegistryActor | None:
        """The state a demonym names ("Russian" -> russia, "U.S." -> united_states), or None."""
        found = self._find(self._demonyms, self._demonyms, word)
        return found[0] if found else None

    def surface_forms(self) -> list[tuple[str, str, SurfaceKind]]:
        """(surface, actor id, kind) for every name, alias, descriptor and demonym, as written."""
        forms: dict[tuple[str, str, SurfaceKind], None] = {}
        for actor in self._actors.values():
            for name in (actor.name, *actor.aliases):
                forms[(name, actor.id, "alias")] = None
            for phrase in actor.descriptors:
                forms[(phrase, actor.id, "descriptor")] = None
            for word in actor.demonyms:
                forms[(word, actor.id, "demonym")] = None
        return list(forms)
