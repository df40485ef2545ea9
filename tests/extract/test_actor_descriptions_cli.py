"""The installed `flashpoint analyze --json` carries the generic groups and role mentions as
actor mentions a user sees, with offsets into the text, and no relation ends on them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARTICLE = (
    "Gen. Joseph L. Votel, U.S. Central Command commander, said on Monday that the "
    "coalition would keep supporting its partners in Syria. Enemy fighters shelled the "
    "villages and the victims were taken to hospitals in Hasakah.\n"
)


def test_cli_analyze_json_gives_generic_groups_and_roles_as_mentions(tmp_path: Path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    command = Path(sys.executable).with_name("flashpoint")
    result = subprocess.run(
        [str(command), "analyze", str(article), "--json"], capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr.decode()
    data = json.loads(result.stdout)
    text = data["document"]["text"]
    actors = {a["name"]: a for a in data["actors"]}
    for actor in data["actors"]:
        for m in actor["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert [m["text"] for m in actors["partners"]["mentions"]] == ["its partners"]
    assert actors["partners"]["known"] is False
    assert "U.S. Central Command commander" in [
        m["text"] for m in actors["Joseph L. Votel"]["mentions"]
    ]
    generic = {a["id"] for a in data["actors"] if a["name"] in {"partners", "victims"}}
    ends = {r["source"] for r in data["relations"]} | {r["target"] for r in data["relations"]}
    assert generic and not generic & ends
