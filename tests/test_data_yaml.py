"""Shipped YAML data has no repeated keys: YAML keeps the last silently, losing the first."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "data"


class _StrictLoader(yaml.SafeLoader):
    pass


def _mapping(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise AssertionError(f"key {key!r} repeated at line {key_node.start_mark.line + 1}")
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


@pytest.mark.parametrize("path", sorted(DATA.rglob("*.yaml")), ids=lambda p: p.name)
def test_data_file_has_no_repeated_keys(path: Path):
    yaml.load(path.read_text("utf-8"), Loader=_StrictLoader)


def test_the_strict_loader_catches_a_repeat():
    with pytest.raises(AssertionError, match="repeated"):
        yaml.load("a: 1\nb: 2\na: 3\n", Loader=_StrictLoader)
