"""The shipped gazetteer: compiled once from PyPI GeoNames data and the curated files."""

from __future__ import annotations

import pytest

from flashpoint.geo.gazetteer import Gazetteer
from flashpoint.geo.tools.compile import create_empty, current_stamp


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A stale index (an empty one) at a path: `load` must replace it with the real one."""
    path = tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite"
    create_empty(path)
    gaz = Gazetteer.load(path)
    yield gaz
    gaz.close()


def test_gazetteer_build_replaces_a_stale_index_once(built):
    assert built.meta()["stamp"] == current_stamp()
    before = built.path.stat().st_mtime_ns
    again = Gazetteer.load(built.path)
    assert again.path.stat().st_mtime_ns == before  # fresh: opened, not rebuilt
    again.close()


def test_gazetteer_build_stamp_follows_extra_feature_files(tmp_path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("features: []\n", encoding="utf-8")
    first = current_stamp([extra])
    extra.write_text(
        "features:\n  - {name: Camp X, feature: site, lat: 1.0, lon: 2.0}\n", encoding="utf-8"
    )
    assert current_stamp([extra]) != first
    assert current_stamp() != first


@pytest.mark.parametrize(
    ("name", "country", "feature"),
    [
        ("Euphrates", "SY", "river"),
        ("Golan Heights", "SY", "region"),
        ("Donbas", "UA", "region"),
        ("Idlib", "SY", "admin1"),
        ("Deir ez-Zor", "SY", "city"),
        ("Iraq", "IQ", "country"),
        ("U.S.", "US", "country"),
    ],
)
def test_gazetteer_build_knows_places_news_names(built, name, country, feature):
    found = {(e.country, e.feature) for e in built.search(name)}
    assert (country, feature) in found


def test_gazetteer_build_transliteration_falls_back_to_skeleton(built):
    found = built.lookup("Deir el-Zour")
    assert found and {e.name for e, _ in found} == {"Deir ez-Zor"}
    assert {m for _, m in found} <= {"alt", "skeleton", "name"}
    assert built.lookup("Qwertyvillezzz") == []


def test_gazetteer_build_get_and_demonyms(built):
    assert built.get(170794).name == "Deir ez-Zor"
    assert built.demonyms()["iraqi"] == "IQ"
    assert built.country("sy").name == "Syria"


def test_gazetteer_build_unwritable_cache_is_a_user_error(tmp_path):
    from flashpoint.errors import FlashpointError

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.raises(FlashpointError) as caught:
        Gazetteer.load(blocker / "gazetteer.sqlite")
    assert "FLASHPOINT_CACHE" in caught.value.message


def test_a_named_file_that_is_not_a_gazetteer_is_never_overwritten(tmp_path):
    from typer.testing import CliRunner

    from flashpoint.cli import _register, app
    from flashpoint.errors import FlashpointError
    from flashpoint.geo.gazetteer import Gazetteer

    precious = tmp_path / "notes.db"
    content = b"SQLite format 3\x00 but really somebody's notes" * 50
    precious.write_bytes(content)
    with pytest.raises(FlashpointError, match="not a flashpoint gazetteer"):
        Gazetteer.load(precious)
    _register()
    result = CliRunner().invoke(app, ["gazetteer", "build", "--gazetteer", str(precious)])
    assert result.exit_code != 0
    assert isinstance(result.exception, FlashpointError)
    assert "refusing to overwrite" in str(result.exception)
    assert precious.read_bytes() == content
