"""Writing false positives and false negatives, each with its sentence, for error analysis."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from flashpoint.errors import EVAL_OUTPUT_UNWRITABLE, FlashpointError

_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (by punctuation and line breaks) that holds `text[start:end]`.

    A plain splitter is enough here: the sentence only helps a person read the error.
    When the span crosses a boundary, the sentences it touches are joined.
    """
    left = 0
    right = len(text)
    for match in _BOUNDARY.finditer(text):
        if match.end() <= start:
            left = match.end()
        elif match.start() >= end:
            right = match.start()
            break
    return text[left:right].strip()


def write_errors(path: str | Path, records: Iterable[dict[str, Any]]) -> int:
    """Write one JSON object per line; returns how many were written."""
    count = 0
    try:
        with Path(path).open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    except OSError as exc:
        raise FlashpointError(
            EVAL_OUTPUT_UNWRITABLE, f"cannot write errors to {path}: {exc.strerror}"
        ) from exc
    return count
