"""Every way a single input can be wrong ends in one FlashpointError with its own code."""

from __future__ import annotations

import io

import pytest

from flashpoint import errors
from flashpoint.errors import FlashpointError
from flashpoint.ingest import DEFAULT_MAX_BYTES, document_from_text, load_document
from flashpoint.pipeline import document_id

ARTICLE = (
    "Government troops and rebel fighters clashed on Tuesday near the northern town of "
    "Kafr Nabl, according to local officials.\n\n"
    "The fighting forced hundreds of families to leave their homes, and aid workers said that "
    "the road to the border was closed for most of the day. A commander of the rebel brigade "
    "told reporters that his men would hold their positions until the army withdrew."
)
FRENCH = (
    "Les forces gouvernementales et les combattants rebelles se sont affrontés mardi près de la "
    "ville de Kafr Nabl, selon des responsables locaux. Les combats ont forcé des centaines de "
    "familles à quitter leurs maisons et la route vers la frontière est restée fermée pendant "
    "la journée. Un commandant de la brigade a déclaré que ses hommes tiendraient leurs "
    "positions jusqu'au retrait de l'armée, tandis que les habitants attendaient une trêve."
)
ARABIC = (
    "اشتبكت القوات الحكومية مع مقاتلين من المعارضة يوم الثلاثاء قرب بلدة كفرنبل في الشمال "
    "بحسب مسؤولين محليين وأجبر القتال مئات العائلات على مغادرة منازلها وقال عمال الإغاثة إن "
    "الطريق إلى الحدود بقي مغلقا معظم اليوم وقال قائد في الفصيل إن رجاله سيبقون في مواقعهم "
    "حتى ينسحب الجيش من المنطقة وينتظر السكان هدنة جديدة بين الطرفين في الأيام المقبلة"
)
RUSSIAN = (
    "Правительственные войска и повстанцы столкнулись во вторник у северного города Кафр-Набль, "
    "сообщили местные чиновники. Бои вынудили сотни семей покинуть свои дома, а дорога к границе "
    "была закрыта большую часть дня. Командир бригады заявил журналистам, что его бойцы будут "
    "удерживать позиции, пока армия не отступит, а жители ждут нового перемирия между сторонами."
)


def _write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def _code(excinfo) -> str:
    return excinfo.value.code


def test_load_reads_a_plain_text_file(tmp_path):
    doc = load_document(_write(tmp_path, "a.txt", ARTICLE.encode()))
    assert doc.text == ARTICLE
    assert doc.id == document_id(ARTICLE)
    assert doc.language == "en"
    assert doc.published is None  # never today's date by default


def test_load_keeps_user_metadata(tmp_path):
    import datetime as dt

    doc = load_document(
        _write(tmp_path, "a.txt", ARTICLE.encode()),
        title="T",
        outlet="Example Wire",
        published=dt.date(2017, 9, 12),
    )
    assert (doc.title, doc.outlet, doc.published) == ("T", "Example Wire", dt.date(2017, 9, 12))


def test_load_missing_file(tmp_path):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(str(tmp_path / "nope.txt"))
    assert _code(excinfo) == errors.INPUT_NOT_FOUND
    assert "nope.txt" in excinfo.value.message


def test_load_directory_is_not_a_file(tmp_path):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(str(tmp_path))
    assert _code(excinfo) == errors.INPUT_NOT_FOUND


@pytest.mark.parametrize("data", [b"", b"   \n\n\t  \n", "\ufeff  \n".encode()])
def test_load_empty_or_whitespace(tmp_path, data):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(_write(tmp_path, "e.txt", data))
    assert _code(excinfo) == errors.INPUT_EMPTY


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.4\x00\x01\x02\x03" + bytes(range(256)) * 4,
        b"\x89PNG\r\n\x1a\n" + b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100,
        ARTICLE.encode() + b"\x00" + ARTICLE.encode(),
    ],
)
def test_load_binary_is_refused_before_decoding(tmp_path, data):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(_write(tmp_path, "b.txt", data))
    assert _code(excinfo) == errors.INPUT_BINARY


def test_load_too_large_file_is_refused_from_its_size(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:  # sparse: 50 MB on paper, nothing on disk
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(FlashpointError) as excinfo:
        load_document(str(path))
    assert _code(excinfo) == errors.INPUT_TOO_LARGE
    assert f"{DEFAULT_MAX_BYTES:,}" in excinfo.value.message


def test_load_respects_a_smaller_limit(tmp_path):
    source = _write(tmp_path, "a.txt", ARTICLE.encode())
    with pytest.raises(FlashpointError) as excinfo:
        load_document(source, max_bytes=100)
    assert _code(excinfo) == errors.INPUT_TOO_LARGE
    assert load_document(source, max_bytes=len(ARTICLE.encode())).text == ARTICLE


def test_load_latin1_needs_an_encoding(tmp_path):
    text = ARTICLE.replace("Kafr Nabl", "Kafr Nabl (Idlib governorate, café district)")
    source = _write(tmp_path, "l.txt", text.encode("latin-1"))
    with pytest.raises(FlashpointError) as excinfo:
        load_document(source)
    assert _code(excinfo) == errors.INPUT_ENCODING
    assert "--encoding latin-1" in excinfo.value.message
    assert "café district" in load_document(source, encoding="latin-1").text


def test_load_unknown_encoding_name(tmp_path):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(_write(tmp_path, "a.txt", ARTICLE.encode()), encoding="no-such-codec")
    assert _code(excinfo) == errors.INPUT_ENCODING


def test_load_utf8_bom_is_fine(tmp_path):
    doc = load_document(_write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + ARTICLE.encode()))
    assert doc.text == ARTICLE


def test_load_utf16_names_the_encoding(tmp_path):
    source = _write(tmp_path, "u16.txt", ARTICLE.encode("utf-16"))
    with pytest.raises(FlashpointError) as excinfo:
        load_document(source)
    assert _code(excinfo) == errors.INPUT_ENCODING
    assert load_document(source, encoding="utf-16").text == ARTICLE


@pytest.mark.parametrize("text", [FRENCH, ARABIC, RUSSIAN])
def test_load_non_english_is_refused(tmp_path, text):
    assert len(text.split()) >= 50
    source = _write(tmp_path, "f.txt", text.encode())
    with pytest.raises(FlashpointError) as excinfo:
        load_document(source)
    assert _code(excinfo) == errors.INPUT_NOT_ENGLISH
    assert load_document(source, check_language=False).text == text


@pytest.mark.parametrize(
    "text",
    [
        "Shelling hit Marib overnight.",
        "Houthi forces shelled Marib.",
        "Present at the talks in Astana: Sergei Lavrov, Mevlut Cavusoglu, Mohammad Javad Zarif, "
        "Staffan de Mistura, Bashar al-Jaafari, Mohammed Alloush, Ahmed Berri, Yahya al-Aridi, "
        "Alexander Lavrentiev, Hossein Jaberi Ansari, Sedat Onal and Jaber Ansari, plus Kazakh "
        "hosts Kairat Abdrakhmanov and Nursultan Nazarbayev, with observers from Jordan.",
    ],
)
def test_load_short_or_name_heavy_english_passes(text):
    assert document_from_text(text).text == text


def test_load_only_boilerplate_leaves_no_text(tmp_path):
    data = b"Advertisement\n\nShare this article\n\nSubscribe to our newsletter"
    with pytest.raises(FlashpointError) as excinfo:
        load_document(_write(tmp_path, "bp.txt", data))
    assert _code(excinfo) == errors.INPUT_NO_TEXT


def test_load_from_stdin():
    doc = load_document("-", stdin=io.BytesIO(ARTICLE.encode()))
    assert doc.text == ARTICLE


def test_load_stdin_reads_at_most_the_limit():
    stream = io.BytesIO(ARTICLE.encode() * 10)
    with pytest.raises(FlashpointError) as excinfo:
        load_document("-", stdin=stream, max_bytes=1000)
    assert _code(excinfo) == errors.INPUT_TOO_LARGE
    assert stream.tell() == 1001


def test_load_stdin_html_is_sniffed():
    page = f"<!DOCTYPE html><html><body><article><p>{ARTICLE}</p></article></body></html>"
    doc = load_document("-", stdin=io.BytesIO(page.encode()))
    assert "<p>" not in doc.text
    assert "Kafr Nabl" in doc.text


def test_load_error_prints_as_one_line(tmp_path):
    with pytest.raises(FlashpointError) as excinfo:
        load_document(_write(tmp_path, "f.txt", FRENCH.encode()))
    line = str(excinfo.value)
    assert line.startswith(f"error[{errors.INPUT_NOT_ENGLISH}]: ")
    assert "\n" not in line
