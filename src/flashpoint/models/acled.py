"""ACLED's sub-event types under the short codes of the CASE 2021 fine-grained task.

The table is data (`data/models/acled_labels.yaml`); this module only reads it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from flashpoint.model import AcledCode


@cache
def _table() -> dict[str, dict[str, str]]:
    text = (resources.files("flashpoint") / "data" / "models" / "acled_labels.yaml").read_text(
        "utf-8"
    )
    return yaml.safe_load(text)["labels"]


def _names() -> dict[str, str]:
    return {code: row["sub_event_type"] for code, row in _table().items()}


def _types() -> dict[str, str]:
    return {code: row["event_type"] for code, row in _table().items()}


ACLED_SUB_EVENT_NAMES: dict[str, str] = _names()
ACLED_EVENT_TYPES: dict[str, str] = _types()
CODE_BY_NAME: dict[str, str] = {name.lower(): code for code, name in ACLED_SUB_EVENT_NAMES.items()}


def acled_code(label: str) -> AcledCode | None:
    """The ACLED event and sub-event type of a short code ("AIR_STRIKE"), None for NONE."""
    if label not in ACLED_SUB_EVENT_NAMES:
        return None
    return AcledCode(
        event_type=ACLED_EVENT_TYPES[label], sub_event_type=ACLED_SUB_EVENT_NAMES[label]
    )


def label_of(acled: AcledCode | None) -> str | None:
    """The short code of an ACLED sub-event type name, or None."""
    if acled is None:
        return None
    return CODE_BY_NAME.get(acled.sub_event_type.lower())


def default_plover(label: str) -> tuple[str, str | None]:
    """The PLOVER type and mode an event of this ACLED kind gets when nothing better is known."""
    row = _table()[label]
    return row["plover"], row.get("mode")


def cue_lemmas(label: str) -> frozenset[str]:
    return frozenset(_table()[label].get("cues", ()))
