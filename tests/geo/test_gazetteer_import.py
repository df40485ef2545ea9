"""`flashpoint gazetteer import` on a small sample in GeoNames' own dump format.

The sample (facts only) is written by the tests; other geo tests load `sample_gazetteer` from
this module too.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from flashpoint.errors import FlashpointError

# geonameid, name, asciiname, alternatenames, lat, lon, class, code, country, admin1, population
PLACES = [
    (
        163843,
        "Syria",
        "Syria",
        "Syrian Arab Republic",
        35.0,
        38.0,
        "A",
        "PCLI",
        "SY",
        "00",
        22198110,
    ),
    (
        272103,
        "Lebanon",
        "Lebanon",
        "Lebanese Republic",
        33.83333,
        35.83333,
        "A",
        "PCLI",
        "LB",
        "00",
        4125247,
    ),
    (2215636, "Libya", "Libya", "", 28.0, 17.0, "A", "PCLI", "LY", "00", 6461454),
    (99237, "Iraq", "Iraq", "Republic of Iraq", 33.0, 44.0, "A", "PCLI", "IQ", "00", 29671605),
    (
        172955,
        "Ar Raqqah",
        "Ar Raqqah",
        "Raqqa,Ar-Raqqah,Raqqah,Rakka",
        35.95283,
        39.00788,
        "P",
        "PPLA",
        "SY",
        "04",
        531952,
    ),
    (
        170794,
        "Deir ez-Zor",
        "Deir ez-Zor",
        "Dayr az Zawr,Deir el-Zor",
        35.33588,
        40.14084,
        "P",
        "PPLA",
        "SY",
        "07",
        271800,
    ),
    (
        173811,
        "Al Hasakah",
        "Al Hasakah",
        "Al-Hasakah,Hasakah",
        36.50237,
        40.74772,
        "P",
        "PPLA",
        "SY",
        "01",
        188160,
    ),
    (
        266826,
        "Tripoli",
        "Tripoli",
        "Trablous,Tarabulus",
        34.43352,
        35.84415,
        "P",
        "PPLA",
        "LB",
        "09",
        229398,
    ),
    (
        2210247,
        "Tripoli",
        "Tripoli",
        "Tarabulus,Tripoli of Libya",
        32.88743,
        13.18733,
        "P",
        "PPLC",
        "LY",
        "77",
        1150989,
    ),
    (
        276781,
        "Beirut",
        "Beirut",
        "Bayrut,Beyrouth",
        33.89332,
        35.50157,
        "P",
        "PPLC",
        "LB",
        "04",
        1916100,
    ),
    (
        2214846,
        "Misratah",
        "Misratah",
        "Misrata,Misurata",
        32.37535,
        15.09254,
        "P",
        "PPLA",
        "LY",
        "72",
        386120,
    ),
    (7000001, "Euphrates", "Euphrates", "Al-Furat,Firat", 31.0, 47.44, "H", "STM", "IQ", "00", 0),
    (7000002, "Al-Tanf", "Al-Tanf", "Tanf,At Tanf", 33.51, 38.62, "S", "MILB", "SY", "00", 0),
]
ADMIN1 = [
    ("SY.04", "Raqqa Governorate", "Raqqa Governorate", 163915),
    ("LB.09", "North Governorate", "North Governorate", 266997),
]
ALTERNATE = [
    (1, 172955, "en", "Raqqa City"),
    (2, 276781, "link", "https://example.org/beirut"),
    (3, 170794, "en", "Deir Ezzor"),
]


def geonames_line(row: tuple) -> str:
    gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc, admin1, pop = row
    cols = [
        gid,
        name,
        ascii_name,
        alts,
        lat,
        lon,
        fclass,
        fcode,
        cc,
        "",
        admin1,
        "",
        "",
        "",
        pop,
        "",
        "",
        "Asia/Damascus",
        "2024-01-01",
    ]
    return "\t".join(str(c) for c in cols)


def write_sample(folder: Path, zipped: bool = True) -> list[Path]:
    """Write a country dump, an admin1 code file and an alternate-names zip; return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    places = "\n".join(geonames_line(r) for r in PLACES) + "\n"
    if zipped:
        dump = folder / "XX.zip"
        with zipfile.ZipFile(dump, "w") as archive:
            archive.writestr("XX.txt", places)
    else:
        dump = folder / "XX.txt"
        dump.write_text(places, encoding="utf-8")
    admin1 = folder / "admin1CodesASCII.txt"
    admin1.write_text("\n".join("\t".join(map(str, r)) for r in ADMIN1) + "\n", encoding="utf-8")
    alternate = folder / "alternateNamesV2.zip"
    lines = "\n".join("\t".join(map(str, r)) + "\t\t\t\t\t\t" for r in ALTERNATE) + "\n"
    with zipfile.ZipFile(alternate, "w") as archive:
        archive.writestr("alternateNamesV2.txt", lines)
    return [dump, admin1, alternate]


def sample_gazetteer(folder: Path):
    """An index holding only the sample places (built through the import path)."""
    from flashpoint.geo.gazetteer import Gazetteer
    from flashpoint.geo.tools.compile import create_empty
    from flashpoint.geo.tools.importer import import_files

    db = create_empty(folder / "sample.sqlite")
    import_files(db, write_sample(folder / "dumps"))
    return Gazetteer.open(db)


# ---- tests of the import path -----------------------------------------------------------------


@pytest.fixture
def gazetteer(tmp_path):
    gaz = sample_gazetteer(tmp_path)
    yield gaz
    gaz.close()


def test_gazetteer_import_finds_places_by_name_and_alternate(gazetteer):
    assert [e.geonameid for e in gazetteer.search("Raqqa")] == [172955]
    assert gazetteer.search("Ar-Raqqah")[0].country == "SY"
    tripolis = {e.country for e in gazetteer.search("Tripoli")}
    assert tripolis == {"LB", "LY"}


def test_gazetteer_import_get_by_id_carries_feature_and_population(gazetteer):
    entry = gazetteer.get(2210247)
    assert entry is not None and entry.feature == "city" and entry.population == 1150989
    assert gazetteer.get(123) is None
    assert gazetteer.get(7000001).feature == "river"
    assert gazetteer.get(7000002).feature == "site"


def test_gazetteer_import_admin1_codes_name_the_divisions_of_places(gazetteer):
    assert gazetteer.get(172955).admin1 == "Raqqa Governorate"
    assert gazetteer.get(266826).admin1 == "North Governorate"


def test_gazetteer_import_alternate_names_skip_links(gazetteer):
    assert gazetteer.search("Raqqa City")[0].geonameid == 172955
    assert gazetteer.search("Deir Ezzor")[0].geonameid == 170794
    assert gazetteer.search("https://example.org/beirut") == []


def test_gazetteer_import_plain_text_dump(tmp_path):
    from flashpoint.geo.gazetteer import Gazetteer
    from flashpoint.geo.tools.compile import create_empty
    from flashpoint.geo.tools.importer import import_files

    db = create_empty(tmp_path / "g.sqlite")
    files = write_sample(tmp_path / "dumps", zipped=False)
    reports = import_files(db, files[:1])
    assert reports[0].added == len(PLACES)
    again = import_files(db, files[:1])  # importing twice updates, never duplicates
    assert again[0].added == 0 and again[0].updated == len(PLACES)
    gaz = Gazetteer.open(db)
    assert len(gaz.search("Beirut")) == 1


def test_gazetteer_import_rejects_short_rows(tmp_path):
    from flashpoint.geo.tools.compile import create_empty
    from flashpoint.geo.tools.importer import import_files

    bad = tmp_path / "XX.txt"
    bad.write_text("1\tOnly\tthree\n", encoding="utf-8")
    with pytest.raises(FlashpointError) as caught:
        import_files(create_empty(tmp_path / "g.sqlite"), [bad])
    assert "columns" in caught.value.message


def test_gazetteer_import_missing_file_is_a_user_error(tmp_path):
    from flashpoint.geo.tools.compile import create_empty
    from flashpoint.geo.tools.importer import import_files

    with pytest.raises(FlashpointError):
        import_files(create_empty(tmp_path / "g.sqlite"), [tmp_path / "nope.zip"])


def test_gazetteer_open_missing_index_is_a_user_error(tmp_path):
    from flashpoint.geo.gazetteer import Gazetteer

    with pytest.raises(FlashpointError):
        Gazetteer.open(tmp_path / "missing.sqlite")
