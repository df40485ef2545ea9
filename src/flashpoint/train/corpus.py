"""The labelled corpus: one JSON object per line, written by the project (docs/training-data.md).

Spans are given as exact substrings of the item's text; the loader turns them into character
offsets and refuses an item whose substring is not there, so a typo cannot become a wrong label.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from flashpoint.errors import EVAL_DATA_INVALID, INPUT_NOT_FOUND, FlashpointError
from flashpoint.model import PLOVER_TYPES
from flashpoint.models.acled import ACLED_SUB_EVENT_NAMES

NONE = "NONE"
RELATION_TYPES = ("patron_of", "ally_of", "enemy_of", "member_of", "leads", "none")
MODALITIES = ("asserted", "negated", "threatened", "intended", "conditional", "speculative")


@dataclass(frozen=True)
class PairLabel:
    a: tuple[int, int]
    b: tuple[int, int]
    type: str


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    label: str  # ACLED short code or NONE
    plover: str  # PLOVER type or NONE
    theatre: str = "other"
    style: str = "wire"
    mode: str | None = None
    trigger: tuple[int, int] | None = None
    source: tuple[int, int] | None = None
    target: tuple[int, int] | None = None
    modality: str = "asserted"
    killed: int | None = None
    injured: int | None = None
    relations: tuple[PairLabel, ...] = field(default_factory=tuple)


def training_files() -> list[Path]:
    """The shipped training files, in name order."""
    folder = Path(str(resources.files("flashpoint") / "data" / "training" / "events"))
    return sorted(folder.glob("*.jsonl"))


def shipped_dev_file() -> Path:
    return Path(str(resources.files("flashpoint") / "data" / "eval" / "acled_dev.jsonl"))


def _span(text: str, value: object, where: str, near: int | None = None) -> tuple[int, int] | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: expected a string, got {value!r}")
    start = text.find(value)
    if start < 0:
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: {value!r} is not in the text")
    if near is not None:  # the occurrence closest to the trigger
        starts = [i for i in range(len(text)) if text.startswith(value, i)]
        start = min(starts, key=lambda i: (abs(i - near), i))
    return (start, start + len(value))


def parse_item(row: dict, where: str) -> Item:
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: no text")
    label, plover = row.get("label"), row.get("plover")
    if label != NONE and label not in ACLED_SUB_EVENT_NAMES:
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: unknown label {label!r}")
    if plover != NONE and plover not in PLOVER_TYPES:
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: unknown PLOVER type {plover!r}")
    modality = row.get("modality") or "asserted"
    if modality not in MODALITIES:
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: unknown modality {modality!r}")
    trigger = _span(text, row.get("trigger"), f"{where} trigger")
    near = trigger[0] if trigger else None
    pairs = []
    for i, rel in enumerate(row.get("relations") or []):
        if rel.get("type") not in RELATION_TYPES:
            raise FlashpointError(EVAL_DATA_INVALID, f"{where}: relation type {rel.get('type')!r}")
        a = _span(text, rel.get("a"), f"{where} relation {i} a")
        b = _span(text, rel.get("b"), f"{where} relation {i} b")
        if a and b and a != b:
            pairs.append(PairLabel(a, b, rel["type"]))
    counts = {}
    for key in ("killed", "injured"):
        value = row.get(key)
        if value is not None and (not isinstance(value, int) or value < 0):
            raise FlashpointError(EVAL_DATA_INVALID, f"{where}: {key} must be a count")
        counts[key] = value
    return Item(
        id=str(row.get("id")),
        text=text,
        label=label,
        plover=plover,
        theatre=str(row.get("theatre") or "other"),
        style=str(row.get("style") or "wire"),
        mode=row.get("mode"),
        trigger=trigger,
        source=_span(text, row.get("source"), f"{where} source", near),
        target=_span(text, row.get("target"), f"{where} target", near),
        modality=modality,
        killed=counts["killed"],
        injured=counts["injured"],
        relations=tuple(pairs),
    )


def load_corpus(paths: Iterable[Path]) -> list[Item]:
    """Every item of the files, in file then line order; ids must be unique."""
    items: list[Item] = []
    seen: set[str] = set()
    for path in paths:
        if not path.is_file():
            raise FlashpointError(INPUT_NOT_FOUND, f"training file not found: {path}")
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FlashpointError(EVAL_DATA_INVALID, f"{where}: not JSON ({exc})") from exc
            item = parse_item(row, where)
            if item.id in seen:
                raise FlashpointError(EVAL_DATA_INVALID, f"{where}: duplicate id {item.id}")
            seen.add(item.id)
            items.append(item)
    return items
