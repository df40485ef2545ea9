"""ACLED's codes as data: the shipped tables in `flashpoint/data/export/`, which a user extends
or overrides with files of the same name in the folders of FLASHPOINT_EXPORT_DATA
(os.pathsep-separated), without editing the package.

    >>> codes = AcledCodes.load()
    >>> codes.country("SY").name, codes.country("SY").region
    ('Syria', 'Middle East')
    >>> codes.interaction(2, 1), codes.interaction(None, 7)
    (12, 70)
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from flashpoint.errors import EXPORT_FAILED, FlashpointError

ENV = "FLASHPOINT_EXPORT_DATA"


@dataclass(frozen=True)
class AcledCountry:
    alpha2: str
    name: str
    region: str
    iso: int | None
    iso3: str


def _read(name: str) -> dict[str, Any]:
    """The shipped table `name`, with every user file of that name laid over it key by key."""
    texts = [(resources.files("flashpoint") / "data" / "export" / name).read_text("utf-8")]
    for folder in (p for p in os.environ.get(ENV, "").split(os.pathsep) if p):
        path = Path(folder) / name
        if path.is_file():
            texts.append(path.read_text("utf-8"))
    merged: dict[str, Any] = {}
    for text in texts:
        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as exc:
            raise FlashpointError(EXPORT_FAILED, f"invalid {name}: {exc}") from exc
        if not isinstance(data, dict):
            raise FlashpointError(EXPORT_FAILED, f"invalid {name}: expected a mapping")
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            else:
                merged[key] = value
    return merged


@dataclass(frozen=True)
class AcledCodes:
    """The tables behind the ACLED columns; see `data/export/acled.yaml` for what each means."""

    rules: dict[str, Any]
    countries: dict[str, AcledCountry]

    @classmethod
    def load(cls) -> AcledCodes:
        """The shipped tables with the user's files over them (read once per environment)."""
        return _load(os.environ.get(ENV, ""))

    def country(self, alpha2: str | None) -> AcledCountry | None:
        """The country as ACLED names it, from an ISO 3166 alpha-2 code."""
        return self.countries.get((alpha2 or "").upper()) if alpha2 else None

    def inter(self, kind: str | None, actor_country: str | None, event_country: str | None) -> int:
        """ACLED's actor type code (0 when the kind has none); state forces abroad are external."""
        code = int(self.rules["inter_by_kind"].get(kind or "", 0) or 0)
        if code == 1 and actor_country and event_country and actor_country != event_country:
            return int(self.rules["foreign_state_forces"])
        return code

    @staticmethod
    def interaction(inter1: int | None, inter2: int | None) -> int | None:
        """The two-digit code: both actor types, smaller first; one actor alone is 'X0'."""
        codes = sorted(c for c in (inter1, inter2) if c)
        if not codes:
            return None
        return codes[0] * 10 + (codes[1] if len(codes) == 2 else 0)

    def disorder_type(self, event_type: str | None) -> str:
        return str(self.rules["disorder_by_event_type"].get(event_type or "", ""))

    def civilian_targeting(self, inter1: int | None, inter2: int | None, disorder: str) -> str:
        rule = self.rules["civilian_targeting"]
        hit = rule["inter"] in (inter1, inter2) and disorder in rule["disorder_types"]
        return str(rule["value"]) if hit else ""

    def time_precision(self, precision: str, start: dt.date | None, end: dt.date | None) -> int:
        """1 a known day, 2 a span of a few days up to a month, 3 anything coarser."""
        rule = self.rules["time_precision"]
        if start is None:
            return int(rule["coarser"])
        days = ((end or start) - start).days
        if precision == "day" and days == 0:
            return int(rule["day"])
        if precision in ("day", "range") and days <= int(rule["range_days"]):
            return int(rule["range"])
        return int(rule["coarser"])

    def geo_precision(self, feature: str | None) -> int:
        table = self.rules["geo_precision_by_feature"]
        return int(table.get(feature or "", self.rules["geo_precision_default"]))


@cache
def _load(_env: str) -> AcledCodes:
    rules = _read("acled.yaml")
    countries = {}
    for code, row in _read("acled_countries.yaml").items():
        code = str(code).upper()
        countries[code] = AcledCountry(
            alpha2=code,
            name=str(row["country"]),
            region=str(row["region"]),
            iso=row.get("iso"),
            iso3=str(row.get("iso3") or "XXX"),
        )
    return AcledCodes(rules=rules, countries=countries)
