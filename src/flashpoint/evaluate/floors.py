"""Quality floors: the figures CI must not drop below, kept in `data/eval/floors.yaml`.

Each floor names a figure by its dotted path in an eval's JSON result
(e.g. `relations.per_type.enemy_of.f1` in `flashpoint eval re3d --json`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flashpoint.errors import EVAL_DATA_INVALID, FlashpointError
from flashpoint.evaluate.resources import load_eval_data


def figure(result: Mapping[str, Any], dotted: str) -> float:
    """The number at a dotted path in a result dict."""
    value: Any = result
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise FlashpointError(EVAL_DATA_INVALID, f"no figure {dotted!r} in the eval result")
        value = value[part]
    if not isinstance(value, int | float):
        raise FlashpointError(EVAL_DATA_INVALID, f"{dotted!r} is not a number")
    return float(value)


def load_floors() -> dict[str, dict[str, float]]:
    """Floors per eval name (re3d, plover, ...)."""
    data = load_eval_data("floors.yaml")
    return {name: dict(values or {}) for name, values in data.items()}


def below_floors(
    eval_name: str, result: Mapping[str, Any], floors: Mapping[str, Mapping[str, float]]
) -> list[str]:
    """One line per figure of `eval_name` that is under its floor; empty when all hold."""
    failures = []
    for dotted, floor in floors.get(eval_name, {}).items():
        value = figure(result, dotted)
        if value < float(floor):
            failures.append(f"{eval_name} {dotted} = {value:.4f} < floor {float(floor):.4f}")
    return failures
