"""The published JSON Schema of `flashpoint analyze --json`, generated from the typed records.

The shipped copy (`data/schema/analysis.schema.json`) is what other tools validate against;
a test keeps it identical to what the records generate, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from importlib import resources

from flashpoint.model import SCHEMA_VERSION, Analysis

SCHEMA_ID = "https://flashpoint.invalid/schema/analysis.schema.json"


def generate_schema() -> dict:
    """The schema of one analysis. Later versions may add fields, so consumers must accept
    properties they do not know: the records forbid extras, the published schema does not."""
    schema = _open(Analysis.model_json_schema(by_alias=True, mode="serialization"))
    schema["title"] = f"flashpoint analysis, schema version {SCHEMA_VERSION}"
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def _open(node):  # noqa: ANN001, ANN202
    if isinstance(node, dict):
        return {k: _open(v) for k, v in node.items() if k != "additionalProperties"}
    if isinstance(node, list):
        return [_open(v) for v in node]
    return node


def shipped_schema() -> dict:
    path = resources.files("flashpoint") / "data" / "schema" / "analysis.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


def schema_text() -> str:
    return json.dumps(generate_schema(), indent=2, ensure_ascii=False) + "\n"
