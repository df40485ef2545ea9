"""Reading Dstl's re3d gold set: documents, entity spans and relations per source folder.

re3d ships per source folder three MongoDB exports (one JSON object per line):
documents.json, entities.json and relations.json. `load_re3d` reads either a directory of
such folders or one folder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from flashpoint.errors import EVAL_DATA_INVALID, EVAL_DATA_NOT_FOUND, FlashpointError

FILES = ("documents.json", "entities.json", "relations.json")


@dataclass(frozen=True)
class Re3dDocument:
    id: str
    folder: str
    title: str | None
    text: str


@dataclass(frozen=True)
class GoldEntity:
    doc: str
    type: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class GoldRelation:
    doc: str
    type: str
    source: tuple[int, int]
    target: tuple[int, int]
    source_text: str
    target_text: str


@dataclass
class Re3dCorpus:
    documents: list[Re3dDocument] = field(default_factory=list)
    entities: list[GoldEntity] = field(default_factory=list)
    relations: list[GoldRelation] = field(default_factory=list)


def _read_mongo_export(path: Path) -> Iterator[dict[str, Any]]:
    """One JSON object per line (mongoexport); a JSON array is accepted as well."""
    text = path.read_text("utf-8-sig")
    if text.lstrip().startswith("["):
        try:
            rows = json.loads(text)
        except json.JSONDecodeError as exc:
            raise FlashpointError(EVAL_DATA_INVALID, f"{path}: invalid JSON ({exc})") from exc
        yield from (r for r in rows if isinstance(r, dict))
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FlashpointError(
                EVAL_DATA_INVALID, f"{path}:{number}: not a JSON object ({exc.msg})"
            ) from exc
        if isinstance(row, dict):
            yield row


def source_folders(path: str | Path) -> list[Path]:
    """The re3d source folders under `path`, or `path` itself when it is one."""
    root = Path(path)
    if not root.is_dir():
        raise FlashpointError(EVAL_DATA_NOT_FOUND, f"re3d directory not found: {root}")
    if (root / "documents.json").is_file():
        return [root]
    folders = sorted(p for p in root.iterdir() if (p / "documents.json").is_file())
    if not folders:
        raise FlashpointError(
            EVAL_DATA_NOT_FOUND,
            f"no re3d data in {root}: expected documents.json here or in its sub-folders",
        )
    return folders


def _field(row: dict[str, Any], name: str, path: Path) -> Any:
    if name not in row:
        raise FlashpointError(EVAL_DATA_INVALID, f"{path}: a record lacks the field {name!r}")
    return row[name]


def load_re3d(path: str | Path) -> Re3dCorpus:
    """Read every source folder under `path` (or `path` as one folder)."""
    corpus = Re3dCorpus()
    for folder in source_folders(path):
        for row in _read_mongo_export(folder / "documents.json"):
            corpus.documents.append(
                Re3dDocument(
                    id=str(_field(row, "_id", folder)),
                    folder=folder.name,
                    title=row.get("title"),
                    text=str(_field(row, "text", folder)),
                )
            )
        entity_file = folder / "entities.json"
        if entity_file.is_file():
            for row in _read_mongo_export(entity_file):
                corpus.entities.append(
                    GoldEntity(
                        doc=str(_field(row, "documentId", entity_file)),
                        type=str(_field(row, "type", entity_file)),
                        start=int(_field(row, "begin", entity_file)),
                        end=int(_field(row, "end", entity_file)),
                        text=str(row.get("value", "")),
                    )
                )
        relation_file = folder / "relations.json"
        if relation_file.is_file():
            for row in _read_mongo_export(relation_file):
                get = lambda name, r=row, f=relation_file: _field(r, name, f)  # noqa: E731
                corpus.relations.append(
                    GoldRelation(
                        doc=str(get("documentId")),
                        type=str(get("type")),
                        source=(int(get("sourceBegin")), int(get("sourceEnd"))),
                        target=(int(get("targetBegin")), int(get("targetEnd"))),
                        source_text=str(row.get("source", "")),
                        target_text=str(row.get("target", "")),
                    )
                )
    return corpus
