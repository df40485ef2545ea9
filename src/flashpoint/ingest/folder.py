"""The documents in a folder, as `flashpoint analyze`, `geoparse` and `ingest` all read it.

Every file under the folder, sorted, except hidden files and the folder's notes about its
articles: README files and YAML (a `metadata.yaml` sidecar, expected answers, registries),
which are never articles. A `metadata.yaml` beside a file gives its title, outlet and
publication date (see `examples/metadata.yaml`); flags given on the command line win.

    >>> [p.name for p in folder_documents(Path("examples"))][:2]
    ['drc_goma_m23_advance.txt', 'lebanon_border_majdal_shams.txt']
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml

SIDECAR = "metadata.yaml"
NOTE_SUFFIXES = (".yaml", ".yml")


def is_note(path: Path) -> bool:
    """A README or a YAML file: about the folder's articles, not one of them."""
    return path.name.lower().startswith("readme") or path.suffix.lower() in NOTE_SUFFIXES


def folder_documents(folder: Path) -> list[Path]:
    """The files under `folder` that hold documents, in order (see the module docstring)."""
    found = []
    for child in sorted(folder.rglob("*")):
        relative = child.relative_to(folder).parts
        hidden = any(p.startswith(".") for p in relative)
        if child.is_file() and not hidden and not is_note(child):
            found.append(child)
    return found


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


@functools.lru_cache(maxsize=64)
def _sidecar(path: Path, _mtime_ns: int) -> dict[str, dict[str, Any]]:
    """The sidecar's entries, parsed once per folder (a folder of 10,000 files reads it once)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        str(name): {
            "title": entry.get("title"),
            "outlet": entry.get("outlet"),
            "published": _date(entry.get("published")),
        }
        for name, entry in data.items()
        if isinstance(entry, dict)
    }


def sidecar_metadata(path: Path) -> dict[str, Any]:
    """Title, outlet and published for a file from the `metadata.yaml` beside it ({} if none),
    so a folder of plain-text articles can carry their dates and outlets."""
    sidecar = path.parent / SIDECAR
    try:
        mtime = sidecar.stat().st_mtime_ns
    except OSError:
        return {}
    return dict(_sidecar(sidecar, mtime).get(path.name, {}))
