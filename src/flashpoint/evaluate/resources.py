"""Loading the eval mapping files shipped in `flashpoint/data/eval/`, with user overrides.

A user's YAML file is merged over the shipped one key by key (one level deep for mappings),
so an analyst can add a type name or change one rule without copying the whole file.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import EVAL_DATA_INVALID, INPUT_NOT_FOUND, FlashpointError


def _read_yaml(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise FlashpointError(EVAL_DATA_INVALID, f"{where}: expected a mapping at the top")
    return data


def load_eval_data(name: str, user_file: str | Path | None = None) -> dict[str, Any]:
    """The shipped `data/eval/<name>` mapping, with `user_file` merged over it when given."""
    shipped = (resources.files("flashpoint") / "data" / "eval" / name).read_text("utf-8")
    data = _read_yaml(shipped, name)
    if user_file is None:
        return data
    path = Path(user_file)
    if not path.is_file():
        raise FlashpointError(INPUT_NOT_FOUND, f"mapping file not found: {path}")
    for key, value in _read_yaml(path.read_text("utf-8"), str(path)).items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key] = {**data[key], **value}
        else:
            data[key] = value
    return data
